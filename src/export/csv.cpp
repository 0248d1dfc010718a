// SPDX-License-Identifier: Apache-2.0
// The list as CSV (RFC 4180): UTF-8, a header row, CRLF between records, a field in double quotes
// when it holds the separator, a quote or a line break. Lists inside a cell (clients, needs) are
// one item a line. The point takes four columns here (name, channel, kind, where to reach it), so
// that the data can be filtered. The Excel variant starts with a BOM and separates fields by ';',
// which is what Excel with Russian regional settings opens without an import dialog.

#include <string>

#include "labels.hpp"
#include "perechen/export/format.hpp"

namespace perechen::exporting {
namespace {

void field_into(std::string& out, std::string_view raw, char separator) {
  const std::string value = printable(raw);
  bool quote = value.find_first_of("\"\r\n") != std::string_view::npos ||
               value.find(separator) != std::string_view::npos;
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

void record_into(std::string& out, const std::vector<std::string>& fields, char separator) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      out += separator;
    field_into(out, fields[i], separator);
  }
  out += "\r\n";
}

}  // namespace

std::string write_csv(const Document& doc, bool excel) {
  const Lang lang = doc.lang;
  const char separator = excel ? ';' : ',';
  std::string out;
  out.reserve(256 + doc.rows.size() * 700);
  if (excel)
    out += "\xEF\xBB\xBF";
  record_into(out,
              {label(lang, "export.col-number"), label(lang, "export.col-direction"),
               label(lang, "export.col-process"), label(lang, "export.col-point"),
               label(lang, "export.col-channel"), label(lang, "export.col-kind"),
               label(lang, "export.col-contact"), label(lang, "export.col-client"),
               label(lang, "export.col-value"), label(lang, "export.col-needs")},
              separator);
  for (const auto& row : doc.rows) {
    record_into(out,
                {std::to_string(row.number), row.direction_title, row.process_title, row.name,
                 channel_label(row, lang), row.kind_title, contact(row),
                 join(client_lines(row), "\n"), row.value, join(need_lines(row, lang), "\n")},
                separator);
  }
  return out;
}

}  // namespace perechen::exporting
