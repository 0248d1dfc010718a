// SPDX-License-Identifier: Apache-2.0
#pragma once

// A registry as it lives on a forge, for the end-to-end tests of approvals over the commit graph:
// real SSH keys, approval commits made by `git commit -S`, branches approved on their own and
// merged, and perechen run as a user runs it.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pending_approvals.hpp"

namespace perechen::test {

using nlohmann::json;

struct Forge {
  TempDir dir;
  test::People people = test::make_people(dir);
  std::string first;  // the commit that completed the first version

  Forge() {
    git({"init", "-q", "-b", "main"});
    dir.write(".gitignore", "keys/\n");
    test::write_minimal_registry(dir);
    dir.write("roster.yaml", test::roster_yaml(people));
    commit("first version");
    first = approve_all();
  }

  std::string git(const std::vector<std::string>& args) { return test::git(dir.path(), args); }
  std::string rev(const std::string& name) { return git({"rev-parse", name}).substr(0, 40); }

  std::string commit(const std::string& message) { return test::commit_all(dir.path(), message); }

  void edit(const std::string& file, const std::string& from, const std::string& to) {
    dir.replace(file, from, to);
  }

  test::RunResult perechen(const std::vector<std::string>& args) {
    return test::perechen(args, dir.path());
  }

  json status(const std::string& rev = "HEAD") {
    auto r = perechen({"status", "--format", "json", "--rev", rev});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }

  int verify(const std::string& rev = "HEAD", const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"verify", rev};
    args.insert(args.end(), extra.begin(), extra.end());
    return perechen(args).exit_code;
  }

  // Every approval the pending change at HEAD needs, one commit per person, as status lists them,
  // with Perechen-Base the approved commit status names. Returns the last approval commit.
  std::string approve_all() {
    std::string last = test::approve_pending(dir.path(), people, status());
    REQUIRE(verify() == 0);
    return last;
  }

  // A branch from `from` with one change of `file`, approved on the branch.
  void approved_branch(const std::string& name, const std::string& from, const std::string& file,
                       const std::string& old_text, const std::string& new_text) {
    git({"checkout", "-q", "-b", name, from});
    edit(file, old_text, new_text);
    commit("change on " + name);
    approve_all();
    git({"checkout", "-q", "main"});
  }

  std::vector<std::string> required_roles(const json& status) {
    std::vector<std::string> result;
    for (const auto& r : status["required"]) {
      std::string role = r["role"];
      if (!r["scope"].is_null())
        role += " " + r["scope"].get<std::string>();
      result.push_back(role);
    }
    return result;
  }

  std::vector<std::string> rejections(const json& status) {
    std::vector<std::string> result;
    for (const auto& r : status["rejected"])
      result.push_back(r["reason"]);
    return result;
  }
};

inline const std::string kLk = "points/pay/lk.yaml";
inline const std::string kLkUrl = "https://lk.example.ru";
inline const std::string kWindow = "points/pay/window.yaml";
inline const std::string kWindowRoom = "каб. 12";

}  // namespace perechen::test
