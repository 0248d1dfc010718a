// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/registry.hpp"

namespace perechen {

// Runs every rule of spec §3 over a loaded registry, appending findings to `out`.
void check_registry(const Registry& registry, Diagnostics& out);

// A warning silenced at its point by the comment `# perechen: ignore=RULE reason` anywhere in the
// point's file: only warnings of RULE in that file, and only with a reason; an error is never
// silenced.
struct Silenced {
  std::string file;
  int line = 0;  // the comment's
  std::string rule;
  std::string reason;
  Diagnostic finding;  // the warning as it would have been shown
};

// What `validate` did: findings of loading and of the rules, sorted, and what was counted.
struct ValidationResult {
  Diagnostics diagnostics;
  std::vector<Silenced> silenced;  // by file and rule, of the files reported on
  std::size_t files = 0;
  std::size_t points = 0;
  std::vector<std::string> checked_files;  // the files reported on, in path order
  std::vector<std::string> excluded;       // files left out by exclude(), in path order
  std::size_t errors() const { return diagnostics.count(Severity::error); }
  std::size_t warnings() const { return diagnostics.count(Severity::warning); }
};

// Loads and checks the registry in `source`. With `only` non-empty, keeps the findings of those
// files (registry-relative paths; a path ending in '/' is a folder), while the duplicate check
// still sees the whole registry (a duplicate found at another file is kept when the file it
// repeats is among `only`). `settled`, when given, says of a point file and its bytes whether the
// last commit holds it just so (Registry::settled), so that rule 2.7 reports the file that is new.
using SettledFn = std::function<bool(const std::string& path, const std::string& bytes)>;

// Whether validate() also checks the registry's own calendar files (registry/calendar_files.hpp,
// rule registry-calendar). They are no content: `validate` checks them, while approve and export,
// which judge the content alone, skip them, so that a broken calendar file never blocks the list.
enum class CalendarFiles { check, skip };

ValidationResult validate(const ContentSource& source, const std::vector<std::string>& only,
                          Registry* loaded = nullptr, const SettledFn& settled = {},
                          CalendarFiles calendar_files = CalendarFiles::check);

// Whether registry path `path` matches `glob` (`validate --exclude`): `*` and `?` stand for any
// characters but '/', `**` for any folders (`points/**` is everything under points/), a glob
// ending in '/' for a folder and all under it, and a glob without '/' for a file name at any depth
// (`*.draft.yaml`), as in .gitignore, which yamllint's `ignore:` follows.
bool path_matches(std::string_view glob, std::string_view path);

// Leaves the files that match one of `globs` out of `result`: their findings (shown, omitted and
// silenced) go, they are no longer counted as checked, and they are listed in `result.excluded`.
// perechen.yaml and roster.yaml are never left out: the rules of every point depend on them.
// The excluded files were still loaded, so rule 2.7 compares the other points with them.
void exclude(ValidationResult& result, const std::vector<std::string>& globs);

// Clause 2.7 (point-duplicate) as one question, for whoever adds a point (`perechen new`) to ask
// before writing it: the point of `process` among `points` whose name rule 2.7 takes for the same
// as `name`, or nullptr. Names are compared exactly as check_duplicates compares them
// (name_key), so what `new` accepts `validate` never refuses as a duplicate name.
const Point* point_named(const std::vector<Point>& points, std::string_view process,
                         std::string_view name);

// The key under which rule 2.7 compares point names (case, spaces, quotes and ё/е aside).
std::string name_key(std::string_view name);

}  // namespace perechen
