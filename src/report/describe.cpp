// SPDX-License-Identifier: Apache-2.0
#include "describe.hpp"

#include <fmt/format.h>

#include "perechen/i18n.hpp"
#include "utf8.hpp"

namespace perechen::report::detail {

std::string severity_word(Severity severity) {
  return std::string(message_template(severity == Severity::error ? "report.severity.error"
                                                                  : "report.severity.warning"));
}

std::string plural_word(std::string_view plural_key, std::size_t count) {
  return plural(plural_key, count);
}

std::string place(const Location& where) {
  if (where.file.empty()) {
    return {};
  }
  if (where.line <= 0) {
    return where.file;
  }
  if (where.column <= 0) {
    return fmt::format("{}:{}", where.file, where.line);
  }
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

std::string rule_and_clause(const Diagnostic& diagnostic) {
  if (diagnostic.clause.empty()) {
    return diagnostic.rule;
  }
  return fmt::format("{} ({})", diagnostic.rule,
                     tr("report.clause", fmt::arg("clause", diagnostic.clause)));
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return clean_text(out);
}

std::string headline(const Diagnostic& diagnostic, const Paint& paint) {
  std::string out;
  auto where = one_line(place(diagnostic.where));
  if (!where.empty()) {
    out += fmt::format("{}{}:{} ", paint.place, where, paint.reset);
  }
  out += fmt::format("{}{}{} [{}]", paint.of(diagnostic.severity),
                     severity_word(diagnostic.severity), paint.reset, clean_text(diagnostic.rule));
  if (!diagnostic.clause.empty()) {
    out += fmt::format(" ({})",
                       tr("report.clause", fmt::arg("clause", clean_text(diagnostic.clause))));
  }
  out += ": ";
  out += one_line(diagnostic.message);
  return out;
}

std::string note_line(const Related& related, const Paint& paint) {
  std::string out = "  ";
  auto where = one_line(place(related.where));
  if (!where.empty()) {
    out += fmt::format("{}{}:{} ", paint.place, where, paint.reset);
  }
  out += fmt::format("{}{}:{} ", paint.note, message_template("report.note"), paint.reset);
  out += related.message.empty() ? std::string(message_template("report.related"))
                                 : one_line(related.message);
  return out;
}

std::string summary_line(const Summary& summary) {
  bool clean = summary.errors == 0 && summary.warnings == 0;
  return tr(clean ? "report.summary-clean" : "report.summary", fmt::arg("files", summary.files),
            fmt::arg("files_word", plural_word("report.plural.file", summary.files)),
            fmt::arg("points", summary.points),
            fmt::arg("points_word", plural_word("report.plural.point", summary.points)),
            fmt::arg("errors", summary.errors),
            fmt::arg("errors_word", plural_word("report.plural.error", summary.errors)),
            fmt::arg("warnings", summary.warnings),
            fmt::arg("warnings_word", plural_word("report.plural.warning", summary.warnings)));
}

std::string omitted_line(const Summary& summary) {
  if (summary.omitted == 0)
    return {};
  std::string rules;
  for (const auto& [rule, count] : summary.omitted_rules) {
    if (!rules.empty())
      rules += ", ";
    rules += fmt::format("{}: {}", rule, count);
  }
  return tr("report.omitted", fmt::arg("count", summary.omitted), fmt::arg("rules", rules),
            fmt::arg("per_file", kMaxFindingsPerFile), fmt::arg("per_run", kMaxFindings));
}

std::string silenced_reason(const SilencedFinding& silenced) {
  return tr("report.silenced-reason", fmt::arg("reason", one_line(silenced.reason)),
            fmt::arg("line", silenced.line));
}

std::string excluded_line(const Summary& summary) {
  if (summary.excluded.empty())
    return {};
  return tr("report.excluded", fmt::arg("count", summary.excluded.size()));
}

}  // namespace perechen::report::detail
