#include "perechen/export/snapshot.hpp"

#include <chrono>

#include "perechen/calendar/date.hpp"
#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/rules/validate.hpp"

namespace perechen::exporting {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::string commit_date(const git::Repository& repo, const git::Oid& commit) {
  git::RawCommit raw = repo.raw_commit(commit);
  std::chrono::sys_seconds local{std::chrono::seconds(raw.time + raw.offset_minutes * 60)};
  return calendar::Date::from_sys_days(std::chrono::floor<std::chrono::days>(local)).iso();
}

Snapshot open_snapshot(const fs::path& registry_root, const std::string& revision) {
  Snapshot snapshot;
  snapshot.version.revision = revision;
  if (revision == "worktree") {
    snapshot.source = make_directory_source(registry_root.string());
    return snapshot;
  }
  snapshot.repo =
      std::make_unique<git::RegistryRepository>(git::open_registry_repository(registry_root));
  const git::Repository& repo = snapshot.repo->repo;
  std::optional<git::Oid> commit =
      repo.resolve_commit(revision == "head" ? std::string("HEAD") : revision);
  if (!commit) {
    throw Error(ExitCode::failure, tr("export.no-revision", fmt::arg("rev", revision)));
  }
  snapshot.version.commit = commit->hex();
  snapshot.version.commit_date = commit_date(repo, *commit);
  snapshot.source = std::make_unique<git::GitTreeSource>(repo, *commit, snapshot.repo->prefix);
  return snapshot;
}

Checked load_checked(const Snapshot& snapshot) {
  Checked checked;
  ValidationResult result = validate(*snapshot.source, {}, &checked.registry);
  checked.errors = result.errors();
  return checked;
}

}  // namespace perechen::exporting
