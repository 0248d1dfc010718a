// SPDX-License-Identifier: Apache-2.0
#include "lexical.hpp"

#include <fmt/format.h>

#include <cctype>

#include "perechen/i18n.hpp"

namespace perechen::yaml::detail {
namespace {

bool is_blank_char(char c) {
  return c == ' ' || c == '\t';
}
bool is_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// The start of the line at `i`: its leading spaces (tabs do not indent in YAML), the first other
// byte, and whether the line holds nothing but blanks.
struct LineStart {
  int spaces = 0;
  std::size_t first = 0;
  bool blank = true;
};

LineStart line_start(std::string_view text, std::size_t i) {
  LineStart line;
  while (i < text.size() && text[i] == ' ') {
    ++line.spaces;
    ++i;
  }
  while (i < text.size() && is_blank_char(text[i]))
    ++i;
  line.first = i;
  line.blank = i >= text.size() || is_break(text[i]);
  return line;
}

bool is_document_marker(std::string_view text, std::size_t i) {
  auto marker = text.substr(i, 3);
  if (marker != "---" && marker != "...")
    return false;
  return i + 3 >= text.size() || is_blank_char(text[i + 3]) || is_break(text[i + 3]);
}

Scan fail(std::size_t offset, std::string message) {
  return Scan{offset, LexicalError{offset, std::move(message)}};
}

// After a closing quote or bracket: a `#` right there is neither a comment nor text.
Scan closed_at(std::string_view text, std::size_t end) {
  if (end < text.size() && text[end] == '#')
    return fail(end, tr("yaml.comment-no-space"));
  return Scan{end, std::nullopt};
}

// The digits that follow \x, \u and \U.
std::size_t hex_digits(char escape) {
  switch (escape) {
    case 'x':
      return 2;
    case 'u':
      return 4;
    case 'U':
      return 8;
    default:
      return 0;
  }
}

bool is_escape(char c) {
  constexpr std::string_view kEscapes = "0abt\tnvfre \"/\\N_LPxuU\n\r";
  return kEscapes.find(c) != std::string_view::npos;
}

}  // namespace

Scan scan_quoted(std::string_view text, std::size_t start, int min_indent) {
  const char quote = text[start];
  const std::string quote_text(1, quote);
  std::size_t i = start + 1;
  while (i < text.size()) {
    char c = text[i];
    if (quote == '\'' && c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return closed_at(text, i + 1);
    }
    if (quote == '"' && c == '"')
      return closed_at(text, i + 1);
    if (quote == '"' && c == '\\' && i + 1 < text.size()) {
      char escape = text[i + 1];
      if (!is_escape(escape)) {
        return fail(i, tr("yaml.bad-escape", fmt::arg("escape", std::string(1, escape))));
      }
      if (is_break(escape)) {
        ++i;  // an escaped line break: the next line is checked as any other
        continue;
      }
      std::size_t digits = hex_digits(escape);
      for (std::size_t k = 0; k < digits; ++k) {
        if (i + 2 + k >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 2 + k])))
          return fail(i, tr("yaml.bad-escape", fmt::arg("escape", std::string(1, escape))));
      }
      i += 2 + digits;
      continue;
    }
    ++i;
    if (c != '\n')
      continue;
    // A line of the text: it must be indented deeper than the block the text is in, or the text
    // has run on into the next keys, which is what an unclosed quote looks like.
    LineStart line = line_start(text, i);
    if (line.blank)
      continue;
    if (line.spaces < min_indent || (line.spaces == 0 && is_document_marker(text, i)))
      return fail(start, tr("yaml.quote-runs-on", fmt::arg("quote", quote_text)));
  }
  return fail(start, tr("yaml.unclosed-quote", fmt::arg("quote", quote_text)));
}

Scan scan_flow(std::string_view text, std::size_t start, int min_indent) {
  int depth = 0;
  bool expect_entry = true;  // right after an opening bracket or a comma
  std::size_t i = start;
  while (i < text.size()) {
    char c = text[i];
    switch (c) {
      case '[':
      case '{':
        ++depth;
        expect_entry = true;
        ++i;
        continue;
      case ']':
      case '}':
        --depth;
        expect_entry = false;
        ++i;
        if (depth == 0)
          return closed_at(text, i);
        continue;
      case ',':
        if (expect_entry)
          return fail(i, tr("yaml.flow-empty-entry"));
        expect_entry = true;
        ++i;
        continue;
      case '"':
      case '\'': {
        Scan quoted = scan_quoted(text, i, min_indent);
        if (quoted.error)
          return quoted;
        i = quoted.end;
        expect_entry = false;
        continue;
      }
      case '#':
        if (i > 0 && !is_blank_char(text[i - 1]) && !is_break(text[i - 1]))
          return fail(i, tr("yaml.comment-no-space"));
        while (i < text.size() && text[i] != '\n')
          ++i;
        continue;
      case '\n': {
        ++i;
        LineStart line = line_start(text, i);
        if (!line.blank && text[line.first] != '#' && line.spaces < min_indent)
          return fail(line.first, tr("yaml.flow-indent"));
        continue;
      }
      case ' ':
      case '\t':
      case '\r':
        ++i;
        continue;
      case ':':
        expect_entry = false;
        ++i;
        continue;
      default:
        break;
    }
    if (c == '-' && expect_entry &&
        (i + 1 >= text.size() || is_blank_char(text[i + 1]) || is_break(text[i + 1]) ||
         is_flow_indicator(text[i + 1]))) {
      return fail(i, tr("yaml.flow-dash"));
    }
    // A plain text: up to a flow indicator, a line break, `: ` or ` #`.
    expect_entry = false;
    while (i < text.size()) {
      char p = text[i];
      if (is_flow_indicator(p) || is_break(p))
        break;
      if (p == ':' && (i + 1 >= text.size() || is_blank_char(text[i + 1]) ||
                       is_break(text[i + 1]) || is_flow_indicator(text[i + 1])))
        break;
      if (p == '#' && is_blank_char(text[i - 1]))
        break;
      ++i;
    }
  }
  return Scan{i, std::nullopt};  // unclosed: yaml-cpp says so itself
}

}  // namespace perechen::yaml::detail
