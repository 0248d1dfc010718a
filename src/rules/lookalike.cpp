// SPDX-License-Identifier: Apache-2.0
// text-lookalike: text a reader cannot see as written (issue 21.10): an invisible character (a
// zero-width space or joiner, a direction mark or override, a soft hyphen, U+FEFF, …;
// text::is_invisible) in a point's name or in an id it names, and a word of the name that mixes
// Latin and Cyrillic letters (a Latin «C» in «Cправка») or holds a letter of another script drawn
// like one of theirs (a Greek «ο», a full-width «Ｐ»: Unicode's confusables,
// data/confusables.yaml). Either lets two names that look the same pass as different (rule 2.7
// folds them when it compares, see name_key), or an id that looks right fail to match. The finding
// names the character as <U+XXXX> (never raw: it would be invisible again) and its column.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "checks.hpp"
#include "perechen/text.hpp"
#include "support.hpp"

namespace perechen::rules {
namespace {

struct Char {
  char32_t code = 0;
  std::size_t offset = 0;  // of its first byte in the value
  std::size_t index = 0;   // in characters from the start of the value
};

// The characters of valid UTF-8 text (the reader refused anything else).
std::vector<Char> characters(std::string_view s) {
  std::vector<Char> out;
  for (std::size_t i = 0, index = 0; i < s.size(); ++index) {
    auto byte = static_cast<unsigned char>(s[i]);
    std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    char32_t code = length == 1 ? byte : byte & (0x7FU >> length);
    for (std::size_t k = 1; k < length && i + k < s.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    out.push_back(Char{code, i, index});
    i += length;
  }
  return out;
}

bool latin(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool cyrillic(char32_t c) {
  return c >= 0x0400 && c <= 0x04FF;
}
// What a character of another script looks like when that is one Latin or Cyrillic letter: Greek
// ο, full-width Ｐ (its ASCII letter, as NFKC reads it), mathematical 𝐀; 0 otherwise, and for a
// digit or sign of ASCII (0 and | look like letters too, yet belong in text).
char32_t foreign_look_alike(char32_t c) {
  if (c < 0x80 || cyrillic(c))
    return 0;
  if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
    return c - 0xFF21 + U'A';
  auto looks = text::look_alike(c);
  // One letter for one: № reads «no» and ℡ «tel», yet they are signs, not letters of a word.
  if (looks && looks->size() == 1 && (latin(looks->front()) || cyrillic(looks->front())))
    return looks->front();
  return 0;
}

std::string visible(char32_t c) {
  return fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(c));
}

class Checker {
 public:
  Checker(const Registry& registry, Diagnostics& out) : registry_(registry), out_(out) {}

  void point(const Point& p) {
    invisible_in(p.file, p.name, "name");
    mixed_in(p.file, p.name);
    invisible_in(p.file, p.process, "process");
    invisible_in(p.file, p.kind, "kind");
    for (const auto& client : p.clients)
      invisible_in(p.file, client, "clients");
    invisible_in(p.file, p.prepared_by, "prepared_by");
  }

 private:
  void invisible_in(const std::string& file, const LocatedText& value, std::string_view field) {
    if (!value.present)
      return;
    for (const Char& c : characters(value.value)) {
      if (!text::is_invisible(c.code))
        continue;
      yaml::Position pos = place(file, value, c);
      out_.add("text-lookalike", at(file, pos),
               tr("rules.invisible-char", fmt::arg("field", field),
                  fmt::arg("char", visible(c.code)), fmt::arg("column", pos.column)));
      return;  // one finding a value: the first is enough to find the rest
    }
  }

  // A word of Cyrillic letters with a Latin one among them, or the other way round (the letter of
  // the smaller script is named), or with a look-alike letter of another script among them.
  void mixed_in(const std::string& file, const LocatedText& value) {
    if (!value.present)
      return;
    std::vector<Char> chars = characters(value.value);
    auto text_of = [&](std::size_t from, std::size_t to) {
      std::size_t end = to < chars.size() ? chars[to].offset : value.value.size();
      return value.value.substr(chars[from].offset, end - chars[from].offset);
    };
    auto in_word = [](char32_t c) { return latin(c) || cyrillic(c) || foreign_look_alike(c) != 0; };
    for (std::size_t start = 0; start < chars.size();) {
      std::size_t end = start;
      int lat = 0, cyr = 0, other = 0;
      while (end < chars.size() && in_word(chars[end].code)) {
        lat += latin(chars[end].code) ? 1 : 0;
        cyr += cyrillic(chars[end].code) ? 1 : 0;
        other += foreign_look_alike(chars[end].code) != 0 ? 1 : 0;
        ++end;
      }
      if (lat + cyr > 0 && (other > 0 || (lat > 0 && cyr > 0))) {
        bool odd_latin = lat <= cyr;
        for (std::size_t i = start; i < end; ++i) {
          char32_t code = chars[i].code;
          bool odd =
              other > 0 ? foreign_look_alike(code) : (odd_latin ? latin(code) : cyrillic(code));
          if (!odd)
            continue;
          std::string word(text_of(start, end));
          std::string letter(text_of(i, i + 1));
          yaml::Position pos = place(file, value, chars[i]);
          if (other > 0) {
            std::string looks;
            text::append_utf8(looks, foreign_look_alike(code));
            out_.add("text-lookalike", at(file, pos),
                     tr("rules.mixed-script-other", fmt::arg("letter", letter),
                        fmt::arg("char", visible(code)), fmt::arg("looks", looks),
                        fmt::arg("word", word), fmt::arg("column", pos.column)));
          } else {
            out_.add("text-lookalike", at(file, pos),
                     tr(odd_latin ? "rules.mixed-script-latin" : "rules.mixed-script-cyrillic",
                        fmt::arg("letter", letter), fmt::arg("char", visible(code)),
                        fmt::arg("word", word), fmt::arg("column", pos.column)));
          }
          return;
        }
      }
      start = end == start ? start + 1 : end;
    }
  }

  // Where the character is in the file: found on the value's line from the value's column on
  // (a plain or quoted text on one line); the value's own place otherwise (an escape, a block
  // text).
  yaml::Position place(const std::string& file, const LocatedText& value, const Char& c) const {
    auto text = registry_.texts.find(file);
    if (text == registry_.texts.end() || value.pos.line < 1 || value.pos.column < 1)
      return value.pos;
    std::string_view all = text->second;
    std::size_t line_start = 0;
    for (int line = 1; line < value.pos.line; ++line) {
      line_start = all.find('\n', line_start);
      if (line_start == std::string_view::npos)
        return value.pos;
      ++line_start;
    }
    std::string_view line = all.substr(line_start, all.find('\n', line_start) - line_start);
    std::vector<Char> on_line = characters(line);
    auto from = static_cast<std::size_t>(value.pos.column - 1);
    for (std::size_t i = from; i < on_line.size(); ++i) {
      if (on_line[i].code == c.code && i - from >= c.index)
        return yaml::Position{value.pos.line, static_cast<int>(i + 1)};
    }
    return value.pos;
  }

  const Registry& registry_;
  Diagnostics& out_;
};

}  // namespace

void check_lookalikes(const Registry& registry, Diagnostics& out) {
  Checker checker(registry, out);
  for (const Point& point : registry.points)
    checker.point(point);
}

}  // namespace perechen::rules
