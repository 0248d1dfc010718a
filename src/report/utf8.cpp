// SPDX-License-Identifier: Apache-2.0
#include "utf8.hpp"

#include <cstddef>
#include <cstdint>

namespace perechen::report::detail {

namespace {

// Decodes the code point at `pos`; returns its length in bytes, or 0 when the bytes there are
// not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
std::size_t decode(std::string_view text, std::size_t pos, char32_t& code_point) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[pos + i]); };
  auto lead = byte(0);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1Fu;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0Fu;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return 0;
    }
    value = (value << 6) | (byte(i) & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  code_point = value;
  return length;
}

bool is_control(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
         c == 0xFFFF;
}

}  // namespace

std::string clean_text(std::string_view text, std::string_view control) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    auto length = decode(text, pos, c);
    if (length == 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    if (is_control(c)) {
      out += control;
    } else {
      out.append(text, pos, length);
    }
    pos += length;
  }
  return out;
}

bool is_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    auto length = decode(text, pos, c);
    if (length == 0) {
      return false;
    }
    pos += length;
  }
  return true;
}

}  // namespace perechen::report::detail
