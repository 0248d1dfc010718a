// SPDX-License-Identifier: Apache-2.0
#include "builder.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

#include "../unit/approval_fixture.hpp"
#include "ssh_wire.hpp"

namespace perechen::model {

namespace {

void check(int rc, const char* what) {
  if (rc < 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string(what) + ": " + (e != nullptr ? e->message : "?"));
  }
}

std::string hex_of(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

git_oid oid_of(const std::string& hex) {
  git_oid oid;
  check(git_oid_fromstr(&oid, hex.c_str()), "oid");
  return oid;
}

// A Perechen-Content or Perechen-Base that is no object of the repository.
const std::string kNowhere = "0123456789abcdef0123456789abcdef01234567";

std::string slug_of(const std::string& path) {
  auto slash = path.rfind('/');
  std::string name = path.substr(slash + 1);
  return name.substr(0, name.find('.'));
}

}  // namespace

// ---- Keys -------------------------------------------------------------------------------------

Keys::Keys() {
  for (int i = 0; i < 12; ++i) {
    std::string seed = "perechen model key " + std::to_string(i);
    unsigned char secret[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(seed.data()), seed.size(), secret);
    EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, secret, 32);
    if (key == nullptr)
      throw std::runtime_error("cannot make an Ed25519 key");
    unsigned char pub[32];
    std::size_t size = sizeof pub;
    if (EVP_PKEY_get_raw_public_key(key, pub, &size) != 1)
      throw std::runtime_error("cannot read an Ed25519 public key");
    std::string blob =
        test::str("ssh-ed25519") + test::str(std::string(reinterpret_cast<const char*>(pub), size));
    keys_.push_back(key);
    blobs_.push_back(blob);
    lines_.push_back("ssh-ed25519 " + test::base64(blob) + " k" + std::to_string(i));
  }
}

Keys::~Keys() {
  for (EVP_PKEY* key : keys_)
    EVP_PKEY_free(key);
}

const Keys& Keys::get() {
  static const Keys keys;
  return keys;
}

std::string Keys::sign(int key, const std::string& message) const {
  using test::str;
  unsigned char digest[64];
  unsigned int digest_size = 0;
  EVP_Digest(message.data(), message.size(), digest, &digest_size, EVP_sha512(), nullptr);
  std::string signed_data = "SSHSIG" + str("git") + str("") + str("sha512") +
                            str(std::string(reinterpret_cast<const char*>(digest), digest_size));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char sig[64];
  std::size_t sig_size = sizeof sig;
  bool ok = EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr,
                               keys_.at(static_cast<std::size_t>(key))) == 1 &&
            EVP_DigestSign(ctx, sig, &sig_size,
                           reinterpret_cast<const unsigned char*>(signed_data.data()),
                           signed_data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok)
    throw std::runtime_error("Ed25519 signing failed");
  std::string signature =
      str("ssh-ed25519") + str(std::string(reinterpret_cast<const char*>(sig), sig_size));
  std::string blob = "SSHSIG" + test::u32(1) + str(blobs_.at(static_cast<std::size_t>(key))) +
                     str("git") + str("") + str("sha512") + str(signature);
  return test::armor(blob);
}

// ---- Files ------------------------------------------------------------------------------------

std::string settings_yaml(const Settings& s) {
  std::string text = "title: Перечень точек взаимодействия, редакция " + std::to_string(s.title) +
                     "\norganization: Управление финансов Липецкой области\n"
                     "institutions:\n  - id: cbu\n    title: ОКУ «Центр бухгалтерского учета»\n"
                     "clients:\n  - id: civil-servants\n"
                     "    title: Государственные гражданские служащие\n"
                     "directions:\n";
  bool duplicate = s.duplicate_process;
  for (const auto& d : s.directions) {
    text += "  - id: " + d.id + "\n    title: Направление " + d.id + "\n    processes:\n";
    for (const auto& p : d.processes) {
      std::string entry = "      - id: " + p.id + "\n        title: Процесс " + p.id +
                          ", редакция " + std::to_string(p.title) + "\n";
      text += entry;
      if (duplicate) {
        text += entry;
        duplicate = false;
      }
    }
  }
  return text;
}

std::string roster_yaml(const Roster& r) {
  const Keys& keys = Keys::get();
  std::string text = "people:\n";
  for (const auto& p : r.people) {
    text += "  - id: " + p.id + "\n    name: Сотрудник " + p.id +
            "\n    position: Должность\n    keys:\n      - " + keys.line(p.key) + "\n";
  }
  // A role with further holders is a list: `p1: [sidorov, kozlov]`.
  auto holders = [&](const std::string& role, const std::string& person) {
    auto it = r.deputies.find(role);
    if (it == r.deputies.end() || it->second.empty())
      return person;
    std::string list = "[" + person;
    for (const auto& other : it->second)
      list += ", " + other;
    return list + "]";
  };
  text +=
      "roles:\n  client_centricity: " + holders("client_centricity", r.client_centricity) + "\n";
  auto map = [&](const char* name, const char* role, const std::map<std::string, std::string>& m) {
    text += std::string("  ") + name + ":" + (m.empty() ? " {}\n" : "\n");
    for (const auto& [scope, person] : m)
      text += "    " + scope + ": " + holders(std::string(role) + " " + scope, person) + "\n";
  };
  map("direction_curators", "direction_curator", r.curators);
  map("process_owners", "process_owner", r.owners);
  return text;
}

std::string point_yaml(const std::string& path, const Point& point, bool twin) {
  std::string slug = slug_of(path);
  return "process: " + point.process + "\npoint:\n  name: Точка " + slug +
         "\n  channel: digital\n  kind: portal\n  url: https://" + slug +
         ".example.ru\nclients: [civil-servants]\nvalue: Сведения без визита, редакция " +
         std::to_string(point.variant) + (twin ? " (двойник)" : "") +
         "\nneeds:\n  - information\nbasis:\n  - type: internal_act\n"
         "    title: Приказ № 1\nprepared_by: cbu\n";
}

// ---- The repository ---------------------------------------------------------------------------

RepoBuilder::RepoBuilder(const std::filesystem::path& dir) : path_(dir) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  check(git_repository_init(&repo, dir.c_str(), 1), "git init");
  repo_.reset(repo);
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, repo_.get()), "odb");
  odb_.reset(odb);
}

RepoBuilder::~RepoBuilder() {
  odb_.reset();
  repo_.reset();
  git_libgit2_shutdown();
}

std::string RepoBuilder::blob(const std::string& bytes) {
  auto it = blobs_.find(bytes);
  if (it != blobs_.end())
    return it->second;
  git_oid oid;
  check(git_odb_write(&oid, odb_.get(), bytes.data(), bytes.size(), GIT_OBJECT_BLOB), "blob");
  return blobs_.emplace(bytes, hex_of(oid)).first->second;
}

// Git's order of entries: by name, a folder's name read as if it ended in '/'. Entries of one
// name (a crafted tree) keep the order they are given in.
std::string RepoBuilder::tree(std::vector<Entry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.name + (a.tree ? "/" : "") < b.name + (b.tree ? "/" : "");
  });
  std::string raw;
  for (const auto& e : entries) {
    raw += (e.tree ? "40000 " : "100644 ") + e.name;
    raw.push_back('\0');
    git_oid oid = oid_of(e.id);
    raw.append(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
  }
  git_oid oid;
  check(git_odb_write(&oid, odb_.get(), raw.data(), raw.size(), GIT_OBJECT_TREE), "tree");
  return hex_of(oid);
}

std::string RepoBuilder::points_tree(const Content& c) {
  std::map<std::string, std::vector<Entry>> folders;  // "a" -> its entries
  auto split = [](const std::string& path) {
    std::string rest = path.substr(7);  // after "points/"
    auto slash = rest.find('/');
    return std::make_pair(rest.substr(0, slash), rest.substr(slash + 1));
  };
  for (const auto& [path, point] : c.points) {
    auto [folder, name] = split(path);
    folders[folder].push_back({name, blob(point_yaml(path, point)), false});
  }
  for (const auto& keep : c.keeps) {
    auto [folder, name] = split(keep);
    folders[folder].push_back({name, blob(""), false});
  }
  if (c.malformed == 1 || (c.malformed == 2 && c.points.empty())) {
    // A point file and a folder of one name.
    std::string process = "p1";
    if (!c.settings.directions.empty() && !c.settings.directions.front().processes.empty())
      process = c.settings.directions.front().processes.front().id;
    std::string inner = tree({{".keep", blob(""), false}});
    folders["a"].push_back({"zz.yaml", blob(point_yaml("points/a/zz.yaml", {process, 0})), false});
    folders["a"].push_back({"zz.yaml", inner, true});
  } else if (c.malformed == 2) {
    // Two point files of one name: the first point again, with other bytes.
    const auto& [path, point] = *c.points.begin();
    auto [folder, name] = split(path);
    folders[folder].push_back({name, blob(point_yaml(path, point, true)), false});
  }
  std::vector<Entry> top;
  for (auto& [folder, entries] : folders)
    top.push_back({folder, tree(std::move(entries)), true});
  return tree(std::move(top));
}

std::string RepoBuilder::registry_entries(const Content& c, std::vector<Entry>& out) {
  std::vector<Entry> registry{{"perechen.yaml", blob(settings_yaml(c.settings)), false},
                              {"roster.yaml", blob(roster_yaml(c.roster)), false},
                              {"points", points_tree(c), true}};
  out.insert(out.end(), registry.begin(), registry.end());
  return tree(std::move(registry));
}

void RepoBuilder::write(History& history, std::size_t c) {
  Commit& commit = history.commits.at(c);
  std::vector<Entry> top{
      {"README.md", blob("Перечень, вариант " + std::to_string(commit.readme) + "\n"), false}};
  std::string content_id;
  if (commit.content)
    content_id = registry_entries(*commit.content, top);
  if (content_ids_.size() <= c)
    content_ids_.resize(c + 1);
  content_ids_[c] = content_id;
  git_oid tree_id = oid_of(tree(std::move(top)));

  git_tree* looked_up = nullptr;
  check(git_tree_lookup(&looked_up, repo_.get(), &tree_id), "tree lookup");
  git::TreeHandle tree_object(looked_up);
  std::vector<git::CommitHandle> parents;
  for (std::size_t p : commit.parents) {
    git_oid id = oid_of(history.commits.at(p).id);
    git_commit* parent = nullptr;
    check(git_commit_lookup(&parent, repo_.get(), &id), "parent lookup");
    parents.emplace_back(parent);
  }
  // Minutes from 2026-01-01 10:00 MSK: the same history, the same ids.
  git_signature* made = nullptr;
  check(git_signature_new(&made, "Test", "test@example.ru",
                          1767250800 + static_cast<git_time_t>(commit.stamp) * 60, 180),
        "signature");
  git::SignatureHandle who(made);

  std::string message = "Изменение " + std::to_string(commit.stamp) + "\n";
  if (commit.approval) {
    const Approval& a = *commit.approval;
    std::string content = content_id;
    if (a.claims_content_of) {
      content = content_ids_.at(*a.claims_content_of);
      if (content.empty())
        content = kNowhere;
    }
    std::string base = a.base == Approval::Base::none      ? "none"
                       : a.base == Approval::Base::unknown ? kNowhere
                                                           : history.commits.at(a.base_commit).id;
    message =
        test::approval_message(content.empty() ? kNowhere : content, base, a.approver, a.roles);
  }

  git_buf buffer = GIT_BUF_INIT;
  std::vector<const git_commit*> constant;
  for (const auto& parent : parents)
    constant.push_back(parent.get());
  check(
      git_commit_create_buffer(&buffer, repo_.get(), who.get(), who.get(), nullptr, message.c_str(),
                               tree_object.get(), constant.size(), constant.data()),
      "commit buffer");
  std::string payload(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  git_oid id;
  if (commit.approval) {
    std::string signed_text = commit.approval->bad_signature ? payload + "\n" : payload;
    std::string signature = Keys::get().sign(commit.approval->key, signed_text);
    signature.pop_back();  // libgit2 ends the header field itself
    check(git_commit_create_with_signature(&id, repo_.get(), payload.c_str(), signature.c_str(),
                                           nullptr),
          "signed commit");
  } else {
    check(git_odb_write(&id, odb_.get(), payload.data(), payload.size(), GIT_OBJECT_COMMIT),
          "commit");
  }
  commit.id = hex_of(id);
}

}  // namespace perechen::model
