// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/roster.hpp"

#include "read_helpers.hpp"

namespace perechen {

using detail::items;
using detail::key_text;
using detail::text;

namespace {

std::vector<std::pair<LocatedText, LocatedText>> read_assignments(const yaml::Node* map) {
  std::vector<std::pair<LocatedText, LocatedText>> result;
  if (map == nullptr || !map->is_map())
    return result;
  for (const auto& entry : map->entries) {
    result.emplace_back(key_text(entry), text(&entry.value));
  }
  return result;
}

}  // namespace

Roster read_roster(const yaml::Node& tree) {
  Roster roster;
  for (const auto& item : items(tree, "people")) {
    if (!item.is_map())
      continue;
    Person person{text(item, "id"), text(item, "name"), text(item, "position"), {}, {}};
    for (const auto& key : items(item, "keys")) {
      LocatedText k = text(&key);
      if (k.present)
        person.keys.push_back(std::move(k));
    }
    for (const auto& entry : items(item, "certificates")) {
      if (entry.is_map())
        person.certificates.push_back(
            CertificateRef{text(entry, "snils"), text(entry, "sha256"), entry.pos});
    }
    roster.people.push_back(std::move(person));
  }
  if (const yaml::Node* roles = tree.find("roles"); roles != nullptr && roles->is_map()) {
    roster.roles.client_centricity = text(roles->find("client_centricity"));
    roster.roles.direction_curators = read_assignments(roles->find("direction_curators"));
    roster.roles.process_owners = read_assignments(roles->find("process_owners"));
    for (const auto& item : items(*roles, "initiators")) {
      LocatedText id = text(&item);
      if (id.present)
        roster.roles.initiators.push_back(std::move(id));
    }
  }
  for (const auto& [key, list] : {std::pair{"trust", &roster.trust},
                                  {"crls", &roster.crls},
                                  {"publishers", &roster.publishers}}) {
    for (const auto& item : items(tree, key)) {
      LocatedText pem = text(&item);
      if (pem.present)
        list->push_back(std::move(pem));
    }
  }
  roster.tree = tree;
  return roster;
}

const Person* Roster::find_person(std::string_view id) const {
  for (const auto& p : people) {
    if (p.id.value == id)
      return &p;
  }
  return nullptr;
}

std::string Roster::curator_of(std::string_view direction) const {
  for (const auto& [dir, person] : roles.direction_curators) {
    if (dir.value == direction)
      return person.value;
  }
  return {};
}

std::string Roster::owner_of(std::string_view process) const {
  for (const auto& [proc, person] : roles.process_owners) {
    if (proc.value == process)
      return person.value;
  }
  return {};
}

}  // namespace perechen
