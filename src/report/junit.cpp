// SPDX-License-Identifier: Apache-2.0
// The junit format: JUnit XML, which GitLab (artifacts:reports:junit) and Jenkins show as test
// results. A test case per registry file, so a clean file counts as a passed test.
//
// A file's errors go into ONE <failure>, one finding per line of its text: Jenkins reads only the
// first <failure> of a test case and GitLab turns several into a list it prints badly. Warnings
// go into the test case's <system-out>, where they are seen but do not fail the build.
//
// Each test case carries `file` (GitLab links it to the file) and `time`. The files are read and
// checked together on all cores, so no file has a time of its own: a test case says 0 and the
// suite the time of the whole check.

#include <fmt/format.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "describe.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "utf8.hpp"

namespace perechen::report {

namespace {

// Text for XML 1.0 content or a double-quoted attribute. Control characters are dropped (XML 1.0
// cannot carry them) and bytes that are not UTF-8 become U+FFFD. In attributes, line feeds and
// tabs are written as references, since a parser would turn them into spaces.
std::string xml(std::string_view text, bool attribute = false) {
  std::string clean = detail::clean_text(text, "");
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A finding and its notes, as the text format prints them.
std::string finding_text(const Diagnostic& diagnostic) {
  std::string text = detail::headline(diagnostic);
  for (const auto& related : diagnostic.related) {
    text += '\n';
    text += detail::note_line(related);
  }
  return text;
}

struct Case {
  std::string name;
  bool file = true;  // false for the case of findings that belong to no file
  std::vector<const Diagnostic*> errors;
  std::vector<const Diagnostic*> warnings;
};

// The test cases in the order of Input::files; a finding in a file not on that list (or in no
// file) still gets a case of its own, so that nothing is lost.
std::vector<Case> group(const Input& input) {
  std::vector<Case> cases;
  std::map<std::string, std::size_t, std::less<>> where;
  auto case_of = [&](const std::string& name, bool file) -> Case& {
    auto [it, added] = where.emplace(name, cases.size());
    if (added) {
      cases.push_back(Case{name, file, {}, {}});
    }
    return cases[it->second];
  };
  for (const auto& file : input.files) {
    case_of(file, true);
  }
  for (const auto& diagnostic : input.diagnostics) {
    const auto& file = diagnostic.where.file;
    Case& target = file.empty()
                       ? case_of(std::string(message_template("report.junit.no-file")), false)
                       : case_of(file, true);
    (diagnostic.severity == Severity::error ? target.errors : target.warnings)
        .push_back(&diagnostic);
  }
  return cases;
}

std::string lines(const std::vector<const Diagnostic*>& findings) {
  std::string text;
  for (const auto* finding : findings) {
    if (!text.empty()) {
      text += '\n';
    }
    text += finding_text(*finding);
  }
  return text;
}

// A test case skipped, with why: a silenced warning or a file left out by --exclude.
struct Skipped {
  std::string classname;
  std::string name;
  std::string message;
  std::string text;
};

// Silenced warnings and excluded files as skipped test cases: seen in the report with their
// reason, counted as skipped, never failing the build.
std::vector<Skipped> skipped_cases(const Input& input) {
  std::vector<Skipped> cases;
  for (const auto& s : input.summary.silenced) {
    std::string where = s.finding.where.file.empty()
                            ? std::string(message_template("report.junit.no-file"))
                            : s.finding.where.file;
    cases.push_back(
        {where, detail::headline(s.finding), detail::silenced_reason(s), finding_text(s.finding)});
  }
  for (const auto& file : input.summary.excluded)
    cases.push_back({file, file, std::string(message_template("report.excluded-file")), {}});
  return cases;
}

}  // namespace

void write_junit(std::ostream& out, const Input& input) {
  auto cases = group(input);
  auto skipped = skipped_cases(input);
  std::size_t failures = 0;
  for (const auto& c : cases) {
    failures += c.errors.empty() ? 0U : 1U;
  }
  const std::size_t tests = cases.size() + skipped.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  auto seconds = fmt::format("{:.3f}", input.seconds);
  out << fmt::format(
      "<testsuites name=\"perechen\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{}\">\n",
      tests, failures, seconds);
  out << fmt::format(
      "  <testsuite name=\"perechen validate\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"{}\" time=\"{}\">\n",
      tests, failures, skipped.size(), seconds);
  for (const auto& c : cases) {
    auto name = xml(c.name, true);
    auto head = fmt::format("    <testcase classname=\"{0}\" name=\"{0}\"{1} time=\"0\"", name,
                            c.file ? fmt::format(" file=\"{}\"", name) : std::string());
    if (c.errors.empty() && c.warnings.empty()) {
      out << head << "/>\n";
      continue;
    }
    out << head << ">\n";
    if (!c.errors.empty()) {
      // One error: its own line is the message; several: how many, and the lines below.
      auto message = c.errors.size() == 1
                         ? detail::headline(*c.errors.front())
                         : tr("report.junit.failure", fmt::arg("count", c.errors.size()),
                              fmt::arg("count_word", detail::plural_word("report.plural.error",
                                                                         c.errors.size())));
      out << fmt::format("      <failure type=\"error\" message=\"{}\">{}</failure>\n",
                         xml(message, true), xml(lines(c.errors)));
    }
    if (!c.warnings.empty()) {
      out << fmt::format("      <system-out>{}</system-out>\n", xml(lines(c.warnings)));
    }
    out << "    </testcase>\n";
  }
  for (const auto& c : skipped) {
    out << fmt::format(
        "    <testcase classname=\"{0}\" name=\"{1}\" file=\"{0}\" time=\"0\">\n"
        "      <skipped message=\"{2}\">{3}</skipped>\n"
        "    </testcase>\n",
        xml(c.classname, true), xml(c.name, true), xml(c.message, true), xml(c.text));
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace perechen::report
