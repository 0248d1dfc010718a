// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "perechen/yaml/node.hpp"

namespace perechen {

// A value read from a registry file with the place it came from. `present` is false when the
// key was absent or its value had the wrong type (the field rules report that).
template <typename T>
struct Located {
  T value{};
  yaml::Position pos;
  bool present = false;
};

using LocatedText = Located<std::string>;

}  // namespace perechen
