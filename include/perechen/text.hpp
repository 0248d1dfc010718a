// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
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

// Characters that show nothing (or only turn the direction of what follows): zero-width space,
// non-joiner and joiner, direction marks, embeddings, overrides and isolates, word joiner and
// invisible operators, the byte order mark, the soft hyphen, the Mongolian vowel separator.
bool is_invisible(char32_t c);

// What a character of a name looks like once lowered by to_lower (data/confusables.yaml, from
// Unicode's confusables.txt, read once): a Cyrillic е is «e», a Greek ο «o», a Latin m «rn», к
// «k», characters of Basic Latin or Cyrillic, lowered; nothing when `c` looks like itself alone.
std::optional<std::u32string_view> look_alike(char32_t c);

// Unicode version and Debian source package of data/confusables.yaml ("15.0.0", "icu 72.1-3…").
std::string_view confusables_unicode_version();
std::string_view confusables_source();

// The key under which two names are the same name for a reader (rule 2.7): invisible characters
// dropped, и and е with a combining breve or diaeresis composed (NFD й, ё), full-width ASCII read
// as ASCII, then normalize_name (case, spaces, quotes, ё/е), then every character as it looks
// (look_alike). Idempotent: fold_name(fold_name(s)) == fold_name(s). The key is UTF-8: an invalid
// byte B (never in a registry file, which the reader checks) stands as U+10FF00 + B.
std::string fold_name(std::string_view name);

}  // namespace perechen::text
