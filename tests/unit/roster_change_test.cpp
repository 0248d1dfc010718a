// SPDX-License-Identifier: Apache-2.0
// approval::compare_rosters (spec §5.1, rule 8): what an approver is shown of a roster change.

#include <catch2/catch.hpp>

#include "perechen/approval/roster_change.hpp"
#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

using namespace perechen;
using namespace perechen::approval;

namespace {

// Two valid Ed25519 keys (the bytes of real keys; nobody holds their private halves).
const std::string kKeyA =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILOR9fYTJiiexpGDr5MjpAYNkaHaJobortgwmphW/bSm";
const std::string kKeyB =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHSiHwKy9eeb6AhuzX1KQ5+YusNsUUVEkzulfxR74b89";

Roster roster(const std::string& text) {
  Diagnostics problems;
  auto tree = yaml::parse("roster.yaml", text, problems);
  REQUIRE(tree);
  return read_roster(*tree);
}

std::string people(const std::string& a_keys, const std::string& b_keys) {
  return "people:\n  - id: a\n    name: А\n    position: P\n    keys:\n" + a_keys +
         "  - id: b\n    name: Б\n    position: P\n    keys:\n" + b_keys +
         "roles:\n  client_centricity: a\n";
}

}  // namespace

TEST_CASE("a key moved from one person to another is removed from one and added to the other") {
  Roster before = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n"));
  Roster after = roster(people("      - " + kKeyB + " b\n", "      - " + kKeyA + " a\n"));
  RosterChange change = compare_rosters(&before, &after, false);
  REQUIRE(change.keys_added.size() == 2);
  REQUIRE(change.keys_removed.size() == 2);
  CHECK(change.keys_added[0].person == "a");
  CHECK(change.keys_added[0].line == kKeyB + " b");
  CHECK(change.keys_added[0].fingerprint.rfind("SHA256:", 0) == 0);
  CHECK(change.keys_removed[0].person == "a");
  CHECK(change.keys_removed[0].line == kKeyA + " a");
  CHECK(change.people_added.empty());
  CHECK(change.roles.empty());
}

TEST_CASE("a key whose comment alone changed is the same key; layout alone is no change") {
  Roster before = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n"));
  Roster after = roster("# comment\n" +
                        people("      - " + kKeyA + " renamed\n", "      - " + kKeyB + " b\n"));
  RosterChange change = compare_rosters(&before, &after, false);
  CHECK(change.empty());
  set_language(Lang::en);
  CHECK(describe_roster_change(change) ==
        std::vector<std::string>{"only layout or comments changed"});
}

TEST_CASE("a line that is not a key is shown as written, and a role given to nobody") {
  Roster before = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n"));
  Roster after =
      roster("people:\n  - id: a\n    name: А\n    position: P\n    keys:\n      - " + kKeyA +
             " a\n      - ssh-ed25519 AAAA\n  - id: b\n    name: Б\n    "
             "position: P\n    keys:\n      - " +
             kKeyB + " b\nroles: {}\n");
  RosterChange change = compare_rosters(&before, &after, false);
  set_language(Lang::en);
  auto lines = describe_roster_change(change);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "+ key of a: \"ssh-ed25519 AAAA\" (not a public key)");
  CHECK(lines[1] == "~ client-centricity deputy: a → nobody");
  CHECK(roster_change_markdown(change) ==
        "- `+` key of a: \"ssh-ed25519 AAAA\" (not a public key)\n"
        "- `~` client-centricity deputy: a → nobody\n");
}

TEST_CASE("an unreadable roster is said so, not compared") {
  Roster before = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n"));
  RosterChange change = compare_rosters(&before, nullptr, false);
  CHECK(change.unreadable_after);
  CHECK(change.keys_removed.empty());
  CHECK(change.people_removed.empty());
  set_language(Lang::en);
  CHECK(describe_roster_change(change).front() ==
        "roster.yaml of the new version cannot be read (perechen validate tells why)");
}

TEST_CASE("who may record a publication is shown when publishers change") {
  Roster before = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n") +
                         "publishers: [a]\n");
  Roster after = roster(people("      - " + kKeyA + " a\n", "      - " + kKeyB + " b\n") +
                        "publishers: [b]\n");
  RosterChange change = compare_rosters(&before, &after, false);
  REQUIRE(change.roles.size() == 2);
  CHECK(change.roles[0].role == "publisher");
  CHECK(change.roles[0].to == "b");
  CHECK(change.roles[1].from == "a");
  set_language(Lang::en);
  auto lines = describe_roster_change(change);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "~ publisher (cl. 3.1): nobody → b");
  CHECK(lines[1] == "~ publisher (cl. 3.1): a → nobody");
}
