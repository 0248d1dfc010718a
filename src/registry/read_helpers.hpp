// SPDX-License-Identifier: Apache-2.0
#pragma once

// Lenient reading of model values from a parsed tree: a value of the wrong type is left absent
// (present == false); the field rules say what is wrong with it.

#include "perechen/registry/located.hpp"
#include "perechen/yaml/node.hpp"

namespace perechen::detail {

inline LocatedText text(const yaml::Node* node) {
  LocatedText result;
  if (node != nullptr && node->is_scalar()) {
    result.value = node->scalar;
    result.pos = node->pos;
    result.present = true;
  }
  return result;
}

inline LocatedText text(const yaml::Node& map, std::string_view key) {
  return text(map.find(key));
}

// The key itself, located at the key.
inline LocatedText key_text(const yaml::MapEntry& entry) {
  return LocatedText{entry.key, entry.key_pos, true};
}

// Items of a sequence under `key`; empty when absent or not a sequence.
inline const std::vector<yaml::Node>& items(const yaml::Node& map, std::string_view key) {
  static const std::vector<yaml::Node> none;
  const yaml::Node* node = map.find(key);
  return node != nullptr && node->is_sequence() ? node->items : none;
}

}  // namespace perechen::detail
