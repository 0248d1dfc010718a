// SPDX-License-Identifier: Apache-2.0
// unknown-field, field-type, missing-field, empty-value: every key of every
// registry file is checked against the format of spec §2.1-2.3, written down
// below as a table. The readers of the model are lenient (a value of the wrong
// type is left out), so this unit is the one place that says what is wrong with
// the shape of a file; the other units look only at values that are there.
//
// missing-field and empty-value concern point files (clause 2.2); what
// perechen.yaml and roster.yaml must hold is registry-config (config.cpp,
// roster.cpp).

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "checks.hpp"
#include "perechen/yaml/emit.hpp"
#include "support.hpp"

namespace perechen::rules {

namespace {

enum class Shape {
  text,         // a scalar that reads as text
  number,       // a scalar that reads as a number (config.cpp checks its value)
  text_list,    // a list of scalars
  record,       // a mapping with the keys of `fields`
  record_list,  // a list of such mappings
  text_map,     // a mapping from ids to scalars (roles in roster.yaml)
  holders,      // a scalar, or a list of scalars: the holders of a role (roster.yaml)
  holders_map,  // a mapping from ids to holders
  needs,        // a list of needs: `code` or `code: description`
};

struct Field {
  std::string_view key;
  Shape shape = Shape::text;
  std::span<const Field> fields{};
  bool required = false;  // point files only: missing-field, empty-value
};

// A point file (spec §2.3).
constexpr Field kPointPlace[] = {
    {"name", Shape::text, {}, true},
    {"channel", Shape::text, {}, true},
    {"kind"},
    {"url"},
    {"address"},
};
constexpr Field kBasis[] = {{"type"}, {"title"}};
constexpr Field kPointFormat[] = {
    {"process", Shape::text, {}, true},
    {"point", Shape::record, kPointPlace, true},
    {"clients", Shape::text_list, {}, true},
    {"value", Shape::text, {}, true},
    {"needs", Shape::needs},
    {"basis", Shape::record_list, kBasis},
    {"prepared_by"},
};

// perechen.yaml (spec §2.1).
constexpr Field kEntry[] = {{"id"}, {"title"}};
constexpr Field kTitled[] = {{"id"}, {"title"}, {"short_title"}};  // spec §6.1: short names
constexpr Field kDirection[] = {
    {"id"}, {"title"}, {"short_title"}, {"processes", Shape::record_list, kTitled}};
constexpr Field kKind[] = {{"id"}, {"title"}, {"channel"}};
constexpr Field kPublication[] = {{"working_days", Shape::number},
                                  {"days_off", Shape::text_list},
                                  {"extra_working_days", Shape::text_list}};
constexpr Field kConfigFormat[] = {
    {"title"},
    {"organization"},
    {"institutions", Shape::record_list, kEntry},
    {"clients", Shape::record_list, kTitled},
    {"directions", Shape::record_list, kDirection},
    {"kinds", Shape::record_list, kKind},
    {"publication", Shape::record, kPublication},
};

// roster.yaml (spec §2.2).
constexpr Field kCertificateRef[] = {{"snils"}, {"sha256"}};
constexpr Field kPerson[] = {{"id"},
                             {"name"},
                             {"position"},
                             {"acting"},
                             {"keys", Shape::text_list},
                             {"certificates", Shape::record_list, kCertificateRef}};
constexpr Field kRoles[] = {
    {"client_centricity", Shape::holders},
    {"direction_curators", Shape::holders_map},
    {"process_owners", Shape::holders_map},
    {"initiators", Shape::text_list},
};
constexpr Field kRosterFormat[] = {
    {"people", Shape::record_list, kPerson},
    {"roles", Shape::record, kRoles},
    {"trust", Shape::text_list},
    {"crls", Shape::text_list},
    {"publishers", Shape::text_list},
};

// The message key naming what a plain (unquoted) scalar is under YAML 1.2's core schema, or empty
// when it is text: "rules.kind-number" for 12, -3, 0x1F, 0o17, 1.5, 1e3, .inf, .nan;
// "rules.kind-boolean" for true/false. (A null never reaches here: it is no scalar.)
std::string_view plain_scalar_type(std::string_view s) {
  switch (yaml::plain_type(s)) {
    case yaml::PlainType::number:
      return "rules.kind-number";
    case yaml::PlainType::boolean:
      return "rules.kind-boolean";
    case yaml::PlainType::null:
    case yaml::PlainType::text:
      break;
  }
  return {};
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index + 1) + "]";
}

std::string field_list(std::span<const Field> fields) {
  std::string result;
  for (const auto& f : fields) {
    if (!result.empty())
      result += ", ";
    result += f.key;
  }
  return result;
}

// The path of the record that has a field `key`, searched through the whole
// format; empty if none has. Tells a user who wrote `name:` at the top of a
// point file that it goes under `point`.
// "-" stands for the top level of the file.
std::string owner_of(std::string_view key, std::span<const Field> fields, const std::string& path) {
  for (const auto& f : fields) {
    if (f.key == key)
      return path.empty() ? std::string("-") : path;
  }
  for (const auto& f : fields) {
    if (f.fields.empty())
      continue;
    std::string found = owner_of(key, f.fields, join(path, f.key));
    if (!found.empty())
      return found;
  }
  return {};
}

class Walker {
 public:
  Walker(const std::string& file, std::span<const Field> format, bool point_file, Diagnostics& out)
      : file_(file), format_(format), point_file_(point_file), out_(out) {}

  void walk(const yaml::Node& root) {
    if (root.is_map()) {
      record(root, format_, "", whole_file());
    } else if (root.is_null()) {
      // An empty file: for a point, every required field is missing.
      if (point_file_)
        missing(format_, "", whole_file());
    } else {
      out_.add("field-type", at(file_, root.pos),
               tr("rules.root-type", fmt::arg("actual", root.kind_name())));
    }
  }

 private:
  void record(const yaml::Node& map, std::span<const Field> fields, const std::string& path,
              yaml::Position missing_at) {
    for (const auto& entry : map.entries) {
      const Field* field = find(fields, entry.key);
      if (field == nullptr) {
        unknown(entry, fields);
        continue;
      }
      value(entry.value, *field, join(path, entry.key), entry.key_pos);
    }
    if (point_file_) {
      std::vector<const Field*> absent;
      for (const auto& f : fields) {
        if (f.required && map.find(f.key) == nullptr)
          absent.push_back(&f);
      }
      for (const Field* f : absent)
        report_missing(join(path, f->key), missing_at);
    }
  }

  void missing(std::span<const Field> fields, const std::string& path, yaml::Position where) {
    for (const auto& f : fields) {
      if (f.required)
        report_missing(join(path, f.key), where);
    }
  }

  void report_missing(const std::string& path, yaml::Position where) {
    out_.add("missing-field", at(file_, where),
             tr("rules.missing-field", fmt::arg("field", path), fmt::arg("about", about(path))));
  }

  static std::string about(const std::string& path) {
    return std::string(message_template("rules.about." + path));
  }

  void value(const yaml::Node& node, const Field& field, const std::string& path,
             yaml::Position key_pos) {
    const bool required = point_file_ && field.required;
    switch (field.shape) {
      case Shape::text:
        if (node.is_scalar()) {
          if (required && text::trim(node.scalar).empty())
            empty(path, node.pos);
          text_scalar(node, path);
        } else if (node.is_null()) {
          if (required)
            empty(path, key_pos);
        } else {
          wrong_type(node, path, tr("rules.expect-text"));
        }
        return;
      case Shape::text_list:
        if (node.is_sequence()) {
          if (required && node.items.empty())
            empty_list(path, key_pos);
          for (std::size_t i = 0; i < node.items.size(); ++i) {
            if (!node.items[i].is_scalar()) {
              wrong_type(node.items[i], item_path(path, i), tr("rules.expect-text"));
            } else {
              text_scalar(node.items[i], item_path(path, i));
            }
          }
        } else if (node.is_null()) {
          if (required)
            empty_list(path, key_pos);
        } else {
          wrong_type(node, path, tr("rules.expect-list"));
        }
        return;
      case Shape::record:
        if (node.is_map()) {
          record(node, field.fields, path, key_pos);
        } else if (node.is_null()) {
          if (required)
            missing(field.fields, path, key_pos);
        } else {
          wrong_type(node, path, expect_record(field.fields));
        }
        return;
      case Shape::record_list:
        if (node.is_sequence()) {
          for (std::size_t i = 0; i < node.items.size(); ++i) {
            const yaml::Node& item = node.items[i];
            if (item.is_map()) {
              record(item, field.fields, item_path(path, i), item.pos);
            } else {
              wrong_type(item, item_path(path, i), expect_record(field.fields));
            }
          }
        } else if (!node.is_null()) {
          wrong_type(node, path, tr("rules.expect-list"));
        }
        return;
      case Shape::text_map:
        if (node.is_map()) {
          for (const auto& entry : node.entries) {
            if (!entry.value.is_scalar() && !entry.value.is_null()) {
              wrong_type(entry.value, join(path, entry.key), tr("rules.expect-text"));
            } else if (entry.value.is_scalar()) {
              text_scalar(entry.value, join(path, entry.key));
            }
          }
        } else if (!node.is_null()) {
          wrong_type(node, path, tr("rules.expect-map"));
        }
        return;
      case Shape::holders:
        holders(node, path);
        return;
      case Shape::holders_map:
        if (node.is_map()) {
          for (const auto& entry : node.entries)
            holders(entry.value, join(path, entry.key));
        } else if (!node.is_null()) {
          wrong_type(node, path, tr("rules.expect-map"));
        }
        return;
      case Shape::number:
        if (!node.is_scalar() && !node.is_null()) {
          wrong_type(node, path, tr("rules.expect-number"));
        }
        return;
      case Shape::needs:
        if (node.is_sequence()) {
          for (std::size_t i = 0; i < node.items.size(); ++i)
            need(node.items[i], item_path(path, i));
        } else if (!node.is_null()) {
          wrong_type(node, path, tr("rules.expect-list"));
        }
        return;
    }
  }

  // A role's holder, or its holders as a list (the head and whoever stands in for them).
  void holders(const yaml::Node& node, const std::string& path) {
    if (node.is_scalar()) {
      text_scalar(node, path);
    } else if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (node.items[i].is_scalar())
          text_scalar(node.items[i], item_path(path, i));
        else
          wrong_type(node.items[i], item_path(path, i), tr("rules.expect-text"));
      }
    } else if (!node.is_null()) {
      wrong_type(node, path, tr("rules.expect-holders"));
    }
  }

  void need(const yaml::Node& item, const std::string& path) {
    NeedItem parsed;
    if (read_need(item, parsed)) {
      if (item.is_map()) {
        const yaml::MapEntry& entry = item.entries.front();
        if (entry.value.is_scalar())
          text_scalar(entry.value, join(path, entry.key));
      }
      return;
    }
    if (item.is_map() && item.entries.size() == 1) {
      // `code: [...]`: the description must be text.
      const yaml::MapEntry& entry = item.entries.front();
      wrong_type(entry.value, join(path, entry.key), tr("rules.expect-text"));
    } else if (item.is_map()) {
      out_.add(
          "field-type", at(file_, item.pos),
          tr("rules.need-shape", fmt::arg("field", path), fmt::arg("count", item.entries.size())));
    } else {
      wrong_type(item, path, tr("rules.expect-need"));
    }
  }

  static std::string expect_record(std::span<const Field> fields) {
    return tr("rules.expect-record", fmt::arg("fields", field_list(fields)));
  }

  // A plain scalar such as 2025 or true is a number or a boolean to YAML 1.2, and so to every
  // editor checking the file against the JSON Schema; where text is expected, it must be quoted.
  void text_scalar(const yaml::Node& node, const std::string& path) {
    if (node.quoted)
      return;
    std::string_view what = plain_scalar_type(node.scalar);
    if (what.empty())
      return;
    out_.add("field-type", at(file_, node.pos),
             tr("rules.plain-not-text", fmt::arg("field", path), fmt::arg("value", node.scalar),
                fmt::arg("actual", message_template(what))));
  }

  void wrong_type(const yaml::Node& node, const std::string& path, const std::string& expected) {
    out_.add("field-type", at(file_, node.pos),
             tr("rules.field-type", fmt::arg("field", path), fmt::arg("expected", expected),
                fmt::arg("actual", node.kind_name())));
  }

  void empty(const std::string& path, yaml::Position where) {
    out_.add("empty-value", at(file_, where),
             tr("rules.empty-value", fmt::arg("field", path), fmt::arg("about", about(path))));
  }

  void empty_list(const std::string& path, yaml::Position where) {
    out_.add("missing-field", at(file_, where),
             tr("rules.empty-list", fmt::arg("field", path), fmt::arg("about", about(path))));
  }

  void unknown(const yaml::MapEntry& entry, std::span<const Field> fields) {
    std::vector<std::string> keys;
    keys.reserve(fields.size());
    for (const auto& f : fields)
      keys.emplace_back(f.key);
    std::string near = text::nearest(entry.key, keys);
    std::string message;
    if (!near.empty()) {
      message = tr("rules.unknown-field", fmt::arg("key", entry.key)) +
                tr("rules.suggest", fmt::arg("name", near));
    } else if (std::string owner = owner_of(entry.key, format_, ""); !owner.empty()) {
      message = owner == "-" ? tr("rules.unknown-field-top", fmt::arg("key", entry.key))
                             : tr("rules.unknown-field-elsewhere", fmt::arg("key", entry.key),
                                  fmt::arg("owner", owner));
    } else {
      message = tr("rules.unknown-field-list", fmt::arg("key", entry.key),
                   fmt::arg("fields", field_list(fields)));
    }
    out_.add("unknown-field", at(file_, entry.key_pos), std::move(message));
  }

  static const Field* find(std::span<const Field> fields, std::string_view key) {
    for (const auto& f : fields) {
      if (f.key == key)
        return &f;
    }
    return nullptr;
  }

  const std::string& file_;
  std::span<const Field> format_;
  bool point_file_;
  Diagnostics& out_;
};

}  // namespace

void check_fields(const Registry& registry, Diagnostics& out) {
  if (registry.config) {
    const std::string file = kConfigFile;
    Walker(file, kConfigFormat, false, out).walk(registry.config->tree);
  }
  if (registry.roster) {
    const std::string file = kRosterFile;
    Walker(file, kRosterFormat, false, out).walk(registry.roster->tree);
  }
  for (const auto& point : registry.points) {
    Walker(point.file, kPointFormat, true, out).walk(point.tree);
  }
}

}  // namespace perechen::rules
