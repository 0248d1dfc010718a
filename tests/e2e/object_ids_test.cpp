// SPDX-License-Identifier: Apache-2.0
// Only object ids are trusted (spec §5.1, rule 9), as a user meets it: an anchor is an object id,
// so no tag or branch named like the pinned id (or its abbreviation) takes its place, even after a
// force push removed the real commit; and a revision that names both a branch and a tag, or a ref
// and the beginning of an id, is refused on every command that takes one, naming both.

#include <catch2/catch.hpp>

#include "approved_fixture.hpp"

using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;
using perechen::test::TempDir;

namespace {

// An orphan branch `evil` whose first version brings a roster of other keys and is approved by
// them: the second root of trust anyone who can push can make. Returns the approval that
// completed it; main stays checked out.
std::string evil_root(const Approved& r, const TempDir& keys) {
  perechen::test::People evil = perechen::test::make_people(keys);
  git(r.dir.path(), {"checkout", "-q", "--orphan", "evil"});
  r.dir.write("roster.yaml", perechen::test::roster_yaml(evil));
  r.dir.replace("points/pay/lk.yaml", "https://lk.example.ru", "https://evil.example.ru");
  perechen::test::commit_all(r.dir.path(), "evil first version");
  r.approve(evil.sidorov, "sidorov",
            {"process_owner salary", "process_owner vacation", "process_owner certificates"});
  r.approve(evil.petrova, "petrova", {"direction_curator pay", "direction_curator docs"});
  std::string last = r.approve(evil.ivanova, "ivanova", {"client_centricity"});
  REQUIRE(r.perechen({"verify"}).exit_code == 0);  // on its own, one root: approved
  git(r.dir.path(), {"checkout", "-q", "-f", "main"});
  return last;
}

// Every command that takes a revision, given `rev`.
std::vector<std::vector<std::string>> taking(const std::string& rev) {
  return {
      {"status", "--rev", rev},
      {"verify", rev},
      {"diff", rev},
      {"diff", "approved", rev},
      {"export", "--format", "csv", "--rev", rev},
      {"roster", "allowed-signers", "--rev", rev},
  };
}

std::vector<std::string> english(std::vector<std::string> args) {
  args.insert(args.begin(), {"--lang", "en"});
  return args;
}

}  // namespace

TEST_CASE("a tag named like the pinned id does not replace it once the commit is gone") {
  // The forge's main was force-pushed to another history that approves itself, with a tag named
  // like the id CI pins; a fresh clone has no object of that id.
  Approved real;
  Approved impostor;
  git(impostor.dir.path(), {"update-ref", "refs/tags/" + real.approved, impostor.approved});
  REQUIRE(impostor.perechen({"verify", "--anchor", impostor.approved}).exit_code == 0);

  auto option = impostor.perechen({"--lang", "en", "verify", "--anchor", real.approved});
  CHECK(option.exit_code == 2);
  CHECK(option.err == "perechen: --anchor " + real.approved + ": no such commit\n");
  CHECK(option.out.empty());

  git(impostor.dir.path(), {"config", "perechen.anchor", real.approved});
  auto setting = impostor.perechen({"--lang", "en", "verify"});
  CHECK(setting.exit_code == 3);
  CHECK(setting.err == "perechen: the git setting perechen.anchor = " + real.approved +
                           ": no such commit; fix it (git config perechen.anchor <commit>) or "
                           "remove it (git config --unset perechen.anchor)\n");
  auto russian = impostor.perechen({"status"});
  CHECK(russian.exit_code == 3);
  CHECK(contains(russian.err, "настройка git perechen.anchor = " + real.approved +
                                  ": нет такого коммита; исправьте ее"));
}

TEST_CASE("a tag or a branch named like the pinned id or its abbreviation changes nothing") {
  Approved r;
  TempDir keys;
  std::string evil = evil_root(r, keys);
  const std::string full = r.approved;
  const std::string abbreviation = r.approved.substr(0, 12);
  const std::string shortest = r.approved.substr(0, 7);
  git(r.dir.path(), {"update-ref", "refs/tags/" + full, evil});
  git(r.dir.path(), {"update-ref", "refs/tags/" + abbreviation, evil});
  git(r.dir.path(), {"update-ref", "refs/heads/" + shortest, evil});

  for (const std::string& anchor : {full, abbreviation, shortest}) {
    INFO(anchor);
    // The real anchor: main is approved under it, the impostor's line is not on its chain.
    auto main = r.perechen({"--lang", "en", "verify", "main", "--anchor", anchor});
    CHECK(main.exit_code == 0);
    json status = json::parse(r.perechen({"status", "--format", "json", "--anchor", anchor}).out);
    CHECK(status["base"]["anchored"] == true);
    CHECK(status["base"]["commit"] == full);
    auto impostor = r.perechen({"--lang", "en", "verify", "evil", "--anchor", anchor});
    CHECK(impostor.exit_code == 1);
    CHECK(contains(impostor.err, full));

    // The same from git's setting.
    git(r.dir.path(), {"config", "perechen.anchor", anchor});
    CHECK(r.perechen({"verify", "main"}).exit_code == 0);
    CHECK(r.perechen({"verify", "evil"}).exit_code == 1);
    git(r.dir.path(), {"config", "--unset", "perechen.anchor"});
  }
}

TEST_CASE("an anchor that is not a commit id is refused, saying what an anchor is") {
  Approved r;
  git(r.dir.path(), {"tag", "pinned", r.approved});
  auto ref = r.perechen({"--lang", "en", "verify", "--anchor", "pinned"});
  CHECK(ref.exit_code == 2);
  CHECK(ref.err ==
        "perechen: --anchor pinned: an anchor is a commit id (40 hex digits, or at least the first "
        "7 of them), not a branch or tag name\n");
  CHECK(r.perechen({"verify", "--anchor", "main"}).exit_code == 2);
  CHECK(r.perechen({"verify", "--anchor", "HEAD"}).exit_code == 2);
  CHECK(r.perechen({"verify", "--anchor", r.approved + "^0"}).exit_code == 2);

  auto too_short = r.perechen({"--lang", "en", "verify", "--anchor", r.approved.substr(0, 6)});
  CHECK(too_short.exit_code == 2);
  CHECK(too_short.err == "perechen: --anchor " + r.approved.substr(0, 6) +
                             ": an abbreviated id needs at least 7 hex digits\n");

  std::string tree = git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  auto not_commit = r.perechen({"--lang", "en", "verify", "--anchor", tree});
  CHECK(not_commit.exit_code == 2);
  CHECK(not_commit.err ==
        "perechen: --anchor " + tree + ": the object " + tree + " is not a commit\n");

  git(r.dir.path(), {"config", "perechen.anchor", "pinned"});
  auto setting = r.perechen({"verify"});
  CHECK(setting.exit_code == 3);
  CHECK(contains(setting.err,
                 "настройка git perechen.anchor = pinned: якорь — идентификатор "
                 "коммита (40 шестнадцатеричных цифр или не меньше 7 первых из них), "
                 "а не имя ветки или тега"));
}

TEST_CASE("a revision that names both a branch and a tag is refused by every command") {
  Approved r;
  // An unapproved change on main, and a tag called main on the approved commit: read as the tag,
  // `verify main` would pass.
  r.dir.replace("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  perechen::test::commit_all(r.dir.path(), "unapproved change");
  git(r.dir.path(), {"tag", "main", r.approved});

  const std::string expected =
      "perechen: the revision «main» is ambiguous: it names refs/heads/main, refs/tags/main; "
      "write the full name of the one you mean (refs/heads/…, refs/tags/…) or its commit id\n";
  for (const auto& command : taking("main")) {
    INFO(command.front() << " " << command.back());
    auto result = r.perechen(english(command));
    CHECK(result.exit_code == 2);
    CHECK(result.err == expected);
    CHECK(result.out.empty());
  }
  auto russian = r.perechen({"verify", "main"});
  CHECK(russian.exit_code == 2);
  CHECK(contains(russian.err,
                 "ревизия «main» неоднозначна: так называются refs/heads/main, refs/tags/main"));

  // Written in full, each means what it says.
  CHECK(r.perechen({"verify", "refs/heads/main"}).exit_code == 1);
  CHECK(r.perechen({"verify", "refs/tags/main"}).exit_code == 0);
  CHECK(r.perechen({"verify"}).exit_code == 1);  // HEAD is the checked-out commit
}

TEST_CASE("a branch named like the beginning of a commit id is refused as a revision") {
  Approved r;
  r.dir.replace("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  std::string head = perechen::test::commit_all(r.dir.path(), "unapproved change");
  std::string abbreviation = r.approved.substr(0, 12);
  REQUIRE(r.perechen({"verify", abbreviation}).exit_code == 0);
  git(r.dir.path(), {"branch", abbreviation, head});

  for (const auto& command : taking(abbreviation)) {
    INFO(command.front() << " " << command.back());
    auto result = r.perechen(english(command));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err,
                   "it names refs/heads/" + abbreviation + ", the object " + r.approved + ";"));
  }
  // The full id is the object, whatever refs are called.
  git(r.dir.path(), {"update-ref", "refs/tags/" + r.approved, head});
  CHECK(r.perechen({"verify", r.approved}).exit_code == 0);
}
