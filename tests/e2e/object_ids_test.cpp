// Only object ids are trusted (spec §5.1, rule 9), as a user meets it: a revision that names both a
// branch and a tag, or a ref and the beginning of an id, is refused on every command that takes
// one, naming both.

#include <catch2/catch.hpp>

#include "approved_fixture.hpp"

using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;

namespace {

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
