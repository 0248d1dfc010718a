// SPDX-License-Identifier: Apache-2.0
#include "perechen/yaml/node.hpp"

#include "perechen/i18n.hpp"

namespace perechen::yaml {

const MapEntry* Node::find_entry(std::string_view key) const {
  if (kind != NodeKind::map)
    return nullptr;
  for (const auto& entry : entries) {
    if (entry.key == key)
      return &entry;
  }
  return nullptr;
}

const Node* Node::find(std::string_view key) const {
  const MapEntry* entry = find_entry(key);
  return entry != nullptr ? &entry->value : nullptr;
}

std::string_view Node::kind_name() const {
  switch (kind) {
    case NodeKind::null:
      return message_template("yaml.kind-null");
    case NodeKind::scalar:
      return message_template("yaml.kind-scalar");
    case NodeKind::sequence:
      return message_template("yaml.kind-sequence");
    case NodeKind::map:
      return message_template("yaml.kind-map");
  }
  return {};
}

}  // namespace perechen::yaml
