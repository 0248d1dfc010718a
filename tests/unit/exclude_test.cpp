// SPDX-License-Identifier: Apache-2.0
// `validate --exclude GLOB` (issue 20, item 14): the globs match registry paths as .gitignore's
// do, and exclude() leaves out the matching files but never perechen.yaml or roster.yaml.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perechen/rules/validate.hpp"

using perechen::path_matches;

TEST_CASE("path_matches: * and ? stay within a folder, ** crosses folders") {
  CHECK(path_matches("points/pay/*.yaml", "points/pay/lk.yaml"));
  CHECK_FALSE(path_matches("points/*.yaml", "points/pay/lk.yaml"));
  CHECK(path_matches("points/**/*.yaml", "points/pay/lk.yaml"));
  CHECK(path_matches("points/**/*.yaml", "points/lk.yaml"));  // ** is zero folders too
  CHECK(path_matches("points/**/*.yaml", "points/a/b/c/lk.yaml"));
  CHECK(path_matches("points/**", "points/a/b.yaml"));
  CHECK(path_matches("points/p?y/lk.yaml", "points/pay/lk.yaml"));
  CHECK_FALSE(path_matches("points/p?y/lk.yaml", "points/p/y/lk.yaml"));
  // '?' is one character, Cyrillic included.
  CHECK(path_matches("points/?/x.yaml", "points/я/x.yaml"));
  CHECK_FALSE(path_matches("points/pay/lk.yaml", "points/pay/lk.yaml.bak"));
}

TEST_CASE("path_matches: a folder ends in '/', a bare name matches at any depth") {
  CHECK(path_matches("points/черновики/", "points/черновики/a.yaml"));
  CHECK(path_matches("points/черновики/", "points/черновики/b/c.yaml"));
  CHECK_FALSE(path_matches("points/черновики/", "points/черновики-2/a.yaml"));
  CHECK(path_matches("*.draft.yaml", "points/pay/lk.draft.yaml"));
  CHECK(path_matches("lk.yaml", "points/pay/lk.yaml"));
  CHECK_FALSE(path_matches("lk.yaml", "points/pay/lk2.yaml"));
  CHECK(path_matches("./points/pay/lk.yaml", "points/pay/lk.yaml"));
  CHECK_FALSE(path_matches("", "points/pay/lk.yaml"));
}

TEST_CASE("path_matches: many stars against a long path stay quick") {
  std::string path = "points/" + std::string(200, 'a') + ".yaml";
  CHECK_FALSE(path_matches("*a*a*a*a*a*a*a*a*a*a*b", path));
  CHECK(path_matches("**/*a*a*a*a*a*a*a*a*a*a*.yaml", path));
}

TEST_CASE("exclude: matching files leave the counts and the findings, settings never") {
  perechen::ValidationResult result;
  result.checked_files = {"perechen.yaml", "points/drafts/a.yaml", "points/pay/lk.yaml",
                          "roster.yaml"};
  result.files = 4;
  result.points = 2;
  result.diagnostics.add("unknown-process", {"points/drafts/a.yaml", 1, 10}, "x");
  result.diagnostics.add("unknown-process", {"points/pay/lk.yaml", 1, 10}, "y");
  result.diagnostics.add("registry-config", {"perechen.yaml", 1, 1}, "z");
  perechen::exclude(result, {"*.yaml"});
  CHECK(result.checked_files == std::vector<std::string>{"perechen.yaml", "roster.yaml"});
  CHECK(result.excluded == std::vector<std::string>{"points/drafts/a.yaml", "points/pay/lk.yaml"});
  CHECK(result.files == 2);
  CHECK(result.points == 0);
  REQUIRE(result.diagnostics.items().size() == 1);
  CHECK(result.diagnostics.items()[0].where.file == "perechen.yaml");
}
