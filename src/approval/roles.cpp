// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/roles.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "perechen/text.hpp"

namespace perechen::approval {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::process_owner:
      return "process_owner";
    case Role::direction_curator:
      return "direction_curator";
    case Role::client_centricity:
      return "client_centricity";
  }
  return "client_centricity";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : {Role::process_owner, Role::direction_curator, Role::client_centricity}) {
    if (name == to_string(role))
      return role;
  }
  return std::nullopt;
}

std::string format_role(const RoleScope& role) {
  std::string text(to_string(role.role));
  if (!role.scope.empty())
    text += " " + role.scope;
  return text;
}

std::optional<RoleScope> parse_role_scope(std::string_view text) {
  auto space = text.find(' ');
  std::optional<Role> role = parse_role(text.substr(0, space));
  if (!role)
    return std::nullopt;
  if (*role == Role::client_centricity) {
    if (space != std::string_view::npos)
      return std::nullopt;
    return RoleScope{*role, {}};
  }
  if (space == std::string_view::npos)
    return std::nullopt;
  std::string_view scope = text.substr(space + 1);
  if (!text::is_slug(scope))
    return std::nullopt;
  return RoleScope{*role, std::string(scope)};
}

bool Requirement::held_by(std::string_view person) const {
  return !person.empty() && std::find(people.begin(), people.end(), person) != people.end();
}

const Person* Requirement::holder(std::string_view person) const {
  if (!holder_roster || !held_by(person))
    return nullptr;
  return holder_roster->find_person(person);
}

Match signer_holds(const Requirement& requirement, std::string_view person, const Signer& signer,
                   std::int64_t time) {
  const Person* entry = requirement.holder(person);
  if (entry == nullptr || !requirement.trust)
    return Match{false, Rejection::role_not_held, {}};
  return match_person(signer, *entry, *requirement.trust, time);
}

std::vector<std::string> people_with_key(const Roster& roster, const ssh::PublicKey& key) {
  Signer signer;
  signer.key = key;
  return people_of(signer, roster, 0);
}

namespace {

std::vector<std::string> holders(const Roster* roster, const RoleScope& role) {
  if (roster == nullptr)
    return {};
  switch (role.role) {
    case Role::process_owner:
      return roster->owners_of(role.scope);
    case Role::direction_curator:
      return roster->curators_of(role.scope);
    case Role::client_centricity:
      return roster->client_centricity_holders();
  }
  return {};
}

// The directions a process belongs to, in the base and now.
std::vector<std::string> directions_of(const std::string& process, const Config* base,
                                       const Config* current) {
  std::vector<std::string> result;
  for (const Config* config : {base, current}) {
    if (config == nullptr)
      continue;
    if (const Direction* d = config->direction_of(process); d != nullptr && d->id.present) {
      if (std::find(result.begin(), result.end(), d->id.value) == result.end()) {
        result.push_back(d->id.value);
      }
    }
  }
  return result;
}

}  // namespace

std::vector<Requirement> required_roles(const Change& change, const Snapshot* base,
                                        const Snapshot& current) {
  std::vector<Requirement> result;
  if (change.identical)
    return result;
  const bool first = change.first_version || base == nullptr;
  auto current_config = current.config();
  auto base_config = first ? nullptr : base->config();
  auto current_roster = current.roster();
  auto base_roster = first ? current_roster : base->roster();

  std::set<std::string> processes;
  std::set<std::string> directions;
  bool every_curator = change.settings_changed || change.roster_changed;
  for (const auto& point : change.points) {
    auto touched = point.processes();
    // A point whose process cannot be told (the file does not parse) could belong anywhere.
    if (touched.empty())
      every_curator = true;
    for (const auto& p : touched)
      processes.insert(p);
  }
  for (const auto& process : change.processes)
    processes.insert(process.id);
  for (const auto& process : processes) {
    auto places = directions_of(process, base_config.get(), current_config.get());
    if (places.empty())
      every_curator = true;  // a process perechen.yaml does not know
    directions.insert(places.begin(), places.end());
  }
  if (every_curator) {
    for (const Config* config : {base_config.get(), current_config.get()}) {
      if (config == nullptr)
        continue;
      for (const auto& d : config->directions) {
        if (d.id.present)
          directions.insert(d.id.value);
      }
    }
  }

  // Process and direction order of perechen.yaml (now, then the base for what was removed).
  std::map<std::string, std::size_t> order;
  for (const Config* config : {current_config.get(), base_config.get()}) {
    if (config == nullptr)
      continue;
    for (const auto& d : config->directions) {
      order.emplace("d:" + d.id.value, order.size());
      for (const auto& p : d.processes)
        order.emplace("p:" + p.id.value, order.size());
    }
  }
  auto rank = [&](const std::string& key) {
    auto it = order.find(key);
    return it == order.end() ? order.size() : it->second;
  };
  std::vector<std::string> owned(processes.begin(), processes.end());
  std::stable_sort(owned.begin(), owned.end(),
                   [&](const auto& a, const auto& b) { return rank("p:" + a) < rank("p:" + b); });
  std::vector<std::string> curated(directions.begin(), directions.end());
  std::stable_sort(curated.begin(), curated.end(),
                   [&](const auto& a, const auto& b) { return rank("d:" + a) < rank("d:" + b); });

  // Holders come from the base's roster alone (the first version: its own). A process or
  // direction that the base's settings do not have yet has no holder to ask there: its owner or
  // curator is not needed, since adding it changes perechen.yaml, which needs the
  // client-centricity deputy and every curator of the base.
  auto in_base = [&](const RoleScope& role) {
    if (first || base_config == nullptr)
      return true;
    switch (role.role) {
      case Role::process_owner:
        return base_config->direction_of(role.scope) != nullptr;
      case Role::direction_curator:
        return std::any_of(base_config->directions.begin(), base_config->directions.end(),
                           [&](const Direction& d) { return d.id.value == role.scope; });
      case Role::client_centricity:
        return true;
    }
    return true;
  };
  auto add = [&](RoleScope role) {
    Requirement requirement;
    requirement.role = role;
    requirement.trust = base_roster;
    requirement.people = holders(base_roster.get(), role);
    if (requirement.people.empty() && !in_base(role))
      return;
    if (!requirement.people.empty())
      requirement.holder_roster = base_roster;
    result.push_back(std::move(requirement));
  };
  for (const auto& p : owned)
    add(RoleScope{Role::process_owner, p});
  for (const auto& d : curated)
    add(RoleScope{Role::direction_curator, d});
  add(RoleScope{Role::client_centricity, {}});
  return result;
}

}  // namespace perechen::approval
