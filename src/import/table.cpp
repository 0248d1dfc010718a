// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/text.hpp"
#include "reader.hpp"

namespace perechen::importing {

std::optional<Format> format_of(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  std::string extension = text::to_lower(file_name.substr(dot + 1));
  if (extension == "csv" || extension == "txt")
    return Format::csv;
  if (extension == "xlsx" || extension == "xlsm")
    return Format::xlsx;
  if (extension == "ods" || extension == "odt")
    return Format::ods;  // a text document's tables are the same table:table elements
  if (extension == "docx")
    return Format::docx;
  return std::nullopt;
}

std::vector<Table> read_tables(std::string_view bytes, Format format, std::string_view file_name) {
  try {
    if (bytes.size() > kMaxFileBytes)
      fail("import.file-too-large");
    switch (format) {
      case Format::csv:
        return read_csv(bytes);
      case Format::xlsx:
        return read_xlsx(bytes);
      case Format::ods:
        return read_ods(bytes);
      case Format::docx:
        return read_docx(bytes);
    }
    return {};
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", file_name, e.what()));
  }
}

}  // namespace perechen::importing
