// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: perechen import's reader of .docx files and then the mapper (into a new
// registry), which must end in tables or a perechen::Error, never a crash. The bytes are a whole
// file when they start with "PK", else word/document.xml (zip_input.hpp).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "zip_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  perechen::fuzz::read_zip_format(std::string_view(reinterpret_cast<const char*>(data), size),
                                  perechen::importing::Format::docx, "fuzz.docx", {},
                                  {"word/document.xml"});
  return 0;
}
