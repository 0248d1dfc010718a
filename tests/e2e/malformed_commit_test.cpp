// SPDX-License-Identifier: Apache-2.0
// Commits that git would refuse (written with `git hash-object --literally`, as anyone who can push
// can): no author or committer line, a time before the epoch or past int64's reach, a time zone of
// 99 hours. A plain commit like that in the history is read like any other: status, verify and
// export keep working and print no impossible date.

#include <catch2/catch.hpp>

#include "approved_fixture.hpp"

using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;

namespace {

// A commit on top of HEAD with HEAD's tree and these header lines, written without any check and
// made the tip of main.
std::string crafted_head(const Approved& r, const std::string& people) {
  std::string tree = git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::string raw = "tree " + tree + "\nparent " + r.head() + "\n" + people + "\ncrafted\n";
  auto file = r.dir.write("keys/raw-commit", raw);
  std::string id =
      git(r.dir.path(), {"hash-object", "-t", "commit", "-w", "--literally", file.string()})
          .substr(0, 40);
  git(r.dir.path(), {"update-ref", "refs/heads/main", id});
  return id;
}

}  // namespace

TEST_CASE("a plain commit git would refuse at HEAD does not stop status, verify or export") {
  const std::vector<std::pair<const char*, std::string>> cases{
      {"negative times", "author A <a@x> -1700000000 +0300\ncommitter C <c@x> -1700000000 +0300\n"},
      {"no author, no committer", ""},
      {"no committer", "author A <a@x> 1700000000 +0300\n"},
      {"time 2^63-1, zone +9959",
       "author A <a@x> 9223372036854775807 +9959\ncommitter C <c@x> 9223372036854775807 +9959\n"},
      {"time past int64",
       "author A <a@x> 99999999999999999999 -9959\ncommitter C <c@x> 99999999999999999999 -9959\n"},
  };
  for (const auto& [what, people] : cases) {
    INFO(what);
    Approved r;
    std::string id = crafted_head(r, people);
    REQUIRE(r.head() == id);

    auto verify = r.perechen({"--lang", "en", "verify"});
    CHECK(verify.exit_code == 0);
    CHECK(verify.err.empty());
    auto status = r.perechen({"--lang", "en", "status"});
    CHECK(status.exit_code == 0);
    CHECK(status.err.empty());
    CHECK_FALSE(contains(status.out, "-19"));
    json s = r.status_json();
    CHECK(s["head"] == id);
    CHECK(s["approved"] == true);
    CHECK(s["approved_commit"] == id);  // the newest commit of the approved content
    CHECK(r.perechen({"verify", id}).exit_code == 0);
    CHECK(r.perechen({"verify", "HEAD~1"}).exit_code == 0);
    CHECK(r.perechen({"status", "--rev", id.substr(0, 10)}).exit_code == 0);
    auto csv = r.perechen({"export", "--format", "csv", "--rev", "head"});
    CHECK(csv.exit_code == 0);
    CHECK(contains(csv.out, "https://lk.example.ru"));
  }
}
