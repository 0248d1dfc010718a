// SPDX-License-Identifier: Apache-2.0
// The list as an Excel workbook (libxlsxwriter), from which the order's appendix is made (spec
// §6.1): the order's mark, «ПРОЕКТ» for a draft, the title, organisation, version and each
// approver as rows of their own above the table; the seven columns of the form with the direction
// and process cells merged over their rows and the other rows as tall as their text (no heights
// of their own); the header row frozen and repeated on every printed page; the legend of short
// titles after the table; landscape A4 one page wide, the page number and a draft's «ПРОЕКТ» in
// the page header.
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
#include "perechen/calendar/date.hpp"
#include "perechen/error.hpp"
#include "perechen/export/format.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/text.hpp"

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
  return f;
}

constexpr lxw_col_t kLastColumn = 6;
// In widths of the digit 0 of the default font; together about the width of landscape A4, so that
// fitting to one page wide keeps the text near its size.
constexpr double kWidths[] = {6, 16, 22, 30, 20, 28, 34};

double width_of(lxw_col_t first, lxw_col_t last) {
  double width = 0;
  for (lxw_col_t c = first; c <= last; ++c)
    width += kWidths[c];
  return width;
}

// Row heights. Excel fits a row to its wrapped text when the row has no height of its own, but
// LibreOffice does not, and libxlsxwriter cannot write a height Excel would take as a mere hint
// (customHeight="0"): so every row gets the height its text needs, estimated from the metrics of
// Times New Roman (Liberation Serif) 11 pt: a column of w widths of 0 is w * 7 + 5 pixels
// (3/4 pt each), a character of Russian text about 5 pt on average, a line 12.7 pt.
constexpr double kCharWidth = 5.0;
constexpr double kLineHeight = 12.7;
constexpr double kPadding = 4;

std::size_t wrapped_lines(const std::string& text, double width, double size = 11) {
  double points = (width * 7 + 5) * 0.75 - 4;
  // Words wrap before the line is full: about a twelfth of it is lost on average.
  auto per_line = static_cast<std::size_t>(std::max(1.0, points * 0.92 / (kCharWidth * size / 11)));
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
void fit_row(lxw_worksheet* ws, lxw_row_t row, const std::vector<CellText>& cells,
             double size = 11) {
  std::size_t lines = 1;
  for (const auto& cell : cells)
    lines = std::max(lines, wrapped_lines(cell.text, width_of(cell.first, cell.last), size));
  check(worksheet_set_row(ws, row, height_of(lines, size), nullptr));
}

void write_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format) {
  check(worksheet_write_string(ws, row, col, text.c_str(), format));
}

// A line of its own across columns first..last, as tall as its wrapped text.
void write_line(lxw_worksheet* ws, lxw_row_t row, lxw_col_t first, lxw_col_t last,
                const std::string& text, lxw_format* format, double size = 11) {
  if (first == last) {
    write_text(ws, row, first, text, format);
  } else {
    check(worksheet_merge_range(ws, row, first, row, last, text.c_str(), format));
  }
  fit_row(ws, row, {{first, last, text}}, size);
}

// A direction or process cell: merged over its rows when it spans more than one.
void write_group(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::size_t span,
                 const std::string& text, lxw_format* format) {
  if (span > 1) {
    check(worksheet_merge_range(ws, row, col, static_cast<lxw_row_t>(row + span - 1), col,
                                text.c_str(), format));
  } else {
    write_text(ws, row, col, text, format);
  }
}

std::string point_text(const Row& row, Lang lang) {
  std::string text = row.name + "\n" + channel_line(row, lang);
  if (!row.url.empty())
    text += "\n" + contact_text(row.url);
  if (!row.address.empty())
    text += "\n" + row.address;
  return text;
}

// The legend of short titles after the table: a heading, then the short title in B:C and the
// full one in D:G, by group.
lxw_row_t legend_into(lxw_worksheet* ws, const Formats& f, const Document& doc, lxw_row_t r) {
  if (doc.legend.empty() && doc.every_client.empty())
    return r;
  const Lang lang = doc.lang;
  ++r;
  write_line(ws, r++, 0, kLastColumn, label(lang, "export.legend"), f.heading, 12);
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
    write_line(ws, r++, 0, kLastColumn, legend_group(group, lang) + ":", f.group);
    for (const auto& [short_title, title] : entries) {
      check(worksheet_merge_range(ws, r, 1, r, 2, short_title.c_str(), f.cell));
      check(worksheet_merge_range(ws, r, 3, r, kLastColumn, title.c_str(), f.cell));
      fit_row(ws, r, {{1, 2, short_title}, {3, kLastColumn, title}});
      ++r;
    }
  }
  return r;
}

void fill(lxw_workbook* wb, const Document& doc) {
  const Lang lang = doc.lang;
  const std::string sheet_name = label(lang, "export.sheet");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  if (ws == nullptr)
    fail("worksheet");
  Formats f = make_formats(wb);

  for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
    check(worksheet_set_column(ws, c, c, kWidths[c], nullptr));
  }

  // The title block, a row for each of its lines: the order's mark at the right, «ПРОЕКТ» for a
  // draft, the title, organisation, version, and each approver.
  lxw_row_t r = 0;
  write_line(ws, r++, 5, kLastColumn, order_mark(doc, {}, {}), f.order, 12);
  if (doc.draft())
    write_line(ws, r++, 0, kLastColumn, label(lang, "export.draft"), f.draft, 14);
  write_line(ws, r++, 0, kLastColumn, doc.title, f.title, 14);
  write_line(ws, r++, 0, kLastColumn, doc.organization, f.meta);
  write_line(ws, r++, 0, kLastColumn,
             label(lang, "export.version") + ": " + version_line(doc.version, lang), f.meta);
  auto approvers = approver_lines(doc.version, lang);
  if (approvers.empty()) {
    write_line(ws, r++, 0, kLastColumn,
               label(lang, "export.approvers") + ": " + label(lang, "export.no-approvers"), f.meta);
  } else {
    write_line(ws, r++, 0, kLastColumn, label(lang, "export.approvers") + ":", f.meta);
    for (const auto& a : approvers)
      write_line(ws, r++, 0, kLastColumn, a, f.meta);
  }
  ++r;

  const lxw_row_t header = r;
  auto columns = form_columns(lang);
  std::vector<CellText> header_cells;
  for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
    write_text(ws, header, c, columns[c], f.header);
    header_cells.push_back({c, c, columns[c]});
  }
  fit_row(ws, header, header_cells);
  ++r;

  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i, ++r) {
    const Row& row = doc.rows[i];
    check(worksheet_write_number(ws, r, 0, row.number, f.number));
    if (direction_spans[i] > 0)
      write_group(ws, r, 1, direction_spans[i], direction_cell(row), f.group);
    if (process_spans[i] > 0)
      write_group(ws, r, 2, process_spans[i], process_cell(row), f.cell);
    std::vector<CellText> cells{{3, 3, point_text(row, lang)},
                                {4, 4, join(client_cells(row, lang), "\n")},
                                {5, 5, row.value},
                                {6, 6, join(need_lines(row, lang), "\n")}};
    for (const auto& cell : cells)
      write_text(ws, r, cell.first, cell.text, f.cell);
    // A group cell of one row must fit in it; a merged one has the rows of its group.
    if (direction_spans[i] == 1)
      cells.push_back({1, 1, direction_cell(row)});
    if (process_spans[i] == 1)
      cells.push_back({2, 2, process_cell(row)});
    fit_row(ws, r, cells);
  }
  legend_into(ws, f, doc, r);

  worksheet_freeze_panes(ws, header + 1, 0);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  // 20 mm margins (ГОСТ Р 7.0.97-2016, п. 5.2), in inches.
  worksheet_set_margins(ws, 0.79, 0.79, 0.79, 0.79);
  worksheet_fit_to_pages(ws, 1, 0);
  check(worksheet_repeat_rows(ws, header, header));
  // The page number at the top centre; «ПРОЕКТ» at the right of every page of a draft.
  std::string page_header = "&C&P";
  if (doc.draft())
    page_header += "&R&\"Times New Roman,Bold\"" + label(lang, "export.draft");
  check(worksheet_set_header(ws, page_header.c_str()));
}

}  // namespace

std::string write_xlsx(const Document& doc) {
  platform::TempFile file("perechen-xlsx");
  std::string path = platform::utf8_path(file.path());
  std::string tmpdir = platform::utf8_path(platform::temp_directory());
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr)
    fail("workbook_new");
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(doc.title.c_str());
  properties.company = const_cast<char*>(doc.organization.c_str());
  properties.created = version_time(doc.version);
  try {
    check(workbook_set_properties(wb, &properties));
    fill(wb, doc);
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
  return std::move(bytes).str();
}

}  // namespace perechen::exporting
