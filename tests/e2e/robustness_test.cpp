// SPDX-License-Identifier: Apache-2.0
// Bounded cost and a report that no input can forge, through the built binary: caps on findings
// with the count of what was left out, file names and values with line breaks, and the unclosed
// quote that yaml-cpp lets through.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "fixture.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;
using perechen::test::write_minimal_registry;

namespace {

// A point file whose clients are `count` unknown ids.
std::string point_with_clients(std::size_t count) {
  std::string clients;
  for (std::size_t i = 0; i < count; ++i)
    clients += (i == 0 ? "" : ", ") + std::string("nobody");
  return "process: salary\npoint:\n  name: Окно\n  channel: offline\n  kind: reception\n"
         "  address: г. Липецк\nclients: [" +
         clients +
         "]\nvalue: Получить справку\nneeds:\n  - information\nbasis:\n  - type: internal_act\n"
         "    title: Приказ\nprepared_by: cbu\n";
}

using perechen::test::lines_of;

}  // namespace

TEST_CASE("a file keeps 100 findings and the report counts the rest by rule", "[robustness]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/many.yaml", point_with_clients(300));

  auto json = perechen::test::perechen({"validate", "--format", "json"}, dir.path());
  CHECK(json.exit_code == 1);
  auto report = nlohmann::json::parse(json.out);
  CHECK(report["diagnostics"].size() == 100);
  CHECK(report["summary"]["errors"] == 300);
  CHECK(report["summary"]["omitted"]["count"] == 200);
  CHECK(report["summary"]["omitted"]["rules"]["unknown-client"] == 200);

  auto text = perechen::test::perechen({"--lang", "en", "validate"}, dir.path());
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("Not shown, over the limits (100 a file, 1000 a run): 200 more findings "
                      "(unknown-client: 200).\n") != std::string::npos);
}

TEST_CASE("a file name with a line break cannot start a line of the report", "[robustness]") {
  TempDir dir;
  write_minimal_registry(dir);
  const std::string name = "points/pay/x\n::warning file=lk.yaml::forged\n.yaml";
  // A value with a line break (a YAML escape) in a message: an unknown client id.
  dir.write(name, "process: salary\nclients: [\"x\\n::error::forged too\"]\n");
  for (const char* format : {"text", "github"}) {
    auto r = perechen::test::perechen({"validate", "--format", format}, dir.path());
    INFO(r.out);
    CHECK(r.exit_code == 1);
    for (const auto& line : lines_of(r.out)) {
      INFO(line);
      bool harmless = line.find("forged") == std::string::npos || line.starts_with("points/") ||
                      line.starts_with("::error file=points/") ||
                      line.starts_with("::warning file=points/");
      CHECK(harmless);
    }
  }
  auto text = perechen::test::perechen({"validate"}, dir.path());
  CHECK(text.out.find("points/pay/x\\n::warning file=lk.yaml::forged\\n.yaml:") !=
        std::string::npos);
}

TEST_CASE("an unclosed quote on the last line is a syntax error at the quote", "[robustness]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/quote.yaml",
            "process: salary\npoint:\n  name: Окно\nvalue: \"Получить справку\n");
  auto r = perechen::test::perechen({"--lang", "en", "validate"}, dir.path());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("points/pay/quote.yaml:4:8: error [yaml-syntax]: the quote \" is not closed") !=
        std::string::npos);
}

TEST_CASE("misnamed point files are checked or refused by name, never silently skipped",
          "[robustness]") {
  TempDir dir;
  write_minimal_registry(dir);
  // An upper-case extension is a point file: its unknown process is found.
  dir.write("points/pay/kopiya.YAML", "process: salry\npoint:\n  name: Копия\n");
  auto all = perechen::test::perechen({"validate"}, dir.path());
  CHECK(all.exit_code == 1);
  CHECK(all.out.find("points/pay/kopiya.YAML:1:10") != std::string::npos);
  auto named = perechen::test::perechen({"validate", "points/pay/kopiya.YAML"}, dir.path());
  CHECK(named.exit_code == 1);
  CHECK(named.out.find("kopiya.YAML") != std::string::npos);

  // A file given by name that is no point file is refused with the reason, exit 2.
  dir.write("points/pay/copy.yaml.txt", "process: salary\n");
  auto txt = perechen::test::perechen({"validate", "points/pay/copy.yaml.txt"}, dir.path());
  CHECK(txt.exit_code == 2);
  CHECK(txt.err.find("имя файла точки кончается на .yaml или .yml") != std::string::npos);
  dir.write("point/pay/lost.yaml", "process: salary\n");
  auto beside = perechen::test::perechen({"validate", "point/pay/lost.yaml"}, dir.path());
  CHECK(beside.exit_code == 2);
  CHECK(beside.err.find("точки лежат в папке points/") != std::string::npos);
}

TEST_CASE("a registry in a subfolder: forge formats name files from the repository's top",
          "[robustness]") {
  TempDir repo;
  perechen::test::git(repo.path(), {"init", "-q"});
  TempDir registry;
  write_minimal_registry(registry);
  registry.write("points/pay/lk.yaml", "process: salry\npoint:\n  name: Кабинет\n");
  fs::create_directories(repo.path() / "lists");
  fs::copy(registry.path(), repo.path() / "lists/finance", fs::copy_options::recursive);
  fs::path root = repo.path() / "lists/finance";

  auto github = perechen::test::perechen({"validate", "--format", "github"}, root);
  CHECK(github.out.find("file=lists/finance/points/pay/lk.yaml,") != std::string::npos);
  auto quality = perechen::test::perechen({"validate", "--format", "codequality"}, root);
  auto issues = nlohmann::json::parse(quality.out);
  REQUIRE_FALSE(issues.empty());
  CHECK(issues[0]["location"]["path"].get<std::string>().rfind("lists/finance/points/", 0) == 0);
  auto sarif = perechen::test::perechen({"validate", "--format", "sarif"}, root);
  auto log = nlohmann::json::parse(sarif.out);
  std::string uri =
      log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri.rfind("lists/finance/points/", 0) == 0);
  // --path-prefix says otherwise: the registry checked out at the top in CI, say.
  auto given =
      perechen::test::perechen({"validate", "--format", "github", "--path-prefix", ""}, root);
  CHECK(given.out.find("file=points/pay/lk.yaml,") != std::string::npos);
  // The text report keeps the paths people use in the registry.
  auto text = perechen::test::perechen({"validate"}, root);
  CHECK(text.out.find("points/pay/lk.yaml:1:10") != std::string::npos);
}
