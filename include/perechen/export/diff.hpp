// SPDX-License-Identifier: Apache-2.0
#pragma once

// `perechen diff`: the change between two versions told as rows of the list (clause 3.1: rows
// excluded, added or changed), each classified by the reasons of clause 3.3:
//   3.3.1  a process entered or left the registry of processes;
//   3.3.2  a point's kind (or channel) changed; a point added to or removed from a process that
//          stays in the registry counts here too, as the set of points of the process changed;
//   3.3.3  the needs a point satisfies changed (as a set: reordering is not a change);
// and anything else (wording, addresses, clients, value, basis) as editorial.
// The change itself comes from approval::analyze, the same analysis approvals rest on; this only
// lays it out as the list shows it and classifies it.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "perechen/approval/change.hpp"
#include "perechen/approval/content.hpp"
#include "perechen/export/content.hpp"
#include "perechen/i18n.hpp"

namespace perechen::exporting {

enum class Reason { process_registry, point_kind, needs };  // 3.3.1, 3.3.2, 3.3.3

std::string_view clause_of(Reason reason);  // "3.3.1", "3.3.2", "3.3.3"

struct FieldDiff {
  std::string field;   // the key of the point file: "needs", "point.kind", "value", …
  std::string before;  // the value as the list shows it; empty where there is none
  std::string after;
  std::optional<Reason> reason;  // nullopt: editorial
  // For the fields that are lists (needs, clients, basis): the items only one side has.
  std::vector<std::string> added;
  std::vector<std::string> removed;
};

// A field of a point added or removed, as the list shows it: what an approver signs, whole.
struct FieldValue {
  std::string field;               // the key of the point file, as FieldDiff's
  std::string value;               // as the list shows it
  std::vector<std::string> items;  // the items of a list field (needs, clients, basis); else empty
};

struct RowDiff {
  approval::PointChangeKind change = approval::PointChangeKind::changed;
  std::string file;
  std::string direction;  // titles as the list shows them (after; before for a removed row)
  std::string process_id;
  std::string process;
  std::string name;
  std::string previous_process;   // the process before, when the point moved to another one
  std::vector<FieldDiff> fields;  // changed rows: the fields that differ, in a fixed order
  // Added and removed rows: every field of the point that has a value (after the change; before
  // it for a removed row), in the order of the list.
  std::vector<FieldValue> content;
  std::vector<Reason> reasons;  // sorted, unique; empty: editorial
  bool unreadable = false;      // a version of the file does not parse: fields unknown
};

struct ProcessDiff {
  approval::ProcessChangeKind change = approval::ProcessChangeKind::added;
  std::string id;
  std::string title_before, title_after;
  std::string direction_before, direction_after;  // titles
  std::optional<Reason> reason;                   // 3.3.1 for added and removed
};

// Which version a side of the diff is.
struct Side {
  std::string revision;  // "approved", "head", "worktree" or the git revision given
  std::string commit;    // empty for the working tree or when nothing is approved
};

struct ListDiff {
  Side from;
  Side to;
  bool first_version = false;  // nothing before: every row is added
  bool identical = false;
  std::vector<RowDiff> rows;  // in the order of the list
  std::vector<ProcessDiff> processes;
  std::vector<std::string> settings;  // top-level keys of perechen.yaml that changed
  bool settings_changed = false;
  // Every value of perechen.yaml that differs, old and new, named by its path ("title",
  // "institutions[uchet].title", "directions[pay].processes[salary].title": items of a list
  // that have an id are named by it, others by their number from 0); for the first version every
  // value, as added. Lists of plain values are one field with the items added and removed.
  std::vector<FieldDiff> settings_fields;
  bool roster_changed = false;
  approval::RosterChange roster;  // what changed in roster.yaml, when roster_changed

  std::size_t count(approval::PointChangeKind kind) const;
};

// The list-level view of `change` (approval::analyze(before, after)); titles in `lang`.
ListDiff describe(const approval::Change& change, const approval::Snapshot* before,
                  const approval::Snapshot& after, Side from, Side to, Lang lang);
// The same from the settings of each side (nullptr: none), for a caller that holds the change and
// the settings but not the snapshots: the `approve` prompt.
ListDiff describe(const approval::Change& change, std::shared_ptr<const Config> before_config,
                  std::shared_ptr<const Config> after_config, Side from, Side to, Lang lang);

// How a changed field is told: "вид точки: А → Б" for a value, one line "потребности: + …" or
// "… − …" an item for a list. With `width`, a longer value or item is shortened to about that many
// characters around where it differs from the other side, so that old and new never look the
// same; 0 shows everything.
std::vector<std::string> field_lines(const FieldDiff& field, Lang lang, std::size_t width = 0);
// How a field of an added or removed row is told, whole: "ценность: …" on one line, a list of
// more than one item as its name and then one line "  • …" an item.
std::vector<std::string> content_lines(const FieldValue& field, Lang lang);
// The line that says the settings changed: the keys, or that perechen.yaml is new (the first
// version), or changed as a whole (a version that does not parse).
std::string settings_line(const ListDiff& diff, Lang lang);

// `before` and `after` shortened as field_lines does: each kept whole when both fit in `width`
// characters, else the part that differs with a little of what surrounds it, cut with «…».
std::pair<std::string, std::string> shorten_pair(std::string_view before, std::string_view after,
                                                 std::size_t width);

// One side of a diff: the content of "worktree", "approved" (nothing when no version is approved
// yet), "head" or a git revision, read through `history` (opened on first need; the working tree
// needs no repository). Problems reading the working tree's files go to `out`. `anchor`: as
// History's, for "approved".
struct DiffSide {
  std::optional<approval::Snapshot> snapshot;
  Side side;
};
DiffSide read_side(const std::filesystem::path& registry_root, std::unique_ptr<History>& history,
                   const std::string& revision, Diagnostics& out, const std::string& anchor = {});

enum class DiffFormat { text, json, md, html };
std::optional<DiffFormat> parse_diff_format(std::string_view name);
std::string write_diff(const ListDiff& diff, DiffFormat format, Lang lang);

}  // namespace perechen::exporting
