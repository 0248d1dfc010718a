// SPDX-License-Identifier: Apache-2.0
// The YAML reader: positions, and every kind of hostile input caught before it can do harm.

#include <catch2/catch.hpp>

#include <string>

#include "perechen/i18n.hpp"
#include "perechen/yaml/parse.hpp"

using perechen::Diagnostics;
using perechen::yaml::NodeKind;
using perechen::yaml::parse;

namespace {

const perechen::Diagnostic& only(const Diagnostics& d) {
  REQUIRE(d.items().size() == 1);
  return d.items().front();
}

}  // namespace

TEST_CASE("keys and values keep 1-based lines and character columns", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "process: salary\npoint:\n  name: Окно\n  channel: «x» digital\n", d);
  REQUIRE(tree);
  CHECK(d.empty());
  REQUIRE(tree->is_map());
  const auto* point = tree->find_entry("point");
  REQUIRE(point != nullptr);
  CHECK(point->key_pos.line == 2);
  CHECK(point->key_pos.column == 1);
  const auto* name = point->value.find("name");
  REQUIRE(name != nullptr);
  CHECK(name->scalar == "Окно");
  CHECK(name->pos.line == 3);
  CHECK(name->pos.column == 9);
}

TEST_CASE("columns count characters, not bytes, after Cyrillic text", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "clients: [Клиент, other]\n", d);
  REQUIRE(tree);
  const auto* clients = tree->find("clients");
  REQUIRE(clients != nullptr);
  REQUIRE(clients->items.size() == 2);
  CHECK(clients->items[1].pos.column == 19);
}

TEST_CASE("a UTF-8 byte order mark is accepted", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "\xEF\xBB\xBFprocess: salary\n", d);
  REQUIRE(tree);
  CHECK(d.empty());
  CHECK(tree->find("process")->scalar == "salary");
  CHECK(tree->find_entry("process")->key_pos.column == 1);
}

TEST_CASE("duplicate keys are reported with both places", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "process: a\nvalue: x\nprocess: b\n", d);
  CHECK_FALSE(tree);
  const auto& diag = only(d);
  CHECK(diag.rule == "yaml-duplicate-key");
  CHECK(diag.where.line == 3);
  CHECK(diag.where.column == 1);
  REQUIRE(diag.related.size() == 1);
  CHECK(diag.related[0].where.line == 1);
}

TEST_CASE("duplicate keys in a large mapping are found too", "[yaml]") {
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += "k" + std::to_string(i) + ": v\n";
  text += "k42: again\n";
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", text, d));
  CHECK(only(d).rule == "yaml-duplicate-key");
  CHECK(only(d).where.line == 101);
  CHECK(only(d).related.at(0).where.line == 43);
}

TEST_CASE("anchors, aliases and merge keys are refused", "[yaml]") {
  SECTION("anchor and alias") {
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", "a: &x text\nb: *x\n", d));
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].rule == "yaml-alias");
    CHECK(d.items()[0].where.line == 1);
    CHECK(d.items()[1].rule == "yaml-alias");
    CHECK(d.items()[1].where.line == 2);
  }
  SECTION("merge key") {
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", "a:\n  <<: {x: 1}\n", d));
    CHECK(only(d).rule == "yaml-alias");
    CHECK(only(d).where.line == 2);
  }
  SECTION("a quoted '<<' is an ordinary key") {
    Diagnostics d;
    CHECK(parse("p.yaml", "a:\n  '<<': x\n", d));
    CHECK(d.empty());
  }
  SECTION("an alias bomb costs nothing: the first anchor stops it") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      std::string prev(1, static_cast<char>(c - 1));
      bomb += std::string(1, c) + ": &" + std::string(1, c) + " [*" + prev + ", *" + prev + ", *" +
              prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    }
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", bomb, d));
    CHECK(d.items().front().rule == "yaml-alias");
  }
}

TEST_CASE("several documents in one file are refused", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "process: a\n---\nprocess: b\n", d));
  CHECK(only(d).rule == "yaml-multi-document");
  CHECK(only(d).where.line == 2);
}

TEST_CASE("a leading document marker alone is one document", "[yaml]") {
  Diagnostics d;
  CHECK(parse("p.yaml", "---\nprocess: a\n", d));
  CHECK(d.empty());
}

TEST_CASE("syntax errors are located where the parser stopped", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "process: salary\npoint:\n  name: [unclosed\n", d));
  CHECK(only(d).rule == "yaml-syntax");
  CHECK(only(d).where.line >= 3);
}

TEST_CASE("Windows-1251 text is named as such", "[yaml]") {
  Diagnostics d;
  // "value: Оплата" in Windows-1251
  CHECK_FALSE(parse("p.yaml", "value: \xCE\xEF\xEB\xE0\xF2\xE0\n", d));
  CHECK(only(d).rule == "file-encoding");
  CHECK(only(d).where.line == 1);
  CHECK(only(d).where.column == 8);
  CHECK(only(d).message.find("Windows-1251") != std::string::npos);
}

TEST_CASE("bytes that are neither UTF-8 nor Cyrillic are refused plainly", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "value: ok\nname: \x80\x81\x82\n", d));
  CHECK(only(d).rule == "file-encoding");
  CHECK(only(d).where.line == 2);
  CHECK(only(d).message.find("Windows-1251") == std::string::npos);
}

TEST_CASE("overlong and surrogate UTF-8 sequences are not UTF-8", "[yaml]") {
  std::size_t bad = 0;
  CHECK_FALSE(perechen::yaml::is_utf8("\xC0\xAF", bad));
  CHECK_FALSE(perechen::yaml::is_utf8("\xED\xA0\x80", bad));
  CHECK_FALSE(perechen::yaml::is_utf8("ok\xF4\x90\x80\x80", bad));
  CHECK(bad == 2);
  CHECK(perechen::yaml::is_utf8("Ёлка 🎄", bad));
}

TEST_CASE("NUL bytes are refused", "[yaml]") {
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", std::string("value: a\0b\n", 11), d));
  CHECK(only(d).rule == "file-encoding");
  CHECK(only(d).where.column == 9);
}

TEST_CASE("files over 1 MiB are not parsed", "[yaml]") {
  Diagnostics d;
  std::string big(perechen::yaml::kMaxFileSize + 1, 'a');
  CHECK_FALSE(parse("p.yaml", big, d));
  CHECK(only(d).rule == "file-limits");
}

TEST_CASE("nesting deeper than 64 levels is refused", "[yaml]") {
  SECTION("flow") {
    Diagnostics d;
    std::string deep = "a: " + std::string(65, '[') + std::string(65, ']') + "\n";
    CHECK_FALSE(parse("p.yaml", deep, d));
    CHECK(only(d).rule == "file-limits");
  }
  SECTION("64 levels are fine") {
    Diagnostics d;
    std::string deep = std::string(63, '[') + std::string(63, ']') + "\n";
    CHECK(parse("p.yaml", "a: " + deep, d));
    CHECK(d.empty());
  }
  SECTION("thousands of levels do not exhaust the stack") {
    Diagnostics d;
    std::string deep = std::string(100000, '[');
    CHECK_FALSE(parse("p.yaml", deep, d));
    REQUIRE_FALSE(d.empty());
    CHECK(d.items().front().rule == "file-limits");
  }
}

TEST_CASE("an empty file is an empty document", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "", d);
  REQUIRE(tree);
  CHECK(tree->kind == NodeKind::null);
  CHECK(d.empty());
}

TEST_CASE("quoted scalars are marked, plain ones are not", "[yaml]") {
  Diagnostics d;
  auto tree = parse("p.yaml", "a: '5'\nb: 5\nc: null\n", d);
  REQUIRE(tree);
  CHECK(tree->find("a")->quoted);
  CHECK_FALSE(tree->find("b")->quoted);
  CHECK(tree->find("c")->is_null());
}

TEST_CASE("nesting far past yaml-cpp's own limit is reported once", "[yaml]") {
  // Found by fuzzing: the 64-level limit and yaml-cpp's depth guard both fired on one file.
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", std::string(100000, '[') + std::string(100000, ']'), d));
  const auto& diag = only(d);
  CHECK(diag.rule == "file-limits");
  CHECK(diag.where.line == 1);
}

TEST_CASE("one long flow line is read with exact columns", "[yaml]") {
  // Found by fuzzing: each position was counted from the start of its line, so a 1 MiB file that
  // is one flow sequence took minutes (quadratic). Speed is for bench/, not for a timed test; a
  // return of the quadratic cost would show here as the test's CTest timeout.
  std::string line = "a: [Ё";
  for (int i = 0; i < 250000; ++i)
    line += ", x";
  line += ", ё]\n";
  Diagnostics d;
  auto tree = parse("p.yaml", line, d);
  REQUIRE(tree);
  CHECK(d.empty());
  const auto* items = tree->find("a");
  REQUIRE(items != nullptr);
  REQUIRE(items->items.size() == 250002);
  CHECK(items->items[0].pos.column == 5);
  CHECK(items->items[1].pos.column == 8);
  CHECK(items->items.back().pos.column == 5 + 3 * 250001);
  // Positions asked out of order on that line still count from its start.
  Diagnostics again;
  CHECK_FALSE(parse("p.yaml", "a: [Ё, x, &k y]\n", again));
  CHECK(only(again).where.column == 11);
}

TEST_CASE("an empty item of a block list is at its own dash", "[yaml]") {
  // yaml-cpp marks it where the next thing starts; a person looks for the `-` they wrote.
  auto item_at = [](const std::string& text, std::size_t index) {
    Diagnostics d;
    auto tree = parse("p.yaml", text, d);
    REQUIRE(tree);
    CHECK(d.empty());
    const auto* needs = tree->find("needs");
    REQUIRE(needs != nullptr);
    REQUIRE(needs->items.size() > index);
    return std::pair{needs->items[index].pos.line, needs->items[index].pos.column};
  };
  CHECK(item_at("needs:\n  -\n  - forms\n", 0) == std::pair{2, 3});
  CHECK(item_at("needs:\n  - forms\n  -\nbasis: x\n", 1) == std::pair{3, 3});
  CHECK(item_at("needs:\n  -   # пусто\n\n  # и здесь\n  - forms\n", 0) == std::pair{2, 3});
  CHECK(item_at("needs:\n- forms\n-\n", 1) == std::pair{3, 1});
  CHECK(item_at("needs:\n  - forms\n  -", 1) == std::pair{3, 3});
  // An item that is not empty keeps its own place.
  CHECK(item_at("needs:\n  -\n  - forms\n", 1) == std::pair{3, 5});
}

TEST_CASE("tags are refused where they stand; !!str is text", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string text;
    int line, column;
    std::string shown;
  };
  for (const Case& c : {Case{"value: !!binary aGVsbG8=\n", 1, 8, "!!binary"},
                        Case{"value: !!python/object/apply:os.system [ls]\n", 1, 8,
                             "!!python/object/apply:os.system"},
                        Case{"process: salary\nvalue: !foo text\n", 2, 8, "!foo"},
                        Case{"%TAG !e! tag:example.com,2000:\n---\nvalue: !e!thing x\n", 3, 8,
                             "tag:example.com,2000:thing"},
                        Case{"needs: !!seq [information]\n", 1, 8, "!!seq"},
                        Case{"point: !!map {name: x}\n", 1, 8, "!!map"}}) {
    INFO(c.text);
    Diagnostics d;
    parse("p.yaml", c.text, d);
    const auto& finding = only(d);
    CHECK(finding.rule == "yaml-syntax");
    CHECK(finding.where.line == c.line);
    CHECK(finding.where.column == c.column);
    CHECK_THAT(finding.message, Catch::Contains("the tag '" + c.shown + "' is not allowed"));
  }
  // `!!str` keeps its value as text, so `true` after it is no boolean.
  Diagnostics d;
  auto tree = parse("p.yaml", "value: !!str true\n", d);
  REQUIRE(tree);
  CHECK(d.empty());
  const auto* value = tree->find("value");
  REQUIRE(value != nullptr);
  CHECK(value->scalar == "true");
  CHECK(value->quoted);
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("a lone surrogate escape is named as such", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  Diagnostics d;
  parse("p.yaml", "value: \"a\\uD83D b\"\n", d);
  const auto& finding = only(d);
  CHECK(finding.rule == "yaml-syntax");
  CHECK_THAT(finding.message, Catch::Contains("'\\uD83D' is half of a UTF-16 surrogate pair"));
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("UTF-16 and UTF-32 files are named as such, never as Windows-1251", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  auto widen = [](const std::string& ascii, std::size_t unit, bool big_endian) {
    std::string out;
    for (char c : ascii) {
      std::string code(unit, '\0');
      code[big_endian ? unit - 1 : 0] = c;
      out += code;
    }
    return out;
  };
  const std::string text = "process: salary\npoint:\n  name: x\n";
  struct Case {
    std::string bytes;
    std::string encoding;
  };
  for (const Case& c :
       {Case{"\xFF\xFE" + widen(text, 2, false), "UTF-16LE"},
        Case{"\xFE\xFF" + widen(text, 2, true), "UTF-16BE"},
        Case{widen(text, 2, false), "UTF-16LE"}, Case{widen(text, 2, true), "UTF-16BE"},
        Case{std::string("\xFF\xFE\0\0", 4) + widen(text, 4, false), "UTF-32LE"},
        Case{std::string("\0\0\xFE\xFF", 4) + widen(text, 4, true), "UTF-32BE"},
        Case{widen(text, 4, false), "UTF-32LE"}, Case{widen(text, 4, true), "UTF-32BE"}}) {
    INFO(c.encoding);
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", c.bytes, d));
    const auto& finding = only(d);
    CHECK(finding.rule == "file-encoding");
    CHECK_THAT(finding.message,
               Catch::Contains("the file is in " + c.encoding) && !Catch::Contains("Windows-1251"));
  }
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("line ends of CR alone are named, not read as one long line", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "# a comment\rprocess: salary\rvalue: x\r", d));
  const auto& finding = only(d);
  CHECK(finding.rule == "file-encoding");
  CHECK_THAT(finding.message, Catch::Contains("end in CR alone"));
  // CRLF is fine.
  Diagnostics crlf;
  CHECK(parse("p.yaml", "# a comment\r\nprocess: salary\r\n", crlf));
  CHECK(crlf.empty());
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("control characters and U+FFFE/U+FFFF are refused with their place, shown visibly",
          "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string text;
    int line, column;
    std::string shown;
  };
  for (const Case& c : {Case{"process: salary\nvalue: a\x07"
                             "b\n",
                             2, 9, "<U+0007>"},
                        Case{"value: Esc\x1b[31m\n", 1, 11, "<U+001B>"},
                        Case{"value: del\x7f\n", 1, 11, "<U+007F>"},
                        Case{"value: c1 \xC2\x85 here\n", 1, 11, "<U+0085>"},
                        Case{"value: \xD0\xAF\xEF\xBF\xBE\n", 1, 9, "<U+FFFE>"},
                        Case{"value: x\xEF\xBF\xBF\n", 1, 9, "<U+FFFF>"},
                        Case{"value: \"a\\x07b\"\n", 1, 8, "<U+0007>"},
                        Case{"value: \"\\uFFFF\"\n", 1, 8, "<U+FFFF>"},
                        Case{"value: \"\\e[0m\"\n", 1, 8, "<U+001B>"}}) {
    INFO(c.text);
    Diagnostics d;
    parse("p.yaml", c.text, d);
    const auto& finding = only(d);
    CHECK(finding.rule == "file-encoding");
    CHECK(finding.where.line == c.line);
    CHECK(finding.where.column == c.column);
    CHECK_THAT(finding.message, Catch::Contains("the character " + c.shown));
    CHECK(finding.message.find('\x07') == std::string::npos);
    CHECK(finding.message.find('\x1b') == std::string::npos);
  }
  // Tabs, line ends and text in quotes with \t or \n stay fine.
  Diagnostics d;
  CHECK(parse("p.yaml", "value: \"a\\tb\\nc\"\r\nname: |\n  one\ttwo\n", d));
  CHECK(d.empty());
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("flow nesting past the limit is refused before yaml-cpp reads it", "[yaml]") {
  // 1 MiB of brackets: refused at the 65th, at once (yaml-cpp would build the whole nesting).
  Diagnostics d;
  CHECK_FALSE(parse("p.yaml", "value: " + std::string(1024 * 1024 - 20, '['), d));
  const auto& finding = only(d);
  CHECK(finding.rule == "file-limits");
  CHECK(finding.where.line == 1);
  CHECK(finding.where.column == 8 + 64);
  // Brackets in quotes, comments and plain text open nothing.
  Diagnostics fine;
  std::string many(200, '[');
  CHECK(parse("p.yaml",
              "name: \"" + many + "\"\nvalue: '" + many + "'\n# " + many + "\nurl: x" + many + "\n",
              fine));
  INFO((fine.empty() ? std::string() : fine.items().front().message));
  CHECK(fine.empty());
}

TEST_CASE("a bracket after a colon or dash with no blank is plain text, not a flow collection",
          "[yaml]") {
  // Found by fuzzing: a key ".f0:{{{:{{{…" of 45 braces was refused as nesting 64 levels deep.
  std::string many(200, '{');
  Diagnostics fine;
  CHECK(parse("p.yaml", "p2:\n  - .f0:" + many + ": x" + many + "\nurl: a-" + many + "\n", fine));
  INFO((fine.empty() ? std::string() : fine.items().front().message));
  CHECK(fine.empty());
  // What yaml-cpp would nest is still counted: after an anchor, after a quoted key in a flow
  // mapping, and every bracket inside a flow collection, quotes or not.
  for (const std::string& text :
       {"value: &a " + std::string(100, '['), "value: {\"k\":" + std::string(100, '{'),
        "value: [a'" + std::string(100, '['), "value: [&a" + std::string(100, '['),
        "- " + std::string(100, '['), std::string(100, '{')}) {
    Diagnostics d;
    INFO(text.substr(0, 20));
    CHECK_FALSE(parse("p.yaml", text + "\n", d));
    CHECK(only(d).rule == "file-limits");
  }
}

TEST_CASE("a tab in the indentation is named with its column, whatever yaml-cpp says", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string text;
    int line, column;
  };
  for (const Case& c : {Case{"process: salary\npoint:\n\tname: x\n", 3, 1},
                        Case{"process: salary\nneeds:\n\t- information\n", 3, 1},
                        Case{"process: salary\npoint:\n  name: x\n\tchannel: digital\n", 4, 1},
                        Case{"process: salary\npoint:\n  \tname: x\n", 3, 3}}) {
    INFO(c.text);
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", c.text, d));
    const auto& finding = only(d);
    CHECK(finding.rule == "yaml-syntax");
    CHECK(finding.where.line == c.line);
    CHECK(finding.where.column == c.column);
    CHECK_THAT(finding.message, Catch::Contains("a tab in the indentation (column " +
                                                std::to_string(c.column) + ")"));
  }
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("invalid YAML yaml-cpp lets through is refused at its place", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string text;
    int line, column;
    std::string words;
  };
  for (const Case& c :
       {Case{"value: |\n\t\nprocess: salary\n", 2, 1, "a tab on a blank line at the start"},
        Case{"address: >\n \n   \n  text\n", 3, 3, "has more spaces than the text's first line"},
        Case{"%YAML 1.2\n", 1, 1, "a % directive with no document after it"},
        Case{"process: salary\n...\n%YAML 1.2\n", 3, 1, "a % directive with no document"}}) {
    INFO(c.text);
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", c.text, d));
    const auto& finding = only(d);
    CHECK(finding.rule == "yaml-syntax");
    CHECK(finding.where.line == c.line);
    CHECK(finding.where.column == c.column);
    CHECK_THAT(finding.message, Catch::Contains(c.words));
  }
  // What YAML allows stays accepted: a tab past the indentation, a directive with its document,
  // a line of text that begins with %.
  for (std::string fine : {"value: |\n  text\n \t\n  more\n", "%YAML 1.2\n---\nprocess: salary\n",
                           "value: >\n  first\n  %second\n"}) {
    INFO(fine);
    Diagnostics d;
    CHECK(parse("p.yaml", fine, d));
    CHECK(d.empty());
  }
  perechen::set_language(perechen::Lang::ru);
}

TEST_CASE("an escaped surrogate pair is one character; positions after it stay", "[yaml]") {
  Diagnostics d;
  auto tree =
      parse("p.yaml", "value: \"smile \\uD83D\\uDE00!\"\nname: [\"\\uD83D\\uDE00\", x]\n", d);
  INFO((d.empty() ? std::string() : d.items().front().message));
  REQUIRE(tree);
  CHECK(d.empty());
  CHECK(tree->find("value")->scalar == "smile \xF0\x9F\x98\x80!");
  const auto* name = tree->find("name");
  REQUIRE(name != nullptr);
  REQUIRE(name->items.size() == 2);
  CHECK(name->items[0].scalar == "\xF0\x9F\x98\x80");
  CHECK(name->items[1].pos.line == 2);
  CHECK(name->items[1].pos.column == 24);  // where x is in the file as written
}

TEST_CASE("'illegal map value' is explained where the mistake is", "[yaml]") {
  perechen::set_language(perechen::Lang::en);
  struct Case {
    std::string text;
    int line, column;
    std::string words;
  };
  for (const Case& c :
       {Case{"process: salary\nname x\npoint:\n  name: y\n", 2, 1, "the line has no colon"},
        Case{"process: salary\nvalue: x\n  needs: y\n", 3, 3, "indented deeper than the key above"},
        Case{"process: salary\n" + std::string(5000, 'k') + ": x\n", 2, 1,
             "a key longer than 1024 characters"}}) {
    INFO(c.text.substr(0, 60));
    Diagnostics d;
    CHECK_FALSE(parse("p.yaml", c.text, d));
    const auto& finding = only(d);
    CHECK(finding.rule == "yaml-syntax");
    CHECK(finding.where.line == c.line);
    CHECK(finding.where.column == c.column);
    CHECK_THAT(finding.message, Catch::Contains(c.words));
  }
  perechen::set_language(perechen::Lang::ru);
}
