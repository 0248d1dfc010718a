// SPDX-License-Identifier: Apache-2.0
// The pieces of the evaluation over the commit graph (spec §5.1): "the same change" (files and
// blobs before and after) and the chain of approved versions with its tips. Repositories, keys and
// approval commits (`git commit -S`) are made here.

#include <catch2/catch.hpp>

#include "approval_fixture.hpp"
#include "perechen/approval/history.hpp"

using namespace perechen;
using namespace perechen::approval;
using perechen::test::TempDir;

namespace {

struct Repo {
  TempDir dir;
  test::People people = test::make_people(dir);

  Repo() {
    git({"init", "-q", "-b", "main"});
    dir.write(".gitignore", "keys/\n");
    test::write_minimal_registry(dir);
    dir.write("roster.yaml", test::roster_yaml(people));
    commit("first version");
  }

  std::string git(const std::vector<std::string>& args) { return test::git(dir.path(), args); }
  std::string commit(const std::string& message) { return test::commit_all(dir.path(), message); }

  void edit(const std::string& file, const std::string& from, const std::string& to) {
    dir.replace(file, from, to);
  }

  Status status(const std::string& rev = "HEAD") {
    auto repo = git::Repository::open(dir.path());
    ContentReader reader(repo, "");
    return evaluate(reader, repo.require_commit(rev));
  }

  Snapshot at(const std::string& rev) {
    repo_.emplace(git::Repository::open(dir.path()));
    reader_.emplace(*repo_, "");
    return reader_->at(repo_->require_commit(rev));
  }

  // Every approval the pending change at HEAD needs, by the people holding the roles.
  void approve_all() {
    Status now = status();
    REQUIRE(now.content);
    std::string base = now.approved_commit ? now.approved_commit->hex() : "none";
    std::map<std::string, std::vector<std::string>> roles;
    for (const auto& r : now.required) {
      if (!r.approved)
        roles[r.requirement.people.front()].push_back(format_role(r.requirement.role));
    }
    for (const auto& [person, claimed] : roles) {
      const test::Key& key = person == "ivanova"   ? people.ivanova
                             : person == "petrova" ? people.petrova
                                                   : people.sidorov;
      test::approve_with_git(dir.path(), key,
                             test::approval_message(now.content->hex(), base, person, claimed));
    }
    REQUIRE(status().approved);
  }

  std::optional<git::Repository> repo_;
  std::optional<ContentReader> reader_;
};

const std::string kLk = "points/pay/lk.yaml";
const std::string kWindow = "points/pay/window.yaml";

}  // namespace

TEST_CASE("the same change: the same files with the same blobs before and after") {
  Repo r;
  std::string v0 = r.git({"rev-parse", "HEAD"}).substr(0, 40);
  r.git({"checkout", "-q", "-b", "a"});
  r.edit(kLk, "https://lk.example.ru", "https://lk2.example.ru");
  std::string a = r.commit("a");
  r.git({"checkout", "-q", "-b", "b", v0});
  r.edit(kWindow, "каб. 12", "каб. 14");
  std::string b = r.commit("b");
  // a's change applied on top of b: the same change on a newer base.
  r.edit(kLk, "https://lk.example.ru", "https://lk2.example.ru");
  std::string ab = r.commit("a on b");
  // Another edit of the same point: not the same change.
  r.git({"checkout", "-q", "-b", "c", v0});
  r.edit(kLk, "https://lk.example.ru", "https://lk3.example.ru");
  std::string c = r.commit("c");

  Snapshot s0 = r.at(v0), sa = r.at(a), sb = r.at(b), sab = r.at(ab), sc = r.at(c);
  auto change_a = changed_files(&s0, sa);
  REQUIRE(change_a.size() == 1);
  CHECK(change_a[0].path == kLk);
  CHECK(change_a[0].before.has_value());
  CHECK(change_a[0].after.has_value());
  CHECK(same_change(change_a, changed_files(&sb, sab)));
  CHECK_FALSE(same_change(change_a, changed_files(&s0, sc)));
  CHECK_FALSE(same_change(change_a, changed_files(&s0, sab)));               // b's file comes along
  CHECK_FALSE(same_change(changed_files(&s0, s0), changed_files(&sa, sa)));  // nothing: never
  // A first version is every file added.
  auto first = changed_files(nullptr, s0);
  CHECK(first.size() >= 3);
  for (const auto& f : first)
    CHECK_FALSE(f.before.has_value());
}

TEST_CASE("the chain: versions follow their bases; sibling versions are both tips until merged") {
  Repo r;
  r.approve_all();
  std::string v0 = r.status().approved_commit->hex();
  std::string main = r.git({"rev-parse", "HEAD"}).substr(0, 40);
  r.git({"checkout", "-q", "-b", "a"});
  r.edit(kLk, "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("a");
  r.approve_all();
  std::string va = r.status().approved_commit->hex();
  r.git({"checkout", "-q", "-b", "b", main});
  r.edit(kWindow, "каб. 12", "каб. 14");
  r.commit("b");
  r.approve_all();
  std::string vb = r.status().approved_commit->hex();
  CHECK(va != v0);
  CHECK(vb != v0);

  // A merge that keeps a's content only: both versions are tips, and b's change is undone.
  std::string tree_a = r.git({"rev-parse", "a^{tree}"}).substr(0, 40);
  std::string keep_a =
      r.git({"commit-tree", tree_a, "-p", "a", "-p", "b", "-m", "keep a"}).substr(0, 40);
  Status s = r.status(keep_a);
  CHECK_FALSE(s.approved);
  CHECK(s.tips.size() == 2);
  REQUIRE(s.pending.has_value());
  CHECK(s.approved_commit->hex() == vb);  // the pending change goes from the tip that differs

  // A merge that keeps both: b's approvals count again on a's version (the same change).
  r.git({"checkout", "-q", "a"});
  r.git({"merge", "-q", "--no-ff", "-m", "both", "b"});
  Status both = r.status();
  CHECK(both.approved);
  REQUIRE(both.tips.size() == 1);
  CHECK(both.approved_commit == both.head);  // the version completes at the merge
  CHECK(both.approvals.size() == 3);

  // Parents swapped: the same verdict.
  std::string tree = r.git({"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::string swapped =
      r.git({"commit-tree", tree, "-p", "b", "-p", "a", "-m", "both"}).substr(0, 40);
  CHECK(r.status(swapped).approved);
}

TEST_CASE("the chain: commits that each complete the same version make one version, one tip") {
  // The first version's approvals on two branches from it, merged by five merge commits (made
  // with git plumbing, no key needed): each merge completes the first version, and a merge of all
  // five has one tip, not five.
  Repo r;
  std::string first = r.git({"rev-parse", "HEAD"}).substr(0, 40);
  std::string content = r.status().content->hex();
  r.git({"checkout", "-q", "-b", "a"});
  test::approve_with_git(r.dir.path(), r.people.sidorov,
                         test::approval_message(content, "none", "sidorov",
                                                {"process_owner salary", "process_owner vacation",
                                                 "process_owner certificates"}));
  r.git({"checkout", "-q", "-b", "b", first});
  test::approve_with_git(
      r.dir.path(), r.people.petrova,
      test::approval_message(content, "none", "petrova",
                             {"direction_curator pay", "direction_curator docs"}));
  test::approve_with_git(r.dir.path(), r.people.ivanova,
                         test::approval_message(content, "none", "ivanova", {"client_centricity"}));
  std::string tree = r.git({"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::vector<std::string> octopus{"commit-tree", tree, "-m", "all"};
  std::vector<std::string> merges;
  for (int i = 0; i < 5; ++i) {
    merges.push_back(
        r.git({"commit-tree", tree, "-p", "a", "-p", "b", "-m", "merge " + std::to_string(i)})
            .substr(0, 40));
    CHECK(r.status(merges.back()).approved);
    octopus.push_back("-p");
    octopus.push_back(merges.back());
  }
  std::string all = r.git(octopus).substr(0, 40);
  Status s = r.status(all);
  CHECK(s.approved);
  REQUIRE(s.tips.size() == 1);
  CHECK(s.tips.front().hex() == merges.front());
  CHECK(s.approvals.size() == 3);
  CHECK(s.newest_approved_commit->hex() == all);
}
