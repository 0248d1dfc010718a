// SPDX-License-Identifier: Apache-2.0
#pragma once

// What yaml-cpp 0.7 lets through, checked on the source text itself. yaml-cpp stays the parser; the
// reader calls these at the place of a quoted scalar or a flow collection that yaml-cpp reported,
// so each byte is scanned once. Private to src/yaml/.
//
// - A quoted text must be closed, and its continuation lines indented deeper than the block it is
//   in (otherwise it ran on into the next keys: an unclosed quote); `\'` and other unknown escapes
//   are refused in double quotes; a comment after a closing quote needs a space before `#`.
// - A flow collection (`[...]`, `{...}`) must not hold an empty entry (`[ , a ]`, `[a, , b]`) or a
//   lone `-`, its lines must be indented deeper than the block it is in, and a comment in it needs
//   a space before `#`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace perechen::yaml::detail {

struct LexicalError {
  std::size_t offset = 0;  // where to point: the opening quote, the comma, ...
  std::string message;     // translated (i18n.hpp)
};

struct Scan {
  std::size_t end = 0;  // the offset just after the scanned text
  std::optional<LexicalError> error;
};

// Scans the quoted scalar whose quote is at `start`; continuation lines need `min_indent` spaces.
Scan scan_quoted(std::string_view text, std::size_t start, int min_indent);

// Scans the flow collection whose bracket is at `start`, nested ones and quoted texts included.
Scan scan_flow(std::string_view text, std::size_t start, int min_indent);

}  // namespace perechen::yaml::detail
