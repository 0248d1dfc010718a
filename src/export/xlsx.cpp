// The list as an Excel workbook (libxlsxwriter), from which the order's appendix is made: the
// title, organisation, version and approvers above the table; the seven columns of the form with
// the direction and process cells merged over their rows; the header row frozen, filtered and
// repeated on every printed page; wrapped text, fixed widths, landscape A4 one page wide.
//
// libxlsxwriter 1.1 writes only to a named file, so the workbook goes to a private temporary file
// that is read back and removed. Its zip entries carry a fixed date; the one date inside
// (docProps/core.xml "created") is set from the version, so the same input gives the same bytes.

#include <unistd.h>
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

// A file name in the temporary folder, made by mkstemp and removed when done.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec)
      dir = "/tmp";
    std::string name = (dir / "perechen-xlsx-XXXXXX").string();
    int fd = ::mkstemp(name.data());
    if (fd < 0)
      fail("mkstemp");
    ::close(fd);
    path_ = name;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* meta = nullptr;
  lxw_format* header = nullptr;
  lxw_format* cell = nullptr;
  lxw_format* number = nullptr;
  lxw_format* group = nullptr;
};

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_text_wrap(f.title);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_TOP);

  f.meta = workbook_add_format(wb);
  format_set_text_wrap(f.meta);
  format_set_align(f.meta, LXW_ALIGN_VERTICAL_TOP);

  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xEEF1F5);

  f.cell = workbook_add_format(wb);
  format_set_text_wrap(f.cell);
  format_set_align(f.cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.cell, LXW_BORDER_THIN);

  f.number = workbook_add_format(wb);
  format_set_align(f.number, LXW_ALIGN_RIGHT);
  format_set_align(f.number, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.number, LXW_BORDER_THIN);

  f.group = workbook_add_format(wb);
  format_set_bold(f.group);
  format_set_text_wrap(f.group);
  format_set_align(f.group, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.group, LXW_BORDER_THIN);
  return f;
}

constexpr lxw_col_t kLastColumn = 6;
constexpr double kWidths[] = {6, 22, 28, 36, 30, 36, 44};  // in widths of the digit 0
constexpr double kLineHeight = 15;                         // points, at the default font

// How many lines `text` takes wrapped in a column `width` characters wide. Row heights are set
// from this estimate: neither libxlsxwriter nor LibreOffice fits rows to wrapped text on their own.
std::size_t wrapped_lines(const std::string& text, double width) {
  auto per_line = static_cast<std::size_t>(std::max(1.0, width - 2));
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

// Sets the height of row `row` to hold the tallest of `cells` (column, text).
void fit_row(lxw_worksheet* ws, lxw_row_t row,
             const std::vector<std::pair<lxw_col_t, std::string>>& cells) {
  std::size_t lines = 1;
  for (const auto& [col, text] : cells)
    lines = std::max(lines, wrapped_lines(text, kWidths[col]));
  check(worksheet_set_row(ws, row, kLineHeight * static_cast<double>(lines), nullptr));
}

void write_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format) {
  check(worksheet_write_string(ws, row, col, text.c_str(), format));
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
    text += "\n" + row.url;
  if (!row.address.empty())
    text += "\n" + row.address;
  return text;
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

  lxw_row_t r = 0;
  check(worksheet_merge_range(ws, r, 0, r, kLastColumn, doc.title.c_str(), f.title));
  check(worksheet_set_row(ws, r, 40, nullptr));
  ++r;
  check(worksheet_merge_range(ws, r, 0, r, kLastColumn, doc.organization.c_str(), f.meta));
  ++r;
  std::string version = label(lang, "export.version") + ": " + version_line(doc.version, lang);
  check(worksheet_merge_range(ws, r, 0, r, kLastColumn, version.c_str(), f.meta));
  ++r;
  auto approvers = approver_lines(doc.version, lang);
  std::string approved =
      label(lang, "export.approvers") + ": " +
      (approvers.empty() ? label(lang, "export.no-approvers") : join(approvers, "; "));
  check(worksheet_merge_range(ws, r, 0, r, kLastColumn, approved.c_str(), f.meta));
  if (approvers.size() > 1) {
    check(worksheet_set_row(ws, r, 15.0 * static_cast<double>(1 + approvers.size() / 2), nullptr));
  }
  r += 2;

  const lxw_row_t header = r;
  auto columns = form_columns(lang);
  std::vector<std::pair<lxw_col_t, std::string>> header_cells;
  for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
    write_text(ws, header, c, columns[c], f.header);
    header_cells.emplace_back(c, columns[c]);
  }
  fit_row(ws, header, header_cells);
  ++r;

  const auto direction_spans = group_spans(doc.rows, false);
  const auto process_spans = group_spans(doc.rows, true);
  for (std::size_t i = 0; i < doc.rows.size(); ++i, ++r) {
    const Row& row = doc.rows[i];
    check(worksheet_write_number(ws, r, 0, row.number, f.number));
    if (direction_spans[i] > 0)
      write_group(ws, r, 1, direction_spans[i], row.direction_title, f.group);
    if (process_spans[i] > 0)
      write_group(ws, r, 2, process_spans[i], row.process_title, f.cell);
    std::vector<std::pair<lxw_col_t, std::string>> cells{{3, point_text(row, lang)},
                                                         {4, join(client_lines(row), "\n")},
                                                         {5, row.value},
                                                         {6, join(need_lines(row, lang), "\n")}};
    // A group cell spanning one row must fit in it; a merged one has the rows of its group.
    if (direction_spans[i] == 1)
      cells.emplace_back(1, row.direction_title);
    if (process_spans[i] == 1)
      cells.emplace_back(2, row.process_title);
    for (const auto& [col, text] : cells) {
      if (col >= 3)
        write_text(ws, r, col, text, f.cell);
    }
    fit_row(ws, r, cells);
  }
  const lxw_row_t last = doc.rows.empty() ? header : r - 1;

  worksheet_freeze_panes(ws, header + 1, 0);
  check(worksheet_autofilter(ws, header, 0, last, kLastColumn));
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  check(worksheet_repeat_rows(ws, header, header));
}

}  // namespace

std::string write_xlsx(const Document& doc) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path().c_str());
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
    fail(file.path());
  return std::move(bytes).str();
}

}  // namespace perechen::exporting
