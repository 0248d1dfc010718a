// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: perechen import's reader of .xlsx files and then the mapper (into a new
// registry), which must end in tables or a perechen::Error, never a crash. The bytes are a whole
// file when they start with "PK", else both the first sheet and the shared strings of a workbook
// (zip_input.hpp).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "zip_input.hpp"

namespace {

constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Target="worksheets/sheet1.xml" )"
    R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>)"
    R"(</Relationships>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  perechen::fuzz::read_zip_format(
      std::string_view(reinterpret_cast<const char*>(data), size),
      perechen::importing::Format::xlsx, "fuzz.xlsx",
      {{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kRels}},
      {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"});
  return 0;
}
