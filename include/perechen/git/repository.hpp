// SPDX-License-Identifier: Apache-2.0
#pragma once

// A git repository opened through libgit2: the entry point of perechen::git. Reading only, except
// what `perechen approve` and `publish` build on top through `get()` and the handles of handle.hpp.

#include <cstddef>
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
  // A revision a user typed, peeled to a commit: the one function through which every command
  // reads a revision (status --rev, verify REV, diff, export --rev, roster allowed-signers --rev,
  // and the HEAD of the others). nullopt when there is no such commit. Only object ids are trusted
  // (spec §5.1, rule 9), so a name is read as follows:
  //   - HEAD (or @) and a full ref name (refs/…) name that ref, and a full object id (40 hex
  //     digits) names that object, whatever other refs are called: these are the unambiguous ways
  //     to write a revision;
  //   - any other name is looked up as refs/X, refs/tags/X, refs/heads/X, refs/remotes/X and
  //     refs/remotes/X/HEAD, and, when it is hex of at least 4 digits, as the beginning of an
  //     object id; a name that matches more than one of these (a branch and a tag both called
  //     main, a branch called like the beginning of an id) throws Error(usage) naming each;
  //   - then ~N, ^N, ^{commit} and ^{} walk from it as git does; other suffixes go to libgit2.
  // A commit is never parsed by libgit2 on the way, so one that libgit2 would refuse (no author)
  // can still be named.
  std::optional<Oid> resolve_commit(const std::string& revision) const;

  // The same, throwing Error(usage) when there is no such commit, and Error(failure) when the
  // repository has no commit yet.
  Oid require_commit(const std::string& revision) const;

  // What an anchor names (spec §5.1, rules 3 and 9): an object id, never a ref. `text` is a full
  // id (40 hex digits), used as is, or the beginning of one (kMinAbbreviation digits at least),
  // looked up among objects only. No ref is read, whatever refs are called.
  enum class IdLookup {
    commit,        // `id` is the commit
    not_an_id,     // not hex, or longer than an id of this repository
    too_short,     // hex, but fewer than kMinAbbreviation digits
    unknown,       // no object has this id (or begins so)
    ambiguous,     // several objects begin so
    not_a_commit,  // the object `id` is a tree, a blob or a tag
  };
  struct CommitId {
    IdLookup result = IdLookup::unknown;
    Oid id;
  };
  static constexpr std::size_t kMinAbbreviation = 7;
  CommitId commit_by_id(std::string_view text) const;

  // A reference and the object it points at, symbolic references followed.
  struct Reference {
    std::string name;  // "refs/heads/main"
    Oid target;
  };
  // The references whose names begin with one of `prefixes` ("refs/heads/", "refs/remotes/"),
  // sorted by name; a symbolic reference that leads nowhere is left out. Throws Error(failure)
  // when the references cannot be read.
  std::vector<Reference> references(const std::vector<std::string>& prefixes) const;

  CommitHandle commit(const Oid& id) const;  // throws Error(failure) when missing
  TreeHandle tree(const Oid& id) const;
  BlobHandle blob(const Oid& id) const;
  // The tree of a commit, read from the raw object as git reads it (the first tree line), so a
  // commit that libgit2 would refuse to parse still gives its tree. Throws Error(failure) when the
  // commit is missing or has no tree line.
  Oid tree_of(const Oid& commit) const;

  // The raw commit object, split as git does (signature from the header only).
  RawCommit raw_commit(const Oid& id) const;
  // The raw tag object, split as git does; nullopt when `id` is not a tag object.
  std::optional<RawTag> raw_tag(const Oid& id) const;

  // The object a ref points at, not peeled (for an annotated tag, the tag object); nullopt when
  // there is no such ref (or it leads nowhere).
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
  // The type of an object, nullopt when the repository has none with this id.
  std::optional<git_object_t> object_type(const Oid& id) const;
  // `id` with annotated tags peeled off, nullopt unless that ends at a commit.
  std::optional<Oid> peel_to_commit(Oid id) const;
  // The object a name without suffix (main, v1, 1a2b3c4, HEAD, refs/tags/v1) names, unpeeled.
  std::optional<Oid> resolve_name(const std::string& name) const;

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
