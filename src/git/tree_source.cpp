// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/tree_source.hpp"

#include <algorithm>

#include "perechen/i18n.hpp"
#include "perechen/registry/calendar_files.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::git {

namespace {

EntryKind kind_of(unsigned mode) {
  switch (mode) {
    case 0040000:
      return EntryKind::folder;
    case 0100644:
    case 0100755:
    case 0100664:  // group-writable, written by git before 2005; git reads it as 100644
      return EntryKind::file;
    case 0120000:
      return EntryKind::link;
    case 0160000:
      return EntryKind::gitlink;
    default:
      return EntryKind::unknown;
  }
}

}  // namespace

std::vector<FolderEntry<Oid>> tree_entries(const Repository& repo, const Oid& tree_id) {
  TreeHandle tree = repo.tree(tree_id);
  const std::size_t count = git_tree_entrycount(tree.get());
  std::vector<FolderEntry<Oid>> entries;
  entries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
    // The raw mode: libgit2 turns modes it does not know into a file, git into a submodule, so
    // such an entry has no one reading.
    entries.push_back({git_tree_entry_name(entry),
                       kind_of(static_cast<unsigned>(git_tree_entry_filemode_raw(entry))),
                       Oid(*git_tree_entry_id(entry))});
  }
  return entries;
}

FolderLister<Oid> tree_lister(const Repository& repo) {
  return [&repo](const Oid& tree, const std::string&) { return tree_entries(repo, tree); };
}

RegistryRoot registry_root(const Repository& repo, const Oid& top, const std::string& prefix) {
  RegistryRoot root;
  Oid tree = top;
  std::string_view rest = prefix;
  // Each folder on the way is looked at entry by entry, not by libgit2's binary search, which
  // takes one of two entries of a name without a word.
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view name = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    std::optional<FolderEntry<Oid>> found;
    for (auto& entry : tree_entries(repo, tree)) {
      if (entry.name != name)
        continue;
      if (found) {
        root.malformed = Malformation{".", Malformation::What::registry_folder};
        return root;
      }
      found = std::move(entry);
    }
    if (!found || found->kind != EntryKind::folder)
      return root;
    tree = found->id;
  }
  root.tree = tree;
  return root;
}

namespace {

class Listing final : public RegistryVisitor<Oid> {
 public:
  RegistryListing result;

  void settings(const std::string& name, const Oid& file) override {
    (name == kConfigFile ? result.config : result.roster) = file;
  }
  void point(const std::string& path, const Oid& file) override {
    result.points.emplace_back(path, file);
  }
  void stray(const std::string& path) override { result.strays.push_back(path); }
  bool malformed(Malformation problem) override {
    result = RegistryListing{};
    result.malformed = std::move(problem);
    return false;
  }
};

}  // namespace

RegistryListing list_registry(const Repository& repo, const RegistryRoot& root) {
  Listing listing;
  if (root.malformed) {
    listing.result.malformed = root.malformed;
    return listing.result;
  }
  if (!root.tree)
    return listing.result;
  walk_registry(tree_lister(repo), *root.tree, listing);
  std::sort(listing.result.points.begin(), listing.result.points.end());
  return listing.result;
}

std::optional<std::string> read_blob(const Repository& repo, const Oid& id, const std::string& path,
                                     Diagnostics& out) {
  BlobHandle blob = repo.blob(id);
  auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  if (size > yaml::kMaxFileSize) {
    out.add("file-limits", Location{path, 0, 0}, tr("yaml.too-large", fmt::arg("size", size)));
    return std::nullopt;
  }
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

namespace {

Oid staged_tree(const Repository& repo) {
  IndexHandle index;
  check(git_repository_index(Out(index), repo.get()), tr("git.read-index"));
  Oid tree;
  check(git_index_write_tree(tree.get(), index.get()), tr("git.read-index"));
  return tree;
}

}  // namespace

GitTreeSource::GitTreeSource(const Repository& repo, const Oid& commit, std::string prefix)
    : GitTreeSource(repo, Tree{repo.tree_of(commit)}, std::move(prefix)) {}

GitTreeSource::GitTreeSource(const Repository& repo, Staged, std::string prefix)
    : GitTreeSource(repo, Tree{staged_tree(repo)}, std::move(prefix)) {}

GitTreeSource::GitTreeSource(const Repository& repo, Tree tree, std::string prefix) : repo_(repo) {
  RegistryRoot root = registry_root(repo, tree.top, prefix);
  root_ = root.tree;
  listing_ = list_registry(repo, root);
  if (listing_.config)
    files_.emplace(kConfigFile, *listing_.config);
  if (listing_.roster)
    files_.emplace(kRosterFile, *listing_.roster);
  for (const auto& [path, blob] : listing_.points)
    files_.emplace(path, blob);
  if (root_ && !listing_.malformed)
    list_calendar(*root_);
}

void GitTreeSource::list_calendar(const Oid& root) {
  bool seen = false;
  for (const auto& entry : tree_entries(repo_, root)) {
    if (entry.name != kCalendarFolder)
      continue;
    if (seen) {
      // Only a crafted tree holds a name twice: which one counts would be a guess, so neither.
      calendar_problem_ = "calendar.registry-twice";
      calendar_.clear();
      return;
    }
    seen = true;
    if (entry.kind != EntryKind::folder) {
      calendar_problem_ = "calendar.registry-not-folder";
      continue;
    }
    for (const auto& file : tree_entries(repo_, entry.id)) {
      std::string path = std::string(kCalendarFolder) + "/" + file.name;
      if (file.kind == EntryKind::file)
        files_.emplace(path, file.id);
      calendar_.push_back(std::move(path));
    }
    std::sort(calendar_.begin(), calendar_.end());
  }
}

std::vector<std::string> GitTreeSource::calendar_files(Diagnostics& out) const {
  if (calendar_problem_) {
    out.add("registry-calendar", Location{std::string(kCalendarFolder), 0, 0},
            tr(calendar_problem_));
  }
  return calendar_;
}

std::vector<std::string> GitTreeSource::point_files(Diagnostics& out) const {
  if (listing_.malformed)
    listing_.malformed->report(out);
  for (const auto& path : listing_.strays)
    report_stray(path, out);
  std::vector<std::string> files;
  files.reserve(listing_.points.size());
  for (const auto& [path, blob] : listing_.points)
    files.push_back(path);
  return files;
}

bool GitTreeSource::exists(const std::string& path) const {
  return files_.count(path) != 0;
}

std::optional<Oid> GitTreeSource::blob_id(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end())
    return std::nullopt;
  return it->second;
}

std::optional<std::string> GitTreeSource::read(const std::string& path, Diagnostics& out) const {
  if (listing_.malformed) {
    listing_.malformed->report(out);
    return std::nullopt;
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    out.add("file-access", Location{path, 0, 0}, tr("git.no-file-in-commit"));
    return std::nullopt;
  }
  std::lock_guard lock(mutex_);
  return read_blob(repo_, it->second, path, out);
}

}  // namespace perechen::git
