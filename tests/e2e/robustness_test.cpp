// SPDX-License-Identifier: Apache-2.0
// Bounded cost and a report that no input can forge, through the built binary: caps on findings
// with the count of what was left out, file names and values with line breaks, and the unclosed
// quote that yaml-cpp lets through.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "fixture.hpp"

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
