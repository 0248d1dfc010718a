// SPDX-License-Identifier: Apache-2.0
#pragma once

// The names the mapper matches a table to (spec §9): the directions, processes, clients and kinds
// of the registry imported into, or of the new registry it makes (from init's template, with the
// titles the table adds, each with an id made from its title). A registry's model is fixed:
// nothing is added to it, and what is not in it is reported.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/catalog.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/scaffold/point_draft.hpp"
#include "perechen/yaml/parse.hpp"
#include "vocabulary.hpp"

namespace perechen::importing {

inline constexpr std::size_t kMaxIdLength = 40;

struct Named {
  std::string id;
  std::string title;
  std::vector<std::string> keys;  // the title and short title, normalised
  std::string short_title;        // as written in perechen.yaml
  int line = 0;                   // of its entry in perechen.yaml; 0 for a name the import made
};

struct DirectionModel {
  Named named;
  std::vector<Named> processes;
};

struct KindModel {
  std::string id;
  std::string channel;
  std::vector<std::string> keys;
  std::string title;  // of a kind the import adds to a new registry
};

inline std::string scalar(const yaml::Node* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string();
}

inline Named named_of(const yaml::Node& node) {
  Named n{scalar(node.find("id")),
          scalar(node.find("title")),
          {},
          scalar(node.find("short_title")),
          node.pos.line};
  for (const char* key : {"title", "short_title"}) {
    std::string k = norm(scalar(node.find(key)));
    if (!k.empty())
      n.keys.push_back(k);
  }
  return n;
}

inline const Named* find_named(const std::vector<Named>& list, std::string_view text) {
  std::string key = norm(text);
  if (key.empty())
    return nullptr;
  for (const auto& n : list) {
    if (std::find(n.keys.begin(), n.keys.end(), key) != n.keys.end() || n.id == text)
      return &n;
  }
  return nullptr;
}

// An id from a title: transliterated, at most kMaxIdLength characters at a word boundary, made
// unique by -2, -3 ...
inline std::string make_id(std::string_view title, std::set<std::string>& taken) {
  std::string base = scaffold::slug(title);
  if (base.empty())
    base = "x";
  if (base.size() > kMaxIdLength) {
    std::size_t cut = base.rfind('-', kMaxIdLength);
    base.resize(cut == std::string::npos || cut < kMaxIdLength / 2 ? kMaxIdLength : cut);
    while (!base.empty() && base.back() == '-')
      base.pop_back();
  }
  std::string id = base;
  for (int n = 2; taken.count(id) > 0; ++n)
    id = base + "-" + std::to_string(n);
  taken.insert(id);
  return id;
}

struct Model {
  bool fixed = false;  // a registry: nothing is added
  std::vector<DirectionModel> directions;
  std::vector<Named> clients;
  std::vector<KindModel> kinds;
  std::size_t institutions = 0;
  std::set<std::string> direction_ids, process_ids, client_ids, kind_ids;
  std::vector<KindModel> new_kinds;  // kinds a new registry gets from the table
  std::map<std::string, std::vector<std::string>> new_kind_rows;  // their id -> first rows of them
  std::map<std::string, std::string> template_titles;  // init's clients: id -> normalised title

  explicit Model(const Config& config, bool registry) : fixed(registry) {
    institutions = config.institutions.size();
    if (const auto* list = config.tree.find("clients"); list != nullptr) {
      for (const auto& item : list->items) {
        if (item.is_map()) {
          clients.push_back(named_of(item));
          client_ids.insert(clients.back().id);
        }
      }
    }
    if (const auto* list = config.tree.find("directions"); registry && list != nullptr) {
      for (const auto& item : list->items) {
        if (!item.is_map())
          continue;
        DirectionModel d{named_of(item), {}};
        direction_ids.insert(d.named.id);
        if (const auto* processes = item.find("processes"); processes != nullptr) {
          for (const auto& p : processes->items) {
            if (p.is_map()) {
              d.processes.push_back(named_of(p));
              process_ids.insert(d.processes.back().id);
            }
          }
        }
        directions.push_back(std::move(d));
      }
    }
    for (const auto& k : builtin_kinds())
      kinds.push_back({k.id, k.channel, {norm(k.title_ru), norm(k.title_en), k.id}, {}});
    for (const auto& k : config.kinds)
      kinds.push_back({k.id.value, k.channel.value, {norm(k.title.value), k.id.value}, {}});
  }

  DirectionModel* find_direction(std::string_view text) {
    std::string key = norm(text);
    for (auto& d : directions) {
      if (std::find(d.named.keys.begin(), d.named.keys.end(), key) != d.named.keys.end() ||
          d.named.id == text)
        return &d;
    }
    return nullptr;
  }

  DirectionModel& add_direction(std::string_view title) {
    DirectionModel d{{make_id(title, direction_ids), std::string(title), {norm(title)}, {}, 0}, {}};
    directions.push_back(std::move(d));
    return directions.back();
  }

  const Named& add_process(DirectionModel& d, std::string_view title) {
    d.processes.push_back({make_id(title, process_ids), std::string(title), {norm(title)}, {}, 0});
    return d.processes.back();
  }

  const Named& add_client(std::string_view title) {
    clients.push_back({make_id(title, client_ids), std::string(title), {norm(title)}, {}, 0});
    return clients.back();
  }

  const KindModel& add_kind(std::string_view title, const std::string& channel) {
    if (kind_ids.empty()) {
      for (const auto& k : kinds)
        kind_ids.insert(k.id);
    }
    KindModel k{make_id(title, kind_ids), channel, {norm(title)}, std::string(title)};
    new_kinds.push_back(k);
    kinds.push_back(std::move(k));
    return kinds.back();
  }

  const KindModel* find_kind_id(std::string_view id) const {
    for (const auto& k : kinds) {
      if (k.id == id)
        return &k;
    }
    return nullptr;
  }

  const KindModel* find_kind(std::string_view text) const {
    std::string key = norm(text);
    for (const auto& k : kinds) {
      if (std::find(k.keys.begin(), k.keys.end(), key) != k.keys.end())
        return &k;
    }
    return nullptr;
  }
};

}  // namespace perechen::importing
