// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/diagnostic.hpp"

namespace perechen::report {

// The formats of `validate --format` (spec §4, §4.1).
enum class Format { text, json, sarif, junit, github, codequality };

std::optional<Format> parse_format(std::string_view name);

// Where the checked registry sits in version control, for SARIF's versionControlProvenance.
struct VersionControl {
  std::string repository_uri;  // the remote `origin`, else a file:// URI of the working tree
  std::string revision;        // the commit HEAD points at
  std::string branch;          // "refs/heads/main"; empty when HEAD is detached
  std::string prefix;          // the registry root inside the working tree; "" for the top
};

// A warning silenced at its point by `# perechen: ignore=RULE reason`: never shown as a finding,
// always counted, with where it was silenced and why.
// Each format shows it as it can: text and json list it, SARIF keeps it as a result with an
// inSource suppression, JUnit as a skipped test case, GitHub as a notice, Code Quality as an
// issue of severity info.
struct SilencedFinding {
  std::string file;
  int line = 0;  // the line of the comment
  std::string rule;
  std::string reason;
  Diagnostic finding;  // the warning as it would have been shown (its file prefixed as the rest)
};

struct Summary {
  std::size_t files = 0;
  std::size_t points = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  // Findings over the caps of diagnostic.hpp, not shown: how many, and of which rules.
  std::size_t omitted = 0;
  std::map<std::string, std::size_t> omitted_rules{};
  // Warnings silenced at their points (every format shows them; the counts above leave them out).
  std::vector<SilencedFinding> silenced{};
  // Files left out by `validate --exclude`, never silently: every format names them.
  std::vector<std::string> excluded{};
};

// What a printer gets: the sorted findings, the counts, and how to show source lines.
struct Input {
  // The fields after `files` are optional extras of some formats, set after construction, so
  // that every printer's callers read the same.
  Input(const std::vector<Diagnostic>& diagnostics_, Summary summary_,
        std::function<std::string_view(std::string_view file, int line)> line_text_ = {},
        bool color_ = false, bool source_lines_ = false, std::vector<std::string> files_ = {})
      : diagnostics(diagnostics_),
        summary(summary_),
        line_text(std::move(line_text_)),
        color(color_),
        source_lines(source_lines_),
        files(std::move(files_)) {}

  const std::vector<Diagnostic>& diagnostics;
  Summary summary;
  // Text of line `line` (1-based) of a registry file, for the source line and caret; may return
  // an empty view when unknown.
  std::function<std::string_view(std::string_view file, int line)> line_text;
  // Text format only: colours (ANSI) and source lines with a caret, as on a terminal.
  bool color = false;
  bool source_lines = false;
  // The registry files that were checked, in order (JUnit: a testcase per file, even a clean one).
  std::vector<std::string> files;
  // The git repository holding the registry, when there is one.
  std::optional<VersionControl> version_control;
  // How long the check took, in seconds (JUnit's time).
  double seconds = 0;
};

// Writes the report in `format`. Messages and headings follow the current language (i18n.hpp).
void write(std::ostream& out, Format format, const Input& input);

void write_text(std::ostream& out, const Input& input);
void write_json(std::ostream& out, const Input& input);
void write_sarif(std::ostream& out, const Input& input);
void write_junit(std::ostream& out, const Input& input);
void write_github(std::ostream& out, const Input& input);
void write_codequality(std::ostream& out, const Input& input);

// Where a rule is explained for people: rules.md#<rule> of the guide (docs_url()).
std::string rule_help_uri(std::string_view rule);

}  // namespace perechen::report
