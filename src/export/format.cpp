// SPDX-License-Identifier: Apache-2.0
#include "perechen/export/format.hpp"

namespace perechen::exporting {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "html")
    return Format::html;
  if (name == "csv")
    return Format::csv;
  if (name == "json")
    return Format::json;
  if (name == "md")
    return Format::md;
  if (name == "xlsx")
    return Format::xlsx;
  if (name == "docx")
    return Format::docx;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::html:
      return "html";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
    case Format::md:
      return "md";
    case Format::xlsx:
      return "xlsx";
    case Format::docx:
      return "docx";
  }
  return "html";
}

bool is_binary(Format format) {
  return format == Format::xlsx || format == Format::docx;
}

std::string write(const Document& doc, Format format, const WriteOptions& options) {
  switch (format) {
    case Format::html:
      return write_html(doc, options.fragment, options.with_style);
    case Format::csv:
      return write_csv(doc, options.excel);
    case Format::json:
      return write_json(doc);
    case Format::md:
      return write_md(doc);
    case Format::xlsx:
      return write_xlsx(doc, options);
    case Format::docx:
      return write_docx(doc, options);
  }
  return {};
}

}  // namespace perechen::exporting
