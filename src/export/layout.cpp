// SPDX-License-Identifier: Apache-2.0
#include "layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "labels.hpp"
#include "perechen/text.hpp"

namespace perechen::exporting {
namespace {

// A bold word is about this much wider than a regular one.
constexpr double kBold = 1.1;

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of(" \n\t", i);
    if (end == std::string_view::npos)
      end = text.size();
    if (end > i)
      words.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

// The longest piece of `word` that cannot break: a word, or a piece of a contact between its
// break opportunities (breakable() puts U+200B there).
std::size_t longest_piece(std::string_view text) {
  constexpr std::string_view kZwsp = "\xE2\x80\x8B";
  std::size_t longest = 0;
  for (auto word : words_of(text)) {
    std::size_t start = 0;
    while (true) {
      std::size_t end = word.find(kZwsp, start);
      longest = std::max(longest, text::length(word.substr(start, end - start)));
      if (end == std::string_view::npos)
        break;
      start = end + kZwsp.size();
    }
  }
  return longest;
}

}  // namespace

RowLines row_lines(const Row& row, Lang lang) {
  RowLines lines;
  lines.cells.resize(7);
  lines.cells[0] = {std::to_string(row.number)};
  lines.cells[1] = {direction_cell(row)};
  lines.cells[2] = {process_cell(row)};
  auto& point = lines.cells[3];
  point = {row.name, channel_line(row, lang)};
  if (!row.url.empty())
    point.push_back(breakable(contact_text(row.url), "\xE2\x80\x8B"));
  if (!row.address.empty())
    point.push_back(row.address);
  lines.cells[4] = client_cells(row, lang);
  lines.cells[5] = {row.value};
  lines.cells[6] = need_lines(row, lang);
  return lines;
}

std::string breakable(std::string_view contact, std::string_view mark) {
  // A telephone number breaks at its spaces, never inside its groups.
  if (contact.find_first_of("@/") == std::string_view::npos)
    return std::string(contact);
  std::string out;
  for (std::size_t i = 0; i < contact.size(); ++i) {
    char c = contact[i];
    out += c;
    bool point = c == '@' || c == '.' || c == '/' || c == '-' || c == '?' || c == '&' || c == '=';
    if (point && i + 1 < contact.size() &&
        std::isalnum(static_cast<unsigned char>(contact[i + 1])) != 0)
      out += mark;
  }
  return out;
}

std::size_t line_count(std::string_view text, double width, const Measure& measure) {
  double room = std::max(measure.average, width - measure.padding);
  std::size_t lines = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    std::string_view part = text.substr(start, end == std::string_view::npos ? end : end - start);
    // Lines wrap at words: about a tenth of each is lost on average.
    double chars = static_cast<double>(text::length(part)) * measure.average;
    lines += std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(chars / (room * 0.9))));
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  return lines;
}

std::vector<double> column_widths(const Document& doc, const Measure& measure) {
  constexpr std::size_t kColumns = 7;
  std::vector<double> least(kColumns, 0);
  std::vector<double> mass(kColumns, 0);
  // lengths[row][column]: the characters of each line of the cell.
  std::vector<std::vector<std::vector<double>>> lengths;
  auto columns = form_columns(doc.lang);
  for (std::size_t c = 0; c < kColumns; ++c) {
    least[c] = static_cast<double>(longest_piece(columns[c])) * measure.widest * kBold;
  }
  for (const auto& row : doc.rows) {
    RowLines lines = row_lines(row, doc.lang);
    auto& own = lengths.emplace_back(kColumns);
    for (std::size_t c = 0; c < kColumns; ++c) {
      for (std::size_t l = 0; l < lines.cells[c].size(); ++l) {
        const std::string& line = lines.cells[c][l];
        bool bold = c == 1 || (c == 3 && l == 0);
        least[c] = std::max(least[c], static_cast<double>(longest_piece(line)) * measure.widest *
                                          (bold ? kBold : 1.0));
        auto length = static_cast<double>(text::length(line));
        own[c].push_back(length);
        if (c > 0)
          mass[c] += length + 8;  // a paragraph's last line is not full
      }
    }
  }
  for (auto& l : least)
    l += measure.padding;
  // No column is squeezed below its longest word unless the words of all cannot fit side by
  // side; then every least width shrinks alike and hyphenation has to do.
  double all_least = std::accumulate(least.begin(), least.end(), 0.0);
  if (all_least > measure.total) {
    for (auto& l : least)
      l *= measure.total / all_least;
    return least;
  }
  // The rest of the width in a hundred steps, each to the column where it lowers the sum of the
  // rows' heights most (a row is as tall as its tallest cell); where no step lowers it, to the
  // column with the most text for its width. The number keeps its least width.
  auto lines_in = [&](double chars, double width) {
    double room = std::max(measure.average, width - measure.padding);
    return std::max(1.0, std::ceil(chars * measure.average / (room * 0.9)));
  };
  auto height = [&](const std::vector<double>& width) {
    double total = 0;
    for (const auto& row : lengths) {
      double tallest = 1;
      for (std::size_t c = 1; c < kColumns; ++c) {
        double cell = 0;
        for (double chars : row[c])
          cell += lines_in(chars, width[c]);
        tallest = std::max(tallest, cell);
      }
      total += tallest;
    }
    return total;
  };
  std::vector<double> width = least;
  constexpr int kSteps = 100;
  const double step = (measure.total - all_least) / kSteps;
  for (int k = 0; k < kSteps; ++k) {
    std::size_t best = 1;
    double best_height = 0;
    double best_density = -1;
    for (std::size_t c = 1; c < kColumns; ++c) {
      width[c] += step;
      double h = height(width);
      width[c] -= step;
      double density = mass[c] / width[c];
      if (best_density < 0 || h < best_height || (h == best_height && density > best_density)) {
        best = c;
        best_height = h;
        best_density = density;
      }
    }
    width[best] += step;
  }
  // What rounding left goes to the last column, so that the widths sum to the whole.
  width[kColumns - 1] += measure.total - std::accumulate(width.begin(), width.end(), 0.0);
  return width;
}

}  // namespace perechen::exporting
