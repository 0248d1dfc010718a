// SPDX-License-Identifier: Apache-2.0
// The list as an Excel workbook (libxlsxwriter), from which the order's appendix is made (spec
// §6.1): the order's mark, «ПРОЕКТ» for a draft, the title, organisation, version and each
// approver as rows of their own above the table; the seven columns of the form with the direction
// and process cells merged over their rows and the other rows as tall as their text (no heights
// of their own); the header row frozen and repeated on every printed page; the legend of short
// titles on a sheet of its own; landscape A4 one page wide, the page number and a draft's
// «ПРОЕКТ» in the page header.
//
// libxlsxwriter 1.1 writes only to a named file, so the workbook goes to a private temporary file
// (platform::TempFile) that is read back and removed; the parts it assembles on the way go to the
// same system temporary folder, not to tmpfile()'s, which on Windows is the root of drive C. Its
// zip entries carry a fixed date; the one date inside (docProps/core.xml "created") is set from
// the version, so the same input gives the same bytes.

#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "labels.hpp"
#include "layout.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/error.hpp"
#include "perechen/export/format.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/text.hpp"
#include "zip.hpp"

namespace perechen::exporting {
namespace {

namespace fs = std::filesystem;

// 1980-01-01T00:00:00Z, the first day a zip file can date, for a version that has no date.
constexpr std::time_t kNoDate = 315532800;

std::time_t version_time(const Version& version) {
  auto date = calendar::Date::parse(version.date());
  if (!date)
    return kNoDate;
  return static_cast<std::time_t>(
      std::chrono::duration_cast<std::chrono::seconds>(date->to_sys_days().time_since_epoch())
          .count());
}

[[noreturn]] void fail(const std::string& what) {
  throw Error(ExitCode::failure, tr("export.xlsx-failed", fmt::arg("what", what)));
}

void check(lxw_error rc) {
  if (rc != LXW_NO_ERROR)
    fail(lxw_strerror(rc));
}

struct Formats {
  lxw_format* order = nullptr;
  lxw_format* draft = nullptr;
  lxw_format* title = nullptr;
  lxw_format* meta = nullptr;
  lxw_format* header = nullptr;
  lxw_format* cell = nullptr;
  lxw_format* number = nullptr;
  lxw_format* group = nullptr;
  lxw_format* continued = nullptr;
  lxw_format* heading = nullptr;
};

// Times New Roman, as the order's text (ГОСТ Р 7.0.97-2016); LibreOffice takes its metric twin.
constexpr const char* kFont = "Times New Roman";

lxw_format* add_format(lxw_workbook* wb, double size = 11) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, size);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.order = add_format(wb, 12);

  f.draft = add_format(wb, 14);
  format_set_bold(f.draft);
  format_set_align(f.draft, LXW_ALIGN_CENTER);

  f.title = add_format(wb, 14);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);

  f.meta = add_format(wb);

  f.heading = add_format(wb, 12);
  format_set_bold(f.heading);

  f.header = add_format(wb);
  format_set_bold(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xF2F2F2);

  f.cell = add_format(wb);
  format_set_border(f.cell, LXW_BORDER_THIN);

  f.number = add_format(wb);
  format_set_align(f.number, LXW_ALIGN_CENTER);
  format_set_border(f.number, LXW_BORDER_THIN);

  f.group = add_format(wb);
  format_set_bold(f.group);
  format_set_border(f.group, LXW_BORDER_THIN);

  // The direction and process again in a row that goes on with their group: grey, as a reminder.
  f.continued = add_format(wb, 10);
  format_set_border(f.continued, LXW_BORDER_THIN);
  format_set_font_color(f.continued, 0x6E6E6E);
  return f;
}

constexpr lxw_col_t kLastColumn = 6;
// Column widths are in widths of the digit 0 of the default font (Calibri 11, 7 px); together
// about the width of landscape A4, so that fitting to one page wide keeps the text near its size.
// Times New Roman 11 pt takes about 1.05 of them a character on average, 1.3 in a word that must
// not break (layout.hpp).
constexpr Measure kMeasure{1.05, 1.3, 1.6, 156};
using Widths = std::vector<double>;

double width_of(const Widths& widths, lxw_col_t first, lxw_col_t last) {
  double width = 0;
  for (lxw_col_t c = first; c <= last; ++c)
    width += widths[c];
  return width;
}

// Row heights. Excel fits a row to its wrapped text when the row has no height of its own, but
// LibreOffice does not, and libxlsxwriter cannot write a height Excel would take as a mere hint
// (customHeight="0"): so every row gets the height its text needs, estimated from the metrics of
// Times New Roman (Liberation Serif) 11 pt: a column of w widths of 0 is w * 7 + 5 pixels
// (3/4 pt each), a character of Russian text about 5 pt on average, a line 12.7 pt.
constexpr double kCharWidth = 5.2;
constexpr double kLineHeight = 12.7;
constexpr double kPadding = 4;
// No row is taller than this: a third of the printed page at the scale that fits the table to the
// page's width, so that a row moved whole to the next page leaves the page before it two thirds
// full; a taller point goes on over continuation rows. Far below Excel's limit of 409 pt.
constexpr double kMaxRowHeight = 170;

std::size_t wrapped_lines(const std::string& text, double width, double size = 11) {
  double points = (width * 7 + 5) * 0.75 - 4;
  // Words wrap before the line is full: about a twelfth of it is lost on average.
  auto per_line = static_cast<std::size_t>(std::max(1.0, points * 0.9 / (kCharWidth * size / 11)));
  std::size_t lines = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    std::size_t chars = text::length(std::string_view(text).substr(start, end - start));
    lines += std::max<std::size_t>(1, (chars + per_line - 1) / per_line);
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return lines;
}

double height_of(std::size_t lines, double size = 11) {
  return kLineHeight * size / 11 * static_cast<double>(lines) + kPadding;
}

// Sets the height of row `row` to hold the tallest of `cells` (first column, last column, text).
struct CellText {
  lxw_col_t first;
  lxw_col_t last;
  std::string text;
};
std::size_t lines_of(const Widths& widths, const std::vector<CellText>& cells, double size = 11) {
  std::size_t lines = 1;
  for (const auto& cell : cells)
    lines =
        std::max(lines, wrapped_lines(cell.text, width_of(widths, cell.first, cell.last), size));
  return lines;
}

void fit_row(lxw_worksheet* ws, const Widths& widths, lxw_row_t row,
             const std::vector<CellText>& cells, double size = 11) {
  double height = std::min(height_of(lines_of(widths, cells, size), size), 409.0);
  check(worksheet_set_row(ws, row, height, nullptr));
}

void write_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format) {
  check(worksheet_write_string(ws, row, col, printable(text).c_str(), format));
}

// A line of its own across columns first..last, as tall as its wrapped text.
void write_line(lxw_worksheet* ws, const Widths& widths, lxw_row_t row, lxw_col_t first,
                lxw_col_t last, const std::string& text, lxw_format* format, double size = 11) {
  if (first == last) {
    write_text(ws, row, first, text, format);
  } else {
    check(worksheet_merge_range(ws, row, first, row, last, printable(text).c_str(), format));
  }
  fit_row(ws, widths, row, {{first, last, text}}, size);
}

// A direction or process cell: merged over its rows when it spans more than one.
void write_group(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::size_t span,
                 const std::string& text, lxw_format* format) {
  if (span > 1) {
    check(worksheet_merge_range(ws, row, col, static_cast<lxw_row_t>(row + span - 1), col,
                                printable(text).c_str(), format));
  } else {
    write_text(ws, row, col, text, format);
  }
}

// A point's row over as many sheet rows as it needs to stay under kMaxRowHeight: the lines of
// each cell (row_lines) dealt out in order, each sheet row taking what fits.
std::vector<std::vector<CellText>> sheet_rows(const Widths& widths, const RowLines& lines) {
  std::vector<std::vector<CellText>> rows;
  const auto room = static_cast<std::size_t>((kMaxRowHeight - kPadding) / kLineHeight);
  for (lxw_col_t c = 3; c <= kLastColumn; ++c) {
    std::size_t at = 0;
    std::size_t used = 0;
    for (const auto& line : lines.cells[c]) {
      std::size_t need = wrapped_lines(line, widths[c]);
      if (used > 0 && used + need > room) {
        ++at;
        used = 0;
      }
      if (rows.size() <= at)
        rows.resize(at + 1);
      auto& cells = rows[at];
      if (cells.empty() || cells.back().first != c)
        cells.push_back({c, c, line});
      else
        cells.back().text += "\n" + line;
      used += need;
    }
  }
  if (rows.empty())
    rows.resize(1);
  // A continuation of fewer than three lines would stand alone at the head of a page: it goes
  // back into the row before, which stays far below Excel's 409 pt.
  if (rows.size() > 1) {
    std::size_t last = 0;
    for (const auto& cell : rows.back())
      last = std::max(last, wrapped_lines(cell.text, widths[cell.first]));
    if (last < 3) {
      for (auto& cell : rows.back()) {
        auto& before = rows[rows.size() - 2];
        auto same = std::find_if(before.begin(), before.end(),
                                 [&](const CellText& b) { return b.first == cell.first; });
        if (same == before.end())
          before.push_back(cell);
        else
          same->text += "\n" + cell.text;
      }
      rows.pop_back();
    }
  }
  return rows;
}

// The legend of short titles after the table: a heading, then the short title in B:C and the
// full one in D:G, by group.
lxw_row_t legend_into(lxw_worksheet* ws, const Widths& widths, const Formats& f,
                      const Document& doc, lxw_row_t r) {
  if (doc.legend.empty() && doc.every_client.empty())
    return r;
  const Lang lang = doc.lang;
  write_line(ws, widths, r++, 0, kLastColumn, label(lang, "export.legend"), f.heading, 12);
  for (auto group :
       {LegendEntry::Group::client, LegendEntry::Group::direction, LegendEntry::Group::process}) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& entry : doc.legend) {
      if (entry.group == group)
        entries.emplace_back(entry.short_title, entry.title);
    }
    if (group == LegendEntry::Group::client && !doc.every_client.empty())
      entries.emplace_back(label(lang, "export.every-client"), every_client_legend(doc));
    if (entries.empty())
      continue;
    write_line(ws, widths, r++, 0, kLastColumn, legend_group(group, lang) + ":", f.group);
    for (const auto& [short_title, title] : entries) {
      check(worksheet_merge_range(ws, r, 1, r, 2, printable(short_title).c_str(), f.cell));
      check(worksheet_merge_range(ws, r, 3, r, kLastColumn, printable(title).c_str(), f.cell));
      fit_row(ws, widths, r, {{1, 2, short_title}, {3, kLastColumn, title}});
      ++r;
    }
  }
  return r;
}

// A4 landscape, 20 mm margins (ГОСТ Р 7.0.97-2016, п. 5.2), one page wide; the page number at the
// top centre and «ПРОЕКТ» at the right of every page of a draft, both in the font of the text, not
// the header's default.
void page_setup(lxw_worksheet* ws, const Document& doc) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);                         // A4
  worksheet_set_margins(ws, 0.79, 0.79, 0.79, 0.79);  // inches
  worksheet_fit_to_pages(ws, 1, 0);
  std::string page_header = "&C&\"Times New Roman,Regular\"&11&P";
  if (doc.draft())
    page_header += "&R&\"Times New Roman,Bold\"&11" + label(doc.lang, "export.draft");
  check(worksheet_set_header(ws, printable(page_header).c_str()));
}

// Returns the row of the table's header (0-based).
lxw_row_t fill(lxw_workbook* wb, const Document& doc, const WriteOptions& options) {
  const Lang lang = doc.lang;
  const std::string sheet_name = printable(label(lang, "export.sheet"));
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  if (ws == nullptr)
    fail("worksheet");
  Formats f = make_formats(wb);

  const Widths widths = column_widths(doc, kMeasure);
  for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
    check(worksheet_set_column(ws, c, c, widths[c], nullptr));
  }

  // The title block, a row for each of its lines: the order's mark at the right, «ПРОЕКТ» for a
  // draft, the title, organisation, version, and each approver.
  lxw_row_t r = 0;
  write_line(ws, widths, r++, 5, kLastColumn,
             order_mark(doc, options.order_number, options.order_date), f.order, 12);
  if (doc.draft())
    write_line(ws, widths, r++, 0, kLastColumn, label(lang, "export.draft"), f.draft, 14);
  write_line(ws, widths, r++, 0, kLastColumn, doc.title, f.title, 14);
  write_line(ws, widths, r++, 0, kLastColumn, doc.organization, f.meta);
  write_line(ws, widths, r++, 0, kLastColumn,
             label(lang, "export.version") + ": " + version_line(doc.version, lang), f.meta);
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    write_line(ws, widths, r++, 0, kLastColumn,
               label(lang, "export.approvers") + ": " + label(lang, "export.no-approvers"), f.meta);
  } else {
    write_line(ws, widths, r++, 0, kLastColumn, label(lang, "export.approvers") + ":", f.meta);
    for (const auto& a : approvers)
      write_line(ws, widths, r++, 0, kLastColumn, a, f.meta);
  }
  ++r;

  const lxw_row_t header = r;
  auto columns = form_columns(lang);
  std::vector<CellText> header_cells;
  for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
    write_text(ws, header, c, columns[c], f.header);
    header_cells.push_back({c, c, columns[c]});
  }
  fit_row(ws, widths, header, header_cells);
  ++r;

  // Each point takes one sheet row, or more when its text would make a row taller than
  // kMaxRowHeight: then its number, direction and process are merged over them.
  std::vector<RowLines> lines;
  std::vector<std::vector<std::vector<CellText>>> parts;
  for (const auto& row : doc.rows) {
    lines.push_back(row_lines(row, lang));
    parts.push_back(sheet_rows(widths, lines.back()));
  }
  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const Row& row = doc.rows[i];
    const auto& own = parts[i];
    if (own.size() > 1) {
      check(worksheet_merge_range(ws, r, 0, static_cast<lxw_row_t>(r + own.size() - 1), 0,
                                  std::to_string(row.number).c_str(), f.number));
    } else {
      check(worksheet_write_number(ws, r, 0, row.number, f.number));
    }
    // No cell spans the rows of a group: a page that starts inside one still says what its rows
    // are. The direction and process stand in full where their group starts, grey after it.
    write_group(ws, r, 1, own.size(), direction_cell(row),
                direction_spans[i] > 0 ? f.group : f.continued);
    write_group(ws, r, 2, own.size(), process_cell(row),
                process_spans[i] > 0 ? f.cell : f.continued);
    for (std::size_t k = 0; k < own.size(); ++k, ++r) {
      std::vector<CellText> cells = own[k];
      // Every cell of the row is drawn, an empty one of a continuation too.
      for (lxw_col_t c = 3; c <= kLastColumn; ++c) {
        auto found = std::find_if(cells.begin(), cells.end(),
                                  [&](const CellText& cell) { return cell.first == c; });
        write_text(ws, r, c, found == cells.end() ? std::string() : found->text, f.cell);
      }
      // A group cell of one row must fit in it; a merged one has the rows of its group.
      if (own.size() == 1) {
        cells.push_back({1, 1, direction_cell(row)});
        cells.push_back({2, 2, process_cell(row)});
      }
      fit_row(ws, widths, r, cells);
    }
  }
  worksheet_freeze_panes(ws, header + 1, 0);
  page_setup(ws, doc);
  check(worksheet_repeat_rows(ws, header, header));

  // The legend on a sheet of its own, so that the table's header row, repeated on every printed
  // page of the table, is not printed above it.
  if (!doc.legend.empty() || !doc.every_client.empty()) {
    const std::string legend_name = printable(label(lang, "export.legend-sheet"));
    lxw_worksheet* legend = workbook_add_worksheet(wb, legend_name.c_str());
    if (legend == nullptr)
      fail("worksheet");
    for (lxw_col_t c = 0; c <= kLastColumn; ++c)
      check(worksheet_set_column(legend, c, c, widths[c], nullptr));
    legend_into(legend, widths, f, doc, 0);
    page_setup(legend, doc);
  }
  return header;
}

// libxlsxwriter freezes everything above the split, here the whole title block with the header
// (some 370 px of screen). The view is made to start at the header row instead, with one frozen
// row: the header stays on screen while the table scrolls, and the title block is above it
// (ySplit counts the rows of the top pane from the view's first row, ECMA-376 18.3.1.66). The
// workbook is zipped again by make_zip, with its fixed date.
std::string header_frozen(const std::string& workbook, lxw_row_t header) {
  auto entries = read_zip(workbook, "xlsx");
  const std::string first = "A" + std::to_string(header + 1);
  const std::string below = "A" + std::to_string(header + 2);
  for (auto& entry : entries) {
    if (entry.name != "xl/worksheets/sheet1.xml")
      continue;
    std::string& xml = entry.data;
    const std::string pane =
        "<pane ySplit=\"" + std::to_string(header + 1) + "\" topLeftCell=\"" + below + "\"";
    auto at = xml.find(pane);
    auto view = xml.find("<sheetView ");
    if (at == std::string::npos || view == std::string::npos)
      fail("sheetView");
    xml.replace(at, pane.size(), "<pane ySplit=\"1\" topLeftCell=\"" + below + "\"");
    xml.insert(view + std::string_view("<sheetView ").size(), "topLeftCell=\"" + first + "\" ");
  }
  return make_zip(entries, "xlsx");
}

}  // namespace

std::string write_xlsx(const Document& doc, const WriteOptions& write_options) {
  platform::TempFile file("perechen-xlsx");
  std::string path = platform::utf8_path(file.path());
  std::string tmpdir = platform::utf8_path(platform::temp_directory());
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr)
    fail("workbook_new");
  lxw_doc_properties properties{};
  std::string title = printable(doc.title);
  std::string company = printable(doc.organization);
  properties.title = title.data();
  properties.company = company.data();
  properties.created = version_time(doc.version);
  lxw_row_t header_row = 0;
  try {
    check(workbook_set_properties(wb, &properties));
    header_row = fill(wb, doc, write_options);
  } catch (...) {
    // workbook_close also frees; the half-made file is removed with TempFile.
    workbook_close(wb);
    throw;
  }
  check(workbook_close(wb));

  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in)
    fail(path);
  return header_frozen(std::move(bytes).str(), header_row);
}

}  // namespace perechen::exporting
