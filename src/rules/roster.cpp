// SPDX-License-Identifier: Apache-2.0
// registry-config of roster.yaml (spec §2.2, clause 3.4): who approves. Without
// an owner for every process, a curator for every direction and a
// client-centricity deputy, some change could never be fully approved, so
// validate says so now rather than when the change is made. Every person is
// named once, every role points at a person of the roster and at a direction or
// process of perechen.yaml, every publisher (spec §7) at a person, and every
// key is a public key perechen can check signatures with.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checks.hpp"
#include "perechen/ssh/public_key.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

// Nothing written, or an empty list of holders.
bool blank(const yaml::Node& node) {
  return node.is_null() || (node.is_scalar() && text::trim(node.scalar).empty()) ||
         (node.is_sequence() && node.items.empty());
}

class RosterCheck {
 public:
  RosterCheck(const Roster& roster, const Config* config, Diagnostics& out)
      : roster_(roster), tree_(roster.tree), config_(config), out_(out) {}

  void run() {
    if (!tree_.is_map() && !tree_.is_null())
      return;  // field-type
    people();
    roles();
    for (const auto& publisher : roster_.publishers)
      person(publisher);
  }

 private:
  void report(yaml::Position pos, std::string message, std::vector<Related> related = {}) {
    out_.add("registry-config", at(file_, pos), std::move(message), std::move(related));
  }

  static std::string about(std::string_view key) {
    return std::string(message_template("rules.about.roster." + std::string(key)));
  }

  void missing(std::string_view key) {
    report(whole_file(), tr("rules.config-missing", fmt::arg("file", file_), fmt::arg("field", key),
                            fmt::arg("about", about(key))));
  }

  void people() {
    const yaml::MapEntry* entry = tree_.find_entry("people");
    if (entry == nullptr) {
      missing("people");
      return;
    }
    const yaml::Node& list = entry->value;
    if (list.is_null() || (list.is_sequence() && list.items.empty())) {
      report(entry->key_pos, tr("rules.config-empty", fmt::arg("field", "people"),
                                fmt::arg("about", about("people"))));
      return;
    }
    if (!list.is_sequence())
      return;
    std::unordered_map<std::string, yaml::Position> ids;
    for (const auto& item : list.items) {
      if (!item.is_map())
        continue;
      const yaml::Node* id = field(item, "id");
      field(item, "name");
      std::string person = id != nullptr ? id->scalar : std::string();
      if (id != nullptr) {
        if (!text::is_slug(person)) {
          report(id->pos, tr("rules.config-not-slug", fmt::arg("section", "people"),
                             fmt::arg("id", person)));
        }
        if (auto [it, inserted] = ids.emplace(person, id->pos); !inserted) {
          report(id->pos,
                 tr("rules.config-duplicate-id", fmt::arg("section", "people"),
                    fmt::arg("id", person), fmt::arg("line", it->second.line)),
                 {related_at(file_, it->second, tr("rules.config-first-id"))});
        }
      }
      keys(item, person);
    }
  }

  // Every key parses, and no key is given twice: a key is an identity (spec
  // §5), so one key held by two people would let either approve as the other.
  void keys(const yaml::Node& person, const std::string& id) {
    const yaml::Node* list = person.find("keys");
    if (list == nullptr || !list->is_sequence())
      return;
    for (const auto& item : list->items) {
      if (!item.is_scalar())
        continue;
      auto key = ssh::parse_public_key(text::trim(item.scalar));
      if (!key) {
        report(item.pos, tr("rules.roster-bad-key", fmt::arg("reason", key.error)));
        continue;
      }
      std::string blob(key->blob().begin(), key->blob().end());
      auto [it, inserted] = key_owners_.emplace(std::move(blob), KeyOwner{id, item.pos});
      if (!inserted) {
        report(item.pos,
               tr("rules.roster-duplicate-key", fmt::arg("person", it->second.person),
                  fmt::arg("line", it->second.pos.line)),
               {related_at(file_, it->second.pos, tr("rules.config-first-id"))});
      }
    }
  }

  const yaml::Node* field(const yaml::Node& item, std::string_view name) {
    const yaml::MapEntry* entry = item.find_entry(name);
    if (entry == nullptr) {
      report(item.pos, tr("rules.config-entry-missing", fmt::arg("section", "people"),
                          fmt::arg("field", name)));
      return nullptr;
    }
    if (blank(entry->value)) {
      report(entry->key_pos, tr("rules.config-entry-empty", fmt::arg("section", "people"),
                                fmt::arg("field", name)));
      return nullptr;
    }
    return entry->value.is_scalar() ? &entry->value : nullptr;
  }

  void person(const LocatedText& id) {
    if (!filled(id) || roster_.find_person(id.value) != nullptr)
      return;
    report(id.pos, with_suggestion(tr("rules.roster-unknown-person", fmt::arg("id", id.value)),
                                   id.value, person_ids()));
  }

  std::vector<std::string> person_ids() const {
    std::vector<std::string> ids;
    for (const auto& p : roster_.people) {
      if (p.id.present)
        ids.push_back(p.id.value);
    }
    return ids;
  }

  void roles() {
    const yaml::MapEntry* roles = tree_.find_entry("roles");
    if (roles == nullptr) {
      missing("roles");  // one finding; the roles it lacks follow once it is there
      return;
    }
    if (!roles->value.is_map() && !roles->value.is_null())
      return;  // field-type
    const yaml::Node& map = roles->value;
    const Roles& r = roster_.roles;

    if (const yaml::MapEntry* cc = map.find_entry("client_centricity");
        cc == nullptr || blank(cc->value)) {
      report(cc != nullptr ? cc->key_pos : roles->key_pos, tr("rules.roster-no-client-centricity"));
    } else {
      for (const auto& holder : r.client_centricity)
        person(holder);
    }
    for (const auto& initiator : r.initiators)
      person(initiator);

    const yaml::MapEntry* curators = map.find_entry("direction_curators");
    const yaml::MapEntry* owners = map.find_entry("process_owners");
    assignments(curators, true);
    assignments(owners, false);
    if (config_ != nullptr) {
      unassigned(roles->key_pos, curators, owners);
    }
  }

  // Each assignment names a direction (or process) of perechen.yaml and a
  // person of the roster.
  void assignments(const yaml::MapEntry* entry, bool directions) {
    if (entry == nullptr || !entry->value.is_map())
      return;
    std::vector<std::string> known;
    if (config_ != nullptr) {
      for (const auto& d : config_->directions) {
        if (directions) {
          if (d.id.present)
            known.push_back(d.id.value);
        } else {
          for (const auto& p : d.processes) {
            if (p.id.present)
              known.push_back(p.id.value);
          }
        }
      }
    }
    for (const auto& assignment : entry->value.entries) {
      const std::string& scope = assignment.key;
      const bool exists =
          config_ == nullptr || (directions ? config_->find_direction(scope) != nullptr
                                            : config_->find_process(scope) != nullptr);
      if (!exists) {
        report(assignment.key_pos, with_suggestion(tr(directions ? "rules.roster-unknown-direction"
                                                                 : "rules.roster-unknown-process",
                                                      fmt::arg("id", scope)),
                                                   scope, known));
      }
      const yaml::Node& holder = assignment.value;
      if (blank(holder)) {
        report(assignment.key_pos,
               tr(directions ? "rules.roster-no-curator" : "rules.roster-no-owner",
                  fmt::arg("id", scope)));
      } else if (holder.is_scalar()) {
        person(LocatedText{holder.scalar, holder.pos, true});
      } else if (holder.is_sequence()) {
        // Several holders: the head and whoever stands in for them.
        for (const auto& item : holder.items) {
          if (item.is_scalar())
            person(LocatedText{item.scalar, item.pos, true});
        }
      }
    }
  }

  // Directions without a curator and processes without an owner.
  void unassigned(yaml::Position fallback, const yaml::MapEntry* curators,
                  const yaml::MapEntry* owners) {
    const std::string config_file = kConfigFile;
    for (const auto& direction : config_->directions) {
      if (!filled(direction.id))
        continue;
      if (!has_assignment(roster_.roles.direction_curators, direction.id.value)) {
        report(curators != nullptr ? curators->key_pos : fallback,
               tr("rules.roster-no-curator", fmt::arg("id", direction.id.value)),
               {related_at(config_file, direction.id.pos, tr("rules.roster-direction-here"))});
      }
      for (const auto& process : direction.processes) {
        if (!filled(process.id))
          continue;
        if (!has_assignment(roster_.roles.process_owners, process.id.value)) {
          report(owners != nullptr ? owners->key_pos : fallback,
                 tr("rules.roster-no-owner", fmt::arg("id", process.id.value)),
                 {related_at(config_file, process.id.pos, tr("rules.roster-process-here"))});
        }
      }
    }
  }

  static bool has_assignment(const std::vector<std::pair<LocatedText, LocatedText>>& list,
                             const std::string& id) {
    for (const auto& [scope, holder] : list) {
      if (scope.value == id)
        return true;  // an empty holder is reported where it is written
    }
    return false;
  }

  struct KeyOwner {
    std::string person;
    yaml::Position pos;
  };

  const Roster& roster_;
  const yaml::Node& tree_;
  const Config* config_;
  Diagnostics& out_;
  const std::string file_ = kRosterFile;
  std::unordered_map<std::string, KeyOwner> key_owners_;
};

}  // namespace

void check_roster(const Registry& registry, Diagnostics& out) {
  if (!registry.roster)
    return;  // absent or unparsable: the loader said so
  RosterCheck(*registry.roster, registry.config ? &*registry.config : nullptr, out).run();
}

}  // namespace perechen::rules
