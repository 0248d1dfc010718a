// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: an OpenSSH public key line (roster.yaml `keys`) and, from the same bytes, a
// key blob.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "perechen/ssh/public_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto line =
      perechen::ssh::parse_public_key(std::string_view(reinterpret_cast<const char*>(data), size));
  auto blob = perechen::ssh::parse_public_key_blob(std::span<const std::uint8_t>(data, size));
  (void)line;
  (void)blob;
  return 0;
}
