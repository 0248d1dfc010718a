// SPDX-License-Identifier: Apache-2.0
#include "perechen/calendar/calendar.hpp"

#include <bitset>
#include <optional>

#include "fallback.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::calendar {

// Which days of one year are working days, with the year's coverage: built once per year an
// answer walks through, so that a walk over many days does not search the lists day by day.
class Calendar::YearDays {
 public:
  YearDays(int year, Coverage coverage) : year_(year), coverage_(coverage) {
    for (Date day{year, 1, 1}; day.year == year; day = day.next()) {
      working_[index(day)] = !day.is_weekend();
    }
  }

  int year() const { return year_; }
  Coverage coverage() const { return coverage_; }
  // test() and set() check the index, so a hand-made invalid Date throws instead of reading past
  // the year.
  bool is_working(Date day) const { return working_.test(index(day)); }
  void set(Date day, bool working) { working_.set(index(day), working); }

 private:
  std::size_t index(Date day) const {
    const auto first = std::chrono::sys_days{std::chrono::year{year_} / 1 / 1};
    return static_cast<std::size_t>((day.to_sys_days() - first).count());
  }

  int year_;
  Coverage coverage_;
  std::bitset<366> working_;
};

namespace {

constexpr std::string_view kDataDir = "data/calendar/";
constexpr std::string_view kHolidaysFile = "data/calendar/holidays.yaml";

[[noreturn]] void broken_data(const std::string& file, const std::string& problem) {
  throw Error(ExitCode::failure, tr("calendar.data-invalid", fmt::arg("file", file),
                                    fmt::arg("line", 1), fmt::arg("problem", problem)));
}

// The year a data file is named after (data/calendar/2026.yaml), or nullopt for another name.
std::optional<int> year_of_file(std::string_view name) {
  std::string_view rest = name.substr(kDataDir.size());
  if (rest.size() != 9 || rest.substr(4) != ".yaml")
    return std::nullopt;
  const std::optional<Date> first = Date::parse(std::string(rest.substr(0, 4)) + "-01-01");
  if (!first)
    return std::nullopt;
  return first->year;
}

Calendar load_builtin() {
  std::vector<Year> years;
  std::optional<std::vector<Holiday>> holidays;
  for (const std::string_view name : embedded_files()) {
    if (name.substr(0, kDataDir.size()) != kDataDir)
      continue;
    const std::string_view bytes = *embedded_file(name);
    if (name == kHolidaysFile) {
      holidays = read_holidays(bytes, name);
    } else if (const std::optional<int> named = year_of_file(name)) {
      Year year = read_year(bytes, name);
      if (year.year != *named) {
        broken_data(std::string(name), tr("calendar.data-file-year", fmt::arg("year", year.year)));
      }
      years.push_back(std::move(year));
    } else {
      broken_data(std::string(name), tr("calendar.data-unexpected-file"));
    }
  }
  if (!holidays)
    broken_data(std::string(kHolidaysFile), tr("calendar.data-missing-file"));
  return Calendar(std::move(years), std::move(*holidays));
}

}  // namespace

Calendar::Calendar(std::vector<Year> years, std::vector<Holiday> holidays)
    : holidays_(std::move(holidays)) {
  for (Year& year : years) {
    const int number = year.year;
    if (!years_.emplace(number, std::move(year)).second) {
      throw Error(ExitCode::failure, tr("calendar.data-duplicate-year", fmt::arg("year", number)));
    }
  }
}

Calendar Calendar::builtin() {
  // Parsed once per process; callers get a copy to add their registry's days off to.
  static const Calendar calendar = load_builtin();
  return calendar;
}

void Calendar::replace_year(Year year) {
  const int number = year.year;
  years_.insert_or_assign(number, std::move(year));
}

void Calendar::add_days_off(const std::vector<Date>& days) {
  registry_days_off_.insert(days.begin(), days.end());
}

void Calendar::add_working_days(const std::vector<Date>& days) {
  registry_working_days_.insert(days.begin(), days.end());
}

const Year* Calendar::find_year(int year) const {
  const auto found = years_.find(year);
  return found == years_.end() ? nullptr : &found->second;
}

Coverage Calendar::coverage(int year) const {
  const Year* data = find_year(year);
  if (data == nullptr)
    return Coverage::uncovered;
  return data->preliminary ? Coverage::preliminary : Coverage::official;
}

Calendar::YearDays Calendar::days_of(int year) const {
  YearDays days(year, coverage(year));
  if (const Year* data = find_year(year)) {
    for (const Date& day : data->weekdays_off)
      days.set(day, false);
    for (const Date& day : data->working_weekends)
      days.set(day, true);
  } else {
    for (const Date& day : fallback_weekdays_off(year, holidays_)) {
      if (day.year == year)
        days.set(day, false);
    }
  }
  for (auto it = registry_working_days_.lower_bound(Date{year, 1, 1});
       it != registry_working_days_.end() && it->year == year; ++it) {
    days.set(*it, true);
  }
  for (auto it = registry_days_off_.lower_bound(Date{year, 1, 1});
       it != registry_days_off_.end() && it->year == year; ++it) {
    days.set(*it, false);
  }
  return days;
}

bool Calendar::is_working_day(Date day) const {
  return days_of(day.year).is_working(day);
}

namespace {

// Walks go forward a year at a time, so each list stays in increasing order without sorting.
void note(Basis& basis, int year, Coverage coverage) {
  if (coverage == Coverage::preliminary)
    basis.preliminary_years.push_back(year);
  if (coverage == Coverage::uncovered)
    basis.uncovered_years.push_back(year);
}

}  // namespace

Due Calendar::due_after(Date event, int working_days) const {
  if (working_days < 0 || working_days > kMaxWorkingDays) {
    throw Error(ExitCode::problems,
                tr("calendar.working-days-out-of-range", fmt::arg("value", working_days),
                   fmt::arg("max", kMaxWorkingDays)));
  }
  Due due;
  due.date = event;
  std::optional<YearDays> days;
  for (int counted = 0; counted < working_days;) {
    due.date = due.date.next();
    if (!days || days->year() != due.date.year) {
      days = days_of(due.date.year);
      note(due, days->year(), days->coverage());
    }
    if (days->is_working(due.date))
      ++counted;
  }
  return due;
}

Count Calendar::working_days_between(Date from, Date to) const {
  if (to < from) {
    Count count = working_days_between(to, from);
    count.working_days = -count.working_days;
    return count;
  }
  Count count;
  std::optional<YearDays> days;
  for (Date day = from; day < to;) {
    day = day.next();
    if (!days || days->year() != day.year) {
      days = days_of(day.year);
      note(count, days->year(), days->coverage());
    }
    if (days->is_working(day))
      ++count.working_days;
  }
  return count;
}

std::vector<std::string> Calendar::warnings(const Basis& basis) const {
  std::vector<std::string> messages;
  for (const int year : basis.preliminary_years) {
    const Year* data = find_year(year);
    messages.push_back(tr("calendar.preliminary-year", fmt::arg("year", year),
                          fmt::arg("source", data != nullptr ? data->source : std::string())));
  }
  for (const int year : basis.uncovered_years) {
    messages.push_back(tr("calendar.uncovered-year", fmt::arg("year", year)));
  }
  return messages;
}

}  // namespace perechen::calendar
