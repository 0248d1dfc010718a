// SPDX-License-Identifier: Apache-2.0
// What yaml-cpp 0.7 lets through and the reader refuses itself (src/yaml/lexical.hpp): each a
// mistake a person makes by accident, found with the YAML test suite.

#include <catch2/catch.hpp>
#include <string>

#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

using perechen::Diagnostics;
using perechen::yaml::parse;

namespace {

struct Refusal {
  int line = 0;
  int column = 0;
  std::string message;
};

// The one yaml-syntax finding of `text`, which must not give a tree.
Refusal refusal(const std::string& text) {
  perechen::set_language(perechen::Lang::en);
  Diagnostics d;
  auto tree = parse("p.yaml", text, d);
  CHECK_FALSE(tree);
  REQUIRE(d.items().size() == 1);
  const auto& only = d.items().front();
  CHECK(only.rule == "yaml-syntax");
  return {only.where.line, only.where.column, only.message};
}

bool accepted(const std::string& text) {
  Diagnostics d;
  return parse("p.yaml", text, d).has_value() && d.empty();
}

}  // namespace

TEST_CASE("an unclosed quote on the last line is refused at the opening quote", "[yaml]") {
  for (std::string end : {"\n", ""}) {
    auto r = refusal("process: salary\nvalue: \"Выплата" + end);
    CHECK(r.line == 2);
    CHECK(r.column == 8);
    CHECK(r.message == "the quote \" is not closed: the text runs to the end of the file");
  }
  auto single = refusal("value: 'Выплата\n");
  CHECK(single.column == 8);
}

TEST_CASE("an unclosed quote in the middle does not swallow the next keys", "[yaml]") {
  auto r = refusal("process: salary\npoint:\n  name: \"Окно\n  channel: offline\nvalue: x\n");
  CHECK(r.line == 3);
  CHECK(r.column == 9);
  CHECK(r.message.find("is not closed") != std::string::npos);
  // A later quote closes it, but the keys between are not indented as a text would be.
  auto closed_later = refusal("name: \"Окно\nvalue: \"x\"\n");
  CHECK(closed_later.line == 1);
  CHECK(closed_later.column == 7);
}

TEST_CASE("a quoted text over several indented lines is still read", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "point:\n  name: \"Окно\n    приема\"\n  a: 'it''s'\n", d);
  REQUIRE(tree);
  CHECK(tree->find("point")->find("name")->scalar == "Окно приема");
  CHECK(tree->find("point")->find("a")->scalar == "it's");
}

TEST_CASE("a line of a mapping without its colon is refused", "[yaml]") {
  auto r = refusal("process: salary\npoint:\n  name: x\nvalue\n");
  CHECK(r.line == 4);
  CHECK(r.column == 1);
  CHECK(r.message == "no colon after 'value': a line of a mapping is written as 'key: value'");
  CHECK(refusal("foo:\n  bar\ninvalid\n").line == 3);
  // An explicit key and a key with an empty value keep working.
  CHECK(accepted("? a\n: b\nc:\n"));
}

TEST_CASE("stray commas and dashes in flow lists are refused where they are", "[yaml]") {
  auto leading = refusal("clients: [ , a, b ]\n");
  CHECK(leading.column == 12);
  CHECK(leading.message == "a stray comma: an empty entry in brackets");
  CHECK(refusal("clients: [a, b, , c]\n").column == 17);
  auto dash = refusal("needs: [-]\n");
  CHECK(dash.column == 9);
  CHECK(dash.message.find("'-' inside square brackets") == 0);
  CHECK(accepted("clients: [a, b, ]\nneeds: [-1, -a, \"-\"]\nmap: {a: , b}\n"));
}

TEST_CASE("an escaped apostrophe in double quotes is refused", "[yaml]") {
  auto r = refusal("value: \"it\\'s\"\n");
  CHECK(r.column == 11);
  CHECK(r.message.find("unknown escape '\\''") == 0);
  CHECK(accepted("value: \"a\\\"b\\\\c\\u0410\\x41\\n\"\n"));
}

TEST_CASE("a comment needs a space before the hash", "[yaml]") {
  CHECK(refusal("key: \"value\"# note\n").column == 13);
  CHECK(refusal("list: [a, b]#note\n").column == 13);
  CHECK(accepted("key: \"value\" # note\nurl: https://x.ru/#part\nlist: [a#b, c] # note\n"));
}

TEST_CASE("lines of a flow list must be indented under their key", "[yaml]") {
  auto r = refusal("clients: [a,\nb]\n");
  CHECK(r.line == 2);
  CHECK(r.column == 1);
  CHECK(accepted("clients: [a,\n  b]\n"));
}

TEST_CASE("a tab on an otherwise empty line is read as YAML allows", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "foo: 1\n\t\nbar: 2\n", d);
  REQUIRE(tree);
  CHECK(d.empty());
  CHECK(tree->find("bar")->scalar == "2");
  // A tab that indents a key is still refused.
  Diagnostics tab;
  CHECK_FALSE(parse("p.yaml", "foo:\n\tbar: 1\n", tab));
  REQUIRE(tab.items().size() == 1);
  CHECK(tab.items().front().rule == "yaml-syntax");
}

TEST_CASE("a file read again for a tab on an empty line reports each finding once", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "a: 1\na: 2\n\t\nb: 3\n", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items().front().rule == "yaml-duplicate-key");
  CHECK(d.items().front().where.line == 2);
}
