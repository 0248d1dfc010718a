// SPDX-License-Identifier: Apache-2.0
#pragma once

// The registry as it is in a git tree, read the one way registry/files.hpp says: a ContentSource
// over a commit's tree (validate --staged, export --rev, roster --rev, approve), and the pieces
// approval::ContentReader reads commits with. The registry may sit in a subfolder of the
// repository.

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "perechen/git/repository.hpp"
#include "perechen/registry/files.hpp"
#include "perechen/registry/source.hpp"

namespace perechen::git {

// How many folders deep points/ may nest in a commit (spec §5.1, rule 7).
inline constexpr std::size_t kMaxTreeDepth = kMaxFolderDepth;

using perechen::is_point_file_name;

// The entries of a tree, in its order, each of the kind its mode says: 040000 a folder, 100644,
// 100755 and 100664 a file, 120000 a link, 160000 a submodule, any other mode unknown.
std::vector<FolderEntry<Oid>> tree_entries(const Repository& repo, const Oid& tree);
// The lister of registry walks over the trees of `repo` (which must outlive it).
FolderLister<Oid> tree_lister(const Repository& repo);

// Where the registry folder `prefix` ("" for the top, as Repository::relative_path gives it) is in
// the tree `top`: its tree, or none when there is no such folder, or a malformation (path ".") when
// a folder on the way holds the next name more than once.
struct RegistryRoot {
  std::optional<Oid> tree;
  std::optional<Malformation> malformed;
};
RegistryRoot registry_root(const Repository& repo, const Oid& top, const std::string& prefix);

// The registry files of a tree as one walk read them. When malformed, nothing else is filled.
struct RegistryListing {
  std::optional<Oid> config;                        // perechen.yaml
  std::optional<Oid> roster;                        // roster.yaml
  std::vector<std::pair<std::string, Oid>> points;  // by path, sorted
  std::vector<std::string> strays;                  // names that look meant for the registry
  std::optional<Malformation> malformed;
};
RegistryListing list_registry(const Repository& repo, const RegistryRoot& root);

// The bytes of the blob of the registry file `path`; nullopt after reporting to `out` a file over
// yaml::kMaxFileSize (file-limits), which is not handed on.
std::optional<std::string> read_blob(const Repository& repo, const Oid& blob,
                                     const std::string& path, Diagnostics& out);

class GitTreeSource final : public ContentSource {
 public:
  // The registry at `prefix` (the registry root relative to the working tree, "" for the top, as
  // Repository::relative_path gives it) in the tree of `commit`. When the commit has no such
  // folder the source is empty: exists() is false for everything.
  GitTreeSource(const Repository& repo, const Oid& commit, std::string prefix);
  // The registry at `prefix` as it is staged in the index, that is what `git commit` would record
  // now (a pre-commit hook checks this, not untracked drafts). The index is written as a tree, as
  // `git write-tree` does. Throws Error(failure) when the index cannot be read.
  struct Staged {};
  GitTreeSource(const Repository& repo, Staged, std::string prefix);
  // The registry at `prefix` in the tree `top` (a commit's whole tree).
  struct Tree {
    Oid top;
  };
  GitTreeSource(const Repository& repo, Tree tree, std::string prefix);

  // The listing is read once, when the source is made. A malformed tree lists nothing, and
  // point_files() and read() report the malformation.
  std::vector<std::string> point_files(Diagnostics& out) const override;
  bool exists(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path, Diagnostics& out) const override;
  std::optional<Malformation> malformed() const override { return listing_.malformed; }
  std::vector<std::string> calendar_files(Diagnostics& out) const override;

  // The blob id of a registry file, nullopt when it is not one.
  std::optional<Oid> blob_id(const std::string& path) const;
  // The id of the registry folder's tree, nullopt when the commit has none.
  const std::optional<Oid>& root_tree() const { return root_; }

 private:
  const Repository& repo_;
  std::optional<Oid> root_;
  RegistryListing listing_;
  // The entries of calendar/ (files among them are in files_ too), and the message key of what is
  // wrong with the entry calendar itself (not a folder, or there twice), nullptr when nothing is.
  void list_calendar(const Oid& root);
  std::vector<std::string> calendar_;
  const char* calendar_problem_ = nullptr;
  std::map<std::string, Oid, std::less<>> files_;  // every registry file by path
  // libgit2 reads of one repository are not made from several threads at once; load_registry
  // calls read() from a pool, so reads take turns (parsing, the real cost, stays parallel).
  mutable std::mutex mutex_;
};

}  // namespace perechen::git
