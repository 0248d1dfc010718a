// SPDX-License-Identifier: Apache-2.0
// One reading of content (spec §5.1, rule 9): the working tree, a commit's tree for validate and
// export, and the content approvals sign list the same registry files; a tree that cannot be read
// unambiguously is malformed for every one of them, at the same path; valid() says what validate
// says.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "approval_fixture.hpp"
#include "perechen/approval/change.hpp"
#include "perechen/approval/content.hpp"
#include "perechen/error.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/rules/validate.hpp"
#include "raw_tree.hpp"

namespace fs = std::filesystem;
using namespace perechen;
using perechen::approval::ContentReader;
using perechen::approval::Snapshot;
using perechen::test::RawEntry;
using perechen::test::TempDir;
using What = perechen::Malformation::What;

namespace {

std::vector<std::string> paths_of(const std::vector<approval::PointFile>& files) {
  std::vector<std::string> paths;
  for (const auto& file : files)
    paths.push_back(file.path);
  return paths;
}

// The findings as a user reads them: file, line, rule, message.
std::vector<std::string> findings(const Diagnostics& out) {
  std::vector<std::string> lines;
  for (const auto& d : out.items()) {
    lines.push_back(d.where.file + ":" + std::to_string(d.where.line) + " " + d.rule + " " +
                    d.message);
  }
  return lines;
}

const std::string kPoint = "process: salary\n";

// The minimal registry committed; the base of the forged commits below.
struct Repo {
  TempDir dir;
  std::string base;
  Repo() {
    test::git(dir.path(), {"init", "-q"});
    test::write_minimal_registry(dir);
    base = test::commit_all(dir.path(), "first");
  }
  std::vector<RawEntry> entries(const std::string& treeish) const {
    return test::raw_entries(dir.path(), treeish);
  }
  std::string tree(const std::vector<RawEntry>& entries) const {
    return test::write_raw_tree(dir.path(), entries);
  }
  std::string blob(const std::string& text) const { return test::write_raw_blob(dir.path(), text); }
  // The base's top tree with `points` as points/.
  std::string top_with_points(const std::string& points) const {
    return tree(test::replaced(entries("HEAD^{tree}"), {"40000", "points", points}));
  }
  std::string commit(const std::string& top) const {
    return test::commit_tree(dir.path(), top, base, "forged");
  }
};

}  // namespace

TEST_CASE("the working tree, a commit, the staged index and the signed content list one registry") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  test::write_minimal_registry(dir);
  dir.write("points/pay/deep/a/b/c.yml", kPoint);
  dir.write("points/pay/Б.yaml", kPoint);
  dir.write("points/a.yaml", kPoint);
  dir.write("points/a-b.yaml", kPoint);
  dir.write("points/a0.yaml", kPoint);
  dir.write("points/a/x.yaml", kPoint);  // "a.yaml" < "a/" < "a0.yaml" in git's order
  dir.write("points/docs/folder.yaml/inner.yaml", kPoint);
  auto run = dir.write("points/docs/run.yaml", kPoint);
  fs::permissions(run, fs::perms::owner_exec, fs::perm_options::add);  // 100755 in git
  dir.write("points/notes.txt", "not a point\n");
  dir.write("points/docs/copy.yaml.bak", kPoint);
  dir.write("points/.hidden/x.yaml", kPoint);
  dir.write("points/pay/.draft.yaml", kPoint);
  dir.write("points/.yaml", kPoint);
  const std::vector<std::string> expected{
      "points/a-b.yaml",        "points/a.yaml",
      "points/a/x.yaml",        "points/a0.yaml",
      "points/docs/email.yaml", "points/docs/folder.yaml/inner.yaml",
      "points/docs/run.yaml",   "points/pay/deep/a/b/c.yml",
      "points/pay/lk.yaml",     "points/pay/window.yaml",
      "points/pay/Б.yaml"};

  // What is no point file is left out in silence, but for copy.yaml.bak: every reader warns of it.
  auto only_the_stray = [](const Diagnostics& listed) {
    REQUIRE(listed.items().size() == 1);
    CHECK(listed.items()[0].rule == "file-misnamed");
    CHECK(listed.items()[0].where.file == "points/docs/copy.yaml.bak");
  };
  auto directory = make_directory_source(dir.path().string());
  Diagnostics listed;
  CHECK(directory->point_files(listed) == expected);
  only_the_stray(listed);
  listed = Diagnostics{};
  Snapshot worktree = approval::snapshot_of_source(*directory, listed);
  only_the_stray(listed);
  CHECK(paths_of(worktree.points()) == expected);

  test::git(dir.path(), {"add", "-A"});
  git::Repository repo = git::Repository::open(dir.path());
  git::GitTreeSource staged(repo, git::GitTreeSource::Staged{}, "");
  listed = Diagnostics{};
  CHECK(staged.point_files(listed) == expected);
  only_the_stray(listed);
  std::string commit = test::commit_all(dir.path(), "assorted");
  git::GitTreeSource tree(repo, *git::Oid::parse(commit), "");
  listed = Diagnostics{};
  CHECK(tree.point_files(listed) == expected);
  only_the_stray(listed);
  CHECK_FALSE(tree.malformed());

  ContentReader reader(repo, "");
  Snapshot signed_content = reader.at(*git::Oid::parse(commit));
  CHECK_FALSE(signed_content.malformed());
  CHECK(paths_of(signed_content.points()) == expected);
  // The same bytes: each reader names the same blob for every file.
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(expected[i]);
    CHECK(signed_content.points()[i].blob == *tree.blob_id(expected[i]));
    CHECK(worktree.points()[i].blob == signed_content.points()[i].blob);
  }
  CHECK(signed_content.config_blob() == tree.blob_id(kConfigFile));
  CHECK(worktree.config_blob() == signed_content.config_blob());

  // validate finds the same in the folder and in the commit, and valid() agrees with it.
  ValidationResult in_folder = validate(*directory, {});
  ValidationResult in_commit = validate(tree, {});
  CHECK(findings(in_folder.diagnostics) == findings(in_commit.diagnostics));
  CHECK(in_commit.errors() > 0);  // the bare points miss their fields
  CHECK_FALSE(reader.valid(signed_content));
}

TEST_CASE("a symbolic link is a finding in the working tree and makes the commit malformed") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  test::write_minimal_registry(dir);

  SECTION("a point file") {
    fs::create_symlink("lk.yaml", dir.path() / "points/pay/link.yaml");
    auto directory = make_directory_source(dir.path().string());
    Diagnostics out;
    CHECK(directory->point_files(out) == std::vector<std::string>{"points/docs/email.yaml",
                                                                  "points/pay/lk.yaml",
                                                                  "points/pay/window.yaml"});
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].where.file == "points/pay/link.yaml");
    CHECK(out.items()[0].rule == "file-access");

    std::string commit = test::commit_all(dir.path(), "a link");
    git::Repository repo = git::Repository::open(dir.path());
    const Malformation expected{"points/pay/link.yaml", What::link};
    git::GitTreeSource tree(repo, *git::Oid::parse(commit), "");
    CHECK(tree.malformed() == expected);
    ContentReader reader(repo, "");
    CHECK(reader.at(*git::Oid::parse(commit)).malformation() == expected);
    ValidationResult result = validate(tree, {});
    REQUIRE(result.diagnostics.items().size() == 1);
    CHECK(result.diagnostics.items()[0].where.file == "points/pay/link.yaml");
    CHECK(result.errors() == 1);
  }

  SECTION("perechen.yaml") {
    fs::rename(dir.path() / "perechen.yaml", dir.path() / "settings.yaml");
    fs::create_symlink("settings.yaml", dir.path() / "perechen.yaml");
    auto directory = make_directory_source(dir.path().string());
    Diagnostics out;
    CHECK_FALSE(directory->read(kConfigFile, out));
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].where.file == "perechen.yaml");
    CHECK(out.items()[0].rule == "file-access");

    std::string commit = test::commit_all(dir.path(), "a link");
    git::Repository repo = git::Repository::open(dir.path());
    ContentReader reader(repo, "");
    Snapshot snapshot = reader.at(*git::Oid::parse(commit));
    CHECK(snapshot.present());
    CHECK(snapshot.malformation() == Malformation{"perechen.yaml", What::link});
    CHECK(snapshot.config() == nullptr);
  }
}

TEST_CASE("points/ nested deeper than 64 folders is refused by every reader at one folder") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  test::write_minimal_registry(dir);
  std::string folder = "points/deep";
  for (int i = 0; i < 64; ++i)
    folder += "/a";  // points/deep is 1 deep, this one 65
  dir.write(folder + "/lk.yaml", kPoint);

  auto directory = make_directory_source(dir.path().string());
  Diagnostics out;
  CHECK(directory->point_files(out).size() == 3);
  REQUIRE(out.items().size() == 1);
  CHECK(out.items()[0].where.file == folder);
  CHECK(out.items()[0].rule == "file-limits");

  std::string commit = test::commit_all(dir.path(), "deep");
  git::Repository repo = git::Repository::open(dir.path());
  const Malformation expected{folder, What::too_deep};
  CHECK(git::GitTreeSource(repo, *git::Oid::parse(commit), "").malformed() == expected);
  ContentReader reader(repo, "");
  CHECK(reader.at(*git::Oid::parse(commit)).malformation() == expected);
}

TEST_CASE("a tree that does not read unambiguously is malformed for identity, diff and validate") {
  Repo r;
  const auto top = r.entries("HEAD^{tree}");
  const auto points = r.entries("HEAD:points");
  const auto pay = r.entries("HEAD:points/pay");  // lk.yaml, window.yaml
  const std::string docs = points[0].id, pay_id = points[1].id;
  const std::string point = r.blob(test::git(r.dir.path(), {"show", "HEAD:points/pay/lk.yaml"}));
  const std::string other = r.blob(kPoint);
  const std::string empty = r.tree({});
  auto with_pay = [&](std::vector<RawEntry> entries) {
    return r.top_with_points(r.tree({{"40000", "docs", docs}, {"40000", "pay", r.tree(entries)}}));
  };

  struct Case {
    const char* name;
    std::string top;
    Malformation expected;
  };
  const std::vector<Case> cases{
      {"a point file and a folder of one name (git fsck: duplicateEntries)",
       r.top_with_points(r.tree({{"40000", "docs", docs},
                                 {"100644", "new.yaml", point},
                                 {"40000", "new.yaml", empty},
                                 {"40000", "pay", pay_id}})),
       {"points/new.yaml", What::folder_and_file}},
      {"two files of one name",
       with_pay({{"100644", "lk.yaml", pay[0].id}, {"100644", "lk.yaml", other}, pay[1]}),
       {"points/pay/lk.yaml", What::duplicate}},
      {"a submodule",
       r.top_with_points(r.tree({points[0], points[1], {"160000", "sub", r.base}})),
       {"points/sub", What::gitlink}},
      {"a link",
       with_pay({{"120000", "link.yaml", r.blob("lk.yaml")}, pay[0], pay[1]}),
       {"points/pay/link.yaml", What::link}},
      {"a mode git does not write",
       with_pay({pay[0], {"100600", "odd.yaml", other}, pay[1]}),
       {"points/pay/odd.yaml", What::unknown_mode}},
      {"a name with '/'",
       r.top_with_points(r.tree({points[0], points[1], {"100644", "pay/lk.yaml", other}})),
       {"points/pay/lk.yaml", What::bad_name}},
      {"entries out of git's order",
       r.top_with_points(r.tree({points[1], points[0]})),
       {"points/docs", What::out_of_order}},
      {"perechen.yaml a link",
       r.tree(test::replaced(top, {"120000", "perechen.yaml", r.blob("elsewhere.yaml")})),
       {"perechen.yaml", What::link}},
      {"perechen.yaml twice",
       r.tree({top[0], {"100644", "perechen.yaml", other}, top[1], top[2]}),
       {"perechen.yaml", What::duplicate}},
      {"roster.yaml a folder",
       r.tree(test::replaced(top, {"40000", "roster.yaml", empty})),
       {"roster.yaml", What::not_file}},
      {"points a file",
       r.tree(test::replaced(top, {"100644", "points", other})),
       {"points", What::not_folder}},
  };
  REQUIRE(top[0].name == "perechen.yaml");

  git::Repository repo = git::Repository::open(r.dir.path());
  ContentReader reader(repo, "");
  const Snapshot base = reader.at(*git::Oid::parse(r.base));
  REQUIRE(reader.valid(base));
  for (const auto& c : cases) {
    INFO(c.name);
    const git::Oid commit = *git::Oid::parse(r.commit(c.top));

    // Identity: malformed, at the path, and nothing of it read.
    Snapshot snapshot = reader.at(commit);
    CHECK(snapshot.malformation() == c.expected);
    CHECK(snapshot.present());
    CHECK(snapshot.id());
    CHECK_FALSE(snapshot.config_blob());
    CHECK(snapshot.roster() == nullptr);
    CHECK_FALSE(reader.valid(snapshot));
    const std::string said = " " + commit.hex() + ": " + c.expected.path + ": ";
    CHECK_THROWS_WITH(snapshot.points(), Catch::Contains(said));
    CHECK_THROWS_WITH(snapshot.require_well_formed(), Catch::Contains(said));
    // Diff: refused, never an empty change.
    CHECK_THROWS_WITH(approval::diff_point_files(&base, snapshot), Catch::Contains(said));
    CHECK_THROWS_AS(approval::analyze(&base, snapshot), Error);

    // Validation (validate --staged, export --rev, approve): one error at the path, nothing read.
    git::GitTreeSource source(repo, commit, "");
    CHECK(source.malformed() == c.expected);
    ValidationResult result = validate(source, {});
    REQUIRE(result.diagnostics.items().size() == 1);
    CHECK(result.diagnostics.items()[0].where.file == c.expected.path);
    CHECK(result.errors() == 1);
    Diagnostics out;
    CHECK_FALSE(source.read(kRosterFile, out));
    CHECK(out.items().size() == 1);
  }
}

TEST_CASE("hidden entries are not read, whatever they are") {
  Repo r;
  const auto points = r.entries("HEAD:points");
  const std::string top = r.top_with_points(r.tree(
      {{"120000", ".keep", r.blob("x")}, {"160000", ".module", r.base}, points[0], points[1]}));
  git::Repository repo = git::Repository::open(r.dir.path());
  ContentReader reader(repo, "");
  Snapshot snapshot = reader.at(*git::Oid::parse(r.commit(top)));
  CHECK_FALSE(snapshot.malformed());
  CHECK(snapshot.points().size() == 3);
}

TEST_CASE("a registry folder that is there twice is malformed, named as the registry folder") {
  Repo r;
  const std::string registry = test::git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  const std::string other =
      r.tree(test::replaced(r.entries("HEAD^{tree}"), {"100644", "roster.yaml", r.blob("x\n")}));
  const std::string top = r.tree({{"40000", "reg", registry}, {"40000", "reg", other}});
  const git::Oid commit = *git::Oid::parse(r.commit(top));
  git::Repository repo = git::Repository::open(r.dir.path());
  const Malformation expected{".", What::registry_folder};
  CHECK(ContentReader(repo, "reg").at(commit).malformation() == expected);
  CHECK(git::GitTreeSource(repo, commit, "reg").malformed() == expected);
  // One of its name, the registry reads.
  const git::Oid fine = *git::Oid::parse(r.commit(r.tree({{"40000", "reg", registry}})));
  CHECK(ContentReader(repo, "reg").at(fine).points().size() == 3);
}

TEST_CASE("a folder read well at one depth is read again at a deeper one") {
  Repo r;
  // A chain of 62 folders with a point at its end: points/x and 61 folders "a" below it (62
  // deep), or points/x/y/z/w and 61 folders "a" below (65 deep).
  std::string chain = r.tree({{"100644", "lk.yaml", r.blob(kPoint)}});
  for (int i = 1; i < 62; ++i)
    chain = r.tree({{"40000", "a", chain}});
  const auto points = r.entries("HEAD:points");
  auto with_chain = [&](const std::string& folder) {
    return r.top_with_points(r.tree({points[0], points[1], {"40000", "x", folder}}));
  };
  const std::string shallow = with_chain(chain);
  std::string nested = chain;
  for (const char* name : {"w", "z", "y"})
    nested = r.tree({{"40000", name, nested}});
  const std::string deep = with_chain(nested);

  git::Repository repo = git::Repository::open(r.dir.path());
  ContentReader reader(repo, "");
  Snapshot first = reader.at(*git::Oid::parse(r.commit(shallow)));
  CHECK_FALSE(first.malformed());
  CHECK(first.points().size() == 4);
  Snapshot second = reader.at(*git::Oid::parse(r.commit(deep)));
  REQUIRE(second.malformed());
  CHECK(second.malformation()->what == What::too_deep);
  std::string folder = "points/x/y/z/w";  // w is 4 deep, the 61st "a" below it 65
  for (int i = 0; i < 61; ++i)
    folder += "/a";
  CHECK(second.malformation()->path == folder);
}

TEST_CASE("valid() says what validate says about a commit, errors only, kept by content id") {
  test::TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  test::write_minimal_registry(dir);
  const std::string clean = test::commit_all(dir.path(), "clean");
  // A warning only (basis-missing): still valid.
  dir.replace("points/pay/lk.yaml",
              "basis:\n  - type: internal_act\n    title: Приказ ОКУ «ЦБУ» от 10.01.2026 № 5\n",
              "");
  const std::string warned = test::commit_all(dir.path(), "no basis");
  // Two processes with one id in perechen.yaml: an error.
  dir.replace("perechen.yaml", "      - id: vacation\n", "      - id: salary\n");
  const std::string duplicate = test::commit_all(dir.path(), "duplicate process id");
  dir.replace("perechen.yaml", "      - id: salary\n        title: Оплата отпусков",
              "      - id: vacation\n        title: Оплата отпусков");
  const std::string fixed = test::commit_all(dir.path(), "fixed");
  // A point file that does not parse: the error comes with the kept file.
  dir.replace("points/pay/lk.yaml", "process: salary\n", "process: [salary\n");
  const std::string broken = test::commit_all(dir.path(), "a broken point");

  git::Repository repo = git::Repository::open(dir.path());
  ContentReader reader(repo, "");
  auto valid = [&](const std::string& commit) {
    return reader.valid(reader.at(*git::Oid::parse(commit)));
  };
  auto errors = [&](const std::string& commit) {
    return validate(git::GitTreeSource(repo, *git::Oid::parse(commit), ""), {}).errors();
  };
  auto warnings = [&](const std::string& commit) {
    return validate(git::GitTreeSource(repo, *git::Oid::parse(commit), ""), {}).warnings();
  };

  CHECK(errors(clean) == 0);
  CHECK(valid(clean));
  CHECK(errors(warned) == 0);
  CHECK(warnings(warned) > 0);
  CHECK(valid(warned));
  CHECK(errors(duplicate) > 0);
  CHECK_FALSE(valid(duplicate));
  CHECK_FALSE(valid(duplicate));  // asked again: the kept verdict
  CHECK(valid(fixed));            // the content of `warned` again
  CHECK(reader.at(*git::Oid::parse(fixed)).id() == reader.at(*git::Oid::parse(warned)).id());
  CHECK(errors(broken) > 0);
  CHECK_FALSE(valid(broken));

  // A reader that read the points of every version before gives the same verdicts.
  ContentReader warm(repo, "");
  for (const auto& commit : {clean, warned, duplicate, fixed, broken})
    warm.at(*git::Oid::parse(commit)).preload(warm.at(*git::Oid::parse(commit)).points());
  CHECK_FALSE(warm.valid(warm.at(*git::Oid::parse(broken))));
  CHECK_FALSE(warm.valid(warm.at(*git::Oid::parse(duplicate))));
  CHECK(warm.valid(warm.at(*git::Oid::parse(clean))));
}
