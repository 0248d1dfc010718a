// SPDX-License-Identifier: Apache-2.0
#pragma once

// The layout every document of the form shares (issue 19): the texts of a row's cells as lines,
// column widths measured from those texts, and break opportunities in long contacts. Invariants:
// a column is never narrower than its longest word (so no word has to be broken, at the font the
// writer states), the rest of the width goes to the columns by the amount of text they hold
// (so that rows are no taller than they must be), and a contact breaks only after «@», «.», «/»,
// «-» or «?», never inside a word.

#include <string>
#include <string_view>
#include <vector>

#include "perechen/export/document.hpp"

namespace perechen::exporting {

// The seven cells of a row as lines (paragraphs), as the docx and xlsx show them: the number, the
// direction and process (short titles), the point (name, channel, contact, address), the clients
// one a line, each but the last ending in «;», the value, the needs.
struct RowLines {
  std::vector<std::vector<std::string>> cells;  // seven
};
RowLines row_lines(const Row& row, Lang lang);

// `contact` with `mark` (U+200B for docx and xlsx, <wbr> is the writer's own business) after each
// of its natural break points: after «@», «.», «/», «-», «?», «&», «=» when a letter or digit
// follows; an e-mail or URL only (a telephone number breaks at its spaces). The opportunities are
// taken only where the contact is wider than its column, so its longest piece between them, not the
// whole contact, is what a column must hold.
std::string breakable(std::string_view contact, std::string_view mark);

// How a writer measures text: the width of an average character and of one in a word that must
// not break (both in the writer's unit), what a cell takes besides its text, the whole width.
struct Measure {
  double average = 0;
  double widest = 0;
  double padding = 0;
  double total = 0;
};

// Seven column widths summing to `measure.total`: each at least as wide as its longest word
// (bold words of the direction, the point's name and the header count wider), the rest shared by
// the amount of text each column holds over all rows.
std::vector<double> column_widths(const Document& doc, const Measure& measure);

// The lines `text` takes in a column of `width` (after padding) at `average` per character;
// a paragraph takes at least one.
std::size_t line_count(std::string_view text, double width, const Measure& measure);

}  // namespace perechen::exporting
