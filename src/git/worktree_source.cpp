// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/worktree_source.hpp"

#include <mutex>
#include <optional>
#include <string>

#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::git {
namespace {

using FilterListHandle = Handle<git_filter_list, git_filter_list_free>;

class WorktreeSource final : public ContentSource {
 public:
  WorktreeSource(std::unique_ptr<ContentSource> files, Repository repo, std::string prefix)
      : files_(std::move(files)), repo_(std::move(repo)), prefix_(std::move(prefix)) {
    if (!prefix_.empty())
      prefix_ += '/';
  }

  std::vector<std::string> point_files(Diagnostics& out) const override {
    return files_->point_files(out);
  }
  bool exists(const std::string& path) const override { return files_->exists(path); }
  std::vector<std::string> calendar_files(Diagnostics& out) const override {
    return files_->calendar_files(out);
  }

  std::optional<std::string> read(const std::string& path, Diagnostics& out) const override {
    std::optional<std::string> bytes = files_->read(path, out);
    if (bytes)
      *bytes = clean(path, std::move(*bytes));
    return bytes;
  }

 private:
  // The bytes `git add` would store for `path`; the bytes as they are when git's filters cannot
  // be loaded or applied (git itself would then refuse to add the file, and validate reads what
  // is there).
  std::string clean(const std::string& path, std::string bytes) const {
    std::lock_guard<std::mutex> lock(mutex_);
    FilterListHandle filters;
    std::string full = prefix_ + path;
    // Out() hands the list over when the statement ends, so it is looked at in the next one.
    int rc = git_filter_list_load(Out(filters), repo_.get(), nullptr, full.c_str(),
                                  GIT_FILTER_TO_ODB, GIT_FILTER_DEFAULT);
    if (rc < 0 || !filters) {
      git_error_clear();
      return bytes;
    }
    Buf cleaned;
    if (git_filter_list_apply_to_buffer(cleaned.get(), filters.get(), bytes.data(), bytes.size()) <
        0) {
      git_error_clear();
      return bytes;
    }
    return cleaned.str();
  }

  std::unique_ptr<ContentSource> files_;
  Repository repo_;
  std::string prefix_;
  // libgit2 reads of one repository are not made from several threads at once; load_registry
  // calls read() from a pool.
  mutable std::mutex mutex_;
};

}  // namespace

std::unique_ptr<ContentSource> make_worktree_source(const std::filesystem::path& root) {
  std::unique_ptr<ContentSource> files = make_directory_source(root);
  try {
    std::optional<Repository> repo = Repository::discover(root);
    if (!repo || repo->workdir().empty())
      return files;
    std::string prefix = repo->relative_path(root);
    return std::make_unique<WorktreeSource>(std::move(files), std::move(*repo), std::move(prefix));
  } catch (const Error&) {
    // Not in a working tree git can open: the folder as it is, and the commands that need git
    // say what is wrong.
    return files;
  }
}

}  // namespace perechen::git
