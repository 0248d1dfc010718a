#include "perechen/git/repository.hpp"

#include <algorithm>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::git {
namespace {

namespace fs = std::filesystem;

fs::path canonical_or_same(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec)
    return path.lexically_normal();
  return result;
}

}  // namespace

std::optional<Repository> Repository::discover(const fs::path& path) {
  ensure_initialized();
  std::string start = canonical_or_same(path).string();
  RepositoryHandle repo;
  int rc = git_repository_open_ext(Out(repo), start.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, tr("git.open", fmt::arg("path", start)));
  return Repository(std::move(repo));
}

Repository Repository::open(const fs::path& path) {
  auto repo = discover(path);
  if (!repo) {
    throw Error(ExitCode::failure,
                tr("git.not-a-repository", fmt::arg("path", canonical_or_same(path).string())));
  }
  return std::move(*repo);
}

fs::path Repository::workdir() const {
  const char* dir = git_repository_workdir(repo_.get());
  if (dir == nullptr)
    return {};
  fs::path path = canonical_or_same(dir);
  std::string s = path.string();
  while (s.size() > 1 && s.back() == '/')
    s.pop_back();
  return fs::path(s);
}

std::string Repository::relative_path(const fs::path& path) const {
  fs::path top = workdir();
  fs::path full = canonical_or_same(path);
  if (top.empty()) {
    throw Error(ExitCode::failure, tr("git.bare", fmt::arg("path", full.string())));
  }
  fs::path rel = full.lexically_relative(top);
  std::string s = rel.generic_string();
  if (s == ".")
    return {};
  if (rel.empty() || s == ".." || s.rfind("../", 0) == 0) {
    throw Error(ExitCode::failure, tr("git.outside", fmt::arg("path", full.string()),
                                      fmt::arg("workdir", top.string())));
  }
  while (!s.empty() && s.back() == '/')
    s.pop_back();
  return s;
}

std::optional<Oid> Repository::head() const {
  git_oid id;
  int rc = git_reference_name_to_id(&id, repo_.get(), "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
    return std::nullopt;
  check(rc, tr("git.read-head"));
  return Oid(id);
}

std::optional<std::string> Repository::head_branch() const {
  ReferenceHandle head;
  int rc = git_reference_lookup(Out(head), repo_.get(), "HEAD");
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, tr("git.read-head"));
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC)
    return std::nullopt;
  return std::string(git_reference_symbolic_target(head.get()));
}

std::optional<Oid> Repository::resolve_commit(const std::string& revision) const {
  ObjectHandle object;
  int rc = git_revparse_single(Out(object), repo_.get(), revision.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC ||
      rc == GIT_EUNBORNBRANCH) {
    return std::nullopt;
  }
  check(rc, tr("git.resolve", fmt::arg("rev", revision)));
  ObjectHandle peeled;
  rc = git_object_peel(Out(peeled), object.get(), GIT_OBJECT_COMMIT);
  if (rc < 0)
    return std::nullopt;
  return Oid(*git_object_id(peeled.get()));
}

Oid Repository::require_commit(const std::string& revision) const {
  if (auto id = resolve_commit(revision))
    return *id;
  if (!head())
    throw Error(ExitCode::failure, tr("git.no-commits"));
  throw Error(ExitCode::usage, tr("git.no-such-revision", fmt::arg("rev", revision)));
}

CommitHandle Repository::commit(const Oid& id) const {
  CommitHandle commit;
  check(git_commit_lookup(Out(commit), repo_.get(), id.get()),
        tr("git.read-object", fmt::arg("id", id.hex())));
  return commit;
}

TreeHandle Repository::tree(const Oid& id) const {
  TreeHandle tree;
  check(git_tree_lookup(Out(tree), repo_.get(), id.get()),
        tr("git.read-object", fmt::arg("id", id.hex())));
  return tree;
}

BlobHandle Repository::blob(const Oid& id) const {
  BlobHandle blob;
  check(git_blob_lookup(Out(blob), repo_.get(), id.get()),
        tr("git.read-object", fmt::arg("id", id.hex())));
  return blob;
}

Oid Repository::tree_of(const Oid& commit_id) const {
  return Oid(*git_commit_tree_id(commit(commit_id).get()));
}

git_odb* Repository::odb() const {
  if (!odb_)
    check(git_repository_odb(Out(odb_), repo_.get()), tr("git.open-odb"));
  return odb_.get();
}

RawCommit Repository::raw_commit(const Oid& id) const {
  OdbObjectHandle object;
  check(git_odb_read(Out(object), odb(), id.get()),
        tr("git.read-object", fmt::arg("id", id.hex())));
  if (git_odb_object_type(object.get()) != GIT_OBJECT_COMMIT) {
    throw Error(ExitCode::failure, tr("git.not-a-commit", fmt::arg("id", id.hex())));
  }
  std::string_view bytes(static_cast<const char*>(git_odb_object_data(object.get())),
                         git_odb_object_size(object.get()));
  return parse_raw_commit(bytes);
}

std::optional<RawTag> Repository::raw_tag(const Oid& id) const {
  OdbObjectHandle object;
  check(git_odb_read(Out(object), odb(), id.get()),
        tr("git.read-object", fmt::arg("id", id.hex())));
  if (git_odb_object_type(object.get()) != GIT_OBJECT_TAG)
    return std::nullopt;
  std::string_view bytes(static_cast<const char*>(git_odb_object_data(object.get())),
                         git_odb_object_size(object.get()));
  return parse_raw_tag(bytes);
}

std::optional<Oid> Repository::reference_target(const std::string& name) const {
  ReferenceHandle ref;
  int rc = git_reference_lookup(Out(ref), repo_.get(), name.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
    return std::nullopt;
  check(rc, tr("git.resolve", fmt::arg("rev", name)));
  const git_oid* target = git_reference_target(ref.get());
  if (target == nullptr)
    return std::nullopt;
  return Oid(*target);
}

std::vector<Oid> Repository::first_parent_chain(const Oid& tip, const std::optional<Oid>& stop,
                                                bool* found_stop) const {
  std::vector<Oid> chain;
  bool found = false;
  Oid current = tip;
  while (true) {
    chain.push_back(current);
    if (stop && current == *stop) {
      found = true;
      break;
    }
    CommitHandle c = commit(current);
    if (git_commit_parentcount(c.get()) == 0)
      break;
    current = Oid(*git_commit_parent_id(c.get(), 0));
  }
  if (found_stop != nullptr)
    *found_stop = found;
  std::reverse(chain.begin(), chain.end());
  return chain;
}

Oid Repository::hash_tree(std::vector<TreeEntry> entries) const {
  // The tree object format: "<mode in octal> <name>\0<20 raw bytes>" for each entry, sorted as git
  // sorts (by name, a tree's name compared as if it ended in '/').
  auto key = [](const TreeEntry& e) { return e.mode == GIT_FILEMODE_TREE ? e.name + "/" : e.name; };
  std::sort(entries.begin(), entries.end(),
            [&](const TreeEntry& a, const TreeEntry& b) { return key(a) < key(b); });
  std::string data;
  for (const auto& e : entries) {
    data += fmt::format("{:o}", static_cast<unsigned>(e.mode));
    data += ' ';
    data += e.name;
    data += '\0';
    data.append(reinterpret_cast<const char*>(e.id.get()->id), GIT_OID_RAWSZ);
  }
  git_oid id;
  check(git_odb_hash(&id, data.data(), data.size(), GIT_OBJECT_TREE), tr("git.hash"));
  return Oid(id);
}

std::optional<std::string> Repository::config_string(const std::string& name) const {
  ConfigHandle config;
  check(git_repository_config_snapshot(Out(config), repo_.get()), tr("git.read-config"));
  const char* value = nullptr;
  int rc = git_config_get_string(&value, config.get(), name.c_str());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, tr("git.read-config"));
  return std::string(value);
}

RegistryRepository open_registry_repository(const fs::path& registry_root) {
  Repository repo = Repository::open(registry_root);
  std::string prefix = repo.relative_path(registry_root);
  return RegistryRepository{std::move(repo), std::move(prefix)};
}

}  // namespace perechen::git
