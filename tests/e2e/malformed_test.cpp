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
