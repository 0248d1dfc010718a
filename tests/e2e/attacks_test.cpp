// SPDX-License-Identifier: Apache-2.0
// Attacks on the approvals by someone who may push to the repository, with no key or with one,
// as spec §5.1 rule 9 (the invariants) refuses them; each comes with its honest counterpart, which
// must stay approved. The histories are made with git itself (merges whose first parent the
// pusher chooses, `git commit-tree`, `git hash-object --literally`), the approvals with real SSH
// keys (`git commit -S`).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "forge.hpp"

using nlohmann::json;
using namespace perechen;
using perechen::test::Forge;
using perechen::test::kLk;
using perechen::test::kLkUrl;
using perechen::test::kWindow;
using perechen::test::kWindowRoom;

namespace {

const std::string kEmail = "points/docs/email.yaml";
const std::string kEmailUrl = "mailto:spravki@example.ru";

// A merge commit made with plumbing: the pusher picks the tree and the order of the parents.
std::string merge_tree(Forge& f, const std::string& tree_of,
                       const std::vector<std::string>& parents,
                       const std::vector<std::string>& env = {}) {
  std::vector<std::string> args;
  for (const auto& e : env)
    args.push_back(e);
  args.insert(args.end(), {"git", "commit-tree", f.rev(tree_of + "^{tree}")});
  for (const auto& p : parents) {
    args.push_back("-p");
    args.push_back(f.rev(p));
  }
  args.insert(args.end(), {"-m", "Merge"});
  if (!env.empty()) {
    std::vector<std::string> full{"env"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = test::run(full, f.dir.path());
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, 40);
  }
  return f.git(std::vector<std::string>(args.begin() + 1, args.end())).substr(0, 40);
}

// Both parent orders, with and without the anchor: the verdict is one.
void refused_both_ways(Forge& f, const std::string& tree_of, const std::string& a,
                       const std::string& b) {
  std::string ab = merge_tree(f, tree_of, {a, b});
  std::string ba = merge_tree(f, tree_of, {b, a});
  CHECK(f.verify(ab) == 1);
  CHECK(f.verify(ba) == 1);
  CHECK(f.verify(ab, {"--anchor", f.first}) == 1);
  CHECK(f.verify(ba, {"--anchor", f.first}) == 1);
  CHECK(f.status(ab)["approved"] == false);
  CHECK(f.status(ba)["approved"] == false);
}

}  // namespace

TEST_CASE("attack: a deeper side chain of other approved changes does not roll main back") {
  // main: P1 approved. Q1 and Q2, approved against the first version and not merged, are
  // stacked on a side branch: Q2 lands on Q1 with no new signature (rule 5), two versions deep.
  Forge f;
  f.approved_branch("q1", "main", kWindow, kWindowRoom, "каб. 14");
  f.approved_branch("q2", "main", kEmail, kEmailUrl, "mailto:docs@example.ru");
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("P1");
  f.approve_all();
  f.git({"checkout", "-q", "-b", "side", "q1"});
  f.git({"merge", "-q", "--no-ff", "-m", "Q2 onto Q1", "q2"});
  CHECK(f.verify("side") == 0);
  f.git({"checkout", "-q", "main"});
  // The side branch's tree: P1 dropped, by a merge in either parent order.
  refused_both_ways(f, "side", "main", "side");
  // The honest merge keeps P1 and is approved with no new signature.
  f.git({"merge", "-q", "--no-ff", "-m", "Merge side", "side"});
  CHECK(f.verify() == 0);
  CHECK(f.verify("HEAD", {"--anchor", f.first}) == 0);
}

TEST_CASE("attack: a pull request approved twice on its branch does not drop main's change") {
  Forge f;
  f.approved_branch("pr", "main", kWindow, kWindowRoom, "каб. 14");
  f.git({"checkout", "-q", "pr"});
  f.edit(kWindow, "каб. 14", "каб. 15");
  f.commit("second change on the branch");
  f.approve_all();
  f.git({"checkout", "-q", "main"});
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("P");
  f.approve_all();
  refused_both_ways(f, "pr", "main", "pr");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge pr", "pr"});
  CHECK(f.verify() == 0);
}

TEST_CASE("attack: the client-centricity deputy alone cannot roll main back with keep files") {
  // Changes that touch no point need the client-centricity deputy only: three of them from the
  // first version make a chain deeper than main's.
  Forge f;
  std::string v0 = f.rev("main");
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("P1");
  f.approve_all();
  f.git({"checkout", "-q", "-b", "keeps", v0});
  for (int i = 1; i <= 3; ++i) {
    f.dir.write("points/.keep-" + std::to_string(i), "");
    f.commit("keep " + std::to_string(i));
    json s = f.status();
    for (const auto& r : s["required"]) {
      if (r["approved"] == false)
        CHECK(r["role"] == "client_centricity");
    }
    f.approve_all();
  }
  f.git({"checkout", "-q", "main"});
  refused_both_ways(f, "keeps", "main", "keeps");
  // Keeping P1, the keep files land with the deputy's approvals alone.
  f.git({"merge", "-q", "--no-ff", "-m", "Merge keeps", "keeps"});
  CHECK(f.verify() == 0);
}

TEST_CASE("attack: an approved revert is not undone by merging an old approved branch") {
  // The squash-and-re-approve path leaves the pull request's own approved branch behind.
  Forge f;
  f.approved_branch("pr", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.git({"merge", "-q", "--squash", "pr"});
  f.git({"commit", "-q", "-m", "Squashed"});
  f.approve_all();
  f.edit(kLk, "https://lk2.example.ru", kLkUrl);
  f.commit("revert");
  f.approve_all();
  // The branch's tree brings the reverted line back.
  refused_both_ways(f, "pr", "main", "pr");
}

TEST_CASE("attack: rule 5 does not carry approvals across a roster change") {
  // A pull request approved by the old owner of salary; main then gives salary to another owner.
  Forge f;
  f.approved_branch("pr", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.dir.replace("roster.yaml", "    salary: sidorov\n", "    salary: petrova\n");
  f.commit("salary to petrova");
  f.approve_all();
  f.git({"merge", "-q", "--no-ff", "-m", "Merge pr", "pr"});
  CHECK(f.verify() == 1);
  json s = f.status();
  bool asks_new_owner = false;
  for (const auto& r : s["required"]) {
    if (r["role"] == "process_owner" && r["scope"] == "salary")
      asks_new_owner = r["person"] == "petrova" && r["approved"] == false;
  }
  CHECK(asks_new_owner);
  f.approve_all();
  CHECK(f.verify() == 0);
}

TEST_CASE("attack: rule 5 does not carry approvals across a move of the process") {
  Forge f;
  f.approved_branch("pr", "main", kLk, kLkUrl, "https://lk2.example.ru");
  // salary moves from pay to docs.
  f.dir.replace("perechen.yaml",
                "      - id: salary\n        title: Начисление и выплата заработной платы\n", "");
  f.dir.replace("perechen.yaml", "      - id: certificates\n",
                "      - id: salary\n        title: Начисление и выплата заработной платы\n"
                "      - id: certificates\n");
  f.commit("salary to docs");
  f.approve_all();
  f.git({"merge", "-q", "--no-ff", "-m", "Merge pr", "pr"});
  CHECK(f.verify() == 1);
}

TEST_CASE("attack: an approval's date is its own, not the date a merge commit claims") {
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.approved_branch("pr2", "main", kWindow, kWindowRoom, "каб. 14");
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #1", "pr1"});
  std::string today = f.status()["base"]["date"];
  f.git({"checkout", "-q", "-b", "merged", "main"});
  f.git({"merge", "-q", "--no-ff", "-m", "Merge #2", "pr2"});
  f.git({"checkout", "-q", "main"});
  for (std::string date : {"2001-01-01T12:00:00 +0300", "2099-01-01T12:00:00 +0300"}) {
    std::string m = merge_tree(f, "merged", {"main", "pr2"},
                               {"GIT_COMMITTER_DATE=" + date, "GIT_AUTHOR_DATE=" + date});
    // The merge is the version that completes pr2 on main (rule 5) …
    CHECK(f.verify(m) == 0);
    json s = f.status(m);
    CHECK(s["approved"] == true);
    // … dated by the signed approvals that complete it.
    CHECK(s["base"]["date"] == today);
  }
}

TEST_CASE("attack: an octopus merge of three approved pull requests is approved, each shown") {
  Forge f;
  f.approved_branch("pr1", "main", kLk, kLkUrl, "https://lk2.example.ru");
  f.approved_branch("pr2", "main", kWindow, kWindowRoom, "каб. 14");
  f.approved_branch("pr3", "main", kEmail, kEmailUrl, "mailto:docs@example.ru");
  f.git({"merge", "-q", "--no-ff", "-m", "Octopus", "pr1", "pr2", "pr3"});
  CHECK(f.verify() == 0);
  json s = f.status();
  CHECK(s["approved"] == true);
  for (const auto& r : s["required"])
    CHECK(r["approved"] == true);
  // Dropping one of them in the octopus is a change nobody approved.
  std::string tree_12 = merge_tree(f, "pr1", {"pr1"});  // a throwaway to read pr1's tree
  (void)tree_12;
  f.git({"checkout", "-q", "-b", "two", "pr1"});
  f.git({"merge", "-q", "--no-ff", "-m", "two", "pr2"});
  CHECK(f.verify("two") == 0);
  refused_both_ways(f, "two", "main", "pr3");
}

TEST_CASE("attack: a partial approval does not survive its content going away through merges") {
  // ivanova approves X -> Y on its own; a merge then takes the content elsewhere and another
  // merge (not of her commit) brings Y back: her approval sat on an earlier state.
  Forge f;
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  f.commit("Y");
  json s = f.status();
  std::string base = s["approved_commit"];
  test::approve_with_git(
      f.dir.path(), f.people.ivanova,
      test::approval_message(s["content"], base, "ivanova", {"client_centricity"}));
  std::string approved_y = f.rev("HEAD");
  f.git({"checkout", "-q", "-b", "away", base});
  f.edit(kWindow, kWindowRoom, "каб. 14");
  std::string other = f.commit("elsewhere");
  std::string away = merge_tree(f, other, {approved_y, other});  // content: the window change
  f.git({"reset", "-q", "--hard", away});
  f.edit(kWindow, "каб. 14", kWindowRoom);
  f.edit(kLk, kLkUrl, "https://lk2.example.ru");
  std::string back = f.commit("Y again");
  json now = f.status(back);
  CHECK(now["approved"] == false);
  for (const auto& r : now["required"])
    CHECK(r["approved"] == false);
}

TEST_CASE("attack: content with validation errors is never approved, whoever signed it") {
  // A second process with the id salary: approved by every role the change needs, still refused.
  Forge f;
  f.dir.replace("perechen.yaml", "      - id: certificates\n",
                "      - id: salary\n        title: Другая зарплата\n      - id: certificates\n");
  f.commit("a duplicate process id");
  auto validate = f.perechen({"validate"});
  CHECK(validate.exit_code == 1);
  json s = f.status();
  test::approve_pending(f.dir.path(), f.people, s);
  CHECK(f.verify() == 1);
  CHECK(f.status()["approved"] == false);
}
