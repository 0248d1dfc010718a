// SPDX-License-Identifier: Apache-2.0
#pragma once

// `perechen import` (spec §9): from the tables of a document to point files. The mapper finds
// the table of the appendix form by its heading row, reads each row's cells into the fields of a
// point (numbered needs, several clients in a cell, the channel and contact from the point's
// cell), matches directions, processes and clients to the ids of a registry, or makes the
// settings of a new one, and says what it could not map with certainty, at its row and column.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/import/table.hpp"
#include "perechen/registry/config.hpp"

namespace perechen::importing {

// Something of the source a person must look at: where it is and what is wrong.
struct Problem {
  std::string table;    // the table's name when the list spans several tables, else empty
  std::size_t row = 0;  // in the source
  std::string column;   // "D" in a spreadsheet, "4" in a document or csv; empty: the whole row
  std::string heading;  // the heading of that column in the source
  std::string message;
};

// "строка 5, столбец D «Точка взаимодействия»" in the current language.
std::string place(const Problem& problem);

struct PointFile {
  std::string path;  // relative to the registry root, '/'-separated
  std::string content;
  std::size_t row = 0;  // in the source
};

// Every row below the header blocks is counted once: a point, structure of a kind, or unknown.
struct Summary {
  std::size_t tables = 0;  // tables read as the list
  std::size_t rows = 0;    // rows with text below their header blocks
  std::size_t points = 0;
  std::size_t headers = 0;     // the header repeated (on a later page)
  std::size_t numbering = 0;   // rows of column numbers
  std::size_t sections = 0;    // directions and processes as full-width rows
  std::size_t totals = 0;      // «Итого», «Всего»
  std::size_t signatures = 0;  // a signature or approval block
  std::size_t continued = 0;   // rows that go on with the point above (a tall point of an xlsx)
  std::size_t unknown = 0;     // rows that are none of these (each is a problem)
  std::vector<std::pair<std::string, std::size_t>> rows_to_look;  // table, row: with a problem
};

struct Plan {
  std::string table;            // the name of the table read
  std::size_t heading_row = 0;  // its heading row in the source
  bool new_registry = false;
  std::string config_text;  // a new registry's perechen.yaml
  std::string roster_text;  // a new registry's roster.yaml
  std::vector<PointFile> points;
  std::vector<Problem> problems;  // by table, in row order
  Summary summary;
};

// A point the registry has already: a row that names it again is not written again.
struct ExistingPoint {
  std::string file;  // relative to the root
  std::string process;
  std::string name;
};

// The plan for `tables` read from `source_name`. `registry` is the settings of the registry
// imported into; nullptr makes a new registry from init's template. Throws Error(problems) when no
// table has the heading row of the appendix form.
// `existing`: the registry's points; a row whose point is there (the same process and name, as
// rule 2.7 compares them) under another file is reported with both places and not planned.
Plan plan_import(const std::vector<Table>& tables, std::string_view source_name,
                 const Config* registry, const std::vector<ExistingPoint>& existing = {});

struct WriteOutcome {
  std::vector<std::string> written;   // paths relative to the root
  std::vector<std::string> existing;  // already there, left untouched
};

// Writes the plan under `root`: for a new registry the files of init's template (with the plan's
// settings and roster), then each point file; never over a file that is there.
WriteOutcome write_plan(const std::filesystem::path& root, const Plan& plan);

// What write_plan would do, without writing.
WriteOutcome dry_run(const std::filesystem::path& root, const Plan& plan);

}  // namespace perechen::importing
