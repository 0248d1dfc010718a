// SPDX-License-Identifier: Apache-2.0
// registry-config of perechen.yaml (spec §2.1): the dictionaries every point
// refers to. Each section is there and not empty, each entry has an id and a
// title, ids are slugs and unique (process ids across the whole registry, since
// a point names its process alone), a registry's own kind does not hide a
// built-in one and names a channel, and the publication settings make sense.
// Shapes (a list where a mapping belongs) are field-type's job, in fields.cpp.

#include <charconv>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "checks.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/catalog.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

// Kind ids may hold '_' as the built-in ones do (personal_account); other ids
// are slugs.
bool is_kind_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.front() == '_')
    return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  }
  return true;
}

bool blank(const yaml::Node& node) {
  return node.is_null() || (node.is_scalar() && text::trim(node.scalar).empty());
}

struct FirstSeen {
  yaml::Position pos;
  std::string owner;  // the direction of a process
};

class ConfigCheck {
 public:
  ConfigCheck(const yaml::Node& tree, Diagnostics& out) : tree_(tree), out_(out) {}

  void run() {
    if (!tree_.is_map() && !tree_.is_null())
      return;  // field-type
    for (std::string_view key : {"title", "organization"})
      required_text(key);
    section("institutions", true);
    section("clients", true);
    section("directions", true);
    section("kinds", false);
    publication();
  }

 private:
  void report(yaml::Position pos, std::string message, std::vector<Related> related = {}) {
    out_.add("registry-config", at(file_, pos), std::move(message), std::move(related));
  }

  static std::string about(std::string_view key) {
    return std::string(message_template("rules.about.config." + std::string(key)));
  }

  void missing(std::string_view key) {
    report(whole_file(), tr("rules.config-missing", fmt::arg("file", file_), fmt::arg("field", key),
                            fmt::arg("about", about(key))));
  }

  void required_text(std::string_view key) {
    const yaml::MapEntry* entry = tree_.find_entry(key);
    if (entry == nullptr) {
      missing(key);
    } else if (blank(entry->value)) {
      report(entry->key_pos,
             tr("rules.config-empty", fmt::arg("field", key), fmt::arg("about", about(key))));
    }
  }

  void section(std::string_view key, bool required) {
    const yaml::MapEntry* entry = tree_.find_entry(key);
    if (entry == nullptr) {
      if (required)
        missing(key);
      return;
    }
    const yaml::Node& list = entry->value;
    if (list.is_null() || (list.is_sequence() && list.items.empty())) {
      if (required) {
        report(entry->key_pos,
               tr("rules.config-empty", fmt::arg("field", key), fmt::arg("about", about(key))));
      }
      return;
    }
    if (!list.is_sequence())
      return;
    std::unordered_map<std::string, FirstSeen> ids;
    for (const auto& item : list.items) {
      if (!item.is_map())
        continue;
      const bool kind = key == "kinds";
      const yaml::Node* id = entry_field(item, key, "id");
      entry_field(item, key, "title");
      if (key == "clients" || key == "directions")
        optional_field(item, key, "short_title");
      if (kind)
        kind_channel(item, id);
      if (id != nullptr)
        check_id(*id, key, kind, ids, {});
      if (key == "directions")
        processes(item, id);
    }
  }

  // The value of `field` in an entry of `section`; reports it when absent or
  // blank. nullptr unless it is a filled scalar.
  const yaml::Node* entry_field(const yaml::Node& item, std::string_view section,
                                std::string_view field) {
    const yaml::MapEntry* entry = item.find_entry(field);
    if (entry == nullptr) {
      report(item.pos, tr("rules.config-entry-missing", fmt::arg("section", section),
                          fmt::arg("field", field)));
      return nullptr;
    }
    if (blank(entry->value)) {
      report(entry->key_pos, tr("rules.config-entry-empty", fmt::arg("section", section),
                                fmt::arg("field", field)));
      return nullptr;
    }
    return entry->value.is_scalar() ? &entry->value : nullptr;
  }

  // A field that may be left out but, when written, must not be blank (short_title).
  void optional_field(const yaml::Node& item, std::string_view section, std::string_view field) {
    const yaml::MapEntry* entry = item.find_entry(field);
    if (entry != nullptr && blank(entry->value)) {
      report(entry->key_pos, tr("rules.config-entry-empty", fmt::arg("section", section),
                                fmt::arg("field", field)));
    }
  }

  void check_id(const yaml::Node& id, std::string_view section, bool kind,
                std::unordered_map<std::string, FirstSeen>& seen, const std::string& owner) {
    const std::string& value = id.scalar;
    if (kind ? !is_kind_id(value) : !text::is_slug(value)) {
      report(id.pos, tr(kind ? "rules.config-not-kind-id" : "rules.config-not-slug",
                        fmt::arg("section", section), fmt::arg("id", value)));
    }
    if (kind && find_builtin_kind(value) != nullptr) {
      report(id.pos, tr("rules.config-kind-builtin", fmt::arg("id", value)));
    }
    auto [it, inserted] = seen.emplace(value, FirstSeen{id.pos, owner});
    if (inserted)
      return;
    std::string message =
        section == "processes"
            ? tr("rules.config-duplicate-process", fmt::arg("id", value),
                 fmt::arg("direction", it->second.owner), fmt::arg("line", it->second.pos.line))
            : tr("rules.config-duplicate-id", fmt::arg("section", section), fmt::arg("id", value),
                 fmt::arg("line", it->second.pos.line));
    report(id.pos, std::move(message),
           {related_at(file_, it->second.pos, tr("rules.config-first-id"))});
  }

  void processes(const yaml::Node& direction, const yaml::Node* direction_id) {
    const yaml::Node* list = direction.find("processes");
    if (list == nullptr || !list->is_sequence())
      return;
    const std::string owner = direction_id != nullptr ? direction_id->scalar : std::string();
    for (const auto& item : list->items) {
      if (!item.is_map())
        continue;
      const yaml::Node* id = entry_field(item, "processes", "id");
      entry_field(item, "processes", "title");
      optional_field(item, "processes", "short_title");
      if (id != nullptr)
        check_id(*id, "processes", false, process_ids_, owner);
    }
  }

  void kind_channel(const yaml::Node& item, const yaml::Node* id) {
    const yaml::Node* channel = entry_field(item, "kinds", "channel");
    if (channel == nullptr || channel->scalar == "digital" || channel->scalar == "offline")
      return;
    report(channel->pos, tr("rules.config-kind-channel",
                            fmt::arg("id", id != nullptr ? id->scalar : std::string()),
                            fmt::arg("channel", channel->scalar)));
  }

  void publication() {
    const yaml::Node* publication = tree_.find("publication");
    if (publication == nullptr || !publication->is_map())
      return;
    if (const yaml::Node* days = publication->find("working_days");
        days != nullptr && (days->is_scalar() || days->is_null())) {
      // A number in quotes is text to the JSON Schema (schemas/config.schema.json): say so too.
      if (!positive_integer(days->scalar) || days->quoted) {
        report(days->pos,
               tr(days->quoted ? "rules.config-working-days-quoted" : "rules.config-working-days",
                  fmt::arg("value", days->scalar)));
      }
    }
    std::set<calendar::Date> days_off;
    if (const yaml::Node* list = publication->find("days_off");
        list != nullptr && list->is_sequence()) {
      for (const auto& day : list->items) {
        if (!day.is_scalar())
          continue;
        if (auto date = calendar::Date::parse(day.scalar)) {
          days_off.insert(*date);
        } else {
          report(day.pos, tr("rules.config-day-off", fmt::arg("value", day.scalar)));
        }
      }
    }
    if (const yaml::Node* list = publication->find("extra_working_days");
        list != nullptr && list->is_sequence()) {
      for (const auto& day : list->items) {
        if (!day.is_scalar())
          continue;
        auto date = calendar::Date::parse(day.scalar);
        if (!date) {
          report(day.pos, tr("rules.config-working-day", fmt::arg("value", day.scalar)));
        } else if (days_off.count(*date) != 0) {
          // Both lists: nobody can tell which was meant; the calendar takes it as a day off.
          report(day.pos, tr("rules.config-day-both", fmt::arg("value", day.scalar)));
        }
      }
    }
  }

  // As the reader of the model takes it (src/registry/config.cpp), so that what
  // is accepted here is what is used.
  static bool positive_integer(std::string_view s) {
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size() && value > 0;
  }

  const yaml::Node& tree_;
  Diagnostics& out_;
  const std::string file_ = kConfigFile;
  std::unordered_map<std::string, FirstSeen> process_ids_;  // unique across the registry
};

}  // namespace

void check_config(const Registry& registry, Diagnostics& out) {
  if (!registry.config)
    return;  // perechen.yaml did not parse: the loader said why
  ConfigCheck(registry.config->tree, out).run();
}

}  // namespace perechen::rules
