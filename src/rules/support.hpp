// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the rule units share: where a finding goes, whether a value is blank, a
// suggestion for a misspelt id, and how a need is written in a point file. Kept
// small on purpose: a rule unit reads like the rule it enforces.

#include <string>
#include <string_view>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/i18n.hpp"
#include "perechen/registry/located.hpp"
#include "perechen/text.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen::rules {

inline Location at(const std::string& file, yaml::Position pos) {
  return Location{file, pos.line, pos.column};
}

inline Related related_at(const std::string& file, yaml::Position pos, std::string message = {}) {
  return Related{Location{file, pos.line, pos.column}, std::move(message)};
}

// The place of a whole file: line 1, column 1, where an editor opens it. Used for
// a field that is missing, which has no place of its own (the top mapping may
// start lower, below a `# yaml-language-server` comment, which says nothing).
inline yaml::Position whole_file() {
  return yaml::Position{1, 1};
}

// A value that says something: present and not only spaces.
inline bool filled(const LocatedText& value) {
  return value.present && !text::trim(value.value).empty();
}

// `message` with "; did you mean «x»" when a near candidate exists.
inline std::string with_suggestion(std::string message, std::string_view word,
                                   const std::vector<std::string>& candidates) {
  std::string suggestion = text::nearest(word, candidates);
  if (!suggestion.empty() && suggestion != word) {
    message += tr("rules.suggest", fmt::arg("name", suggestion));
  }
  return message;
}

// A need as a point file writes it (2.6, 2.7): a code alone, or a one-key
// mapping from the code to a description of the interaction. Anything else is
// not a need (the field rules say so).
struct NeedItem {
  std::string_view code;
  yaml::Position code_pos;
  const yaml::Node* description = nullptr;  // the value after "code:"; nullptr for a bare code
};

inline bool read_need(const yaml::Node& item, NeedItem& need) {
  if (item.is_scalar()) {
    need = NeedItem{item.scalar, item.pos, nullptr};
    return true;
  }
  if (item.is_map() && item.entries.size() == 1) {
    const yaml::MapEntry& entry = item.entries.front();
    if (!entry.value.is_null() && !entry.value.is_scalar())
      return false;
    need = NeedItem{entry.key, entry.key_pos, &entry.value};
    return true;
  }
  return false;
}

}  // namespace perechen::rules
