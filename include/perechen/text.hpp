// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::text {

// The key for the duplicate check of 2.7: lower case, spaces folded, quotes «» "" „“ ' dropped,
// ё read as е. Works on UTF-8 (Cyrillic and Latin).
std::string normalize_name(std::string_view name);

// UTF-8 aware lower case of Latin and Cyrillic letters.
std::string to_lower(std::string_view s);

// Number of code points in valid UTF-8.
std::size_t length(std::string_view s);

// Edit distance between two strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Words longer than this (in code points) get no suggestion, and are none.
inline constexpr std::size_t kMaxSuggestionLength = 64;

// The candidate nearest to `word` when it is near enough to be a likely typo; empty otherwise.
// Only candidates of a similar length are compared, each with an early-exit bound.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// True for an id of the registry: [a-z0-9][a-z0-9-]*
bool is_slug(std::string_view id);

// Trimmed of ASCII and Unicode spaces (U+00A0 too).
std::string_view trim(std::string_view s);

// Appends the UTF-8 bytes of code point `cp`.
void append_utf8(std::string& out, char32_t cp);

}  // namespace perechen::text
