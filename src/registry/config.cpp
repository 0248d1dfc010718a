// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/config.hpp"

#include <charconv>

#include "read_helpers.hpp"

namespace perechen {

using detail::items;
using detail::text;

namespace {

std::vector<Entry> read_entries(const yaml::Node& tree, std::string_view key) {
  std::vector<Entry> result;
  for (const auto& item : items(tree, key)) {
    if (!item.is_map())
      continue;
    result.push_back(Entry{text(item, "id"), text(item, "title"), text(item, "short_title")});
  }
  return result;
}

}  // namespace

Config read_config(const yaml::Node& tree) {
  Config config;
  config.title = text(tree, "title");
  config.organization = text(tree, "organization");
  config.institutions = read_entries(tree, "institutions");
  config.clients = read_entries(tree, "clients");
  for (const auto& item : items(tree, "directions")) {
    if (!item.is_map())
      continue;
    Direction direction{text(item, "id"), text(item, "title"), {}, text(item, "short_title")};
    for (const auto& p : items(item, "processes")) {
      if (p.is_map())
        direction.processes.push_back(
            Process{text(p, "id"), text(p, "title"), text(p, "short_title")});
    }
    config.directions.push_back(std::move(direction));
  }
  for (const auto& item : items(tree, "kinds")) {
    if (item.is_map()) {
      config.kinds.push_back(
          CustomKind{text(item, "id"), text(item, "title"), text(item, "channel")});
    }
  }
  if (const yaml::Node* publication = tree.find("publication");
      publication != nullptr && publication->is_map()) {
    LocatedText days = text(publication->find("working_days"));
    int value = 0;
    if (days.present) {
      auto [end, ec] =
          std::from_chars(days.value.data(), days.value.data() + days.value.size(), value);
      if (ec == std::errc() && end == days.value.data() + days.value.size() && value > 0) {
        config.publication.working_days = value;
      }
    }
    for (const auto& day : items(*publication, "days_off")) {
      LocatedText date = text(&day);
      if (date.present)
        config.publication.days_off.push_back(std::move(date));
    }
    for (const auto& day : items(*publication, "extra_working_days")) {
      LocatedText date = text(&day);
      if (date.present)
        config.publication.extra_working_days.push_back(std::move(date));
    }
  }
  config.tree = tree;
  return config;
}

const Direction* Config::find_direction(std::string_view id) const {
  for (const auto& d : directions) {
    if (d.id.value == id)
      return &d;
  }
  return nullptr;
}

const Process* Config::find_process(std::string_view id) const {
  for (const auto& d : directions) {
    for (const auto& p : d.processes) {
      if (p.id.value == id)
        return &p;
    }
  }
  return nullptr;
}

const Direction* Config::direction_of(std::string_view process_id) const {
  for (const auto& d : directions) {
    for (const auto& p : d.processes) {
      if (p.id.value == process_id)
        return &d;
    }
  }
  return nullptr;
}

const Entry* Config::find_client(std::string_view id) const {
  for (const auto& c : clients) {
    if (c.id.value == id)
      return &c;
  }
  return nullptr;
}

const Entry* Config::find_institution(std::string_view id) const {
  for (const auto& i : institutions) {
    if (i.id.value == id)
      return &i;
  }
  return nullptr;
}

const CustomKind* Config::find_kind(std::string_view id) const {
  for (const auto& k : kinds) {
    if (k.id.value == id)
      return &k;
  }
  return nullptr;
}

}  // namespace perechen
