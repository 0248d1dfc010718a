// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/content.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/parallel.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/rules/validate.hpp"

namespace perechen::approval {

// Parsed files by path and blob id (a Point knows its file), and where their bytes come from. A
// file is loaded as load_registry loads it, with the findings of reading and parsing it, so that
// valid() sees what validate sees; the bytes are not kept. Also the folders known to read well.
class ParseCache {
 public:
  using Reader =
      std::function<std::optional<std::string>(const std::string&, const git::Oid&, Diagnostics&)>;
  ParseCache(Reader reader, const git::Repository* repo) : read_(std::move(reader)), repo_(repo) {}

  // The repository the blobs come from; nullptr for the working tree.
  const git::Repository* repository() const { return repo_; }

  std::shared_ptr<const LoadedFile> file(const std::string& path, const git::Oid& blob) {
    auto key = std::make_pair(path, blob);
    auto it = files_.find(key);
    if (it != files_.end())
      return it->second;
    auto result = load(path, blob);
    files_.emplace(std::move(key), result);
    return result;
  }
  // The file when it was loaded before, else nullptr. Only looks: safe from several threads while
  // nothing loads.
  std::shared_ptr<const LoadedFile> find(const std::string& path, const git::Oid& blob) const {
    auto it = files_.find(std::make_pair(path, blob));
    return it == files_.end() ? nullptr : it->second;
  }

  std::shared_ptr<const Config> config(const git::Oid& blob) {
    auto loaded = file(kConfigFile, blob);
    return loaded->config ? std::shared_ptr<const Config>(loaded, &*loaded->config) : nullptr;
  }
  std::shared_ptr<const Roster> roster(const git::Oid& blob) {
    auto loaded = file(kRosterFile, blob);
    return loaded->roster ? std::shared_ptr<const Roster>(loaded, &*loaded->roster) : nullptr;
  }
  std::shared_ptr<const Point> point(const PointFile& point) {
    auto loaded = file(point.path, point.blob);
    return loaded->point ? std::shared_ptr<const Point>(loaded, &*loaded->point) : nullptr;
  }

  // Reads the files not parsed yet (one at a time: libgit2 reads take turns) and parses them on
  // every core (yaml-cpp is the cost).
  void preload(const std::vector<PointFile>& files) {
    std::vector<const PointFile*> todo;
    std::vector<std::optional<std::string>> bytes;
    std::vector<Diagnostics> read;
    for (const auto& file : files) {
      if (files_.count(std::make_pair(file.path, file.blob)) != 0)
        continue;
      todo.push_back(&file);
      read.emplace_back();
      bytes.push_back(read_(file.path, file.blob, read.back()));
    }
    if (todo.empty())
      return;
    std::vector<std::shared_ptr<const LoadedFile>> parsed(todo.size());
    parallel_for(todo.size(), threads_for(todo.size(), 64), [&](std::size_t i) {
      parsed[i] = loaded(todo[i]->path, std::move(bytes[i]), std::move(read[i]));
    });
    for (std::size_t i = 0; i < todo.size(); ++i) {
      files_.emplace(std::make_pair(todo[i]->path, todo[i]->blob), std::move(parsed[i]));
    }
  }

  // Folders under points/ known to read well, by tree id and depth (points/ itself is at 0).
  std::set<std::pair<git::Oid, std::size_t>>& good_folders() { return good_folders_; }

 private:
  static std::shared_ptr<const LoadedFile> loaded(const std::string& path,
                                                  std::optional<std::string> bytes,
                                                  Diagnostics read) {
    LoadedFile file = load_file(path, std::move(bytes), std::move(read));
    file.bytes.reset();
    return std::make_shared<const LoadedFile>(std::move(file));
  }

  std::shared_ptr<const LoadedFile> load(const std::string& path, const git::Oid& blob) {
    Diagnostics read;
    std::optional<std::string> bytes = read_(path, blob, read);
    return loaded(path, std::move(bytes), std::move(read));
  }

  Reader read_;
  const git::Repository* repo_;
  std::map<std::pair<std::string, git::Oid>, std::shared_ptr<const LoadedFile>> files_;
  std::set<std::pair<git::Oid, std::size_t>> good_folders_;
};

namespace {

// One entry of a points/ folder that perechen reads: a sub-folder or a point file, as the walk of
// registry/files.hpp takes them. Only for trees that read well (a name is there once).
struct Entry {
  git::Oid id;
  bool folder = false;
};

std::map<std::string, Entry> entries_of(const git::Repository& repo, const git::Oid& tree_id) {
  std::map<std::string, Entry> entries;
  for (auto& entry : git::tree_entries(repo, tree_id)) {
    if (is_hidden_name(entry.name))
      continue;
    if (entry.kind == EntryKind::folder) {
      entries.emplace(std::move(entry.name), Entry{entry.id, true});
    } else if (entry.kind == EntryKind::file && is_point_file_name(entry.name)) {
      entries.emplace(std::move(entry.name), Entry{entry.id, false});
    }
  }
  return entries;
}

// The point files under two trees that differ; a side is nullopt where the folder is absent. Both
// trees read well, so no folder is deeper than kMaxFolderDepth.
void diff_trees(const git::Repository& repo, const std::optional<git::Oid>& a,
                const std::optional<git::Oid>& b, const std::string& relative,
                std::vector<PointFileDiff>& out) {
  struct Pair {
    std::optional<git::Oid> a, b;
    std::string path;
  };
  std::vector<Pair> todo{{a, b, relative}};
  while (!todo.empty()) {
    Pair pair = std::move(todo.back());
    todo.pop_back();
    if (pair.a == pair.b)
      continue;
    std::map<std::string, Entry> left, right;
    if (pair.a)
      left = entries_of(repo, *pair.a);
    if (pair.b)
      right = entries_of(repo, *pair.b);
    auto side = [](const std::map<std::string, Entry>& entries, const std::string& name,
                   bool folder) -> std::optional<git::Oid> {
      auto it = entries.find(name);
      if (it == entries.end() || it->second.folder != folder)
        return std::nullopt;
      return it->second.id;
    };
    std::vector<std::string> names;
    for (const auto& [name, entry] : left)
      names.push_back(name);
    for (const auto& [name, entry] : right) {
      if (left.count(name) == 0)
        names.push_back(name);
    }
    for (const auto& name : names) {
      std::string path = pair.path + "/" + name;
      auto folder_a = side(left, name, true);
      auto folder_b = side(right, name, true);
      if (folder_a != folder_b)
        todo.push_back(Pair{folder_a, folder_b, path});
      auto file_a = side(left, name, false);
      auto file_b = side(right, name, false);
      if (file_a == file_b)
        continue;
      PointFileDiff diff;
      if (file_a)
        diff.before = PointFile{path, *file_a};
      if (file_b)
        diff.after = PointFile{path, *file_b};
      out.push_back(std::move(diff));
    }
  }
}

const std::string& path_of(const PointFileDiff& diff) {
  return diff.after ? diff.after->path : diff.before->path;
}

// The walk of a commit's registry for its snapshot: the settings files, the points/ folder, and
// the first malformation. Folders already known to read well at their depth are not read again,
// so a commit costs only the folders it changed; the first malformation is the same as a whole
// walk's, since the folders left out hold none.
class Reading final : public RegistryVisitor<git::Oid> {
 public:
  explicit Reading(std::set<std::pair<git::Oid, std::size_t>>& good) : good_(good) {}

  std::optional<git::Oid> config, roster, points;
  std::optional<Malformation> problem;

  void settings(const std::string& name, const git::Oid& file) override {
    (name == kConfigFile ? config : roster) = file;
  }
  bool enter(const git::Oid& folder, const std::string&, std::size_t depth) override {
    if (depth == 0)
      points = folder;
    return good_.count(std::make_pair(folder, depth)) == 0;
  }
  void leave(const git::Oid& folder, std::size_t depth) override { good_.emplace(folder, depth); }
  bool malformed(Malformation found) override {
    problem = std::move(found);
    return false;
  }

 private:
  std::set<std::pair<git::Oid, std::size_t>>& good_;
};

}  // namespace

void Snapshot::refuse(const Malformation& problem) const {
  throw Error(ExitCode::problems,
              commit_ ? tr("approval.malformed", fmt::arg("commit", commit_->hex()),
                           fmt::arg("path", problem.path), fmt::arg("what", problem.describe()))
                      : tr("approval.malformed-tree", fmt::arg("tree", top_.hex()),
                           fmt::arg("path", problem.path), fmt::arg("what", problem.describe())));
}

void Snapshot::require_well_formed() const {
  if (malformation_)
    refuse(*malformation_);
}

const std::vector<PointFile>& Snapshot::points() const {
  if (malformation_)
    refuse(*malformation_);
  if (!points_) {
    std::vector<PointFile> files;
    if (root_tree_ && cache_ && cache_->repository() != nullptr) {
      // The listing validate --staged and export --rev take (git::GitTreeSource).
      git::RegistryListing listing =
          git::list_registry(*cache_->repository(), git::RegistryRoot{root_tree_, std::nullopt});
      if (listing.malformed)  // not after at_tree read the same tree well; never taken silently
        refuse(*listing.malformed);
      files.reserve(listing.points.size());
      for (auto& [path, blob] : listing.points)
        files.push_back(PointFile{std::move(path), blob});
    }
    points_ = std::make_shared<const std::vector<PointFile>>(std::move(files));
  }
  return *points_;
}

std::shared_ptr<const Config> Snapshot::config() const {
  return config_blob_ ? cache_->config(*config_blob_) : nullptr;
}

std::shared_ptr<const Roster> Snapshot::roster() const {
  return roster_blob_ ? cache_->roster(*roster_blob_) : nullptr;
}

std::shared_ptr<const Point> Snapshot::point(const PointFile& file) const {
  return cache_->point(file);
}

void Snapshot::preload(const std::vector<PointFile>& files) const {
  cache_->preload(files);
}

std::vector<PointFileDiff> diff_point_files(const Snapshot* before, const Snapshot& after) {
  if (before != nullptr && before->malformation_)
    before->refuse(*before->malformation_);
  if (after.malformation_)
    after.refuse(*after.malformation_);
  std::vector<PointFileDiff> result;
  const git::Repository* repo = after.cache_ ? after.cache_->repository() : nullptr;
  if (before != nullptr && repo != nullptr && before->cache_ &&
      before->cache_->repository() == repo && after.points_tree_ && before->points_tree_) {
    diff_trees(*repo, before->points_tree_, after.points_tree_, "points", result);
    std::sort(result.begin(), result.end(), [](const PointFileDiff& a, const PointFileDiff& b) {
      return path_of(a) < path_of(b);
    });
    return result;
  }
  static const std::vector<PointFile> none;
  const auto& old_files = before != nullptr ? before->points() : none;
  const auto& new_files = after.points();
  auto a = old_files.begin();
  auto b = new_files.begin();
  while (a != old_files.end() || b != new_files.end()) {
    if (b == new_files.end() || (a != old_files.end() && a->path < b->path)) {
      result.push_back({*a++, std::nullopt});
    } else if (a == old_files.end() || b->path < a->path) {
      result.push_back({std::nullopt, *b++});
    } else {
      if (a->blob != b->blob)
        result.push_back({*a, *b});
      ++a;
      ++b;
    }
  }
  return result;
}

ContentReader::ContentReader(const git::Repository& repo, std::string prefix)
    : repo_(repo), prefix_(std::move(prefix)) {
  cache_ = std::make_shared<ParseCache>(
      [&repo](const std::string& path, const git::Oid& blob, Diagnostics& out) {
        return git::read_blob(repo, blob, path, out);
      },
      &repo);
}

Snapshot ContentReader::at(const git::Oid& commit) {
  return at_tree(repo_.tree_of(commit), commit);
}

Snapshot ContentReader::at_tree(const git::Oid& top, const std::optional<git::Oid>& commit) {
  if (last_ && last_->first == top)
    return last_->second;
  Snapshot snapshot;
  snapshot.cache_ = cache_;
  snapshot.top_ = top;
  snapshot.commit_ = commit;
  git::RegistryRoot root = git::registry_root(repo_, top, prefix_);
  if (root.malformed) {
    // No registry folder to name: the commit's tree names it.
    snapshot.present_ = true;
    snapshot.malformation_ = std::move(root.malformed);
    snapshot.id_ = top;
  } else if (root.tree) {
    // The identity: every entry of the three names as it is, a repeated one too.
    std::vector<git::Repository::TreeEntry> entries;
    git::TreeHandle tree = repo_.tree(*root.tree);
    const std::size_t count = git_tree_entrycount(tree.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
      std::string_view name = git_tree_entry_name(entry);
      if (name != kConfigFile && name != kRosterFile && name != kPointsFolder)
        continue;
      entries.push_back(
          {std::string(name), git::Oid(*git_tree_entry_id(entry)), git_tree_entry_filemode(entry)});
      if (name == kConfigFile)
        snapshot.present_ = true;
    }
    if (snapshot.present_)
      snapshot.id_ = repo_.hash_tree(std::move(entries));
    Reading reading(cache_->good_folders());
    walk_registry(git::tree_lister(repo_), *root.tree, reading);
    if (reading.problem) {
      snapshot.malformation_ = std::move(reading.problem);
    } else {
      snapshot.root_tree_ = root.tree;
      snapshot.config_blob_ = reading.config;
      snapshot.roster_blob_ = reading.roster;
      snapshot.points_tree_ = reading.points;
    }
  }
  last_.emplace(top, snapshot);
  return snapshot;
}

bool ContentReader::valid(const Snapshot& snapshot) {
  if (!snapshot.present() || snapshot.malformed() || !snapshot.id())
    return false;
  auto known = verdicts_.find(*snapshot.id());
  if (known != verdicts_.end())
    return known->second;
  // validate over the commit's tree, as export --rev runs it; only the files come from the cache.
  git::GitTreeSource source(repo_, git::GitTreeSource::Tree{snapshot.top_}, prefix_);
  snapshot.preload(snapshot.points());
  if (snapshot.config_blob_)
    cache_->file(kConfigFile, *snapshot.config_blob_);
  if (snapshot.roster_blob_)
    cache_->file(kRosterFile, *snapshot.roster_blob_);
  const ParseCache& cache = *cache_;
  FileLoader load = [&](const std::string& path) {
    if (std::optional<git::Oid> blob = source.blob_id(path)) {
      if (auto file = cache.find(path, *blob))
        return LoadedFile(*file);
    }
    Diagnostics read;
    std::optional<std::string> bytes = source.read(path, read);
    return load_file(path, std::move(bytes), std::move(read));
  };
  Diagnostics found;
  Registry registry = load_registry(source, found, load);
  check_registry(registry, found);
  const bool ok = found.count(Severity::error) == 0;
  verdicts_.emplace(*snapshot.id(), ok);
  return ok;
}

Snapshot snapshot_of_source(const ContentSource& source, Diagnostics& out) {
  auto bytes = std::make_shared<std::map<git::Oid, std::string>>();
  Snapshot snapshot;
  if (auto malformed = source.malformed()) {
    malformed->report(out);
    snapshot.present_ = true;
    snapshot.malformation_ = std::move(malformed);
    return snapshot;
  }
  auto take = [&](const std::string& path) -> std::optional<git::Oid> {
    std::optional<std::string> text = source.read(path, out);
    if (!text)
      return std::nullopt;
    git::Oid id = git::hash_blob(*text);
    bytes->emplace(id, std::move(*text));
    return id;
  };
  if (source.exists(kConfigFile))
    snapshot.config_blob_ = take(kConfigFile);
  snapshot.present_ = snapshot.config_blob_.has_value();
  if (source.exists(kRosterFile))
    snapshot.roster_blob_ = take(kRosterFile);
  std::vector<PointFile> files;
  for (const std::string& path : source.point_files(out)) {
    if (auto id = take(path))
      files.push_back(PointFile{path, *id});
  }
  snapshot.points_ = std::make_shared<const std::vector<PointFile>>(std::move(files));
  snapshot.cache_ = std::make_shared<ParseCache>(
      [bytes](const std::string&, const git::Oid& blob,
              Diagnostics&) -> std::optional<std::string> {
        auto it = bytes->find(blob);
        if (it == bytes->end())
          return std::nullopt;
        return it->second;
      },
      nullptr);
  return snapshot;
}

}  // namespace perechen::approval
