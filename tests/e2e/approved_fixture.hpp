// SPDX-License-Identifier: Apache-2.0
#pragma once

// A registry repository whose first version is fully approved by git-signed approvals (the keys
// of approval_fixture.hpp), for the end-to-end tests of the work around the evaluation over the
// commit graph: bounded work, anchors, the roster change shown in full.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "../unit/approval_fixture.hpp"

namespace perechen::test {

struct Approved {
  TempDir dir;
  TempDir home;  // HOME of every perechen run: no configuration of the person running the tests
  People people = make_people(dir);
  std::string first;     // the commit of the first version
  std::string approved;  // the approval that completed it

  // `approve` false: the first version is committed but not approved.
  explicit Approved(bool approve_first = true) {
    git(dir.path(), {"init", "-q"});
    dir.write(".gitignore", "keys/\n");
    write_minimal_registry(dir);
    dir.write("roster.yaml", roster_yaml(people));
    first = commit_all(dir.path(), "first version");
    if (!approve_first)
      return;
    approve(people.sidorov, "sidorov",
            {"process_owner salary", "process_owner vacation", "process_owner certificates"});
    approve(people.petrova, "petrova", {"direction_curator pay", "direction_curator docs"});
    approved = approve(people.ivanova, "ivanova", {"client_centricity"});
    REQUIRE(perechen({"verify"}).exit_code == 0);
  }

  std::map<std::string, std::string> env() const {
    return {{"HOME", home.path().string()},
            {"XDG_CONFIG_HOME", (home.path() / ".config").string()},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"SSH_AUTH_SOCK", ""}};
  }

  RunResult perechen(const std::vector<std::string>& args) const {
    return test::perechen(args, dir.path(), env());
  }

  nlohmann::json status_json() const {
    auto r = perechen({"status", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }

  // An approval made by git itself (`git commit -S`) of the content at HEAD.
  std::string approve(const Key& key, const std::string& approver,
                      const std::vector<std::string>& roles) const {
    nlohmann::json now = status_json();
    std::string base =
        now["approved_commit"].is_null() ? "none" : now["approved_commit"].get<std::string>();
    return approve_with_git(
        dir.path(), key,
        approval_message(now["content"].get<std::string>(), base, approver, roles));
  }

  std::string head() const { return git(dir.path(), {"rev-parse", "HEAD"}).substr(0, 40); }
};

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace perechen::test
