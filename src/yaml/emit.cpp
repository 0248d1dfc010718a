// SPDX-License-Identifier: Apache-2.0
#include "perechen/yaml/emit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "perechen/text.hpp"

namespace perechen::yaml {
namespace {

constexpr char32_t kReplacement = U'\uFFFD';

// The next code point of `s` from `i` (advanced past it); U+FFFD for a byte that does not start a
// well-formed UTF-8 sequence (overlong forms, surrogates and values past U+10FFFF included), which
// is then skipped alone.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  std::uint8_t lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = (lead >> 5) == 0x6    ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return kReplacement;
  }
  auto cp = static_cast<char32_t>(lead & (0x7F >> length));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | static_cast<char32_t>(byte(i + k) & 0x3F);
  }
  constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += length;
  return cp;
}

// Line breaks to YAML 1.2 (\n, \r) or to YAML 1.1 (also NEL, LS, PS).
bool is_break(char32_t cp) {
  return cp == U'\n' || cp == U'\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

// What may not stand as itself in a file: C0 controls but tab, DEL, C1 controls, a byte order mark
// inside the text, and the two non-characters YAML excludes.
bool is_control(char32_t cp) {
  return (cp < 0x20 && cp != U'\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF || cp == 0xFFFE ||
         cp == 0xFFFF;
}

// `text` with every byte that is not UTF-8 as U+FFFD.
std::string well_formed(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();)
    perechen::text::append_utf8(out, next_code_point(text, i));
  return out;
}

bool has_unsafe_code_point(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (cp == U'\t' || is_break(cp) || is_control(cp))
      return true;
  }
  return false;
}

// True when `s` (well-formed UTF-8) reads back as itself written plain, in a block (`flow`: also
// inside [ ]).
bool plain_is_safe(std::string_view s, bool flow) {
  if (s.empty() || s != text::trim(s))
    return false;
  constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos)
    return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
      s.back() == ':') {
    return false;
  }
  // Inside [ ] readers differ on indicators that YAML 1.2 allows inside a plain scalar (yaml-cpp
  // reads "a:?" or "a?b" as a key): an item is plain only when it holds none of them at all.
  if (flow && (s.find_first_of(",[]{}:#?&*!|>'\"%@`") != std::string_view::npos ||
               s.find("- ") != std::string_view::npos)) {
    return false;
  }
  if (has_unsafe_code_point(s))
    return false;
  if (plain_type(s) != PlainType::text)
    return false;
  // YAML 1.1 (PyYAML, older editors) has more booleans and nulls, the value key and the merge key.
  std::string lower = text::to_lower(s);
  for (std::string_view word :
       {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "=", "<<"}) {
    if (lower == word)
      return false;
  }
  // And more numbers and dates: 1_000, 0b101, 1:30:00, 2026-03-05. Whatever might read as one
  // keeps its quotes.
  constexpr std::string_view kNumeric = "0123456789+-._eExXoOabcdfABCDF:";
  bool numeric = s.find_first_not_of(kNumeric) == std::string_view::npos &&
                 std::string_view("0123456789+-.").find(s.front()) != std::string_view::npos;
  return !numeric;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    switch (cp) {
      case U'"':
        out += "\\\"";
        break;
      case U'\\':
        out += "\\\\";
        break;
      case U'\n':
        out += "\\n";
        break;
      case U'\t':
        out += "\\t";
        break;
      case U'\r':
        out += "\\r";
        break;
      default:
        if (cp <= 0xFF && is_control(cp)) {
          out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
        } else if (is_break(cp) || is_control(cp)) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
        } else {
          text::append_utf8(out, cp);
        }
    }
  }
  out += '"';
  return out;
}

std::string scalar_in(std::string_view text, bool flow) {
  std::string clean = well_formed(text);
  return plain_is_safe(clean, flow) ? clean : quoted(clean);
}

}  // namespace

PlainType plain_type(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return PlainType::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return PlainType::boolean;
  auto digits = [](std::string_view t, auto is_digit) {
    return !t.empty() && std::all_of(t.begin(), t.end(), is_digit);
  };
  auto dec = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' &&
      digits(s.substr(2), [](char c) { return c >= '0' && c <= '7'; }))
    return PlainType::number;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && digits(s.substr(2), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      }))
    return PlainType::number;
  std::string_view t = s;
  if (t[0] == '+' || t[0] == '-')
    t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF" || s == ".nan" || s == ".NaN" || s == ".NAN")
    return PlainType::number;
  // [0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)? or \.[0-9]+([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  std::size_t int_digits = 0;
  while (i < t.size() && dec(t[i]))
    ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && dec(t[i]))
      ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0)
    return PlainType::text;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
      ++i;
    if (!digits(t.substr(i), dec))
      return PlainType::text;
    i = t.size();
  }
  return i == t.size() ? PlainType::number : PlainType::text;
}

std::string scalar(std::string_view text) {
  return scalar_in(text, false);
}

Writer& Writer::field(std::string_view key, std::string_view value, std::size_t indent) {
  out_.append(indent, ' ');
  out_ += scalar(key) + ": " + scalar(value) + "\n";
  return *this;
}

Writer& Writer::number(std::string_view key, long long value, std::size_t indent) {
  out_.append(indent, ' ');
  out_ += scalar(key) + ": " + std::to_string(value) + "\n";
  return *this;
}

Writer& Writer::open(std::string_view key, std::size_t indent) {
  out_.append(indent, ' ');
  out_ += scalar(key) + ":\n";
  return *this;
}

Writer& Writer::flow_list(std::string_view key, const std::vector<std::string>& items,
                          std::size_t indent) {
  out_.append(indent, ' ');
  out_ += scalar(key) + ": [";
  for (std::size_t i = 0; i < items.size(); ++i)
    out_ += (i == 0 ? "" : ", ") + scalar_in(items[i], true);
  out_ += "]\n";
  return *this;
}

Writer& Writer::item(std::string_view value, std::size_t indent) {
  out_.append(indent, ' ');
  out_ += "- " + scalar(value) + "\n";
  return *this;
}

Writer& Writer::item_field(std::string_view key, std::string_view value, std::size_t indent) {
  out_.append(indent, ' ');
  out_ += "- " + scalar(key) + ": " + scalar(value) + "\n";
  return *this;
}

Writer& Writer::comment(std::string_view text, std::size_t indent) {
  std::string line;
  auto flush = [&] {
    out_.append(indent, ' ');
    out_ += line.empty() ? "#\n" : "# " + line + "\n";
    line.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp == U'\r' && i < text.size() && text[i] == '\n')
      continue;  // \r\n is one break: the \n ends the line
    if (is_break(cp)) {
      flush();
    } else {
      text::append_utf8(line, is_control(cp) ? kReplacement : cp);
    }
  }
  flush();
  return *this;
}

Writer& Writer::blank() {
  out_ += "\n";
  return *this;
}

}  // namespace perechen::yaml
