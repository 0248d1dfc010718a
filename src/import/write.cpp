// SPDX-License-Identifier: Apache-2.0
#include <filesystem>

#include "perechen/import/import.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/scaffold/files.hpp"

namespace perechen::importing {
namespace {

namespace fs = std::filesystem;

// init's files, with the settings and roster of the plan in place of the template's.
std::vector<scaffold::TemplateFile> registry_files(const Plan& plan) {
  std::vector<scaffold::TemplateFile> files = scaffold::registry_template();
  for (auto& file : files) {
    if (file.path == "perechen.yaml")
      file.content = plan.config_text;
    else if (file.path == "roster.yaml")
      file.content = plan.roster_text;
  }
  return files;
}

bool taken(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

}  // namespace

WriteOutcome write_plan(const fs::path& root, const Plan& plan) {
  WriteOutcome outcome;
  if (plan.new_registry) {
    scaffold::WriteOutcome settings = scaffold::write_missing(root, registry_files(plan));
    outcome.written = std::move(settings.written);
    outcome.existing = std::move(settings.skipped);
  }
  for (const auto& point : plan.points) {
    if (platform::write_new(root / point.path, point.content, false) ==
        platform::NewFile::written) {
      outcome.written.push_back(point.path);
    } else {
      outcome.existing.push_back(point.path);
    }
  }
  // One flush of the file system for all the point files, rather than one per file.
  platform::sync_file_system(root);
  return outcome;
}

WriteOutcome dry_run(const fs::path& root, const Plan& plan) {
  WriteOutcome outcome;
  std::vector<std::string> paths;
  if (plan.new_registry) {
    for (const auto& file : registry_files(plan))
      paths.push_back(file.path);
  }
  for (const auto& point : plan.points)
    paths.push_back(point.path);
  for (auto& path : paths)
    (taken(root / path) ? outcome.existing : outcome.written).push_back(std::move(path));
  return outcome;
}

}  // namespace perechen::importing
