// SPDX-License-Identifier: Apache-2.0
#pragma once

// Approving a pending change the way its approvers would, without perechen approve: one
// git-signed approval commit per person, for the roles `perechen status` says are missing. For
// end-to-end tests that need approved versions as the ground they stand on.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "../unit/approval_fixture.hpp"

namespace perechen::test {

inline const Key& key_of(const People& people, const std::string& person) {
  if (person == "ivanova")
    return people.ivanova;
  if (person == "petrova")
    return people.petrova;
  if (person == "sidorov")
    return people.sidorov;
  return people.kuznetsova;
}

// Every approval that `status` (the JSON of `perechen status --format json`) lists as missing, one
// commit per person in the order status names them, with the approved commit it names as
// Perechen-Base. Returns the last approval commit; empty when none was missing.
inline std::string approve_pending(const std::filesystem::path& repo, const People& people,
                                   const nlohmann::json& status) {
  std::string base =
      status["approved_commit"].is_null() ? "none" : status["approved_commit"].get<std::string>();
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> roles;
  for (const auto& r : status["required"]) {
    if (r["approved"] == true)
      continue;
    std::string person = r["person"];
    std::string role = r["role"];
    if (!r["scope"].is_null())
      role += " " + r["scope"].get<std::string>();
    if (roles.count(person) == 0)
      order.push_back(person);
    roles[person].push_back(role);
  }
  std::string last;
  for (const auto& person : order) {
    last = approve_with_git(
        repo, key_of(people, person),
        approval_message(status["content"].get<std::string>(), base, person, roles[person]));
  }
  return last;
}

}  // namespace perechen::test
