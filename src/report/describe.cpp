#include "describe.hpp"

#include <fmt/format.h>

#include <vector>

#include "perechen/i18n.hpp"
#include "utf8.hpp"

namespace perechen::report::detail {

namespace {

// Splits "a|b|c" into its forms.
std::vector<std::string_view> forms_of(std::string_view text) {
  std::vector<std::string_view> forms;
  std::size_t start = 0;
  while (true) {
    auto bar = text.find('|', start);
    forms.push_back(text.substr(start, bar - start));
    if (bar == std::string_view::npos) {
      return forms;
    }
    start = bar + 1;
  }
}

// Which of the forms goes with `count`: Russian has three (1 файл, 2 файла, 5 файлов), English
// two (1 file, 2 files).
std::size_t form_index(std::size_t count) {
  if (language() == Lang::en) {
    return count == 1 ? 0 : 1;
  }
  auto last = count % 10;
  auto last_two = count % 100;
  if (last == 1 && last_two != 11) {
    return 0;
  }
  if (last >= 2 && last <= 4 && (last_two < 12 || last_two > 14)) {
    return 1;
  }
  return 2;
}

}  // namespace

std::string severity_word(Severity severity) {
  return std::string(message_template(severity == Severity::error ? "report.severity.error"
                                                                  : "report.severity.warning"));
}

std::string plural_word(std::string_view plural_key, std::size_t count) {
  auto forms = forms_of(message_template(plural_key));
  auto index = form_index(count);
  return std::string(index < forms.size() ? forms[index] : forms.back());
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

}  // namespace perechen::report::detail
