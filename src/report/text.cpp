// SPDX-License-Identifier: Apache-2.0
// The text format: one line per finding as compilers write them, so that editors and terminals
// jump to the place; on a terminal, the source line with a caret under the column, as gcc does.
// Each finding is written as it comes, and a long source line is shown as a window around the
// column, so that the output stays proportional to the findings, whatever the lines.

#include <fmt/format.h>

#include <ostream>
#include <string>

#include "describe.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "utf8.hpp"

namespace perechen::report {

namespace {

using detail::Paint;

// The width of the line-number gutter, as gcc's "    9 | ".
constexpr int kGutter = 5;
// A source line longer than this (in characters) is shown as a window of it around the column.
constexpr int kWindow = 120;
constexpr std::string_view kEllipsis = "…";

// The byte offset of character `index` (0-based) of UTF-8 `line`, or its size past the end.
std::size_t byte_of(std::string_view line, int index) {
  int seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80)
      continue;
    if (seen == index)
      return i;
    ++seen;
  }
  return line.size();
}

// Prints the line of `where` and a caret under its column. The column counts characters and
// the line is UTF-8, so the caret is padded by characters; tabs are copied, so that the caret
// lands where the terminal put the character.
void show_source(std::ostream& out, const Input& input, const Location& where,
                 std::string_view caret_paint, const Paint& paint) {
  if (!input.source_lines || !input.line_text || where.file.empty() || where.line <= 0) {
    return;
  }
  std::string_view raw = input.line_text(where.file, where.line);
  while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  // A line that is not UTF-8 would print as garbage and the caret could not be placed.
  if (raw.empty() || !detail::is_utf8(raw)) {
    return;
  }
  // Only a window of a long line: kWindow characters, the column a third of the way in.
  int column = where.column;
  std::string prefix;
  std::size_t from = byte_of(raw, std::max(0, column - 1 - kWindow / 3));
  if (from > 0) {
    prefix = kEllipsis;
    column = column - std::max(0, column - 1 - kWindow / 3) + 1;
    raw.remove_prefix(from);
  }
  std::string suffix;
  std::size_t to = byte_of(raw, kWindow);
  if (to < raw.size()) {
    suffix = kEllipsis;
    raw = raw.substr(0, to);
  }
  // Control characters become U+FFFD one for one, so the columns stay where they were.
  auto line = prefix + detail::clean_text(raw) + suffix;
  out << fmt::format("{:>{}} | {}\n", where.line, kGutter, line);
  if (where.column <= 0) {
    return;
  }
  std::string pad;
  int at = 1;
  for (std::size_t i = 0; i < line.size() && at < column; ++i) {
    auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) {
      continue;  // a continuation byte of the character already counted
    }
    pad += line[i] == '\t' ? '\t' : ' ';
    ++at;
  }
  // A column past the end of the line (a missing value at its end) is still shown.
  pad.append(static_cast<std::size_t>(std::max(0, column - at)), ' ');
  out << fmt::format("{:>{}} | {}{}^{}\n", "", kGutter, pad, caret_paint, paint.reset);
}

}  // namespace

void write_text(std::ostream& out, const Input& input) {
  const Paint& paint = input.color ? detail::kAnsiPaint : detail::kNoPaint;
  for (const auto& diagnostic : input.diagnostics) {
    out << detail::headline(diagnostic, paint) << '\n';
    show_source(out, input, diagnostic.where, paint.of(diagnostic.severity), paint);
    for (const auto& related : diagnostic.related) {
      out << detail::note_line(related, paint) << '\n';
      show_source(out, input, related.where, paint.note, paint);
    }
  }
  if (auto omitted = detail::omitted_line(input.summary); !omitted.empty())
    out << omitted << '\n';
  out << detail::summary_line(input.summary) << '\n';
  if (!input.summary.silenced.empty()) {
    out << tr("report.silenced", fmt::arg("count", input.summary.silenced.size())) << '\n';
    for (const auto& s : input.summary.silenced)
      out << fmt::format("  {}:{}: [{}] {}\n", detail::one_line(s.file), s.line, s.rule,
                         detail::one_line(s.reason));
  }
  if (auto excluded = detail::excluded_line(input.summary); !excluded.empty()) {
    out << excluded << '\n';
    for (const auto& file : input.summary.excluded)
      out << "  " << detail::one_line(file) << '\n';
  }
}

}  // namespace perechen::report
