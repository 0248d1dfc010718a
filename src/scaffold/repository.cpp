// SPDX-License-Identifier: Apache-2.0
#include "perechen/scaffold/repository.hpp"

#include "perechen/git/handle.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"

namespace perechen::scaffold {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> string_value(::git_config* config, const std::string& name) {
  git::Buf value;
  int rc = git_config_get_string_buf(value.get(), config, name.c_str());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  git::check(rc, tr("scaffold.read-config"));
  return value.str();
}

// The global and system configuration, for a place no repository holds.
std::optional<std::string> default_config(const std::string& name) {
  git::ensure_initialized();
  git::ConfigHandle config;
  git::check(git_config_open_default(git::Out(config)), tr("scaffold.read-config"));
  git::ConfigHandle snapshot;
  git::check(git_config_snapshot(git::Out(snapshot), config.get()), tr("scaffold.read-config"));
  return string_value(snapshot.get(), name);
}

}  // namespace

RepositoryOutcome ensure_repository(const fs::path& dir) {
  if (auto existing = git::Repository::discover(dir)) {
    RepositoryOutcome outcome;
    outcome.workdir = existing->workdir();
    outcome.branch = existing->head_branch().value_or("");
    if (outcome.branch.rfind("refs/heads/", 0) == 0)
      outcome.branch.erase(0, 11);
    return outcome;
  }

  std::string branch = default_config("init.defaultBranch").value_or("main");
  if (branch.empty())
    branch = "main";
  std::string path = platform::utf8_path(dir);
  git_repository_init_options options;
  git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
  options.flags = GIT_REPOSITORY_INIT_MKPATH;
  options.initial_head = branch.c_str();
  git::RepositoryHandle repo;
  git::check(git_repository_init_ext(git::Out(repo), path.c_str(), &options),
             tr("scaffold.git-init", fmt::arg("dir", path)));
  RepositoryOutcome outcome;
  outcome.created = true;
  outcome.workdir = dir;
  outcome.branch = branch;
  return outcome;
}

void set_repository_config(const fs::path& workdir, const std::string& name,
                           const std::string& value) {
  git::ensure_initialized();
  std::string path = platform::utf8_path(workdir);
  std::string what = tr("scaffold.write-config", fmt::arg("name", name), fmt::arg("dir", path));
  git::RepositoryHandle repo;
  git::check(
      git_repository_open_ext(git::Out(repo), path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr),
      what);
  git::ConfigHandle config;
  git::check(git_repository_config(git::Out(config), repo.get()), what);
  git::ConfigHandle local;
  git::check(git_config_open_level(git::Out(local), config.get(), GIT_CONFIG_LEVEL_LOCAL), what);
  git::check(git_config_set_string(local.get(), name.c_str(), value.c_str()), what);
}

std::optional<std::string> git_config(const fs::path& start, const std::string& name) {
  if (auto repo = git::Repository::discover(start))
    return repo->config_string(name);
  return default_config(name);
}

}  // namespace perechen::scaffold
