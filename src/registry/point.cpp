// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/point.hpp"

#include "read_helpers.hpp"

namespace perechen {

using detail::items;
using detail::key_text;
using detail::text;

Point read_point(std::string file, yaml::Node tree) {
  Point point;
  point.file = std::move(file);
  point.process = text(tree, "process");
  if (const yaml::Node* p = tree.find("point"); p != nullptr && p->is_map()) {
    point.name = text(*p, "name");
    point.channel = text(*p, "channel");
    point.kind = text(*p, "kind");
    point.url = text(*p, "url");
    point.address = text(*p, "address");
  }
  for (const auto& client : items(tree, "clients")) {
    LocatedText id = text(&client);
    if (id.present)
      point.clients.push_back(std::move(id));
  }
  point.value = text(tree, "value");
  // A need is a code, or a one-key mapping from the code to a description of the interaction.
  for (const auto& need : items(tree, "needs")) {
    if (need.is_scalar()) {
      point.needs.push_back(Need{text(&need), {}});
    } else if (need.is_map() && need.entries.size() == 1) {
      const auto& entry = need.entries.front();
      point.needs.push_back(Need{key_text(entry), text(&entry.value)});
    }
  }
  for (const auto& basis : items(tree, "basis")) {
    if (basis.is_map()) {
      point.basis.push_back(Basis{basis.pos, text(basis, "type"), text(basis, "title")});
    }
  }
  point.prepared_by = text(tree, "prepared_by");
  point.tree = std::move(tree);
  return point;
}

}  // namespace perechen
