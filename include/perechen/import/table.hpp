// SPDX-License-Identifier: Apache-2.0
#pragma once

// A table read from a document people keep (spec §9): the neutral model every reader (docx, xlsx,
// ods, csv) produces and the mapper reads. Merged cells are resolved: a cell merged down its
// rows (docx vMerge, xlsx mergeCell, ods number-rows-spanned) holds its text in every row it
// covers, so a direction written once applies to all its rows. Rows without any text are left
// out; every row keeps its number in the source, for messages.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::importing {

enum class Format { csv, xlsx, ods, docx };

struct TableRow {
  std::size_t number = 0;          // 1-based row in the source (sheet row, table row, record)
  std::vector<std::string> cells;  // by column from 0; lines of a cell joined by '\n'
};

struct Table {
  std::string name;       // sheet name, or "таблица 2" of a document
  bool lettered = false;  // columns are shown as letters (A, B, ...) in the source
  std::size_t grid = 0;   // a document table's columns (docx w:tblGrid), empty ones too; 0: unknown
  std::vector<TableRow> rows;
};

// What a reader accepts before it refuses a file as hostile or not a list. Each limit, when hit,
// is an Error(failure) that says which one.
inline constexpr std::size_t kMaxFileBytes = 64u << 20;       // the file itself
inline constexpr std::size_t kMaxPartBytes = 64u << 20;       // one unpacked part of a zip
inline constexpr std::size_t kMaxUnpackedBytes = 256u << 20;  // all parts read, together
inline constexpr std::size_t kMaxZipEntries = 10000;
inline constexpr std::size_t kMaxXmlDepth = 256;
inline constexpr std::size_t kMaxRows = 100000;    // rows with text, all tables together
inline constexpr std::size_t kMaxColumns = 256;    // cells further right are not read
inline constexpr std::size_t kMaxCells = 2000000;  // cells with text, all tables together
// The text of all cells as the table holds it, counted before it is made: a shared string used by
// many cells, a merged cell copied down its rows, a cell repeated across columns and rows, runs of
// spaces (ods text:s) each count every byte they would produce.
inline constexpr std::size_t kMaxTextBytes = 64u << 20;

// The format of `file_name` by its extension (.csv, .txt, .xlsx, .ods, .odt, .docx); nullopt when
// the extension says nothing.
std::optional<Format> format_of(std::string_view file_name);

// Every table of the file's bytes. `file_name` names the file in messages. Throws
// perechen::Error(failure) with a message naming the file when it cannot be read: not a zip, a
// part missing, a limit above exceeded, broken or hostile XML (a DTD, entities), not UTF-8.
std::vector<Table> read_tables(std::string_view bytes, Format format, std::string_view file_name);

// The readers, for the tests and the fuzzers; errors as read_tables, without the file name.
std::vector<Table> read_csv(std::string_view bytes);
std::vector<Table> read_xlsx(std::string_view bytes);
std::vector<Table> read_ods(std::string_view bytes);
std::vector<Table> read_docx(std::string_view bytes);

// "A", "B", ... "AA": the letter of a 0-based column.
std::string column_letters(std::size_t column);

}  // namespace perechen::importing
