// SPDX-License-Identifier: Apache-2.0
#include "perechen/calendar/data.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::calendar {
namespace {

// A check of a year file that failed: where (1-based, 0 when unknown) and what.
struct Failure {
  YearProblem problem;
};

// The shipped files are read with yaml-cpp directly rather than through the registry parser:
// they are ours, compiled in, and checked by the unit tests, so the hostile-input guards of
// registry files would only hide a broken build behind a diagnostic. A registry's own year file
// passes those guards first (registry/calendar_files.hpp) and is then read here the same way.
// A failed check throws Failure; each entry point turns it into its own kind of report.
class Reader {
 public:
  explicit Reader(std::string_view yaml) {
    try {
      root_ = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
      fail(e.mark, tr("calendar.data-not-yaml", fmt::arg("detail", e.msg)));
    }
    if (!root_.IsMap())
      fail(root_.Mark(), tr("calendar.data-not-map"));
  }

  const YAML::Node& root() const { return root_; }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& problem) const {
    // yaml-cpp marks are 0-based and -1 when unknown; people count lines and columns from 1.
    // The column is yaml-cpp's, in bytes: exact for the ASCII keys and dates a year file holds.
    throw Failure{YearProblem{mark.line >= 0 ? mark.line + 1 : 0,
                              mark.line >= 0 && mark.column >= 0 ? mark.column + 1 : 0, problem}};
  }

  // A misspelt key would otherwise be ignored and its value silently lost.
  void only_fields(const YAML::Node& map, std::initializer_list<std::string_view> known) const {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        fail(entry.first.Mark(), tr("calendar.data-unknown-field", fmt::arg("field", key)));
      }
    }
  }

  YAML::Node field(const YAML::Node& map, const char* key) const {
    const YAML::Node value = map[key];
    if (!value)
      fail(map.Mark(), tr("calendar.data-missing-field", fmt::arg("field", key)));
    return value;
  }

  template <typename T>
  T scalar(const YAML::Node& map, const char* key) const {
    const YAML::Node value = field(map, key);
    T result{};
    if (!value.IsScalar() || !YAML::convert<T>::decode(value, result))
      bad(value, key);
    return result;
  }

  std::string text(const YAML::Node& map, const char* key) const {
    const YAML::Node value = field(map, key);
    if (!value.IsScalar() || value.Scalar().empty())
      bad(value, key);
    return value.Scalar();
  }

  YAML::Node sequence(const YAML::Node& map, const char* key) const {
    const YAML::Node value = field(map, key);
    if (!value.IsSequence())
      bad(value, key);
    return value;
  }

  [[noreturn]] void bad(const YAML::Node& value, const char* key) const {
    const std::string shown = value.IsScalar() ? value.Scalar() : std::string("…");
    fail(value.Mark(),
         tr("calendar.data-bad-field", fmt::arg("field", key), fmt::arg("value", shown)));
  }

 private:
  YAML::Node root_;
};

// A failure of a shipped file: a broken build, named by file and line.
[[noreturn]] void broken(const Failure& failure, std::string_view file) {
  throw Error(ExitCode::failure, tr("calendar.data-invalid", fmt::arg("file", file),
                                    fmt::arg("line", std::max(failure.problem.line, 1)),
                                    fmt::arg("problem", failure.problem.message)));
}

// Dates of one list of a year file, each in the year, of the expected kind of day, listed once.
std::vector<Date> read_dates(const Reader& reader, const YAML::Node& map, const char* key, int year,
                             bool weekend) {
  std::vector<Date> dates;
  for (const YAML::Node& item : reader.sequence(map, key)) {
    const std::optional<Date> date =
        item.IsScalar() ? Date::parse(item.Scalar()) : std::optional<Date>{};
    if (!date) {
      reader.fail(item.Mark(),
                  tr("calendar.bad-date", fmt::arg("text", item.IsScalar() ? item.Scalar() : "…")));
    }
    if (date->year != year) {
      reader.fail(item.Mark(), tr("calendar.data-wrong-year", fmt::arg("date", date->iso()),
                                  fmt::arg("year", year)));
    }
    if (date->is_weekend() != weekend) {
      reader.fail(item.Mark(),
                  tr(weekend ? "calendar.data-not-weekend" : "calendar.data-not-weekday",
                     fmt::arg("date", date->iso()), fmt::arg("field", key)));
    }
    if (std::find(dates.begin(), dates.end(), *date) != dates.end()) {
      reader.fail(item.Mark(), tr("calendar.data-duplicate", fmt::arg("date", date->iso())));
    }
    dates.push_back(*date);
  }
  std::sort(dates.begin(), dates.end());
  return dates;
}

Year parse_year(std::string_view yaml, std::optional<int> named) {
  const Reader reader(yaml);
  const YAML::Node& root = reader.root();
  reader.only_fields(
      root, {"year", "source", "preliminary", "working_days", "weekdays_off", "working_weekends"});
  Year year;
  year.year = reader.scalar<int>(root, "year");
  // Four digits, as the file name and YYYY-MM-DD dates write it.
  if (year.year < 1000 || year.year > 9999)
    reader.bad(root["year"], "year");
  if (named && year.year != *named)
    reader.fail(root["year"].Mark(), tr("calendar.data-file-year", fmt::arg("year", year.year)));
  year.source = reader.text(root, "source");
  year.preliminary = reader.scalar<bool>(root, "preliminary");
  year.working_days = reader.scalar<int>(root, "working_days");
  year.weekdays_off = read_dates(reader, root, "weekdays_off", year.year, false);
  year.working_weekends = read_dates(reader, root, "working_weekends", year.year, true);

  // The stated total guards the lists: a date dropped or mistyped when a year is entered or
  // replaced changes the count, and the decree's total is printed in every published calendar.
  int weekdays = 0;
  for (Date day{year.year, 1, 1}; day.year == year.year; day = day.next()) {
    if (!day.is_weekend())
      ++weekdays;
  }
  const int counted = weekdays - static_cast<int>(year.weekdays_off.size()) +
                      static_cast<int>(year.working_weekends.size());
  if (counted != year.working_days) {
    reader.fail(root["working_days"].Mark(), tr("calendar.data-count", fmt::arg("counted", counted),
                                                fmt::arg("stated", year.working_days)));
  }
  return year;
}

std::vector<Holiday> parse_holidays(std::string_view yaml) {
  const Reader reader(yaml);
  const YAML::Node& root = reader.root();
  reader.only_fields(root, {"source", "holidays"});
  reader.text(root, "source");
  std::vector<Holiday> holidays;
  for (const YAML::Node& item : reader.sequence(root, "holidays")) {
    if (!item.IsMap())
      reader.fail(item.Mark(), tr("calendar.data-not-map"));
    reader.only_fields(item, {"date", "name", "moves"});
    // MM-DD, checked against a year that is not a leap year: a holiday must exist every year.
    const std::string month_day = reader.text(item, "date");
    const std::optional<Date> date = Date::parse("2001-" + month_day);
    if (!date || month_day.size() != 5)
      reader.bad(item["date"], "date");
    holidays.push_back(Holiday{date->month, date->day, reader.text(item, "name"),
                               reader.scalar<bool>(item, "moves")});
  }
  return holidays;
}

}  // namespace

Year read_year(std::string_view yaml, std::string_view file) {
  try {
    return parse_year(yaml, std::nullopt);
  } catch (const Failure& failure) {
    broken(failure, file);
  }
}

std::variant<Year, YearProblem> check_year(std::string_view yaml, int named) {
  try {
    return parse_year(yaml, named);
  } catch (const Failure& failure) {
    return failure.problem;
  } catch (const YAML::Exception& e) {
    // A conversion yaml-cpp refuses outside the checks above: still the file's fault.
    return YearProblem{e.mark.line >= 0 ? e.mark.line + 1 : 0,
                       e.mark.line >= 0 && e.mark.column >= 0 ? e.mark.column + 1 : 0,
                       tr("calendar.data-not-yaml", fmt::arg("detail", e.msg))};
  }
}

std::vector<Holiday> read_holidays(std::string_view yaml, std::string_view file) {
  try {
    return parse_holidays(yaml);
  } catch (const Failure& failure) {
    broken(failure, file);
  }
}

}  // namespace perechen::calendar
