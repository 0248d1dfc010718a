// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/repository.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"

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

// Why an object cannot be read: in a shallow clone (git clone --depth 1, a CI checkout of one
// commit) the history is cut, and approvals are judged over the whole of it; say so and how to
// fetch it, not only "object not found".
std::string read_object(git_repository* repo, const Oid& id) {
  if (git_repository_is_shallow(repo) == 1)
    return tr("git.read-object-shallow", fmt::arg("id", id.hex()));
  return tr("git.read-object", fmt::arg("id", id.hex()));
}

// The folder at or above `path` that holds a .git, or empty.
fs::path repository_above(const fs::path& path) {
  std::error_code ec;
  for (fs::path at = path; !at.empty(); at = at.parent_path()) {
    if (fs::exists(at / ".git", ec))
      return at;
    if (at == at.parent_path())
      break;
  }
  return {};
}

}  // namespace

std::optional<Repository> Repository::discover(const fs::path& path) {
  ensure_initialized();
  std::string start = platform::utf8_path(canonical_or_same(path));
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
    // A repository git refuses because another user owns it ("dubious ownership"): say what git
    // says and how to trust it, never "run git init" over it.
    fs::path top = repository_above(canonical_or_same(path));
    if (!top.empty()) {
      RepositoryHandle refused;
      int rc = git_repository_open_ext(Out(refused), platform::utf8_path(top).c_str(),
                                       GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
      // libgit2 1.5 says GIT_EOWNER, or (Debian 12's) "not found" while looking up the
      // safe.directory setting that would let it in.
      const git_error* error = rc < 0 ? git_error_last() : nullptr;
      std::string_view why = error != nullptr && error->message != nullptr ? error->message : "";
      if (rc == GIT_EOWNER || why.find("safe.directory") != std::string_view::npos ||
          why.find("not owned") != std::string_view::npos) {
        throw Error(ExitCode::failure,
                    tr("git.not-owned", fmt::arg("path", platform::path_text(top))));
      }
    }
    throw Error(
        ExitCode::failure,
        tr("git.not-a-repository", fmt::arg("path", platform::path_text(canonical_or_same(path)))));
  }
  return std::move(*repo);
}

fs::path Repository::workdir() const {
  const char* dir = git_repository_workdir(repo_.get());
  if (dir == nullptr)
    return {};
  fs::path path = canonical_or_same(platform::path_from_utf8(dir));
  std::string s = platform::utf8_path(path);
  while (s.size() > 1 && s.back() == '/')
    s.pop_back();
  return platform::path_from_utf8(s);
}

std::string Repository::relative_path(const fs::path& path) const {
  fs::path top = workdir();
  fs::path full = canonical_or_same(path);
  if (top.empty()) {
    throw Error(ExitCode::failure, tr("git.bare", fmt::arg("path", platform::path_text(full))));
  }
  fs::path rel = full.lexically_relative(top);
  std::string s = platform::path_text(rel);
  if (s == ".")
    return {};
  if (rel.empty() || s == ".." || s.rfind("../", 0) == 0) {
    throw Error(ExitCode::failure, tr("git.outside", fmt::arg("path", platform::path_text(full)),
                                      fmt::arg("workdir", platform::path_text(top))));
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

std::optional<git_object_t> Repository::object_type(const Oid& id) const {
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  int rc = git_odb_read_header(&size, &type, odb(), id.get());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, read_object(repo_.get(), id));
  return type;
}

std::optional<Oid> Repository::peel_to_commit(Oid id) const {
  // A tag of a tag of … a commit; git allows chains, a cycle is impossible (ids are hashes), a
  // bound keeps a crafted chain cheap.
  constexpr int kMaxTagChain = 64;
  for (int depth = 0; depth < kMaxTagChain; ++depth) {
    std::optional<git_object_t> type = object_type(id);
    if (type == GIT_OBJECT_COMMIT)
      return id;
    if (type != GIT_OBJECT_TAG)
      return std::nullopt;
    TagHandle tag;
    if (git_tag_lookup(Out(tag), repo_.get(), id.get()) < 0)
      return std::nullopt;
    id = Oid(*git_tag_target_id(tag.get()));
  }
  return std::nullopt;
}

std::optional<Oid> Repository::reference_target(const std::string& name) const {
  ReferenceHandle ref;
  int rc = git_reference_lookup(Out(ref), repo_.get(), name.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
    return std::nullopt;
  check(rc, tr("git.resolve", fmt::arg("rev", name)));
  ReferenceHandle resolved;
  rc = git_reference_resolve(Out(resolved), ref.get());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;  // a symbolic ref to nothing: HEAD before the first commit
  check(rc, tr("git.resolve", fmt::arg("rev", name)));
  const git_oid* target = git_reference_target(resolved.get());
  if (target == nullptr)
    return std::nullopt;
  return Oid(*target);
}

namespace {

bool is_hex(std::string_view text) {
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0)
      return false;
  }
  return !text.empty();
}

// HEAD, FETCH_HEAD, ORIG_HEAD: the one-level names git reads straight from the git folder.
bool is_pseudo_ref(std::string_view name) {
  if (name.size() < 4 || name.substr(name.size() - 4) != "HEAD")
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

}  // namespace

std::optional<Oid> Repository::resolve_name(const std::string& given) const {
  const std::string name = given == "@" ? std::string("HEAD") : given;
  // Names written in full mean exactly what they say: the way out of an ambiguity.
  if (is_pseudo_ref(name) || name.rfind("refs/", 0) == 0) {
    if (auto target = reference_target(name))
      return target;
    if (is_pseudo_ref(name))
      return std::nullopt;
  }
  if (name.size() == GIT_OID_HEXSZ && is_hex(name)) {
    // A full id is that object or nothing; a ref of this name is never read (git does the same).
    Oid id = *Oid::parse(name);
    if (!object_type(id))
      return std::nullopt;
    return id;
  }
  // git's and libgit2's rules for a short name, all of them: more than one match is refused
  // rather than settled by their order, which a pushed tag could exploit.
  std::vector<std::string> matches;
  std::optional<Oid> found;
  const std::pair<const char*, const char*> rules[] = {{"refs/heads/", ""},
                                                       {"refs/tags/", ""},
                                                       {"refs/remotes/", ""},
                                                       {"refs/remotes/", "/HEAD"},
                                                       {"refs/", ""}};
  for (const auto& [before, after] : rules) {
    std::string ref = before + name + after;
    if (auto target = reference_target(ref)) {
      matches.push_back(ref);
      found = target;
    }
  }
  if (name.size() >= GIT_OID_MINPREFIXLEN && name.size() < GIT_OID_HEXSZ && is_hex(name)) {
    git_oid prefix;
    git_oid full;
    check(git_oid_fromstrn(&prefix, name.c_str(), name.size()),
          tr("git.resolve", fmt::arg("rev", name)));
    int rc = git_odb_exists_prefix(&full, odb(), &prefix, name.size());
    if (rc == GIT_EAMBIGUOUS) {
      if (matches.empty())
        throw Error(ExitCode::usage, tr("git.ambiguous-prefix", fmt::arg("rev", name)));
      matches.push_back(tr("git.ambiguous-objects"));
    } else if (rc != GIT_ENOTFOUND) {
      check(rc, tr("git.resolve", fmt::arg("rev", name)));
      matches.push_back(tr("git.ambiguous-object", fmt::arg("id", Oid(full).hex())));
      if (matches.size() == 1)
        return Oid(full);
    }
  }
  if (matches.size() > 1) {
    throw Error(ExitCode::usage,
                tr("git.ambiguous-revision", fmt::arg("rev", name),
                   fmt::arg("names", fmt::format("{}", fmt::join(matches, ", ")))));
  }
  return found;
}

std::optional<Oid> Repository::resolve_commit(const std::string& revision) const {
  // The name ends where a suffix begins: git forbids ~ ^ : and "@{" in ref names.
  std::size_t end = revision.find_first_of("~^:");
  std::size_t reflog = revision.find("@{");
  if (reflog < end)
    end = reflog;
  std::string name = revision.substr(0, end);
  std::string_view rest = std::string_view(revision).substr(std::min(end, revision.size()));

  auto by_libgit2 = [&](const std::string& spec) -> std::optional<Oid> {
    ObjectHandle object;
    int rc = git_revparse_single(Out(object), repo_.get(), spec.c_str());
    if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC ||
        rc == GIT_EUNBORNBRANCH) {
      return std::nullopt;
    }
    check(rc, tr("git.resolve", fmt::arg("rev", revision)));
    return peel_to_commit(Oid(*git_object_id(object.get())));
  };

  if (name.empty())
    return by_libgit2(revision);  // @{-1}, :/message: no name to be ambiguous
  std::optional<Oid> named = resolve_name(name);
  if (!named)
    return std::nullopt;
  if (rest.substr(0, 2) == "@{")
    return by_libgit2(revision);  // a reflog or an upstream: read through the name, checked above

  std::optional<Oid> current = peel_to_commit(*named);
  while (current && !rest.empty()) {
    const char op = rest[0];
    std::size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    if ((op == '~' || op == '^') && !(op == '^' && digits == 1 && rest.substr(0, 2) == "^{")) {
      std::uint32_t n = 1;
      if (digits > 1) {
        auto [ptr, ec] = std::from_chars(rest.data() + 1, rest.data() + digits, n);
        if (ec != std::errc())
          return std::nullopt;
      }
      rest.remove_prefix(digits);
      if (op == '^') {
        if (n == 0)
          continue;
        RawCommit raw = raw_commit(*current);
        if (n > raw.parents.size())
          return std::nullopt;
        current = raw.parents[n - 1];
        continue;
      }
      for (std::uint32_t i = 0; i < n && current; ++i) {
        RawCommit raw = raw_commit(*current);
        current = raw.parents.empty() ? std::nullopt : std::optional<Oid>(raw.parents.front());
      }
      continue;
    }
    if (rest.substr(0, 3) == "^{}") {
      rest.remove_prefix(3);
      continue;
    }
    if (rest.substr(0, 9) == "^{commit}") {
      rest.remove_prefix(9);
      continue;
    }
    // Anything else (^{tree}, ^{/text}, :path) from the commit reached so far.
    return by_libgit2(current->hex() + std::string(rest));
  }
  return current;
}

Oid Repository::require_commit(const std::string& revision) const {
  if (auto id = resolve_commit(revision))
    return *id;
  if (!head())
    throw Error(ExitCode::failure, tr("git.no-commits"));
  throw Error(ExitCode::usage, tr("git.no-such-revision", fmt::arg("rev", revision)));
}

Repository::CommitId Repository::commit_by_id(std::string_view text) const {
  CommitId result;
  if (!is_hex(text) || text.size() > GIT_OID_HEXSZ) {
    result.result = IdLookup::not_an_id;
    return result;
  }
  if (text.size() < kMinAbbreviation) {
    result.result = IdLookup::too_short;
    return result;
  }
  std::string hex(text);
  if (hex.size() == GIT_OID_HEXSZ) {
    result.id = *Oid::parse(hex);
  } else {
    git_oid prefix;
    check(git_oid_fromstrn(&prefix, hex.c_str(), hex.size()),
          tr("git.resolve", fmt::arg("rev", hex)));
    int rc = git_odb_exists_prefix(result.id.get(), odb(), &prefix, hex.size());
    if (rc == GIT_EAMBIGUOUS) {
      result.result = IdLookup::ambiguous;
      return result;
    }
    if (rc == GIT_ENOTFOUND)
      return result;  // unknown
    check(rc, tr("git.resolve", fmt::arg("rev", hex)));
  }
  std::optional<git_object_t> type = object_type(result.id);
  if (!type)
    result.result = IdLookup::unknown;
  else if (*type != GIT_OBJECT_COMMIT)
    result.result = IdLookup::not_a_commit;
  else
    result.result = IdLookup::commit;
  return result;
}

std::vector<Repository::Reference> Repository::references(
    const std::vector<std::string>& prefixes) const {
  std::vector<Reference> result;
  ReferenceIteratorHandle it;
  check(git_reference_iterator_new(Out(it), repo_.get()), tr("git.read-refs"));
  while (true) {
    ReferenceHandle ref;
    int rc = git_reference_next(Out(ref), it.get());
    if (rc == GIT_ITEROVER)
      break;
    check(rc, tr("git.read-refs"));
    std::string name = git_reference_name(ref.get());
    bool wanted = std::any_of(prefixes.begin(), prefixes.end(),
                              [&](const std::string& p) { return name.rfind(p, 0) == 0; });
    if (!wanted)
      continue;
    ReferenceHandle resolved;
    rc = git_reference_resolve(Out(resolved), ref.get());
    if (rc == GIT_ENOTFOUND)
      continue;
    check(rc, tr("git.read-refs"));
    if (const git_oid* target = git_reference_target(resolved.get()))
      result.push_back(Reference{std::move(name), Oid(*target)});
  }
  std::sort(result.begin(), result.end(),
            [](const Reference& a, const Reference& b) { return a.name < b.name; });
  return result;
}

CommitHandle Repository::commit(const Oid& id) const {
  CommitHandle commit;
  check(git_commit_lookup(Out(commit), repo_.get(), id.get()), read_object(repo_.get(), id));
  return commit;
}

TreeHandle Repository::tree(const Oid& id) const {
  TreeHandle tree;
  check(git_tree_lookup(Out(tree), repo_.get(), id.get()), read_object(repo_.get(), id));
  return tree;
}

BlobHandle Repository::blob(const Oid& id) const {
  BlobHandle blob;
  check(git_blob_lookup(Out(blob), repo_.get(), id.get()), read_object(repo_.get(), id));
  return blob;
}

Oid Repository::tree_of(const Oid& commit_id) const {
  RawCommit raw = raw_commit(commit_id);
  if (!raw.has_tree)
    throw Error(ExitCode::failure, read_object(repo_.get(), commit_id));
  return raw.tree;
}

git_odb* Repository::odb() const {
  if (!odb_)
    check(git_repository_odb(Out(odb_), repo_.get()), tr("git.open-odb"));
  return odb_.get();
}

RawCommit Repository::raw_commit(const Oid& id) const {
  OdbObjectHandle object;
  check(git_odb_read(Out(object), odb(), id.get()), read_object(repo_.get(), id));
  if (git_odb_object_type(object.get()) != GIT_OBJECT_COMMIT) {
    throw Error(ExitCode::failure, tr("git.not-a-commit", fmt::arg("id", id.hex())));
  }
  std::string_view bytes(static_cast<const char*>(git_odb_object_data(object.get())),
                         git_odb_object_size(object.get()));
  return parse_raw_commit(bytes);
}

std::optional<RawTag> Repository::raw_tag(const Oid& id) const {
  OdbObjectHandle object;
  check(git_odb_read(Out(object), odb(), id.get()), read_object(repo_.get(), id));
  if (git_odb_object_type(object.get()) != GIT_OBJECT_TAG)
    return std::nullopt;
  std::string_view bytes(static_cast<const char*>(git_odb_object_data(object.get())),
                         git_odb_object_size(object.get()));
  return parse_raw_tag(bytes);
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
