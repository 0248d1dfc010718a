// SPDX-License-Identifier: Apache-2.0
// The version pinned by an anchor (spec §5.1, rule 3), as people see it: it is trusted because it
// is pinned, and status, verify and the export say so; the approvals its commit carries, when the
// history up to the anchor approves it, are listed for information (status text, JSON and
// Markdown, the export's approvers and approval sheet); a pinned commit that no approval made
// says that none was found.

#include <catch2/catch.hpp>

#include "approved_fixture.hpp"

using nlohmann::json;
using perechen::test::Approved;
using perechen::test::contains;
using perechen::test::git;

namespace {

std::string short_id(const std::string& commit) {
  return commit.substr(0, 12);
}

}  // namespace

TEST_CASE("status under an anchor says the version is pinned and lists the approvals it carries") {
  Approved r;
  git(r.dir.path(), {"config", "perechen.anchor", r.approved});

  auto text = r.perechen({"--lang", "en", "status"});
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, "Approved version: commit " + short_id(r.approved) + " of "));
  CHECK(contains(text.out, "pinned by the anchor " + short_id(r.approved) +
                               ": it is trusted because it is pinned, not because of approvals\n"));
  CHECK(contains(text.out, "  Approvals this commit carries (for information):\n"));
  for (const std::string name :
       {"Иванова Анна Петровна (ivanova)", "Петрова Мария Ивановна (petrova)",
        "Сидоров Петр Николаевич (sidorov)"}) {
    INFO(name);
    CHECK(contains(text.out, name));
  }
  auto russian = r.perechen({"status"});
  CHECK(contains(russian.out, "версия закреплена якорем " + short_id(r.approved) +
                                  ": ей доверяют по закреплению, а не по согласованиям"));

  json s = r.status_json();
  CHECK(s["base"]["anchored"] == true);
  CHECK(s["anchor"] == r.approved);
  std::vector<std::string> approvers;
  for (const auto& a : s["base"]["approvals"])
    approvers.push_back(a["person"]);
  CHECK(approvers == std::vector<std::string>{"sidorov", "petrova", "ivanova"});
  CHECK(s["base"]["approvals"][2]["commit"] == r.approved);
  // The roles the first version needed, each with the approval that gave it.
  REQUIRE(s["required"].size() == 6);
  for (const auto& required : s["required"])
    CHECK(required["approved"] == true);

  auto md = r.perechen({"--lang", "en", "status", "--format", "md"});
  CHECK(md.exit_code == 0);
  CHECK(contains(md.out, "pinned by the anchor"));
  CHECK(contains(md.out, "Approvals this commit carries (for information):"));

  auto verify = r.perechen({"--lang", "en", "verify"});
  CHECK(verify.exit_code == 0);
  CHECK(verify.out == "Approved: the registry content at " + short_id(r.head()) +
                          " is the version pinned by the anchor " + short_id(r.approved) +
                          " (commit " + short_id(r.approved) + " of " +
                          s["base"]["date"].get<std::string>() + ").\n");

  // Without the anchor nothing of this is said.
  git(r.dir.path(), {"config", "--unset", "perechen.anchor"});
  auto unpinned = r.perechen({"--lang", "en", "status"});
  CHECK_FALSE(contains(unpinned.out, "pinned"));
  CHECK(contains(unpinned.out, "Last approved version: commit " + short_id(r.approved)));
}

TEST_CASE("the export of a pinned version names the anchor and its approvers") {
  Approved r;
  auto exported = r.perechen({"--lang", "en", "export", "--format", "json", "--anchor", r.approved,
                              "--output", "list.json"});
  REQUIRE(exported.exit_code == 0);
  json doc = json::parse(r.dir.read("list.json"));
  CHECK(doc["version"]["approved"] == true);
  CHECK(doc["version"]["anchor"] == r.approved);
  std::vector<std::string> approvers;
  for (const auto& a : doc["version"]["approvers"])
    approvers.push_back(a["person"]);
  CHECK(approvers == std::vector<std::string>{"sidorov", "petrova", "ivanova"});

  REQUIRE(r.perechen({"--lang", "en", "export", "--format", "md", "--anchor", r.approved,
                      "--output", "list.md"})
              .exit_code == 0);
  std::string md = r.dir.read("list.md");
  CHECK(contains(md, "pinned by the anchor " + short_id(r.approved)));
  CHECK(contains(md, "Иванова Анна Петровна"));

  // Unpinned, the export says nothing of an anchor.
  REQUIRE(r.perechen({"export", "--format", "json", "--output", "plain.json"}).exit_code == 0);
  CHECK_FALSE(json::parse(r.dir.read("plain.json"))["version"].contains("anchor"));
}

TEST_CASE("a pinned commit that no approval made says so, and is still trusted") {
  // The first version is committed and pinned, never approved: trusted because it is pinned.
  Approved r(false);
  auto text = r.perechen({"--lang", "en", "status", "--anchor", r.first});
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, "pinned by the anchor " + short_id(r.first)));
  CHECK(contains(text.out,
                 "  The history up to the anchor holds no valid approvals of this "
                 "version.\n"));
  json s = json::parse(r.perechen({"status", "--format", "json", "--anchor", r.first}).out);
  CHECK(s["approved"] == true);
  CHECK(s["base"]["approvals"].empty());

  auto exported = r.perechen(
      {"--lang", "en", "export", "--format", "json", "--anchor", r.first, "--output", "list.json"});
  REQUIRE(exported.exit_code == 0);
  json doc = json::parse(r.dir.read("list.json"));
  CHECK(doc["version"]["anchor"] == r.first);
  CHECK(doc["version"]["approvers"].empty());
}
