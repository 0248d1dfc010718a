// SPDX-License-Identifier: Apache-2.0
// The text report stays proportional to the findings: a window of a long source line, the count
// of findings over the caps, and the caps themselves in Diagnostics.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "fixture.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"

using perechen::Diagnostic;
using perechen::Diagnostics;
using perechen::Location;
using perechen::Severity;
namespace report = perechen::report;

namespace {

using perechen::test::lines_of;

}  // namespace

TEST_CASE("text: a long source line is shown as a window around the column", "[report][text]") {
  perechen::set_language(perechen::Lang::en);
  // 2,000 characters, Cyrillic, with an X at column 1,000.
  std::string source;
  for (int i = 1; i <= 2000; ++i)
    source += i == 1000 ? "X" : "ж";
  std::vector<Diagnostic> one{
      Diagnostic{Location{"p.yaml", 1, 1000}, Severity::error, "unknown-client", "", "here", {}}};
  report::Input input{one,
                      report::Summary{1, 1, 1, 0},
                      [&](std::string_view, int) { return std::string_view(source); },
                      false,
                      true,
                      {"p.yaml"}};
  std::ostringstream out;
  report::write_text(out, input);
  auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 4);
  const std::string gutter = "    1 | ";
  REQUIRE(lines[1].starts_with(gutter));
  std::string shown = lines[1].substr(gutter.size());
  CHECK(shown.starts_with("…"));
  CHECK(shown.ends_with("…"));
  // The window: 120 characters and the two ellipses, each two or three bytes.
  CHECK(shown.size() < 122 * 3);
  // The caret is under the X: as many characters before it in both lines.
  auto x = shown.find('X');
  REQUIRE(x != std::string::npos);
  std::size_t before = 0;
  for (std::size_t i = 0; i < x; ++i)
    before += (static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80 ? 1u : 0u;
  CHECK(lines[2] == "      | " + std::string(before, ' ') + "^");
}

TEST_CASE("text and github: the findings over the caps are counted by rule", "[report]") {
  perechen::set_language(perechen::Lang::en);
  std::vector<Diagnostic> none;
  report::Summary summary{1, 1, 250, 0, 150, {{"unknown-client", 149}, {"need-unknown", 1}}};
  report::Input input{none, summary, {}, false, false, {}};
  const std::string expected =
      "Not shown, over the limits (100 a file, 1000 a run): 150 more findings (need-unknown: 1, "
      "unknown-client: 149).\n";
  for (auto format : {report::Format::text, report::Format::github}) {
    std::ostringstream out;
    report::write(out, format, input);
    CHECK(out.str().find(expected) != std::string::npos);
  }
}

TEST_CASE("Diagnostics: a file keeps its first 100 findings, the rest are counted", "[report]") {
  Diagnostics found;
  for (int i = 0; i < 250; ++i)
    found.add("unknown-client", Location{"a.yaml", i + 1, 1}, "x");
  found.add("need-unknown", Location{"b.yaml", 1, 1}, "y");
  CHECK(found.items().size() == 101);
  CHECK(found.omitted() == 150);
  CHECK(found.count(Severity::error) == 251);
  CHECK(found.omitted_by_rule() == std::map<std::string, std::size_t>{{"unknown-client", 150}});
  found.keep_files([](std::string_view file) { return file == "b.yaml"; });
  CHECK(found.items().size() == 1);
  CHECK(found.omitted() == 0);
}

TEST_CASE("Diagnostics: a run keeps its first findings after sorting", "[report]") {
  Diagnostics found;
  for (int file = 0; file < 30; ++file) {
    for (int i = 0; i < 50; ++i)
      found.add("unknown-client", Location{"f" + std::to_string(file) + ".yaml", i + 1, 1}, "x");
  }
  found.sort();
  found.limit(perechen::kMaxFindings);
  CHECK(found.items().size() == perechen::kMaxFindings);
  CHECK(found.omitted() == 1500 - perechen::kMaxFindings);
  CHECK(found.items().front().where.file == "f0.yaml");
}
