// SPDX-License-Identifier: Apache-2.0
#pragma once

// The words `perechen import` reads tables by (data/import.yaml): the headings of the columns,
// the sub-headings under a group, the channels, the kinds, the clients of clause 1.3 and the
// wording that means all of them, the rows that are structure (totals, signatures) and the marks
// of a needs matrix. Read once and checked: a name the mapper does not know is an error that
// says where, never an index out of bounds.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perechen::importing {

// The columns of the appendix form (spec §6) the mapper reads.
enum Column : std::size_t {
  number,
  direction,
  process,
  point,
  channel,
  kind,
  contact,
  client,
  value,
  needs,
  kColumns
};

inline constexpr std::array<std::string_view, kColumns> kColumnNames = {
    "number", "direction", "process", "point", "channel",
    "kind",   "contact",   "client",  "value", "needs"};

// Text as rule 2.7 compares it (text::normalize_name), with the spaces around '/' dropped
// («сотрудники ИОГВ / ОГУ» is «сотрудники иогв/огу»).
std::string norm(std::string_view s);

// `word` (normalised) at the start of a word of `text` (normalised): its byte offset, or npos.
std::size_t word_at(std::string_view text, std::string_view word);
inline bool has_word(std::string_view text, std::string_view word) {
  return word_at(text, word) != std::string_view::npos;
}
// `text` is `word`, or starts with it followed by a word boundary.
bool starts_with_word(std::string_view text, std::string_view word);

// A list of (value, words): the words normalised, longest first across the list.
using WordTable = std::vector<std::pair<std::string, std::string>>;  // word, value

struct ColumnWords {
  Column column;
  bool anywhere = false;  // its words decide the column wherever they stand in a heading
  std::vector<std::string> words;
};

struct Vocabulary {
  std::vector<ColumnWords> columns;
  std::vector<std::string> subheadings;
  WordTable channels;           // word -> digital | offline
  WordTable kinds;              // word -> built-in kind id
  WordTable informal_channels;  // word -> digital | offline
  std::vector<std::string> all_clients;
  WordTable clients;  // word -> the id of a client of init's template
  std::vector<std::string> totals;
  std::vector<std::string> signature;
  std::vector<std::string> continued;  // «Продолжение таблицы»: a mark of the header repeated
  std::vector<std::string> marks_yes;
  std::vector<std::string> marks_no;
};

// Reads a vocabulary from the YAML of data/import.yaml. Throws Error(failure) naming the entry
// when a column, channel or section is unknown or a list is not a list of texts.
Vocabulary read_vocabulary(std::string_view yaml);

// data/import.yaml, read once.
const Vocabulary& vocabulary();

// The column a heading names: the column whose word comes first in it, the longer word at the
// same place.
std::optional<Column> classify_heading(std::string_view heading);

// The value of the longest word of `table` that `text` (normalised) is, or starts with as a word.
std::optional<std::string> lookup(const WordTable& table, std::string_view normalised);
// The same, for `text` that must be the word exactly.
std::optional<std::string> lookup_exact(const WordTable& table, std::string_view normalised);

}  // namespace perechen::importing
