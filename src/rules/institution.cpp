// SPDX-License-Identifier: Apache-2.0
// unknown-institution (2.3): the information of a point is prepared by one of
// the subordinate institutions listed in perechen.yaml. `prepared_by` may be
// left out only when there is just one, so that nobody has to guess who stands
// behind a row.

#include <string>
#include <unordered_set>
#include <vector>

#include "checks.hpp"
#include "support.hpp"

namespace perechen::rules {

void check_institution(const Registry& registry, Diagnostics& out) {
  if (!registry.config)
    return;
  std::vector<std::string> ids;  // distinct, in file order (a repeated id is registry-config's)
  std::unordered_set<std::string> known;
  for (const auto& institution : registry.config->institutions) {
    if (institution.id.present && known.insert(institution.id.value).second) {
      ids.push_back(institution.id.value);
    }
  }
  std::string listed;
  for (const auto& id : ids)
    listed += (listed.empty() ? "" : ", ") + id;

  for (const auto& point : registry.points) {
    const LocatedText& by = point.prepared_by;
    const yaml::MapEntry* entry = point.tree.find_entry("prepared_by");
    if (entry != nullptr && !entry->value.is_scalar() && !entry->value.is_null()) {
      continue;  // a list or a mapping: field-type says so
    }
    if (filled(by)) {
      if (known.contains(by.value))
        continue;
      out.add("unknown-institution", at(point.file, by.pos),
              with_suggestion(tr("rules.unknown-institution", fmt::arg("id", by.value)), by.value,
                              ids));
    } else if (ids.size() > 1) {
      // Absent, or written but empty: either way nobody is named.
      yaml::Position where = entry != nullptr ? entry->key_pos : whole_file();
      out.add("unknown-institution", at(point.file, where),
              tr("rules.institution-missing", fmt::arg("ids", listed)));
    }
  }
}

}  // namespace perechen::rules
