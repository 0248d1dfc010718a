// SPDX-License-Identifier: Apache-2.0
// Bounded work (spec §5.1, rule 7), run as a user meets it: a commit whose message floods the
// trailers, and a commit whose points/ folder nests 20,000 folders deep. Each is answered with a
// clear verdict in one pass, never a hang or a crash.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "approved_fixture.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/git/repository.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace perechen;
using perechen::test::Approved;
using perechen::test::contains;

namespace {

// A tree holding `name` at the end of `depth` folders named "a", written with libgit2 (git's own
// plumbing would take one process per folder).
git_oid deep_tree(const git::Repository& repo, std::size_t depth, const std::string& point) {
  git_oid child;
  git::check(git_blob_create_from_buffer(&child, repo.get(), point.data(), point.size()), "blob");
  bool file = true;
  for (std::size_t i = 0; i < depth; ++i) {
    git::TreeBuilderHandle builder;
    git::check(git_treebuilder_new(git::Out(builder), repo.get(), nullptr), "treebuilder");
    git::check(git_treebuilder_insert(nullptr, builder.get(), file ? "lk.yaml" : "a", &child,
                                      file ? GIT_FILEMODE_BLOB : GIT_FILEMODE_TREE),
               "insert");
    git::check(git_treebuilder_write(&child, builder.get()), "write");
    file = false;
  }
  return child;
}

// `tree` with `entry` set to `id` (a folder).
git_oid with_folder(const git::Repository& repo, const git_oid& tree, const char* entry,
                    const git_oid& id) {
  git::TreeHandle base = repo.tree(git::Oid(tree));
  git::TreeBuilderHandle builder;
  git::check(git_treebuilder_new(git::Out(builder), repo.get(), base.get()), "treebuilder");
  git::check(git_treebuilder_insert(nullptr, builder.get(), entry, &id, GIT_FILEMODE_TREE),
             "insert");
  git_oid out;
  git::check(git_treebuilder_write(&out, builder.get()), "write");
  return out;
}

}  // namespace

TEST_CASE(
    "a commit flooding 80,000 Perechen-Role lines is malformed, and status and verify answer") {
  Approved r;
  std::string flood = "Согласование изменений перечня\n\nPerechen-Approval: 1\n";
  for (int i = 0; i < 80000; ++i)
    flood += "Perechen-Role: process_owner p" + std::to_string(i) + "\n";
  fs::path file = r.dir.write("keys/flood.txt", flood);
  test::git(r.dir.path(), {"commit", "-q", "--allow-empty", "-F", file.string()});
  std::string commit = test::git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40);

  auto status = r.perechen({"status", "--format", "json"});
  REQUIRE(status.exit_code == 0);
  json report = json::parse(status.out);
  CHECK(report["approved"] == true);
  REQUIRE(report["rejected"].size() == 1);
  CHECK(report["rejected"][0]["commit"] == commit);
  CHECK(report["rejected"][0]["reason"] == "malformed");
  CHECK(contains(report["rejected"][0]["detail"].get<std::string>(), "65536"));

  auto text = r.perechen({"--lang", "en", "status"});
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, commit.substr(0, 12) + ": the commit message of"));
  CHECK(contains(text.out, "[malformed]"));

  auto verify = r.perechen({"verify"});
  CHECK(verify.exit_code == 0);
}

TEST_CASE("a commit whose points/ nests 20,000 folders deep is refused, naming commit and path") {
  Approved r;
  git::Repository repo = git::Repository::open(r.dir.path());
  const std::string point = test::git(r.dir.path(), {"show", "HEAD:points/pay/lk.yaml"});
  git_oid deep = deep_tree(repo, 20000, point);
  git::Oid head = *repo.head();
  git::Oid top = repo.tree_of(head);
  git::TreeHandle top_tree = repo.tree(top);
  git::Oid points(*git_tree_entry_id(git_tree_entry_byname(top_tree.get(), "points")));
  git_oid new_points = with_folder(repo, *points.get(), "deep", deep);
  git_oid new_top = with_folder(repo, *top.get(), "points", new_points);
  std::string commit = test::git(r.dir.path(), {"commit-tree", git::Oid(new_top).hex(), "-p",
                                                head.hex(), "-m", "a very deep folder"})
                           .substr(0, 40);
  test::git(r.dir.path(), {"update-ref", "HEAD", commit});

  std::string folder = "points/deep";
  for (std::size_t i = 0; i < 64; ++i)
    folder += "/a";

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--lang", "en", "verify"},
        std::vector<std::string>{"--lang", "en", "status"},
        std::vector<std::string>{"--lang", "en", "status", "--format", "json"},
        std::vector<std::string>{"--lang", "en", "diff", "approved", "HEAD"}}) {
    INFO(args.back());
    auto result = r.perechen(args);
    CHECK(result.signal == 0);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "perechen: commit " + commit + ": " + folder +
                            ": the folder is nested deeper than 64 folders; such a tree is not "
                            "read\n");
  }

  // export --rev names it the same way, before reading anything of the commit.
  auto exported = r.perechen({"--lang", "en", "export", "--rev", "HEAD", "--format", "csv"});
  CHECK(exported.signal == 0);
  CHECK(exported.exit_code == 1);
  CHECK(exported.err == "perechen: commit " + commit + ": " + folder +
                            ": the folder is nested deeper than 64 folders; such a tree is not "
                            "read\n");

  // The approved version before it is still what it was.
  CHECK(r.perechen({"verify", r.approved}).exit_code == 0);
}
