// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/change.hpp"

#include <algorithm>
#include <map>

namespace perechen::approval {
namespace {

// Two parsed values mean the same: positions, quoting and the order of keys in a map do not count.
bool same(const yaml::Node& a, const yaml::Node& b) {
  if (a.kind != b.kind)
    return false;
  switch (a.kind) {
    case yaml::NodeKind::null:
      return true;
    case yaml::NodeKind::scalar:
      return a.scalar == b.scalar;
    case yaml::NodeKind::sequence:
      return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), same);
    case yaml::NodeKind::map: {
      if (a.entries.size() != b.entries.size())
        return false;
      for (const auto& entry : a.entries) {
        const yaml::Node* other = b.find(entry.key);
        if (other == nullptr || !same(entry.value, *other))
          return false;
      }
      return true;
    }
  }
  return false;
}

bool same_or_absent(const yaml::Node* a, const yaml::Node* b) {
  if (a == nullptr || b == nullptr)
    return a == b;
  return same(*a, *b);
}

// Keys of two maps: those of `after` in file order, then those only `before` has.
std::vector<std::string> keys_of(const yaml::Node& before, const yaml::Node& after) {
  std::vector<std::string> keys;
  for (const auto& e : after.entries)
    keys.push_back(e.key);
  for (const auto& e : before.entries) {
    if (after.find(e.key) == nullptr)
      keys.push_back(e.key);
  }
  return keys;
}

std::vector<std::string> changed_fields(const Point& before, const Point& after) {
  std::vector<std::string> fields;
  for (const auto& key : keys_of(before.tree, after.tree)) {
    const yaml::Node* a = before.tree.find(key);
    const yaml::Node* b = after.tree.find(key);
    if (same_or_absent(a, b))
      continue;
    if (key == "point" && a != nullptr && b != nullptr && a->is_map() && b->is_map()) {
      for (const auto& sub : keys_of(*a, *b)) {
        if (!same_or_absent(a->find(sub), b->find(sub)))
          fields.push_back("point." + sub);
      }
    } else {
      fields.push_back(key);
    }
  }
  return fields;
}

void compare_points(const Snapshot* before, const Snapshot& after, Change& change) {
  std::vector<PointFileDiff> files = diff_point_files(before, after);
  std::vector<PointFile> old_files, new_files;
  for (const auto& f : files) {
    if (f.before)
      old_files.push_back(*f.before);
    if (f.after)
      new_files.push_back(*f.after);
  }
  if (before != nullptr)
    before->preload(old_files);
  after.preload(new_files);
  for (const auto& f : files) {
    if (!f.before) {
      change.points.push_back(
          {PointChangeKind::added, f.after->path, nullptr, after.point(*f.after), {}});
    } else if (!f.after) {
      change.points.push_back(
          {PointChangeKind::removed, f.before->path, before->point(*f.before), nullptr, {}});
    } else {
      PointChange c{PointChangeKind::changed,
                    f.after->path,
                    before->point(*f.before),
                    after.point(*f.after),
                    {}};
      if (c.before && c.after)
        c.fields = changed_fields(*c.before, *c.after);
      change.points.push_back(std::move(c));
    }
  }
}

struct ProcessPlace {
  std::string title;
  std::string direction;
  std::size_t order = 0;
};

std::map<std::string, ProcessPlace> processes_of(const Config* config) {
  std::map<std::string, ProcessPlace> result;
  if (config == nullptr)
    return result;
  std::size_t order = 0;
  for (const auto& direction : config->directions) {
    for (const auto& process : direction.processes) {
      if (!process.id.present)
        continue;
      result.emplace(process.id.value,
                     ProcessPlace{process.title.value, direction.id.value, order++});
    }
  }
  return result;
}

void compare_processes(const Config* before, const Config& after, Change& change) {
  auto old_list = processes_of(before);
  auto new_list = processes_of(&after);
  std::vector<std::pair<std::size_t, ProcessChange>> found;
  for (const auto& [id, place] : new_list) {
    auto it = old_list.find(id);
    if (it == old_list.end()) {
      found.push_back(
          {place.order, {ProcessChangeKind::added, id, "", place.title, "", place.direction}});
      continue;
    }
    const ProcessPlace& old = it->second;
    if (old.title != place.title) {
      found.push_back({place.order,
                       {ProcessChangeKind::renamed, id, old.title, place.title, old.direction,
                        place.direction}});
    }
    if (old.direction != place.direction) {
      found.push_back(
          {place.order,
           {ProcessChangeKind::moved, id, old.title, place.title, old.direction, place.direction}});
    }
  }
  for (const auto& [id, old] : old_list) {
    if (new_list.count(id) == 0) {
      found.push_back({new_list.size() + old.order,
                       {ProcessChangeKind::removed, id, old.title, "", old.direction, ""}});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& f : found)
    change.processes.push_back(std::move(f.second));
}

// A direction without its processes, and its processes without their titles: what settings hold
// besides the process list.
bool same_direction_settings(const yaml::Node& a, const yaml::Node& b,
                             const std::map<std::string, ProcessPlace>& old_list,
                             const std::map<std::string, ProcessPlace>& new_list) {
  if (!a.is_map() || !b.is_map())
    return same(a, b);
  for (const auto& key : keys_of(a, b)) {
    if (key == "processes")
      continue;
    if (!same_or_absent(a.find(key), b.find(key)))
      return false;
  }
  const yaml::Node* pa = a.find("processes");
  const yaml::Node* pb = b.find("processes");
  if (pa == nullptr || pb == nullptr || !pa->is_sequence() || !pb->is_sequence()) {
    return same_or_absent(pa, pb);
  }
  // Processes that stay in this direction in both versions, in their order here: added, removed
  // and moved processes are changes of processes, not of settings.
  auto kept = [](const yaml::Node& direction, const yaml::Node& list,
                 const std::map<std::string, ProcessPlace>& other) {
    const yaml::Node* direction_id = direction.find("id");
    std::string here = direction_id != nullptr ? direction_id->scalar : std::string();
    std::vector<const yaml::Node*> result;
    for (const auto& item : list.items) {
      const yaml::Node* id = item.is_map() ? item.find("id") : nullptr;
      if (id == nullptr || !id->is_scalar()) {
        result.push_back(&item);  // not a process perechen understands: compared whole
        continue;
      }
      auto it = other.find(id->scalar);
      if (it != other.end() && it->second.direction == here)
        result.push_back(&item);
    }
    return result;
  };
  auto ka = kept(a, *pa, new_list);
  auto kb = kept(b, *pb, old_list);
  if (ka.size() != kb.size())
    return false;
  for (std::size_t i = 0; i < ka.size(); ++i) {
    const yaml::Node& x = *ka[i];
    const yaml::Node& y = *kb[i];
    if (!x.is_map() || !y.is_map()) {
      if (!same(x, y))
        return false;
      continue;
    }
    for (const auto& key : keys_of(x, y)) {
      if (key == "title")
        continue;
      if (!same_or_absent(x.find(key), y.find(key)))
        return false;
    }
  }
  return true;
}

void compare_settings(const Config& before, const Config& after, Change& change) {
  auto old_list = processes_of(&before);
  auto new_list = processes_of(&after);
  for (const auto& key : keys_of(before.tree, after.tree)) {
    const yaml::Node* a = before.tree.find(key);
    const yaml::Node* b = after.tree.find(key);
    bool equal = false;
    if (key == "directions" && a != nullptr && b != nullptr && a->is_sequence() &&
        b->is_sequence()) {
      // Directions match by position; adding or removing one changes the list anyway.
      equal = a->items.size() == b->items.size();
      for (std::size_t i = 0; equal && i < a->items.size(); ++i) {
        equal = same_direction_settings(a->items[i], b->items[i], old_list, new_list);
      }
    } else {
      equal = same_or_absent(a, b);
    }
    if (!equal)
      change.settings.push_back(key);
  }
  change.settings_changed = !change.settings.empty();
}

}  // namespace

std::vector<std::string> PointChange::processes() const {
  std::vector<std::string> result;
  for (const auto& point : {before, after}) {
    if (!point || !point->process.present)
      continue;
    if (std::find(result.begin(), result.end(), point->process.value) == result.end()) {
      result.push_back(point->process.value);
    }
  }
  return result;
}

std::size_t Change::count(PointChangeKind kind) const {
  return static_cast<std::size_t>(std::count_if(
      points.begin(), points.end(), [&](const PointChange& c) { return c.kind == kind; }));
}

Change analyze(const Snapshot* before, const Snapshot& after) {
  Change change;
  change.first_version = before == nullptr || !before->present();
  const Snapshot* base = change.first_version ? nullptr : before;
  if (base != nullptr) {
    if (base->id() && after.id()) {
      change.identical = *base->id() == *after.id();
    } else {
      change.identical = base->config_blob() == after.config_blob() &&
                         base->roster_blob() == after.roster_blob() &&
                         base->points() == after.points();
    }
    if (change.identical)
      return change;
  }
  compare_points(base, after, change);

  auto new_config = after.config();
  auto old_config = base != nullptr ? base->config() : nullptr;
  if (new_config)
    compare_processes(old_config.get(), *new_config, change);
  if (base == nullptr) {
    change.settings_changed = true;
    change.roster_changed = true;
    change.roster = compare_rosters(nullptr, after.roster().get(), true);
    return change;
  }
  if (base->config_blob() != after.config_blob()) {
    if (old_config && new_config) {
      compare_settings(*old_config, *new_config, change);
    } else {
      change.settings_changed = true;
      change.settings.push_back(kConfigFile);
    }
  }
  change.roster_changed = base->roster_blob() != after.roster_blob();
  if (change.roster_changed)
    change.roster = compare_rosters(base->roster().get(), after.roster().get(), false);
  return change;
}

std::string_view to_string(PointChangeKind kind) {
  switch (kind) {
    case PointChangeKind::added:
      return "added";
    case PointChangeKind::removed:
      return "removed";
    case PointChangeKind::changed:
      return "changed";
  }
  return "changed";
}

std::string_view to_string(ProcessChangeKind kind) {
  switch (kind) {
    case ProcessChangeKind::added:
      return "added";
    case ProcessChangeKind::removed:
      return "removed";
    case ProcessChangeKind::renamed:
      return "renamed";
    case ProcessChangeKind::moved:
      return "moved";
  }
  return "added";
}

}  // namespace perechen::approval
