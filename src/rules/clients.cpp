// SPDX-License-Identifier: Apache-2.0
// unknown-client (2.2): the internal clients of a point (2.2.4) are ids of
// perechen.yaml's `clients`, the dictionary of internal clients that clause 1.3
// defines.

#include <string>
#include <unordered_set>
#include <vector>

#include "checks.hpp"
#include "support.hpp"

namespace perechen::rules {

void check_clients(const Registry& registry, Diagnostics& out) {
  if (!registry.config)
    return;
  std::vector<std::string> ids;
  for (const auto& client : registry.config->clients) {
    if (client.id.present)
      ids.push_back(client.id.value);
  }
  const std::unordered_set<std::string> known(ids.begin(), ids.end());
  for (const auto& point : registry.points) {
    for (const auto& client : point.clients) {
      if (known.contains(client.value))
        continue;
      out.add("unknown-client", at(point.file, client.pos),
              with_suggestion(tr("rules.unknown-client", fmt::arg("id", client.value)),
                              client.value, ids));
    }
  }
}

}  // namespace perechen::rules
