// SPDX-License-Identifier: Apache-2.0
#pragma once

// A registry's own production calendar years (spec §7, docs/calendar.md): calendar/YYYY.yaml in
// the registry folder, in the format of data/calendar/YYYY.yaml, each replacing the shipped year
// of its number (calendar::Calendar::replace_year). So a preliminary year is corrected by its
// decree without a new build of perechen.
//
// Invariants: a year is taken only from a file that passes every check (the registry parser's
// guards, then read_year's checks, its name YYYY.yaml and its `year` the same); anything else is a
// located finding and the file is left out, never an exception. The files change deadlines, not
// the list: they are not registry content (approval/content.hpp), and approvers do not sign them.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/calendar/data.hpp"
#include "perechen/diagnostic.hpp"
#include "perechen/registry/source.hpp"

namespace perechen {

inline constexpr std::string_view kCalendarFolder = "calendar";

// The year file `path` ("calendar/2027.yaml") from `bytes`: the year, or nullopt after reporting
// to `out` why not (registry-calendar, or the yaml-* / file-* rules of the parser).
std::optional<calendar::Year> read_calendar_file(const std::string& path, std::string_view bytes,
                                                 Diagnostics& out);

// Every calendar file of `source` that passes, in the order of their names; the findings of the
// others go to `out`. With `texts`, the bytes of every file read are kept there by path (for the
// source lines under findings).
std::vector<calendar::Year> read_calendar_files(
    const ContentSource& source, Diagnostics& out,
    std::map<std::string, std::string, std::less<>>* texts = nullptr);

}  // namespace perechen
