// SPDX-License-Identifier: Apache-2.0
#pragma once

// The registry content of a version (spec §2): perechen.yaml, roster.yaml and points/, named by
// git's own object ids. Its identity, the content id, is the id of a tree holding just those three
// entries, so a README or CI change never changes it, and any byte of the registry does.
//
// A Snapshot is one version's content: blob ids of every registry file, and the files parsed on
// demand. Parsed files are cached by blob id, so walking 300 versions of a large registry parses
// each distinct file once.
//
// A commit is read the one way registry/files.hpp says, as validate --staged and export --rev read
// it (git/tree_source.hpp). A tree that cannot be read unambiguously makes the snapshot malformed
// (spec §5.1, rule 9): it names the first such entry, and nothing of its files is read. Whether a
// tree reads well is remembered by tree id, so a commit costs only the folders it changed.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/registry/files.hpp"
#include "perechen/registry/point.hpp"
#include "perechen/registry/roster.hpp"
#include "perechen/registry/source.hpp"

namespace perechen::approval {

struct PointFile {
  std::string path;  // relative to the registry root: "points/pay/lk.yaml"
  git::Oid blob;

  friend bool operator==(const PointFile&, const PointFile&) = default;
};

class ParseCache;
struct PointFileDiff;

// A version of the registry. Cheap to copy (the parsed files are shared); not for use from several
// threads at once.
class Snapshot {
 public:
  // Whether the version holds a registry: an entry perechen.yaml (even one that is not a file, or
  // is there twice: such a registry is present and malformed).
  bool present() const { return present_; }
  // Whether the tree cannot be read unambiguously (spec §5.1, rule 9). Malformed content is never
  // approved: config_blob(), roster_blob(), config() and roster() are empty then, and points()
  // and diff_point_files throw. A version without perechen.yaml can be malformed too (its
  // points/ is), and holds no registry all the same.
  bool malformed() const { return malformation_.has_value(); }
  // Why: the first entry that does not read (its path relative to the registry root) and what is
  // wrong with it; nullopt when the snapshot is not malformed.
  const std::optional<Malformation>& malformation() const { return malformation_; }
  // Throws Error(problems) naming the commit, the path and what is wrong when the snapshot is
  // malformed, as points() does; nothing otherwise. For commands that read one commit's files.
  void require_well_formed() const;
  // The content id: the id of a tree of the entries perechen.yaml, roster.yaml and points of the
  // registry folder, as they are (for malformed content too, which it names as well as any).
  // nullopt for the working tree and for a version without a registry.
  const std::optional<git::Oid>& id() const { return id_; }
  const std::optional<git::Oid>& config_blob() const { return config_blob_; }
  const std::optional<git::Oid>& roster_blob() const { return roster_blob_; }
  // Every point file, sorted by path (listed on first use). Throws Error(problems), naming the
  // commit, the path and what is wrong, when the snapshot is malformed.
  const std::vector<PointFile>& points() const;

  // The parsed files; nullptr when absent or when the file does not parse (validate says why).
  std::shared_ptr<const Config> config() const;
  std::shared_ptr<const Roster> roster() const;
  std::shared_ptr<const Point> point(const PointFile& file) const;
  // Parses these files ahead, on every core, so that point() finds them ready.
  void preload(const std::vector<PointFile>& files) const;

 private:
  friend class ContentReader;
  friend Snapshot snapshot_of_source(const ContentSource& source, Diagnostics& out);
  friend std::vector<PointFileDiff> diff_point_files(const Snapshot* before, const Snapshot& after);

  // Throws Error(problems) for `problem`, naming the commit (or the tree) it is in.
  [[noreturn]] void refuse(const Malformation& problem) const;

  bool present_ = false;
  std::optional<Malformation> malformation_;
  std::optional<git::Oid> id_;
  std::optional<git::Oid> config_blob_;
  std::optional<git::Oid> roster_blob_;
  std::optional<git::Oid> root_tree_;    // a commit's registry folder
  std::optional<git::Oid> points_tree_;  // a commit's points/ folder
  git::Oid top_;                         // the commit's whole tree
  std::optional<git::Oid> commit_;       // the commit read, when known: named in errors
  mutable std::shared_ptr<const std::vector<PointFile>> points_;
  std::shared_ptr<ParseCache> cache_;
};

// A point file that differs between two versions: absent before (added), absent after (removed),
// or with other bytes.
struct PointFileDiff {
  std::optional<PointFile> before;
  std::optional<PointFile> after;
};

// The point files that differ, sorted by path; Error(problems) as Snapshot::points() when either
// is malformed. Between two commits of one repository only the folders whose git tree ids differ
// are read, so a change of one file in a registry of 10,000 costs as much as in a registry of ten.
std::vector<PointFileDiff> diff_point_files(const Snapshot* before, const Snapshot& after);

// Reads versions of the registry from a repository. Not for use from several threads at once.
class ContentReader {
 public:
  // `prefix`: the registry root relative to the working tree ("" for the top), as
  // git::open_registry_repository gives it. The repository must outlive the reader and every
  // snapshot it gives (they read files from it on demand).
  ContentReader(const git::Repository& repo, std::string prefix);

  const git::Repository& repository() const { return repo_; }
  const std::string& prefix() const { return prefix_; }

  // The content of a commit.
  Snapshot at(const git::Oid& commit);
  // The content of a commit whose (whole) tree is `tree`: saves reading the commit again.
  // `commit`, when given, is named if the tree turns out to be malformed.
  Snapshot at_tree(const git::Oid& tree, const std::optional<git::Oid>& commit = std::nullopt);

  // Whether the content has no validation errors: what `validate` finds in the commit's registry
  // (as export --rev and approve run it), warnings not counted. False for a snapshot that is not
  // present or is malformed. `snapshot` must come from this reader. The verdict is kept by content
  // id, and the files by blob id, so asking again, or about a version that changed one file, costs
  // little more than the rules.
  bool valid(const Snapshot& snapshot);

 private:
  const git::Repository& repo_;
  std::string prefix_;
  std::shared_ptr<ParseCache> cache_;
  std::map<git::Oid, bool> verdicts_;  // valid() by content id
  // The last snapshot read: approvals sit on the same tree as the change they approve.
  std::optional<std::pair<git::Oid, Snapshot>> last_;
};

// The content in `source` (the working tree, for `diff`): every registry file is read and its blob
// id computed. Problems reading files go to `out`. The snapshot has no content id.
Snapshot snapshot_of_source(const ContentSource& source, Diagnostics& out);

}  // namespace perechen::approval
