#pragma once

// A git repository opened through libgit2: the entry point of perechen::git. Reading only, except
// what `perechen approve` and `publish` build on top through `get()` and the handles of handle.hpp.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/git/handle.hpp"
#include "perechen/git/oid.hpp"
#include "perechen/git/raw_commit.hpp"
#include "perechen/git/raw_tag.hpp"

namespace perechen::git {

class Repository {
 public:
  // The repository holding `path` (searched upward, as git does). Throws Error(failure) with a
  // plain message when there is none or it cannot be opened.
  static Repository open(const std::filesystem::path& path);
  // The same, but nullopt when no repository holds `path`.
  static std::optional<Repository> discover(const std::filesystem::path& path);

  git_repository* get() const { return repo_.get(); }

  // The working tree, canonical, without a trailing '/'; empty for a bare repository.
  std::filesystem::path workdir() const;
  // Where `path` (a folder inside the working tree) sits relative to it, '/'-separated, no
  // trailing '/': "" for the top, "registry" for a subfolder. Throws Error(failure) when outside.
  std::string relative_path(const std::filesystem::path& path) const;

  // The commit HEAD points at; nullopt before the first commit.
  std::optional<Oid> head() const;
  // The full name of the branch HEAD points at ("refs/heads/main"), or nullopt when detached.
  std::optional<std::string> head_branch() const;
  // A revision (anything `git rev-parse` takes: HEAD, a branch, a tag, an id, HEAD~2) peeled to a
  // commit; nullopt when there is no such commit.
  std::optional<Oid> resolve_commit(const std::string& revision) const;

  // The same for a revision the user typed: throws Error(usage) when there is no such commit, and
  // Error(failure) when the repository has no commit yet.
  Oid require_commit(const std::string& revision) const;

  CommitHandle commit(const Oid& id) const;  // throws Error(failure) when missing
  TreeHandle tree(const Oid& id) const;
  BlobHandle blob(const Oid& id) const;
  // The tree of a commit.
  Oid tree_of(const Oid& commit) const;

  // The raw commit object, split as git does (signature from the header only).
  RawCommit raw_commit(const Oid& id) const;
  // The raw tag object, split as git does; nullopt when `id` is not a tag object.
  std::optional<RawTag> raw_tag(const Oid& id) const;
  // What the reference `name` ("refs/tags/…") points at directly, not peeled: for an annotated
  // tag, the tag object. nullopt when there is no such reference or it is symbolic.
  std::optional<Oid> reference_target(const std::string& name) const;

  // The first-parent chain of `tip`, oldest first, ending at `tip`. When `stop` is given and met,
  // the chain starts there (stop included); `found_stop`, when given, tells whether it was met.
  std::vector<Oid> first_parent_chain(const Oid& tip, const std::optional<Oid>& stop = std::nullopt,
                                      bool* found_stop = nullptr) const;

  // The id git would give a tree with these entries, computed without writing anything.
  struct TreeEntry {
    std::string name;
    Oid id;
    git_filemode_t mode;
  };
  Oid hash_tree(std::vector<TreeEntry> entries) const;

  // A string value of the repository's configuration (local, global, system), or nullopt.
  std::optional<std::string> config_string(const std::string& name) const;

 private:
  explicit Repository(RepositoryHandle repo) : repo_(std::move(repo)) {}
  git_odb* odb() const;

  RepositoryHandle repo_;
  mutable OdbHandle odb_;  // opened on first use
};

// The repository holding a registry, and where the registry sits in it.
struct RegistryRepository {
  Repository repo;
  std::string prefix;  // the registry root relative to the working tree; "" for the top
};

// Opens the repository that holds `registry_root` (a folder with perechen.yaml). Throws
// Error(failure) when the registry is not inside a git working tree.
RegistryRepository open_registry_repository(const std::filesystem::path& registry_root);

}  // namespace perechen::git
