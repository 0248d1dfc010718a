// SPDX-License-Identifier: Apache-2.0
// Shortening a changed field's old and new text for the `approve` prompt: short texts stay whole,
// long ones keep what differs with a little around it, and old and new never come out the same.

#include <catch2/catch.hpp>

#include <string>

#include "perechen/export/diff.hpp"

using perechen::exporting::shorten_pair;

namespace {

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("short texts are shown whole", "[diff]") {
  auto [before, after] = shorten_pair("Сдать заявление лично", "Сдать заявление по почте", 60);
  CHECK(before == "Сдать заявление лично");
  CHECK(after == "Сдать заявление по почте");
}

TEST_CASE("a long text keeps what changed and never looks the same as the other", "[diff]") {
  const std::string start(100, 'a');
  const std::string words =
      "Видеть начисления и удержания за каждый месяц года, с расшифровкой по видам выплат, ";
  struct Case {
    std::string before, after;
  };
  const Case cases[] = {
      {words + "без визита в бухгалтерию", words + "не выходя из дома"},  // the end
      {"Видеть " + words, "Знать " + words},                              // the start
      {words + "и так далее " + words, words + "и прочее " + words},      // the middle
      {start + "XY" + start, start + start},                              // a cut
      {start + "XYXYXY" + start, start + "XYXY" + start},                 // a repeat
      {words + words + words, words + words},                             // a long cut
      {words + "…" + words, words + words + "…"},                         // «…» itself
      {std::string(200, 'b'), std::string(199, 'b') + "c"},               // the last one
      {words + std::string(300, 'x'), words + std::string(300, 'y')},     // all differs
  };
  for (const auto& c : cases) {
    INFO(c.before << "\n" << c.after);
    auto [before, after] = shorten_pair(c.before, c.after, 60);
    INFO(before << "\n" << after);
    CHECK(before != after);
    CHECK(chars(before) <= 62);
    CHECK(chars(after) <= 62);
  }
}

TEST_CASE("shortening never cuts a character in two", "[diff]") {
  const std::string words(80, 'x');
  auto [before, after] = shorten_pair(words + "ёжик в тумане", words + "ёжик на поляне", 20);
  for (const auto& text : {before, after}) {
    INFO(text);
    for (std::size_t i = 0; i < text.size();) {
      auto c = static_cast<unsigned char>(text[i]);
      std::size_t size = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      REQUIRE(i + size <= text.size());
      for (std::size_t k = 1; k < size; ++k)
        CHECK((static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80);
      i += size;
    }
  }
  CHECK(before.find("тумане") != std::string::npos);
  CHECK(after.find("поляне") != std::string::npos);
}
