// SPDX-License-Identifier: Apache-2.0
// The list as a Word document: the appendix to the order that approves it (clause 2.1), laid out
// by ГОСТ Р 7.0.97-2016 (spec §6.1). Built from the OOXML parts written here and zipped with
// libzip: landscape A4 with 20 mm margins, Times New Roman (LibreOffice takes its metric twin,
// Liberation Serif), «Приложение к приказу <organisation> от … № …» at the top right of page 1,
// page numbers at the top centre from page 2, «ПРОЕКТ» above the table and in the header of every
// page of a draft. Then the title, organisation, version and approvers, the table of the form from
// page 1 (its header row repeated on every page, w:tblHeader; body rows free to break across
// pages; direction and process cells merged down their rows, w:vMerge), the legend of short titles
// as a table of its own, and the approval sheet («Лист согласования») on a page of its own with the
// mark of each approver's signature. No clock: the creation date is the version's.

#include <algorithm>
#include <string>

#include "labels.hpp"
#include "layout.hpp"
#include "perechen/export/format.hpp"
#include "zip.hpp"

namespace perechen::exporting {
namespace {

constexpr std::string_view kXmlHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

// Text for XML by the one escaper (labels.hpp); a line feed, which a run of Word does not hold,
// is a space (lines of their own are paragraphs or <w:br/>, split before this).
void escape_into(std::string& out, std::string_view text) {
  std::string flat(text);
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  append_markup_escaped(out, flat);
}

std::string escape(std::string_view text) {
  std::string out;
  escape_into(out, text);
  return out;
}

// Landscape A4 (297 x 210 mm) with margins of 20 mm (ГОСТ Р 7.0.97-2016, п. 5.2), in twentieths
// of a point; the text is 16838 - 2 * 1134 = 14570 wide.
constexpr int kMargin = 1134;
constexpr int kTextWidth = 16838 - 2 * kMargin;
// The text of the table: Times New Roman 11 pt, an average character of Russian text about 0.43
// em (95 twips), one inside a word that must not break measured at 0.55 em; the cell's margins
// 2 x 85.
constexpr Measure kMeasure{95, 121, 170, kTextWidth};
// A line of 11 pt text, and half the page's text height (11906 - 2 x 1134): a row up to that
// tall is never split across pages, so that the page before a row moved whole is still at least
// half full, and only a row taller than that is split (LibreOffice may then leave one line of a
// cell on either side, which widow control does not prevent inside a table).
constexpr int kLineHeight = 253;
constexpr std::size_t kHalfPage = (11906 - 2 * kMargin) / 2 / kLineHeight;
// The legend: short title, full title. The approval sheet: position, mark, name, date; the mark
// wide enough for an SSH key's fingerprint on one line.
constexpr int kLegendWidths[] = {3600, kTextWidth - 3600};
constexpr int kSheetWidths[] = {3900, 6900, 2370, 1400};
static_assert(kSheetWidths[0] + kSheetWidths[1] + kSheetWidths[2] + kSheetWidths[3] == kTextWidth);

struct RunStyle {
  bool bold = false;
};

void run_into(std::string& out, std::string_view text, RunStyle style = {}) {
  out += "<w:r>";
  if (style.bold)
    out += "<w:rPr><w:b/><w:bCs/></w:rPr>";
  out += "<w:t xml:space=\"preserve\">";
  escape_into(out, text);
  out += "</w:t></w:r>";
}

// The links of the document: each distinct target has a relationship of its own (rId10 on).
class Links {
 public:
  std::string id(const std::string& target) {
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i] == target)
        return "rId" + std::to_string(10 + i);
    }
    targets_.push_back(target);
    return "rId" + std::to_string(9 + targets_.size());
  }
  std::string relationships() const {
    std::string out;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      out += "<Relationship Id=\"rId" + std::to_string(10 + i) +
             "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "hyperlink\" Target=\"" +
             escape(targets_[i]) + "\" TargetMode=\"External\"/>";
    }
    return out;
  }

 private:
  std::vector<std::string> targets_;
};

// A paragraph of a cell or the body; `link` makes its text a link to that target.
struct Line {
  std::string text;
  RunStyle run = {};
  std::string link;
};

void paragraph_into(std::string& out, std::string_view style, const Line& line,
                    Links* links = nullptr, std::string_view extra_ppr = {}) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"";
  out += style;
  out += "\"/>";
  out += extra_ppr;
  out += "</w:pPr>";
  if (!line.text.empty()) {
    if (!line.link.empty() && links != nullptr) {
      out += "<w:hyperlink r:id=\"" + links->id(line.link) +
             "\"><w:r><w:rPr><w:rStyle w:val=\"PerechenLink\"/></w:rPr><w:t "
             "xml:space=\"preserve\">";
      escape_into(out, line.text);
      out += "</w:t></w:r></w:hyperlink>";
    } else {
      run_into(out, line.text, line.run);
    }
  }
  out += "</w:p>";
}

void paragraph_into(std::string& out, std::string_view style, std::string_view text,
                    RunStyle run = {}) {
  paragraph_into(out, style, Line{std::string(text), run, {}});
}

// A cell holding one paragraph per line; `merge` is "restart", "continue" or empty.
struct CellStyle {
  int width = 0;
  std::string_view merge = {};
  std::string_view paragraph = "PerechenCell";
  int span = 1;
  std::string_view fill = {};
};

void cell_into(std::string& out, const std::vector<Line>& lines, const CellStyle& style,
               Links* links = nullptr, std::string_view extra_ppr = {}) {
  out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(style.width) + "\" w:type=\"dxa\"/>";
  if (style.span > 1)
    out += "<w:gridSpan w:val=\"" + std::to_string(style.span) + "\"/>";
  if (style.merge == "restart")
    out += "<w:vMerge w:val=\"restart\"/>";
  if (style.merge == "continue")
    out += "<w:vMerge/>";
  if (!style.fill.empty()) {
    out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"";
    out += style.fill;
    out += "\"/>";
  }
  out += "</w:tcPr>";
  if (lines.empty() || style.merge == "continue") {
    paragraph_into(out, style.paragraph, Line{});
  } else {
    for (const auto& line : lines)
      paragraph_into(out, style.paragraph, line, links, extra_ppr);
  }
  out += "</w:tc>";
}

std::vector<Line> plain(const std::vector<std::string>& texts, RunStyle run = {}) {
  std::vector<Line> lines;
  lines.reserve(texts.size());
  for (const auto& t : texts)
    lines.push_back({t, run, {}});
  return lines;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return lines;
}

// «Приложение / к приказу <organisation> / от <date> № <number>», lines of one paragraph.
std::vector<std::string> order_lines(const Document& doc, const WriteOptions& options) {
  return split_lines(order_mark(doc, options.order_number, options.order_date));
}

void lines_paragraph_into(std::string& out, std::string_view style,
                          const std::vector<std::string>& lines, RunStyle run = {}) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"";
  out += style;
  out += "\"/></w:pPr>";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      out += "<w:r><w:br/></w:r>";
    run_into(out, lines[i], run);
  }
  out += "</w:p>";
}

template <typename Width>
std::string table_start(std::string_view style, const Width* widths, std::size_t count) {
  std::string out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"";
  out += style;
  out += "\"/><w:tblW w:w=\"" + std::to_string(kTextWidth) +
         "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" "
         "w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
         "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (std::size_t i = 0; i < count; ++i)
    out += "<w:gridCol w:w=\"" + std::to_string(widths[i]) + "\"/>";
  out += "</w:tblGrid>";
  return out;
}

// The point's cell: its name, channel and kind, and where to reach it as people read it, a link
// where there is one.
// `shown` is the cell's lines of row_lines(), the contact with its break opportunities.
std::vector<Line> point_lines(const Row& row, Lang lang, const std::vector<std::string>& shown) {
  std::vector<Line> lines{{row.name, {true}, {}}, {channel_line(row, lang), {}, {}}};
  if (!row.url.empty())
    lines.push_back({shown.at(2), {}, link_target(row.url)});
  if (!row.address.empty())
    lines.push_back({row.address, {}, {}});
  return lines;
}

// The widths of the seven columns from the texts they hold (layout.hpp), in whole twips that sum
// to the text's width.
std::vector<int> main_widths(const Document& doc) {
  auto measured = column_widths(doc, kMeasure);
  std::vector<int> widths;
  int sum = 0;
  for (std::size_t c = 0; c + 1 < measured.size(); ++c) {
    widths.push_back(static_cast<int>(measured[c]));
    sum += widths.back();
  }
  widths.push_back(kTextWidth - sum);
  return widths;
}

// The lines the tallest cell of a row takes, estimated from its widths.
std::size_t row_height(const RowLines& lines, const std::vector<int>& widths) {
  std::size_t tallest = 0;
  for (std::size_t c = 0; c < lines.cells.size(); ++c) {
    std::size_t height = 0;
    for (const auto& line : lines.cells[c])
      height += line_count(line, widths[c], kMeasure);
    tallest = std::max(tallest, height);
  }
  return tallest;
}

void main_table_into(std::string& out, const Document& doc, Links& links) {
  const Lang lang = doc.lang;
  const std::vector<int> widths = main_widths(doc);
  out += table_start("PerechenTable", widths.data(), widths.size());
  // The header row: never split, repeated at the top of every page.
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  auto columns = form_columns(lang);
  for (std::size_t c = 0; c < 7; ++c)
    cell_into(out, {{columns[c], {true}, {}}}, {widths[c], {}, "PerechenHeader", 1, "F2F2F2"});
  out += "</w:tr>";

  // A row up to half a page never splits; a taller one may, and then its paragraphs keep
  // two lines on each side (widow control) and a need's line stays whole (keepLines in the
  // style), so that no page ends or starts with a lone line. No merged cells: the direction and
  // process stand in every row, in full where their group starts and in a grey continuation style
  // after, so that a page that starts inside a group still says what its rows are.
  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const Row& row = doc.rows[i];
    const RowLines lines = row_lines(row, lang);
    out +=
        row_height(lines, widths) <= kHalfPage ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>" : "<w:tr>";
    cell_into(out, {{std::to_string(row.number), {}, {}}}, {widths[0], {}, "PerechenNumber"});
    if (direction_spans[i] > 0) {
      cell_into(out, {{direction_cell(row), {true}, {}}}, {widths[1]});
    } else {
      cell_into(out, {{direction_cell(row), {}, {}}}, {widths[1], {}, "PerechenContinued"});
    }
    if (process_spans[i] > 0) {
      cell_into(out, {{process_cell(row), {}, {}}}, {widths[2]});
    } else {
      cell_into(out, {{process_cell(row), {}, {}}}, {widths[2], {}, "PerechenContinued"});
    }
    cell_into(out, point_lines(row, lang, lines.cells[3]), {widths[3]}, &links);
    cell_into(out, plain(lines.cells[4]), {widths[4]});
    cell_into(out, plain(split_lines(row.value)), {widths[5]});
    cell_into(out, plain(lines.cells[6]), {widths[6]});
    out += "</w:tr>";
  }
  out += "</w:tbl>";
}

// The legend of short titles: a table of its own after the main one, a group heading row before
// each group's entries.
void legend_into(std::string& out, const Document& doc) {
  if (doc.legend.empty() && doc.every_client.empty())
    return;
  const Lang lang = doc.lang;
  // The heading is the table's first row, repeated with its header: it can never stand alone at
  // the foot of a page.
  paragraph_into(out, "PerechenGap", "");
  out += table_start("PerechenTable", kLegendWidths, 2);
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  cell_into(out, {{label(lang, "export.legend"), {true}, {}}},
            {kTextWidth, {}, "PerechenHeading", 2});
  out += "</w:tr>";
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  cell_into(out, {{label(lang, "export.legend-col-short"), {true}, {}}},
            {kLegendWidths[0], {}, "PerechenHeader", 1, "F2F2F2"});
  cell_into(out, {{label(lang, "export.legend-col-full"), {true}, {}}},
            {kLegendWidths[1], {}, "PerechenHeader", 1, "F2F2F2"});
  out += "</w:tr>";
  auto group_row = [&](LegendEntry::Group group) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    cell_into(out, {{legend_group(group, lang), {true}, {}}}, {kTextWidth, {}, "PerechenCell", 2});
    out += "</w:tr>";
  };
  auto entry_row = [&](const std::string& short_title, const std::string& title) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    cell_into(out, {{short_title, {}, {}}}, {kLegendWidths[0]});
    cell_into(out, {{title, {}, {}}}, {kLegendWidths[1]});
    out += "</w:tr>";
  };
  for (auto group :
       {LegendEntry::Group::client, LegendEntry::Group::direction, LegendEntry::Group::process}) {
    bool first = true;
    for (const auto& entry : doc.legend) {
      if (entry.group != group)
        continue;
      if (first)
        group_row(group);
      first = false;
      entry_row(entry.short_title, entry.title);
    }
    if (group == LegendEntry::Group::client && !doc.every_client.empty()) {
      if (first)
        group_row(group);
      entry_row(label(lang, "export.every-client"), every_client_legend(doc));
    }
  }
  out += "</w:tbl>";
}

// The approval sheet («Лист согласования») on a page of its own: each approver's position and
// roles, the mark of the signature in a frame (ГОСТ Р 7.0.97-2016, п. 5.23), the name and the date.
void approval_sheet_into(std::string& out, const Document& doc, const WriteOptions& options) {
  const Lang lang = doc.lang;
  paragraph_into(out, "PerechenSheetTitle", label(lang, "export.approval-sheet"), {true});
  paragraph_into(out, "PerechenSubtitle", doc.title);
  paragraph_into(out, "PerechenSubtitle",
                 label(lang, "export.approval-sheet-of",
                       fmt::arg("version", version_line(doc.version, lang))));
  paragraph_into(
      out, "PerechenSubtitle",
      label(lang, options.sheet_in_file ? "export.sheet-in-file" : "export.sheet-attached"));
  if (doc.version.approvers.empty()) {
    paragraph_into(out, "PerechenMeta", label(lang, "export.sheet-none"));
    return;
  }
  out += table_start("PerechenTable", kSheetWidths, 4);
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < 4; ++c) {
    static constexpr std::string_view kKeys[] = {"export.sheet-col-position",
                                                 "export.sheet-col-mark", "export.sheet-col-name",
                                                 "export.sheet-col-date"};
    cell_into(out, {{label(lang, kKeys[c]), {true}, {}}},
              {kSheetWidths[c], {}, "PerechenHeader", 1, "F2F2F2"});
  }
  out += "</w:tr>";
  // The frame of the mark: a blue border around its paragraphs, as the stamps of electronic
  // signatures are drawn.
  constexpr std::string_view kFrame =
      "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"1F4E9E\"/>"
      "<w:left w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"1F4E9E\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"1F4E9E\"/>"
      "<w:right w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"1F4E9E\"/></w:pBdr>";
  for (const auto& approver : doc.version.approvers) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    // The position, then the roles it signed for after a comma: one phrase, never run together.
    std::string roles = role_line(approver, doc);
    std::vector<Line> position{{approver.position + (roles.empty() ? "" : ","), {}, {}}};
    if (!roles.empty())
      position.push_back({roles, {}, {}});
    cell_into(out, position, {kSheetWidths[0]});
    std::vector<Line> mark;
    if (approver.marks.empty()) {
      mark.push_back({label(lang, "export.mark-none"), {}, {}});
    }
    for (const auto& m : approver.marks) {
      auto lines = mark_lines(m, approver.name, lang);
      for (std::size_t i = 0; i < lines.size(); ++i)
        mark.push_back({lines[i], {i == 0}, {}});
    }
    cell_into(out, mark, {kSheetWidths[1], {}, "PerechenMark"}, nullptr,
              approver.marks.empty() ? std::string_view() : kFrame);
    cell_into(out, {{approver.name, {}, {}}}, {kSheetWidths[2], {}, "PerechenName"});
    cell_into(out, {{display_date(approver.date, lang), {}, {}}}, {kSheetWidths[3]});
    out += "</w:tr>";
  }
  out += "</w:tbl>";
}

std::string document_xml(const Document& doc, const WriteOptions& options, Links& links) {
  const Lang lang = doc.lang;
  std::string out;
  out.reserve(8192 + doc.rows.size() * 3000);
  out += kXmlHeader;
  out +=
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
  lines_paragraph_into(out, "PerechenOrder", order_lines(doc, options));
  if (doc.draft())
    paragraph_into(out, "PerechenDraft", label(lang, "export.draft"), {true});
  paragraph_into(out, "PerechenTitle", doc.title, {true});
  paragraph_into(out, "PerechenSubtitle", doc.organization);
  // Page 1 is the appendix itself: the version and who approved it are on the approval sheet.
  main_table_into(out, doc, links);
  legend_into(out, doc);
  approval_sheet_into(out, doc, options);
  // The first page has a header of its own (w:titlePg): no page number on it (п. 5.3).
  out +=
      "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
      "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
      "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar "
      "w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
      "w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/></w:sectPr>";
  out += "</w:body></w:document>";
  return out;
}

// The header of every page from the second: the page number at the centre (п. 5.3) and, for a
// draft, «ПРОЕКТ» at the right; the first page's: «ПРОЕКТ» alone.
std::string header_xml(const Document& doc, bool first) {
  std::string out(kXmlHeader);
  out +=
      "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<w:p><w:pPr><w:pStyle w:val=\"PerechenPageHeader\"/><w:tabs>"
      "<w:tab w:val=\"center\" w:pos=\"" +
      std::to_string(kTextWidth / 2) + "\"/><w:tab w:val=\"right\" w:pos=\"" +
      std::to_string(kTextWidth) + "\"/></w:tabs></w:pPr>";
  if (!first) {
    out +=
        "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
        "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
        "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
        "w:fldCharType=\"end\"/></w:r>";
  }
  if (doc.draft()) {
    out += first ? "<w:r><w:tab/></w:r><w:r><w:tab/></w:r>" : "<w:r><w:tab/></w:r>";
    out += "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>";
    escape_into(out, label(doc.lang, "export.draft"));
    out += "</w:t></w:r>";
  }
  out += "</w:p></w:hdr>";
  return out;
}

std::string styles_xml() {
  // The document's text is the registry's, in Russian, whatever the language of the headings.
  std::string out(kXmlHeader);
  out +=
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
      "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
      "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"ru-RU\" w:eastAsia=\"ru-RU\" "
      "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
      "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" "
      "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/></w:style>"
      "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"PerechenLink\">"
      "<w:name w:val=\"Perechen Link\"/><w:rPr><w:color w:val=\"0B4EA2\"/>"
      "<w:u w:val=\"single\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenOrder\">"
      "<w:name w:val=\"Perechen Order\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:after=\"240\"/><w:ind w:left=\"" +
      std::to_string(kTextWidth - 5400) +
      "\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenDraft\">"
      "<w:name w:val=\"Perechen Draft\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:bCs/>"
      "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenTitle\">"
      "<w:name w:val=\"Perechen Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:bCs/>"
      "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenSubtitle\">"
      "<w:name w:val=\"Perechen Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenMeta\">"
      "<w:name w:val=\"Perechen Meta\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:after=\"60\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"22\"/>"
      "<w:szCs w:val=\"22\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenHeading\">"
      "<w:name w:val=\"Perechen Heading\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/>"
      "<w:spacing w:before=\"60\" w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
      "<w:b/><w:bCs/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenSheetTitle\">"
      "<w:name w:val=\"Perechen Sheet Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:pageBreakBefore/><w:keepNext/><w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/>"
      "</w:pPr><w:rPr><w:b/><w:bCs/><w:caps/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenCell\">"
      "<w:name w:val=\"Perechen Cell\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepLines/>"
      "</w:pPr><w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenContinued\">"
      "<w:name w:val=\"Perechen Continued\"/><w:basedOn w:val=\"PerechenCell\"/><w:rPr>"
      "<w:color w:val=\"6E6E6E\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenGap\">"
      "<w:name w:val=\"Perechen Gap\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:after=\"120\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenNumber\">"
      "<w:name w:val=\"Perechen Number\"/><w:basedOn w:val=\"PerechenCell\"/><w:pPr>"
      "<w:jc w:val=\"center\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenMark\">"
      "<w:name w:val=\"Perechen Mark\"/><w:basedOn w:val=\"PerechenCell\"/><w:pPr>"
      "<w:ind w:left=\"113\" w:right=\"113\"/></w:pPr><w:rPr><w:color w:val=\"1F4E9E\"/>"
      "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
      // Headings and people's names are never hyphenated: a clerk does not break «Николаевна»
      // or «отчество» in two (the columns are measured for their longest word, so they wrap
      // whole).
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenHeader\">"
      "<w:name w:val=\"Perechen Header\"/><w:basedOn w:val=\"PerechenCell\"/><w:pPr>"
      "<w:suppressAutoHyphens/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenName\">"
      "<w:name w:val=\"Perechen Name\"/><w:basedOn w:val=\"PerechenCell\"/><w:pPr>"
      "<w:suppressAutoHyphens/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"PerechenPageHeader\">"
      "<w:name w:val=\"Perechen Page Header\"/><w:basedOn w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"PerechenTable\">"
      "<w:name w:val=\"Perechen Table\"/><w:tblPr><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "</w:tblBorders><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/>"
      "<w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/>"
      "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
      "</w:styles>";
  return out;
}

std::string core_xml(const Document& doc) {
  std::string out(kXmlHeader);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
      escape(doc.title) + "</dc:title><dc:creator>" + escape(doc.organization) + "</dc:creator>";
  const std::string& date = doc.version.date();
  if (!date.empty()) {
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date +
           "T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date +
           "T00:00:00Z</dcterms:modified>";
  }
  out += "</cp:coreProperties>";
  return out;
}

constexpr std::string_view kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr std::string_view kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

// The parts every document has (rId1..rId4); the links follow from rId10 (Links).
std::string document_rels(const Links& links) {
  std::string out(kXmlHeader);
  out +=
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>"
      "<Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
      "Target=\"settings.xml\"/>"
      "<Relationship Id=\"rId3\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
      "Target=\"header1.xml\"/>"
      "<Relationship Id=\"rId4\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
      "Target=\"header2.xml\"/>";
  out += links.relationships();
  out += "</Relationships>";
  return out;
}

constexpr std::string_view kSettings =
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"708\"/><w:autoHyphenation/><w:consecutiveHyphenLimit "
    "w:val=\"3\"/><w:hyphenationZone w:val=\"284\"/>"
    "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    "</w:settings>";

constexpr std::string_view kApp =
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>perechen</Application></Properties>";

std::string part(std::string_view body) {
  return std::string(kXmlHeader) + std::string(body);
}

}  // namespace

std::string write_docx(const Document& doc, const WriteOptions& options) {
  std::vector<ZipEntry> entries;
  entries.push_back({"[Content_Types].xml", part(kContentTypes)});
  entries.push_back({"_rels/.rels", part(kPackageRels)});
  entries.push_back({"docProps/core.xml", core_xml(doc)});
  entries.push_back({"docProps/app.xml", part(kApp)});
  Links links;
  std::string body = document_xml(doc, options, links);
  entries.push_back({"word/_rels/document.xml.rels", document_rels(links)});
  entries.push_back({"word/document.xml", std::move(body)});
  entries.push_back({"word/styles.xml", styles_xml()});
  entries.push_back({"word/header1.xml", header_xml(doc, false)});
  entries.push_back({"word/header2.xml", header_xml(doc, true)});
  entries.push_back({"word/settings.xml", part(kSettings)});
  return make_zip(entries, "docx");
}

}  // namespace perechen::exporting
