// SPDX-License-Identifier: Apache-2.0
// The rule units of spec §3 on small registries held in memory: each rule fires where it should,
// at the exact place, with a message that helps, and stays silent on a valid registry.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "perechen/i18n.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/rules/validate.hpp"
#include "perechen/yaml/parse.hpp"

using namespace perechen;

namespace {

const std::string kConfig = R"(title: Перечень
organization: Управление финансов
institutions:
  - id: cbu
    title: ОКУ «ЦБУ»
clients:
  - id: civil-servants
    title: Гражданские служащие
  - id: ogu-staff
    title: Сотрудники ОГУ
directions:
  - id: pay
    title: Оплата труда
    processes:
      - id: salary
        title: Заработная плата
      - id: vacation
        title: Отпуск
  - id: docs
    title: Справки
    processes:
      - id: certificates
        title: Справки
kinds:
  - id: kiosk
    title: Информационный киоск
    channel: offline
)";

const std::string kRoster = R"(people:
  - id: ivanova
    name: Иванова Анна Петровна
  - id: petrova
    name: Петрова Мария Ивановна
  - id: sidorov
    name: Сидоров Петр Николаевич
roles:
  client_centricity: ivanova
  direction_curators:
    pay: petrova
    docs: petrova
  process_owners:
    salary: sidorov
    vacation: sidorov
    certificates: sidorov
)";

// A valid point; line numbers matter to the tests below.
const std::string kPoint = R"(process: salary
point:
  name: Личный кабинет
  channel: digital
  kind: personal_account
  url: https://lk.example.ru
clients: [civil-servants]
value: Видеть начисления
needs:
  - information
  - result: Расчетный листок
basis:
  - type: internal_act
    title: Приказ № 5
prepared_by: cbu
)";

yaml::Node parse_or_fail(const std::string& path, const std::string& text) {
  Diagnostics diagnostics;
  auto tree = yaml::parse(path, text, diagnostics);
  INFO(path << " must parse");
  REQUIRE(tree.has_value());
  REQUIRE(diagnostics.empty());
  return *tree;
}

struct Files {
  std::string config = kConfig;
  std::string roster = kRoster;
  std::map<std::string, std::string> points = {{"points/a.yaml", kPoint}};
};

Registry load(const Files& files) {
  Registry registry;
  registry.config = read_config(parse_or_fail(kConfigFile, files.config));
  registry.roster = read_roster(parse_or_fail(kRosterFile, files.roster));
  for (const auto& [path, text] : files.points) {
    registry.points.push_back(read_point(path, parse_or_fail(path, text)));
    registry.texts.emplace(path, text);  // as load_registry keeps them
  }
  registry.files = 2 + files.points.size();
  return registry;
}

std::vector<Diagnostic> check(const Files& files) {
  Diagnostics out;
  check_registry(load(files), out);
  out.sort();
  return out.items();
}

std::vector<Diagnostic> of_rule(const std::vector<Diagnostic>& all, const std::string& rule) {
  std::vector<Diagnostic> result;
  std::copy_if(all.begin(), all.end(), std::back_inserter(result),
               [&](const Diagnostic& d) { return d.rule == rule; });
  return result;
}

std::string describe(const std::vector<Diagnostic>& all) {
  std::string s;
  for (const auto& d : all) {
    s += d.where.file + ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) +
         " [" + d.rule + "] " + d.message + "\n";
  }
  return s;
}

// The only finding of `rule`, checked to be at file:line:column.
Diagnostic single(const Files& files, const std::string& rule, const std::string& file, int line,
                  int column) {
  auto all = check(files);
  INFO(describe(all));
  auto found = of_rule(all, rule);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.file == file);
  CHECK(found[0].where.line == line);
  CHECK(found[0].where.column == column);
  return found[0];
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

Files with_point(const std::string& text) {
  Files files;
  files.points["points/a.yaml"] = text;
  return files;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a valid registry has no findings", "[rules]") {
  auto all = check(Files{});
  INFO(describe(all));
  CHECK(all.empty());
}

TEST_CASE("every finding carries the severity and clause of data/rules.yaml", "[rules]") {
  auto d = single(with_point(replace(kPoint, "channel: digital", "channel: online")),
                  "channel-invalid", "points/a.yaml", 4, 12);
  CHECK(d.severity == Severity::error);
  CHECK(d.clause == "1.3");
}

// ---- fields.cpp ------------------------------------------------------------------------------

TEST_CASE("unknown-field: a misspelt key, with the nearest key as a suggestion",
          "[rules][fields]") {
  auto d = single(with_point(replace(kPoint, "  kind:", "  knd:")), "unknown-field",
                  "points/a.yaml", 5, 3);
  CHECK(contains(d.message, "«knd»"));
  CHECK(contains(d.message, "«kind»"));
  CHECK(d.clause.empty());
}

TEST_CASE("unknown-field: a key of `point` written at the top level says where it goes",
          "[rules][fields]") {
  auto d =
      single(with_point(kPoint + "address: г. Липецк\n"), "unknown-field", "points/a.yaml", 16, 1);
  CHECK(contains(d.message, "«point»"));
}

TEST_CASE("unknown-field: far from every key lists the keys that are allowed", "[rules][fields]") {
  auto d =
      single(with_point(kPoint + "comment: заметка\n"), "unknown-field", "points/a.yaml", 16, 1);
  CHECK(contains(d.message, "prepared_by"));
}

TEST_CASE("unknown-field: perechen.yaml and roster.yaml are checked too", "[rules][fields]") {
  Files files;
  files.config = replace(kConfig, "    title: ОКУ «ЦБУ»", "    title: ОКУ «ЦБУ»\n    tittle: x");
  auto d = single(files, "unknown-field", "perechen.yaml", 6, 5);
  CHECK(contains(d.message, "«title»"));

  Files roster;
  roster.roster = replace(kRoster, "  client_centricity:", "  client_centric:");
  auto r = check(roster);
  INFO(describe(r));
  auto unknown = of_rule(r, "unknown-field");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].where.file == "roster.yaml");
  CHECK(unknown[0].where.line == 9);
  CHECK(contains(unknown[0].message, "client_centricity"));
}

TEST_CASE("field-type: a list where text belongs and text where a list belongs",
          "[rules][fields]") {
  auto d =
      single(with_point(replace(kPoint, "clients: [civil-servants]", "clients: civil-servants")),
             "field-type", "points/a.yaml", 7, 10);
  CHECK(contains(d.message, "clients"));

  auto t = single(with_point(replace(kPoint, "value: Видеть начисления", "value: [a, b]")),
                  "field-type", "points/a.yaml", 8, 8);
  CHECK(contains(t.message, "value"));
  // The value of the wrong type is not reported a second time as missing or empty.
  auto all = check(with_point(replace(kPoint, "value: Видеть начисления", "value: [a, b]")));
  CHECK(of_rule(all, "missing-field").empty());
  CHECK(of_rule(all, "empty-value").empty());
}

TEST_CASE("field-type: a need written as two fields points to the indentation", "[rules][fields]") {
  auto d = single(with_point(replace(kPoint, "  - result: Расчетный листок",
                                     "  - result: Расчетный листок\n    other: Еще")),
                  "field-type", "points/a.yaml", 11, 5);
  CHECK(contains(d.message, "needs[2]"));
}

TEST_CASE("field-type: a file that is a list, not a mapping", "[rules][fields]") {
  auto d = single(with_point("- process: salary\n"), "field-type", "points/a.yaml", 1, 1);
  CHECK_FALSE(d.message.empty());
}

TEST_CASE("missing-field: each required field of 2.2", "[rules][fields]") {
  SECTION("process") {
    auto d = single(with_point(replace(kPoint, "process: salary\n", "")), "missing-field",
                    "points/a.yaml", 1, 1);
    CHECK(contains(d.message, "process"));
    CHECK(d.clause == "2.2");
  }
  SECTION("point.name, at the point key") {
    auto d = single(with_point(replace(kPoint, "  name: Личный кабинет\n", "")), "missing-field",
                    "points/a.yaml", 2, 1);
    CHECK(contains(d.message, "point.name"));
  }
  SECTION("point.channel") {
    auto all = check(with_point(replace(kPoint, "  channel: digital\n", "")));
    auto found = of_rule(all, "missing-field");
    REQUIRE(found.size() == 1);
    CHECK(contains(found[0].message, "point.channel"));
    CHECK(of_rule(all, "contact-missing").empty());
  }
  SECTION("clients, as an empty list") {
    auto d = single(with_point(replace(kPoint, "clients: [civil-servants]", "clients: []")),
                    "missing-field", "points/a.yaml", 7, 1);
    CHECK(contains(d.message, "clients"));
  }
  SECTION("value") {
    auto d = single(with_point(replace(kPoint, "value: Видеть начисления\n", "")), "missing-field",
                    "points/a.yaml", 1, 1);
    CHECK(contains(d.message, "value"));
  }
  SECTION("an empty file misses all of them") {
    auto all = check(with_point(""));
    CHECK(of_rule(all, "missing-field").size() == 4);
  }
}

TEST_CASE("empty-value: a required text of spaces or nothing", "[rules][fields]") {
  auto d = single(with_point(replace(kPoint, "value: Видеть начисления", "value: \"  \"")),
                  "empty-value", "points/a.yaml", 8, 8);
  CHECK(contains(d.message, "value"));
  auto n = single(with_point(replace(kPoint, "  name: Личный кабинет", "  name:")), "empty-value",
                  "points/a.yaml", 3, 3);
  CHECK(contains(n.message, "point.name"));
}

// ---- process.cpp, clients.cpp, institution.cpp ----------------------------------------------

TEST_CASE("unknown-process suggests the nearest process id", "[rules]") {
  auto d = single(with_point(replace(kPoint, "process: salary", "process: salery")),
                  "unknown-process", "points/a.yaml", 1, 10);
  CHECK(contains(d.message, "«salery»"));
  CHECK(contains(d.message, "«salary»"));
}

TEST_CASE("unknown-process: a direction id is not a process", "[rules]") {
  auto d = single(with_point(replace(kPoint, "process: salary", "process: pay")), "unknown-process",
                  "points/a.yaml", 1, 10);
  CHECK(contains(d.message, "«pay»"));
}

TEST_CASE("unknown-client at the client id in a flow list", "[rules]") {
  auto d = single(with_point(replace(kPoint, "[civil-servants]", "[civil-servants, ogu-staf]")),
                  "unknown-client", "points/a.yaml", 7, 27);
  CHECK(contains(d.message, "«ogu-staff»"));
}

TEST_CASE("unknown-institution: an id not in perechen.yaml", "[rules]") {
  auto d = single(with_point(replace(kPoint, "prepared_by: cbu", "prepared_by: cbu2")),
                  "unknown-institution", "points/a.yaml", 15, 14);
  CHECK(d.clause == "2.3");
  CHECK(contains(d.message, "«cbu»"));
}

TEST_CASE("unknown-institution: prepared_by may be left out only with one institution", "[rules]") {
  Files one = with_point(replace(kPoint, "prepared_by: cbu\n", ""));
  CHECK(of_rule(check(one), "unknown-institution").empty());

  Files several = one;
  several.config =
      replace(kConfig, "clients:\n", "  - id: cbu-branch\n    title: Филиал\nclients:\n");
  auto d = single(several, "unknown-institution", "points/a.yaml", 1, 1);
  CHECK(contains(d.message, "cbu, cbu-branch"));
}

// ---- channel.cpp ----------------------------------------------------------------------------

TEST_CASE("channel-invalid understands the Russian word for a channel", "[rules][channel]") {
  auto d = single(with_point(replace(kPoint, "channel: digital", "channel: цифровая")),
                  "channel-invalid", "points/a.yaml", 4, 12);
  CHECK(contains(d.message, "«digital»"));
  // The kind cannot be matched against an invalid channel: one finding, not two.
  CHECK(of_rule(check(with_point(replace(kPoint, "channel: digital", "channel: цифровая"))),
                "kind-channel-mismatch")
            .empty());
}

TEST_CASE("kind-unknown, with built-in and registry kinds known", "[rules][channel]") {
  auto d = single(with_point(replace(kPoint, "kind: personal_account", "kind: personal_acount")),
                  "kind-unknown", "points/a.yaml", 5, 9);
  CHECK(contains(d.message, "«personal_account»"));

  // kiosk comes from perechen.yaml
  auto offline = replace(replace(replace(kPoint, "channel: digital", "channel: offline"),
                                 "kind: personal_account", "kind: kiosk"),
                         "url: https://lk.example.ru", "address: г. Липецк, ул. Советская, 3");
  auto all = check(with_point(offline));
  INFO(describe(all));
  CHECK(all.empty());
}

TEST_CASE("kind-channel-mismatch: a phone line is a digital point", "[rules][channel]") {
  auto text = replace(replace(kPoint, "channel: digital", "channel: offline"),
                      "kind: personal_account", "kind: phone");
  text = replace(text, "url: https://lk.example.ru", "address: г. Липецк");
  auto d = single(with_point(text), "kind-channel-mismatch", "points/a.yaml", 5, 9);
  CHECK(contains(d.message, "phone"));
  CHECK(contains(d.message, "digital"));
  CHECK(contains(d.message, "offline"));
}

// ---- needs.cpp ------------------------------------------------------------------------------

TEST_CASE("needs-missing: absent or empty", "[rules][needs]") {
  auto absent = replace(kPoint, "needs:\n  - information\n  - result: Расчетный листок\n", "");
  single(with_point(absent), "needs-missing", "points/a.yaml", 1, 1);
  auto empty =
      replace(kPoint, "needs:\n  - information\n  - result: Расчетный листок\n", "needs: []\n");
  single(with_point(empty), "needs-missing", "points/a.yaml", 9, 1);
}

TEST_CASE("need-unknown suggests a code, also from the number of 2.6", "[rules][needs]") {
  auto d = single(with_point(replace(kPoint, "  - information", "  - informaton")), "need-unknown",
                  "points/a.yaml", 10, 5);
  CHECK(contains(d.message, "«information»"));
  CHECK(d.clause == "2.6");
  auto n = single(with_point(replace(kPoint, "  - information", "  - 5")), "need-unknown",
                  "points/a.yaml", 10, 5);
  CHECK(contains(n.message, "«progress»"));
  auto k = single(with_point(replace(kPoint, "  - result: Расчетный листок", "  - reslt: Листок")),
                  "need-unknown", "points/a.yaml", 11, 5);
  CHECK(contains(k.message, "«result»"));
}

TEST_CASE("need-duplicate: the same code twice, even with another description", "[rules][needs]") {
  auto d = single(with_point(replace(kPoint, "  - information\n",
                                     "  - information\n  - information: Второй раз\n")),
                  "need-duplicate", "points/a.yaml", 11, 5);
  REQUIRE(d.related.size() == 1);
  CHECK(d.related[0].where.line == 10);
  CHECK(contains(d.message, "10"));
}

TEST_CASE("need-duplicate: several other needs are fine when they differ", "[rules][needs]") {
  auto text = replace(kPoint, "  - information\n",
                      "  - information\n  - other: Справка для визы\n  - other: Справка в банк\n");
  CHECK(of_rule(check(with_point(text)), "need-duplicate").empty());
  auto same =
      replace(kPoint, "  - information\n",
              "  - information\n  - other: Справка для визы\n  - other: справка  для визы\n");
  single(with_point(same), "need-duplicate", "points/a.yaml", 12, 5);
}

TEST_CASE("need-other-undescribed: other alone, or with an empty description", "[rules][needs]") {
  single(with_point(replace(kPoint, "  - information", "  - other")), "need-other-undescribed",
         "points/a.yaml", 10, 5);
  single(with_point(replace(kPoint, "  - information", "  - other:")), "need-other-undescribed",
         "points/a.yaml", 10, 5);
  single(with_point(replace(kPoint, "  - information", "  - other: \"\"")),
         "need-other-undescribed", "points/a.yaml", 10, 5);
  CHECK(of_rule(check(with_point(replace(kPoint, "  - information", "  - other: Виза"))),
                "need-other-undescribed")
            .empty());
}

// ---- duplicate.cpp --------------------------------------------------------------------------

namespace {

std::string point_named(const std::string& name, const std::string& url,
                        const std::string& process = "salary") {
  auto text = replace(kPoint, "name: Личный кабинет", "name: " + name);
  text = replace(text, "url: https://lk.example.ru", "url: " + url);
  return replace(text, "process: salary", "process: " + process);
}

}  // namespace

TEST_CASE("point-duplicate: the same name after normalising, both files given", "[rules][dup]") {
  Files files;
  files.points = {
      {"points/a.yaml", point_named("«Личный кабинет» сотрудника", "https://a.ru")},
      {"points/b.yaml", point_named("ЛИЧНЫЙ   кабинет \"сотрудника\"", "https://b.ru")}};
  auto all = of_rule(check(files), "point-duplicate");
  INFO(describe(all));
  // Once, at the later file when nothing says which is new.
  REQUIRE(all.size() == 1);
  CHECK(all[0].where.file == "points/b.yaml");
  CHECK(all[0].where.line == 3);
  CHECK(all[0].where.column == 9);
  REQUIRE(all[0].related.size() == 1);
  CHECK(all[0].related[0].where.file == "points/a.yaml");
  CHECK(all[0].related[0].where.line == 3);
  CHECK(contains(all[0].message, "points/a.yaml"));
  CHECK(all[0].clause == "2.7");
}

TEST_CASE("point-duplicate: reported at the file that is new in the change", "[rules][dup]") {
  Files files;
  files.points = {{"points/a.yaml", point_named("Личный кабинет", "https://a.ru")},
                  {"points/b.yaml", point_named("Личный кабинет", "https://b.ru")}};
  for (const std::string committed : {"points/a.yaml", "points/b.yaml"}) {
    const std::string added = committed == "points/a.yaml" ? "points/b.yaml" : "points/a.yaml";
    Registry registry = load(files);
    registry.settled.insert(committed);
    Diagnostics out;
    check_registry(registry, out);
    auto all = of_rule(out.items(), "point-duplicate");
    REQUIRE(all.size() == 1);
    CHECK(all[0].where.file == added);
    REQUIRE(all[0].related.size() == 1);
    CHECK(all[0].related[0].where.file == committed);
    CHECK(contains(all[0].message, committed));
  }
}

TEST_CASE("point-duplicate: ё and е are one letter", "[rules][dup]") {
  Files files;
  files.points = {{"points/a.yaml", point_named("Отчёты", "https://a.ru")},
                  {"points/b.yaml", point_named("Отчеты", "https://b.ru")}};
  CHECK(of_rule(check(files), "point-duplicate").size() == 1);
}

TEST_CASE("point-duplicate: `new` asks the library the question the rule asks", "[rules][dup]") {
  // perechen::point_named is what `perechen new` refuses a name with; it must agree with the rule
  // on every pair: a name it lets through must never be a duplicate for validate.
  struct Pair {
    std::string first, second;
    bool same;
  };
  const std::vector<Pair> pairs = {
      {"Отчёты", "Отчеты", true},
      {"«Личный кабинет» сотрудника", "ЛИЧНЫЙ   кабинет \"сотрудника\"", true},
      {"Личный кабинет", "Личный кабинет сотрудника", false},
      {"Портал", "Киоск", false},
      // What a reader cannot tell apart (issue 21.10): invisible characters inside a word, Latin
      // letters drawn as Cyrillic ones, й written as и and a combining breve, full-width digits.
      {"Личный кабинет", "Лич\u200Bный кабинет", true},
      {"Личный кабинет", "Лич\u200Cный каби\u200Dнет", true},
      {"Личный кабинет", "Личный\u2060 кабинет", true},
      {"Личный кабинет", "Лич\u00ADный кабинет", true},
      {"Личный кабинет", "\uFEFFЛичный кабинет", true},
      {"Личный кабинет", "Личный \u200F\u202Eкабинет", true},
      {"Справка", "Cпpавка", true},                           // Latin C and p
      {"Отчет", "Oтчeт", true},                               // Latin O and e
      {"Личный кабинет", "Личны\u0438\u0306 кабинет", true},  // и and a breve is й
      {"Личный кабинет", "Лични\u0306й кабинет", false},
      {"Справка 2-НДФЛ", "Справка \uFF12-НДФЛ", true},
      {"Кабинет", "Kабинет", true},  // Latin K
      {"Office", "Оffiсе", true},    // two Latin names compare as before
      // Unicode's confusables (data/confusables.yaml): Greek ο, lower-case Latin k for к, a
      // full-width letter, the digit 0 for О, a direction override and an isolate.
      {"Отчет", "\u03BFтчет", true},
      {"Касса", "kасса", true},
      {"Справка", "\uFF43правка", true},
      {"Окно 10", "Окно 1О", true},
      {"Личный кабинет", "Личный \u2066кабинет\u2069", true},
      // Letters of Russian stay apart, however alike in some fonts.
      {"Связь", "Свявь", false},
      {"Зал", "Эал", false},
      {"Отдел кадров", "Отдел кадрoв 2", false}};
  for (const auto& [first, second, same] : pairs) {
    INFO(first << " / " << second);
    Files files;
    files.points = {{"points/a.yaml", point_named(first, "https://a.ru")},
                    {"points/b.yaml", point_named(second, "https://b.ru")}};
    bool rule_fires = !of_rule(check(files), "point-duplicate").empty();
    CHECK(rule_fires == same);
    Registry registry = load(with_point(point_named(first, "https://a.ru")));
    const Point* found = perechen::point_named(registry.points, "salary", second);
    CHECK((found != nullptr) == rule_fires);
    CHECK(perechen::point_named(registry.points, "vacation", second) == nullptr);
  }
}

TEST_CASE("text-lookalike: invisible characters and mixed Latin and Cyrillic words are named",
          "[rules][lookalike]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string from, to;
    int line, column;
    std::string words;
  };
  for (const Case& c :
       {Case{"name: Личный кабинет", "name: Лич\u200Bный кабинет", 3, 12,
             "name holds the invisible character <U+200B> (column 12)"},
        Case{"name: Личный кабинет", "name: \"Личный\u00AD кабинет\"", 3, 16,
             "<U+00AD> (column 16)"},
        Case{"process: salary", "process: sal\u2060ary", 1, 13, "process holds the invisible"},
        Case{
            "name: Личный кабинет", "name: Личный Kабинет", 3, 16,
            "the word 'Kабинет' has the Latin letter 'K' <U+004B> among Cyrillic ones (column 16)"},
        Case{"name: Личный кабинет", "name: Office Оnline", 3, 16,
             "the word 'Оnline' has the Cyrillic letter 'О' <U+041E> among Latin ones (column "
             "16)"},
        Case{"name: Личный кабинет", "name: Личный к\u03B1бинет", 3, 17,
             "the word 'кαбинет' has 'α' <U+03B1>, a character of another script that looks like "
             "'a' (column 17)"},
        Case{"name: Личный кабинет", "name: Личный \uFF4Bабинет", 3, 16,
             "has 'ｋ' <U+FF4B>, a character of another script that looks like 'k'"},
        Case{"clients: [civil-servants]", "clients: [civil-serv\u200Dants]", 7, 21,
             "clients holds the invisible character <U+200D> (column 21)"}}) {
    INFO(c.to);
    const auto all = check(with_point(replace(kPoint, c.from, c.to)));
    CHECK(of_rule(all, "field-type").empty());
    auto found = of_rule(all, "text-lookalike");
    INFO(describe(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.line == c.line);
    CHECK(found[0].where.column == c.column);
    CHECK(contains(found[0].message, c.words));
    CHECK(found[0].message.find("\u200B") == std::string::npos);
  }
  CHECK(of_rule(check(with_point(replace(kPoint, "name: Личный кабинет",
                                         "name: Кабинет Wi-Fi и «Госуслуги» № 2, ＰＤＦ, αβγ"))),
                "text-lookalike")
            .empty());
  CHECK(perechen::rule_info("text-lookalike").clause == "2.7");
  CHECK(perechen::rule_info("text-lookalike").severity == perechen::Severity::error);
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("point-duplicate: the same url, however written", "[rules][dup]") {
  Files files;
  files.points = {{"points/a.yaml", point_named("Кабинет", "https://LK.example.ru/")},
                  {"points/b.yaml", point_named("Портал", "https://lk.example.ru")}};
  auto all = of_rule(check(files), "point-duplicate");
  REQUIRE(all.size() == 1);
  CHECK(all[0].where.line == 6);  // at the url
  CHECK(all[0].where.column == 8);

  Files phones;
  phones.points = {{"points/a.yaml", point_named("Телефон", "tel:+7 (4742) 22-01-01")},
                   {"points/b.yaml", point_named("Горячая линия", "tel:+74742220101")}};
  CHECK(of_rule(check(phones), "point-duplicate").size() == 1);
}

TEST_CASE("point-duplicate: the same address, spaces around punctuation aside", "[rules][dup]") {
  auto offline = [](const std::string& name, const std::string& address) {
    auto text = replace(replace(kPoint, "channel: digital", "channel: offline"),
                        "kind: personal_account", "kind: document_window");
    text = replace(text, "url: https://lk.example.ru", "address: " + address);
    return replace(text, "name: Личный кабинет", "name: " + name);
  };
  Files files;
  files.points = {{"points/a.yaml", offline("Окно 1", "г. Липецк, ул. Советская, д. 3, каб. 12")},
                  {"points/b.yaml", offline("Окно 2", "г.Липецк, ул.Советская, д.3, каб.12")}};
  CHECK(of_rule(check(files), "point-duplicate").size() == 1);

  files.points["points/b.yaml"] = offline("Окно 2", "г. Липецк, ул. Советская, д. 3, каб. 21");
  CHECK(of_rule(check(files), "point-duplicate").empty());
}

TEST_CASE("point-duplicate: only within one process", "[rules][dup]") {
  Files files;
  files.points = {{"points/a.yaml", point_named("Личный кабинет", "https://lk.ru", "salary")},
                  {"points/b.yaml", point_named("Личный кабинет", "https://lk.ru", "vacation")}};
  CHECK(of_rule(check(files), "point-duplicate").empty());
}

TEST_CASE("point-duplicate: a name and a url of the same pair give one finding per pair",
          "[rules][dup]") {
  Files files;
  files.points = {{"points/a.yaml", point_named("Кабинет", "https://lk.ru")},
                  {"points/b.yaml", point_named("Кабинет", "https://lk.ru")},
                  {"points/c.yaml", point_named("Кабинет", "https://other.ru")}};
  auto all = of_rule(check(files), "point-duplicate");
  INFO(describe(all));
  // b and c each duplicate a, each once, and a is the first description in both.
  CHECK(all.size() == 2);
  CHECK(std::count_if(all.begin(), all.end(), [](const Diagnostic& d) {
          return d.related.size() == 1 && d.related[0].where.file == "points/a.yaml";
        }) == 2);
}

// ---- basis.cpp, contact.cpp -----------------------------------------------------------------

TEST_CASE("basis-missing is a warning", "[rules][basis]") {
  auto d = single(
      with_point(replace(kPoint, "basis:\n  - type: internal_act\n    title: Приказ № 5\n", "")),
      "basis-missing", "points/a.yaml", 1, 1);
  CHECK(d.severity == Severity::warning);
  CHECK(d.clause == "2.4");
}

TEST_CASE("basis-invalid: unknown type, no type, no title", "[rules][basis]") {
  auto d = single(with_point(replace(kPoint, "type: internal_act", "type: internal-act")),
                  "basis-invalid", "points/a.yaml", 13, 11);
  CHECK(contains(d.message, "«internal_act»"));
  single(with_point(replace(kPoint, "    title: Приказ № 5\n", "")), "basis-invalid",
         "points/a.yaml", 13, 5);
  single(with_point(replace(kPoint, "  - type: internal_act\n    title", "  - title")),
         "basis-invalid", "points/a.yaml", 13, 5);
  single(with_point(replace(kPoint, "title: Приказ № 5", "title: \" \"")), "basis-invalid",
         "points/a.yaml", 14, 5);
}

TEST_CASE("contact-missing: a digital point without url, an offline one without address",
          "[rules][contact]") {
  auto d = single(with_point(replace(kPoint, "  url: https://lk.example.ru\n", "")),
                  "contact-missing", "points/a.yaml", 2, 1);
  CHECK(d.severity == Severity::warning);
  auto offline = replace(replace(kPoint, "channel: digital", "channel: offline"),
                         "kind: personal_account", "kind: reception");
  auto o = single(with_point(offline), "contact-missing", "points/a.yaml", 2, 1);
  CHECK(contains(o.message, "address"));
}

TEST_CASE("url-invalid: what is accepted and what is not", "[rules][contact]") {
  auto url = [](const std::string& value) {
    return of_rule(check(with_point(replace(kPoint, "https://lk.example.ru", value))),
                   "url-invalid");
  };
  for (std::string good : {"https://lk.example.ru/path?q=1#x", "http://intranet/",
                           "https://госуслуги.рф", "https://lk.example.ru:8443/",
                           "mailto:buh@example.ru", "mailto:a@example.ru,b@example.ru?subject=x",
                           "tel:+7 (4742) 22-01-01", "\"HTTPS://LK.EXAMPLE.RU\""}) {
    INFO(good);
    CHECK(url(good).empty());
  }
  for (std::string bad :
       {"https://", "https:///path", "ftp://files.example.ru", "\"mailto:\"", "mailto:buh",
        "mailto:@example.ru", "\"tel:\"", "tel:call-me", "\"https://lk.example.ru/a b\"",
        "https://lk..ru", "https://lk.ru:port"}) {
    INFO(bad);
    auto found = url(bad);
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.line == 6);
    CHECK(found[0].where.column == 8);
  }
  CHECK(contains(url("buh@example.ru").at(0).message, "mailto:buh@example.ru"));
  CHECK(contains(url("lk.example.ru").at(0).message, "https://lk.example.ru"));
  CHECK(contains(url("\"+7 4742 220101\"").at(0).message, "tel:"));
}

// ---- config.cpp, roster.cpp -----------------------------------------------------------------

namespace {

std::vector<Diagnostic> config_findings(const Files& files) {
  return of_rule(check(files), "registry-config");
}

}  // namespace

TEST_CASE("registry-config: duplicate ids in perechen.yaml", "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "  - id: ogu-staff", "  - id: civil-servants");
  auto found = config_findings(files);
  INFO(describe(found));
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.file == "perechen.yaml");
  CHECK(found[0].where.line == 9);
  CHECK(found[0].where.column == 9);
  REQUIRE(found[0].related.size() == 1);
  CHECK(found[0].related[0].where.line == 7);
}

TEST_CASE("registry-config: process ids are unique across directions", "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "      - id: certificates", "      - id: salary");
  auto found = config_findings(files);
  INFO(describe(found));
  // The duplicate itself; `certificates` now has no entry, so its owner refers to nothing.
  auto dup = std::find_if(found.begin(), found.end(),
                          [](const Diagnostic& d) { return d.where.file == "perechen.yaml"; });
  REQUIRE(dup != found.end());
  CHECK(dup->where.line == 22);
  CHECK(contains(dup->message, "«pay»"));
}

TEST_CASE("registry-config: ids must be slugs; kinds may hold '_'", "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "  - id: ogu-staff", "  - id: OGU_staff");
  auto found = config_findings(files);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 9);

  Files kinds;
  kinds.config = replace(kConfig, "  - id: kiosk", "  - id: info_kiosk");
  CHECK(config_findings(kinds).empty());
}

TEST_CASE("registry-config: a registry kind may not hide a built-in one and needs a channel",
          "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "  - id: kiosk", "  - id: phone");
  auto found = config_findings(files);
  REQUIRE(found.size() == 1);
  CHECK(contains(found[0].message, "phone"));

  Files channel;
  channel.config = replace(kConfig, "    channel: offline", "    channel: physical");
  auto c = config_findings(channel);
  REQUIRE(c.size() == 1);
  CHECK(c[0].where.line == 27);
}

TEST_CASE("registry-config: sections and entries that perechen.yaml must have", "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "organization: Управление финансов\n", "");
  auto found = config_findings(files);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 1);
  CHECK(contains(found[0].message, "organization"));

  Files entry;
  entry.config = replace(kConfig, "    title: Гражданские служащие\n", "");
  auto e = config_findings(entry);
  REQUIRE(e.size() == 1);
  CHECK(e[0].where.line == 7);
  CHECK(e[0].where.column == 5);
}

TEST_CASE("registry-config: short_title may be given, never blank", "[rules][config]") {
  Files files;
  files.config = replace(kConfig, "    title: Гражданские служащие\n",
                         "    title: Гражданские служащие\n    short_title: служащие\n");
  CHECK(check(files).empty());

  Files blank;
  blank.config = replace(kConfig, "    title: Гражданские служащие\n",
                         "    title: Гражданские служащие\n    short_title: \"  \"\n");
  auto found = config_findings(blank);
  INFO(describe(found));
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 9);
  CHECK(found[0].where.column == 5);
  CHECK(contains(found[0].message, "short_title"));
}

TEST_CASE("registry-config: publication settings", "[rules][config]") {
  Files files;
  files.config =
      kConfig + "publication:\n  working_days: 0\n  days_off: [2026-02-30, 2026-03-09]\n";
  auto found = config_findings(files);
  INFO(describe(found));
  REQUIRE(found.size() == 2);
  CHECK(found[0].where.line == 29);
  CHECK(found[1].where.line == 30);
  CHECK(found[1].where.column == 14);
  CHECK(contains(found[1].message, "2026-02-30"));

  Files good;
  good.config = kConfig + "publication:\n  working_days: 5\n  days_off: [2026-03-09]\n";
  CHECK(config_findings(good).empty());

  // Working days the registry adds: dates, and never one of its days off too.
  Files working;
  working.config = kConfig +
                   "publication:\n  days_off: [2027-01-08]\n"
                   "  extra_working_days: [2027-01-09, 2027-02-30, 2027-01-08]\n";
  auto wrong = config_findings(working);
  INFO(describe(wrong));
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0].where.line == 30);
  CHECK(wrong[0].where.column == 36);
  CHECK(contains(wrong[0].message, "extra_working_days: «2027-02-30»"));
  CHECK(wrong[1].where.column == 48);
  CHECK(contains(wrong[1].message, "2027-01-08"));
  working.config = kConfig + "publication:\n  extra_working_days: [2027-01-09]\n";
  CHECK(config_findings(working).empty());

  // The JSON Schema reads a quoted number as text; the validator agrees.
  Files quoted;
  quoted.config = kConfig + "publication:\n  working_days: \"5\"\n";
  auto q = config_findings(quoted);
  REQUIRE(q.size() == 1);
  CHECK(q[0].where.line == 29);
  CHECK(contains(q[0].message, "working_days: 5"));
}

TEST_CASE("registry-config: roles must cover every process and direction", "[rules][config]") {
  SECTION("a process without owner, reported in roster.yaml with the process as related") {
    Files files;
    files.roster = replace(kRoster, "    vacation: sidorov\n", "");
    auto found = config_findings(files);
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.file == "roster.yaml");
    CHECK(found[0].where.line == 13);
    CHECK(contains(found[0].message, "«vacation»"));
    REQUIRE(found[0].related.size() == 1);
    CHECK(found[0].related[0].where.file == "perechen.yaml");
    CHECK(found[0].related[0].where.line == 17);
  }
  SECTION("a direction without curator") {
    Files files;
    files.roster = replace(kRoster, "    docs: petrova\n", "");
    auto found = config_findings(files);
    REQUIRE(found.size() == 1);
    CHECK(contains(found[0].message, "«docs»"));
  }
  SECTION("no client_centricity") {
    Files files;
    files.roster = replace(kRoster, "  client_centricity: ivanova\n", "");
    auto found = config_findings(files);
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.line == 8);
  }
  SECTION("an empty assignment") {
    Files files;
    files.roster = replace(kRoster, "    salary: sidorov", "    salary:");
    auto found = config_findings(files);
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.line == 14);
    CHECK(contains(found[0].message, "«salary»"));
  }
}

TEST_CASE("registry-config: roster references", "[rules][config]") {
  Files files;
  files.roster = replace(kRoster, "  client_centricity: ivanova", "  client_centricity: ivanva");
  auto found = config_findings(files);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 9);
  CHECK(found[0].where.column == 22);
  CHECK(contains(found[0].message, "«ivanova»"));

  Files scope;
  scope.roster = replace(kRoster, "    certificates: sidorov",
                         "    certificates: sidorov\n    pensions: sidorov");
  auto s = config_findings(scope);
  REQUIRE(s.size() == 1);
  CHECK(s[0].where.line == 17);
  CHECK(contains(s[0].message, "«pensions»"));

  Files duplicate;
  duplicate.roster = replace(kRoster, "  - id: petrova", "  - id: ivanova");
  auto d = config_findings(duplicate);
  INFO(describe(d));
  REQUIRE_FALSE(d.empty());
  CHECK(d[0].where.line == 4);
}

TEST_CASE("registry-config: publishers name people of the roster", "[rules][config]") {
  Files files;
  files.roster = kRoster + "publishers: [petrova, petrov]\n";
  auto found = config_findings(files);
  INFO(describe(found));
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.file == "roster.yaml");
  CHECK(found[0].where.line == 17);
  CHECK(found[0].where.column == 23);
  CHECK(contains(found[0].message, "«petrov»"));
  Files valid;
  valid.roster = kRoster + "publishers: [petrova]\n";
  auto all = check(valid);
  INFO(describe(all));
  CHECK(of_rule(all, "registry-config").empty());
  CHECK(of_rule(all, "unknown-field").empty());
  // A list of ids, not one id: its shape is checked as every other field's.
  Files scalar;
  scalar.roster = kRoster + "publishers: petrova\n";
  CHECK(of_rule(check(scalar), "field-type").size() == 1);
}

TEST_CASE("registry-config: a key that is not a public key", "[rules][config]") {
  Files files;
  files.roster = replace(kRoster, "    name: Иванова Анна Петровна\n",
                         "    name: Иванова Анна Петровна\n    keys:\n"
                         "      - ssh-ed25519 AAAAnot-base64 ivanova\n");
  auto found = config_findings(files);
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 5);
  CHECK(found[0].where.column == 9);
}

TEST_CASE("registry-config: a real key, and the same key for two people", "[rules][config]") {
  test::TempDir dir;
  auto made = test::run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "k", "-f",
                         (dir.path() / "k").string()});
  REQUIRE(made.exit_code == 0);
  std::string key = dir.read("k.pub");
  key.erase(key.find_last_not_of("\n") + 1);

  Files one;
  one.roster = replace(kRoster, "    name: Иванова Анна Петровна\n",
                       "    name: Иванова Анна Петровна\n    keys: [\"" + key + "\"]\n");
  CHECK(config_findings(one).empty());

  Files two = one;
  two.roster = replace(one.roster, "    name: Петрова Мария Ивановна\n",
                       "    name: Петрова Мария Ивановна\n    keys: [\"" + key + "\"]\n");
  auto found = config_findings(two);
  INFO(describe(found));
  REQUIRE(found.size() == 1);
  CHECK(found[0].where.line == 7);
  CHECK(contains(found[0].message, "ivanova"));
}

// ---- validate() -----------------------------------------------------------------------------

TEST_CASE("validate: paths narrow the report, duplicates still see the whole registry",
          "[rules][validate]") {
  test::TempDir dir;
  test::write_minimal_registry(dir);
  dir.write("points/pay/lk-copy.yaml", dir.read("points/pay/lk.yaml"));
  auto source = make_directory_source(dir.path().string());

  auto all = validate(*source, {});
  CHECK(all.files == 6);
  CHECK(all.points == 4);
  CHECK(all.errors() == 1);  // the duplicate, once
  CHECK(all.checked_files.size() == 6);

  auto one = validate(*source, {"points/pay/lk-copy.yaml"});
  REQUIRE(one.diagnostics.items().size() == 1);
  CHECK(one.diagnostics.items()[0].rule == "point-duplicate");
  CHECK(one.diagnostics.items()[0].related.at(0).where.file == "points/pay/lk.yaml");
  CHECK(one.checked_files == std::vector<std::string>{"points/pay/lk-copy.yaml"});
  CHECK(one.files == 1);
  CHECK(one.points == 1);

  auto folder = validate(*source, {"points/docs/"});
  CHECK(folder.diagnostics.empty());
  CHECK(folder.checked_files == std::vector<std::string>{"points/docs/email.yaml"});
}

TEST_CASE("validate: findings are sorted by file and place", "[rules][validate]") {
  test::TempDir dir;
  test::write_minimal_registry(dir);
  dir.write("points/pay/lk.yaml",
            replace(dir.read("points/pay/lk.yaml"), "process: salary", "process: salery"));
  dir.write("points/docs/email.yaml",
            replace(dir.read("points/docs/email.yaml"), "  - progress", "  - progres"));
  auto result = validate(*make_directory_source(dir.path().string()), {});
  const auto& items = result.diagnostics.items();
  REQUIRE(items.size() == 2);
  CHECK(items[0].where.file == "points/docs/email.yaml");
  CHECK(items[1].where.file == "points/pay/lk.yaml");
}

TEST_CASE("messages exist in both languages", "[rules][i18n]") {
  auto files = with_point(replace(kPoint, "process: salary", "process: salery"));
  set_language(Lang::en);
  auto en = single(files, "unknown-process", "points/a.yaml", 1, 10);
  set_language(Lang::ru);
  auto ru = single(files, "unknown-process", "points/a.yaml", 1, 10);
  CHECK(contains(en.message, "did you mean 'salary'"));
  CHECK(contains(ru.message, "возможно, имелось в виду «salary»"));
}
