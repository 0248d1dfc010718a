// SPDX-License-Identifier: Apache-2.0
// The github format: workflow commands, which GitHub Actions turns into annotations on the
// changed files of a pull request. Each finding is one `::error` or `::warning` line; related
// places are added to the message, since an annotation has only one place.

#include <fmt/format.h>

#include <ostream>
#include <string>

#include "describe.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "utf8.hpp"

namespace perechen::report {

namespace {

// The escaping of the runner (actions/toolkit, command.ts): in the message % CR LF; in a
// property also ':' and ',', which would end it.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  // Escaped first, so CR and LF are kept; what other control characters remain are replaced.
  return detail::clean_text(out);
}

// The properties of an annotation at `where`: "file=…,line=…,col=…,title=…".
std::string properties_of(const Location& where, const std::string& title) {
  std::string properties;
  if (!where.file.empty()) {
    properties += "file=" + escape(where.file, true);
    if (where.line > 0) {
      properties += fmt::format(",line={}", where.line);
      if (where.column > 0) {
        properties += fmt::format(",col={}", where.column);
      }
    }
    properties += ',';
  }
  return properties + "title=" + escape(title, true);
}

}  // namespace

void write_github(std::ostream& out, const Input& input) {
  for (const auto& diagnostic : input.diagnostics) {
    std::string properties;
    const auto& where = diagnostic.where;
    if (!where.file.empty()) {
      properties += "file=" + escape(where.file, true);
      if (where.line > 0) {
        properties += fmt::format(",line={}", where.line);
        if (where.column > 0) {
          properties += fmt::format(",col={}", where.column);
        }
      }
      properties += ',';
    }
    properties += "title=" + escape(detail::rule_and_clause(diagnostic), true);
    std::string message = diagnostic.message;
    for (const auto& related : diagnostic.related) {
      message += '\n';
      message += detail::note_line(related);
    }
    out << fmt::format("::{} {}::{}\n",
                       diagnostic.severity == Severity::error ? "error" : "warning", properties,
                       escape(message, false));
  }
  // A silenced warning is a notice at its place, with the reason: seen, never a warning.
  for (const auto& silenced : input.summary.silenced) {
    std::string message = silenced.finding.message + '\n' + detail::silenced_reason(silenced);
    out << fmt::format(
        "::notice {}::{}\n",
        properties_of(silenced.finding.where, detail::rule_and_clause(silenced.finding)),
        escape(message, false));
  }
  // Each excluded file is a notice on that file.
  for (const auto& file : input.summary.excluded) {
    out << fmt::format("::notice {}::{}\n", properties_of({file, 0, 0}, "--exclude"),
                       escape(message_template("report.excluded-file"), false));
  }
  // Plain lines, for whoever reads the log itself.
  if (auto omitted = detail::omitted_line(input.summary); !omitted.empty())
    out << omitted << '\n';
  out << detail::summary_line(input.summary) << '\n';
  if (!input.summary.silenced.empty())
    out << tr("report.silenced", fmt::arg("count", input.summary.silenced.size())) << '\n';
  if (auto excluded = detail::excluded_line(input.summary); !excluded.empty())
    out << excluded << '\n';
}

}  // namespace perechen::report
