// SPDX-License-Identifier: Apache-2.0
#include "perechen/report/report.hpp"

#include "perechen/version.hpp"

namespace perechen::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") {
    return Format::text;
  }
  if (name == "json") {
    return Format::json;
  }
  if (name == "sarif") {
    return Format::sarif;
  }
  if (name == "junit") {
    return Format::junit;
  }
  if (name == "github") {
    return Format::github;
  }
  if (name == "codequality") {
    return Format::codequality;
  }
  return std::nullopt;
}

std::string rule_help_uri(std::string_view rule) {
  return std::string(docs_url()) + "rules.md#" + std::string(rule);
}

void write(std::ostream& out, Format format, const Input& input) {
  switch (format) {
    case Format::text:
      return write_text(out, input);
    case Format::json:
      return write_json(out, input);
    case Format::sarif:
      return write_sarif(out, input);
    case Format::junit:
      return write_junit(out, input);
    case Format::github:
      return write_github(out, input);
    case Format::codequality:
      return write_codequality(out, input);
  }
}

}  // namespace perechen::report
