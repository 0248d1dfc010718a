// SPDX-License-Identifier: Apache-2.0
// The list as HTML for the «Клиентоцентричность» section of the site (clause 2.1): one file with
// no external resources, a real table (caption, header cells with scope, a <tbody> per direction,
// the direction and process in every row), cards on a narrow screen, and a clean landscape page
// when printed; and the bare fragment, which brings its own borders and its own cards.

#include <algorithm>
#include <cmath>
#include <string>

#include "labels.hpp"
#include "layout.hpp"
#include "perechen/export/format.hpp"

namespace perechen::exporting {
namespace {

void escape_into(std::string& out, std::string_view text) {
  append_markup_escaped(out, text);
}

std::string escape(std::string_view text) {
  std::string out;
  escape_into(out, text);
  return out;
}

// Kept short and free of web fonts and images: the page must work offline and on a phone. The
// page's own part; the table's part (kTableStyle) also goes with `--fragment --with-style`.
constexpr std::string_view kPageStyle = R"(
:root { color-scheme: light; }
body { margin: 0; padding: 1rem; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; }
.perechen-meta h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
.perechen-meta p, .perechen-meta dl { margin: .25rem 0; }
.perechen-meta dt { font-weight: 600; margin-top: .25rem; }
.perechen-meta dd { margin: 0 0 0 1rem; }
.perechen-meta ul { margin: 0; padding-left: 1.2rem; }
.perechen-draft { font-weight: 700; letter-spacing: .1em; color: #a00; }
@media screen and (max-width: 48rem) { body { padding: .5rem; } }
@media print {
  @page { size: A4 landscape; margin: 12mm 10mm 10mm; }
  body { padding: 0; font-size: 8.5pt; }
  .perechen-meta h1 { font-size: 12pt; }
}
)";

constexpr std::string_view kTableStyle = R"(
table.perechen { border-collapse: collapse; table-layout: fixed; width: 100%; margin-top: 1rem; }
table.perechen caption { text-align: left; font-weight: 600; padding: .5rem 0; }
table.perechen th, table.perechen td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; hyphens: manual; }
table.perechen thead th { background: #eef1f5; font-weight: 600; overflow-wrap: normal; }
table.perechen tbody th { font-weight: 600; background: #f7f8fa; }
table.perechen tbody th.continued { font-weight: normal; color: #666; font-size: .9em; }
table.perechen td.number { text-align: right; white-space: nowrap; }
table.perechen .perechen-draft { display: block; font-weight: 700; letter-spacing: .1em; color: #a00; }
table.perechen tbody.perechen-legend td { background: #fafafa; }
table.perechen ul, table.perechen ol { margin: 0; padding-left: 1.4rem; }
table.perechen .channel { color: #444; }
table.perechen a { color: #0645ad; }
@media screen and (max-width: 48rem) {
  table.perechen, table.perechen tbody, table.perechen tr, table.perechen th, table.perechen td { display: block; width: auto; }
  table.perechen thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.perechen tbody { margin-bottom: 1rem; }
  table.perechen caption { display: block; }
  table.perechen tr { display: flex; flex-direction: column; border: 1px solid #999; border-top: 0; }
  table.perechen th.direction { order: -2; }
  table.perechen th.process { order: -1; }
  table.perechen th, table.perechen td { border: 0; border-top: 1px solid #ddd; }
  table.perechen th.direction { font-size: 1.1rem; background: #e3e8ef; border: 1px solid #999; }
  table.perechen th.continued { font-size: .9rem; }
  table.perechen th.process { background: #f2f4f7; }
  table.perechen td.number { text-align: left; }
  table.perechen td::before { content: attr(data-label); display: block; font-size: .8rem; color: #555; }
}
@media print {
  table.perechen thead { display: table-header-group; }
  table.perechen { margin-top: .5rem; }
  table.perechen th, table.perechen td { padding: 2pt 3pt; orphans: 2; widows: 2; }
  table.perechen tbody tr, table.perechen li, table.perechen div { break-inside: avoid; }
  table.perechen caption { padding: 0 0 2pt; }
  table.perechen thead th, table.perechen tbody th { background: none; }
  table.perechen a { color: inherit; text-decoration: none; }
}
)";

// The bare fragment's own stylesheet (spec §6.1, issue 19): the inline styles of its cells make
// it readable without any stylesheet; this adds what an inline style cannot, the reflow of a box
// narrower than the table. Every selector starts with `.perechen-fragment`, the fragment's own
// box, so that nothing reaches the site's page around it; the rules that turn cells into cards
// override the cells' inline borders and widths with !important. The box is a size container:
// the cards follow the width of the column the site gives the fragment, not the window's, and a
// browser without container queries still gets them on a phone (the same rules under @media). A
// site whose editor strips <style> keeps the box's sideways scroll.
constexpr std::string_view kFragmentCards = R"(
.perechen-fragment table.perechen, .perechen-fragment table.perechen > caption, .perechen-fragment table.perechen > tbody, .perechen-fragment table.perechen > tbody > tr, .perechen-fragment table.perechen > tbody > tr > th, .perechen-fragment table.perechen > tbody > tr > td { display: block; width: auto !important; }
.perechen-fragment table.perechen > colgroup { display: none; }
.perechen-fragment table.perechen > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.perechen-fragment table.perechen > tbody > tr { display: flex; flex-direction: column; border: 1px solid #999; margin-bottom: .75em; }
.perechen-fragment table.perechen > tbody > tr > th, .perechen-fragment table.perechen > tbody > tr > td { border: 0 !important; border-top: 1px solid #ddd !important; overflow-wrap: break-word; }
.perechen-fragment table.perechen > tbody > tr > th.direction { order: -2; border-top: 0 !important; }
.perechen-fragment table.perechen > tbody > tr > th.process { order: -1; }
.perechen-fragment table.perechen td[data-label]::before { content: attr(data-label); display: block; font-size: .8em; color: #555; }
)";

std::string fragment_style() {
  std::string out = "\n.perechen-fragment { container: perechen-fragment / inline-size; }";
  out += "\n@container perechen-fragment (max-width: 48rem) {";
  out += kFragmentCards;
  out += "}\n@media screen and (max-width: 48rem) {";
  out += kFragmentCards;
  out += "}\n";
  return out;
}

void list_into(std::string& out, const std::vector<std::string>& items,
               std::string_view attributes = {}) {
  out += "<ul";
  out += attributes;
  out += ">";
  for (const auto& item : items) {
    out += "<li>";
    escape_into(out, item);
    out += "</li>";
  }
  out += "</ul>";
}

// A long contact with a break opportunity (<wbr>) after its natural points, never inside a word.
void contact_into(std::string& out, std::string_view contact) {
  constexpr std::string_view kMark = "\x01";  // printable() never lets it through: a safe marker
  std::string marked = breakable(contact, kMark);
  std::size_t start = 0;
  while (true) {
    std::size_t end = marked.find(kMark, start);
    escape_into(out, std::string_view(marked).substr(start, end - start));
    if (end == std::string::npos)
      break;
    out += "<wbr>";
    start = end + kMark.size();
  }
}

// Each part of the point's cell is a block of its own, so that the cell reads right in a page
// without any of perechen's styles (spec §6.1).
void point_into(std::string& out, const Row& row, Lang lang) {
  out += "<div class=\"name\"><strong>";
  escape_into(out, row.name);
  out += "</strong></div><div class=\"channel\">";
  escape_into(out, channel_line(row, lang));
  out += "</div>";
  if (!row.url.empty()) {
    std::string target = link_target(row.url);
    out += "<div class=\"contact\">";
    if (target.empty()) {
      escape_into(out, row.url);
    } else {
      out += "<a href=\"";
      escape_into(out, target);
      out += "\">";
      contact_into(out, contact_text(row.url));
      out += "</a>";
    }
    out += "</div>";
  }
  if (!row.address.empty()) {
    out += "<div class=\"contact\">";
    escape_into(out, row.address);
    out += "</div>";
  }
}

// `bare`: the fragment's list without the browser's margins above and below, which would set it
// lower than the text of the other cells.
void needs_into(std::string& out, const Row& row, bool bare) {
  out += bare ? "<ol style=\"margin: 0; padding-left: 1.6em\">" : "<ol>";
  for (const auto& need : row.needs) {
    // The number of 2.6, not the position in this list.
    out += "<li value=\"" + std::to_string(need.number) + "\">";
    escape_into(out, need.title);
    if (!need.description.empty()) {
      out += ": ";
      escape_into(out, need.description);
    }
    out += "</li>";
  }
  out += "</ol>";
}

// The legend of short titles, in a last row of the table so that the fragment stays one table.
void legend_into(std::string& out, const Document& doc, const std::string& cell_style) {
  if (doc.legend.empty() && doc.every_client.empty())
    return;
  const Lang lang = doc.lang;
  out += "<tbody class=\"perechen-legend\">\n<tr><td colspan=\"7\"" + cell_style + "><div><strong>";
  escape_into(out, label(lang, "export.legend"));
  out += "</strong></div>";
  for (auto group :
       {LegendEntry::Group::client, LegendEntry::Group::direction, LegendEntry::Group::process}) {
    std::vector<std::string> items;
    for (const auto& entry : doc.legend) {
      if (entry.group == group)
        items.push_back(entry.short_title + " — " + entry.title);
    }
    if (group == LegendEntry::Group::client && !doc.every_client.empty())
      items.push_back(label(lang, "export.every-client") + " — " + every_client_legend(doc));
    if (items.empty())
      continue;
    out += "<div>";
    escape_into(out, legend_group(group, lang));
    out += ":</div>";
    list_into(out, items);
  }
  out += "</td></tr>\n</tbody>\n";
}

// Text at 15 px in a table of about 1330 px, or 8.5 pt on A4 landscape: a character about 0.6 % of
// the width, one inside a word that must not break 0.75 %; a cell's padding 1.3 %.
constexpr Measure kMeasure{0.6, 0.75, 1.3, 100};

// Every row names its direction and process, in full where the group starts and as a grey
// continuation after it: no cell spans rows, which a site's own styles may float mid-group and a
// printed page that starts inside a group would leave without them. `bare`: the fragment without
// a stylesheet, to stand in a site that has none of ours; its cells carry their borders and top
// alignment inline.
void table_into(std::string& out, const Document& doc, bool bare) {
  const std::string cell_style =
      bare
          ? " style=\"border: 1px solid #999; padding: 4px; text-align: left; vertical-align: top\""
          : "";
  const Lang lang = doc.lang;
  const auto columns = form_columns(lang);
  std::vector<std::string> labels;
  for (const auto& c : columns)
    labels.push_back(escape(c));

  out +=
      bare
          ? "<table class=\"perechen\" style=\"border-collapse: collapse; width: 100%\">\n<caption "
            "style=\"text-align: left; font-weight: bold; padding: 4px 0\">"
          : "<table class=\"perechen\">\n<caption>";
  if (doc.draft()) {
    out += "<strong class=\"perechen-draft\">";
    escape_into(out, label(lang, "export.draft"));
    out += "</strong>";
  }
  escape_into(out, doc.title);
  out += "</caption>\n";
  // Widths measured from the text (layout.hpp) in percent of the table, so that no word has to
  // break at 1366 px or on an A4 page; a phone's stacked cards ignore them.
  static constexpr std::string_view kCols[] = {"number", "direction", "process", "point",
                                               "client", "value",     "needs"};
  const auto widths = column_widths(doc, kMeasure);
  out += "<colgroup>";
  for (std::size_t c = 0; c < 7; ++c) {
    out += "<col class=\"";
    out += kCols[c];
    out += "\" style=\"width: " + fmt::format("{:.1f}", std::floor(widths[c] * 10) / 10) + "%\">";
  }
  out += "</colgroup>\n";
  // English headings over Russian content say so; the content is the registry's own.
  out += lang == Lang::ru ? "<thead>\n<tr>" : "<thead lang=\"en\">\n<tr>";
  for (std::size_t c = 0; c < labels.size(); ++c)
    out += (c == 0 ? "<th scope=\"col\" class=\"number\"" : "<th scope=\"col\"") + cell_style +
           ">" + labels[c] + "</th>";
  out += "</tr>\n</thead>\n";

  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const Row& row = doc.rows[i];
    if (direction_spans[i] > 0) {
      if (i > 0)
        out += "</tbody>\n";
      out += "<tbody>\n";
    }
    out += "<tr>";
    out += "<td class=\"number\" data-label=\"" + labels[0] + "\"" + cell_style + ">" +
           std::to_string(row.number) + "</td>";
    const std::string continued = bare ? " style=\"border: 1px solid #999; padding: 4px; "
                                         "text-align: left; vertical-align: top; font-weight: "
                                         "normal; color: #666\""
                                       : "";
    out += direction_spans[i] > 0
               ? "<th scope=\"row\" class=\"direction\"" + cell_style + ">"
               : "<th scope=\"row\" class=\"direction continued\"" + continued + ">";
    escape_into(out, direction_cell(row));
    out += "</th>";
    out += process_spans[i] > 0 ? "<th scope=\"row\" class=\"process\"" + cell_style + ">"
                                : "<th scope=\"row\" class=\"process continued\"" + continued + ">";
    escape_into(out, process_cell(row));
    out += "</th>";
    out += "<td data-label=\"" + labels[3] + "\"" + cell_style + ">";
    point_into(out, row, lang);
    out += "</td><td data-label=\"" + labels[4] + "\"" + cell_style + ">";
    // The clients close with «;» but the last: a list without markers or indent, which would
    // take the width their words are measured for.
    list_into(out, client_cells(row, lang),
              " style=\"list-style: none; margin: 0; padding-left: 0\"");
    out += "</td><td data-label=\"" + labels[5] + "\"" + cell_style + ">";
    escape_into(out, row.value);
    out += "</td><td data-label=\"" + labels[6] + "\"" + cell_style + ">";
    needs_into(out, row, bare);
    out += "</td></tr>\n";
  }
  if (!doc.rows.empty())
    out += "</tbody>\n";
  legend_into(out, doc, cell_style);
  out += "</table>\n";
}

}  // namespace

std::string write_html(const Document& doc, bool fragment, bool with_style) {
  std::string out;
  out.reserve(1024 + doc.rows.size() * 1200);
  if (fragment) {
    if (with_style) {
      out += "<style>";
      out += kTableStyle;
      out += "</style>\n";
    }
    // Bare, the fragment is a box of its own with its scoped stylesheet: in a box narrower than
    // the table the rows become cards; where the site strips the stylesheet, the table scrolls
    // sideways inside the box and the site's page around it never does.
    if (!with_style) {
      out += "<div class=\"perechen-fragment\" style=\"overflow-x: auto\">\n<style>";
      out += fragment_style();
      out += "</style>\n";
    }
    table_into(out, doc, !with_style);
    if (!with_style)
      out += "</div>\n";
    return out;
  }
  const Lang lang = doc.lang;
  const std::string lang_attr = lang == Lang::ru ? "" : " lang=\"en\"";
  // The content is the registry's, in Russian; English headings are marked as such.
  out += "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  escape_into(out, doc.title);
  out += "</title>\n<style>";
  out += kPageStyle;
  out += kTableStyle;
  if (doc.draft()) {
    // «ПРОЕКТ» at the top right of every printed page: a margin box of the page, which is drawn
    // beside the page's content, never over it.
    out += "\n@page { @top-right { content: \"";
    for (char c : label(lang, "export.draft")) {
      if (c == '"' || c == '\\' || c == '<')
        out += '\\';
      out += c;
    }
    out += "\"; font: 700 10pt sans-serif; letter-spacing: .1em; color: #a00; } }\n";
  }
  out += "</style>\n</head>\n<body>\n";
  out += "<main>\n<header class=\"perechen-meta\">\n<h1>";
  escape_into(out, doc.title);
  out += "</h1>\n";
  if (doc.draft()) {
    out += "<p class=\"perechen-draft\"" + lang_attr + ">";
    escape_into(out, label(lang, "export.draft-note"));
    out += "</p>\n";
  }
  out += "<p class=\"organization\">";
  escape_into(out, doc.organization);
  out += "</p>\n<dl>\n<dt" + lang_attr + ">";
  escape_into(out, label(lang, "export.version"));
  out += "</dt>\n<dd" + lang_attr + ">";
  escape_into(out, public_version_line(doc.version, lang));
  out += "</dd>\n<dt" + lang_attr + ">";
  escape_into(out, label(lang, "export.approvers"));
  out += "</dt>\n<dd>";
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    escape_into(out, label(lang, "export.no-approvers"));
  } else {
    list_into(out, approvers);
  }
  out += "</dd>\n</dl>\n</header>\n";
  table_into(out, doc, false);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace perechen::exporting
