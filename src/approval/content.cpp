#include "perechen/approval/content.hpp"

#include <functional>

#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::approval {

// Parsed files by blob id. Points are keyed by path too, since a Point knows its file.
class ParseCache {
 public:
  using Reader =
      std::function<std::optional<std::string>(const std::string& path, const git::Oid&)>;
  explicit ParseCache(Reader reader) : read_(std::move(reader)) {}

  std::shared_ptr<const Config> config(const git::Oid& blob) {
    return lookup(
        configs_, blob,
        [&](const yaml::Node& tree) { return std::make_shared<const Config>(read_config(tree)); },
        kConfigFile);
  }
  std::shared_ptr<const Roster> roster(const git::Oid& blob) {
    return lookup(
        rosters_, blob,
        [&](const yaml::Node& tree) { return std::make_shared<const Roster>(read_roster(tree)); },
        kRosterFile);
  }
  std::shared_ptr<const Point> point(const PointFile& file) {
    auto key = std::make_pair(file.path, file.blob);
    auto it = points_.find(key);
    if (it != points_.end())
      return it->second;
    std::shared_ptr<const Point> result;
    if (auto tree = parse(file.path, file.blob)) {
      result = std::make_shared<const Point>(read_point(file.path, std::move(*tree)));
    }
    points_.emplace(std::move(key), result);
    return result;
  }

 private:
  std::optional<yaml::Node> parse(const std::string& path, const git::Oid& blob) {
    std::optional<std::string> bytes = read_(path, blob);
    if (!bytes)
      return std::nullopt;
    Diagnostics ignored;  // validate reports them; here a broken file is simply not understood
    return yaml::parse(path, *bytes, ignored);
  }

  template <typename T, typename Make>
  std::shared_ptr<const T> lookup(std::map<git::Oid, std::shared_ptr<const T>>& cache,
                                  const git::Oid& blob, Make make, const char* path) {
    auto it = cache.find(blob);
    if (it != cache.end())
      return it->second;
    std::shared_ptr<const T> result;
    if (auto tree = parse(path, blob))
      result = make(*tree);
    cache.emplace(blob, result);
    return result;
  }

  Reader read_;
  std::map<git::Oid, std::shared_ptr<const Config>> configs_;
  std::map<git::Oid, std::shared_ptr<const Roster>> rosters_;
  std::map<std::pair<std::string, git::Oid>, std::shared_ptr<const Point>> points_;
};

std::shared_ptr<const Config> Snapshot::config() const {
  return config_blob_ ? cache_->config(*config_blob_) : nullptr;
}

std::shared_ptr<const Roster> Snapshot::roster() const {
  return roster_blob_ ? cache_->roster(*roster_blob_) : nullptr;
}

std::shared_ptr<const Point> Snapshot::point(const PointFile& file) const {
  return cache_->point(file);
}

ContentReader::ContentReader(const git::Repository& repo, std::string prefix)
    : repo_(repo), prefix_(std::move(prefix)) {
  cache_ = std::make_shared<ParseCache>(
      [&repo](const std::string& /*path*/, const git::Oid& blob) -> std::optional<std::string> {
        git::BlobHandle handle = repo.blob(blob);
        auto size = static_cast<std::size_t>(git_blob_rawsize(handle.get()));
        if (size > yaml::kMaxFileSize)
          return std::nullopt;
        return std::string(static_cast<const char*>(git_blob_rawcontent(handle.get())), size);
      });
}

Snapshot ContentReader::at(const git::Oid& commit) {
  return at_tree(repo_.tree_of(commit));
}

namespace {

bool is_file_mode(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// Point files under a points/ tree, as GitTreeSource::point_files lists them.
void list_points(const git::Repository& repo, const git::Oid& tree_id, const std::string& relative,
                 std::vector<PointFile>& out) {
  git::TreeHandle tree = repo.tree(tree_id);
  std::size_t count = git_tree_entrycount(tree.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
    std::string name = git_tree_entry_name(entry);
    if (name.empty() || name[0] == '.')
      continue;
    git_filemode_t mode = git_tree_entry_filemode(entry);
    std::string path = relative + "/" + name;
    if (mode == GIT_FILEMODE_TREE) {
      list_points(repo, git::Oid(*git_tree_entry_id(entry)), path, out);
    } else if (is_file_mode(mode) && git::is_point_file_name(name)) {
      out.push_back(PointFile{std::move(path), git::Oid(*git_tree_entry_id(entry))});
    }
  }
}

}  // namespace

Snapshot ContentReader::at_tree(const git::Oid& top) {
  std::optional<git::Oid> root = git::subtree(repo_, top, prefix_);
  static const git::Oid kNone;
  auto found = by_tree_.find(root.value_or(kNone));
  if (found != by_tree_.end())
    return found->second;

  Snapshot snapshot;
  snapshot.cache_ = cache_;
  if (root) {
    git::TreeHandle tree = repo_.tree(*root);
    std::vector<git::Repository::TreeEntry> entries;
    std::optional<git::Oid> points_tree;
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
        points_tree = id;
    }
    if (snapshot.config_blob_)
      snapshot.id_ = repo_.hash_tree(std::move(entries));
    if (points_tree) {
      auto listed = listings_.find(*points_tree);
      if (listed == listings_.end()) {
        std::vector<PointFile> files;
        list_points(repo_, *points_tree, "points", files);
        std::sort(files.begin(), files.end(),
                  [](const PointFile& a, const PointFile& b) { return a.path < b.path; });
        listed = listings_
                     .emplace(*points_tree,
                              std::make_shared<const std::vector<PointFile>>(std::move(files)))
                     .first;
      }
      snapshot.points_ = listed->second;
    }
  }
  by_tree_.emplace(root.value_or(kNone), snapshot);
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
      [bytes](const std::string& /*path*/, const git::Oid& blob) -> std::optional<std::string> {
        auto it = bytes->find(blob);
        if (it == bytes->end())
          return std::nullopt;
        return it->second;
      });
  return snapshot;
}

}  // namespace perechen::approval
