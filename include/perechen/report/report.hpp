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
enum class Format { text, json, sarif, junit, github };

std::optional<Format> parse_format(std::string_view name);

struct Summary {
  std::size_t files = 0;
  std::size_t points = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  // Findings over the caps of diagnostic.hpp, not shown: how many, and of which rules.
  std::size_t omitted = 0;
  std::map<std::string, std::size_t> omitted_rules{};
};

// What a printer gets: the sorted findings, the counts, and how to show source lines.
struct Input {
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
};

// Writes the report in `format`. Messages and headings follow the current language (i18n.hpp).
void write(std::ostream& out, Format format, const Input& input);

void write_text(std::ostream& out, const Input& input);
void write_json(std::ostream& out, const Input& input);
void write_sarif(std::ostream& out, const Input& input);
void write_junit(std::ostream& out, const Input& input);
void write_github(std::ostream& out, const Input& input);

}  // namespace perechen::report
