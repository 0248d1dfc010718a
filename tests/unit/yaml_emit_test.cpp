// SPDX-License-Identifier: Apache-2.0
// The YAML emitter of `new`, `init` and `import`: outside text in a value or a comment stays text
// and never becomes a key, whatever it holds; what is plain reads back as text.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perechen/yaml/emit.hpp"
#include "perechen/yaml/parse.hpp"

using perechen::yaml::scalar;
using perechen::yaml::Writer;

namespace {

// The top-level keys of `text` as perechen reads it; fails the test when it is refused.
std::vector<std::string> keys_of(const std::string& text) {
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse("t.yaml", text, found);
  INFO(text);
  REQUIRE(tree);
  std::vector<std::string> keys;
  for (const auto& entry : tree->entries)
    keys.push_back(entry.key);
  return keys;
}

std::string value_of(const std::string& text, const std::string& key) {
  perechen::Diagnostics found;
  auto tree = perechen::yaml::parse("t.yaml", text, found);
  INFO(text);
  REQUIRE(tree);
  const auto* node = tree->find(key);
  REQUIRE(node != nullptr);
  REQUIRE(node->is_scalar());
  return node->scalar;
}

}  // namespace

TEST_CASE("a comment of outside text has # before each of its lines", "[yaml][emit]") {
  const std::vector<std::string> breaks = {"\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029"};
  for (const auto& br : breaks) {
    Writer out;
    out.comment("строка 2, столбец 3 «Ценность…" + br + "prepared_by: injected #»: не указана");
    out.field("process", "salary");
    INFO(out.text());
    CHECK(keys_of(out.text()) == std::vector<std::string>{"process"});
    // Every line of the file is the comment's or the key's.
    std::string text = out.text();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      std::string line = text.substr(start, end - start);
      CHECK((line.rfind("# ", 0) == 0 || line == "process: salary"));
      start = end + 1;
    }
  }
  Writer indented;
  indented.open("point").comment("a\nb", 2).field("name", "x", 2);
  CHECK(indented.text() == "point:\n  # a\n  # b\n  name: x\n");
  Writer empty;
  empty.comment("").comment("x\n\ny");
  CHECK(empty.text() == "#\n# x\n#\n# y\n");
}

TEST_CASE("control characters and bytes that are not UTF-8 do not reach a comment",
          "[yaml][emit]") {
  Writer out;
  out.comment(
      "a\x01"
      "b\x7f"
      "c\xff"
      "d\xEF\xBB\xBF"
      "e\tf");
  CHECK(out.text() == "# a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\n");
}

TEST_CASE("values are plain only when they read back as the same text", "[yaml][emit]") {
  // Plain: what a person writes.
  for (const std::string plain :
       {"salary", "Личный кабинет", "https://lk.example.ru", "г. Липецк, каб. 5", "1-й этаж", "a#b",
        "mailto:pay@example.ru"}) {
    INFO(plain);
    CHECK(scalar(plain) == plain);
  }
  // Quoted: numbers, booleans and nulls of YAML 1.2 and 1.1, indicators, keys and comments inside,
  // spaces at the ends, line breaks and control characters.
  for (const std::string text : {"",      "12",    "1.5",  "1e3",        ".inf",
                                 "-.Inf", ".nan",  "0x1F", "0o17",       "true",
                                 "False", "yes",   "No",   "on",         "off",
                                 "y",     "n",     "null", "~",          "2026-03-05",
                                 "1:30",  "1_000", "- x",  "key: value", "value #comment",
                                 "ends:", "[x]",   "{x}",  "*alias",     "&anchor",
                                 "!tag",  "|",     ">",    "'q'",        "\"q\"",
                                 "%x",    "@x",    "`x`",  " lead",      "trail ",
                                 "a\nb",  "a\rb",  "a\tb", "a\u2028b",   "<<",
                                 "="}) {
    INFO(text);
    std::string written = scalar(text);
    CHECK(written.front() == '"');
    CHECK(written.find('\n') == std::string::npos);
    CHECK(value_of("k: " + written + "\n", "k") == text);
  }
  // Control characters are written escaped, never raw; the reader then refuses them as a value
  // of a point (file-encoding, issue 21.1), so they never pass into a registry silently.
  for (const std::string text : {"a\u0085b", "a\x01b", "a\x1b[0m"}) {
    INFO(text);
    std::string written = scalar(text);
    CHECK(written.front() == '"');
    CHECK(written.find_first_of(std::string("\x01\x1b", 2)) == std::string::npos);
    CHECK(written.find("\xC2\x85") == std::string::npos);
    perechen::Diagnostics found;
    perechen::yaml::parse("t.yaml", "k: " + written + "\n", found);
    REQUIRE(found.items().size() == 1);
    CHECK(found.items().front().rule == "file-encoding");
  }
  // Bytes that are not UTF-8 are written as U+FFFD, so that the file stays readable.
  CHECK(value_of("k: " +
                     scalar("a\xff"
                            "b") +
                     "\n",
                 "k") == "a\uFFFDb");
}

TEST_CASE("a flow list quotes what would end or split an item", "[yaml][emit]") {
  Writer out;
  out.flow_list("clients", {"civil-servants", "a, b", "[x]", "c}", "12", ""});
  CHECK(out.text() == "clients: [civil-servants, \"a, b\", \"[x]\", \"c}\", \"12\", \"\"]\n");
  perechen::Diagnostics found_diagnostics;
  auto tree = perechen::yaml::parse("t.yaml", out.text(), found_diagnostics);
  REQUIRE(tree);
  const auto* list = tree->find("clients");
  REQUIRE(list != nullptr);
  REQUIRE(list->items.size() == 6);
  CHECK(list->items[1].scalar == "a, b");
  CHECK(list->items[5].scalar.empty());
  // What the fuzzer found yaml-cpp reading as a key inside [ ], though YAML 1.2 allows it plain.
  Writer found;
  found.flow_list("l", {"v#e:?", ";;?;t", "a - b", "ogu-staff"});
  CHECK(found.text() == "l: [\"v#e:?\", \";;?;t\", \"a - b\", ogu-staff]\n");
  auto again = perechen::yaml::parse("t.yaml", found.text(), found_diagnostics);
  REQUIRE(again);
  REQUIRE(again->find("l") != nullptr);
  CHECK(again->find("l")->items.size() == 4);
}

TEST_CASE("keys, items and numbers", "[yaml][emit]") {
  Writer out;
  out.open("needs").item("information", 2).item_field("other", "Справка: для визы", 2);
  out.number("working_days", 5).field("yes", "no");
  CHECK(out.text() ==
        "needs:\n  - information\n  - other: \"Справка: для визы\"\nworking_days: 5\n\"yes\": "
        "\"no\"\n");
  CHECK(keys_of(out.text()) == std::vector<std::string>{"needs", "working_days", "yes"});
}

TEST_CASE("plain_type follows YAML 1.2's core schema", "[yaml][emit]") {
  using perechen::yaml::plain_type;
  using perechen::yaml::PlainType;
  CHECK(plain_type("12") == PlainType::number);
  CHECK(plain_type("-3") == PlainType::number);
  CHECK(plain_type("+.inf") == PlainType::number);
  CHECK(plain_type(".NaN") == PlainType::number);
  CHECK(plain_type("1e3") == PlainType::number);
  CHECK(plain_type("0x1F") == PlainType::number);
  CHECK(plain_type("TRUE") == PlainType::boolean);
  CHECK(plain_type("~") == PlainType::null);
  CHECK(plain_type("") == PlainType::null);
  CHECK(plain_type("yes") == PlainType::text);  // a boolean to YAML 1.1 only
  CHECK(plain_type("1-й") == PlainType::text);
  CHECK(plain_type("e3") == PlainType::text);
}
