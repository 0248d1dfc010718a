// SPDX-License-Identifier: Apache-2.0
#pragma once

// The words and lines that the text, JUnit and GitHub formats share: a finding written as a
// compiler writes it, `file:line:col: ошибка [rule] (п. 2.6): message`, its related places as
// notes, and the summary. Private to src/report/.

#include <cstddef>
#include <string>
#include <string_view>

#include "perechen/diagnostic.hpp"
#include "perechen/report/report.hpp"

namespace perechen::report::detail {

// ANSI escapes for the parts of a line; all empty when colours are off.
struct Paint {
  std::string_view place;    // file:line:col
  std::string_view error;    // the word "ошибка" / "error"
  std::string_view warning;  // the word "предупреждение" / "warning"
  std::string_view note;     // the word "примечание" / "note"
  std::string_view reset;

  std::string_view of(Severity severity) const {
    return severity == Severity::error ? error : warning;
  }
};

inline constexpr Paint kNoPaint{};
// The colours gcc uses, with yellow for warnings.
inline constexpr Paint kAnsiPaint{"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[0m"};

// "ошибка" / "error", "предупреждение" / "warning".
std::string severity_word(Severity severity);

// The form of `plural_key` (report.plural.*) that goes with `count`: "file" for 1, "files" for 5;
// in Russian "файл", "файла" or "файлов".
std::string plural_word(std::string_view plural_key, std::size_t count);

// "file:9:5", "file:9" when the column is unknown, "file" for the whole file, "" for no file.
std::string place(const Location& where);

// "need-unknown (п. 2.6)", or "need-unknown" when the rule has no clause.
std::string rule_and_clause(const Diagnostic& diagnostic);

// `text` on one line: line breaks shown as `\n` and `\r`, other control characters as U+FFFD, so
// that no file name or value can start a line of a report (a finding, or a workflow command that
// a CI runner would execute).
std::string one_line(std::string_view text);

// "file:9:5: ошибка [need-unknown] (п. 2.6): message", without a trailing newline.
std::string headline(const Diagnostic& diagnostic, const Paint& paint = kNoPaint);

// "  file:3:1: примечание: message", without a trailing newline.
std::string note_line(const Related& related, const Paint& paint = kNoPaint);

// "Проверено файлов: 24, точек: 23. Ошибок: 1, предупреждений: 0." or the all-good line.
std::string summary_line(const Summary& summary);

// "Not shown, over the limits: 12 more findings (unknown-client: 12)." or "" when none were left
// out.
std::string omitted_line(const Summary& summary);

// "заглушено комментарием в строке 3: причина": why a silenced warning is not shown.
std::string silenced_reason(const SilencedFinding& silenced);

// "Исключено из проверки (--exclude): 2" or "" when nothing was excluded.
std::string excluded_line(const Summary& summary);

}  // namespace perechen::report::detail
