// SPDX-License-Identifier: Apache-2.0
// The header block and the kinds of rows of a list (layout.hpp). The invariants: a header block
// is one to three rows, each below the first made of headings, sub-headings, cells merged down
// from above or need wordings under a needs group; a group heading covers the empty cells to its
// right that have a sub-heading below them; every row below the block is exactly one RowKind.

#include "layout.hpp"

#include <algorithm>
#include <set>

#include "fields.hpp"
#include "perechen/text.hpp"

namespace perechen::importing {
namespace {

constexpr std::size_t kHeadingSearchRows = 50;
constexpr std::size_t kMaxHeaderRows = 3;
constexpr std::size_t kMaxHeadingBytes = 200;

std::string cell_at(const TableRow& row, std::size_t c) {
  return c < row.cells.size() ? std::string(text::trim(row.cells[c])) : std::string();
}

bool is_subheading(std::string_view text) {
  std::string n = norm(text);
  for (const auto& w : vocabulary().subheadings) {
    if (starts_with_word(n, w))
      return true;
  }
  return false;
}

bool is_number_token(std::string_view t) {
  t = text::trim(t);
  return !t.empty() && t.find_first_not_of("0123456789.") == std::string_view::npos &&
         t.find_first_of("0123456789") != std::string_view::npos;
}

// The grid of a candidate block, group headings spread right over their sub-headings.
std::vector<std::vector<std::string>> block_grid(const Table& table, std::size_t first,
                                                 std::size_t count, std::size_t width) {
  std::vector<std::vector<std::string>> grid(count, std::vector<std::string>(width));
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t c = 0; c < width; ++c)
      grid[k][c] = cell_at(table.rows[first + k], c);
  }
  for (std::size_t k = 0; k + 1 < count; ++k) {
    for (std::size_t c = 1; c < width; ++c) {
      if (!grid[k][c].empty() || grid[k][c - 1].empty())
        continue;
      bool below = false;
      for (std::size_t j = k + 1; j < count; ++j)
        below = below || !grid[j][c].empty();
      // A heading merged down (the same text below it) is no group.
      bool merged_down = norm(grid[k + 1][c - 1]) == norm(grid[k][c - 1]);
      if (below && !merged_down)
        grid[k][c] = grid[k][c - 1];
    }
  }
  return grid;
}

// Whether `row` continues the header block whose last row is `above`. A section row right under
// a header of one row («Раздел 1. Оплата труда», «Направление: Налоги») is none: its one text is
// numbered as a section, or it is the only new text of the row and no sub-heading.
bool continues_header(const TableRow& row, const TableRow& above) {
  bool any = false;
  std::set<std::string> own;  // the row's texts that are not merged down from above
  bool subheading = false;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    std::string_view t = text::trim(row.cells[c]);
    if (t.empty())
      continue;
    // A heading is short: a long text (a point's description, a hostile cell of megabytes) is
    // data, and is not normalised here again and again.
    if (t.size() > kMaxHeadingBytes * 4)
      return false;
    any = true;
    std::string n = norm(t);
    std::string_view up = c < above.cells.size() ? text::trim(above.cells[c]) : std::string_view();
    if (up.size() <= kMaxHeadingBytes * 4 && n == norm(up))
      continue;  // merged down
    own.insert(n);
    if (section_title(t) != t)
      return false;
    if (classify_heading(t))
      continue;
    if (is_subheading(t)) {
      subheading = true;
      continue;
    }
    // A need's number or wording under a group of needs: look left along the row above.
    bool under_needs = false;
    for (std::size_t k = c + 1; k-- > 0;) {
      std::string g = cell_at(above, k);
      if (!g.empty()) {
        under_needs = classify_heading(g) == needs;
        break;
      }
    }
    if (under_needs && need_of_heading(t) != nullptr)
      continue;
    return false;
  }
  return any && (own.size() != 1 || subheading);
}

// The first row of a block of several rows is made of headings: a note above the table
// («Согласовано: нет») is no group heading.
bool opens_block(const TableRow& row) {
  std::size_t filled = 0;
  std::size_t headings = 0;
  for (const auto& c : row.cells) {
    if (text::trim(c).empty())
      continue;
    ++filled;
    if (classify_heading(c))
      ++headings;
  }
  return headings * 2 >= filled && headings >= 2;
}

std::optional<Header> header_of(const Table& table, std::size_t first, std::size_t count) {
  if (count > 1 && !opens_block(table.rows[first]))
    return std::nullopt;
  std::size_t width = 0;
  for (std::size_t k = 0; k < count; ++k)
    width = std::max(width, table.rows[first + k].cells.size());
  auto grid = block_grid(table, first, count, width);
  Header h;
  h.first = first;
  h.last = first + count - 1;
  h.width = width;
  h.headings.resize(width);
  std::size_t known = 0;
  for (std::size_t c = 0; c < width; ++c) {
    std::vector<std::string> texts;
    for (std::size_t k = 0; k < count; ++k) {
      const std::string& t = grid[k][c];
      if (!t.empty() && (texts.empty() || norm(texts.back()) != norm(t)))
        texts.push_back(t);
    }
    if (texts.empty())
      continue;
    std::string shown;
    for (const auto& t : texts)
      shown += (shown.empty() ? "" : " — ") + t;
    h.headings[c] = cut(shown, kMaxHeadingBytes);  // shown in messages
    const std::string& sub = texts.back();
    std::optional<Column> group;
    if (texts.size() > 1)
      group = classify_heading(texts[texts.size() - 2]);
    if (group == needs) {
      if (const NeedInfo* need = need_of_heading(sub); need != nullptr) {
        if (h.need_columns.empty())
          ++known;
        h.need_columns.emplace_back(c, need->code);
        continue;
      }
    }
    std::optional<Column> column = classify_heading(sub);
    if (!column && texts.size() > 1)
      column = group;
    if (!column) {
      h.unplaced.push_back(c);
    } else if (!h.columns[*column]) {
      h.columns[*column] = c;
      ++known;
    } else if (*column == contact) {
      h.more_contacts.push_back(c);
    } else {
      h.unplaced.push_back(c);
    }
  }
  if (!h.columns[point] || known < 3)
    return std::nullopt;
  return h;
}

// The value of a numbering of one part: «3», «3.», «III»; 0 for none or for more parts («1.2»).
int numbering_value(std::string_view numbering) {
  std::string_view t = text::trim(numbering);
  while (!t.empty() && (t.back() == '.' || t.back() == ')' || t.back() == ':'))
    t.remove_suffix(1);
  if (t.empty() || t.size() > 6)
    return 0;
  int value = 0;
  if (std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    for (char c : t)
      value = value * 10 + (c - '0');
    return value;
  }
  // Roman, as strip_numbering reads it: I, V and X.
  auto digit = [](char c) { return c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : 0; };
  for (std::size_t i = 0; i < t.size(); ++i) {
    int d = digit(t[i]);
    if (d == 0)
      return 0;
    value += i + 1 < t.size() && digit(t[i + 1]) > d ? -d : d;
  }
  return value > 0 ? value : 0;
}

// «Раздел 1.», «1.», «1.2.», «I.», «Раздел II:» at the start of `title`; the level it gives.
// `number`: the value of a numbering of one part (0 when there is none, or more parts).
std::string strip_numbering(std::string title, int& level, int* number = nullptr) {
  std::string_view t = text::trim(title);
  std::string lower = text::to_lower(t);
  for (std::string_view word : {"раздел", "подраздел", "section"}) {
    if (lower.compare(0, word.size(), word) == 0) {
      if (word == "подраздел")
        level = 2;
      t = text::trim(t.substr(word.size()));
      break;
    }
  }
  std::size_t i = 0;
  int parts = 0;
  while (i < t.size()) {
    std::size_t start = i;
    while (i < t.size() &&
           ((t[i] >= '0' && t[i] <= '9') || t[i] == 'I' || t[i] == 'V' || t[i] == 'X'))
      ++i;
    if (i == start)
      break;
    ++parts;
    if (i < t.size() && t[i] == '.')
      ++i;
    else
      break;
  }
  // The numbering ends in a dot or is followed by «)», «:», a space or the end: «1С», «2-НДФЛ»
  // and «IT-отдел» are words, not numbering.
  bool dotted = i > 0 && t[i - 1] == '.';
  if (parts > 0 &&
      (dotted || i == t.size() || std::string_view(" :)").find(t[i]) != std::string::npos)) {
    if (parts >= 2)
      level = 2;
    if (number != nullptr)
      *number = parts == 1 ? numbering_value(t.substr(0, i)) : 0;
    t = t.substr(i);
    while (!t.empty() && std::string_view(" .:)-").find(t.front()) != std::string::npos)
      t.remove_prefix(1);
    for (std::string_view dash : {"–", "—"}) {
      if (t.substr(0, dash.size()) == dash)
        t = text::trim(t.substr(dash.size()));
    }
  }
  return std::string(text::trim(t));
}

}  // namespace

std::string section_title(std::string_view title) {
  // In a cell, only «1. », «1.2. », «1) » and «Раздел N.» count as numbering.
  std::string_view t = text::trim(title);
  std::size_t i = 0;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.'))
    ++i;
  bool numbered =
      i > 0 && i < t.size() && t[0] != '.' &&
      ((t[i - 1] == '.' && t[i] == ' ') || (t[i] == ')' && i + 1 < t.size() && t[i + 1] == ' '));
  std::string lower = text::to_lower(t.substr(0, 16));
  if (!numbered && lower.rfind("раздел", 0) != 0)
    return std::string(t);
  int level = 1;
  std::string stripped = strip_numbering(std::string(t), level);
  return stripped.empty() ? std::string(t) : stripped;
}

int section_number(std::string_view title) {
  std::string_view t = text::trim(title);
  if (section_title(t) == t)
    return 0;
  int level = 1;
  int number = 0;
  strip_numbering(std::string(t), level, &number);
  return level == 1 ? number : 0;
}

bool is_numbering(const TableRow& row) {
  std::size_t numbers = 0;
  for (const auto& c : row.cells) {
    std::string_view t = text::trim(c);
    if (t.empty())
      continue;
    if (!is_number_token(t))
      return false;
    ++numbers;
  }
  return numbers >= 2;
}

std::optional<Header> find_header(const Table& table) {
  for (std::size_t r = 0; r < table.rows.size() && r < kHeadingSearchRows; ++r) {
    std::size_t count = 1;
    // A row of numbers continues the block only when each stands under the group of needs (the
    // matrix «Потребности» over «1 … 9», the other headings not merged down): a numbering row of
    // every column does not.
    while (count < kMaxHeaderRows && r + count < table.rows.size() &&
           continues_header(table.rows[r + count], table.rows[r + count - 1]))
      ++count;
    for (std::size_t k = count; k >= 1; --k) {
      if (auto h = header_of(table, r, k); h) {
        if (h->last + 1 < table.rows.size() && is_numbering(table.rows[h->last + 1]))
          ++h->last;
        return h;
      }
    }
  }
  return std::nullopt;
}

RowClass classify_row(const TableRow& row, const Header& header, bool after_signature) {
  RowClass result;
  if (after_signature) {
    result.kind = RowKind::signature;
    return result;
  }
  std::vector<std::pair<std::size_t, std::string>> filled;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    std::string t(text::trim(row.cells[c]));
    if (!t.empty())
      filled.emplace_back(c, std::move(t));
  }
  std::string first_text;
  for (const auto& [c, t] : filled) {
    if (!is_number_token(t)) {
      first_text = norm(t);
      break;
    }
  }
  for (const auto& w : vocabulary().totals) {
    if (starts_with_word(first_text, w)) {
      result.kind = RowKind::totals;
      return result;
    }
  }
  for (const auto& w : vocabulary().signature) {
    if (starts_with_word(first_text, w)) {
      result.kind = RowKind::signature;
      return result;
    }
  }
  if (is_numbering(row)) {
    result.kind = RowKind::numbering;
    return result;
  }
  // «Продолжение таблицы» alone in its row (perhaps a merged row's copies): the header goes on
  // below it.
  if (!filled.empty() && filled.front().second.size() <= kMaxHeadingBytes &&
      std::all_of(filled.begin(), filled.end(),
                  [&](const auto& f) { return f.second == filled.front().second; })) {
    std::string n = norm(filled.front().second);
    for (const auto& w : vocabulary().continued) {
      if (starts_with_word(n, w)) {
        result.kind = RowKind::header;
        return result;
      }
    }
  }
  // The header again (on a later page): its texts in their columns.
  std::size_t same = 0;
  for (const auto& [c, t] : filled) {
    std::string n = norm(t);
    bool found = c < header.headings.size() && !header.headings[c].empty() &&
                 norm(header.headings[c]).find(n) != std::string::npos &&
                 (classify_heading(t) || is_subheading(t));
    same += found ? 1 : 0;
  }
  if (same >= 2 && same * 2 >= filled.size()) {
    result.kind = RowKind::header;
    return result;
  }
  // A section: one text across the row, perhaps a number before it.
  std::set<std::string> distinct;
  std::string title;
  int level = 1;
  std::string numbering;
  std::size_t title_column = 0;
  for (const auto& [c, t] : filled) {
    if (is_number_token(t)) {
      numbering = t;
      continue;
    }
    if (distinct.insert(norm(t)).second) {
      title = t;
      title_column = c;
    }
  }
  // A section's text starts at the left of the table (a cell spanning the row is its leftmost
  // cell), not right of the point's column: a lone text there (needs carried over to a row of
  // their own) is no section but a row to look at.
  std::size_t leftmost_field = header.width;
  for (const auto& column : header.columns) {
    if (column && *column != header.columns[number].value_or(header.width))
      leftmost_field = std::min(leftmost_field, *column);
  }
  std::size_t point_column = header.columns[point].value_or(0);
  bool at_left = title_column <= std::max(leftmost_field, point_column);
  std::string point_cell = header.columns[point] ? cell_at(row, *header.columns[point]) : "";
  if (distinct.size() == 1 && at_left &&
      (point_cell.empty() || norm(point_cell) == *distinct.begin())) {
    int number = 0;
    if (!numbering.empty())
      strip_numbering(numbering, level, &number);
    int own = 0;
    result.section = strip_numbering(title, level, &own);
    // «Направление деятельности: Оплата труда», «Процесс: Отпуска»: the label says the level and
    // is no part of the title.
    if (std::size_t colon = result.section.find(':');
        colon != std::string::npos && colon <= kMaxHeadingBytes) {
      auto label = classify_heading(result.section.substr(0, colon));
      std::string rest(text::trim(std::string_view(result.section).substr(colon + 1)));
      if ((label == direction || label == process) && !rest.empty()) {
        if (label == process)
          level = 2;
        result.section = strip_numbering(rest, level, &own);
      }
    }
    result.level = level;
    result.number = level == 1 ? (own != 0 ? own : number) : 0;
    if (!result.section.empty()) {
      result.kind = RowKind::section;
      return result;
    }
  }
  result.kind = point_cell.empty() ? RowKind::unknown : RowKind::point;
  return result;
}

}  // namespace perechen::importing
