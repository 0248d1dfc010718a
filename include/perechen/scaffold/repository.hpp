// SPDX-License-Identifier: Apache-2.0
#pragma once

// The git side of setting up: a repository for a new registry, and git's configuration as `git`
// itself would read it at a place (for `perechen doctor`).

#include <filesystem>
#include <optional>
#include <string>

namespace perechen::scaffold {

struct RepositoryOutcome {
  bool created = false;           // false: a repository already held the folder
  std::filesystem::path workdir;  // the working tree of the repository
  std::string branch;             // the branch HEAD names, e.g. "main"
};

// Makes `dir` (an existing folder) the working tree of a new git repository, unless a repository
// already holds it: the registry may be a folder of a larger repository (spec §2), and a
// repository inside another is never what the person wanted. The first branch is git's
// init.defaultBranch when set, else "main" (what the CI templates' forges use). Throws
// Error(failure) when libgit2 cannot.
RepositoryOutcome ensure_repository(const std::filesystem::path& dir);

// Sets `name` to `value` in the own configuration (.git/config) of the repository whose working
// tree is `workdir`. Throws Error(failure) when libgit2 cannot.
void set_repository_config(const std::filesystem::path& workdir, const std::string& name,
                           const std::string& value);

// A value of git's configuration as seen from `start`: the repository's own configuration when a
// repository holds `start`, over the global and system ones; nullopt when unset.
std::optional<std::string> git_config(const std::filesystem::path& start, const std::string& name);

}  // namespace perechen::scaffold
