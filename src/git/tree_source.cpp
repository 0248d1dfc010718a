#include "perechen/git/tree_source.hpp"

#include <algorithm>

#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::git {

bool is_point_file_name(std::string_view name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return ends(".yaml") || ends(".yml");
}

std::optional<Oid> subtree(const Repository& repo, const Oid& top, const std::string& prefix) {
  if (prefix.empty())
    return top;
  TreeHandle tree = repo.tree(top);
  TreeEntryHandle entry;
  int rc = git_tree_entry_bypath(Out(entry), tree.get(), prefix.c_str());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, tr("git.read-tree", fmt::arg("path", prefix)));
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
    return std::nullopt;
  return Oid(*git_tree_entry_id(entry.get()));
}

GitTreeSource::GitTreeSource(const Repository& repo, const Oid& commit, std::string prefix)
    : repo_(repo), root_(subtree(repo, repo.tree_of(commit), prefix)) {}

namespace {

Oid staged_tree(const Repository& repo) {
  IndexHandle index;
  check(git_repository_index(Out(index), repo.get()), tr("git.read-index"));
  Oid tree;
  check(git_index_write_tree(tree.get(), index.get()), tr("git.read-index"));
  return tree;
}

}  // namespace

GitTreeSource::GitTreeSource(const Repository& repo, Staged, std::string prefix)
    : repo_(repo), root_(subtree(repo, staged_tree(repo), prefix)) {}

namespace {

// The entry at `path` under `root`, or an empty handle.
TreeEntryHandle entry_at(const Repository& repo, const Oid& root, const std::string& path) {
  TreeHandle tree = repo.tree(root);
  TreeEntryHandle entry;
  int rc = git_tree_entry_bypath(Out(entry), tree.get(), path.c_str());
  if (rc == GIT_ENOTFOUND)
    return {};
  check(rc, tr("git.read-tree", fmt::arg("path", path)));
  return entry;
}

bool is_file(const git_tree_entry* entry) {
  git_filemode_t mode = git_tree_entry_filemode(entry);
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

}  // namespace

std::vector<std::string> GitTreeSource::point_files(Diagnostics& out) const {
  std::vector<std::string> files;
  if (!root_)
    return files;
  std::lock_guard lock(mutex_);
  TreeEntryHandle points = entry_at(repo_, *root_, "points");
  if (!points || git_tree_entry_type(points.get()) != GIT_OBJECT_TREE)
    return files;
  // A loop over an explicit stack, not recursion: a commit can hold a tree of any depth, and one
  // deeper than kMaxTreeDepth folders is reported at the first folder past the limit, not walked.
  struct Folder {
    Oid id;
    std::string path;
    std::size_t depth;  // folders below points/
  };
  std::vector<Folder> todo{{Oid(*git_tree_entry_id(points.get())), "points", 0}};
  while (!todo.empty()) {
    Folder folder = std::move(todo.back());
    todo.pop_back();
    TreeHandle tree = repo_.tree(folder.id);
    std::size_t count = git_tree_entrycount(tree.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
      std::string name = git_tree_entry_name(entry);
      if (name.empty() || name[0] == '.')
        continue;
      std::string rel = folder.path + "/" + name;
      git_filemode_t mode = git_tree_entry_filemode(entry);
      if (mode == GIT_FILEMODE_TREE) {
        if (folder.depth + 1 > kMaxTreeDepth) {
          out.add("file-limits", Location{rel, 0, 0},
                  tr("git.tree-too-deep", fmt::arg("max", kMaxTreeDepth)));
          continue;
        }
        todo.push_back(Folder{Oid(*git_tree_entry_id(entry)), std::move(rel), folder.depth + 1});
      } else if (mode == GIT_FILEMODE_LINK && is_point_file_name(name)) {
        // A link is a path stored as text; the working tree follows it, a commit cannot.
        out.add("file-access", Location{rel, 0, 0}, tr("git.symlink-in-commit"));
      } else if (is_file(entry) && is_point_file_name(name)) {
        files.push_back(rel);
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool GitTreeSource::exists(const std::string& path) const {
  if (!root_)
    return false;
  std::lock_guard lock(mutex_);
  return static_cast<bool>(entry_at(repo_, *root_, path));
}

std::optional<Oid> GitTreeSource::blob_id(const std::string& path) const {
  if (!root_)
    return std::nullopt;
  std::lock_guard lock(mutex_);
  TreeEntryHandle entry = entry_at(repo_, *root_, path);
  if (!entry || !is_file(entry.get()))
    return std::nullopt;
  return Oid(*git_tree_entry_id(entry.get()));
}

std::optional<std::string> GitTreeSource::read(const std::string& path, Diagnostics& out) const {
  std::lock_guard lock(mutex_);
  TreeEntryHandle entry;
  if (root_)
    entry = entry_at(repo_, *root_, path);
  if (!entry) {
    out.add("file-access", Location{path, 0, 0}, tr("git.no-file-in-commit"));
    return std::nullopt;
  }
  if (!is_file(entry.get())) {
    out.add("file-access", Location{path, 0, 0},
            git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK ? tr("git.symlink-in-commit")
                                                                      : tr("file.not-regular"));
    return std::nullopt;
  }
  BlobHandle blob = repo_.blob(Oid(*git_tree_entry_id(entry.get())));
  auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  if (size > yaml::kMaxFileSize) {
    out.add("file-limits", Location{path, 0, 0}, tr("yaml.too-large", fmt::arg("size", size)));
    return std::nullopt;
  }
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

}  // namespace perechen::git
