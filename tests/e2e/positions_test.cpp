// SPDX-License-Identifier: Apache-2.0
// The places users read (issue 12): a field or basis that is missing is at line 1, column 1 of the
// file, where an editor opens it, even below a `# yaml-language-server` modeline; an empty item of
// a list is at its own `-`. Every format that carries places says the same place.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <string>

#include "fixture.hpp"

namespace {

using nlohmann::json;
using perechen::test::TempDir;

// A point with the editor's modeline on line 1, no value and no basis, and an empty need on
// line 10 before the need on line 11.
const std::string kPoint = R"(# yaml-language-server: $schema=../../schemas/point.schema.json
process: salary
point:
  name: Личный кабинет сотрудника
  channel: digital
  url: https://lk.example.ru
clients: [civil-servants]
needs:
  - information
  -
  - forms
)";

const std::string kFile = "points/pay/lk.yaml";

struct Place {
  std::string rule;
  int line = 0;
  int column = 0;
  bool operator==(const Place&) const = default;
};

// The places of the findings on kFile, from `validate --format json`.
std::vector<Place> json_places(const TempDir& reg) {
  auto r = perechen::test::perechen({"validate", "--format", "json"}, reg.path());
  REQUIRE(r.exit_code == 1);
  std::vector<Place> places;
  const json output = json::parse(r.out);
  for (const auto& d : output["diagnostics"]) {
    if (d["file"] == kFile)
      places.push_back(
          {d["rule"].get<std::string>(), d["line"].get<int>(), d["column"].get<int>()});
  }
  return places;
}

}  // namespace

TEST_CASE("a missing field and a missing basis are at 1:1, an empty need at its own dash") {
  TempDir reg;
  perechen::test::write_minimal_registry(reg);
  reg.write(kFile, kPoint);

  const std::vector<Place> expected{
      {"missing-field", 1, 1}, {"basis-missing", 1, 1}, {"field-type", 10, 3}};
  std::vector<Place> places = json_places(reg);
  for (const auto& place : expected) {
    INFO(place.rule);
    CHECK(std::find(places.begin(), places.end(), place) != places.end());
  }
  CHECK(places.size() == expected.size());

  SECTION("text") {
    auto r = perechen::test::perechen({"validate"}, reg.path());
    CHECK(r.exit_code == 1);
    for (const auto& p : expected) {
      std::regex line(kFile + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                      ": [^\n]*\\[" + p.rule + "\\]");
      INFO(r.out);
      CHECK(std::regex_search(r.out, line));
    }
  }
  SECTION("github") {
    auto r = perechen::test::perechen({"validate", "--format", "github"}, reg.path());
    for (const auto& p : expected) {
      INFO(r.out);
      CHECK(r.out.find("file=" + kFile + ",line=" + std::to_string(p.line) + ",col=" +
                       std::to_string(p.column) + ",title=" + p.rule) != std::string::npos);
    }
  }
  SECTION("sarif") {
    auto r = perechen::test::perechen({"validate", "--format", "sarif"}, reg.path());
    std::vector<Place> sarif;
    const json output = json::parse(r.out);
    for (const auto& result : output["runs"][0]["results"]) {
      const auto& location = result["locations"][0]["physicalLocation"];
      if (location["artifactLocation"]["uri"] == kFile)
        sarif.push_back(
            {result["ruleId"], location["region"]["startLine"], location["region"]["startColumn"]});
    }
    CHECK(sarif == places);
  }
  SECTION("codequality") {
    auto r = perechen::test::perechen({"validate", "--format", "codequality"}, reg.path());
    std::vector<Place> lines;
    for (const auto& issue : json::parse(r.out)) {
      if (issue["location"]["path"] == kFile)
        lines.push_back({issue["check_name"].get<std::string>(),
                         issue["location"]["lines"]["begin"].get<int>(), 0});
    }
    REQUIRE(lines.size() == places.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(lines[i].rule == places[i].rule);
      CHECK(lines[i].line == places[i].line);
    }
  }
  SECTION("junit") {
    auto r = perechen::test::perechen({"validate", "--format", "junit"}, reg.path());
    for (const auto& p : expected) {
      INFO(r.out);
      CHECK(r.out.find(kFile + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                       ": ") != std::string::npos);
    }
  }
}
