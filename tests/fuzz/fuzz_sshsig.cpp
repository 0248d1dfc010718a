// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: an armored SSH signature (SSHSIG) over a fixed message. Hostile input must
// give a verdict, never an exception or a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perechen/ssh/sshsig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto verification = perechen::ssh::verify(
      std::string_view(reinterpret_cast<const char*>(data), size), "tree 0\n\nmessage\n", "git");
  (void)verification;
  return 0;
}
