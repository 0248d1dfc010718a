// SPDX-License-Identifier: Apache-2.0
// Needs and contacts read from cell texts (fields.hpp). The invariants: a need is recognised
// only by its number or by its wording within a small edit distance (never by a word it shares
// with another); punctuation after an item is never a description; every contact of a cell comes
// out either as a url of 1.3 or as text for the address, none dropped.

#include "fields.hpp"

#include <algorithm>
#include <utility>

#include "perechen/text.hpp"
#include "vocabulary.hpp"

namespace perechen::importing {
namespace {

constexpr std::size_t kMaxItemsPerLine = 64;  // bounds the work of a hostile cell
constexpr std::size_t kMaxItemsPerCell = 64;  // a cell of more items is no list of nine needs

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct Span {
  std::size_t begin, end;
};

std::vector<Span> words_of(std::string_view s) {
  std::vector<Span> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i]))
      ++i;
    std::size_t start = i;
    while (i < s.size() && !is_ascii_space(s[i]))
      ++i;
    if (i > start)
      words.push_back({start, i});
  }
  return words;
}

std::size_t word_count(std::string_view s) {
  return words_of(s).size();
}

bool is_trailing_punct(char c) {
  return std::string_view(",;:.)!?").find(c) != std::string_view::npos;
}

std::string_view trim_trailing_punct(std::string_view s) {
  s = text::trim(s);
  while (!s.empty() && std::string_view(",;.").find(s.back()) != std::string_view::npos)
    s = text::trim(s.substr(0, s.size() - 1));
  return s;
}

// The separators between a wording and its description.
std::string_view strip_separators(std::string_view s) {
  s = text::trim(s);
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view sep : {":", "–", "—", "-", ",", ";", "."}) {
      if (s.substr(0, sep.size()) == sep) {
        s = text::trim(s.substr(sep.size()));
        changed = true;
      }
    }
  }
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')')
    s = text::trim(s.substr(1, s.size() - 2));
  return s;
}

const NeedInfo* need_by_number(int n) {
  if (n < 1 || static_cast<std::size_t>(n) > perechen::needs().size())
    return nullptr;
  return &perechen::needs()[static_cast<std::size_t>(n - 1)];
}

// «6)», «6.», «6 -», «6 –», «6:» at the start: the number and the rest; 0 when none.
int leading_number(std::string_view& s) {
  std::size_t i = 0;
  int n = 0;
  while (i < s.size() && i < 2 && s[i] >= '0' && s[i] <= '9')
    n = n * 10 + (s[i++] - '0');
  if (i == 0 || (i < s.size() && s[i] >= '0' && s[i] <= '9'))
    return 0;
  std::string_view rest = s.substr(i);
  std::string_view after = text::trim(rest);
  if (after.empty()) {
    s = after;
    return n;
  }
  for (std::string_view sep : {")", ".", "-", "–", "—", ":"}) {
    if (after.substr(0, sep.size()) == sep) {
      s = text::trim(after.substr(sep.size()));
      return n;
    }
  }
  return 0;
}

std::string_view strip_bullets(std::string_view s) {
  s = text::trim(s);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view bullet : {"-", "*", "•", "–", "—", "·"}) {
      if (s.substr(0, bullet.size()) == bullet && s.size() > bullet.size()) {
        s = text::trim(s.substr(bullet.size()));
        changed = true;
      }
    }
  }
  return s;
}

NeedItem read_item(std::string_view raw) {
  NeedItem item;
  std::string_view s = strip_bullets(raw);
  item.text = std::string(trim_trailing_punct(s));
  item.written_number = leading_number(s);
  s = trim_trailing_punct(s);
  // «5) получение информации о ходе рассмотрения заявления»: the start of its number's wording,
  // cut short, is that need (not the shorter wording of another it begins with).
  if (const NeedInfo* numbered = need_by_number(item.written_number); numbered != nullptr) {
    std::string n = norm(s);
    std::string wording = norm(numbered->title_ru);
    if (word_count(n) >= 2 && wording.size() > n.size() && wording.compare(0, n.size(), n) == 0) {
      item.need = numbered;
      return item;
    }
  }
  std::size_t consumed = 0;
  if (const NeedInfo* need = need_at_start(s, &consumed); need != nullptr) {
    item.need = need;
    item.description = std::string(strip_separators(s.substr(consumed)));
    return item;
  }
  std::string n = norm(s);
  for (const auto& need : perechen::needs()) {
    if (!n.empty() && n == need.code) {
      item.need = &need;
      return item;
    }
  }
  if (const NeedInfo* need = need_by_number(item.written_number); need != nullptr) {
    item.need = need;
    item.description = std::string(s);
    item.by_number_only = !s.empty();
  }
  return item;
}

// Where a new item starts on `line` after `from`: a number marker («2)», «2.», «2 -») after «;»
// or «,», or a need wording after «;» or «,». npos when none.
std::size_t next_item(std::string_view line, std::size_t from, std::size_t& checked) {
  for (std::size_t k = from; k < line.size(); ++k) {
    if (line[k] != ';' && line[k] != ',')
      continue;
    std::size_t next = k + 1;
    while (next < line.size() && is_ascii_space(line[next]))
      ++next;
    if (next >= line.size())
      return std::string_view::npos;
    std::string_view rest = line.substr(next);
    std::string_view probe = rest;
    if (leading_number(probe) != 0)
      return k;
    if (++checked > kMaxItemsPerLine)
      return std::string_view::npos;
    if (need_at_start(rest) != nullptr)
      return k;
  }
  return std::string_view::npos;
}

// The characters of `s` (UTF-8 sequences), each as its bytes.
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80)
      ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Whether the edit distance of `a` and `b` (in characters) is at most `k`: the band of width
// 2k + 1 around the diagonal only, so a hostile cell costs O(length × k), not O(length²).
bool within_distance(std::string_view a, std::string_view b, std::size_t k) {
  std::vector<std::string_view> x = characters(a);
  std::vector<std::string_view> y = characters(b);
  std::size_t n = x.size();
  std::size_t m = y.size();
  if ((n > m ? n - m : m - n) > k)
    return false;
  const std::size_t kFar = k + 1;
  std::vector<std::size_t> previous(m + 1, kFar);
  std::vector<std::size_t> current(m + 1, kFar);
  for (std::size_t j = 0; j <= std::min(m, k); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::fill(current.begin(), current.end(), kFar);
    if (i <= k)
      current[0] = i;
    std::size_t from = i > k ? i - k : 1;
    std::size_t to = std::min(m, i + k);
    std::size_t best = current[0];
    for (std::size_t j = from; j <= to; ++j) {
      std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1, kFar});
      best = std::min(best, current[j]);
    }
    if (best > k)
      return false;
    std::swap(previous, current);
  }
  return previous[m] <= k;
}

void append_utf8_space(std::string& out) {
  out += ' ';
}

bool is_phone_char(char c) {
  return (c >= '0' && c <= '9') || std::string_view("+ ()-.").find(c) != std::string_view::npos;
}

bool is_letter_or_digit(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return std::isalnum(c) != 0;
  }
  // A Cyrillic letter (D0 xx, D1 xx) counts; other non-ASCII does not.
  if ((c == 0xD0 || c == 0xD1) && i + 1 < s.size()) {
    i += 2;
    return true;
  }
  return false;
}

// «госуслуги.рф», «lk.example.ru/path»: a domain name with a top-level domain of letters.
bool is_domain(std::string_view s) {
  std::size_t slash = s.find('/');
  std::string_view host = s.substr(0, slash);
  std::size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > host.size())
    return false;
  for (std::size_t i = 0; i < host.size();) {
    if (host[i] == '.' || host[i] == '-') {
      ++i;
      continue;
    }
    if (!is_letter_or_digit(host, i))
      return false;
  }
  std::string_view tld = host.substr(dot + 1);
  return std::none_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         tld.size() >= 2;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return text::to_lower(s.substr(0, prefix.size())) == prefix;
}

}  // namespace

struct Wording {
  const NeedInfo* need;
  std::string text;  // normalised
  std::size_t words;
  std::size_t allowed;  // the edit distance a typo may make
};

// The wordings of the nine needs (Russian and English), normalised once.
const std::vector<Wording>& wordings() {
  static const std::vector<Wording> all = [] {
    std::vector<Wording> out;
    for (const auto& need : perechen::needs()) {
      for (const std::string* title : {&need.title_ru, &need.title_en}) {
        std::string n = norm(*title);
        std::size_t length = text::length(n);
        out.push_back(
            {&need, n, word_count(n), length < 8 ? 0 : std::max<std::size_t>(1, length / 12)});
      }
    }
    return out;
  }();
  return all;
}

const NeedInfo* need_at_start(std::string_view text, std::size_t* consumed) {
  std::vector<Span> words;
  // Only the first words can make a wording: the longest has fewer than sixteen.
  for (const auto& w : words_of(text.substr(0, std::min<std::size_t>(text.size(), 1024)))) {
    words.push_back(w);
    if (words.size() >= 16)
      break;
  }
  const NeedInfo* best = nullptr;
  std::size_t best_words = 0;
  std::size_t best_distance = 0;
  std::size_t best_end = 0;
  for (const auto& [need_ptr, wording, count, allowed] : wordings()) {
    const NeedInfo& need = *need_ptr;
    {
      if (count == 0 || words.size() < count)
        continue;
      std::size_t end = words[count - 1].end;
      if (end > 2 * wording.size() + 64)
        continue;  // far longer than the wording: no typo makes it that
      while (end > words[count - 1].begin && is_trailing_punct(text[end - 1]))
        --end;
      std::string candidate = norm(text.substr(0, end));
      if (candidate.size() > wording.size() + 4 * allowed + 8)
        continue;
      std::size_t distance = 0;
      if (candidate != wording) {
        // The smallest distance within the allowance (it is at most two or three).
        for (distance = 1; distance <= allowed && !within_distance(candidate, wording, distance);
             ++distance) {
        }
        if (distance > allowed)
          continue;
      }
      if (best == nullptr || count > best_words ||
          (count == best_words && distance < best_distance)) {
        best = &need;
        best_words = count;
        best_distance = distance;
        best_end = end;
      }
    }
  }
  if (best != nullptr && consumed != nullptr)
    *consumed = best_end;
  return best;
}

const NeedInfo* need_of_heading(std::string_view text) {
  std::string_view s = strip_bullets(text);
  std::string_view rest = s;
  int number = leading_number(rest);
  if (number != 0 && rest.empty())
    return need_by_number(number);
  if (number == 0 && !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos &&
      s.size() <= 2)
    return need_by_number(std::stoi(std::string(s)));
  rest = trim_trailing_punct(rest);
  std::size_t consumed = 0;
  const NeedInfo* need = need_at_start(rest, &consumed);
  if (need != nullptr && strip_separators(rest.substr(consumed)).empty())
    return need;
  return nullptr;
}

std::vector<NeedItem> read_needs(std::string_view cell) {
  std::vector<NeedItem> items;
  std::size_t start = 0;
  while (start <= cell.size()) {
    if (items.size() >= kMaxItemsPerCell) {
      // No list of nine needs is this long: the rest is one unrecognised item, so it is said.
      NeedItem rest;
      rest.text = cut(text::trim(cell.substr(std::min(start, cell.size()))), 60);
      if (!rest.text.empty())
        items.push_back(std::move(rest));
      break;
    }
    std::size_t end = cell.find('\n', start);
    std::string_view line =
        text::trim(cell.substr(start, end == std::string_view::npos ? end : end - start));
    start = end == std::string_view::npos ? cell.size() + 1 : end + 1;
    if (line.empty())
      continue;
    // «1, 5, 6», «1;2;6», «1 2 6»: numbers only.
    if (line.find_first_not_of("0123456789,; .)") == std::string_view::npos) {
      std::size_t i = 0;
      while (i < line.size() && items.size() < kMaxItemsPerCell) {
        while (i < line.size() && (line[i] < '0' || line[i] > '9'))
          ++i;
        int n = 0;
        std::size_t digits = 0;
        while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
          n = n * 10 + (line[i++] - '0');
          if (++digits > 3)
            n = 1000;
        }
        if (digits == 0)
          break;
        NeedItem item;
        item.text = std::to_string(n);
        item.written_number = n;
        item.need = need_by_number(n);
        items.push_back(std::move(item));
      }
      continue;
    }
    std::size_t from = 0;
    std::size_t checked = 0;
    while (items.size() < kMaxItemsPerCell) {
      std::size_t at = next_item(line, from, checked);
      std::string_view piece = line.substr(from, at == std::string_view::npos ? at : at - from);
      if (!trim_trailing_punct(piece).empty())
        items.push_back(read_item(piece));
      if (at == std::string_view::npos)
        break;
      from = at + 1;
    }
  }
  return items;
}

Contact read_contact(std::string_view line) {
  Contact result;
  line = text::trim(line);
  for (std::string_view label :
       {"e-mail:", "email:", "эл. почта:", "электронная почта:", "телефон:", "тел.:", "тел.",
        "тел:", "phone:", "сайт:", "ссылка:", "адрес сайта:"}) {
    if (starts_with_ci(line, label)) {
      line = text::trim(line.substr(label.size()));
      break;
    }
  }
  if (line.empty())
    return result;
  std::size_t space = line.find_first_of(" \t");
  std::string_view token = line.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? "" : text::trim(line.substr(space));
  auto note_of = [](std::string_view s) { return std::string(strip_separators(s)); };
  while (!token.empty() && std::string_view(",;").find(token.back()) != std::string_view::npos)
    token.remove_suffix(1);
  for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
    if (starts_with_ci(token, scheme)) {
      result.url = std::string(token);
      result.note = note_of(rest);
      return result;
    }
  }
  if (starts_with_ci(token, "www.")) {
    result.url = "https://" + std::string(token);
    result.note = note_of(rest);
    return result;
  }
  std::size_t at = token.find('@');
  if (at != std::string_view::npos && at > 0 && token.find('.', at) != std::string_view::npos) {
    result.url = "mailto:" + std::string(token);
    result.note = note_of(rest);
    return result;
  }
  // A phone number: its characters first, then perhaps «доб. 105» or a remark.
  std::size_t i = 0;
  std::string digits;
  while (i < line.size() && is_phone_char(line[i])) {
    if (line[i] >= '0' && line[i] <= '9')
      digits += line[i];
    ++i;
  }
  if (digits.size() >= 5 && digits.size() <= 15 &&
      (i == line.size() || line[i] == ',' || line[i] == ';' || is_ascii_space(line[i - 1]) ||
       static_cast<unsigned char>(line[i]) >= 0x80)) {
    bool plus = line.front() == '+';
    std::string tel;
    if (digits.size() == 11 && (digits[0] == '8' || digits[0] == '7'))
      tel = "+7" + digits.substr(1);
    else if (digits.size() == 10 && !plus)
      tel = "+7" + digits;
    else
      tel = (plus ? "+" : "") + digits;
    result.url = "tel:" + tel;
    result.note = note_of(line.substr(i));
    return result;
  }
  if (is_domain(token)) {
    result.url = "https://" + std::string(token);
    result.note = note_of(rest);
  }
  return result;
}

std::vector<std::string> split_contacts(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find('\n', start);
    std::string_view line =
        text::trim(cell.substr(start, end == std::string_view::npos ? end : end - start));
    start = end == std::string_view::npos ? cell.size() + 1 : end + 1;
    if (line.empty())
      continue;
    // At «;»: each contact apart, the text between them (an address) kept whole; at «,» only
    // where each piece is a contact (an address keeps its commas).
    std::vector<std::string> pieces;
    std::string text_run;
    std::size_t from = 0;
    for (std::size_t k = 0; k <= line.size() && pieces.size() <= kMaxItemsPerLine; ++k) {
      if (k < line.size() && line[k] != ';')
        continue;
      std::string_view piece = text::trim(line.substr(from, k - from));
      from = k + 1;
      if (piece.empty())
        continue;
      if (read_contact(piece).url) {
        if (!text_run.empty())
          pieces.push_back(std::exchange(text_run, {}));
        pieces.emplace_back(piece);
      } else {
        text_run += (text_run.empty() ? "" : "; ") + std::string(piece);
      }
    }
    if (!text_run.empty())
      pieces.push_back(std::move(text_run));
    for (const auto& piece : pieces) {
      std::vector<std::string> parts;
      std::size_t start_part = 0;
      for (std::size_t k = 0; k <= piece.size() && parts.size() <= kMaxItemsPerLine; ++k) {
        if (k == piece.size() || piece[k] == ',') {
          std::string_view part =
              text::trim(std::string_view(piece).substr(start_part, k - start_part));
          if (!part.empty())
            parts.emplace_back(part);
          start_part = k + 1;
        }
      }
      bool all = parts.size() > 1 && std::all_of(parts.begin(), parts.end(), [](const auto& p) {
                   return read_contact(p).url.has_value();
                 });
      if (all)
        out.insert(out.end(), parts.begin(), parts.end());
      else
        out.push_back(piece);
    }
  }
  return out;
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto at = [&](std::size_t k) {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    if (c == 0xC2 && (at(1) == 0xA0)) {  // NBSP
      append_utf8_space(out);
      ++i;
    } else if (c == 0xC2 && at(1) == 0xAD) {  // soft hyphen
      ++i;
    } else if (c == 0xD8 && at(1) == 0x9C) {  // Arabic letter mark
      ++i;
    } else if (c == 0xE2 && at(1) == 0x80 &&
               ((at(2) >= 0x80 && at(2) <= 0x8A) || at(2) == 0xAF)) {  // spaces U+2000..200A, 202F
      append_utf8_space(out);
      i += 2;
    } else if (c == 0xE2 && at(1) == 0x80 &&
               ((at(2) >= 0x8B && at(2) <= 0x8F) || (at(2) >= 0xAA && at(2) <= 0xAE))) {
      i += 2;  // zero-width U+200B..200F, bidi U+202A..202E
    } else if (c == 0xE2 && at(1) == 0x80 && (at(2) == 0xA8 || at(2) == 0xA9)) {
      out += '\n';  // line and paragraph separators
      i += 2;
    } else if (c == 0xE2 && at(1) == 0x81 &&
               ((at(2) >= 0xA0 && at(2) <= 0xA4) || (at(2) >= 0xA6 && at(2) <= 0xA9))) {
      i += 2;  // word joiner, invisible operators, bidi isolates
    } else if (c == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
      i += 2;  // BOM / zero-width no-break space
    } else if (c == '\t' || c == '\r') {
      out += c == '\t' ? ' ' : '\n';
      if (c == '\r' && at(1) == '\n')
        ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string cut(std::string_view s, std::size_t max) {
  if (s.size() <= max)
    return std::string(s);
  std::size_t end = max > 3 ? max - 3 : 0;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
    --end;
  return std::string(s.substr(0, end)) + "…";
}

}  // namespace perechen::importing
