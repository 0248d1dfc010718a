// SPDX-License-Identifier: Apache-2.0
// The output formats of `perechen validate` (src/report/): the exact bytes of text (both
// languages, the caret under a Cyrillic line), the JSON of spec §4.1 field by field, SARIF's
// structure, GitLab Code Quality, JUnit and GitHub escaping.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "perechen/diagnostic.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "perechen/version.hpp"

namespace {

using perechen::Diagnostic;
using perechen::Lang;
using perechen::Location;
using perechen::Related;
using perechen::Severity;
namespace report = perechen::report;

// Sets the language for one test and puts Russian back afterwards.
struct LanguageGuard {
  explicit LanguageGuard(Lang lang) { perechen::set_language(lang); }
  ~LanguageGuard() { perechen::set_language(Lang::ru); }
  LanguageGuard(const LanguageGuard&) = delete;
  LanguageGuard& operator=(const LanguageGuard&) = delete;
};

// The findings of a small registry, sorted as Diagnostics::sort() leaves them: a rule without a
// clause and an XML-hostile message with control characters; a warning in a file under a
// Cyrillic folder; a duplicate with a quote, a newline and two related places (one of them the
// whole file); a line-0 warning and a finding under a Cyrillic line.
std::vector<Diagnostic> findings() {
  return {
      Diagnostic{Location{"perechen.yaml", 4, 3},
                 Severity::error,
                 "registry-config",
                 "",
                 "<b attr=\"x\">&amp; 'y' ]]>\x01\x1b[31m",
                 {}},
      Diagnostic{Location{"points/pay/dup.yaml", 3, 9},
                 Severity::error,
                 "point-duplicate",
                 "2.7",
                 "Точка «Личный кабинет» уже описана\nв другом файле процесса \"salary\"",
                 {Related{Location{"points/pay/lk.yaml", 3, 9}, "первое описание"},
                  Related{Location{"points/pay/old.yaml", 0, 0}, ""}}},
      Diagnostic{Location{"points/pay/lk.yaml", 0, 0},
                 Severity::warning,
                 "basis-missing",
                 "2.4",
                 "Нет основания (basis)",
                 {}},
      Diagnostic{Location{"points/pay/lk.yaml", 9, 5},
                 Severity::error,
                 "need-unknown",
                 "2.6",
                 "Неизвестная потребность «информатон»",
                 {}},
      Diagnostic{Location{"points/справки/a b.yaml", 5, 3},
                 Severity::warning,
                 "contact-missing",
                 "1.3",
                 "50% точек, 100%: нет адреса",
                 {}},
  };
}

// The source lines the text format shows; a tab before the column of perechen.yaml:4.
const std::map<std::string, std::vector<std::string>>& sources() {
  static const std::map<std::string, std::vector<std::string>> files{
      {"perechen.yaml", {"title: x", "organization: y", "directions:", "\tid: pay"}},
      {"points/pay/dup.yaml",
       {"process: salary", "point:", "  имя: «Личный кабинет»  # комментарий\r"}},
      {"points/pay/lk.yaml",
       {"process: salary", "point:", "  name: Личный кабинет", "", "", "", "",
        "needs:", "  - информатон"}},
  };
  return files;
}

std::string_view line_of(std::string_view file, int line) {
  auto found = sources().find(std::string(file));
  if (found == sources().end() || line < 1 ||
      static_cast<std::size_t>(line) > found->second.size()) {
    return {};
  }
  return found->second[static_cast<std::size_t>(line - 1)];
}

const std::vector<std::string> kFiles{"perechen.yaml",       "roster.yaml",
                                      "points/pay/dup.yaml", "points/pay/lk.yaml",
                                      "points/pay/old.yaml", "points/справки/a b.yaml"};

std::string render(report::Format format, const std::vector<Diagnostic>& diagnostics,
                   bool source_lines = false, bool color = false) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& diagnostic : diagnostics) {
    (diagnostic.severity == Severity::error ? errors : warnings) += 1;
  }
  report::Input input{diagnostics,  report::Summary{kFiles.size(), 4, errors, warnings},
                      line_of,      color,
                      source_lines, kFiles};
  std::ostringstream out;
  report::write(out, format, input);
  return out.str();
}

}  // namespace

TEST_CASE("parse_format knows the formats of spec §4 and GitLab's, and nothing else", "[report]") {
  CHECK(report::parse_format("codequality") == report::Format::codequality);
  CHECK(report::parse_format("text") == report::Format::text);
  CHECK(report::parse_format("json") == report::Format::json);
  CHECK(report::parse_format("sarif") == report::Format::sarif);
  CHECK(report::parse_format("junit") == report::Format::junit);
  CHECK(report::parse_format("github") == report::Format::github);
  CHECK_FALSE(report::parse_format("xml").has_value());
  CHECK_FALSE(report::parse_format("JSON").has_value());
  CHECK_FALSE(report::parse_format("").has_value());
}

TEST_CASE("text: compiler-style lines in Russian with notes and the summary", "[report][text]") {
  LanguageGuard lang(Lang::ru);
  CHECK(render(report::Format::text, findings()) ==
        "perechen.yaml:4:3: ошибка [registry-config]: <b attr=\"x\">&amp; 'y' ]]>\uFFFD\uFFFD[31m\n"
        "points/pay/dup.yaml:3:9: ошибка [point-duplicate] (п. 2.7): Точка «Личный кабинет» уже "
        "описана\\nв другом файле процесса \"salary\"\n"
        "  points/pay/lk.yaml:3:9: примечание: первое описание\n"
        "  points/pay/old.yaml: примечание: связанное место\n"
        "points/pay/lk.yaml: предупреждение [basis-missing] (п. 2.4): Нет основания (basis)\n"
        "points/pay/lk.yaml:9:5: ошибка [need-unknown] (п. 2.6): Неизвестная потребность "
        "«информатон»\n"
        "points/справки/a b.yaml:5:3: предупреждение [contact-missing] (п. 1.3): 50% точек, 100%: "
        "нет адреса\n"
        "Проверено: 6 файлов, 4 точки. 3 ошибки, 2 предупреждения.\n");
}

TEST_CASE("text: the same findings in English", "[report][text]") {
  LanguageGuard lang(Lang::en);
  CHECK(render(report::Format::text, findings()) ==
        "perechen.yaml:4:3: error [registry-config]: <b attr=\"x\">&amp; 'y' ]]>\uFFFD\uFFFD[31m\n"
        "points/pay/dup.yaml:3:9: error [point-duplicate] (cl. 2.7): Точка «Личный кабинет» уже "
        "описана\\nв другом файле процесса \"salary\"\n"
        "  points/pay/lk.yaml:3:9: note: первое описание\n"
        "  points/pay/old.yaml: note: related place\n"
        "points/pay/lk.yaml: warning [basis-missing] (cl. 2.4): Нет основания (basis)\n"
        "points/pay/lk.yaml:9:5: error [need-unknown] (cl. 2.6): Неизвестная потребность "
        "«информатон»\n"
        "points/справки/a b.yaml:5:3: warning [contact-missing] (cl. 1.3): 50% точек, 100%: "
        "нет адреса\n"
        "Checked 6 files, 4 points: 3 errors, 2 warnings.\n");
}

TEST_CASE("text: source lines with the caret counted in characters, tabs kept", "[report][text]") {
  LanguageGuard lang(Lang::ru);
  // Column 9 of "  имя: «Личный кабинет»" is Л: eight characters before it, but twelve bytes.
  // The CR of a Windows line end is not printed. A tab stays a tab under the source line.
  CHECK(render(report::Format::text, findings(), true) ==
        "perechen.yaml:4:3: ошибка [registry-config]: <b attr=\"x\">&amp; 'y' ]]>\uFFFD\uFFFD[31m\n"
        "    4 | \tid: pay\n"
        "      | \t ^\n"
        "points/pay/dup.yaml:3:9: ошибка [point-duplicate] (п. 2.7): Точка «Личный кабинет» уже "
        "описана\\nв другом файле процесса \"salary\"\n"
        "    3 |   имя: «Личный кабинет»  # комментарий\n"
        "      |         ^\n"
        "  points/pay/lk.yaml:3:9: примечание: первое описание\n"
        "    3 |   name: Личный кабинет\n"
        "      |         ^\n"
        "  points/pay/old.yaml: примечание: связанное место\n"
        "points/pay/lk.yaml: предупреждение [basis-missing] (п. 2.4): Нет основания (basis)\n"
        "points/pay/lk.yaml:9:5: ошибка [need-unknown] (п. 2.6): Неизвестная потребность "
        "«информатон»\n"
        "    9 |   - информатон\n"
        "      |     ^\n"
        "points/справки/a b.yaml:5:3: предупреждение [contact-missing] (п. 1.3): 50% точек, 100%: "
        "нет адреса\n"
        "Проверено: 6 файлов, 4 точки. 3 ошибки, 2 предупреждения.\n");
}

TEST_CASE("text: a source line that is not UTF-8 or holds control characters", "[report][text]") {
  LanguageGuard lang(Lang::ru);
  std::vector<Diagnostic> one{Diagnostic{
      Location{"points/a.yaml", 1, 3}, Severity::error, "file-encoding", "", "Не UTF-8", {}}};
  auto render_line = [&](std::string text) {
    report::Input input{one,
                        report::Summary{1, 1, 1, 0},
                        [&](std::string_view, int) -> std::string_view { return text; },
                        false,
                        true,
                        {"points/a.yaml"}};
    std::ostringstream out;
    report::write_text(out, input);
    return out.str();
  };
  // Windows-1251 bytes would print as garbage and the caret could not be placed: no source.
  CHECK(render_line("\xcd\xe0\xe7\xe2\xe0\xed\xe8\xe5") ==
        "points/a.yaml:1:3: ошибка [file-encoding]: Не UTF-8\n"
        "Проверено: 1 файл, 1 точка. 1 ошибка, 0 предупреждений.\n");
  // An ESC in the file must not reach the terminal; it is shown as one U+FFFD, so the caret
  // still stands under the third character.
  CHECK(render_line("\x1b[2Jx") ==
        "points/a.yaml:1:3: ошибка [file-encoding]: Не UTF-8\n"
        "    1 | \uFFFD[2Jx\n"
        "      |   ^\n"
        "Проверено: 1 файл, 1 точка. 1 ошибка, 0 предупреждений.\n");
  // A column just past the end (a value missing at the end of the line) still gets its caret.
  CHECK(render_line("x:") ==
        "points/a.yaml:1:3: ошибка [file-encoding]: Не UTF-8\n"
        "    1 | x:\n"
        "      |   ^\n"
        "Проверено: 1 файл, 1 точка. 1 ошибка, 0 предупреждений.\n");
}

TEST_CASE("text: colours like gcc on a terminal", "[report][text]") {
  LanguageGuard lang(Lang::ru);
  std::vector<Diagnostic> some{findings()[3], findings()[4]};
  some.front().related.push_back(Related{Location{"points/pay/lk.yaml", 9, 5}, "здесь"});
  CHECK(render(report::Format::text, some, true, true) ==
        "\033[1mpoints/pay/lk.yaml:9:5:\033[0m \033[1;31mошибка\033[0m [need-unknown] (п. 2.6): "
        "Неизвестная потребность «информатон»\n"
        "    9 |   - информатон\n"
        "      |     \033[1;31m^\033[0m\n"
        "  \033[1mpoints/pay/lk.yaml:9:5:\033[0m \033[1;36mпримечание:\033[0m здесь\n"
        "    9 |   - информатон\n"
        "      |     \033[1;36m^\033[0m\n"
        "\033[1mpoints/справки/a b.yaml:5:3:\033[0m \033[1;33mпредупреждение\033[0m "
        "[contact-missing] (п. 1.3): 50% точек, 100%: нет адреса\n"
        "Проверено: 6 файлов, 4 точки. 1 ошибка, 1 предупреждение.\n");
}

TEST_CASE("text: a clean run says so plainly, with plural forms in English", "[report][text]") {
  std::vector<Diagnostic> none;
  report::Input input{none, report::Summary{1, 1, 0, 0}, {}, false, true, {"points/a.yaml"}};
  std::ostringstream ru;
  {
    LanguageGuard lang(Lang::ru);
    report::write_text(ru, input);
  }
  CHECK(ru.str() == "Проверено: 1 файл, 1 точка. Замечаний нет.\n");
  std::ostringstream en;
  {
    LanguageGuard lang(Lang::en);
    report::write_text(en, input);
    input.summary = report::Summary{21, 2, 1, 0};
    std::vector<Diagnostic> one{findings()[3]};
    report::Input with_error{one, input.summary, {}, false, false, {}};
    report::write_text(en, with_error);
  }
  CHECK(en.str() ==
        "Checked 1 file, 1 point: no problems found.\n"
        "points/pay/lk.yaml:9:5: error [need-unknown] (cl. 2.6): Неизвестная потребность "
        "«информатон»\n"
        "Checked 21 files, 2 points: 1 error, 0 warnings.\n");
}

TEST_CASE("json: the shape of spec §4.1, field by field and in its key order", "[report][json]") {
  LanguageGuard lang(Lang::ru);
  auto text = render(report::Format::json, findings());
  auto doc = nlohmann::ordered_json::parse(text);

  std::vector<std::string> keys;
  for (const auto& item : doc.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"tool", "version", "summary", "diagnostics"});
  CHECK(doc["tool"] == "perechen");
  CHECK(doc["version"] == std::string(perechen::version()));
  CHECK(doc["summary"] ==
        nlohmann::ordered_json::parse(R"({"files": 6, "points": 4, "errors": 3, "warnings": 2})"));
  REQUIRE(doc["diagnostics"].size() == 5);

  const auto& duplicate = doc["diagnostics"][1];
  keys.clear();
  for (const auto& item : duplicate.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"file", "line", "column", "severity", "rule", "clause",
                                         "message", "related"});
  CHECK(duplicate["file"] == "points/pay/dup.yaml");
  CHECK(duplicate["line"] == 3);
  CHECK(duplicate["column"] == 9);
  CHECK(duplicate["severity"] == "error");
  CHECK(duplicate["rule"] == "point-duplicate");
  CHECK(duplicate["clause"] == "2.7");
  CHECK(duplicate["message"] ==
        "Точка «Личный кабинет» уже описана\nв другом файле процесса \"salary\"");
  CHECK(duplicate["related"] == nlohmann::ordered_json::parse(R"([
    {"file": "points/pay/lk.yaml", "line": 3, "column": 9, "message": "первое описание"},
    {"file": "points/pay/old.yaml", "line": 0, "column": 0}])"));

  // No clause is null, not an empty string; control characters survive as JSON escapes.
  const auto& config = doc["diagnostics"][0];
  CHECK(config["clause"].is_null());
  CHECK(config["message"] == "<b attr=\"x\">&amp; 'y' ]]>\x01\x1b[31m");
  CHECK(config["related"] == nlohmann::ordered_json::array());
  CHECK(doc["diagnostics"][2]["severity"] == "warning");
  CHECK(doc["diagnostics"][2]["line"] == 0);
  // Cyrillic stays readable in the file rather than \u-escaped.
  CHECK(text.find("\"file\": \"points/справки/a b.yaml\"") != std::string::npos);
}

TEST_CASE("json: bytes that are not UTF-8 do not break the report", "[report][json]") {
  std::vector<Diagnostic> one{Diagnostic{Location{"points/a.yaml", 0, 0},
                                         Severity::error,
                                         "file-encoding",
                                         "",
                                         "Начало: \xcd\xe0\xe7",
                                         {}}};
  auto doc = nlohmann::json::parse(render(report::Format::json, one));
  CHECK(doc["diagnostics"][0]["message"] == "Начало: \uFFFD\uFFFD\uFFFD");
}

// Validity against SARIF 2.1.0 itself (the standard's schema and the rules of its validator) is
// checked by the real `sarif-multitool validate` in tests/tools/sarif_multitool.sh.

TEST_CASE("sarif: rules with clauses, results pointing at them, places relative to the root",
          "[report][sarif]") {
  LanguageGuard lang(Lang::ru);
  auto log = nlohmann::json::parse(render(report::Format::sarif, findings()));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "perechen");
  CHECK(driver["version"] == std::string(perechen::version()));
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"].contains("%SRCROOT%"));

  // One descriptor per rule of data/rules.yaml, in its order, with the clause in properties.
  const auto& rules = perechen::all_rules();
  REQUIRE(driver["rules"].size() == rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& descriptor = driver["rules"][i];
    CHECK(descriptor["id"] == rules[i].id);
    CHECK(descriptor["shortDescription"]["text"] == rules[i].title_ru);
    CHECK(descriptor["help"]["text"] == rules[i].help_ru);
    CHECK(descriptor["defaultConfiguration"]["level"] ==
          (rules[i].severity == Severity::error ? "error" : "warning"));
    if (rules[i].clause.empty()) {
      CHECK_FALSE(descriptor.contains("properties"));
    } else {
      CHECK(descriptor["properties"]["clause"] == rules[i].clause);
    }
  }
  const auto& need_unknown = perechen::rule_info("need-unknown");
  CHECK(need_unknown.clause == "2.6");

  const auto& results = run["results"];
  REQUIRE(results.size() == 5);
  for (const auto& result : results) {
    auto index = result["ruleIndex"].get<std::size_t>();
    REQUIRE(index < rules.size());
    CHECK(rules[index].id == result["ruleId"]);
  }
  CHECK(results[3]["ruleId"] == "need-unknown");
  CHECK(results[3]["level"] == "error");
  CHECK(results[3]["message"]["text"] == "Неизвестная потребность «информатон»");
  CHECK(results[3]["locations"] == nlohmann::json::parse(R"([{"physicalLocation": {
      "artifactLocation": {"uri": "points/pay/lk.yaml", "uriBaseId": "%SRCROOT%"},
      "region": {"startLine": 9, "startColumn": 5}}}])"));
  // The whole file: its line 1, so that a forge shows it in the diff. A warning is a warning.
  CHECK(results[2]["level"] == "warning");
  CHECK(results[2]["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json::parse(R"({"startLine": 1})"));
  // Related places carry ids and their message; one about the whole file is at its line 1.
  CHECK(results[1]["relatedLocations"] == nlohmann::json::parse(R"([
      {"id": 1, "physicalLocation": {
         "artifactLocation": {"uri": "points/pay/lk.yaml", "uriBaseId": "%SRCROOT%"},
         "region": {"startLine": 3, "startColumn": 9}},
       "message": {"text": "первое описание"}},
      {"id": 2, "physicalLocation": {
         "artifactLocation": {"uri": "points/pay/old.yaml", "uriBaseId": "%SRCROOT%"},
         "region": {"startLine": 1}}}])"));
  // A path with Cyrillic and a space is a valid URI reference.
  CHECK(results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "points/%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B8/a%20b.yaml");
}

TEST_CASE("sarif: rule texts follow the language", "[report][sarif]") {
  LanguageGuard lang(Lang::en);
  auto log = nlohmann::json::parse(render(report::Format::sarif, findings()));
  const auto& rules = perechen::all_rules();
  const auto& descriptor = log["runs"][0]["tool"]["driver"]["rules"][0];
  CHECK(descriptor["shortDescription"]["text"] == rules[0].title_en);
  CHECK(descriptor["fullDescription"]["text"] == rules[0].title_en + ". " + rules[0].help_en);
  CHECK(descriptor["help"]["text"] == rules[0].help_en);
}

TEST_CASE("sarif: where to read about the tool and each rule, and which commit was checked",
          "[report][sarif]") {
  LanguageGuard lang(Lang::ru);
  auto log = nlohmann::json::parse(render(report::Format::sarif, findings()));
  const auto& run = log["runs"][0];
  const auto& driver = run["tool"]["driver"];
  // No made-up site: the guide the program installs, or the site the build was told of.
  std::string docs(perechen::docs_url());
  CHECK(docs.find("perechen.example") == std::string::npos);
  CHECK((docs.rfind("file:///", 0) == 0 || docs.rfind("https://", 0) == 0));
  CHECK(driver["informationUri"] == docs);
  for (const auto& descriptor : driver["rules"]) {
    CHECK(descriptor["helpUri"] == docs + "rules.md#" + descriptor["id"].get<std::string>());
  }
  // Outside git there is nothing to say about version control.
  CHECK_FALSE(run.contains("versionControlProvenance"));

  std::vector<Diagnostic> none;
  report::Input input{none, report::Summary{}, {}, false, false, {}};
  input.version_control = report::VersionControl{"https://git.example/uf/perechen.git",
                                                 std::string(40, 'a'), "refs/heads/main", ""};
  std::ostringstream out;
  report::write_sarif(out, input);
  CHECK(nlohmann::json::parse(out.str())["runs"][0]["versionControlProvenance"] ==
        nlohmann::json::parse(R"([{"repositoryUri": "https://git.example/uf/perechen.git",
          "revisionId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "branch": "refs/heads/main",
          "mappedTo": {"uriBaseId": "%SRCROOT%"}}])"));
  // A registry in a subfolder of the repository: its top is not %SRCROOT%.
  input.version_control->prefix = "registry";
  input.version_control->branch.clear();
  out.str("");
  report::write_sarif(out, input);
  CHECK(nlohmann::json::parse(out.str())["runs"][0]["versionControlProvenance"] ==
        nlohmann::json::parse(R"([{"repositoryUri": "https://git.example/uf/perechen.git",
          "revisionId": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}])"));
}

TEST_CASE("codequality: GitLab's fields, severities and lines", "[report][codequality]") {
  LanguageGuard lang(Lang::ru);
  auto issues = nlohmann::json::parse(render(report::Format::codequality, findings()));
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 5);
  const auto& need = issues[3];
  CHECK(need["check_name"] == "need-unknown");
  CHECK(need["description"] == "Неизвестная потребность «информатон»");
  CHECK(need["severity"] == "major");
  CHECK(need["location"] ==
        nlohmann::json::parse(R"({"path": "points/pay/lk.yaml", "lines": {"begin": 9}})"));
  CHECK(need["fingerprint"].get<std::string>().size() == 64);
  // A warning is minor; a finding about the whole file is at its line 1.
  CHECK(issues[2]["severity"] == "minor");
  CHECK(issues[2]["location"]["lines"]["begin"] == 1);
  // Every fingerprint differs from every other.
  std::set<std::string> prints;
  for (const auto& issue : issues) {
    prints.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(prints.size() == issues.size());
  // A finding of no file is put on perechen.yaml, where GitLab can show it.
  std::vector<Diagnostic> registry{
      Diagnostic{Location{"", 0, 0}, Severity::error, "registry-config", "", "x", {}}};
  auto one = nlohmann::json::parse(render(report::Format::codequality, registry));
  CHECK(one[0]["location"]["path"] == "perechen.yaml");
  CHECK(one[0]["location"]["lines"]["begin"] == 1);
}

TEST_CASE("codequality: a fingerprint survives another language and a line added above",
          "[report][codequality]") {
  auto print_of = [](const std::vector<Diagnostic>& some, auto line_text, std::size_t i) {
    report::Input input{some, report::Summary{}, line_text, false, false, {}};
    std::ostringstream out;
    report::write_codequality(out, input);
    return nlohmann::json::parse(out.str())[i]["fingerprint"].get<std::string>();
  };
  auto need_at = [](int line, const char* message) {
    return std::vector<Diagnostic>{Diagnostic{Location{"points/pay/lk.yaml", line, 5},
                                              Severity::error,
                                              "need-unknown",
                                              "2.6",
                                              message,
                                              {}}};
  };
  auto at9 = [](std::string_view, int line) -> std::string_view {
    return line == 9 ? "  - информатон" : "";
  };
  auto at10 = [](std::string_view, int line) -> std::string_view {
    return line == 10 ? "  - информатон" : "";
  };
  auto other = [](std::string_view, int line) -> std::string_view {
    return line == 9 ? "  - прогрес" : "";
  };
  auto base = print_of(need_at(9, "Неизвестная потребность «информатон»"), at9, 0);
  CHECK(print_of(need_at(9, "Unknown need \"информатон\""), at9, 0) == base);
  CHECK(print_of(need_at(10, "Неизвестная потребность «информатон»"), at10, 0) == base);
  // Another wrong need on that line is another finding.
  CHECK(print_of(need_at(9, "Неизвестная потребность «прогрес»"), other, 0) != base);
  // Two equal findings on equal lines stay two.
  auto twice = need_at(9, "a");
  twice.push_back(twice.front());
  CHECK(print_of(twice, at9, 0) != print_of(twice, at9, 1));
}

namespace {

// A small structural check of XML: tags balance, attributes are quoted, and every '&' starts one
// of the five entities or a character reference. Returns what is wrong, or "".
std::string xml_problems(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t pos = xml.find("?>");
  if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) != 0) {
    return "no XML declaration";
  }
  pos += 2;
  while (pos < xml.size()) {
    char c = xml[pos];
    if (c == '&') {
      auto end = xml.find(';', pos);
      auto entity = xml.substr(pos, end == std::string::npos ? 8 : end - pos + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&apos;" && entity != "&#10;" && entity != "&#9;") {
        return "bad entity " + entity;
      }
      pos = end + 1;
      continue;
    }
    if (c == '>') {
      return "a bare '>' in text at " + std::to_string(pos);
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      return "a control character at " + std::to_string(pos);
    }
    if (c != '<') {
      ++pos;
      continue;
    }
    auto end = pos + 1;
    bool quoted = false;
    while (end < xml.size() && (quoted || xml[end] != '>')) {
      if (xml[end] == '"') {
        quoted = !quoted;
      } else if (quoted && (xml[end] == '<' || xml[end] == '>')) {
        return "a bare '<' or '>' in an attribute at " + std::to_string(end);
      } else if (quoted && xml[end] == '&') {
        auto semicolon = xml.find(';', end);
        auto entity = xml.substr(end, semicolon - end + 1);
        if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
            entity != "&apos;" && entity != "&#10;" && entity != "&#9;") {
          return "bad entity in an attribute: " + entity;
        }
      }
      ++end;
    }
    std::string tag = xml.substr(pos + 1, end - pos - 1);
    bool closing = tag.front() == '/';
    bool empty = tag.back() == '/';
    std::string name = tag.substr(closing ? 1 : 0, tag.find_first_of(" /", 1) - (closing ? 1 : 0));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes nothing open";
      }
      open.pop_back();
    } else if (!empty) {
      open.push_back(name);
    }
    pos = end + 1;
  }
  return open.empty() ? "" : "<" + open.back() + "> not closed";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("junit: a test case per file, errors fail it, warnings do not", "[report][junit]") {
  LanguageGuard lang(Lang::ru);
  auto xml = render(report::Format::junit, findings());
  CHECK(xml_problems(xml) == "");
  CHECK(count(xml, "<testcase ") == kFiles.size());
  CHECK(count(xml, "<failure ") == 3);
  CHECK(xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"perechen\" tests=\"6\" failures=\"3\" errors=\"0\" time=\"0.000\">\n"
        "  <testsuite name=\"perechen validate\" tests=\"6\" failures=\"3\" errors=\"0\" "
        "skipped=\"0\" time=\"0.000\">\n"
        "    <testcase classname=\"perechen.yaml\" name=\"perechen.yaml\" file=\"perechen.yaml\" "
        "time=\"0\">\n"
        "      <failure type=\"error\" message=\"perechen.yaml:4:3: ошибка [registry-config]: "
        "&lt;b attr=&quot;x&quot;&gt;&amp;amp; &apos;y&apos; ]]&gt;\uFFFD\uFFFD[31m\">"
        "perechen.yaml:4:3: ошибка [registry-config]: &lt;b attr=&quot;x&quot;&gt;&amp;amp; "
        "&apos;y&apos; ]]&gt;\uFFFD\uFFFD[31m</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"roster.yaml\" name=\"roster.yaml\" file=\"roster.yaml\" "
        "time=\"0\"/>\n"
        "    <testcase classname=\"points/pay/dup.yaml\" name=\"points/pay/dup.yaml\" "
        "file=\"points/pay/dup.yaml\" time=\"0\">\n"
        "      <failure type=\"error\" message=\"points/pay/dup.yaml:3:9: ошибка [point-duplicate] "
        "(п. 2.7): Точка «Личный кабинет» уже описана\\nв другом файле процесса "
        "&quot;salary&quot;\">"
        "points/pay/dup.yaml:3:9: ошибка [point-duplicate] (п. 2.7): Точка «Личный кабинет» уже "
        "описана\\nв другом файле процесса &quot;salary&quot;\n"
        "  points/pay/lk.yaml:3:9: примечание: первое описание\n"
        "  points/pay/old.yaml: примечание: связанное место</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"points/pay/lk.yaml\" name=\"points/pay/lk.yaml\" "
        "file=\"points/pay/lk.yaml\" time=\"0\">\n"
        "      <failure type=\"error\" message=\"points/pay/lk.yaml:9:5: ошибка [need-unknown] "
        "(п. 2.6): Неизвестная потребность «информатон»\">"
        "points/pay/lk.yaml:9:5: ошибка [need-unknown] (п. 2.6): Неизвестная потребность "
        "«информатон»</failure>\n"
        "      <system-out>points/pay/lk.yaml: предупреждение [basis-missing] (п. 2.4): Нет "
        "основания (basis)</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"points/pay/old.yaml\" name=\"points/pay/old.yaml\" "
        "file=\"points/pay/old.yaml\" time=\"0\"/>\n"
        "    <testcase classname=\"points/справки/a b.yaml\" name=\"points/справки/a b.yaml\" "
        "file=\"points/справки/a b.yaml\" time=\"0\">\n"
        "      <system-out>points/справки/a b.yaml:5:3: предупреждение [contact-missing] (п. 1.3): "
        "50% точек, 100%: нет адреса</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("junit: several errors in one file, a file off the list, no file at all",
          "[report][junit]") {
  LanguageGuard lang(Lang::en);
  std::vector<Diagnostic> some{
      Diagnostic{
          Location{"", 0, 0}, Severity::error, "registry-config", "", "no perechen.yaml", {}},
      Diagnostic{Location{"points/a.yaml", 1, 1}, Severity::error, "unknown-field", "", "one", {}},
      Diagnostic{Location{"points/a.yaml", 2, 1}, Severity::error, "unknown-field", "", "two", {}},
      Diagnostic{
          Location{"points/b&c.yaml", 1, 1}, Severity::error, "unknown-field", "", "three", {}},
  };
  report::Input input{some, report::Summary{1, 1, 4, 0}, {}, false, false, {"points/a.yaml"}};
  std::ostringstream out;
  report::write_junit(out, input);
  auto xml = out.str();
  CHECK(xml_problems(xml) == "");
  CHECK(xml.find("<testsuite name=\"perechen validate\" tests=\"3\" failures=\"3\"") !=
        std::string::npos);
  CHECK(xml.find("<failure type=\"error\" message=\"2 errors in this file\">"
                 "points/a.yaml:1:1: error [unknown-field]: one\n"
                 "points/a.yaml:2:1: error [unknown-field]: two</failure>") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"points/b&amp;c.yaml\" name=\"points/b&amp;c.yaml\" "
                 "file=\"points/b&amp;c.yaml\" time=\"0\">") != std::string::npos);
  // The findings of no file are no file's: no `file` that GitLab would try to link.
  CHECK(xml.find("<testcase classname=\"registry\" name=\"registry\" time=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("error [registry-config]: no perechen.yaml</failure>") != std::string::npos);
}

TEST_CASE("github: workflow commands with GitHub's escaping", "[report][github]") {
  LanguageGuard lang(Lang::ru);
  std::vector<Diagnostic> some = findings();
  some.push_back(Diagnostic{Location{"points/a,b:c%.yaml", 2, 0},
                            Severity::error,
                            "unknown-field",
                            "",
                            "line\r\nbreak",
                            {}});
  report::Input input{some, report::Summary{7, 5, 4, 2}, line_of, false, false, kFiles};
  std::ostringstream out;
  report::write_github(out, input);
  CHECK(out.str() ==
        "::error file=perechen.yaml,line=4,col=3,title=registry-config::<b attr=\"x\">&amp; 'y' "
        "]]>\uFFFD\uFFFD[31m\n"
        "::error file=points/pay/dup.yaml,line=3,col=9,title=point-duplicate (п. 2.7)::Точка "
        "«Личный кабинет» уже описана%0Aв другом файле процесса \"salary\"%0A  "
        "points/pay/lk.yaml:3:9: примечание: первое описание%0A  points/pay/old.yaml: примечание: "
        "связанное место\n"
        "::warning file=points/pay/lk.yaml,title=basis-missing (п. 2.4)::Нет основания (basis)\n"
        "::error file=points/pay/lk.yaml,line=9,col=5,title=need-unknown (п. 2.6)::Неизвестная "
        "потребность «информатон»\n"
        "::warning file=points/справки/a b.yaml,line=5,col=3,title=contact-missing (п. 1.3)::50%25 "
        "точек, 100%25: нет адреса\n"
        "::error file=points/a%2Cb%3Ac%25.yaml,line=2,title=unknown-field::line%0D%0Abreak\n"
        "Проверено: 7 файлов, 5 точек. 4 ошибки, 2 предупреждения.\n");
}

TEST_CASE("github: titles in English", "[report][github]") {
  LanguageGuard lang(Lang::en);
  std::vector<Diagnostic> one{findings()[3]};
  report::Input input{one, report::Summary{1, 1, 1, 0}, {}, false, false, {}};
  std::ostringstream out;
  report::write(out, report::Format::github, input);
  CHECK(out.str() ==
        "::error file=points/pay/lk.yaml,line=9,col=5,title=need-unknown (cl. 2.6)::Неизвестная "
        "потребность «информатон»\n"
        "Checked 1 file, 1 point: 1 error, 0 warnings.\n");
}
