// SPDX-License-Identifier: Apache-2.0
// Anchors on every command that judges approvals (spec §5.1, rule 3): `--anchor COMMIT` on status,
// verify, approve, diff, export, publish and roster allowed-signers, git's perechen.anchor as the
// default (the option wins), a bad anchor said plainly, and the commit to pin printed by `init`
// and by the approval that completes the first version.

#include <catch2/catch.hpp>

#include "approved_fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;

namespace {

// Every command that judges approvals, as a user would call it.
const std::vector<std::vector<std::string>> kJudging{
    {"status"},
    {"verify"},
    {"diff", "approved", "HEAD"},
    {"export", "--format", "csv"},
    {"publish", "--dir", "site", "--date", "2026-03-03"},
    {"roster", "allowed-signers"},
};

// A commit id that no object of the test repositories has.
const std::string kNoSuchCommit = "0123456789abcdef0123456789abcdef01234567";

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// A commit of another history in the same repository: an orphan branch with a registry.
std::string orphan_commit(const Approved& r) {
  git(r.dir.path(), {"checkout", "-q", "--orphan", "other"});
  r.dir.write("points/pay/extra.yaml", r.dir.read("points/pay/lk.yaml"));
  std::string id = perechen::test::commit_all(r.dir.path(), "another root");
  git(r.dir.path(), {"checkout", "-q", "main"});
  return id;
}

}  // namespace

TEST_CASE("a bad --anchor is a usage error on every command that judges approvals") {
  Approved r;
  std::vector<std::vector<std::string>> commands = kJudging;
  commands.push_back({"approve", "--key", r.people.ivanova.file.string(), "--yes"});
  for (const auto& command : commands) {
    INFO(command.front());
    auto result = r.perechen(with(with({"--lang", "en"}, command), {"--anchor", kNoSuchCommit}));
    CHECK(result.exit_code == 2);
    CHECK(result.err == "perechen: --anchor " + kNoSuchCommit + ": no such commit\n");
  }
  CHECK_FALSE(fs::exists(r.dir.path() / "site"));
}

TEST_CASE("every command that judges approvals takes --anchor") {
  Approved r;
  git(r.dir.path(), {"config", "user.signingkey", r.people.ivanova.file.string()});  // publish
  for (const auto& command : kJudging) {
    INFO(command.front());
    auto result = r.perechen(with(command, {"--anchor", r.approved}));
    CHECK(result.exit_code == 0);
  }
  json anchored =
      json::parse(r.perechen({"status", "--format", "json", "--anchor", r.approved}).out);
  CHECK(anchored["base"]["anchored"] == true);
  CHECK(anchored["base"]["commit"] == r.approved);
  CHECK(r.status_json()["base"]["anchored"] == false);
}

TEST_CASE("git's perechen.anchor is the default, and --anchor wins over it") {
  Approved r;
  std::string other = orphan_commit(r);
  git(r.dir.path(), {"config", "perechen.anchor", other});
  git(r.dir.path(), {"config", "user.signingkey", r.people.ivanova.file.string()});  // publish
  // The setting is read by every command: its commit is not in main's history.
  for (const auto& command : kJudging) {
    INFO(command.front());
    auto result = r.perechen(with({"--lang", "en"}, command));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, other));
  }
  CHECK_FALSE(fs::exists(r.dir.path() / "site" / "perechen.html"));
  for (const auto& command : kJudging) {
    INFO(command.front());
    CHECK(r.perechen(with(command, {"--anchor", r.approved})).exit_code == 0);
  }

  git(r.dir.path(), {"config", "perechen.anchor", kNoSuchCommit});
  auto bad = r.perechen({"--lang", "en", "verify"});
  CHECK(bad.exit_code == 3);
  CHECK(bad.err == "perechen: the git setting perechen.anchor = " + kNoSuchCommit +
                       ": no such commit; fix it (git config perechen.anchor <commit>) or remove "
                       "it (git config --unset perechen.anchor)\n");
  auto russian = r.perechen({"verify"});
  CHECK(russian.exit_code == 3);
  CHECK(contains(russian.err,
                 "настройка git perechen.anchor = " + kNoSuchCommit + ": нет такого коммита"));
  CHECK(r.perechen({"verify", "--anchor", r.approved}).exit_code == 0);
}

TEST_CASE("approve: the approval completing the first version prints the commit to pin") {
  Approved r(false);
  auto run_approve = [&](const perechen::test::Key& key, const std::string& lang) {
    return r.perechen({"--lang", lang, "approve", "--key", key.file.string(), "--yes"});
  };
  auto sidorov = run_approve(r.people.sidorov, "ru");
  REQUIRE(sidorov.exit_code == 0);
  CHECK_FALSE(contains(sidorov.out, "perechen.anchor"));
  REQUIRE(run_approve(r.people.petrova, "ru").exit_code == 0);
  auto last = run_approve(r.people.ivanova, "ru");
  REQUIRE(last.exit_code == 0);
  std::string commit = r.head();
  CHECK(contains(last.out, "Это первая согласованная версия — корень доверия."));
  CHECK(contains(last.out, "\n  git config perechen.anchor " + commit + "\n"));
  CHECK(contains(last.out, "PERECHEN_ANCHOR=" + commit));

  // Pinned as told, it is what verify trusts.
  git(r.dir.path(), {"config", "perechen.anchor", commit});
  CHECK(r.perechen({"verify"}).exit_code == 0);
  CHECK(r.status_json()["base"]["anchored"] == true);

  // A later change is no first version: nothing to pin.
  std::string text = r.dir.read("points/pay/lk.yaml");
  r.dir.write("points/pay/lk.yaml", text + "# правка\n");
  perechen::test::commit_all(r.dir.path(), "layout");
  auto later = run_approve(r.people.ivanova, "en");
  CHECK(later.exit_code == 0);
  CHECK_FALSE(contains(later.out, "perechen.anchor"));
}

TEST_CASE("approve: English advice to pin the root of trust") {
  Approved r(false);
  for (const auto* key : {&r.people.sidorov, &r.people.petrova}) {
    REQUIRE(r.perechen({"approve", "--key", key->file.string(), "--yes"}).exit_code == 0);
  }
  auto last =
      r.perechen({"--lang", "en", "approve", "--key", r.people.ivanova.file.string(), "--yes"});
  REQUIRE(last.exit_code == 0);
  CHECK(contains(last.out, "This is the first approved version, the root of trust. Pin it"));
  CHECK(contains(last.out, "  git config perechen.anchor " + r.head() + "\n"));
}

TEST_CASE("init says how the root of trust will be pinned") {
  perechen::test::TempDir dir;
  auto ru = perechen::test::perechen({"init", "reg"}, dir.path());
  CHECK(ru.exit_code == 0);
  CHECK(contains(ru.out, "git config perechen.anchor <коммит>"));
  auto en = perechen::test::perechen({"--lang", "en", "init", "reg2"}, dir.path());
  CHECK(contains(en.out,
                 "pin it: git config perechen.anchor <commit> and the CI variable "
                 "PERECHEN_ANCHOR"));
}
