// SPDX-License-Identifier: Apache-2.0
// A commit whose tree does not read unambiguously (spec §5.1, rule 9), as a user meets it: the
// tree of the attack (a point file and a folder of one name in points/, which a server without
// receive.fsckObjects accepts) is named with its path by export --rev, diff and roster --rev,
// never read silently; a link staged under points/ is an error of validate --staged.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "approved_fixture.hpp"
#include "raw_tree.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace perechen;
using perechen::test::Approved;
using perechen::test::contains;

namespace {

// On top of the approved version: points/ holds a new point file new.yaml and an empty folder
// new.yaml. A reader taking the first entry of a name sees an empty folder and no change; one
// searching by name reads the point.
std::string forge_attack(const Approved& r) {
  const fs::path repo = r.dir.path();
  const auto points = test::raw_entries(repo, "HEAD:points");  // docs, pay
  const std::string point =
      test::write_raw_blob(repo, test::git(repo, {"show", "HEAD:points/pay/lk.yaml"}) + "# new\n");
  const std::string forged_points =
      test::write_raw_tree(repo, {points[0],
                                  {"100644", "new.yaml", point},
                                  {"40000", "new.yaml", test::write_raw_tree(repo, {})},
                                  points[1]});
  const std::string top = test::write_raw_tree(
      repo,
      test::replaced(test::raw_entries(repo, "HEAD^{tree}"), {"40000", "points", forged_points}));
  const std::string commit = test::commit_tree(repo, top, r.head(), "one more point");
  test::git(repo, {"update-ref", "HEAD", commit});
  return commit;
}

}  // namespace

TEST_CASE("export --rev and diff of a tree with a point file and a folder of one name name it") {
  Approved r;
  const std::string commit = forge_attack(r);
  const std::string said = "perechen: commit " + commit +
                           ": points/new.yaml: both a folder and a file of this name in one "
                           "folder; such a tree is not read\n";

  auto exported = r.perechen({"--lang", "en", "export", "--rev", commit, "--format", "csv"});
  CHECK(exported.signal == 0);
  CHECK(exported.exit_code == 1);
  CHECK(exported.out.empty());
  CHECK(exported.err == said);

  auto diff = r.perechen({"--lang", "en", "diff", r.approved, commit});
  CHECK(diff.exit_code == 1);
  CHECK(diff.err == said);

  auto russian = r.perechen({"--lang", "ru", "export", "--rev", commit, "--format", "csv"});
  CHECK(russian.exit_code == 1);
  CHECK(contains(russian.err, "points/new.yaml: в папке и папка, и файл с этим именем"));

  // roster.yaml itself is fine, but nothing of such a tree is read.
  auto signers = r.perechen({"--lang", "en", "roster", "allowed-signers", "--rev", commit});
  CHECK(signers.exit_code == 1);
  CHECK(signers.out.empty());
  CHECK(contains(signers.err, "both a folder and a file of this name"));

  // The approved version before it is still read and exported.
  auto before = r.perechen({"export", "--rev", r.approved, "--format", "csv"});
  CHECK(before.exit_code == 0);
}

TEST_CASE("a link under points/ is an error of validate, in the working tree and staged") {
  Approved r;
  fs::create_symlink("lk.yaml", r.dir.path() / "points/pay/link.yaml");

  auto folder = r.perechen({"--lang", "en", "validate", "--format", "json"});
  CHECK(folder.exit_code == 1);
  json found = json::parse(folder.out);
  REQUIRE(found["diagnostics"].size() == 1);
  CHECK(found["diagnostics"][0]["file"] == "points/pay/link.yaml");
  CHECK(found["diagnostics"][0]["rule"] == "file-access");
  CHECK(contains(found["diagnostics"][0]["message"].get<std::string>(),
                 "git would keep the link, not the file"));

  test::git(r.dir.path(), {"add", "points/pay/link.yaml"});
  auto staged = r.perechen({"--lang", "en", "validate", "--staged", "--format", "json"});
  CHECK(staged.exit_code == 1);
  json in_index = json::parse(staged.out);
  REQUIRE(in_index["diagnostics"].size() == 1);
  CHECK(in_index["diagnostics"][0]["file"] == "points/pay/link.yaml");
  CHECK(
      contains(in_index["diagnostics"][0]["message"].get<std::string>(), "nothing of it is read"));
}

namespace {

// The content id of a commit: the tree of its registry entries alone, as the reader names it.
std::string content_of(const fs::path& repo, const std::string& commit) {
  std::vector<test::RawEntry> registry;
  for (const auto& e : test::raw_entries(repo, commit + "^{tree}")) {
    if (e.name == "perechen.yaml" || e.name == "roster.yaml" || e.name == "points")
      registry.push_back(e);
  }
  return test::write_raw_tree(repo, registry);
}

// An approval commit on HEAD with HEAD's own tree, signed by git (`git commit-tree -S`: the index
// cannot hold such a tree, so `git commit` would not do).
std::string approve_on_head(const Approved& r, const test::Key& key, const std::string& message) {
  const fs::path repo = r.dir.path();
  const std::string head = r.head();
  const std::string commit =
      test::git_signed(repo, key,
                       {"commit-tree", head + "^{tree}", "-p", head, "-S", "-m", message})
          .substr(0, 40);
  test::git(repo, {"update-ref", "HEAD", commit});
  return commit;
}

// Every approval the first version needed, made again on `commit`'s content against the approved
// version: what a full set of keys would sign, made without looking at the tree.
std::string approve_everything(const Approved& r, const std::string& commit) {
  const std::string content = content_of(r.dir.path(), commit);
  approve_on_head(r, r.people.sidorov,
                  test::approval_message(content, r.approved, "sidorov", {"process_owner salary"}));
  approve_on_head(r, r.people.petrova,
                  test::approval_message(content, r.approved, "petrova",
                                         {"direction_curator pay", "direction_curator docs"}));
  return approve_on_head(
      r, r.people.ivanova,
      test::approval_message(content, r.approved, "ivanova", {"client_centricity"}));
}

}  // namespace

TEST_CASE(
    "attack: approvals of a tree with a point file and a folder of one name count for nothing") {
  Approved r;
  const fs::path repo = r.dir.path();
  const std::string commit = forge_attack(r);
  const std::string last = approve_everything(r, commit);
  // Signed by every role, yet nothing of such a tree is approved: verify names it.
  auto verify = r.perechen({"--lang", "en", "verify"});
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.err, "points/new.yaml: both a folder and a file of this name"));
  auto anchored = r.perechen({"--lang", "en", "verify", last, "--anchor", r.first});
  CHECK(anchored.exit_code == 1);
  // A well-formed commit after it, with the point as the export would have read it, is a
  // pending change: the approvals sat on another content.
  const std::string point = test::write_raw_blob(
      repo, test::git(repo, {"show", r.approved + ":points/pay/lk.yaml"}) + "# new\n");
  auto points = test::raw_entries(repo, r.approved + ":points");
  const std::string fixed_points =
      test::write_raw_tree(repo, {points[0], {"100644", "new.yaml", point}, points[1]});
  const std::string top =
      test::write_raw_tree(repo, test::replaced(test::raw_entries(repo, r.approved + "^{tree}"),
                                                {"40000", "points", fixed_points}));
  const std::string fixed = test::commit_tree(repo, top, last, "the tree fixed");
  test::git(repo, {"update-ref", "HEAD", fixed});
  CHECK(r.perechen({"verify"}).exit_code == 1);
  CHECK(r.status_json()["approved"] == false);
}

TEST_CASE("attack: a merge commit with a malformed tree over an approved pull request is refused") {
  Approved r;
  const fs::path repo = r.dir.path();
  test::git(repo, {"checkout", "-q", "-b", "pr"});
  r.dir.replace("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  test::commit_all(repo, "url");
  r.approve(r.people.sidorov, "sidorov", {"process_owner salary"});
  r.approve(r.people.petrova, "petrova", {"direction_curator pay"});
  const std::string pr = r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
  CHECK(r.perechen({"verify"}).exit_code == 0);
  test::git(repo, {"checkout", "-q", "main"});
  // The pull request's tree, with a point file and a folder of one name added: no key needed.
  test::git(repo, {"update-ref", "HEAD", pr});
  const std::string forged = forge_attack(r);
  const std::string merge = test::git(repo, {"commit-tree", forged + "^{tree}", "-p", r.approved,
                                             "-p", pr, "-m", "Merge pull request"})
                                .substr(0, 40);
  auto verify = r.perechen({"--lang", "en", "verify", merge});
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.err, "points/new.yaml"));
}
