// The text format: one line per finding as compilers write them, so that editors and terminals
// jump to the place; on a terminal, the source line with a caret under the column, as gcc does.

#include <fmt/format.h>

#include <ostream>
#include <string>

#include "describe.hpp"
#include "perechen/report/report.hpp"
#include "utf8.hpp"

namespace perechen::report {

namespace {

using detail::Paint;

// The width of the line-number gutter, as gcc's "    9 | ".
constexpr int kGutter = 5;

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
  // Control characters become U+FFFD one for one, so the columns stay where they were.
  auto line = detail::clean_text(raw);
  out << fmt::format("{:>{}} | {}\n", where.line, kGutter, line);
  if (where.column <= 0) {
    return;
  }
  std::string pad;
  int column = 1;
  for (std::size_t i = 0; i < line.size() && column < where.column; ++i) {
    auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) {
      continue;  // a continuation byte of the character already counted
    }
    pad += line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  // A column past the end of the line (a missing value at its end) is still shown.
  pad.append(static_cast<std::size_t>(where.column - column), ' ');
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
  out << detail::summary_line(input.summary) << '\n';
}

}  // namespace perechen::report
