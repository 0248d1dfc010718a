#pragma once

// The registry as it is in a commit: a ContentSource over the commit's tree, for status, verify,
// approve and export --rev. The registry may sit in a subfolder of the repository.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include "perechen/git/repository.hpp"
#include "perechen/registry/source.hpp"

namespace perechen::git {

// How many folders deep points/ may nest in a commit (spec §5.1, rule 7): walking a deeper tree is
// refused, so that no input can drive a walk deep or long.
inline constexpr std::size_t kMaxTreeDepth = 64;

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

  std::vector<std::string> point_files(Diagnostics& out) const override;
  bool exists(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path, Diagnostics& out) const override;

  // The blob id of a registry file, nullopt when it is absent or not a file.
  std::optional<Oid> blob_id(const std::string& path) const;
  // The id of the registry folder's tree, nullopt when the commit has none.
  const std::optional<Oid>& root_tree() const { return root_; }

 private:
  const Repository& repo_;
  std::optional<Oid> root_;
  // libgit2 reads of one repository are not made from several threads at once; load_registry
  // calls read() from a pool, so reads take turns (parsing, the real cost, stays parallel).
  mutable std::mutex mutex_;
};

// The id of the tree at `prefix` inside the tree `top`, nullopt when there is no such folder.
std::optional<Oid> subtree(const Repository& repo, const Oid& top, const std::string& prefix);

// Whether a file name is a point file name: *.yaml or *.yml.
bool is_point_file_name(std::string_view name);

}  // namespace perechen::git
