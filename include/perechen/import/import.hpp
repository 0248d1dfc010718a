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

struct Plan {
  std::string table;            // the name of the table read
  std::size_t heading_row = 0;  // its heading row in the source
  bool new_registry = false;
  std::string config_text;  // a new registry's perechen.yaml
  std::string roster_text;  // a new registry's roster.yaml
  std::vector<PointFile> points;
  std::vector<Problem> problems;  // in row order
};

// The plan for `tables` read from `source_name`. `registry` is the settings of the registry
// imported into; nullptr makes a new registry from init's template. Throws Error(problems) when no
// table has the heading row of the appendix form.
Plan plan_import(const std::vector<Table>& tables, std::string_view source_name,
                 const Config* registry);

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
