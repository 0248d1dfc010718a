#pragma once

// Which content export, diff and publish read: the working tree, a commit, or the last fully
// approved version; with the version data the export shows above the table (the commit, the day
// it was approved, who approved it and when).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "perechen/export/document.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/registry/source.hpp"

namespace perechen::exporting {

struct Snapshot {
  std::unique_ptr<git::RegistryRepository> repo;  // null for the working tree outside git
  std::unique_ptr<ContentSource> source;
  Version version;
};

// `revision`: "worktree" (the files as they are), "approved" (the last fully approved content
// of HEAD's history), "head", or anything git rev-parse takes. Throws Error(failure) when the
// registry is not in a git repository (for anything but worktree) or the revision names no
// commit, and Error(problems) for "approved" when nothing has been fully approved yet.
Snapshot open_snapshot(const std::filesystem::path& registry_root, const std::string& revision);

// The registry of a snapshot, loaded and checked by every rule of validate.
struct Checked {
  Registry registry;
  std::size_t errors = 0;
};
Checked load_checked(const Snapshot& snapshot);

// The date of a commit in the committer's own time zone, YYYY-MM-DD.
std::string commit_date(const git::Repository& repo, const git::Oid& commit);

}  // namespace perechen::exporting
