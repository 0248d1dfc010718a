// SPDX-License-Identifier: Apache-2.0
#pragma once

// A plain YAML scalar as the YAML 1.2 core schema resolves it: what yaml-language-server checks a
// schema against and what the YAML test suite's JSON shows. Shared by the schema tests and the
// test suite runner, so that both read `5`, `true` and `~` the same way.

#include <nlohmann/json.hpp>

#include <regex>
#include <stdexcept>
#include <string>

namespace perechen::test {

// null, a boolean, an integer (a number when it does not fit 64 bits), a number, or the text.
inline nlohmann::json resolve_plain(const std::string& text) {
  static const std::regex null_re("~|null|Null|NULL|");
  static const std::regex true_re("true|True|TRUE");
  static const std::regex false_re("false|False|FALSE");
  static const std::regex int_re("[-+]?[0-9]+");
  static const std::regex float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, null_re))
    return nullptr;
  if (std::regex_match(text, true_re))
    return true;
  if (std::regex_match(text, false_re))
    return false;
  if (std::regex_match(text, int_re)) {
    try {
      return std::stoll(text);
    } catch (const std::out_of_range&) {
      return std::stod(text);
    }
  }
  if (std::regex_match(text, float_re))
    return std::stod(text);
  return text;
}

}  // namespace perechen::test
