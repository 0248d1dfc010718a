// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the YAML reader (src/yaml/) on any bytes. It must give a tree or findings,
// never crash, leak or hang.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perechen/yaml/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse(
      "fuzz.yaml", std::string_view(reinterpret_cast<const char*>(data), size), found);
  (void)tree;
  return 0;
}
