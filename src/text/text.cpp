// SPDX-License-Identifier: Apache-2.0
#include "perechen/text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "perechen/embedded.hpp"

// Small UTF-8 helpers for what perechen compares: names of points, ids and keys. Registry files
// are checked to be UTF-8 before anything here sees them; still, a stray invalid byte is passed
// through as it is rather than dropped, so that no two different texts become equal by accident.

namespace perechen::text {

namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at `i` and advances `i`; an invalid byte gives kInvalid and advances by 1.
char32_t next(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
  } else {
    ++i;
    return kInvalid;
  }
  if (i + len > s.size()) {
    ++i;
    return kInvalid;
  }
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += len;
  return cp;
}

// Appends the code point that started at `start` and ended before `end`: for an invalid byte,
// the byte itself.
void append_raw_or(std::string& out, std::string_view s, std::size_t start, std::size_t end,
                   char32_t cp) {
  if (cp == kInvalid) {
    out.append(s.substr(start, end - start));
  } else {
    append_utf8(out, cp);
  }
}

char32_t lower(char32_t cp) {
  if (cp >= U'A' && cp <= U'Z')
    return cp + 0x20;
  if (cp >= 0x0410 && cp <= 0x042F)
    return cp + 0x20;  // А..Я
  if (cp >= 0x0400 && cp <= 0x040F)
    return cp + 0x50;  // Ѐ..Џ, Ё among them
  if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7)
    return cp + 0x20;  // Latin-1 letters
  return cp;
}

bool is_space(char32_t cp) {
  switch (cp) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case 0x0085:  // next line
    case 0x00A0:  // no-break space, common in text pasted from office documents
    case 0x1680:
    case 0x200B:  // zero-width space
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// Quotation marks that do not change what a name means: «Центр» and "Центр" are one name.
bool is_quote(char32_t cp) {
  switch (cp) {
    case U'"':
    case U'\'':
    case U'`':
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2039:  // ‹
    case 0x203A:  // ›
      return true;
    default:
      return false;
  }
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> result;
  result.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = next(s, i);
    // An invalid byte stands for itself, distinct from every code point.
    result.push_back(cp == kInvalid ? 0x80000000u | static_cast<unsigned char>(s[start]) : cp);
  }
  return result;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = next(s, i);
    append_raw_or(out, s, start, i, cp == kInvalid ? cp : lower(cp));
  }
  return out;
}

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t start = i;
    char32_t cp = next(name, i);
    if (cp != kInvalid) {
      if (is_space(cp)) {
        pending_space = !out.empty();
        continue;
      }
      if (is_quote(cp))
        continue;
      cp = lower(cp);
      if (cp == 0x0451)
        cp = 0x0435;  // ё is written as е as often as not
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    append_raw_or(out, name, start, i, cp);
  }
  return out;
}

std::size_t length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<char32_t> x = code_points(a);
  std::vector<char32_t> y = code_points(b);
  // Levenshtein distance with two rows.
  std::vector<std::size_t> previous(y.size() + 1);
  std::vector<std::size_t> current(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[y.size()];
}

namespace {

// The edit distance of `x` and `y` when it is at most `bound`, otherwise bound + 1. Only the band
// of the table within `bound` of its diagonal is filled, and the work stops at the first row all
// over the bound: O(length * bound) at most, whatever the strings.
std::size_t distance_within(const std::vector<char32_t>& x, const std::vector<char32_t>& y,
                            std::size_t bound) {
  const std::size_t over = bound + 1;
  const std::size_t longer = std::max(x.size(), y.size());
  if (longer - std::min(x.size(), y.size()) > bound)
    return over;
  std::vector<std::size_t> previous(y.size() + 2, over);
  std::vector<std::size_t> current(y.size() + 2, over);
  for (std::size_t j = 0; j <= std::min(y.size(), bound); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    const std::size_t low = i > bound ? i - bound : 1;
    const std::size_t high = std::min(y.size(), i + bound);
    current[low - 1] = low == 1 && i <= bound ? i : over;
    std::size_t row_min = current[low - 1];
    for (std::size_t j = low; j <= high; ++j) {
      std::size_t substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution, over});
      row_min = std::min(row_min, current[j]);
    }
    current[high + 1] = over;
    if (row_min > bound)
      return over;
    std::swap(previous, current);
  }
  return std::min(previous[y.size()], over);
}

}  // namespace

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<char32_t> lowered = code_points(to_lower(word));
  // Nobody mistypes an id of this length; a suggestion for it would only cost time.
  if (lowered.size() > kMaxSuggestionLength)
    return {};
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t candidate_length = length(candidate);
    if (candidate_length > kMaxSuggestionLength)
      continue;
    // A typo changes about one letter in four; a short word allows one.
    const std::size_t limit =
        std::max<std::size_t>(1, (std::max(lowered.size(), candidate_length) + 1) / 4);
    const std::size_t longer = std::max(lowered.size(), candidate_length);
    const std::size_t shorter = std::min(lowered.size(), candidate_length);
    if (longer - shorter > limit)
      continue;  // cannot be near
    if (!best.empty() && best_distance == 0)
      break;  // an exact match cannot be beaten
    const std::size_t bound = best.empty() ? limit : std::min(limit, best_distance - 1);
    const std::size_t distance = distance_within(lowered, code_points(to_lower(candidate)), bound);
    if (distance > bound)
      continue;
    best = candidate;
    best_distance = distance;
  }
  return best;
}

bool is_slug(std::string_view id) {
  if (id.empty())
    return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front()))
    return false;
  return std::all_of(id.begin() + 1, id.end(),
                     [&](char c) { return lower_or_digit(c) || c == '-'; });
}

std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t i = begin;
    char32_t cp = next(s, i);
    if (cp == kInvalid || !is_space(cp))
      break;
    begin = i;
  }
  // Walk forward remembering where the last non-space code point ended; UTF-8 cannot be read
  // backwards without finding code point starts anyway.
  std::size_t end = begin;
  std::size_t i = begin;
  while (i < s.size()) {
    char32_t cp = next(s, i);
    if (cp == kInvalid || !is_space(cp))
      end = i;
  }
  return s.substr(begin, end - begin);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace perechen::text

// --- Look-alike characters (issue 21.10) ------------------------------------------------------

namespace perechen::text {

namespace {

struct Confusables {
  std::string unicode;
  std::string source;
  std::unordered_map<char32_t, std::u32string> fold;
};

// data/confusables.yaml: `fold` maps what characters look like to the characters, written as
// hexadecimal code points separated by spaces (scripts/gen-confusables.py writes it).
const Confusables& confusables() {
  static const Confusables table = [] {
    Confusables result;
    YAML::Node doc = YAML::Load(std::string(*embedded_file("data/confusables.yaml")));
    result.unicode = doc["unicode"].as<std::string>();
    result.source = doc["source"].as<std::string>();
    for (const auto& entry : doc["fold"]) {
      std::u32string looks;
      for (char32_t cp : code_points(entry.first.as<std::string>()))
        looks.push_back(cp);
      const std::string list = entry.second.as<std::string>();
      for (std::size_t at = 0; at < list.size();) {
        std::uint32_t code = 0;
        auto [end, error] = std::from_chars(list.data() + at, list.data() + list.size(), code, 16);
        if (error != std::errc())
          throw std::logic_error("data/confusables.yaml: a code point is not hexadecimal");
        result.fold.emplace(static_cast<char32_t>(code), looks);
        at = static_cast<std::size_t>(end - list.data());
        while (at < list.size() && list[at] == ' ')
          ++at;
      }
    }
    return result;
  }();
  return table;
}

constexpr char32_t kInvalidMark = 0x80000000u;  // code_points' mark of an invalid byte

// и and е (either case) followed by a combining breve or diaeresis are й and ё: NFD to NFC for
// the letters of Russian that have a decomposed form. Appends `cp` to `chars`, composing.
void push_composed(std::vector<char32_t>& chars, char32_t cp) {
  if (!chars.empty() && (cp == 0x0306 || cp == 0x0308)) {
    char32_t& base = chars.back();
    char32_t composed = cp == 0x0306 ? (base == U'и'   ? U'й'
                                        : base == U'И' ? U'Й'
                                                       : 0)
                                     : (base == U'е'   ? U'ё'
                                        : base == U'Е' ? U'Ё'
                                                       : 0);
    if (composed != 0) {
      base = composed;
      return;
    }
  }
  chars.push_back(cp);
}

std::string to_utf8(const std::vector<char32_t>& chars) {
  std::string out;
  out.reserve(chars.size() * 2);
  for (char32_t cp : chars)
    append_utf8(out, cp);
  return out;
}

}  // namespace

bool is_invisible(char32_t c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x180E;
}

std::optional<std::u32string_view> look_alike(char32_t c) {
  const auto& fold = confusables().fold;
  auto it = fold.find(c);
  if (it == fold.end())
    return std::nullopt;
  return std::u32string_view(it->second);
}

std::string_view confusables_unicode_version() {
  return confusables().unicode;
}

std::string_view confusables_source() {
  return confusables().source;
}

std::string fold_name(std::string_view name) {
  std::vector<char32_t> prepared;
  prepared.reserve(name.size());
  for (char32_t cp : code_points(name)) {
    // An invalid byte becomes a character of its own (the last 256 of plane 16's private use
    // area), so that the text is UTF-8 from here on: kept raw, two stray bytes with a quote or a
    // space dropped between them would read as a new character when folded again.
    if ((cp & kInvalidMark) != 0)
      cp = 0x10FF00 | (cp & 0xFFu);
    if (is_invisible(cp))
      continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
      cp -= 0xFF01 - 0x21;  // full-width ASCII
    push_composed(prepared, cp);
  }
  std::vector<char32_t> folded;
  const std::vector<char32_t> normalized = code_points(normalize_name(to_utf8(prepared)));
  folded.reserve(normalized.size());
  for (char32_t cp : normalized) {
    auto looks = look_alike(cp);
    if (!looks) {
      push_composed(folded, cp);  // a breve after what now reads и
      continue;
    }
    for (char32_t c : *looks)
      folded.push_back(c);
  }
  return to_utf8(folded);
}

}  // namespace perechen::text
