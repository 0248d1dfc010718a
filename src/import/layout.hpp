// SPDX-License-Identifier: Apache-2.0
#pragma once

// The layout of a list in a table (spec §9): where its header block is and what each column is,
// and what each row below it is. Two steps, each on its own:
//   find_header — the header block: one to three rows of headings with merged and grouped cells
//     («Точка взаимодействия» over «наименование | вид | адрес»), a numbering row under it, the
//     columns of a needs matrix (a column per need under «Потребности»);
//   classify_row — each row: a point, or structure of a kind (the header repeated on a later
//     page, a numbering row, a section heading, totals, a signature block), or unknown.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/import/table.hpp"
#include "vocabulary.hpp"

namespace perechen::importing {

struct Header {
  std::size_t first = 0;  // index in Table::rows of the first heading row
  std::size_t last = 0;   // index of the last row of the block (a numbering row included)
  std::array<std::optional<std::size_t>, kColumns> columns;       // the column of each field
  std::vector<std::size_t> more_contacts;                         // further contact columns
  std::vector<std::pair<std::size_t, std::string>> need_columns;  // a needs matrix: column, code
  std::vector<std::string> headings;  // each column's heading as shown («Точка — вид»)
  std::vector<std::size_t> unplaced;  // columns with a heading that names no field
  std::size_t width = 0;              // the number of columns of the block
  bool continued = false;  // a table that goes on with another's header: no header rows here
};

// The header block of `table` within its first rows: the point's column and at least two more
// recognised. nullopt when there is none.
std::optional<Header> find_header(const Table& table);

enum class RowKind { point, header, numbering, section, totals, signature, unknown };
inline constexpr std::size_t kRowKinds = 7;

struct RowClass {
  RowKind kind = RowKind::unknown;
  std::string section;  // a section's title without its numbering
  int level = 1;        // 1: a direction, 2: a process («1.2.»)
  int number = 0;  // a direction's number («Раздел 2.», «II.», «2.» in №); 0: none
};

// What `row` is, below `header`. `after_signature`: a signature block began above, so the rest
// of the table is part of it.
RowClass classify_row(const TableRow& row, const Header& header, bool after_signature);

// A title without the numbering before it («Раздел 1. Оплата труда», «1.2. Отпускные», «II. …»).
std::string section_title(std::string_view title);

// The number of a direction written before its title («2. Оплата труда», «Раздел II.»); 0 when
// there is none or the numbering has more parts («1.2.», a process).
int section_number(std::string_view title);

// A row of column numbers (1 2 3 ... under the headings).
bool is_numbering(const TableRow& row);

}  // namespace perechen::importing
