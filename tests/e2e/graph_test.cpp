// SPDX-License-Identifier: Apache-2.0
// Approvals over the whole commit graph (spec §5.1), as a registry hosted on a forge lives: changes
// made on branches, approved there with real SSH keys (`git commit -S`), and landed on main by a
// merge commit, a fast-forward, a squash or a rebase; and the attacks that need only the right to
// push: a rollback merge, a second root of trust, a replayed change, approvals that name another
// content or are signed by a stranger. Each test runs perechen as a user does and checks its exit
// code and what status says.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "forge.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace perechen;
using perechen::test::Forge;
using perechen::test::Key;
using perechen::test::kLk;
using perechen::test::kLkUrl;
using perechen::test::kWindow;
using perechen::test::kWindowRoom;
using perechen::test::TempDir;

TEST_CASE("a pull request approved on its branch and merged with a merge commit stays approved") {
  Forge f;
  f.approved_branch("pr", "main", kLk, kLkUrl, "https://lk2.example.ru");
  CHECK(f.verify("pr") == 0);
  f.git({"merge", "-q", "--no-ff", "-m", "Merge pull request #1", "pr"});
  CHECK(f.verify() == 0);
  json s = f.status();
  CHECK(s["approved"] == true);
  CHECK(s["tips"].size() == 1);
}

TEST_CASE("a pull request approved on its branch and fast-forwarded stays approved") {
  Forge f;
  f.approved_branch("pr", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.git({"merge", "-q", "--ff-only", "pr"});
  CHECK(f.verify() == 0);
}

TEST_CASE("two pull requests on different processes, approved on one base, both land") {
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.approved_branch("pr2", "main", kWindow, kWindowRoom, "каб. 14");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  CHECK(f.verify() == 0);
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #2", "pr2"});
  // The second is the same change on a newer base: its approvals count once more.
  CHECK(f.verify() == 0);
  json s = f.status();
  CHECK(s["approved"] == true);
  CHECK(s["approved_commit"] == f.rev("HEAD"));
}

TEST_CASE("two pull requests that change one point differently need the result approved") {
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.approved_branch("pr2", "main", kLk, kLkUrl, "https://lk3.example.ru");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  std::string one = f.rev("HEAD");
  // A conflict, resolved by taking the second pull request's line.
  auto merged = test::run({"git", "-c", "user.name=T", "-c", "user.email=t@e", "merge", "-q",
                           "--no-ff", "-m", "Merge #2", "pr2"},
                          f.dir.path());
  CHECK(merged.exit_code != 0);
  f.git({"checkout", "--theirs", kLk});
  f.git({"add", kLk});
  f.git({"commit", "-q", "--no-edit"});
  CHECK(f.verify() == 1);
  json s = f.status();
  CHECK(s["approved"] == false);
  // The pending change goes from what main had approved, the first pull request.
  CHECK(s["base"]["commit"] == f.status(one)["base"]["commit"]);
  CHECK(f.required_roles(s) == std::vector<std::string>{"process_owner salary",
                                                        "direction_curator pay",
                                                        "client_centricity"});
  f.approve_all();
  CHECK(f.verify() == 0);
}

TEST_CASE("a branch into which main was merged needs only its own change approved") {
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.git({"checkout", "-q", "-b", "pr2", "main"});
  f.git({"checkout", "-q", "main"});
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  f.git({"checkout", "-q", "pr2"});
  f.edit(kWindow, kWindowRoom, "каб. 14");
  f.commit("window");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge main into pr2", "main"});
  json s = f.status();
  CHECK(s["approved"] == false);
  // From main's approved version: the vacation change only, not the salary one main brought.
  CHECK(f.required_roles(s) == std::vector<std::string>{"process_owner vacation",
                                                        "direction_curator pay",
                                                        "client_centricity"});
  f.approve_all();
  f.git({"checkout", "-q", "main"});
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #2", "pr2"});
  CHECK(f.verify() == 0);

  SECTION("approved first, then main merged in: still approved") {
    f.approved_branch("pr3", "main", kLk, "https://lk2.example.ru", "https://lk4.example.ru");
    f.edit(kWindow, "каб. 14", "каб. 15");
    f.commit("window again on main");
    f.approve_all();
    f.git({"checkout", "-q", "pr3"});
    f.git({"merge", "-q", "--no-ff", "-m", "Merge main into pr3", "main"});
    CHECK(f.verify() == 0);
  }
}

TEST_CASE("a squash merge lands an unapproved change, and status names the branch") {
  Forge f;
  f.approved_branch("feature/url", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.git({"merge", "-q", "--squash", "feature/url"});
  f.git({"commit", "-q", "-m", "Squashed pull request"});
  CHECK(f.verify() == 1);
  json s = f.status();
  CHECK(s["approved"] == false);
  REQUIRE(s["approvals_elsewhere"].is_object());
  CHECK(s["approvals_elsewhere"]["branch"] == "feature/url");
  auto text = f.perechen({"--lang", "en", "status"});
  CHECK(text.out.find("feature/url") != std::string::npos);
  CHECK(text.out.find("squash") != std::string::npos);
}

TEST_CASE("a rebase merge drops the approval commits: what it lands needs approving") {
  Forge f;
  f.approved_branch("pr1", "main", kWindow, kWindowRoom, "каб. 14");
  f.approved_branch("pr2", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  f.git({"branch", "pr2-approved", "pr2"});
  f.git({"checkout", "-q", "pr2"});
  // git rebase, as forges do it, rewrites the approval commits: their signatures are gone.
  f.git({"rebase", "-q", "main"});
  f.git({"checkout", "-q", "main"});
  f.git({"merge", "-q", "--ff-only", "pr2"});
  CHECK(f.verify() == 1);
  json s = f.status();
  CHECK(s["approvals_elsewhere"]["branch"] == "pr2-approved");
}

TEST_CASE("a rollback by a fast-forward merge onto an old approved commit is refused") {
  Forge f;
  std::string old = f.rev("HEAD");
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("url");
  f.approve_all();
  // A merge whose first parent is the old approved commit: pushing it to main is a fast-forward.
  std::string tree = f.rev(old + "^{tree}");
  std::string rollback =
      f.git({"commit-tree", tree, "-p", old, "-p", "main", "-m", "rollback"}).substr(0, 40);
  std::string swapped =
      f.git({"commit-tree", tree, "-p", "main", "-p", old, "-m", "rollback"}).substr(0, 40);
  f.git({"update-ref", "refs/heads/main", rollback});
  CHECK(f.verify(rollback) == 1);
  CHECK(f.verify(rollback, {"--anchor", f.first}) == 1);
  json s = f.status(rollback);
  CHECK(s["approved"] == false);
  CHECK(s["pending"].is_object());
  // The pending change is the revert, from the newest approved version.
  CHECK(f.required_roles(s) == std::vector<std::string>{"process_owner salary",
                                                        "direction_curator pay",
                                                        "client_centricity"});
  // The order of the parents changes nothing.
  CHECK(f.verify(swapped) == 1);
  json t = f.status(swapped);
  CHECK(t["approved"] == s["approved"]);
  CHECK(t["base"]["commit"] == s["base"]["commit"]);
  CHECK(f.required_roles(t) == f.required_roles(s));
}

TEST_CASE("a second first version with its own roster is refused unless an anchor names one") {
  Forge f;
  std::string main = f.rev("main");
  // An orphan branch with a roster of keys the attacker made, self-approved.
  TempDir elsewhere;
  test::People evil = test::make_people(elsewhere);
  f.git({"checkout", "-q", "--orphan", "evil"});
  f.dir.write("roster.yaml", test::roster_yaml(evil));
  f.edit(kLk, kLkUrl, "https://evil.example.ru");
  f.commit("evil first version");
  f.people = evil;
  f.approve_all();  // approved on its own: its history has one root
  std::string evil_tip = f.rev("HEAD");
  std::string merged =
      f.git({"commit-tree", evil_tip + "^{tree}", "-p", evil_tip, "-p", main, "-m", "Merge"})
          .substr(0, 40);
  CHECK(f.verify(merged) == 1);
  json s = f.status(merged);
  CHECK(s["approved"] == false);
  CHECK(s["untrusted_roots"] == true);
  CHECK(s["roots"].size() == 2);
  auto text = f.perechen({"--lang", "en", "verify", merged});
  CHECK(text.out.find("--anchor") != std::string::npos);
  // Under the real anchor the orphan line is a change, judged by the anchored roster.
  CHECK(f.verify(merged, {"--anchor", f.first}) == 1);
  CHECK(f.verify(main, {"--anchor", f.first}) == 0);
}

TEST_CASE("two first versions grown from one root are two roots of trust") {
  Forge f;
  std::string root = f.rev("main~3");  // the first commit, before any approval
  TempDir elsewhere;
  test::People evil = test::make_people(elsewhere);
  f.git({"checkout", "-q", "-b", "evil", root});
  f.dir.write("roster.yaml", test::roster_yaml(evil));
  f.commit("roster of other keys");
  f.people = evil;
  f.approve_all();
  std::string evil_tip = f.rev("HEAD");
  std::string merged =
      f.git({"commit-tree", evil_tip + "^{tree}", "-p", evil_tip, "-p", "main", "-m", "Merge"})
          .substr(0, 40);
  CHECK(f.verify(merged) == 1);
  CHECK(f.status(merged)["untrusted_roots"] == true);
  CHECK(f.verify(merged, {"--anchor", f.first}) == 1);
}

TEST_CASE("a change replayed after its approved revert needs approving again") {
  Forge f;
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("url");
  f.approve_all();
  f.edit(kLk, "https://lk2.example.ru", kLkUrl);
  f.commit("revert url");
  f.approve_all();
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("url again");
  CHECK(f.verify() == 1);
  json s = f.status();
  CHECK(s["approved"] == false);
  // Merging the old approvals back in does not help either: they are spent.
  std::string tree = f.rev("HEAD^{tree}");
  std::string old = f.rev("main~5");  // the last approval of the first url change
  std::string merged =
      f.git({"commit-tree", tree, "-p", "HEAD", "-p", old, "-m", "bring back"}).substr(0, 40);
  CHECK(f.verify(merged) == 1);
}

TEST_CASE("a signed approval whose trailers name another content counts for nothing") {
  Forge f;
  std::string old_content = f.status()["content"];
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("url");
  json now = f.status();
  test::approve_with_git(f.dir.path(), f.people.ivanova,
                         test::approval_message(old_content, now["approved_commit"], "ivanova",
                                                {"client_centricity"}));
  CHECK(f.verify() == 1);
  CHECK(f.rejections(f.status()) == std::vector<std::string>{"stale-content"});
}

TEST_CASE("an approval signed with a key outside the roster is refused before any content check") {
  Forge f;
  std::string v0 = f.status()["approved_commit"];
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("url");
  f.approve_all();
  f.edit(kWindow, kWindowRoom, "каб. 14");
  f.commit("window");
  json now = f.status();
  Key stranger = test::make_key(f.dir, "stranger");
  // Made against the older version: only a comparison of changes could tell it apart, and the
  // stranger's key is refused before that.
  test::approve_with_git(
      f.dir.path(), stranger,
      test::approval_message(now["content"], v0, "ivanova", {"client_centricity"}));
  CHECK(f.rejections(f.status()) == std::vector<std::string>{"key-not-in-roster"});
  // The same from the roster's key is judged further: it is another change than the one pending.
  test::approve_with_git(
      f.dir.path(), f.people.ivanova,
      test::approval_message(now["content"], v0, "ivanova", {"client_centricity"}));
  CHECK(f.rejections(f.status()) == std::vector<std::string>{"key-not-in-roster", "other-change"});
  CHECK(f.verify() == 1);
}

TEST_CASE(
    "many merges of the same approved branches are one version: a merge of them has one tip") {
  // Pushed with git plumbing, no key needed: 30 merge commits of the same two approved pull
  // requests, each the same result, then one merge of all 30. Each merge alone is approved (the
  // second pull request is the same change on the first's newer base); counted as 30 versions,
  // the merge of them all would carry 30 tips and every commit after it would pay for each.
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.approved_branch("pr2", "main", kWindow, kWindowRoom, "каб. 14");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #2", "pr2"});
  std::string tree = f.rev("HEAD^{tree}");
  std::string pr1 = f.rev("pr1");
  std::string pr2 = f.rev("pr2");
  std::vector<std::string> octopus{"commit-tree", tree, "-m", "all of them"};
  for (int i = 0; i < 30; ++i) {
    std::string merge =
        f.git({"commit-tree", tree, "-p", pr1, "-p", pr2, "-m", "merge " + std::to_string(i)})
            .substr(0, 40);
    octopus.push_back("-p");
    octopus.push_back(merge);
  }
  std::string all = f.git(octopus).substr(0, 40);
  f.git({"update-ref", "refs/heads/main", all});
  CHECK(f.verify() == 0);
  json s = f.status();
  CHECK(s["approved"] == true);
  CHECK(s["tips"].size() == 1);
  // A change after it is pending against that one version.
  f.git({"reset", "-q", "--hard", "main"});
  f.edit(kLk, "https://lk2.example.ru", "https://lk3.example.ru");
  f.commit("url again");
  json pending = f.status();
  CHECK(pending["approved"] == false);
  CHECK(pending["tips"].size() == 1);
  CHECK(f.required_roles(pending) == std::vector<std::string>{"process_owner salary",
                                                              "direction_curator pay",
                                                              "client_centricity"});
}
