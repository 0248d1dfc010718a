// SPDX-License-Identifier: Apache-2.0
// Signing approvals: which key is used, that ssh-keygen's signature is checked before it is kept,
// that the stored commit is one git itself verifies, and that the branch only moves by
// compare-and-swap.

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "fixture.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/ssh/sshsig.hpp"

namespace fs = std::filesystem;
using perechen::Error;
using perechen::ExitCode;
using perechen::approval::SigningKey;
using perechen::test::git;
using perechen::test::run;
using perechen::test::TempDir;

namespace {

// A fresh key pair without a passphrase: returns the private key's path (the public is at .pub).
fs::path make_key(const TempDir& dir, const std::string& name,
                  const std::string& type = "ed25519") {
  return perechen::test::make_ssh_key(dir.path() / name, type, name, type == "rsa" ? "3072" : "")
      .path;
}

std::string public_line(const fs::path& private_key) {
  fs::path pub = private_key;
  pub += ".pub";
  std::ifstream in(pub);
  std::string line;
  std::getline(in, line);
  return line;
}

// `ssh-keygen -Y verify` over `payload`: the independent check.
bool ssh_keygen_verifies(const TempDir& dir, const fs::path& key, const std::string& signature,
                         const std::string& payload) {
  auto signers = dir.write("allowed_signers", "signer@example " + public_line(key) + "\n");
  auto sig = dir.write("payload.sig", signature);
  auto r = run({"ssh-keygen", "-Y", "verify", "-f", signers.string(), "-I", "signer@example", "-n",
                "git", "-s", sig.string()},
               {}, {}, payload);
  return r.exit_code == 0;
}

std::string error_of(const std::function<void()>& f, ExitCode* code = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code != nullptr)
      *code = e.code();
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("signing key: a private key file takes its public key from FILE.pub") {
  TempDir dir;
  auto key = make_key(dir, "ivanova");
  auto signing = SigningKey::from_file(key);
  CHECK(signing.public_key().openssh() + " ivanova" == public_line(key));
  CHECK_FALSE(signing.in_agent());
  CHECK(signing.file() == key);
}

TEST_CASE("signing key: without FILE.pub the public key is derived from the private key") {
  TempDir dir;
  auto key = make_key(dir, "petrova");
  std::string expected = public_line(key);
  fs::remove(fs::path(key.string() + ".pub"));
  auto signing = SigningKey::from_file(key);
  CHECK(signing.public_key().openssh() + " petrova" == expected);
}

TEST_CASE("signing key: a public key file is a key held elsewhere (ssh-agent), as in git") {
  TempDir dir;
  auto key = make_key(dir, "sidorov");
  auto signing = SigningKey::from_file(key.string() + ".pub");
  CHECK(signing.public_key().openssh() + " sidorov" == public_line(key));
}

TEST_CASE("signing key: a missing file is a failure naming it, exit code 3") {
  TempDir dir;
  ExitCode code = ExitCode::ok;
  auto message = error_of([&] { SigningKey::from_file(dir.path() / "no-such-key"); }, &code);
  CHECK(code == ExitCode::failure);
  CHECK(message.find("no-such-key") != std::string::npos);
}

TEST_CASE("signing key: a stale FILE.pub of another key is caught when signing") {
  TempDir dir;
  auto mine = make_key(dir, "mine");
  auto other = make_key(dir, "other");
  fs::copy_file(other.string() + ".pub", mine.string() + ".pub",
                fs::copy_options::overwrite_existing);
  auto signing = SigningKey::from_file(mine);
  ExitCode code = ExitCode::ok;
  auto message = error_of([&] { perechen::approval::sign(signing, "payload\n"); }, &code);
  CHECK(code == ExitCode::failure);
  // ssh-keygen notices it itself ("Public key … doesn't match private …"); perechen's own check
  // after signing would catch a program that did not.
  CHECK(message.find(mine.string()) != std::string::npos);
}

TEST_CASE("signing key: user.signingkey as key:: literal goes to a temporary file for ssh-agent") {
  TempDir dir;
  auto key = make_key(dir, "agent");
  fs::path file;
  {
    auto signing = SigningKey::from_config_value("key::" + public_line(key));
    CHECK(signing.in_agent());
    file = signing.file();
    CHECK(fs::exists(file));
    CHECK(signing.public_key().openssh() + " agent" == public_line(key));
    auto moved = std::move(signing);
    CHECK(fs::exists(file));
  }
  CHECK_FALSE(fs::exists(file));
  // A bad literal is refused with the value in the message.
  auto message = error_of([] { SigningKey::from_config_value("key::ssh-ed25519 AAAAbroken"); });
  CHECK(message.find("user.signingkey") != std::string::npos);
}

TEST_CASE("signing key: user.signingkey as a path, with ~/ for the home folder") {
  TempDir dir;
  auto key = make_key(dir, "home-key");
  const char* old_home = std::getenv("HOME");
  std::string saved = old_home != nullptr ? old_home : "";
  ::setenv("HOME", dir.path().c_str(), 1);
  auto signing = SigningKey::from_config_value("~/home-key");
  ::setenv("HOME", saved.c_str(), 1);
  CHECK(signing.file() == key);
  CHECK(signing.public_key().openssh() + " home-key" == public_line(key));
}

TEST_CASE("sign: ed25519, rsa and ecdsa signatures verify with ssh-keygen and in-process") {
  for (std::string type : {"ed25519", "rsa", "ecdsa"}) {
    DYNAMIC_SECTION(type) {
      TempDir dir;
      auto key = make_key(dir, "k-" + type, type);
      auto signing = SigningKey::from_file(key);
      std::string payload = "tree 0123\nparent 4567\n\nСогласование изменений перечня\n";
      std::string signature = perechen::approval::sign(signing, payload);
      CHECK(signature.rfind("-----BEGIN SSH SIGNATURE-----\n", 0) == 0);
      CHECK(ssh_keygen_verifies(dir, key, signature, payload));
      CHECK_FALSE(ssh_keygen_verifies(dir, key, signature, payload + "x"));
      auto check = perechen::ssh::verify(signature, payload, "git");
      CHECK(check.good());
      CHECK(*check.signer == signing.public_key());
    }
  }
}

TEST_CASE("sign: ssh-keygen failing is a signing failure with its reason, exit code 3") {
  TempDir dir;
  auto key = make_key(dir, "broken");
  auto signing = SigningKey::from_file(key);
  dir.write("broken", "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n");
  ExitCode code = ExitCode::ok;
  auto message = error_of([&] { perechen::approval::sign(signing, "payload"); }, &code);
  CHECK(code == ExitCode::failure);
  CHECK(message.find("ssh-keygen") != std::string::npos);
  CHECK(message.find("broken") != std::string::npos);
}

TEST_CASE("sign: a missing signing program is a failure that names it") {
  TempDir dir;
  auto signing = SigningKey::from_file(make_key(dir, "k"));
  perechen::approval::SignOptions options;
  options.program = "perechen-no-ssh-keygen";
  ExitCode code = ExitCode::ok;
  auto message = error_of([&] { perechen::approval::sign(signing, "payload", options); }, &code);
  CHECK(code == ExitCode::failure);
  CHECK(message.find("perechen-no-ssh-keygen") != std::string::npos);
}

TEST_CASE("sign: a program printing something that is no signature of the payload is refused") {
  TempDir dir;
  auto key = make_key(dir, "k");
  auto signing = SigningKey::from_file(key);
  // A real signature, but of other bytes.
  std::string stale = perechen::approval::sign(signing, "other payload");
  auto fake = dir.write("fake-ssh-keygen", "#!/bin/sh\ncat >/dev/null\ncat '" +
                                               dir.write("stale.sig", stale).string() + "'\n");
  fs::permissions(fake, fs::perms::owner_all);
  perechen::approval::SignOptions options;
  options.program = fake.string();
  ExitCode code = ExitCode::ok;
  auto message = error_of([&] { perechen::approval::sign(signing, "payload", options); }, &code);
  CHECK(code == ExitCode::failure);
  CHECK_FALSE(message.empty());
}

namespace {

// A repository with one commit; returns the buffer of an empty commit on top of it.
std::string commit_buffer(const perechen::git::Repository& repo, const std::string& message) {
  auto head = repo.head();
  REQUIRE(head);
  auto parent = repo.commit(*head);
  auto tree = repo.tree(repo.tree_of(*head));
  perechen::git::SignatureHandle who;
  perechen::git::check(git_signature_new(perechen::git::Out(who), "Иванова Анна",
                                         "ivanova@example.ru", 1772434800, 180),
                       "signature");
  const git_commit* parents[] = {parent.get()};
  perechen::git::Buf buf;
  perechen::git::check(git_commit_create_buffer(buf.get(), repo.get(), who.get(), who.get(),
                                                nullptr, message.c_str(), tree.get(), 1, parents),
                       "buffer");
  return buf.str();
}

}  // namespace

TEST_CASE("signed commit: git verify-commit accepts it and the header has no stray line") {
  TempDir dir;
  git(dir.path(), {"init", "-q"});
  dir.write("README.md", "readme\n");
  git(dir.path(), {"add", "README.md"});
  git(dir.path(), {"commit", "-q", "-m", "first"});
  auto key = make_key(dir, "ivanova");
  auto signers = dir.write("allowed_signers", "ivanova@example.ru " + public_line(key) + "\n");

  auto repo = perechen::git::Repository::open(dir.path());
  auto old_head = *repo.head();
  std::string buffer = commit_buffer(repo, "Согласование изменений перечня\n");
  auto signing = SigningKey::from_file(key);
  std::string signature = perechen::approval::sign(signing, buffer);
  REQUIRE(signature.back() == '\n');
  auto id = perechen::approval::write_signed_commit(repo, buffer, signature);

  // Written, but nothing moved yet.
  CHECK(*repo.head() == old_head);
  auto raw = repo.raw_commit(id);
  REQUIRE(raw.signature);
  CHECK(raw.signed_payload == buffer);
  std::string object = git(dir.path(), {"cat-file", "commit", id.hex()});
  CHECK(object.find(" -----END SSH SIGNATURE-----\n\n") != std::string::npos);
  CHECK(object.find("\n \n") == std::string::npos);

  CHECK(perechen::approval::advance_branch(repo, "refs/heads/main", old_head, id, "approve"));
  CHECK(git(dir.path(), {"rev-parse", "HEAD"}) == id.hex() + "\n");
  auto verify =
      run({"git", "-c", "gpg.ssh.allowedSignersFile=" + signers.string(), "verify-commit", "HEAD"},
          dir.path(), {{"GIT_CONFIG_NOSYSTEM", "1"}, {"GIT_CONFIG_GLOBAL", "/dev/null"}});
  CHECK(verify.exit_code == 0);
  CHECK(verify.err.find("Good \"git\" signature for ivanova@example.ru") != std::string::npos);
}

TEST_CASE("advance_branch: a branch that moved meanwhile is left alone") {
  TempDir dir;
  git(dir.path(), {"init", "-q"});
  dir.write("a.txt", "a\n");
  git(dir.path(), {"add", "a.txt"});
  git(dir.path(), {"commit", "-q", "-m", "first"});
  auto repo = perechen::git::Repository::open(dir.path());
  auto first = *repo.head();
  dir.write("a.txt", "b\n");
  git(dir.path(), {"commit", "-q", "-am", "second"});
  auto second = *repo.resolve_commit("HEAD");
  auto signing = SigningKey::from_file(make_key(dir, "k"));

  // The caller expects the branch at `first`, but it is at `second` now: the swap must fail.
  std::string buffer = commit_buffer(repo, "late\n");
  auto late = perechen::approval::write_signed_commit(repo, buffer,
                                                      perechen::approval::sign(signing, buffer));
  CHECK_FALSE(perechen::approval::advance_branch(repo, "refs/heads/main", first, late, "approve"));
  CHECK(git(dir.path(), {"rev-parse", "HEAD"}) == second.hex() + "\n");
}

namespace {

// An ssh-agent of the test's own, stopped (by its process id) when the test ends.
class Agent {
 public:
  explicit Agent(const TempDir& dir) : socket_(dir.path() / "agent.sock") {
    auto r = run({"ssh-agent", "-s", "-a", socket_.string()});
    REQUIRE(r.exit_code == 0);
    auto at = r.out.find("SSH_AGENT_PID=");
    REQUIRE(at != std::string::npos);
    pid_ = std::stoi(r.out.substr(at + 14));
  }
  ~Agent() {
    if (pid_ > 0)
      ::kill(pid_, SIGTERM);
  }
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;
  const fs::path& socket() const { return socket_; }

 private:
  fs::path socket_;
  int pid_ = 0;
};

}  // namespace

TEST_CASE("sign: a key:: literal signs through ssh-agent, with no private key file at all") {
  TempDir dir;
  auto key = make_key(dir, "in-agent");
  Agent agent(dir);
  auto added =
      run({"ssh-add", "-q", key.string()}, {}, {{"SSH_AUTH_SOCK", agent.socket().string()}});
  REQUIRE(added.exit_code == 0);
  std::string literal = public_line(key);
  fs::remove(key);
  fs::remove(key.string() + ".pub");

  const char* old = std::getenv("SSH_AUTH_SOCK");
  std::string saved = old != nullptr ? old : "";
  ::setenv("SSH_AUTH_SOCK", agent.socket().c_str(), 1);
  auto signing = SigningKey::from_config_value("key::" + literal);
  std::string payload = "approval payload\n";
  std::string signature;
  CHECK_NOTHROW(signature = perechen::approval::sign(signing, payload));
  if (old != nullptr) {
    ::setenv("SSH_AUTH_SOCK", saved.c_str(), 1);
  } else {
    ::unsetenv("SSH_AUTH_SOCK");
  }
  auto check = perechen::ssh::verify(signature, payload, "git");
  CHECK(check.good());
  CHECK(*check.signer == signing.public_key());
}

TEST_CASE("signing key: where its private half is, as doctor reports it") {
  using perechen::approval::private_half;
  TempDir dir;
  auto key = make_key(dir, "kuznetsova");
  fs::path alone = dir.path() / "alone.pub";
  fs::copy_file(key.string() + ".pub", alone);
  Agent agent(dir);
  const char* old = std::getenv("SSH_AUTH_SOCK");
  std::string saved = old != nullptr ? old : "";
  ::unsetenv("SSH_AUTH_SOCK");  // no agent: only files count
  CHECK(private_half(SigningKey::from_file(key)) == key.string());
  CHECK(private_half(SigningKey::from_file(key.string() + ".pub")) == key.string());
  CHECK(private_half(SigningKey::from_file(alone)).empty());
  // The agent holds it: a public key file alone is enough.
  REQUIRE(run({"ssh-add", "-q", key.string()}, {}, {{"SSH_AUTH_SOCK", agent.socket().string()}})
              .exit_code == 0);
  ::setenv("SSH_AUTH_SOCK", agent.socket().c_str(), 1);
  std::string in_agent = private_half(SigningKey::from_file(alone));
  if (old != nullptr) {
    ::setenv("SSH_AUTH_SOCK", saved.c_str(), 1);
  } else {
    ::unsetenv("SSH_AUTH_SOCK");
  }
  CHECK(in_agent == "ssh-agent");
}

TEST_CASE("parse_role_request: a role, optionally with its process or direction") {
  using perechen::approval::parse_role_request;
  using perechen::approval::Role;
  auto owner = parse_role_request("process_owner:salary");
  REQUIRE(owner);
  CHECK(owner->role == Role::process_owner);
  CHECK(owner->scope == "salary");
  auto curators = parse_role_request("direction_curator");
  REQUIRE(curators);
  CHECK(curators->role == Role::direction_curator);
  CHECK(curators->scope.empty());
  auto deputy = parse_role_request("client_centricity");
  REQUIRE(deputy);
  CHECK(deputy->role == Role::client_centricity);
  for (std::string bad :
       {"", "owner", "process_owner:", "process_owner:Salary", "process_owner salary",
        "client_centricity:pay", ":salary", "direction_curator:pay:x"}) {
    INFO(bad);
    CHECK_FALSE(parse_role_request(bad));
  }
}

TEST_CASE("uncommitted_registry_files: registry files only, wherever the registry sits") {
  TempDir dir;
  git(dir.path(), {"init", "-q"});
  dir.write("reg/perechen.yaml", "title: x\n");
  dir.write("reg/roster.yaml", "people: []\n");
  dir.write("reg/points/a.yaml", "process: a\n");
  dir.write("reg/points/notes.txt", "notes\n");
  dir.write("README.md", "readme\n");
  dir.write(".gitignore", "*.bak.yaml\n");
  git(dir.path(), {"add", "-A"});
  git(dir.path(), {"commit", "-q", "-m", "first"});
  auto repo = perechen::git::Repository::open(dir.path());
  using perechen::approval::uncommitted_registry_files;
  CHECK(uncommitted_registry_files(repo, "reg").empty());

  // Not content: other files of the repository, files in points/ that are not points, ignored
  // files, and files of a folder that only looks like the registry.
  dir.write("README.md", "changed\n");
  dir.write("reg/points/notes.txt", "changed\n");
  dir.write("reg/points/old.bak.yaml", "process: a\n");
  dir.write("reg/pointsx/b.yaml", "process: b\n");
  dir.write("reg/other.yaml", "x: 1\n");
  CHECK(uncommitted_registry_files(repo, "reg").empty());

  dir.write("reg/points/deep/new.yml", "process: c\n");
  dir.write("reg/roster.yaml", "people: [] # changed\n");
  std::filesystem::remove(dir.path() / "reg/points/a.yaml");
  std::vector<std::string> expected{"points/a.yaml", "points/deep/new.yml", "roster.yaml"};
  CHECK(uncommitted_registry_files(repo, "reg") == expected);
  git(dir.path(), {"add", "reg/roster.yaml"});
  CHECK(uncommitted_registry_files(repo, "reg") == expected);
}
