// SPDX-License-Identifier: Apache-2.0
// basis-missing (a warning), basis-invalid (2.4): a point is identified from an
// internal act, from an act, contract or agreement on how the point works, or
// from an instruction where there is no document. Each basis says which of the
// three it is and names the document.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "checks.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

const std::vector<std::string>& basis_types() {
  static const std::vector<std::string> types = {"internal_act", "contract", "instruction"};
  return types;
}

bool blank(const yaml::Node& node) {
  return node.is_null() || (node.is_scalar() && text::trim(node.scalar).empty());
}

void check_item(const std::string& file, const yaml::Node& item, Diagnostics& out) {
  if (const yaml::MapEntry* type = item.find_entry("type"); type == nullptr) {
    out.add("basis-invalid", at(file, item.pos), tr("rules.basis-no-type"));
  } else if (blank(type->value)) {
    out.add("basis-invalid", at(file, type->key_pos), tr("rules.basis-no-type"));
  } else if (type->value.is_scalar()) {
    const std::string& value = type->value.scalar;
    const auto& types = basis_types();
    if (std::find(types.begin(), types.end(), value) == types.end()) {
      out.add(
          "basis-invalid", at(file, type->value.pos),
          with_suggestion(tr("rules.basis-type-unknown", fmt::arg("type", value)), value, types));
    }
  }
  if (const yaml::MapEntry* title = item.find_entry("title"); title == nullptr) {
    out.add("basis-invalid", at(file, item.pos), tr("rules.basis-no-title"));
  } else if (blank(title->value)) {
    out.add("basis-invalid", at(file, title->key_pos), tr("rules.basis-no-title"));
  }
}

}  // namespace

void check_basis(const Registry& registry, Diagnostics& out) {
  for (const auto& point : registry.points) {
    const yaml::Node& tree = point.tree;
    if (!tree.is_map() && !tree.is_null())
      continue;  // field-type
    const yaml::MapEntry* entry = tree.find_entry("basis");
    if (entry == nullptr) {
      out.add("basis-missing", at(point.file, whole_file()), tr("rules.basis-missing"));
      continue;
    }
    const yaml::Node& list = entry->value;
    if (list.is_null() || (list.is_sequence() && list.items.empty())) {
      out.add("basis-missing", at(point.file, entry->key_pos), tr("rules.basis-missing"));
      continue;
    }
    if (!list.is_sequence())
      continue;  // field-type
    for (const auto& item : list.items) {
      if (item.is_map())
        check_item(point.file, item, out);  // anything else: field-type
    }
  }
}

}  // namespace perechen::rules
