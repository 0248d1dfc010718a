#pragma once

// The registry content of a version (spec §2): perechen.yaml, roster.yaml and points/, named by
// git's own object ids. Its identity, the content id, is the id of a tree holding just those three
// entries, so a README or CI change never changes it, and any byte of the registry does.
//
// A Snapshot is one version's content: blob ids of every registry file, and the files parsed on
// demand. Parsed files are cached by blob id, so walking 300 versions of a large registry parses
// each distinct file once.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/registry/config.hpp"
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
  // Whether the version holds a registry (perechen.yaml).
  bool present() const { return config_blob_.has_value(); }
  // The content id; nullopt for the working tree (and for a version without perechen.yaml).
  const std::optional<git::Oid>& id() const { return id_; }
  const std::optional<git::Oid>& config_blob() const { return config_blob_; }
  const std::optional<git::Oid>& roster_blob() const { return roster_blob_; }
  // Every point file, sorted by path (listed on first use). Throws Error(problems), naming the
  // commit and the folder, when points/ nests deeper than git::kMaxTreeDepth folders.
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

  std::optional<git::Oid> id_;
  std::optional<git::Oid> config_blob_;
  std::optional<git::Oid> roster_blob_;
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

// The point files that differ, sorted by path; Error(problems) as Snapshot::points() for a tree too
// deep. Between two commits of one repository only the
// folders whose git tree ids differ are read, so a change of one file in a registry of 10,000
// costs as much as in a registry of ten.
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
  // `commit`, when given, is named if the tree turns out to be too deep to read.
  Snapshot at_tree(const git::Oid& tree, const std::optional<git::Oid>& commit = std::nullopt);

 private:
  const git::Repository& repo_;
  std::string prefix_;
  std::shared_ptr<ParseCache> cache_;
  // The last snapshot read: approvals sit on the same tree as the change they approve.
  std::optional<std::pair<git::Oid, Snapshot>> last_;
};

// The content in `source` (the working tree, for `diff`): every registry file is read and its blob
// id computed. Problems reading files go to `out`. The snapshot has no content id.
Snapshot snapshot_of_source(const ContentSource& source, Diagnostics& out);

}  // namespace perechen::approval
