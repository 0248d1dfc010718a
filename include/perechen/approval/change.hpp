// SPDX-License-Identifier: Apache-2.0
#pragma once

// What changed between two versions of the registry, at the level the regulation speaks of
// (clause 3.3): interaction points added, removed or changed (and which fields), processes added,
// removed, renamed or moved to another direction, settings and roster changed. Approvals (spec §5)
// and `diff` both read it.

#include <memory>
#include <string>
#include <vector>

#include "perechen/approval/content.hpp"
#include "perechen/approval/roster_change.hpp"

namespace perechen::approval {

enum class PointChangeKind { added, removed, changed };

struct PointChange {
  PointChangeKind kind = PointChangeKind::changed;
  std::string file;  // the path; a point moved to another file is one removed and one added
  // The point before and after; nullptr where it does not exist or does not parse.
  std::shared_ptr<const Point> before;
  std::shared_ptr<const Point> after;
  // For a change: the keys whose values differ, in file order ("process", "point.name", "clients",
  // "needs", …). Empty when only the layout of the file changed (comments, quotes, key order) or
  // when a version does not parse.
  std::vector<std::string> fields;

  // The process ids the change touches: the point's process before and after (both when a point
  // moves between processes), each once, in that order.
  std::vector<std::string> processes() const;
};

enum class ProcessChangeKind { added, removed, renamed, moved };

struct ProcessChange {
  ProcessChangeKind kind = ProcessChangeKind::added;
  std::string id;
  std::string title_before, title_after;          // empty where the process does not exist
  std::string direction_before, direction_after;  // likewise
};

struct Change {
  bool first_version = false;  // there was nothing before: everything is added
  // True when the two versions have the same registry content: nothing needs approval.
  bool identical = false;
  std::vector<PointChange> points;       // by path
  std::vector<ProcessChange> processes;  // a process both renamed and moved has two entries
  // Settings: perechen.yaml apart from the list of processes. `settings` names the top-level keys
  // that changed ("title", "directions", "kinds", …); "perechen.yaml" when a version does not
  // parse.
  bool settings_changed = false;
  std::vector<std::string> settings;
  bool roster_changed = false;  // any byte of roster.yaml
  RosterChange roster;          // what changed in it, when roster_changed (roster_change.hpp)

  std::size_t count(PointChangeKind kind) const;
};

// The change from `before` to `after`; `before` is nullptr for the first version.
Change analyze(const Snapshot* before, const Snapshot& after);

std::string_view to_string(PointChangeKind kind);    // "added", "removed", "changed"
std::string_view to_string(ProcessChangeKind kind);  // "added", "removed", "renamed", "moved"

}  // namespace perechen::approval
