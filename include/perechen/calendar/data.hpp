// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perechen/calendar/date.hpp"

namespace perechen::calendar {

// One year of the production calendar, as data/calendar/YYYY.yaml ships it.
struct Year {
  int year = 0;
  std::string source;        // the government decree, or where a preliminary year comes from
  bool preliminary = false;  // no decree yet: the days may change when it is out
  int working_days = 0;      // the number the source states; read_year checks the lists against it
  std::vector<Date> weekdays_off;      // Monday to Friday that are not working days
  std::vector<Date> working_weekends;  // Saturdays and Sundays that are working days
};

// A fixed public holiday of Labour Code art. 112, as data/calendar/holidays.yaml ships it.
struct Holiday {
  int month = 0;
  int day = 0;
  std::string name;
  bool moves = false;  // on a Saturday or Sunday it moves the day off to the next working day
};

// Read a shipped data file. A file that is malformed or contradicts itself (a date outside the
// year, a "weekday" that is a Sunday, a stated working_days that the lists do not give) is a
// broken build, not a user's mistake: perechen::Error naming the file and the place.
Year read_year(std::string_view yaml, std::string_view file);
std::vector<Holiday> read_holidays(std::string_view yaml, std::string_view file);

// What is wrong with a registry's own year file, and where: 1-based line and column (0 when the
// place is unknown), and the problem in the current language, without the file name.
struct YearProblem {
  int line = 0;
  int column = 0;
  std::string message;
};

// A registry's own year file (calendar/YYYY.yaml, registry/calendar_files.hpp): the checks of
// read_year, and `year` must be `named`, the year in the file's name. A broken file is a user's
// mistake, so it is a problem to report, never an exception. `yaml` must have passed the registry
// parser's guards (yaml::parse) first: this reads it with yaml-cpp as it is.
std::variant<Year, YearProblem> check_year(std::string_view yaml, int named);

}  // namespace perechen::calendar
