// SPDX-License-Identifier: Apache-2.0
#pragma once

// Which files are the registry (spec §2): perechen.yaml and roster.yaml at its root, and every
// *.yaml and *.yml under points/, hidden names (".gitkeep") left out. Decided here once, for every
// reader: the working tree (validate), a commit's tree (validate --staged, export --rev) and the
// content that approvals sign (spec §5.1, rule 9, "one reading of content"), so that what people
// sign is what validate checks.
//
// A walk reads a folder through a lister (a directory of the file system, a git tree) and tells a
// visitor what it meets. A tree that cannot be read unambiguously is malformed: two entries of one
// name (a folder and a file of one name among them), a name git does not allow, entries out of
// git's order, a symbolic link or a submodule where the registry keeps files, perechen.yaml or
// roster.yaml that is not a file, points/ that is not a folder, or folders nested deeper than
// kMaxFolderDepth. The walk names the first such entry; git readers read nothing of such a tree.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/registry/roster.hpp"

namespace perechen {

inline constexpr const char* kPointsFolder = "points";

// How many folders deep points/ may nest (spec §5.1, rule 7): points/a is 1 deep. A deeper folder
// is not read, so that no input can drive a walk deep or long.
inline constexpr std::size_t kMaxFolderDepth = 64;

// Whether a file name is a point file name: *.yaml or *.yml (not the bare ".yaml").
// (.yaml and .yml in any case: .YAML, .Yml)
bool is_point_file_name(std::string_view name);
// Whether an entry is hidden ('.' first): never part of the registry, whatever it is.
bool is_hidden_name(std::string_view name);
// Whether a file name under points/ that is no point file name looks like a point file left under
// another name (lk.yaml.txt, lk.yml~, lk.yaml.bak, in any case): a warning, never read. The name
// it was meant to have is the part up to its .yaml or .yml.
bool is_stray_point_name(std::string_view name);
// Whether a folder at the registry's root is named almost as points/ (point, Points): a warning.
bool is_stray_points_folder(std::string_view name);
// Appends the warning (file-misnamed) about a stray the walk met: what it is and what to do.
void report_stray(const std::string& path, Diagnostics& out);

enum class EntryKind { folder, file, link, gitlink, unknown };

// Why a tree is malformed: where (a path relative to the registry root, "points/pay/lk.yaml"; "."
// for the registry folder itself) and what.
struct Malformation {
  enum class What {
    duplicate,        // two entries of one name and kind in one folder
    folder_and_file,  // a folder and something else of one name
    bad_name,         // a name with '/', or "." or ".."
    out_of_order,     // this entry is not after the one before it in git's order
    link,             // a symbolic link
    gitlink,          // a submodule
    unknown_mode,     // an entry of a mode git does not write
    not_file,         // perechen.yaml or roster.yaml that is not a file
    not_folder,       // points that is not a folder
    too_deep,         // a folder deeper than kMaxFolderDepth under points/
    registry_folder,  // the registry's folder has a namesake in a folder above it
  };
  std::string path;
  What what = What::duplicate;

  // What is wrong, in the user's language, without the path.
  std::string describe() const;
  // Appends the finding a reader of the tree reports: an error at the path (file-limits for a
  // tree too deep, file-access for the rest) saying that nothing of the tree is read.
  void report(Diagnostics& out) const;

  friend bool operator==(const Malformation&, const Malformation&) = default;
};

// One entry of a folder as its lister reads it, in the folder's order.
template <typename Id>
struct FolderEntry {
  std::string name;
  EntryKind kind = EntryKind::unknown;
  Id id{};
};

// Reads a folder: its entries, in order (a git tree's own order; a directory's sorted as git
// sorts). `path` is the folder's path relative to the registry root ("" for the root), for the
// lister's own reports.
template <typename Id>
using FolderLister =
    std::function<std::vector<FolderEntry<Id>>(const Id& folder, const std::string& path)>;

// What a walk tells. Every method but malformed() does nothing unless overridden.
template <typename Id>
class RegistryVisitor {
 public:
  virtual ~RegistryVisitor() = default;
  // perechen.yaml or roster.yaml, a file.
  virtual void settings(const std::string& /*name*/, const Id& /*file*/) {}
  // A point file: "points/pay/lk.yaml".
  virtual void point(const std::string& /*path*/, const Id& /*file*/) {}
  // A name that looks meant for the registry and is not read (is_stray_point_name,
  // is_stray_points_folder): "points/pay/lk.yaml.txt", "point".
  virtual void stray(const std::string& /*path*/) {}
  // About to read the folder `path` (points/ is at depth 0); false skips it: a visitor that
  // already knows the folder reads well at this depth need not read it again.
  virtual bool enter(const Id& /*folder*/, const std::string& /*path*/, std::size_t /*depth*/) {
    return true;
  }
  // The folder and everything under it were read (problems, if any, were told before).
  virtual void leave(const Id& /*folder*/, std::size_t /*depth*/) {}
  // A malformation; true goes on without the entry, false stops the walk.
  virtual bool malformed(Malformation problem) = 0;
};

namespace walk_detail {

struct NamedEntry {
  std::string_view name;
  EntryKind kind;
};
// The first problem of a folder of points/ as a whole: names git does not allow, a name twice,
// entries out of git's order. `folder`: the folder's path, for the path of the entry named.
std::optional<Malformation> folder_problem(const std::string& folder,
                                           const std::vector<NamedEntry>& entries);
// The problem of an entry that is neither a folder nor a file: a link, a submodule, an unknown
// mode.
Malformation::What kind_problem(EntryKind kind);

template <typename Id>
std::vector<NamedEntry> names_of(const std::vector<FolderEntry<Id>>& entries) {
  std::vector<NamedEntry> names;
  names.reserve(entries.size());
  for (const auto& entry : entries)
    names.push_back({entry.name, entry.kind});
  return names;
}

// Recursion, not an explicit stack: a folder past kMaxFolderDepth is reported, never entered, so
// this goes at most kMaxFolderDepth + 1 calls deep whatever the input.
template <typename Id>
bool walk_folder(const FolderLister<Id>& list, const Id& folder, const std::string& path,
                 std::size_t depth, RegistryVisitor<Id>& visitor) {
  if (!visitor.enter(folder, path, depth))
    return true;
  const std::vector<FolderEntry<Id>> entries = list(folder, path);
  if (auto problem = folder_problem(path, names_of(entries))) {
    if (!visitor.malformed(std::move(*problem)))
      return false;
  }
  for (const auto& entry : entries) {
    if (is_hidden_name(entry.name))
      continue;
    std::string child = path + "/" + entry.name;
    if (entry.kind == EntryKind::folder) {
      if (depth + 1 > kMaxFolderDepth) {
        if (!visitor.malformed({std::move(child), Malformation::What::too_deep}))
          return false;
      } else if (!walk_folder(list, entry.id, child, depth + 1, visitor)) {
        return false;
      }
    } else if (entry.kind == EntryKind::file) {
      if (is_point_file_name(entry.name))
        visitor.point(child, entry.id);
      else if (is_stray_point_name(entry.name))
        visitor.stray(child);
    } else if (!visitor.malformed({std::move(child), kind_problem(entry.kind)})) {
      return false;
    }
  }
  visitor.leave(folder, depth);
  return true;
}

}  // namespace walk_detail

// Walks the registry whose root folder is `root`: perechen.yaml and roster.yaml first, then
// points/ depth first, each folder in its order. Of the root only those three names are read (it
// may be a whole repository's top); under points/ every entry counts. Returns false when the
// visitor stopped the walk.
template <typename Id>
bool walk_registry(const FolderLister<Id>& list, const Id& root, RegistryVisitor<Id>& visitor) {
  using What = Malformation::What;
  const std::vector<FolderEntry<Id>> entries = list(root, "");
  // The three names, each once; a repeat is named, and not read.
  std::vector<const FolderEntry<Id>*> taken;
  for (const auto& entry : entries) {
    if (entry.kind == EntryKind::folder && is_stray_points_folder(entry.name))
      visitor.stray(entry.name);
    if (entry.name != kConfigFile && entry.name != kRosterFile && entry.name != kPointsFolder)
      continue;
    auto same = std::find_if(taken.begin(), taken.end(),
                             [&](const FolderEntry<Id>* t) { return t->name == entry.name; });
    if (same == taken.end()) {
      taken.push_back(&entry);
      continue;
    }
    bool mixed = ((*same)->kind == EntryKind::folder) != (entry.kind == EntryKind::folder);
    if (!visitor.malformed({entry.name, mixed ? What::folder_and_file : What::duplicate}))
      return false;
  }
  for (const auto* entry : taken) {
    if (entry->name == kPointsFolder)
      continue;
    if (entry->kind == EntryKind::file) {
      visitor.settings(entry->name, entry->id);
    } else if (!visitor.malformed({entry->name, entry->kind == EntryKind::folder
                                                    ? What::not_file
                                                    : walk_detail::kind_problem(entry->kind)})) {
      return false;
    }
  }
  for (const auto* entry : taken) {
    if (entry->name != kPointsFolder)
      continue;
    if (entry->kind == EntryKind::folder) {
      if (!walk_detail::walk_folder(list, entry->id, entry->name, 0, visitor))
        return false;
    } else if (!visitor.malformed({entry->name, entry->kind == EntryKind::file
                                                    ? What::not_folder
                                                    : walk_detail::kind_problem(entry->kind)})) {
      return false;
    }
  }
  return true;
}

// Whether `a` comes before `b` in a git tree: names compared as bytes, a folder's as if it ended
// in '/'.
bool git_order_less(std::string_view a, bool a_folder, std::string_view b, bool b_folder);

}  // namespace perechen
