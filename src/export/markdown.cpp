// The list as a Markdown table (GitHub Flavored Markdown): the title and version above, one row a
// point. Markdown cannot merge cells, so the direction and process repeat on every row. Lists in a
// cell are joined with <br>; characters that Markdown would read as markup are escaped.

#include <string>

#include "labels.hpp"
#include "perechen/export/format.hpp"

namespace perechen::exporting {
namespace {

void cell_into(std::string& out, std::string_view text) {
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
}

std::string cell(std::string_view text) {
  std::string out;
  cell_into(out, text);
  return out;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += "<br>";
    cell_into(out, items[i]);
  }
  return out;
}

}  // namespace

std::string write_md(const Document& doc) {
  const Lang lang = doc.lang;
  std::string out;
  out.reserve(512 + doc.rows.size() * 700);
  out += "# " + cell(doc.title) + "\n\n";
  out += cell(doc.organization) + "\n\n";
  out += "- " + cell(label(lang, "export.version")) + ": " + cell(version_line(doc.version, lang)) +
         "\n";
  out += "- " + cell(label(lang, "export.approvers")) + ":";
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    out += " " + cell(label(lang, "export.no-approvers")) + "\n";
  } else {
    out += "\n";
    for (const auto& a : approvers)
      out += "  - " + cell(a) + "\n";
  }
  out += "\n|";
  for (const auto& c : form_columns(lang))
    out += " " + cell(c) + " |";
  out += "\n|---:|---|---|---|---|---|---|\n";
  for (const auto& row : doc.rows) {
    std::vector<std::string> point{channel_line(row, lang)};
    if (!row.url.empty())
      point.push_back(row.url);
    if (!row.address.empty())
      point.push_back(row.address);
    out += "| " + std::to_string(row.number) + " | " + cell(row.direction_title) + " | " +
           cell(row.process_title) + " | **" + cell(row.name) + "**<br>" + lines(point) + " | " +
           lines(client_lines(row)) + " | " + cell(row.value) + " | " +
           lines(need_lines(row, lang)) + " |\n";
  }
  return out;
}

}  // namespace perechen::exporting
