// SPDX-License-Identifier: Apache-2.0
#pragma once

// Text from registry files reaches terminals, XML and CI logs: bytes that are not UTF-8 and
// control characters (an ESC can repaint a terminal, XML 1.0 forbids most of them) are made
// harmless here, once. Private to src/report/.

#include <string>
#include <string_view>

namespace perechen::report::detail {

// U+FFFD, what a broken or hidden character is shown as.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// `text` as valid UTF-8 whose characters all print: each invalid byte becomes U+FFFD; control
// characters other than tab and line feed (C0, DEL, C1) and the non-characters U+FFFE and U+FFFF
// become `control`.
std::string clean_text(std::string_view text, std::string_view control = kReplacement);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_utf8(std::string_view text);

}  // namespace perechen::report::detail
