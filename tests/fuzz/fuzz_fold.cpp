// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the name folding of rule 2.7 (text::fold_name, data/confusables.yaml) on any
// bytes, valid UTF-8 or not. It never throws, and it is idempotent: a folded name folds to itself,
// so two names with one key keep it however often they are compared. text::look_alike of every
// character decoded from the input is a lowered character of Basic Latin or Cyrillic (or none).
// Anything else aborts with the input shown.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "perechen/text.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& once,
                       const std::string& twice) {
  std::fprintf(stderr, "fuzz_fold: %s\ninput: %.*s\nonce:  %s\ntwice: %s\n", what,
               static_cast<int>(input.size()), input.data(), once.c_str(), twice.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string once = perechen::text::fold_name(input);
  const std::string twice = perechen::text::fold_name(once);
  if (once != twice)
    fail("fold_name(fold_name(x)) != fold_name(x)", input, once, twice);
  // Every code point of valid UTF-8 in the input: what it looks like is made of plain letters.
  for (std::size_t i = 0; i + 1 < size && i < 64; ++i) {
    char32_t c = static_cast<char32_t>(data[i]) << 8 | data[i + 1];
    auto looks = perechen::text::look_alike(c);
    if (!looks)
      continue;
    for (char32_t l : *looks) {
      bool plain =
          (l >= U'a' && l <= U'z') || (l >= U'0' && l <= U'9') || (l >= 0x0400 && l <= 0x04FF);
      if (!plain || perechen::text::look_alike(l))
        fail("look_alike gives what is not a plain letter, or folds again", input, once, twice);
    }
  }
  return 0;
}
