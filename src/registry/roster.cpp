// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/roster.hpp"

#include <algorithm>

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
    if (!entry.value.is_sequence()) {
      result.emplace_back(key_text(entry), text(&entry.value));
      continue;
    }
    // Several holders: one assignment each.
    for (const auto& item : entry.value.items)
      result.emplace_back(key_text(entry), text(&item));
    if (entry.value.items.empty())
      result.emplace_back(key_text(entry), LocatedText{});
  }
  return result;
}

std::vector<LocatedText> read_holders(const yaml::Node* node) {
  std::vector<LocatedText> result;
  if (node == nullptr)
    return result;
  if (!node->is_sequence()) {
    LocatedText one = text(node);
    if (one.present)
      result.push_back(std::move(one));
    return result;
  }
  for (const auto& item : node->items) {
    LocatedText one = text(&item);
    if (one.present)
      result.push_back(std::move(one));
  }
  return result;
}

std::vector<std::string> holders(const std::vector<std::pair<LocatedText, LocatedText>>& list,
                                 std::string_view scope) {
  std::vector<std::string> result;
  for (const auto& [id, person] : list) {
    if (id.value == scope && person.present && !person.value.empty() &&
        std::find(result.begin(), result.end(), person.value) == result.end()) {
      result.push_back(person.value);
    }
  }
  return result;
}

}  // namespace

Roster read_roster(const yaml::Node& tree) {
  Roster roster;
  for (const auto& item : items(tree, "people")) {
    if (!item.is_map())
      continue;
    Person person{
        text(item, "id"), text(item, "name"), text(item, "position"), text(item, "acting"), {}, {}};
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
    roster.roles.client_centricity = read_holders(roles->find("client_centricity"));
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

std::vector<std::string> Roster::curators_of(std::string_view direction) const {
  return holders(roles.direction_curators, direction);
}

std::vector<std::string> Roster::owners_of(std::string_view process) const {
  return holders(roles.process_owners, process);
}

std::vector<std::string> Roster::client_centricity_holders() const {
  std::vector<std::string> result;
  for (const auto& person : roles.client_centricity) {
    if (!person.value.empty() &&
        std::find(result.begin(), result.end(), person.value) == result.end())
      result.push_back(person.value);
  }
  return result;
}

}  // namespace perechen
