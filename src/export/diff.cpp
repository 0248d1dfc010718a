// SPDX-License-Identifier: Apache-2.0
#include "perechen/export/diff.hpp"

#include <algorithm>
#include <set>

#include "labels.hpp"
#include "perechen/export/document.hpp"
#include "perechen/git/worktree_source.hpp"

namespace perechen::exporting {
namespace {

using approval::PointChangeKind;
using approval::ProcessChangeKind;

// The fields of a point file in the order the list shows them; others follow in file order.
const std::vector<std::string>& field_order() {
  static const std::vector<std::string> order{
      "process",       "point",   "point.name", "point.channel", "point.kind", "point.url",
      "point.address", "clients", "value",      "needs",         "basis",      "prepared_by"};
  return order;
}

std::size_t field_rank(const std::string& field) {
  const auto& order = field_order();
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), field) - order.begin());
}

struct Version {
  const approval::Snapshot* snapshot = nullptr;
  std::shared_ptr<const Config> config;
};

std::string basis_text(const Point& point) {
  std::vector<std::string> titles;
  for (const auto& b : point.basis)
    titles.push_back(b.title.value);
  return join(titles, "; ");
}

std::string institution_text(const Point& point, const Config& config) {
  if (const Entry* e = config.find_institution(point.prepared_by.value))
    return e->title.value;
  return point.prepared_by.value;
}

// A field's value as the list shows it.
std::string field_value(const std::string& field, const Point& point, const Row& row,
                        const Config& config, Lang lang) {
  if (field == "process")
    return row.process_title;
  if (field == "point")
    return row.name + "; " + channel_line(row, lang);
  if (field == "point.name")
    return row.name;
  if (field == "point.channel")
    return channel_label(row, lang);
  if (field == "point.kind")
    return row.kind_title;
  if (field == "point.url")
    return row.url;
  if (field == "point.address")
    return row.address;
  if (field == "clients")
    return join(client_lines(row), "; ");
  if (field == "value")
    return row.value;
  if (field == "needs")
    return join(need_lines(row, lang), "; ");
  if (field == "basis")
    return basis_text(point);
  if (field == "prepared_by")
    return institution_text(point, config);
  return {};
}

// The items of a list field as the list shows them; empty for a field that is not a list.
std::vector<std::string> field_items(const std::string& field, const Point& point, const Row& row,
                                     Lang lang) {
  if (field == "needs")
    return need_lines(row, lang);
  if (field == "clients")
    return client_lines(row);
  if (field == "basis") {
    std::vector<std::string> titles;
    for (const auto& b : point.basis)
      titles.push_back(b.title.value);
    return titles;
  }
  return {};
}

std::vector<std::string> missing_from(const std::vector<std::string>& items,
                                      const std::vector<std::string>& other) {
  std::vector<std::string> result;
  for (const auto& item : items) {
    if (std::find(other.begin(), other.end(), item) == other.end())
      result.push_back(item);
  }
  return result;
}

std::set<std::string> need_codes(const Point& point) {
  std::set<std::string> codes;
  for (const auto& need : point.needs)
    codes.insert(need.code.value);
  return codes;
}

void add_reason(std::vector<Reason>& reasons, Reason reason) {
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    reasons.push_back(reason);
}

// Rows of a changed point: the fields that differ as the list shows them, each with its reason.
void describe_fields(RowDiff& row, const approval::PointChange& change, const Row& before,
                     const Row& after, const Config& old_config, const Config& new_config,
                     const std::set<std::string>& processes_in_out, Lang lang) {
  std::vector<std::string> fields = change.fields;
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return field_rank(a) < field_rank(b); });
  for (const auto& field : fields) {
    FieldDiff diff;
    diff.field = field;
    diff.before = field_value(field, *change.before, before, old_config, lang);
    diff.after = field_value(field, *change.after, after, new_config, lang);
    auto old_items = field_items(field, *change.before, before, lang);
    auto new_items = field_items(field, *change.after, after, lang);
    diff.added = missing_from(new_items, old_items);
    diff.removed = missing_from(old_items, new_items);
    if (field == "needs") {
      // The set of needs is what 3.3.3 speaks of; their order never shows in the list.
      if (need_codes(*change.before) != need_codes(*change.after)) {
        diff.reason = Reason::needs;
      } else if (diff.before == diff.after) {
        continue;
      }
    } else if (field == "point.kind" || field == "point.channel" || field == "point") {
      diff.reason = Reason::point_kind;
    } else if (field == "process") {
      row.previous_process = before.process_title;
      diff.reason = Reason::point_kind;
      if (processes_in_out.count(before.process_id) > 0 ||
          processes_in_out.count(after.process_id) > 0) {
        add_reason(row.reasons, Reason::process_registry);
      }
    } else if (diff.before == diff.after) {
      continue;  // the same in the list: the order of clients, say
    }
    if (diff.reason)
      add_reason(row.reasons, *diff.reason);
    row.fields.push_back(std::move(diff));
  }
}

// Every field of a point that has a value, as the list shows it: an added or removed row whole.
std::vector<FieldValue> row_content(const Point& point, const Row& row, const Config& config,
                                    Lang lang) {
  std::vector<FieldValue> content;
  for (const auto& field : field_order()) {
    if (field == "point")
      continue;  // its parts follow one by one
    FieldValue value;
    value.field = field;
    value.value = field_value(field, point, row, config, lang);
    value.items = field_items(field, point, row, lang);
    if (!value.value.empty() || !value.items.empty())
      content.push_back(std::move(value));
  }
  return content;
}

// The values of a settings tree by path, in file order: a scalar is one value, a list of scalars
// one value with items, a map or a list of maps a value per leaf below it.
struct Leaf {
  std::string value;
  std::vector<std::string> items;
  bool list = false;
};

void flatten(const yaml::Node& node, const std::string& path,
             std::vector<std::pair<std::string, Leaf>>& out) {
  if (node.is_map()) {
    for (const auto& e : node.entries)
      flatten(e.value, path.empty() ? e.key : path + "." + e.key, out);
    return;
  }
  if (node.is_sequence()) {
    bool plain = std::all_of(node.items.begin(), node.items.end(),
                             [](const yaml::Node& n) { return n.is_scalar() || n.is_null(); });
    if (plain) {
      Leaf leaf;
      leaf.list = true;
      for (const auto& item : node.items)
        leaf.items.push_back(item.scalar);
      leaf.value = join(leaf.items, "; ");
      out.emplace_back(path, std::move(leaf));
      return;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const yaml::Node& item = node.items[i];
      const yaml::Node* id = item.find("id");
      std::string name = id != nullptr && id->is_scalar() ? id->scalar : std::to_string(i);
      flatten(item, path + "[" + name + "]", out);
    }
    return;
  }
  Leaf leaf;
  leaf.value = node.scalar;
  out.emplace_back(path, std::move(leaf));
}

// Each value of the changed top-level keys that differs between the two settings trees.
std::vector<FieldDiff> settings_fields(const std::vector<std::string>& keys,
                                       const yaml::Node* before, const yaml::Node& after) {
  std::vector<std::pair<std::string, Leaf>> old_leaves, new_leaves;
  for (const auto& key : keys) {
    if (before != nullptr) {
      if (const yaml::Node* n = before->find(key))
        flatten(*n, key, old_leaves);
    }
    if (const yaml::Node* n = after.find(key))
      flatten(*n, key, new_leaves);
  }
  auto find = [](const std::vector<std::pair<std::string, Leaf>>& leaves,
                 const std::string& path) -> const Leaf* {
    for (const auto& [p, leaf] : leaves) {
      if (p == path)
        return &leaf;
    }
    return nullptr;
  };
  std::vector<FieldDiff> fields;
  auto add = [&](const std::string& path, const Leaf* a, const Leaf* b) {
    static const Leaf none;
    const Leaf& x = a != nullptr ? *a : none;
    const Leaf& y = b != nullptr ? *b : none;
    if (a != nullptr && b != nullptr && x.value == y.value && x.items == y.items)
      return;
    FieldDiff f;
    f.field = path;
    f.before = x.value;
    f.after = y.value;
    if (x.list || y.list) {
      f.added = missing_from(y.items, x.items);
      f.removed = missing_from(x.items, y.items);
      // The same items in another order have none added or removed: told as old and new.
    }
    fields.push_back(std::move(f));
  };
  for (const auto& [path, leaf] : new_leaves)
    add(path, find(old_leaves, path), &leaf);
  for (const auto& [path, leaf] : old_leaves) {
    if (find(new_leaves, path) == nullptr)
      add(path, &leaf, nullptr);
  }
  return fields;
}

const Config& config_or_empty(const std::shared_ptr<const Config>& config) {
  static const Config empty;
  return config ? *config : empty;
}

std::string direction_title(const Config& config, const std::string& id) {
  if (const Direction* d = config.find_direction(id))
    return d->title.value;
  return id;
}

}  // namespace

std::string_view clause_of(Reason reason) {
  switch (reason) {
    case Reason::process_registry:
      return "3.3.1";
    case Reason::point_kind:
      return "3.3.2";
    case Reason::needs:
      return "3.3.3";
  }
  return "3.3";
}

std::size_t ListDiff::count(approval::PointChangeKind kind) const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [&](const RowDiff& r) { return r.change == kind; }));
}

ListDiff describe(const approval::Change& change, const approval::Snapshot* before,
                  const approval::Snapshot& after, Side from, Side to, Lang lang) {
  return describe(change, before != nullptr ? before->config() : nullptr, after.config(),
                  std::move(from), std::move(to), lang);
}

ListDiff describe(const approval::Change& change, std::shared_ptr<const Config> old_config_ptr,
                  std::shared_ptr<const Config> new_config_ptr, Side from, Side to, Lang lang) {
  ListDiff diff;
  diff.from = std::move(from);
  diff.to = std::move(to);
  diff.first_version = change.first_version;
  diff.identical = change.identical;
  diff.settings_changed = change.settings_changed;
  diff.settings = change.settings;
  diff.roster_changed = change.roster_changed;
  diff.roster = change.roster;

  const Config& old_config = config_or_empty(old_config_ptr);
  const Config& new_config = config_or_empty(new_config_ptr);
  if (change.settings_changed && new_config_ptr) {
    std::vector<std::string> keys = change.settings;
    if (change.first_version) {
      for (const auto& e : new_config.tree.entries)
        keys.push_back(e.key);
    }
    keys.erase(std::remove(keys.begin(), keys.end(), std::string(kConfigFile)), keys.end());
    diff.settings_fields =
        settings_fields(keys, old_config_ptr && !change.first_version ? &old_config.tree : nullptr,
                        new_config.tree);
  }

  std::set<std::string> processes_in_out;
  for (const auto& p : change.processes) {
    ProcessDiff pd;
    pd.change = p.kind;
    pd.id = p.id;
    pd.title_before = p.title_before;
    pd.title_after = p.title_after;
    pd.direction_before =
        p.direction_before.empty() ? "" : direction_title(old_config, p.direction_before);
    pd.direction_after =
        p.direction_after.empty() ? "" : direction_title(new_config, p.direction_after);
    if (p.kind == ProcessChangeKind::added || p.kind == ProcessChangeKind::removed) {
      pd.reason = Reason::process_registry;
      processes_in_out.insert(p.id);
    }
    diff.processes.push_back(std::move(pd));
  }

  std::vector<std::pair<RowKey, RowDiff>> keyed;
  for (const auto& pc : change.points) {
    RowDiff row;
    row.change = pc.kind;
    row.file = pc.file;
    // The row as the list shows it: after the change, or before it for a removed row.
    const Point* shown = pc.after ? pc.after.get() : pc.before.get();
    const Config& shown_config = pc.after ? new_config : old_config;
    Row shown_row;
    if (shown != nullptr) {
      shown_row = make_row(*shown, shown_config, lang);
      row.direction = shown_row.direction_title;
      row.process_id = shown_row.process_id;
      row.process = shown_row.process_title;
      row.name = shown_row.name;
    } else {
      row.name = pc.file;
    }
    if (pc.kind == PointChangeKind::changed) {
      if (pc.before && pc.after) {
        Row old_row = make_row(*pc.before, old_config, lang);
        describe_fields(row, pc, old_row, shown_row, old_config, new_config, processes_in_out,
                        lang);
      } else {
        row.unreadable = true;
      }
    } else {
      add_reason(row.reasons, processes_in_out.count(row.process_id) > 0 ? Reason::process_registry
                                                                         : Reason::point_kind);
      if (shown != nullptr)
        row.content = row_content(*shown, shown_row, shown_config, lang);
    }
    std::sort(row.reasons.begin(), row.reasons.end());
    shown_row.file = pc.file;
    keyed.emplace_back(row_key(shown_row, shown_config), std::move(row));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, row] : keyed)
    diff.rows.push_back(std::move(row));
  return diff;
}

DiffSide read_side(const std::filesystem::path& registry_root, std::unique_ptr<History>& history,
                   const std::string& revision, Diagnostics& out, const std::string& anchor) {
  DiffSide result;
  result.side.revision = revision;
  if (revision == "worktree") {
    auto source = git::make_worktree_source(registry_root);
    result.snapshot = approval::snapshot_of_source(*source, out);
    return result;
  }
  if (!history)
    history = std::make_unique<History>(registry_root, anchor);
  std::optional<git::Oid> commit;
  if (revision == "approved") {
    commit = approval::evaluate(*history->reader, history->resolve("HEAD"), history->options)
                 .approved_commit;
    if (!commit)
      return result;  // nothing approved yet: the diff starts from nothing
  } else {
    commit = history->resolve(revision);
  }
  result.side.commit = commit->hex();
  result.snapshot = history->reader->at(*commit);
  return result;
}

std::optional<DiffFormat> parse_diff_format(std::string_view name) {
  if (name == "text")
    return DiffFormat::text;
  if (name == "json")
    return DiffFormat::json;
  if (name == "md")
    return DiffFormat::md;
  if (name == "html")
    return DiffFormat::html;
  return std::nullopt;
}

}  // namespace perechen::exporting
