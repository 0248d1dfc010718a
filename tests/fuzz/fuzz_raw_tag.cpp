// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the bytes of a tag object, as a publication record is read (git::
// parse_raw_tag), then its signature, if any, checked over its payload as an approval's is. Hostile
// input must give a verdict, never an exception or a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perechen/approval/signature.hpp"
#include "perechen/git/raw_tag.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  perechen::git::RawTag tag =
      perechen::git::parse_raw_tag(std::string_view(reinterpret_cast<const char*>(data), size));
  auto check = perechen::approval::check_signature(tag.signature, tag.signed_payload, tag.time);
  (void)check;
  return 0;
}
