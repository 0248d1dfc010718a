// SPDX-License-Identifier: Apache-2.0
// The data perechen ships agrees with the regulation and the spec: the nine needs of 2.6, the
// built-in kinds of spec §2.3, the rules of spec §3, a message in both languages for every key,
// and the vocabularies of import (data/import.yaml).

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "../../src/import/vocabulary.hpp"
#include "perechen/catalog.hpp"
#include "perechen/diagnostic.hpp"
#include "perechen/embedded.hpp"
#include "perechen/i18n.hpp"
#include "perechen/text.hpp"

TEST_CASE("the nine needs are those of clause 2.6, in its order", "[data]") {
  // Written out from regulation.md: number, code, wording of 2.6.
  const std::vector<std::tuple<int, std::string, std::string>> expected{
      {1, "information", "получение информации"},
      {2, "consultation", "получение консультации"},
      {3, "forms", "получение форм документов"},
      {4, "submission", "представление заявления, обращения, запроса, документов"},
      {5, "progress",
       "получение информации о ходе рассмотрения заявления, обращения, запроса, документов"},
      {6, "result", "получение результата, ответа, разъяснения"},
      {7, "feedback", "предоставление обратной связи"},
      {8, "feedback_result", "получение результата рассмотрения обратной связи"},
      {9, "other", "другие потребности клиента"},
  };
  const auto& needs = perechen::needs();
  REQUIRE(needs.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(needs[i].number == std::get<0>(expected[i]));
    CHECK(needs[i].code == std::get<1>(expected[i]));
    CHECK(needs[i].title_ru == std::get<2>(expected[i]));
    CHECK_FALSE(needs[i].title_en.empty());
    CHECK(needs[i].needs_description == (needs[i].code == "other"));
  }
}

TEST_CASE("built-in kinds cover spec §2.3 with their channels", "[data]") {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"portal", "digital"},       {"personal_account", "digital"},
      {"mobile_app", "digital"},   {"social_network", "digital"},
      {"messenger", "digital"},    {"chatbot", "digital"},
      {"email", "digital"},        {"phone", "digital"},
      {"edms", "digital"},         {"api", "digital"},
      {"reception", "offline"},    {"document_window", "offline"},
      {"feedback_box", "offline"},
  };
  for (const auto& [id, channel] : expected) {
    const auto* kind = perechen::find_builtin_kind(id);
    INFO(id);
    REQUIRE(kind != nullptr);
    CHECK(kind->channel == channel);
    CHECK_FALSE(kind->title_ru.empty());
    CHECK_FALSE(kind->title_en.empty());
  }
  for (const auto& kind : perechen::builtin_kinds()) {
    CHECK((kind.channel == "digital" || kind.channel == "offline"));
  }
}

TEST_CASE("every rule of spec §3 is known with its clause and severity", "[data]") {
  // rule, clause, severity — from the table of spec §3.
  const std::vector<std::tuple<std::string, std::string, perechen::Severity>> spec{
      {"yaml-syntax", "", perechen::Severity::error},
      {"yaml-duplicate-key", "", perechen::Severity::error},
      {"yaml-alias", "", perechen::Severity::error},
      {"yaml-multi-document", "", perechen::Severity::error},
      {"file-encoding", "", perechen::Severity::error},
      {"file-limits", "", perechen::Severity::error},
      {"unknown-field", "", perechen::Severity::error},
      {"missing-field", "2.2", perechen::Severity::error},
      {"empty-value", "2.2", perechen::Severity::error},
      {"unknown-process", "2.2", perechen::Severity::error},
      {"unknown-client", "2.2", perechen::Severity::error},
      {"channel-invalid", "1.3", perechen::Severity::error},
      {"kind-unknown", "1.3", perechen::Severity::error},
      {"kind-channel-mismatch", "1.3", perechen::Severity::error},
      {"needs-missing", "2.6", perechen::Severity::error},
      {"need-unknown", "2.6", perechen::Severity::error},
      {"need-duplicate", "2.6", perechen::Severity::error},
      {"need-other-undescribed", "2.6", perechen::Severity::error},
      {"point-duplicate", "2.7", perechen::Severity::error},
      {"basis-missing", "2.4", perechen::Severity::warning},
      {"basis-invalid", "2.4", perechen::Severity::error},
      {"contact-missing", "1.3", perechen::Severity::warning},
      {"url-invalid", "1.3", perechen::Severity::error},
      {"registry-config", "", perechen::Severity::error},
  };
  for (const auto& [id, clause, severity] : spec) {
    INFO(id);
    const auto& rule = perechen::rule_info(id);
    CHECK(rule.clause == clause);
    CHECK(rule.severity == severity);
    CHECK_FALSE(rule.title_ru.empty());
    CHECK_FALSE(rule.title_en.empty());
    CHECK_FALSE(rule.help_ru.empty());
    CHECK_FALSE(rule.help_en.empty());
  }
  std::set<std::string> ids;
  for (const auto& rule : perechen::all_rules())
    CHECK(ids.insert(rule.id).second);
  CHECK_THROWS_AS(perechen::rule_info("no-such-rule"), std::logic_error);
}

TEST_CASE("every message has a Russian and an English text that format", "[data]") {
  std::size_t keys = 0;
  for (auto name : perechen::embedded_files()) {
    if (name.rfind("data/messages/", 0) != 0)
      continue;
    YAML::Node doc = YAML::Load(std::string(*perechen::embedded_file(name)));
    REQUIRE(doc.IsMap());
    for (const auto& entry : doc) {
      auto key = entry.first.as<std::string>();
      INFO(std::string(name) + ": " + key);
      REQUIRE(entry.second.IsMap());
      auto ru = entry.second["ru"].as<std::string>("");
      auto en = entry.second["en"].as<std::string>("");
      CHECK_FALSE(ru.empty());
      CHECK_FALSE(en.empty());
      ++keys;
    }
  }
  CHECK(keys > 20);
  perechen::set_language(perechen::Lang::en);
  CHECK(perechen::tr("yaml.duplicate-key", fmt::arg("key", "id"), fmt::arg("line", 3)) ==
        "key 'id' already appears in this mapping (line 3)");
  perechen::set_language(perechen::Lang::ru);
  CHECK(perechen::tr("yaml.duplicate-key", fmt::arg("key", "id"), fmt::arg("line", 3)) ==
        "ключ «id» уже встречался в этом наборе полей (строка 3)");
}

TEST_CASE("data/import.yaml reads whole: every column, channel, kind and client it names is known",
          "[data]") {
  // read_vocabulary checks each name as it reads; an unknown one throws, never indexes past a
  // table.
  const perechen::importing::Vocabulary& v = perechen::importing::vocabulary();
  std::set<std::size_t> columns;
  for (const auto& [column, anywhere, words] : v.columns) {
    CHECK(column < perechen::importing::kColumns);
    CHECK_FALSE(words.empty());
    columns.insert(column);
  }
  CHECK(columns.size() == perechen::importing::kColumns);  // every column has its words
  std::set<std::string> kinds;
  for (const auto& k : perechen::builtin_kinds())
    kinds.insert(k.id);
  for (const auto& [word, kind] : v.kinds)
    CHECK(kinds.count(kind) == 1);
  for (const auto& [word, channel] : v.channels)
    CHECK((channel == "digital" || channel == "offline"));
  CHECK_FALSE(v.all_clients.empty());
  CHECK_FALSE(v.marks_yes.empty());
}

// data/confusables.yaml (scripts/gen-confusables.py, from Debian's icu): it parses, says where it
// comes from, is what the program has embedded, and folds the look-alikes of issue 21.10.
TEST_CASE("data/confusables.yaml reads whole and covers the look-alikes of names", "[data]") {
  const std::string path = std::string(PERECHEN_SOURCE_DIR) + "/data/confusables.yaml";
  const YAML::Node doc = YAML::LoadFile(path);
  CHECK(doc["unicode"].as<std::string>() == perechen::text::confusables_unicode_version());
  CHECK(doc["source"].as<std::string>().starts_with("icu "));
  CHECK(perechen::text::confusables_unicode_version() == "15.0.0");
  std::set<std::string> sources;
  for (const auto& entry : doc["fold"]) {
    const auto list = entry.second.as<std::string>();
    std::size_t at = 0;
    while (at < list.size()) {
      std::size_t end = list.find(' ', at);
      std::string code = list.substr(at, end == std::string::npos ? std::string::npos : end - at);
      INFO(entry.first.as<std::string>() << ": " << code);
      CHECK(code.size() >= 4);
      CHECK(code.find_first_not_of("0123456789ABCDEF") == std::string::npos);
      CHECK(sources.insert(code).second);  // a character folds one way
      at = end == std::string::npos ? list.size() : end + 1;
    }
  }
  CHECK(sources.size() > 1000);
  // The header names the licence; its text ships beside it.
  std::ifstream in(path);
  std::string head((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(head.find("data/LICENSE.unicode") != std::string::npos);
  std::ifstream licence(std::string(PERECHEN_SOURCE_DIR) + "/data/LICENSE.unicode");
  std::string text((std::istreambuf_iterator<char>(licence)), std::istreambuf_iterator<char>());
  CHECK(text.find("UNICODE, INC. LICENSE AGREEMENT") != std::string::npos);

  using perechen::text::look_alike;
  auto looks = [](char32_t c) {
    auto l = look_alike(c);
    return l ? std::u32string(*l) : std::u32string(1, c);
  };
  CHECK(looks(U'е') == U"e");     // Cyrillic е, the issue's «e»
  CHECK(looks(U'с') == U"c");     // Cyrillic с, the issue's «C» once lowered
  CHECK(looks(U'к') == U"k");     // lower case closed over К → K
  CHECK(looks(0x03BF) == U"o");   // Greek omicron
  CHECK(looks(0xFF45) == U"e");   // full-width e
  CHECK(looks(0x1D41A) == U"a");  // mathematical bold a
  CHECK(looks(U'0') == U"o");
  CHECK(looks(U'e') == U"e");  // a prototype looks like itself
  CHECK(looks(U'ж') == U"ж");
}
