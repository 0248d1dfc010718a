// SPDX-License-Identifier: Apache-2.0
// Change analysis between two versions of the registry (points, processes, settings, roster) and
// the approvals each change needs (spec §5).

#include <catch2/catch.hpp>

#include "approval_fixture.hpp"
#include "perechen/approval/change.hpp"
#include "perechen/approval/roles.hpp"
#include "perechen/git/repository.hpp"

using namespace perechen;
using namespace perechen::approval;
using perechen::test::TempDir;

namespace {

// The holders of a required role, "sidorov" or "sidorov,kozlov".
std::string holders(const perechen::approval::Requirement& r) {
  std::string text;
  for (const auto& person : r.people)
    text += (text.empty() ? "" : ",") + person;
  return text;
}

Snapshot read(const TempDir& dir) {
  Diagnostics out;
  auto source = make_directory_source(dir.path().string());
  Snapshot snapshot = snapshot_of_source(*source, out);
  REQUIRE(out.empty());
  return snapshot;
}

// A registry pair: `before` with the minimal registry, `after` the same, to be edited.
struct Pair {
  TempDir before, after;
  Pair() {
    test::write_minimal_registry(before);
    test::write_minimal_registry(after);
  }
  Change change() {
    Snapshot a = read(before);
    Snapshot b = read(after);
    return analyze(&a, b);
  }
  std::vector<std::string> required() {
    Snapshot a = read(before);
    Snapshot b = read(after);
    std::vector<std::string> result;
    for (const auto& r : required_roles(analyze(&a, b), &a, b)) {
      result.push_back(format_role(r.role) + " = " + holders(r) +
                       (r.named_by_change ? " (new)" : ""));
    }
    return result;
  }
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    after.replace(file, from, to);
  }
};

}  // namespace

TEST_CASE("no change: identical, nothing to approve") {
  Pair pair;
  Change change = pair.change();
  CHECK(change.identical);
  CHECK(change.points.empty());
  CHECK(pair.required().empty());
}

TEST_CASE("the first version adds every point and process and needs every role") {
  TempDir dir;
  test::write_minimal_registry(dir);
  Snapshot snapshot = read(dir);
  Change change = analyze(nullptr, snapshot);
  CHECK(change.first_version);
  CHECK(change.count(PointChangeKind::added) == 3);
  CHECK(change.processes.size() == 3);
  CHECK(change.processes[0].id == "salary");
  CHECK(change.processes[0].kind == ProcessChangeKind::added);
  CHECK(change.settings_changed);
  CHECK(change.roster_changed);
  std::vector<std::string> roles;
  for (const auto& r : required_roles(change, nullptr, snapshot)) {
    roles.push_back(format_role(r.role) + " = " + holders(r));
  }
  CHECK(roles == std::vector<std::string>{
                     "process_owner salary = sidorov", "process_owner vacation = sidorov",
                     "process_owner certificates = sidorov", "direction_curator pay = petrova",
                     "direction_curator docs = petrova", "client_centricity = ivanova"});
}

TEST_CASE(
    "a changed point names its changed fields and needs its owner, curator and client-centricity") {
  Pair pair;
  pair.edit("points/pay/lk.yaml", "name: Личный кабинет сотрудника", "name: Личный кабинет");
  pair.edit("points/pay/lk.yaml", "  - information\n", "  - information\n  - progress\n");
  Change change = pair.change();
  REQUIRE(change.points.size() == 1);
  CHECK(change.points[0].kind == PointChangeKind::changed);
  CHECK(change.points[0].file == "points/pay/lk.yaml");
  CHECK(change.points[0].fields == std::vector<std::string>{"point.name", "needs"});
  CHECK(change.points[0].processes() == std::vector<std::string>{"salary"});
  CHECK_FALSE(change.settings_changed);
  CHECK_FALSE(change.roster_changed);
  CHECK(pair.required() == std::vector<std::string>{"process_owner salary = sidorov",
                                                    "direction_curator pay = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("a point's layout alone is a change with no field named") {
  Pair pair;
  pair.edit("points/docs/email.yaml", "value: Заказать справку о доходах без визита",
            "# comment\nvalue: \"Заказать справку о доходах без визита\"");
  Change change = pair.change();
  REQUIRE(change.points.size() == 1);
  CHECK(change.points[0].fields.empty());
  CHECK(pair.required() == std::vector<std::string>{"process_owner certificates = sidorov",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("a point moved to a process of another direction needs both owners and both curators") {
  Pair pair;
  pair.edit("roster.yaml", "    certificates: sidorov", "    certificates: petrova");
  pair.before.write("roster.yaml", pair.after.read("roster.yaml"));
  pair.edit("points/pay/lk.yaml", "process: salary", "process: certificates");
  Change change = pair.change();
  REQUIRE(change.points.size() == 1);
  CHECK(change.points[0].fields == std::vector<std::string>{"process"});
  CHECK(change.points[0].processes() == std::vector<std::string>{"salary", "certificates"});
  CHECK(pair.required() == std::vector<std::string>{"process_owner salary = sidorov",
                                                    "process_owner certificates = petrova",
                                                    "direction_curator pay = petrova",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("points added and removed, by path") {
  Pair pair;
  std::filesystem::remove(pair.after.path() / "points/pay/window.yaml");
  pair.after.write("points/docs/second.yaml", pair.after.read("points/docs/email.yaml"));
  Change change = pair.change();
  REQUIRE(change.points.size() == 2);
  CHECK(change.points[0].file == "points/docs/second.yaml");
  CHECK(change.points[0].kind == PointChangeKind::added);
  REQUIRE(change.points[0].after);
  CHECK(change.points[0].after->name.value == "Электронная почта отдела справок");
  CHECK(change.points[1].file == "points/pay/window.yaml");
  CHECK(change.points[1].kind == PointChangeKind::removed);
  CHECK(change.points[1].processes() == std::vector<std::string>{"vacation"});
}

TEST_CASE("a renamed process (same id, new title) is not a settings change") {
  Pair pair;
  pair.edit("perechen.yaml", "title: Оплата отпусков", "title: Оплата ежегодных отпусков");
  Change change = pair.change();
  REQUIRE(change.processes.size() == 1);
  CHECK(change.processes[0].kind == ProcessChangeKind::renamed);
  CHECK(change.processes[0].id == "vacation");
  CHECK(change.processes[0].title_before == "Оплата отпусков");
  CHECK(change.processes[0].title_after == "Оплата ежегодных отпусков");
  CHECK_FALSE(change.settings_changed);
  CHECK(pair.required() == std::vector<std::string>{"process_owner vacation = sidorov",
                                                    "direction_curator pay = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("a process moved to another direction needs both curators") {
  Pair pair;
  pair.edit("perechen.yaml", "      - id: vacation\n        title: Оплата отпусков\n", "");
  pair.edit(
      "perechen.yaml", "        title: Выдача справок\n",
      "        title: Выдача справок\n      - id: vacation\n        title: Оплата отпусков\n");
  Change change = pair.change();
  REQUIRE(change.processes.size() == 1);
  CHECK(change.processes[0].kind == ProcessChangeKind::moved);
  CHECK(change.processes[0].direction_before == "pay");
  CHECK(change.processes[0].direction_after == "docs");
  CHECK_FALSE(change.settings_changed);
  CHECK(pair.required() == std::vector<std::string>{"process_owner vacation = sidorov",
                                                    "direction_curator pay = petrova",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("settings: a new title or a new order of processes needs every curator") {
  Pair pair;
  pair.edit("perechen.yaml", "organization: Управление финансов Липецкой области",
            "organization: Управление финансов");
  Change change = pair.change();
  CHECK(change.settings_changed);
  CHECK(change.settings == std::vector<std::string>{"organization"});
  CHECK(change.processes.empty());
  CHECK(pair.required() == std::vector<std::string>{"direction_curator pay = petrova",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});

  Pair reorder;
  reorder.edit("perechen.yaml", "      - id: vacation\n        title: Оплата отпусков\n", "");
  reorder.edit("perechen.yaml", "      - id: salary\n",
               "      - id: vacation\n        title: Оплата отпусков\n      - id: salary\n");
  Change reordered = reorder.change();
  CHECK(reordered.processes.empty());
  CHECK(reordered.settings == std::vector<std::string>{"directions"});
}

TEST_CASE(
    "a new process with its owner: no owner the change names, the base's curators and deputy") {
  Pair pair;
  pair.edit("perechen.yaml", "        title: Выдача справок\n",
            "        title: Выдача справок\n      - id: archive\n        title: Архив\n");
  pair.edit("roster.yaml", "    certificates: sidorov\n",
            "    certificates: sidorov\n    archive: petrova\n");
  Change change = pair.change();
  REQUIRE(change.processes.size() == 1);
  CHECK(change.processes[0].kind == ProcessChangeKind::added);
  CHECK_FALSE(change.settings_changed);
  CHECK(change.roster_changed);
  // Roles and keys never come from the change: the owner its roster names for the new process
  // is nobody the base knows in that role, and adding a process needs every curator anyway.
  CHECK(pair.required() == std::vector<std::string>{"direction_curator pay = petrova",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("a roster change is judged by the base roster: the old holders approve it") {
  Pair pair;
  pair.edit("roster.yaml", "  client_centricity: ivanova", "  client_centricity: petrova");
  Change change = pair.change();
  CHECK(change.roster_changed);
  CHECK_FALSE(change.settings_changed);
  CHECK(pair.required() == std::vector<std::string>{"direction_curator pay = petrova",
                                                    "direction_curator docs = petrova",
                                                    "client_centricity = ivanova"});
}

TEST_CASE("role trailers: formatted and read back; anything else is refused") {
  CHECK(format_role({Role::process_owner, "salary"}) == "process_owner salary");
  CHECK(format_role({Role::client_centricity, ""}) == "client_centricity");
  CHECK(parse_role_scope("direction_curator pay") == RoleScope{Role::direction_curator, "pay"});
  CHECK(parse_role_scope("client_centricity") == RoleScope{Role::client_centricity, ""});
  CHECK_FALSE(parse_role_scope("client_centricity pay").has_value());
  CHECK_FALSE(parse_role_scope("process_owner").has_value());
  CHECK_FALSE(parse_role_scope("process_owner Salary").has_value());
  CHECK_FALSE(parse_role_scope("owner salary").has_value());
}

TEST_CASE("between two commits, the differing point files are found from the git trees") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  test::write_minimal_registry(dir);
  dir.write("points/old/gone.yaml", "process: salary\n");
  dir.write("points/pay/notes.txt", "not a point\n");
  dir.write("points/x.yaml", "process: salary\n");
  std::string first = test::commit_all(dir.path(), "first");
  std::filesystem::remove_all(dir.path() / "points/old");
  std::filesystem::remove(dir.path() / "points/x.yaml");
  dir.write("points/x.yaml/inside.yaml", "process: salary\n");  // a file became a folder
  dir.write("points/new/deep/added.yml", "process: vacation\n");
  dir.write("points/pay/notes.txt", "still not a point\n");
  dir.write("points/docs/email.yaml", dir.read("points/docs/email.yaml") + "# comment\n");
  std::string second = test::commit_all(dir.path(), "second");

  auto repo = git::Repository::open(dir.path());
  ContentReader reader(repo, "");
  Snapshot a = reader.at(*git::Oid::parse(first));
  Snapshot b = reader.at(*git::Oid::parse(second));
  std::vector<std::string> seen;
  for (const auto& d : diff_point_files(&a, b)) {
    seen.push_back((d.before ? std::string("-") : std::string()) +
                   (d.after ? std::string("+") : std::string()) + " " +
                   (d.after ? d.after->path : d.before->path));
  }
  CHECK(seen == std::vector<std::string>{"-+ points/docs/email.yaml", "+ points/new/deep/added.yml",
                                         "- points/old/gone.yaml", "- points/x.yaml",
                                         "+ points/x.yaml/inside.yaml"});
  // The same as comparing the full listings.
  CHECK(b.points().size() == 5);
  Change change = analyze(&a, b);
  CHECK(change.points.size() == 5);
  CHECK(change.points[0].kind == PointChangeKind::changed);
  CHECK(change.points[0].fields.empty());
  CHECK(change.points[1].after->process.value == "vacation");
}
