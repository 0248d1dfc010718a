// SPDX-License-Identifier: Apache-2.0
// Every rule of spec §3 that looks at the content of the registry (the yaml-* and file-* rules
// are tested with the hostile inputs), through the built binary: one change to the minimal
// registry that makes the rule fire, with the exact exit code and finding (file, line, column,
// rule, clause, severity), and one nearby change that is valid and leaves the registry clean.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fixture.hpp"
#include "perechen/diagnostic.hpp"

using nlohmann::json;
using perechen::test::TempDir;

namespace {

struct Expected {
  std::string file;
  int line;
  int column;
  std::string rule;
  std::string clause;  // empty: null in JSON
  std::string severity = "error";
};

struct Outcome {
  int exit_code = -1;
  json report;
};

Outcome validate(const TempDir& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"validate", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto run = perechen::test::perechen(args, dir.path());
  INFO("stderr: " << run.err);
  REQUIRE(run.signal == 0);
  Outcome outcome;
  outcome.exit_code = run.exit_code;
  REQUIRE_NOTHROW(outcome.report = json::parse(run.out));
  return outcome;
}

void edit(const TempDir& dir, const std::string& file, const std::string& from,
          const std::string& to) {
  dir.replace(file, from, to);
}

std::string show(const json& report) {
  return report.dump(2);
}

// The report holds exactly `expected`, in this order, and the exit code is `exit_code`.
void expect(const Outcome& outcome, int exit_code, const std::vector<Expected>& expected) {
  INFO(show(outcome.report));
  CHECK(outcome.exit_code == exit_code);
  const json& list = outcome.report.at("diagnostics");
  REQUIRE(list.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const json& d = list[i];
    const Expected& e = expected[i];
    CHECK(d.at("file") == e.file);
    CHECK(d.at("line") == e.line);
    CHECK(d.at("column") == e.column);
    CHECK(d.at("rule") == e.rule);
    if (e.clause.empty()) {
      CHECK(d.at("clause").is_null());
    } else {
      CHECK(d.at("clause") == e.clause);
    }
    CHECK(d.at("severity") == e.severity);
    CHECK_FALSE(d.at("message").get<std::string>().empty());
  }
  std::size_t errors = 0;
  for (const auto& e : expected) {
    if (e.severity == "error")
      ++errors;
  }
  CHECK(outcome.report.at("summary").at("errors") == errors);
  CHECK(outcome.report.at("summary").at("warnings") == expected.size() - errors);
}

void expect_clean(const TempDir& dir) {
  auto outcome = validate(dir, {"--strict"});
  expect(outcome, 0, {});
  CHECK(outcome.report.at("summary").at("points") == 3);
}

std::string message(const Outcome& outcome, std::size_t index = 0) {
  return outcome.report.at("diagnostics").at(index).at("message").get<std::string>();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string kLk = "points/pay/lk.yaml";
const std::string kWindow = "points/pay/window.yaml";
const std::string kEmail = "points/docs/email.yaml";

}  // namespace

// Each test of a rule carries the tag [rule:ID]; the tags, read from Catch2's own list of the test
// cases in this program, must name every content rule of data/rules.yaml and no id it lacks. A test
// removed or renamed is missed here; a hand-kept list would go on naming it.
TEST_CASE("every content rule of data/rules.yaml has its end-to-end test here", "[e2e][rules]") {
  constexpr std::string_view prefix = "rule:";
  std::set<std::string> tagged;
  for (const auto& test : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
    for (const std::string& tag : test.getTestCaseInfo().tags) {
      if (tag.starts_with(prefix))
        tagged.insert(tag.substr(prefix.size()));
    }
  }
  std::set<std::string> content_rules;
  std::set<std::string> rules;
  for (const auto& rule : perechen::all_rules()) {
    rules.insert(rule.id);
    if (!rule.id.starts_with("yaml-") && !rule.id.starts_with("file-"))
      content_rules.insert(rule.id);
  }
  REQUIRE(!content_rules.empty());
  for (const std::string& id : content_rules) {
    INFO("rule " << id << " has no test case tagged [rule:" << id << "]");
    CHECK(tagged.count(id) == 1);
  }
  // A rule of the file (file-misnamed) may have its test here too.
  for (const std::string& id : tagged) {
    INFO("the tag [rule:" << id << "] names no rule of data/rules.yaml");
    CHECK(rules.count(id) == 1);
  }
}

TEST_CASE("the minimal registry is clean", "[e2e][rules]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  expect_clean(dir);
}

// Issue 20, item 3: what looks meant for the registry and is not read is named, as a warning.
TEST_CASE("file-misnamed", "[e2e][rules][rule:file-misnamed]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("warns of a point file under another name and of a folder point/ beside points/") {
    dir.write("points/pay/copy.yaml.txt", dir.read(kLk));
    dir.write("points/pay/lk.yml~", dir.read(kLk));
    dir.write("points/pay/lk.YAML.bak", dir.read(kLk));
    dir.write("point/pay/lost.yaml", dir.read(kLk));
    auto outcome = validate(dir);
    expect(outcome, 0,
           {{"point", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/copy.yaml.txt", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/lk.YAML.bak", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/lk.yml~", 0, 0, "file-misnamed", "", "warning"}});
    const json& list = outcome.report["diagnostics"];
    CHECK(list[1]["message"].get<std::string>().find("points/pay/copy.yaml") != std::string::npos);
    CHECK(list[2]["message"].get<std::string>().find("points/pay/lk.YAML ") != std::string::npos);
    CHECK(outcome.report["summary"]["points"] == 3);
    expect(validate(dir, {"--strict"}), 1,
           {{"point", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/copy.yaml.txt", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/lk.YAML.bak", 0, 0, "file-misnamed", "", "warning"},
            {"points/pay/lk.yml~", 0, 0, "file-misnamed", "", "warning"}});
    // The text report says it in words, in both languages.
    auto ru = perechen::test::perechen({"validate"}, dir.path());
    CHECK(ru.out.find("points/pay/copy.yaml.txt похож на файл точки, но не читается") !=
          std::string::npos);
    CHECK(ru.out.find("папка point/ рядом с points/ не читается") != std::string::npos);
    auto en = perechen::test::perechen({"--lang", "en", "validate"}, dir.path());
    CHECK(en.out.find("rename it to points/pay/lk.yml or delete it") != std::string::npos);
  }
  SECTION("warns in the index too (validate --staged, the pre-commit hook)") {
    using perechen::test::git;
    git(dir.path(), {"init", "-q"});
    dir.write("points/pay/copy.yaml.txt", dir.read(kLk));
    git(dir.path(), {"add", "-A"});
    expect(validate(dir, {"--staged"}), 0,
           {{"points/pay/copy.yaml.txt", 0, 0, "file-misnamed", "", "warning"}});
  }
  SECTION("stays silent on hidden files, other names and a folder point inside points/") {
    dir.write("points/pay/.lk.yaml.swp", "x");
    dir.write("points/README.md", "Точки\n");
    dir.write("points/pay/notes.txt", "заметки\n");
    dir.write("points/point/README.md", "Точки\n");
    dir.write("pointers/notes.txt", "заметки\n");
    expect_clean(dir);
  }
}

TEST_CASE("unknown-field", "[e2e][rules][rule:unknown-field]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a misspelt key, suggesting the right one") {
    edit(dir, kLk, "  kind: personal_account", "  knd: personal_account");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 5, 3, "unknown-field", ""}});
    CHECK(contains(message(outcome), "«kind»"));
  }
  SECTION("stays silent on an optional key of the format") {
    edit(dir, kLk, "  url: https://lk.example.ru\n",
         "  url: https://lk.example.ru\n  address: г. Липецк, ул. Советская, д. 3\n");
    expect_clean(dir);
  }
}

TEST_CASE("field-type", "[e2e][rules][rule:field-type]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on text where a list belongs") {
    edit(dir, kLk, "clients: [civil-servants]", "clients: civil-servants");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 7, 10, "field-type", ""}});
    CHECK(contains(message(outcome), "clients"));
  }
  SECTION("stays silent on a list written as a block") {
    edit(dir, kLk, "clients: [civil-servants]", "clients:\n  - civil-servants");
    expect_clean(dir);
  }
}

TEST_CASE("missing-field", "[e2e][rules][rule:missing-field]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a point without its value (2.2)") {
    edit(dir, kLk, "value: Видеть начисления и удержания без визита в бухгалтерию\n", "");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 1, 1, "missing-field", "2.2"}});
    CHECK(contains(message(outcome), "value"));
  }
  SECTION("fires at the point key when point.name is missing") {
    edit(dir, kEmail, "  name: Электронная почта отдела справок\n", "");
    expect(validate(dir), 1, {{kEmail, 2, 1, "missing-field", "2.2"}});
  }
  SECTION("stays silent when only optional fields are left out") {
    edit(dir, kLk, "  kind: personal_account\n", "");
    edit(dir, kLk, "prepared_by: cbu\n", "");
    expect_clean(dir);
  }
}

TEST_CASE("empty-value", "[e2e][rules][rule:empty-value]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a value of spaces only") {
    edit(dir, kLk, "value: Видеть начисления и удержания без визита в бухгалтерию",
         "value: \"   \"");
    expect(validate(dir), 1, {{kLk, 8, 8, "empty-value", "2.2"}});
  }
  SECTION("stays silent on a value with spaces around its text") {
    edit(dir, kLk, "value: Видеть начисления и удержания без визита в бухгалтерию",
         "value: \"  Видеть начисления  \"");
    expect_clean(dir);
  }
}

TEST_CASE("unknown-process", "[e2e][rules][rule:unknown-process]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a misspelt process, suggesting the nearest id") {
    edit(dir, kLk, "process: salary", "process: salery");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 1, 10, "unknown-process", "2.2"}});
    CHECK(contains(message(outcome), "«salary»"));
  }
  SECTION("stays silent on a process of another direction") {
    edit(dir, kLk, "process: salary", "process: certificates");
    expect_clean(dir);
  }
}

TEST_CASE("unknown-client", "[e2e][rules][rule:unknown-client]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires at the client that perechen.yaml lacks") {
    edit(dir, kLk, "clients: [civil-servants]", "clients: [civil-servants, pensioners]");
    expect(validate(dir), 1, {{kLk, 7, 27, "unknown-client", "2.2"}});
  }
  SECTION("stays silent on clients of the dictionary") {
    edit(dir, kLk, "clients: [civil-servants]", "clients: [civil-servants, ogu-staff]");
    expect_clean(dir);
  }
}

TEST_CASE("unknown-institution", "[e2e][rules][rule:unknown-institution]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on an institution not in perechen.yaml (2.3)") {
    edit(dir, kLk, "prepared_by: cbu", "prepared_by: cbu-tambov");
    expect(validate(dir), 1, {{kLk, 15, 14, "unknown-institution", "2.3"}});
  }
  SECTION("fires on every point that leaves it out when there are several institutions") {
    edit(dir, "perechen.yaml", "clients:\n",
         "  - id: cbu-branch\n    title: Филиал ОКУ «ЦБУ»\nclients:\n");
    expect(validate(dir), 1,
           {{kEmail, 1, 1, "unknown-institution", "2.3"},
            {kWindow, 1, 1, "unknown-institution", "2.3"}});
  }
  SECTION("stays silent when it is left out and there is one institution") {
    edit(dir, kLk, "prepared_by: cbu\n", "");
    expect_clean(dir);
  }
}

TEST_CASE("channel-invalid", "[e2e][rules][rule:channel-invalid]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a channel that is neither digital nor offline (1.3)") {
    edit(dir, kLk, "channel: digital", "channel: online");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 4, 12, "channel-invalid", "1.3"}});
    CHECK(contains(message(outcome), "«digital»"));
  }
  SECTION("stays silent on a quoted valid channel") {
    edit(dir, kLk, "channel: digital", "channel: 'digital'");
    expect_clean(dir);
  }
}

TEST_CASE("kind-unknown", "[e2e][rules][rule:kind-unknown]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  edit(dir, kWindow, "kind: document_window", "kind: kiosk");
  SECTION("fires on a kind that is neither built in nor in perechen.yaml") {
    expect(validate(dir), 1, {{kWindow, 5, 9, "kind-unknown", "1.3"}});
  }
  SECTION("stays silent once perechen.yaml describes the kind") {
    dir.write("perechen.yaml", dir.read("perechen.yaml") +
                                   "kinds:\n  - id: kiosk\n    title: Информационный киоск\n"
                                   "    channel: offline\n");
    expect_clean(dir);
  }
}

TEST_CASE("kind-channel-mismatch", "[e2e][rules][rule:kind-channel-mismatch]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on an offline kind of a digital point") {
    edit(dir, kLk, "kind: personal_account", "kind: reception");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 5, 9, "kind-channel-mismatch", "1.3"}});
    CHECK(contains(message(outcome), "offline"));
  }
  SECTION("stays silent on a phone line, which is a digital point") {
    edit(dir, kLk, "kind: personal_account", "kind: phone");
    edit(dir, kLk, "url: https://lk.example.ru", "url: tel:+7 (4742) 22-01-01");
    expect_clean(dir);
  }
}

TEST_CASE("needs-missing", "[e2e][rules][rule:needs-missing]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  const std::string needs =
      "needs:\n  - information\n  - result: Расчетный листок в день выплаты\n";
  SECTION("fires when needs is absent (2.6)") {
    edit(dir, kLk, needs, "");
    expect(validate(dir), 1, {{kLk, 1, 1, "needs-missing", "2.6"}});
  }
  SECTION("fires on an empty list, at its key") {
    edit(dir, kLk, needs, "needs: []\n");
    expect(validate(dir), 1, {{kLk, 9, 1, "needs-missing", "2.6"}});
  }
  SECTION("stays silent on a single need") {
    edit(dir, kLk, needs, "needs: [feedback]\n");
    expect_clean(dir);
  }
}

TEST_CASE("need-unknown", "[e2e][rules][rule:need-unknown]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a code outside the nine of 2.6") {
    edit(dir, kLk, "  - information", "  - payslip");
    expect(validate(dir), 1, {{kLk, 10, 5, "need-unknown", "2.6"}});
  }
  SECTION("fires on a described need with a misspelt code, suggesting it") {
    edit(dir, kLk, "  - result: Расчетный листок", "  - reslt: Расчетный листок");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 11, 5, "need-unknown", "2.6"}});
    CHECK(contains(message(outcome), "«result»"));
  }
  SECTION("stays silent on the eighth need") {
    edit(dir, kLk, "  - information", "  - feedback_result");
    expect_clean(dir);
  }
}

TEST_CASE("need-duplicate", "[e2e][rules][rule:need-duplicate]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on the second mention, pointing to the first") {
    edit(dir, kEmail, "  - result\n", "  - progress\n");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kEmail, 12, 5, "need-duplicate", "2.6"}});
    const json& related = outcome.report["diagnostics"][0]["related"];
    REQUIRE(related.size() == 1);
    CHECK(related[0]["file"] == kEmail);
    CHECK(related[0]["line"] == 11);
    CHECK(related[0]["column"] == 5);
  }
  SECTION("stays silent on two other needs that say different things") {
    edit(dir, kEmail, "  - result\n",
         "  - result\n  - other: Справка для визы\n  - other: Справка для банка\n");
    expect_clean(dir);
  }
}

TEST_CASE("need-other-undescribed", "[e2e][rules][rule:need-other-undescribed]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on other without a description") {
    edit(dir, kEmail, "  - result\n", "  - other\n");
    expect(validate(dir), 1, {{kEmail, 12, 5, "need-other-undescribed", "2.6"}});
  }
  SECTION("stays silent on other with a description") {
    edit(dir, kEmail, "  - result\n", "  - other: Справка для визы\n");
    expect_clean(dir);
  }
}

TEST_CASE("point-duplicate", "[e2e][rules][rule:point-duplicate]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  const std::string copy = "points/pay/lk-copy.yaml";
  SECTION("fires once for the same name after normalising (2.7), outside git at the later path") {
    std::string text = dir.read(kLk);
    dir.write(copy, text);
    edit(dir, copy, "name: Личный кабинет сотрудника", "name: ЛИЧНЫЙ  кабинет «сотрудника»");
    edit(dir, copy, "url: https://lk.example.ru", "url: https://lk2.example.ru");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 3, 9, "point-duplicate", "2.7"}});
    const json& list = outcome.report["diagnostics"];
    CHECK(list[0]["related"][0]["file"] == copy);
    CHECK(list[0]["related"][0]["line"] == 3);
    CHECK(outcome.report["summary"]["points"] == 4);
  }
  SECTION("fires on the same url, and validate PATH reports it at the file named") {
    dir.write(copy, dir.read(kLk));
    edit(dir, copy, "name: Личный кабинет сотрудника", "name: Кабинет работника");
    expect(validate(dir), 1, {{kLk, 6, 8, "point-duplicate", "2.7"}});
    auto only = validate(dir, {copy});
    expect(only, 1, {{copy, 6, 8, "point-duplicate", "2.7"}});
    CHECK(only.report["diagnostics"][0]["related"][0]["file"] == kLk);
    expect(validate(dir, {kLk}), 1, {{kLk, 6, 8, "point-duplicate", "2.7"}});
  }
  SECTION("stays silent on the same point in another process") {
    dir.write(copy, dir.read(kLk));
    edit(dir, copy, "process: salary", "process: vacation");
    auto outcome = validate(dir);
    expect(outcome, 0, {});
  }
}

// Issue 21, item 10: what a reader cannot see as written is a finding of its own, named visibly
// with its column; and two names told apart only by it are one point for rule 2.7.
TEST_CASE("text-lookalike", "[e2e][rules][rule:text-lookalike]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on a zero-width space in a name, shown as <U+200B>, never raw") {
    edit(dir, kLk, "name: Личный кабинет", "name: Лич\u200Bный кабинет");
    auto outcome = validate(dir, {"--lang", "en"});
    expect(outcome, 1, {{kLk, 3, 12, "text-lookalike", "2.7"}});
    CHECK(contains(message(outcome), "<U+200B> (column 12)"));
    CHECK_FALSE(contains(outcome.report.dump(), "\u200B"));
    auto text = perechen::test::perechen({"validate"}, dir.path());
    CHECK(text.exit_code == 1);
    CHECK(contains(text.out, "<U+200B>"));
    CHECK_FALSE(contains(text.out, "\u200B"));
  }
  SECTION("fires on a Latin letter in a Cyrillic word and on a direction override in an id") {
    edit(dir, kLk, "name: Личный кабинет", "name: Личный Kабинет");
    edit(dir, kWindow, "process: vacation", "process: vaca\u202Ection");
    auto outcome = validate(dir, {"--lang", "en"});
    INFO(show(outcome.report));
    auto list = outcome.report.at("diagnostics");
    std::vector<std::string> rules;
    for (const auto& d : list)
      rules.push_back(d.at("rule").get<std::string>() + "@" + d.at("file").get<std::string>() +
                      ":" + std::to_string(d.at("column").get<int>()));
    CHECK(std::count(rules.begin(), rules.end(), "text-lookalike@" + kLk + ":16") == 1);
    CHECK(std::count(rules.begin(), rules.end(), "text-lookalike@" + kWindow + ":14") == 1);
    CHECK(outcome.exit_code == 1);
  }
  SECTION("rule 2.7 takes a name with a look-alike or invisible letter for the same name") {
    const std::string copy = "points/pay/lk-copy.yaml";
    dir.write(copy, dir.read(kLk));
    edit(dir, copy, "name: Личный кабинет сотрудника", "name: Лич\u00ADный кабинeт сотрудника");
    edit(dir, copy, "url: https://lk.example.ru", "url: https://lk2.example.ru");
    auto outcome = validate(dir);
    INFO(show(outcome.report));
    std::set<std::string> rules;
    for (const auto& d : outcome.report.at("diagnostics"))
      rules.insert(d.at("rule").get<std::string>());
    CHECK(rules == std::set<std::string>{"point-duplicate", "text-lookalike"});
  }
  SECTION("stays silent on Latin words, digits and signs beside Cyrillic ones") {
    edit(dir, kLk, "name: Личный кабинет сотрудника",
         "name: Кабинет Wi-Fi «1С:Зарплата» № 2 для ＰＤＦ");
    expect_clean(dir);
  }
}

// Issue 20, item 9: the file added in the change is the copy, whatever its name, in the working
// tree and in the index; the committed file is never the one blamed.
TEST_CASE("point-duplicate is reported once, at the file new in the change",
          "[e2e][rules][rule:point-duplicate][git]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  using perechen::test::git;
  git(dir.path(), {"init", "-q"});
  git(dir.path(), {"add", "-A"});
  git(dir.path(), {"commit", "-q", "-m", "registry"});
  // Sorts before lk.yaml, so that path order alone would blame the committed file.
  const std::string added = "points/pay/kabinet.yaml";
  dir.write(added, dir.read(kLk));
  auto worktree = validate(dir);
  expect(worktree, 1, {{added, 3, 9, "point-duplicate", "2.7"}});
  CHECK(worktree.report["diagnostics"][0]["related"][0]["file"] == kLk);
  git(dir.path(), {"add", "-A"});
  auto staged = validate(dir, {"--staged"});
  expect(staged, 1, {{added, 3, 9, "point-duplicate", "2.7"}});
  CHECK(staged.report["diagnostics"][0]["related"][0]["file"] == kLk);
  // A committed file changed so that it repeats another is the new one too.
  git(dir.path(), {"commit", "-q", "-m", "copy"});
  edit(dir, added, "name: Личный кабинет сотрудника", "name: Кабинет работника");
  edit(dir, added, "url: https://lk.example.ru", "url: https://kabinet.example.ru");
  git(dir.path(), {"commit", "-q", "-am", "renamed"});
  edit(dir, added, "name: Кабинет работника", "name: Личный кабинет сотрудника");
  expect(validate(dir), 1, {{added, 3, 9, "point-duplicate", "2.7"}});
  // Naming the committed file still shows the clash, at the new file.
  auto named = validate(dir, {kLk});
  expect(named, 1, {{added, 3, 9, "point-duplicate", "2.7"}});
  CHECK(named.report["diagnostics"][0]["related"][0]["file"] == kLk);
}

TEST_CASE("basis-missing", "[e2e][rules][rule:basis-missing]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires as a warning: exit 0, and 1 with --strict (2.4)") {
    edit(dir, kWindow,
         "basis:\n  - type: instruction\n    title: Поручение начальника управления от "
         "01.02.2026\n",
         "");
    expect(validate(dir), 0, {{kWindow, 1, 1, "basis-missing", "2.4", "warning"}});
    expect(validate(dir, {"--strict"}), 1, {{kWindow, 1, 1, "basis-missing", "2.4", "warning"}});
  }
  SECTION("stays silent on a basis of every type") {
    edit(dir, kWindow, "    title: Поручение начальника управления от 01.02.2026\n",
         "    title: Поручение начальника управления от 01.02.2026\n"
         "  - type: internal_act\n    title: Приказ № 1\n"
         "  - type: contract\n    title: Соглашение № 2\n");
    expect_clean(dir);
  }
}

TEST_CASE("basis-invalid", "[e2e][rules][rule:basis-invalid]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on an unknown type") {
    edit(dir, kLk, "type: internal_act", "type: order");
    expect(validate(dir), 1, {{kLk, 13, 11, "basis-invalid", "2.4"}});
  }
  SECTION("fires on a basis without a title") {
    edit(dir, kLk, "    title: Приказ ОКУ «ЦБУ» от 10.01.2026 № 5\n", "");
    expect(validate(dir), 1, {{kLk, 13, 5, "basis-invalid", "2.4"}});
  }
  SECTION("stays silent on a contract") {
    edit(dir, kLk, "type: internal_act", "type: contract");
    expect_clean(dir);
  }
}

TEST_CASE("contact-missing", "[e2e][rules][rule:contact-missing]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires as a warning on a digital point without url (1.3)") {
    edit(dir, kLk, "  url: https://lk.example.ru\n", "");
    expect(validate(dir), 0, {{kLk, 2, 1, "contact-missing", "1.3", "warning"}});
    expect(validate(dir, {"--strict"}), 1, {{kLk, 2, 1, "contact-missing", "1.3", "warning"}});
  }
  SECTION("fires on an offline point without address") {
    edit(dir, kWindow, "  address: г. Липецк, ул. Советская, д. 3, каб. 12\n", "");
    expect(validate(dir), 0, {{kWindow, 2, 1, "contact-missing", "1.3", "warning"}});
  }
  SECTION("stays silent on a digital point reached by e-mail") {
    edit(dir, kLk, "url: https://lk.example.ru", "url: mailto:lk@example.ru");
    expect_clean(dir);
  }
}

TEST_CASE("url-invalid", "[e2e][rules][rule:url-invalid]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires on an address without scheme, saying how to write it") {
    edit(dir, kLk, "url: https://lk.example.ru", "url: lk.example.ru");
    auto outcome = validate(dir);
    expect(outcome, 1, {{kLk, 6, 8, "url-invalid", "1.3"}});
    CHECK(contains(message(outcome), "https://lk.example.ru"));
  }
  SECTION("fires on mailto: without an address") {
    edit(dir, kEmail, "url: mailto:spravki@example.ru", "url: mailto:spravki");
    expect(validate(dir), 1, {{kEmail, 6, 8, "url-invalid", "1.3"}});
  }
  SECTION("stays silent on a phone number with spaces and parentheses") {
    edit(dir, kLk, "url: https://lk.example.ru", "url: tel:+7 (4742) 22-01-01");
    expect_clean(dir);
  }
}

TEST_CASE("registry-config", "[e2e][rules][rule:registry-config]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("fires in roster.yaml on a process without owner, naming the process") {
    edit(dir, "roster.yaml", "    vacation: sidorov\n", "");
    auto outcome = validate(dir);
    expect(outcome, 1, {{"roster.yaml", 22, 3, "registry-config", ""}});
    CHECK(contains(message(outcome), "«vacation»"));
    const json& related = outcome.report["diagnostics"][0]["related"];
    REQUIRE(related.size() == 1);
    CHECK(related[0]["file"] == "perechen.yaml");
    CHECK(related[0]["line"] == 17);
  }
  SECTION("fires on a direction without curator") {
    edit(dir, "roster.yaml", "    docs: petrova\n", "");
    expect(validate(dir), 1, {{"roster.yaml", 19, 3, "registry-config", ""}});
  }
  SECTION("fires when nobody holds client_centricity") {
    edit(dir, "roster.yaml", "  client_centricity: ivanova\n", "");
    expect(validate(dir), 1, {{"roster.yaml", 17, 1, "registry-config", ""}});
  }
  SECTION("fires on a role held by someone not in the roster") {
    edit(dir, "roster.yaml", "  client_centricity: ivanova", "  client_centricity: ivanov");
    auto outcome = validate(dir);
    expect(outcome, 1, {{"roster.yaml", 18, 22, "registry-config", ""}});
    CHECK(contains(message(outcome), "«ivanova»"));
  }
  SECTION("fires on a duplicate id in perechen.yaml, at the second one") {
    edit(dir, "perechen.yaml", "clients:\n", "  - id: cbu\n    title: Дубль\nclients:\n");
    auto outcome = validate(dir);
    expect(outcome, 1, {{"perechen.yaml", 6, 9, "registry-config", ""}});
    CHECK(outcome.report["diagnostics"][0]["related"][0]["line"] == 4);
  }
  SECTION("fires on a key that is not a public key") {
    edit(dir, "roster.yaml", "AAAAC3NzaC1lZDI1NTE5AAAAIFScsv4RjMM+yD1GmYcMFkHgTyA7OQVjkU11LTnyHQC2",
         "AAAAnot-a-key");
    expect(validate(dir), 1, {{"roster.yaml", 6, 9, "registry-config", ""}});
  }
  SECTION("stays silent on Ed25519, RSA and ECDSA P-256 keys made by ssh-keygen") {
    const std::vector<std::pair<std::string, std::vector<std::string>>> people = {
        {"ivanova", {"-t", "ed25519"}},
        {"petrova", {"-t", "rsa", "-b", "3072"}},
        {"sidorov", {"-t", "ecdsa", "-b", "256"}}};
    std::string roster = dir.read("roster.yaml");
    for (const auto& [person, type] : people) {
      std::vector<std::string> argv = {
          "ssh-keygen", "-q",   "-N", "",
          "-C",         person, "-f", (dir.path() / ("key-" + person)).string()};
      argv.insert(argv.begin() + 1, type.begin(), type.end());
      auto made = perechen::test::run(argv);
      REQUIRE(made.exit_code == 0);
      std::string key = dir.read("key-" + person + ".pub");
      key.erase(key.find_last_not_of('\n') + 1);
      auto line = roster.find("      - ssh-ed25519 ", roster.find("  - id: " + person));
      REQUIRE(line != std::string::npos);
      auto end = roster.find('\n', line);
      roster.replace(line, end - line, "      - " + key);
    }
    dir.write("roster.yaml", roster);
    expect_clean(dir);
  }
}

namespace {

// A registry's own 2027 (calendar/2027.yaml): the shipped preliminary year with 9 March 2027 made a
// day off as well, 246 working days. Line 4 holds working_days, line 15 the date 2027-03-09.
std::string year_2027(const std::string& working_days = "246", const std::string& year = "2027") {
  std::string text = "year: " + year + "\nsource: Постановление (пример)\npreliminary: false\n" +
                     "working_days: " + working_days + "\nweekdays_off:\n";
  for (const char* day : {"01-01", "01-04", "01-05", "01-06", "01-07", "01-08", "02-22", "02-23",
                          "03-08", "03-09", "05-03", "05-10", "06-14", "11-04", "11-05", "12-31"}) {
    text += std::string("  - 2027-") + day + "\n";
  }
  return text + "working_weekends:\n  - 2027-02-20\n";
}

}  // namespace

TEST_CASE("registry-calendar", "[e2e][rules][rule:registry-calendar]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  SECTION("stays silent on a good year file") {
    dir.write("calendar/2027.yaml", year_2027());
    expect_clean(dir);
  }
  SECTION("fires when the lists do not give the stated number of working days") {
    dir.write("calendar/2027.yaml", year_2027("247"));
    auto outcome = validate(dir);
    expect(outcome, 1, {{"calendar/2027.yaml", 4, 15, "registry-calendar", ""}});
    CHECK(contains(message(outcome), "246"));
  }
  SECTION("fires on a Saturday listed as a weekday off, at the date") {
    dir.write("calendar/2027.yaml", year_2027());
    dir.replace("calendar/2027.yaml", "  - 2027-03-09\n", "  - 2027-03-13\n");
    auto outcome = validate(dir);
    expect(outcome, 1, {{"calendar/2027.yaml", 15, 5, "registry-calendar", ""}});
    CHECK(contains(message(outcome), "2027-03-13 — суббота или воскресенье"));
  }
  SECTION("fires when the year in the file is not the year in its name") {
    dir.write("calendar/2028.yaml", year_2027());
    auto outcome = validate(dir);
    expect(outcome, 1, {{"calendar/2028.yaml", 1, 7, "registry-calendar", ""}});
  }
  SECTION("fires on a file not named YYYY.yaml, and on calendar that is no folder") {
    dir.write("calendar/2027.yml", year_2027());
    dir.write("calendar/notes.txt", "2027\n");
    expect(validate(dir), 1,
           {{"calendar/2027.yml", 0, 0, "registry-calendar", ""},
            {"calendar/notes.txt", 0, 0, "registry-calendar", ""}});
    std::filesystem::remove_all(dir.path() / "calendar");
    dir.write("calendar", "year: 2027\n");
    expect(validate(dir), 1, {{"calendar", 0, 0, "registry-calendar", ""}});
  }
  SECTION("fires on an unknown field and on a field of the wrong kind, never crashing") {
    dir.write("calendar/2027.yaml", year_2027() + "extra: 1\n");
    expect(validate(dir), 1, {{"calendar/2027.yaml", 24, 1, "registry-calendar", ""}});
    dir.write("calendar/2027.yaml", "year: [2027]\n");
    expect(validate(dir), 1, {{"calendar/2027.yaml", 1, 7, "registry-calendar", ""}});
    dir.write("calendar/2027.yaml", "- 2027\n");
    expect(validate(dir), 1, {{"calendar/2027.yaml", 1, 1, "registry-calendar", ""}});
  }
  SECTION("a file the YAML guards refuse gets their finding, not this rule's") {
    dir.write("calendar/2027.yaml", year_2027() + "year: 2027\n");
    auto outcome = validate(dir);
    REQUIRE(outcome.report.at("diagnostics").size() >= 1);
    CHECK(outcome.report["diagnostics"][0]["rule"] == "yaml-duplicate-key");
    CHECK(outcome.exit_code == 1);
  }
}

// Issue 20, item 14: a warning may be silenced at its point with a reason; an error never is, and
// every silenced finding is counted in the report with its reason.
TEST_CASE("a warning silenced at its point with a reason is counted, never an error",
          "[e2e][rules][ignore]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  edit(dir, kWindow,
       "basis:\n  - type: instruction\n    title: Поручение начальника управления от "
       "01.02.2026\n",
       "");
  const std::string reason = "основание в работе, приказ будет в марте";
  SECTION("a warning with a reason: not shown, counted with its reason, --strict passes") {
    dir.write(kWindow, "# perechen: ignore=basis-missing " + reason + "\n" + dir.read(kWindow));
    auto outcome = validate(dir, {"--strict"});
    expect(outcome, 0, {});
    const json& silenced = outcome.report["summary"]["silenced"];
    REQUIRE(silenced.size() == 1);
    CHECK(silenced[0]["file"] == kWindow);
    CHECK(silenced[0]["line"] == 1);
    CHECK(silenced[0]["rule"] == "basis-missing");
    CHECK(silenced[0]["reason"] == reason);
    auto text = perechen::test::perechen({"validate"}, dir.path());
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Заглушено предупреждений") != std::string::npos);
    CHECK(text.out.find(kWindow + ":1: [basis-missing] " + reason) != std::string::npos);
  }
  SECTION("without a reason nothing is silenced") {
    dir.write(kWindow, "# perechen: ignore=basis-missing\n" + dir.read(kWindow));
    auto outcome = validate(dir);
    expect(outcome, 0, {{kWindow, 1, 1, "basis-missing", "2.4", "warning"}});
    CHECK_FALSE(outcome.report["summary"].contains("silenced"));
  }
  SECTION("an error of the regulation's rules is never silenced") {
    dir.write(kWindow, "# perechen: ignore=basis-missing " + reason + "\n" + dir.read(kWindow));
    dir.write(kWindow, "# perechen: ignore=unknown-process так надо\n" + dir.read(kWindow));
    edit(dir, kWindow, "process: vacation", "process: vacatio");
    auto outcome = validate(dir);
    CHECK(outcome.exit_code == 1);
    bool error_shown = false;
    for (const auto& d : outcome.report["diagnostics"])
      error_shown |= d["rule"] == "unknown-process";
    CHECK(error_shown);
    REQUIRE(outcome.report["summary"]["silenced"].size() == 1);
    CHECK(outcome.report["summary"]["silenced"][0]["rule"] == "basis-missing");
  }
}
