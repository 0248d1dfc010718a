// SPDX-License-Identifier: Apache-2.0
// Issue 20, item 14: a warning silenced at its point (`# perechen: ignore=RULE reason`) and a file
// left out by `validate --exclude GLOB` are never silent: every output format shows them, each as
// it can (SARIF: a suppressed result and a note; JUnit: skipped test cases; GitHub: notices; Code
// Quality: issues of severity info; text and JSON: listed). An error of the regulation's rules is
// never silenced, and perechen.yaml and roster.yaml are never excluded.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "fixture.hpp"

using nlohmann::json;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

const std::string kWindow = "points/pay/window.yaml";
const std::string kDraft = "points/drafts/draft.yaml";
const std::string kReason = "основание в работе, приказ будет в марте";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The minimal registry with the basis of window.yaml removed and its warning silenced, and a
// broken draft in points/drafts/.
struct Silenced {
  TempDir dir;
  Silenced() {
    perechen::test::write_minimal_registry(dir);
    dir.replace(kWindow,
                "basis:\n  - type: instruction\n    title: Поручение начальника управления от "
                "01.02.2026\n",
                "");
    dir.write(kWindow, "# perechen: ignore=basis-missing " + kReason + "\n" + dir.read(kWindow));
    dir.write(kDraft, "process: nope\n");
  }
  RunResult validate(const std::string& format, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"validate", "--format", format, "--exclude", "points/drafts/"};
    args.insert(args.end(), extra.begin(), extra.end());
    return perechen::test::perechen(args, dir.path());
  }
};

}  // namespace

TEST_CASE("without --exclude the draft's errors are shown and fail the check", "[e2e][silenced]") {
  Silenced reg;
  auto run = perechen::test::perechen({"validate", "--format", "json"}, reg.dir.path());
  CHECK(run.exit_code == 1);
  CHECK(contains(run.out, kDraft));
  CHECK_FALSE(json::parse(run.out)["summary"].contains("excluded"));
}

TEST_CASE("text: silenced warnings and excluded files are listed after the summary",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("text");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.out, "Проверено: 5 файлов, 3 точки. Замечаний нет."));
  CHECK(contains(run.out, kWindow + ":1: [basis-missing] " + kReason));
  CHECK(contains(run.out, "Исключено из проверки (--exclude), файлов: 1\n  " + kDraft + "\n"));
  CHECK_FALSE(contains(run.out, "unknown-process"));
}

TEST_CASE("json: the silenced finding with its place and reason, the excluded files",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("json");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  json summary = json::parse(run.out)["summary"];
  CHECK(summary["files"] == 5);
  CHECK(summary["points"] == 3);
  CHECK(summary["warnings"] == 0);
  REQUIRE(summary["silenced"].size() == 1);
  const json& silenced = summary["silenced"][0];
  CHECK(silenced["reason"] == kReason);
  CHECK(silenced["finding"]["file"] == kWindow);
  CHECK(silenced["finding"]["clause"] == "2.4");
  CHECK(contains(silenced["finding"]["message"].get<std::string>(), "basis"));
  CHECK(summary["excluded"] == json::array({kDraft}));
}

TEST_CASE("sarif: a silenced warning is a result suppressed in the source, with the reason",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("sarif", {"--path-prefix", "lists/finance"});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  json sarif = json::parse(run.out)["runs"][0];
  REQUIRE(sarif["results"].size() == 1);
  const json& result = sarif["results"][0];
  CHECK(result["ruleId"] == "basis-missing");
  CHECK(result["level"] == "warning");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "lists/finance/" + kWindow);
  REQUIRE(result["suppressions"].size() == 1);
  const json& suppression = result["suppressions"][0];
  CHECK(suppression["kind"] == "inSource");
  CHECK(suppression["justification"] == kReason);
  CHECK(suppression["location"]["physicalLocation"]["region"]["startLine"] == 1);
  // The excluded draft: a note of the invocation, on that file.
  const json& notes = sarif["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["level"] == "note");
  CHECK(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "lists/finance/points/drafts/draft.yaml");
}

TEST_CASE("junit: silenced warnings and excluded files are skipped test cases with the reason",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("junit");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "failures=\"0\" errors=\"0\" skipped=\"2\""));
  CHECK(contains(run.out, "<skipped message=\"заглушено комментарием в строке 1: " + kReason +
                              "\">" + kWindow + ":1:1: предупреждение [basis-missing]"));
  CHECK(contains(run.out, "<testcase classname=\"" + kDraft + "\" name=\"" + kDraft + "\""));
  CHECK(contains(run.out, "<skipped message=\"Файл исключен из проверки (--exclude)\">"));
}

TEST_CASE("github: a silenced warning is a notice with the reason, an excluded file a notice",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("github");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_FALSE(contains(run.out, "::warning"));
  CHECK(contains(run.out,
                 "::notice file=" + kWindow + ",line=1,col=1,title=basis-missing (п. 2.4)::"));
  CHECK(contains(run.out, "%0Aзаглушено комментарием в строке 1: " + kReason + "\n"));
  CHECK(contains(run.out, "::notice file=" + kDraft +
                              ",title=--exclude::Файл исключен из проверки (--exclude)\n"));
  CHECK(contains(run.out, "Заглушено предупреждений"));
}

TEST_CASE("codequality: silenced warnings and excluded files are issues of severity info",
          "[e2e][silenced]") {
  Silenced reg;
  auto run = reg.validate("codequality");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  json issues = json::parse(run.out);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0]["check_name"] == "basis-missing");
  CHECK(issues[0]["severity"] == "info");
  CHECK(contains(issues[0]["description"].get<std::string>(), kReason));
  CHECK(issues[1]["check_name"] == "excluded");
  CHECK(issues[1]["severity"] == "info");
  CHECK(issues[1]["location"]["path"] == kDraft);

  // Silencing reads in GitLab as the warning resolved and a notice added: another fingerprint.
  reg.dir.replace(kWindow, "# perechen: ignore=basis-missing " + kReason + "\n", "");
  auto shown = reg.validate("codequality");
  json before = json::parse(shown.out);
  REQUIRE(before.size() == 2);
  CHECK(before[0]["severity"] == "minor");
  CHECK(before[0]["fingerprint"] != issues[0]["fingerprint"]);
}

TEST_CASE("an error is never silenced, in any format", "[e2e][silenced]") {
  Silenced reg;
  reg.dir.write(kWindow, "# perechen: ignore=unknown-process так надо\n" + reg.dir.read(kWindow));
  reg.dir.replace(kWindow, "process: vacation", "process: vacatio");
  for (const char* format : {"json", "sarif", "junit", "github", "codequality"}) {
    INFO(format);
    auto run = reg.validate(format);
    CHECK(run.exit_code == 1);
    CHECK(contains(run.out, "unknown-process"));
  }
  json sarif = json::parse(reg.validate("sarif").out)["runs"][0]["results"];
  for (const auto& result : sarif) {
    if (result["ruleId"] == "unknown-process") {
      CHECK(result["level"] == "error");
      CHECK_FALSE(result.contains("suppressions"));
    }
  }
  json quality = json::parse(reg.validate("codequality").out);
  for (const auto& issue : quality) {
    if (issue["check_name"] == "unknown-process")
      CHECK(issue["severity"] == "major");
  }
}

TEST_CASE("exclude: the settings are never left out, globs match as in .gitignore",
          "[e2e][silenced]") {
  Silenced reg;
  SECTION("perechen.yaml or roster.yaml named: a usage error") {
    for (const char* file : {"perechen.yaml", "./roster.yaml"}) {
      auto run = perechen::test::perechen({"validate", "--exclude", file}, reg.dir.path());
      CHECK(run.exit_code == 2);
      CHECK(contains(run.err, "нельзя исключить из проверки"));
    }
  }
  SECTION("a glob matching everything leaves the settings in, and their errors shown") {
    reg.dir.write("perechen.yaml", reg.dir.read("perechen.yaml") + "unknown_key: 1\n");
    auto run = perechen::test::perechen({"validate", "--format", "json", "--exclude", "*.yaml"},
                                        reg.dir.path());
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    json report = json::parse(run.out);
    CHECK(report["summary"]["points"] == 0);
    CHECK(report["summary"]["files"] == 2);
    CHECK(report["summary"]["excluded"].size() == 4);
    CHECK(report["diagnostics"][0]["file"] == "perechen.yaml");
  }
  SECTION("a file name at any depth, ** across folders") {
    for (const char* glob :
         {"draft.yaml", "points/**/draft.yaml", "points/dr*/*.yaml", "d*.yaml"}) {
      INFO(glob);
      auto run = perechen::test::perechen({"validate", "--format", "json", "--exclude", glob},
                                          reg.dir.path());
      CHECK(run.exit_code == 0);
      CHECK(json::parse(run.out)["summary"]["excluded"] == json::array({kDraft}));
    }
    auto none =
        perechen::test::perechen({"validate", "--exclude", "points/*.yaml"}, reg.dir.path());
    CHECK(none.exit_code == 1);  // '*' never crosses a '/'
  }
}
