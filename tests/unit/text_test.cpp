// SPDX-License-Identifier: Apache-2.0
// Text utilities behind the duplicate check of 2.7 and the suggestions for misspelt ids.

#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "perechen/text.hpp"

using namespace perechen;

TEST_CASE("normalize_name folds Cyrillic and Latin case", "[text]") {
  CHECK(text::normalize_name("ЛИЧНЫЙ Кабинет") == "личный кабинет");
  CHECK(text::normalize_name("Portal ЦБУ") == "portal цбу");
  CHECK(text::normalize_name("ЁЖИК") == "ежик");
}

TEST_CASE("normalize_name reads ё as е", "[text]") {
  CHECK(text::normalize_name("Учёт и отчётность") == text::normalize_name("Учет и отчетность"));
  CHECK(text::normalize_name("Ёлка") == "елка");
}

TEST_CASE("normalize_name drops quotes of every kind", "[text]") {
  const std::string plain = text::normalize_name("ОКУ Центр бухгалтерского учета");
  CHECK(text::normalize_name("ОКУ «Центр бухгалтерского учета»") == plain);
  CHECK(text::normalize_name("ОКУ \"Центр бухгалтерского учета\"") == plain);
  CHECK(text::normalize_name("ОКУ „Центр бухгалтерского учета“") == plain);
  CHECK(text::normalize_name("ОКУ “Центр бухгалтерского учета”") == plain);
  CHECK(text::normalize_name("ОКУ 'Центр бухгалтерского учета'") == plain);
}

TEST_CASE("normalize_name folds runs of spaces, tabs and no-break spaces", "[text]") {
  CHECK(text::normalize_name("  Окно\t приема \u00A0 документов  ") == "окно приема документов");
  CHECK(text::normalize_name("« Окно »") == "окно");
  CHECK(text::normalize_name("") == "");
  CHECK(text::normalize_name("   ") == "");
}

TEST_CASE("normalize_name keeps different names different", "[text]") {
  CHECK(text::normalize_name("Окно 1") != text::normalize_name("Окно 2"));
  CHECK(text::normalize_name("Окноприема") != text::normalize_name("Окно приема"));
  // A stray invalid byte stands for itself instead of vanishing.
  CHECK(text::normalize_name("a\xFF") != text::normalize_name("a"));
}

TEST_CASE("to_lower and length work in code points", "[text]") {
  CHECK(text::to_lower("СЭД Липецкой Области ABC") == "сэд липецкой области abc");
  CHECK(text::to_lower("Ё") == "ё");
  CHECK(text::length("") == 0);
  CHECK(text::length("abc") == 3);
  CHECK(text::length("ёлка") == 4);
  CHECK(text::length("№ 5") == 3);
}

TEST_CASE("edit_distance counts code points, not bytes", "[text]") {
  CHECK(text::edit_distance("salary", "salary") == 0);
  CHECK(text::edit_distance("salery", "salary") == 1);
  CHECK(text::edit_distance("chanel", "channel") == 1);
  CHECK(text::edit_distance("", "abc") == 3);
  CHECK(text::edit_distance("abc", "") == 3);
  CHECK(text::edit_distance("кот", "кит") == 1);
  CHECK(text::edit_distance("цифровая", "цифровой") == 2);
  CHECK(text::edit_distance("кабинет", "кобинет") == 1);
  CHECK(text::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("nearest suggests a likely typo and nothing else", "[text]") {
  const std::vector<std::string> processes = {"salary", "vacation", "certificates"};
  CHECK(text::nearest("salery", processes) == "salary");
  CHECK(text::nearest("vacaton", processes) == "vacation");
  CHECK(text::nearest("Salary", processes) == "salary");
  CHECK(text::nearest("certificate", processes) == "certificates");
  CHECK(text::nearest("pensions", processes).empty());
  CHECK(text::nearest("x", processes).empty());
  CHECK(text::nearest("salary", {}).empty());

  const std::vector<std::string> keys = {"process", "point", "clients",    "value",
                                         "needs",   "basis", "prepared_by"};
  CHECK(text::nearest("proces", keys) == "process");
  CHECK(text::nearest("need", keys) == "needs");
  CHECK(text::nearest("prepared", keys) == "prepared_by");
  CHECK(text::nearest("title", keys).empty());
}

TEST_CASE("nearest prefers the closest of several candidates", "[text]") {
  CHECK(text::nearest("feedbak", {"feedback_result", "feedback"}) == "feedback");
  CHECK(text::nearest("ab", {"ax", "ab"}) == "ab");
}

TEST_CASE("is_slug accepts registry ids only", "[text]") {
  CHECK(text::is_slug("salary"));
  CHECK(text::is_slug("civil-servants"));
  CHECK(text::is_slug("2026-plan"));
  CHECK(text::is_slug("a"));
  CHECK_FALSE(text::is_slug(""));
  CHECK_FALSE(text::is_slug("-salary"));
  CHECK_FALSE(text::is_slug("Salary"));
  CHECK_FALSE(text::is_slug("personal_account"));
  CHECK_FALSE(text::is_slug("зарплата"));
  CHECK_FALSE(text::is_slug("sal ary"));
  CHECK_FALSE(text::is_slug("salary."));
}

TEST_CASE("trim removes ASCII and Unicode spaces at both ends", "[text]") {
  CHECK(text::trim("  value \t\n") == "value");
  CHECK(text::trim("\u00A0\u00A0Личный кабинет\u00A0") == "Личный кабинет");
  CHECK(text::trim("\u2003em\u3000") == "em");
  CHECK(text::trim("") == "");
  CHECK(text::trim(" \u00A0 ") == "");
  CHECK(text::trim("a b") == "a b");
  CHECK(text::trim("ё") == "ё");
}

// Issue 21.10: names a reader cannot tell apart fold to one key.
TEST_CASE("fold_name: the look-alikes of the issue are one name", "[text][lookalike]") {
  const std::string name = text::fold_name("Справка о стаже");
  for (const char* other : {
           "Cправка о стаже",              // Latin C
           "Справка o стаже",              // Latin o
           "Справка о стажe",              // Latin e
           "Спр\u200Bавка о стаже",        // zero-width space
           "Спр\u200Cавка о\u200D стаже",  // ZWNJ, ZWJ
           "Справка\u2060 о стаже",        // word joiner
           "Спра\u00ADвка о стаже",        // soft hyphen
           "\uFEFFСправка о стаже",        // byte order mark
           "Справка \u200F\u202Eо стаже",  // RLM, RLO
           "СПРАВКА О СТАЖЕ",
       }) {
    INFO(other);
    CHECK(text::fold_name(other) == name);
  }
  CHECK(text::fold_name("Личны\u0438\u0306") == text::fold_name("Личный"));  // NFD й
  CHECK(text::fold_name("Ёлка") == text::fold_name("Е\u0308лка"));
  CHECK(text::fold_name("Справка 2-НДФЛ") == text::fold_name("Справка \uFF12-НДФЛ"));
  CHECK(text::fold_name("Office") == text::fold_name("Оffiсе"));
  CHECK(text::fold_name("Info") == text::fold_name("info"));
  CHECK(text::fold_name("Main") == text::fold_name("main"));
  CHECK(text::fold_name("Касса") == text::fold_name("Kacca"));
  // Different names stay different.
  CHECK(text::fold_name("Справка") != text::fold_name("Спрака"));
  CHECK(text::fold_name("Связь") != text::fold_name("Свявь"));
  CHECK(text::fold_name("Зал") != text::fold_name("Эал"));
  CHECK(text::fold_name("Line") != text::fold_name("Iine"));
}

TEST_CASE("fold_name: no two letters of Russian fold alike", "[text][lookalike]") {
  std::set<std::string> keys;
  for (char32_t c = U'а'; c <= U'я'; ++c) {
    std::string letter;
    text::append_utf8(letter, c);
    INFO(letter);
    CHECK(keys.insert(text::fold_name(letter)).second);
  }
}

// The property the fuzz harness (tests/fuzz/fuzz_fold.cpp) checks on any bytes, here on a
// seeded mix of the characters that matter: idempotent, and never throws.
TEST_CASE("fold_name is idempotent", "[text][lookalike]") {
  const std::vector<char32_t> pool = {
      U'а',   U'е',   U'и',   U'й',   U'ё',   U'Е',   U'И',    U'к',   U'К',   U'м',   U'з',
      U'З',   U'a',   U'e',   U'm',   U'M',   U'I',   U'l',    U'1',   U'0',   U'O',   U' ',
      U'«',   U'"',   0x00A0, 0x00AD, 0x0306, 0x0308, 0x0376,  0x03B1, 0x0391, 0x03BF, 0x200B,
      0x202E, 0x2116, 0xFEFF, 0xFF12, 0xFF2B, 0xFF4B, 0x1D400, 0x045D, 0x0419, 0x040D};
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFFu;
  };
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const std::size_t length = next() % 8;
    for (std::size_t i = 0; i < length; ++i)
      text::append_utf8(s, pool[next() % pool.size()]);
    if (next() % 10 == 0)
      s.push_back('\xD0');  // a stray invalid byte stands for itself
    const std::string once = text::fold_name(s);
    INFO(s);
    CHECK(text::fold_name(once) == once);
  }
  // Found by fuzz_fold: a stray lead byte, a quote (dropped) and a stray continuation byte must
  // not become a new character, Ѓ, when folded again.
  const std::string stray = text::fold_name("\xD0'\x83\xBE");
  CHECK(text::fold_name(stray) == stray);
  CHECK(stray != text::fold_name("\xD0\x83\xBE"));
}
