// SPDX-License-Identifier: Apache-2.0
// unknown-process (2.2): a point names its process (2.2.2) by an id from the
// registry of processes in perechen.yaml; its direction (2.2.1) follows from
// there.

#include <string>
#include <unordered_set>
#include <vector>

#include "checks.hpp"
#include "support.hpp"

namespace perechen::rules {

void check_process(const Registry& registry, Diagnostics& out) {
  if (!registry.config)
    return;  // without the registry of processes there is nothing to compare
  std::vector<std::string> ids;
  for (const auto& direction : registry.config->directions) {
    for (const auto& process : direction.processes) {
      if (process.id.present)
        ids.push_back(process.id.value);
    }
  }
  const std::unordered_set<std::string> known(ids.begin(), ids.end());
  for (const auto& point : registry.points) {
    if (!filled(point.process) || known.contains(point.process.value))
      continue;
    out.add("unknown-process", at(point.file, point.process.pos),
            with_suggestion(tr("rules.unknown-process", fmt::arg("id", point.process.value)),
                            point.process.value, ids));
  }
}

}  // namespace perechen::rules
