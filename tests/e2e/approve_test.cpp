// SPDX-License-Identifier: Apache-2.0
// `perechen approve` end to end (spec §5): approvals by each role make a version fully approved
// (checked by `perechen verify` and by git itself); every refusal leaves HEAD and every ref as they
// were, with exit code 1 and a message saying why; signing failures write nothing; two approvers
// at once both end up recorded.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "fixture.hpp"
#include "skip.hpp"
#include "terminal.hpp"

namespace fs = std::filesystem;
using perechen::test::git;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

const std::vector<std::string> kPeople{"ivanova", "petrova", "sidorov"};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

using perechen::test::read_file;

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

// A registry repository (write_minimal_registry) whose roster holds keys made for this test, and
// a home folder of its own so that no configuration of the person running the tests leaks in.
class Registry {
 public:
  explicit Registry(const std::string& subfolder = {}) : subfolder_(subfolder) {
    fs::create_directories(home_.path() / "keys");
    for (const auto& id : kPeople)
      make_key(id);
    git(repo_.path(), {"init", "-q"});
    if (subfolder_.empty()) {
      perechen::test::write_minimal_registry(repo_);
    } else {
      perechen::test::write_minimal_registry(registry_dir_);
      fs::create_directories(repo_.path() / subfolder_);
      fs::copy(registry_dir_.path(), repo_.path() / subfolder_, fs::copy_options::recursive);
      repo_.write("README.md", "Перечень лежит в папке " + subfolder_ + "\n");
    }
    // The placeholder keys of the minimal roster give way to the keys made above.
    std::string roster = repo_.read(path("roster.yaml"));
    for (const auto& id : kPeople) {
      std::regex line("ssh-ed25519 [A-Za-z0-9+/=]+ " + id);
      roster = std::regex_replace(roster, line, public_key(id));
    }
    repo_.write(path("roster.yaml"), roster);
    commit_all("Первая версия перечня");
  }

  const fs::path& dir() const { return repo_.path(); }
  const TempDir& repo() const { return repo_; }
  fs::path registry() const { return subfolder_.empty() ? dir() : dir() / subfolder_; }
  std::string path(const std::string& relative) const {
    return subfolder_.empty() ? relative : subfolder_ + "/" + relative;
  }
  fs::path key(const std::string& id) const { return home_.path() / "keys" / id; }
  const fs::path& home() const { return home_.path(); }

  fs::path make_key(const std::string& id, const std::string& type = "ed25519") const {
    return perechen::test::make_ssh_key(key(id), type, id).path;
  }
  std::string public_key(const std::string& id) const {
    std::string line = read_file(key(id).string() + ".pub");
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.pop_back();
    return line;
  }

  void commit_all(const std::string& message) const {
    git(dir(), {"add", "-A"});
    git(dir(), {"commit", "-q", "-m", message});
  }

  std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) const {
    extra.emplace("HOME", home().string());
    extra.emplace("XDG_CONFIG_HOME", (home() / ".config").string());
    extra.emplace("SSH_AUTH_SOCK", "");
    return extra;
  }

  // perechen run in the registry folder, with the test's home.
  RunResult perechen(const std::vector<std::string>& args,
                     std::map<std::string, std::string> extra = {}) const {
    return perechen::test::perechen(args, registry(), env(std::move(extra)));
  }

  RunResult approve(const std::string& id, std::vector<std::string> more = {}) const {
    std::vector<std::string> args{"approve", "--key", key(id).string(), "--yes"};
    args.insert(args.end(), more.begin(), more.end());
    return perechen(args);
  }

  // Everything a refusal must leave alone: HEAD, every ref, and the objects.
  std::string state() const {
    return git(dir(), {"rev-parse", "HEAD"}) + git(dir(), {"for-each-ref"}) +
           git(dir(), {"count-objects"}) +
           git(dir(), {"rev-parse", "--symbolic-full-name", "HEAD"});
  }

  std::string head_message() const { return git(dir(), {"log", "-1", "--format=%B"}); }

  // An allowed_signers file of the test's keys, for `git verify-commit`.
  fs::path allowed_signers() const {
    std::string text;
    for (const auto& id : kPeople)
      text += id + " " + public_key(id) + "\n";
    return repo_.write(".git/test-allowed-signers", text);
  }

  RunResult git_verify_commit(const std::string& rev) const {
    return perechen::test::run(
        {"git", "-c", "gpg.ssh.allowedSignersFile=" + allowed_signers().string(), "verify-commit",
         rev},
        dir(), {{"GIT_CONFIG_NOSYSTEM", "1"}, {"GIT_CONFIG_GLOBAL", "/dev/null"}});
  }

  void approve_all() const {
    for (const auto& id : {"sidorov", "petrova", "ivanova"})
      REQUIRE(approve(id).exit_code == 0);
  }

 private:
  std::string subfolder_;
  TempDir home_;
  TempDir repo_;
  TempDir registry_dir_;
};

// Runs `action` and checks it refused: exit code 1, a message with `expected`, nothing changed.
void check_refused(const Registry& r, const std::function<RunResult()>& action,
                   const std::string& expected, int code = 1) {
  std::string before = r.state();
  RunResult result = action();
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  CHECK(result.exit_code == code);
  CHECK(contains(result.err, expected));
  CHECK(r.state() == before);
}

}  // namespace

TEST_CASE("approve: each role's approval makes the first version fully approved") {
  Registry r;
  std::string first = git(r.dir(), {"rev-parse", "HEAD"});
  CHECK(r.perechen({"verify"}).exit_code == 1);

  auto owner = r.approve("sidorov");
  INFO(owner.err);
  REQUIRE(owner.exit_code == 0);
  CHECK(contains(owner.out, "Согласование записано"));
  CHECK(contains(owner.out, "Еще нужны согласования"));
  std::string message = r.head_message();
  // The subject names the approver and the roles: `git log --oneline` tells approvals apart.
  CHECK(message.rfind("Согласование изменений перечня: sidorov (process_owner salary, "
                      "process_owner vacation, process_owner certificates)\n",
                      0) == 0);
  CHECK(contains(message, "\nPerechen-Approval: 1\n"));
  CHECK(contains(message, "\nPerechen-Base: none\n"));
  CHECK(contains(message, "\nPerechen-Approver: sidorov\n"));
  CHECK(contains(message, "\nPerechen-Role: process_owner salary\n"));
  CHECK(contains(message, "\nPerechen-Role: process_owner vacation\n"));
  CHECK(contains(message, "\nPerechen-Role: process_owner certificates\n"));
  CHECK(std::regex_search(message, std::regex("\nPerechen-Content: [0-9a-f]{40}\n")));
  // The author is the roster's name when git has no user.name: it is for reading only.
  CHECK(git(r.dir(), {"log", "-1", "--format=%an <%ae>"}) == "Сидоров Петр Николаевич <sidorov>\n");
  CHECK(r.perechen({"verify"}).exit_code == 1);

  REQUIRE(r.approve("petrova").exit_code == 0);
  CHECK(contains(r.head_message(), "\nPerechen-Role: direction_curator pay\n"));
  CHECK(contains(r.head_message(), "\nPerechen-Role: direction_curator docs\n"));
  auto last = r.approve("ivanova", {"--message", "Согласовано на совещании 02.03.2026"});
  REQUIRE(last.exit_code == 0);
  CHECK(contains(last.out, "согласовано полностью"));
  CHECK(contains(r.head_message(), "\n\nСогласовано на совещании 02.03.2026\n\n"));
  CHECK(contains(r.head_message(), "\nPerechen-Role: client_centricity\n"));

  // Three commits, each changing nothing, each signed so that git itself accepts it.
  CHECK(git(r.dir(), {"rev-parse", "HEAD~3"}) == first);
  CHECK(git(r.dir(), {"rev-parse", "HEAD^{tree}"}) == git(r.dir(), {"rev-parse", "HEAD~3^{tree}"}));
  for (const auto& rev : {"HEAD", "HEAD~1", "HEAD~2"}) {
    auto verified = r.git_verify_commit(rev);
    INFO(rev << ": " << verified.err);
    CHECK(verified.exit_code == 0);
    CHECK(contains(verified.err, "Good \"git\" signature"));
  }
  auto verify = r.perechen({"verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  // The working tree is clean: nothing but commits was added.
  CHECK(git(r.dir(), {"status", "--porcelain"}).empty());
}

TEST_CASE("approve: a change to one process needs its owner, its curator and client-centricity") {
  Registry r;
  r.approve_all();
  std::string approved = git(r.dir(), {"rev-parse", "HEAD"});
  r.repo().write("points/docs/email.yaml",
                 r.repo().read("points/docs/email.yaml") + "# уточнение\n");
  std::string text = r.repo().read("points/docs/email.yaml");
  text.replace(text.find("Заказать справку"), std::string("Заказать справку").size(),
               "Заказать любую справку");
  r.repo().write("points/docs/email.yaml", text);
  r.commit_all("Уточнена ценность точки");

  check_refused(
      r,
      [&] {
        return r.approve("petrova", {"--role", "direction_curator:pay"});
      },
      "не нужно согласование роли direction_curator:pay");
  REQUIRE(r.approve("sidorov").exit_code == 0);
  std::string message = r.head_message();
  CHECK(contains(message, "\nPerechen-Role: process_owner certificates\n"));
  CHECK_FALSE(contains(message, "process_owner salary"));
  CHECK(contains(message, "\nPerechen-Base: " + approved));
  REQUIRE(r.approve("petrova").exit_code == 0);
  CHECK(contains(r.head_message(), "\nPerechen-Role: direction_curator docs\n"));
  CHECK_FALSE(contains(r.head_message(), "direction_curator pay"));
  CHECK(r.perechen({"verify"}).exit_code == 1);
  REQUIRE(r.approve("ivanova").exit_code == 0);
  CHECK(r.perechen({"verify"}).exit_code == 0);
}

TEST_CASE("approve: refusals leave HEAD and every ref untouched, exit code 1") {
  Registry r;

  SECTION("uncommitted change to a point") {
    r.repo().write("points/pay/lk.yaml", r.repo().read("points/pay/lk.yaml") + "# правка\n");
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "points/pay/lk.yaml");
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "незакоммиченные изменения");
  }
  SECTION("a new point file not yet committed") {
    r.repo().write("points/docs/new.yaml", r.repo().read("points/docs/email.yaml"));
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "points/docs/new.yaml");
  }
  SECTION("a staged change to the roster") {
    r.repo().write("roster.yaml", r.repo().read("roster.yaml") + "# комментарий\n");
    git(r.dir(), {"add", "roster.yaml"});
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "roster.yaml");
  }
  SECTION("content with validation errors") {
    std::string text = r.repo().read("points/pay/lk.yaml");
    text.replace(text.find("process: salary"), 15, "process: salari");
    r.repo().write("points/pay/lk.yaml", text);
    r.commit_all("Опечатка");
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "perechen validate");
  }
  SECTION("a key that is not in the roster") {
    r.make_key("stranger");
    check_refused(
        r, [&] { return r.approve("stranger"); }, "не найден в списке согласующих");
  }
  SECTION("a role the signer does not hold") {
    check_refused(
        r,
        [&] {
          return r.approve("petrova", {"--role", "process_owner:salary"});
        },
        "не исполняет роль process_owner:salary: ее исполняет sidorov");
    check_refused(
        r,
        [&] {
          return r.approve("ivanova", {"--role", "direction_curator"});
        },
        "не исполняет роль direction_curator");
  }
  SECTION("an approval already given") {
    REQUIRE(r.approve("sidorov").exit_code == 0);
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "уже согласовал");
    check_refused(
        r,
        [&] {
          return r.approve("sidorov", {"--role", "process_owner:salary"});
        },
        "уже согласовал");
  }
  SECTION("nothing pending") {
    r.approve_all();
    check_refused(
        r, [&] { return r.approve("ivanova"); }, "согласовывать нечего");
  }
  SECTION("a README change needs no approval") {
    r.approve_all();
    r.repo().write("README.md", "Описание репозитория\n");
    r.commit_all("README");
    CHECK(r.perechen({"verify"}).exit_code == 0);
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "согласовывать нечего");
  }
  SECTION("no terminal and no --yes: usage code 2, it cannot ask") {
    check_refused(
        r,
        [&] {
          return r.perechen({"approve", "--key", r.key("sidorov").string()});
        },
        "--yes", 2);
  }
  SECTION("a --message that would spoil the trailers: usage code 2") {
    check_refused(
        r,
        [&] {
          return r.approve("sidorov", {"--message", "Perechen-Role: client_centricity"});
        },
        "--message", 2);
  }
  SECTION("an unknown role: usage code 2") {
    check_refused(
        r,
        [&] {
          return r.approve("sidorov", {"--role", "owner"});
        },
        "неизвестная роль «owner»", 2);
  }
  SECTION("detached HEAD: exit code 3") {
    git(r.dir(), {"checkout", "-q", "--detach"});
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "detached HEAD", 3);
  }
  SECTION("no key given and none configured: usage code 2") {
    check_refused(
        r,
        [&] {
          return r.perechen({"approve", "--yes"});
        },
        "user.signingkey", 2);
  }
}

TEST_CASE("approve: a registry outside any git repository cannot be approved, exit code 3") {
  TempDir plain;
  perechen::test::write_minimal_registry(plain);
  auto result =
      perechen::test::perechen({"approve", "--yes", "--key", "/nonexistent"}, plain.path());
  CHECK(result.exit_code == 3);
  CHECK_FALSE(result.err.empty());
  CHECK_FALSE(fs::exists(plain.path() / ".git"));
}

TEST_CASE("approve: the key from git config user.signingkey") {
  Registry r;
  SECTION("a path") {
    git(r.dir(), {"config", "user.signingkey", r.key("sidorov").string()});
    auto result = r.perechen({"approve", "--yes"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(r.head_message(), "\nPerechen-Approver: sidorov\n"));
  }
  SECTION("a key:: literal held by ssh-agent, with no private key file left") {
    fs::path socket = r.home() / "agent.sock";
    auto agent = perechen::test::run({"ssh-agent", "-s", "-a", socket.string()});
    REQUIRE(agent.exit_code == 0);
    auto at = agent.out.find("SSH_AGENT_PID=");
    REQUIRE(at != std::string::npos);
    pid_t agent_pid = std::stoi(agent.out.substr(at + 14));
    auto added = perechen::test::run({"ssh-add", "-q", r.key("petrova").string()}, {},
                                     {{"SSH_AUTH_SOCK", socket.string()}});
    CHECK(added.exit_code == 0);
    fs::remove(r.key("petrova"));
    git(r.dir(), {"config", "user.signingkey", "key::" + r.public_key("petrova")});
    git(r.dir(), {"config", "user.name", "Петрова Мария"});
    git(r.dir(), {"config", "user.email", "petrova@example.ru"});
    auto result = r.perechen({"approve", "--yes"}, {{"SSH_AUTH_SOCK", socket.string()}});
    ::kill(agent_pid, SIGTERM);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(r.head_message(), "\nPerechen-Approver: petrova\n"));
    CHECK(git(r.dir(), {"log", "-1", "--format=%an <%ae>"}) ==
          "Петрова Мария <petrova@example.ru>\n");
    CHECK(r.git_verify_commit("HEAD").exit_code == 0);
  }
}

TEST_CASE("approve: a signing failure writes nothing, exit code 3") {
  Registry r;
  SECTION("a key path that does not exist") {
    check_refused(
        r,
        [&] {
          return r.perechen({"approve", "--yes", "--key", "no-such-key"});
        },
        "no-such-key", 3);
  }
  SECTION("a private key ssh-keygen cannot use") {
    // Its .pub is the roster's key, so every check passes and only the signing itself fails.
    fs::path broken = r.home() / "keys" / "broken";
    std::ofstream(broken) << "-----BEGIN OPENSSH PRIVATE KEY-----\nbroken\n";
    std::ofstream(broken.string() + ".pub") << r.public_key("sidorov") << "\n";
    check_refused(
        r,
        [&] {
          return r.perechen({"approve", "--yes", "--key", broken.string()});
        },
        "ssh-keygen", 3);
  }
  SECTION("no signing program") {
    git(r.dir(), {"config", "gpg.ssh.program", "perechen-no-such-ssh-keygen"});
    check_refused(
        r, [&] { return r.approve("sidorov"); }, "perechen-no-such-ssh-keygen", 3);
  }
}

// A signing program that waits, before running ssh-keygen, until `count` signings have started
// and `go` exists in `barrier`: whoever runs approve then has read the tip before anyone moves it.
fs::path barrier_signer(const Registry& r, const fs::path& barrier, int count) {
  fs::create_directories(barrier);
  fs::path program = r.home() / "barrier-ssh-keygen";
  std::ofstream(program) << "#!/bin/sh\n"
                         << "b='" << barrier.string() << "'\n"
                         << "touch \"$b/started.$$\"\n"
                         << "i=0\n"
                         << "while [ $i -lt 600 ]; do\n"
                         << "  n=$(ls \"$b\" | grep -c '^started\\.')\n"
                         << "  [ \"$n\" -ge " << count << " ] && [ -e \"$b/go\" ] && break\n"
                         << "  sleep 0.05; i=$((i + 1))\n"
                         << "done\n"
                         << "exec ssh-keygen \"$@\"\n";
  fs::permissions(program, fs::perms::owner_all);
  return program;
}

bool wait_for_signings(const fs::path& barrier, std::size_t count) {
  for (int i = 0; i < 600; ++i) {
    std::size_t started = 0;
    for (const auto& entry : fs::directory_iterator(barrier)) {
      if (entry.path().filename().string().rfind("started.", 0) == 0)
        ++started;
    }
    if (started >= count)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_CASE("approve: two approvers at once both end up recorded") {
  Registry r;
  fs::path barrier = r.home() / "barrier";
  git(r.dir(), {"config", "gpg.ssh.program", barrier_signer(r, barrier, 2).string()});
  std::ofstream(barrier / "go").put('\n');
  std::string before = git(r.dir(), {"rev-parse", "HEAD"});

  RunResult first, second;
  std::thread a([&] { first = r.approve("sidorov"); });
  std::thread b([&] { second = r.approve("petrova"); });
  a.join();
  b.join();
  INFO(first.err << second.err);
  CHECK(first.exit_code == 0);
  CHECK(second.exit_code == 0);
  // Exactly one lost the race and rebuilt on top of the other; the history is a line of two
  // approvals on the first version, both signed, both counted.
  CHECK(contains(first.out, "подписано заново") != contains(second.out, "подписано заново"));
  CHECK(git(r.dir(), {"rev-parse", "HEAD~2"}) == before);
  std::string log = git(r.dir(), {"log", "--format=%B", "HEAD~2..HEAD"});
  CHECK(count_of(log, "Perechen-Approver: sidorov") == 1);
  CHECK(count_of(log, "Perechen-Approver: petrova") == 1);
  CHECK(r.git_verify_commit("HEAD").exit_code == 0);
  CHECK(r.git_verify_commit("HEAD~1").exit_code == 0);
  git(r.dir(), {"config", "--unset", "gpg.ssh.program"});
  REQUIRE(r.approve("ivanova").exit_code == 0);
  CHECK(r.perechen({"verify"}).exit_code == 0);
}

TEST_CASE("approve: content changed while signing is refused, and nothing is recorded") {
  Registry r;
  fs::path barrier = r.home() / "barrier";
  git(r.dir(), {"config", "gpg.ssh.program", barrier_signer(r, barrier, 1).string()});

  RunResult result;
  std::thread a([&] { result = r.approve("sidorov"); });
  bool started = wait_for_signings(barrier, 1);
  // Someone commits a change to a point while the approver is signing.
  std::string text = r.repo().read("points/pay/lk.yaml");
  text.replace(text.find("Видеть начисления"), std::string("Видеть начисления").size(),
               "Видеть все начисления");
  r.repo().write("points/pay/lk.yaml", text);
  r.commit_all("Правка во время согласования");
  std::string changed = git(r.dir(), {"rev-parse", "HEAD"});
  std::ofstream(barrier / "go").put('\n');
  a.join();
  REQUIRE(started);
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "содержимое перечня изменилось"));
  CHECK(git(r.dir(), {"rev-parse", "HEAD"}) == changed);
  CHECK_FALSE(contains(git(r.dir(), {"log", "--format=%B"}), "Perechen-Approval"));
}

TEST_CASE("approve: a roster change is judged by the roster of the last approved version") {
  Registry r;
  r.approve_all();
  // Sidorov makes himself the client-centricity deputy and swaps in a key of his own for Petrova.
  std::string roster = r.repo().read("roster.yaml");
  roster.replace(roster.find("client_centricity: ivanova"), 26, "client_centricity: sidorov");
  r.make_key("petrova-new");
  roster.replace(roster.find(r.public_key("petrova")), r.public_key("petrova").size(),
                 r.public_key("petrova-new"));
  r.repo().write("roster.yaml", roster);
  r.commit_all("Роли");

  check_refused(
      r,
      [&] {
        return r.approve("sidorov", {"--role", "client_centricity"});
      },
      "sidorov не исполняет роль client_centricity: ее исполняет ivanova");
  // A roster change needs client-centricity and every curator, not the process owners.
  check_refused(
      r, [&] { return r.approve("sidorov"); }, "не исполняет ни одной роли");
  check_refused(
      r, [&] { return r.approve("petrova-new"); }, "не найден в списке согласующих");
  REQUIRE(r.approve("petrova").exit_code == 0);
  CHECK(contains(r.head_message(), "\nPerechen-Role: direction_curator pay\n"));
  CHECK(contains(r.head_message(), "\nPerechen-Role: direction_curator docs\n"));
  REQUIRE(r.approve("ivanova").exit_code == 0);
  CHECK(contains(r.head_message(), "\nPerechen-Role: client_centricity\n"));
  CHECK(r.perechen({"verify"}).exit_code == 0);
}

TEST_CASE("approve: a person in the roster without a role the change needs is refused") {
  Registry r;
  r.make_key("kuznetsova");
  std::string roster = r.repo().read("roster.yaml");
  roster.replace(roster.find("roles:"), 6,
                 "  - id: kuznetsova\n    name: Кузнецова Елена\n    keys:\n      - " +
                     r.public_key("kuznetsova") + "\nroles:");
  r.repo().write("roster.yaml", roster);
  r.commit_all("Добавлена Кузнецова");
  check_refused(
      r, [&] { return r.approve("kuznetsova"); },
      "kuznetsova не исполняет ни одной роли, которая нужна этому изменению");
}

TEST_CASE("approve: a registry in a subfolder of the repository") {
  Registry r("registry");
  r.approve_all();
  CHECK(r.perechen({"verify"}).exit_code == 0);
  CHECK(r.git_verify_commit("HEAD").exit_code == 0);
  auto refused = r.approve("ivanova");
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "согласовывать нечего"));
}

// A calendar file is no content (docs/calendar.md): a broken one is validate's finding and
// stops no approval.
TEST_CASE("approve: a broken calendar file of the registry does not stop an approval") {
  Registry r("registry");
  r.repo().write(r.path("calendar/2027.yaml"), "year: 2026\n");
  r.commit_all("календарь с ошибкой");
  CHECK(r.perechen({"validate"}).exit_code == 1);
  r.approve_all();
  CHECK(r.perechen({"verify"}).exit_code == 0);
}

TEST_CASE("approve: --lang en speaks English") {
  Registry r;
  r.make_key("stranger");
  auto result =
      r.perechen({"--lang", "en", "approve", "--yes", "--key", r.key("stranger").string()});
  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "is not in the roster"));
}

TEST_CASE("approve: the prompt shows the old and new text of each changed field") {
  Registry r;
  r.approve_all();
  std::string lk = r.repo().read(r.path("points/pay/lk.yaml"));
  // A long value changed near its end: shortened, the difference must still show.
  const std::string long_start =
      "Видеть начисления и удержания за каждый месяц года, с расшифровкой по видам выплат, ";
  lk = std::regex_replace(lk, std::regex("value: .*"),
                          "value: " + long_start + "без визита в бухгалтерию");
  r.repo().write(r.path("points/pay/lk.yaml"), lk);
  r.commit_all("Уточнена ценность");
  r.approve_all();
  lk =
      std::regex_replace(lk, std::regex("value: .*"), "value: " + long_start + "не выходя из дома");
  lk = std::regex_replace(lk, std::regex("clients: .*"), "clients: [ogu-staff]");
  r.repo().write(r.path("points/pay/lk.yaml"), lk);
  r.commit_all("Личный кабинет для сотрудников ОГУ");
  std::string before = r.state();

  for (const std::string lang : {"ru", "en"}) {
    INFO("--lang " << lang);
    RunResult shown = perechen::test::perechen_on_terminal(
        {"--lang", lang, "approve", "--key", r.key("sidorov").string()}, r.registry(), r.env(),
        "n\n");
    INFO(shown.out);
    CHECK(shown.exit_code == 1);  // declined: nothing written
    CHECK(r.state() == before);
    std::string value = lang == "ru" ? "ценность: " : "value: ";
    std::string client = lang == "ru" ? "внутренний клиент: " : "internal client: ";
    // The value's old and new ends, each beside what it replaced; the shared start cut short.
    CHECK(contains(shown.out, value + "…"));
    CHECK(contains(shown.out, "без визита в бухгалтерию → …"));
    CHECK(contains(shown.out, "не выходя из дома\r\n"));
    CHECK_FALSE(contains(shown.out, long_start + "без визита"));
    // The clients as the items removed and added, with their titles.
    CHECK(contains(shown.out, client + "− Государственные гражданские служащие"));
    CHECK(contains(shown.out, client + "+ Сотрудники ОГУ"));
  }
}

TEST_CASE("approve: the prompt shows every field of an added and a removed row") {
  Registry r;
  r.approve_all();
  std::string lk = r.repo().read(r.path("points/pay/lk.yaml"));
  std::string added = std::regex_replace(lk, std::regex("name: .*"), "name: Чат-бот отдела");
  added = std::regex_replace(added, std::regex("value: .*"), "value: Спросить о выплате ночью");
  r.repo().write(r.path("points/pay/bot.yaml"), added);
  fs::remove(r.dir() / r.path("points/pay/lk.yaml"));
  r.commit_all("Чат-бот вместо личного кабинета");
  std::string before = r.state();

  RunResult shown = perechen::test::perechen_on_terminal(
      {"approve", "--key", r.key("sidorov").string()}, r.registry(), r.env(), "n\n");
  INFO(shown.out);
  CHECK(shown.exit_code == 1);
  CHECK(r.state() == before);
  // The added row whole: its value, client, needs, link and basis, not only its name.
  CHECK(contains(shown.out, "ценность: Спросить о выплате ночью"));
  CHECK(contains(shown.out, "ссылка: https://lk.example.ru"));
  CHECK(contains(shown.out, "внутренний клиент: Государственные гражданские служащие"));
  CHECK(contains(shown.out, "основание (п. 2.4): "));
  CHECK(contains(shown.out, "потребности:"));
  // The removed row: what disappears.
  CHECK(contains(shown.out, "ценность: Видеть начисления"));
}

TEST_CASE("approve: a role of two holders is approved by either, in the capacity the roster says") {
  Registry r;
  r.make_key("kozlov");
  std::string roster = r.repo().read("roster.yaml");
  roster.replace(roster.find("roles:"), 6,
                 "  - id: kozlov\n    name: Козлов Иван Ильич\n    position: Заместитель "
                 "начальника отдела\n    acting: и.о. начальника отдела бухгалтерского учета\n"
                 "    keys:\n      - " +
                     r.public_key("kozlov") + "\nroles:");
  roster = std::regex_replace(roster, std::regex("salary: sidorov"), "salary: [sidorov, kozlov]");
  r.repo().write("roster.yaml", roster);
  r.commit_all("Козлов исполняет обязанности начальника отдела");
  REQUIRE(r.perechen({"validate"}).exit_code == 0);
  r.approve_all();
  REQUIRE(r.perechen({"verify"}).exit_code == 0);

  // A change of salary while sidorov is on leave: kozlov approves as its owner.
  std::string lk = r.repo().read("points/pay/lk.yaml");
  lk = std::regex_replace(lk, std::regex("value: .*"), "value: Видеть расчетный листок онлайн");
  r.repo().write("points/pay/lk.yaml", lk);
  r.commit_all("Уточнена ценность");

  auto pending = r.perechen({"status"});
  INFO(pending.out);
  // Either holder may approve; both are named, the one standing in with the capacity.
  CHECK(contains(pending.out,
                 "Сидоров Петр Николаевич (sidorov) или Козлов Иван Ильич (kozlov), "
                 "и.о. начальника отдела бухгалтерского учета"));

  auto approved = r.approve("kozlov");
  INFO(approved.out << approved.err);
  REQUIRE(approved.exit_code == 0);
  CHECK(contains(approved.out, "и.о. начальника отдела бухгалтерского учета"));
  REQUIRE(r.approve("petrova").exit_code == 0);
  REQUIRE(r.approve("ivanova").exit_code == 0);
  // sidorov's approval is not needed: the role is covered.
  CHECK(r.perechen({"verify"}).exit_code == 0);
  auto again = r.approve("sidorov");
  CHECK(again.exit_code == 1);

  auto status = r.perechen({"status"});
  INFO(status.out);
  CHECK(contains(status.out,
                 "Козлов Иван Ильич (kozlov), и.о. начальника отдела бухгалтерского "
                 "учета"));
  auto json = r.perechen({"status", "--format", "json"});
  CHECK(contains(json.out, "\"holders\": [\n        \"sidorov\",\n        \"kozlov\"\n      ]"));
  CHECK(contains(json.out, "\"acting\": \"и.о. начальника отдела бухгалтерского учета\""));
  auto md = r.perechen({"status", "--format", "md"});
  CHECK(contains(md.out, "Козлов Иван Ильич (kozlov), и.о. начальника отдела"));

  // The approval sheet names the capacity in place of the position.
  auto sheet = r.perechen({"export", "--format", "json"});
  INFO(sheet.err);
  REQUIRE(sheet.exit_code == 0);
  CHECK(contains(sheet.out, "\"position\": \"и.о. начальника отдела бухгалтерского учета\""));

  // A holder who is nobody of the roster is reported where it is written.
  roster = std::regex_replace(r.repo().read("roster.yaml"), std::regex("\\[sidorov, kozlov\\]"),
                              "[sidorov, kozlova]");
  r.repo().write("roster.yaml", roster);
  auto bad = r.perechen({"validate"});
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.out + bad.err, "«kozlova» нет среди people в roster.yaml"));
}

TEST_CASE("a shallow clone: perechen says the history is cut and how to fetch it") {
  Registry r;
  r.approve_all();
  TempDir clone;
  git(clone.path(), {"clone", "-q", "--depth", "1", "file://" + r.dir().string(), "shallow"});
  RunResult status = perechen::test::perechen({"status"}, clone.path() / "shallow", r.env());
  INFO(status.out << status.err);
  CHECK(status.exit_code == 3);
  CHECK(contains(status.err, "история репозитория обрезана"));
  CHECK(contains(status.err, "git fetch --unshallow"));
}

TEST_CASE("a repository of another user: what git says, and the safe.directory fix") {
  if (geteuid() != 0)
    PERECHEN_SKIP("only root can give a folder to another user");
  Registry r;
  REQUIRE(perechen::test::run({"chown", "-R", "nobody", r.dir().string()}).exit_code == 0);
  RunResult status = r.perechen({"status"});
  perechen::test::run({"chown", "-R", "root", r.dir().string()});
  INFO(status.out << status.err);
  CHECK(status.exit_code == 3);
  CHECK(contains(status.err, "принадлежит другому пользователю"));
  CHECK(contains(status.err, "git config --global --add safe.directory " + r.dir().string()));
  CHECK_FALSE(contains(status.err, "git init"));
}

// Issue 20, item 10: a key protected by a passphrase. perechen asks for it in its own words (never
// ssh-keygen's English), suggests ssh-agent, and a wrong passphrase is asked again while the
// confirmed approval waits: it is recorded once the right one is typed.
TEST_CASE("approve: a passphrase-protected key is asked for in perechen's words, again if wrong") {
  Registry r;
  const std::string good = "верная фраза";
  perechen::test::run(
      {"ssh-keygen", "-q", "-p", "-P", "", "-N", good, "-f", r.key("sidorov").string()});
  REQUIRE(contains(read_file(r.key("sidorov")), "OPENSSH PRIVATE KEY"));
  // No FILE.pub while approving: the public half is read from the private key, and the passphrase
  // is still asked for once, in our words. (The test's allowed signers are made from FILE.pub.)
  const fs::path pub = r.key("sidorov").string() + ".pub";
  const std::string pub_line = read_file(pub);
  auto refs = [&] { return git(r.dir(), {"rev-parse", "HEAD"}) + git(r.dir(), {"for-each-ref"}); };
  const std::string before = refs();
  const std::string head = git(r.dir(), {"rev-parse", "HEAD"});

  for (const std::string lang : {"ru", "en"}) {
    INFO("--lang " << lang);
    const std::string prompt = lang == "ru" ? "Парольная фраза ключа" : "Passphrase of the key";
    fs::remove(pub);
    RunResult shown = perechen::test::perechen_in_dialogue(
        {"--lang", lang, "approve", "--key", r.key("sidorov").string()}, r.registry(), r.env(),
        {{"[y/N]", lang == "ru" ? "да\n" : "y\n"},
         {prompt, "не та фраза\n"},
         {prompt, good + "\n"}});
    INFO(shown.out);
    CHECK(shown.exit_code == 0);
    CHECK(count_of(shown.out, prompt) == 2);
    CHECK(count_of(shown.out, "[y/N]") == 1);  // confirmed once, kept over the wrong passphrase
    CHECK(contains(shown.out, "ssh-add " + r.key("sidorov").string()));
    CHECK(contains(shown.out, lang == "ru" ? "Парольная фраза не подошла; введите ее еще раз"
                                           : "The passphrase is wrong; type it again"));
    CHECK_FALSE(contains(shown.out, "Enter passphrase"));
    CHECK_FALSE(contains(shown.out, "incorrect passphrase"));
    CHECK_FALSE(contains(shown.out, good));  // never echoed
    std::ofstream(pub) << pub_line;
    CHECK(git(r.dir(), {"rev-parse", "HEAD"}) != head);  // the approval is recorded
    CHECK(r.git_verify_commit("HEAD").exit_code == 0);
    // Back to where the test began, for the other language.
    git(r.dir(), {"reset", "-q", "--hard", head.substr(0, 40)});
    CHECK(refs() == before);
  }

  // Three wrong passphrases: nothing is recorded, and the message says so.
  RunResult wrong = perechen::test::perechen_in_dialogue(
      {"approve", "--key", r.key("sidorov").string()}, r.registry(), r.env(),
      {{"[y/N]", "да\n"},
       {"Парольная фраза ключа", "1\n"},
       {"Парольная фраза ключа", "2\n"},
       {"Парольная фраза ключа", "3\n"}});
  INFO(wrong.out);
  CHECK(wrong.exit_code == 3);
  CHECK(contains(wrong.out, "не подошла 3 раза; согласование не записано"));
  CHECK(refs() == before);
}

TEST_CASE(
    "approve: a passphrase-protected key held by ssh-agent asks nothing; without a terminal "
    "or agent it says to use ssh-agent") {
  Registry r;
  fs::path socket = r.home() / "agent.sock";
  auto agent = perechen::test::run({"ssh-agent", "-s", "-a", socket.string()});
  REQUIRE(agent.exit_code == 0);
  auto at = agent.out.find("SSH_AGENT_PID=");
  REQUIRE(at != std::string::npos);
  pid_t agent_pid = std::stoi(agent.out.substr(at + 14));
  // The agent holds the key; the file on disk is then protected by a passphrase.
  auto added = perechen::test::run({"ssh-add", "-q", r.key("sidorov").string()}, {},
                                   {{"SSH_AUTH_SOCK", socket.string()}});
  CHECK(added.exit_code == 0);
  perechen::test::run(
      {"ssh-keygen", "-q", "-p", "-P", "", "-N", "фраза", "-f", r.key("sidorov").string()});
  const std::string before = r.state();

  auto alone = r.approve("sidorov");  // --yes, no terminal, no agent
  INFO(alone.err);
  CHECK(alone.exit_code == 3);
  CHECK(contains(alone.err, "ssh-add " + r.key("sidorov").string()));
  CHECK_FALSE(contains(alone.err, "Enter passphrase"));
  CHECK(r.state() == before);

  auto with_agent = r.perechen({"approve", "--key", r.key("sidorov").string(), "--yes"},
                               {{"SSH_AUTH_SOCK", socket.string()}});
  ::kill(agent_pid, SIGTERM);
  INFO(with_agent.err);
  CHECK(with_agent.exit_code == 0);
  CHECK(r.git_verify_commit("HEAD").exit_code == 0);
}
