// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>

#include "perechen/exit_code.hpp"

namespace perechen {

// A broken precondition that stops a command (not a registry, git failed, a usage mistake found
// late). Thrown by library code, caught in exactly one place in main(), which prints what() and
// exits with code(). Expected problems of the user's files are Diagnostics, not exceptions.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace perechen
