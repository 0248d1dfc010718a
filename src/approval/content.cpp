#include "perechen/approval/content.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/parallel.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::approval {

// Parsed files by blob id, and where their bytes come from. Points are keyed by path too, since a
// Point knows its file.
class ParseCache {
 public:
  using Reader = std::function<std::optional<std::string>(const git::Oid&)>;
  ParseCache(Reader reader, const git::Repository* repo) : read_(std::move(reader)), repo_(repo) {}

  // The repository the blobs come from; nullptr for the working tree.
  const git::Repository* repository() const { return repo_; }

  std::shared_ptr<const Config> config(const git::Oid& blob) {
    return lookup(configs_, blob, kConfigFile, [](const yaml::Node& tree) {
      return std::make_shared<const Config>(read_config(tree));
    });
  }
  std::shared_ptr<const Roster> roster(const git::Oid& blob) {
    return lookup(rosters_, blob, kRosterFile, [](const yaml::Node& tree) {
      return std::make_shared<const Roster>(read_roster(tree));
    });
  }
  std::shared_ptr<const Point> point(const PointFile& file) {
    auto key = std::make_pair(file.path, file.blob);
    auto it = points_.find(key);
    if (it != points_.end())
      return it->second;
    auto result = make_point(file, read_(file.blob));
    points_.emplace(std::move(key), result);
    return result;
  }

  // Reads the files not parsed yet (one at a time: libgit2 reads take turns) and parses them on
  // every core (yaml-cpp is the cost).
  void preload(const std::vector<PointFile>& files) {
    std::vector<const PointFile*> todo;
    std::vector<std::optional<std::string>> bytes;
    for (const auto& file : files) {
      if (points_.count(std::make_pair(file.path, file.blob)) != 0)
        continue;
      todo.push_back(&file);
      bytes.push_back(read_(file.blob));
    }
    if (todo.empty())
      return;
    std::vector<std::shared_ptr<const Point>> parsed(todo.size());
    parallel_for(todo.size(), threads_for(todo.size(), 64),
                 [&](std::size_t i) { parsed[i] = make_point(*todo[i], std::move(bytes[i])); });
    for (std::size_t i = 0; i < todo.size(); ++i) {
      points_.emplace(std::make_pair(todo[i]->path, todo[i]->blob), std::move(parsed[i]));
    }
  }

 private:
  static std::optional<yaml::Node> parse(const std::string& path,
                                         const std::optional<std::string>& bytes) {
    if (!bytes)
      return std::nullopt;
    Diagnostics ignored;  // validate reports them; here a broken file is simply not understood
    return yaml::parse(path, *bytes, ignored);
  }

  static std::shared_ptr<const Point> make_point(const PointFile& file,
                                                 const std::optional<std::string>& bytes) {
    auto tree = parse(file.path, bytes);
    if (!tree)
      return nullptr;
    return std::make_shared<const Point>(read_point(file.path, std::move(*tree)));
  }

  template <typename T, typename Make>
  std::shared_ptr<const T> lookup(std::map<git::Oid, std::shared_ptr<const T>>& cache,
                                  const git::Oid& blob, const char* path, Make make) {
    auto it = cache.find(blob);
    if (it != cache.end())
      return it->second;
    std::shared_ptr<const T> result;
    if (auto tree = parse(path, read_(blob)))
      result = make(*tree);
    cache.emplace(blob, result);
    return result;
  }

  Reader read_;
  const git::Repository* repo_;
  std::map<git::Oid, std::shared_ptr<const Config>> configs_;
  std::map<git::Oid, std::shared_ptr<const Roster>> rosters_;
  std::map<std::pair<std::string, git::Oid>, std::shared_ptr<const Point>> points_;
};

namespace {

bool is_file_mode(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// One entry of a points/ folder that perechen reads: a sub-folder or a point file. Hidden entries,
// links and other files are not part of the list (as GitTreeSource::point_files).
struct Entry {
  git::Oid id;
  bool folder = false;
};

std::map<std::string, Entry> entries_of(const git::Repository& repo, const git::Oid& tree_id) {
  std::map<std::string, Entry> entries;
  git::TreeHandle tree = repo.tree(tree_id);
  std::size_t count = git_tree_entrycount(tree.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
    std::string name = git_tree_entry_name(entry);
    if (name.empty() || name[0] == '.')
      continue;
    git_filemode_t mode = git_tree_entry_filemode(entry);
    git::Oid id(*git_tree_entry_id(entry));
    if (mode == GIT_FILEMODE_TREE) {
      entries.emplace(std::move(name), Entry{id, true});
    } else if (is_file_mode(mode) && git::is_point_file_name(name)) {
      entries.emplace(std::move(name), Entry{id, false});
    }
  }
  return entries;
}

// A tree deeper than git::kMaxTreeDepth folders under points/ is refused rather than walked: the
// walks below are loops over an explicit stack, and this bounds their work too (spec §5.1, rule 7).
[[noreturn]] void too_deep(const std::optional<git::Oid>& commit, const git::Oid& top,
                           const std::string& path) {
  throw Error(ExitCode::problems,
              commit ? tr("approval.tree-too-deep", fmt::arg("commit", commit->hex()),
                          fmt::arg("path", path), fmt::arg("max", git::kMaxTreeDepth))
                     : tr("approval.tree-too-deep-tree", fmt::arg("tree", top.hex()),
                          fmt::arg("path", path), fmt::arg("max", git::kMaxTreeDepth)));
}

// Every point file under the points/ folder `tree_id`.
void list_points(const git::Repository& repo, const git::Oid& tree_id, const std::string& relative,
                 const std::optional<git::Oid>& commit, const git::Oid& top,
                 std::vector<PointFile>& out) {
  struct Folder {
    git::Oid id;
    std::string path;
    std::size_t depth;  // folders below points/
  };
  std::vector<Folder> todo{{tree_id, relative, 0}};
  while (!todo.empty()) {
    Folder folder = std::move(todo.back());
    todo.pop_back();
    for (const auto& [name, entry] : entries_of(repo, folder.id)) {
      std::string path = folder.path + "/" + name;
      if (!entry.folder) {
        out.push_back(PointFile{std::move(path), entry.id});
      } else if (folder.depth + 1 > git::kMaxTreeDepth) {
        too_deep(commit, top, path);
      } else {
        todo.push_back(Folder{entry.id, std::move(path), folder.depth + 1});
      }
    }
  }
}

// The point files under two trees that differ; a side is nullopt where the folder is absent.
void diff_trees(const git::Repository& repo, const std::optional<git::Oid>& a,
                const std::optional<git::Oid>& b, const std::string& relative,
                const std::optional<git::Oid>& commit, const git::Oid& top,
                std::vector<PointFileDiff>& out) {
  struct Pair {
    std::optional<git::Oid> a, b;
    std::string path;
    std::size_t depth;
  };
  std::vector<Pair> todo{{a, b, relative, 0}};
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
      if (folder_a != folder_b) {
        if (pair.depth + 1 > git::kMaxTreeDepth)
          too_deep(commit, top, path);
        todo.push_back(Pair{folder_a, folder_b, path, pair.depth + 1});
      }
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

}  // namespace

const std::vector<PointFile>& Snapshot::points() const {
  if (!points_) {
    std::vector<PointFile> files;
    if (points_tree_ && cache_ && cache_->repository() != nullptr) {
      list_points(*cache_->repository(), *points_tree_, "points", commit_, top_, files);
      std::sort(files.begin(), files.end(),
                [](const PointFile& a, const PointFile& b) { return a.path < b.path; });
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
  std::vector<PointFileDiff> result;
  const git::Repository* repo = after.cache_ ? after.cache_->repository() : nullptr;
  if (before != nullptr && repo != nullptr && before->cache_ &&
      before->cache_->repository() == repo && after.points_tree_ && before->points_tree_) {
    // The side whose folders are new is the one that can be too deep: name its commit.
    diff_trees(*repo, before->points_tree_, after.points_tree_, "points", after.commit_, after.top_,
               result);
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
      [&repo](const git::Oid& blob) -> std::optional<std::string> {
        git::BlobHandle handle = repo.blob(blob);
        auto size = static_cast<std::size_t>(git_blob_rawsize(handle.get()));
        if (size > yaml::kMaxFileSize)
          return std::nullopt;
        return std::string(static_cast<const char*>(git_blob_rawcontent(handle.get())), size);
      },
      &repo);
}

Snapshot ContentReader::at(const git::Oid& commit) {
  return at_tree(repo_.tree_of(commit), commit);
}

Snapshot ContentReader::at_tree(const git::Oid& top, const std::optional<git::Oid>& commit) {
  if (last_ && last_->first == top)
    return last_->second;
  std::optional<git::Oid> root = git::subtree(repo_, top, prefix_);
  Snapshot snapshot;
  snapshot.cache_ = cache_;
  snapshot.top_ = top;
  snapshot.commit_ = commit;
  if (root) {
    git::TreeHandle tree = repo_.tree(*root);
    std::vector<git::Repository::TreeEntry> entries;
    for (const char* name : {kConfigFile, kRosterFile, "points"}) {
      const git_tree_entry* entry = git_tree_entry_byname(tree.get(), name);
      if (entry == nullptr)
        continue;
      git::Oid id(*git_tree_entry_id(entry));
      git_filemode_t mode = git_tree_entry_filemode(entry);
      entries.push_back({name, id, mode});
      std::string_view n = name;
      if (n == kConfigFile && is_file_mode(mode))
        snapshot.config_blob_ = id;
      if (n == kRosterFile && is_file_mode(mode))
        snapshot.roster_blob_ = id;
      if (n == "points" && mode == GIT_FILEMODE_TREE)
        snapshot.points_tree_ = id;
    }
    if (snapshot.config_blob_)
      snapshot.id_ = repo_.hash_tree(std::move(entries));
  }
  last_.emplace(top, snapshot);
  return snapshot;
}

Snapshot snapshot_of_source(const ContentSource& source, Diagnostics& out) {
  auto bytes = std::make_shared<std::map<git::Oid, std::string>>();
  Snapshot snapshot;
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
  if (source.exists(kRosterFile))
    snapshot.roster_blob_ = take(kRosterFile);
  std::vector<PointFile> files;
  for (const std::string& path : source.point_files(out)) {
    if (auto id = take(path))
      files.push_back(PointFile{path, *id});
  }
  snapshot.points_ = std::make_shared<const std::vector<PointFile>>(std::move(files));
  snapshot.cache_ = std::make_shared<ParseCache>(
      [bytes](const git::Oid& blob) -> std::optional<std::string> {
        auto it = bytes->find(blob);
        if (it == bytes->end())
          return std::nullopt;
        return it->second;
      },
      nullptr);
  return snapshot;
}

}  // namespace perechen::approval
