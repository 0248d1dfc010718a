// SPDX-License-Identifier: Apache-2.0
// The list as a Markdown table (GitHub Flavored Markdown): the title and version above, one row a
// point. Markdown cannot merge cells, so the direction and process repeat on every row. Lists in a
// cell are joined with <br>; characters that Markdown would read as markup are escaped.

#include <string>

#include "labels.hpp"
#include "perechen/export/format.hpp"

namespace perechen::exporting {
namespace {

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += "<br>";
    out += markdown_cell(items[i]);
  }
  return out;
}

}  // namespace

std::string markdown_cell(std::string_view raw) {
  const std::string text = printable(raw);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
        out += '\\';
        out += c;
        break;
      case '\r':
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string write_md(const Document& doc) {
  const Lang lang = doc.lang;
  std::string out;
  out.reserve(512 + doc.rows.size() * 700);
  out += "# " + markdown_cell(doc.title) + "\n\n";
  if (doc.draft())
    out += "**" + markdown_cell(label(lang, "export.draft-note")) + "**\n\n";
  out += markdown_cell(doc.organization) + "\n\n";
  out += "- " + markdown_cell(label(lang, "export.version")) + ": " +
         markdown_cell(version_line(doc.version, lang)) + "\n";
  out += "- " + markdown_cell(label(lang, "export.approvers")) + ":";
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    out += " " + markdown_cell(label(lang, "export.no-approvers")) + "\n";
  } else {
    out += "\n";
    for (const auto& a : approvers)
      out += "  - " + markdown_cell(a) + "\n";
  }
  out += "\n|";
  for (const auto& c : form_columns(lang))
    out += " " + markdown_cell(c) + " |";
  out += "\n|---:|---|---|---|---|---|---|\n";
  for (const auto& row : doc.rows) {
    std::vector<std::string> point{channel_line(row, lang)};
    if (!row.url.empty())
      point.push_back(row.url);
    if (!row.address.empty())
      point.push_back(row.address);
    out += "| " + std::to_string(row.number) + " | " + markdown_cell(row.direction_title) + " | " +
           markdown_cell(row.process_title) + " | **" + markdown_cell(row.name) + "**<br>" +
           lines(point) + " | " + lines(client_lines(row)) + " | " + markdown_cell(row.value) +
           " | " + lines(need_lines(row, lang)) + " |\n";
  }
  return out;
}

}  // namespace perechen::exporting
