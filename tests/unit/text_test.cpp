// SPDX-License-Identifier: Apache-2.0
// Text utilities behind the duplicate check of 2.7 and the suggestions for misspelt ids.

#include <catch2/catch.hpp>

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
