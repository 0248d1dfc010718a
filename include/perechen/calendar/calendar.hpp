// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Russian production calendar and "no later than N working days after" (clause 3.1).
//
// A day is a working day when the calendar of its year says so: Monday to Friday except the days
// off its decree lists, plus the Saturdays and Sundays the decree makes working (a shortened
// pre-holiday day is still a working day). A registry's own days off (perechen.yaml
// publication.days_off) are never working days. A year the shipped calendar does not cover is
// counted by a stated fallback: Monday to Friday minus the fixed holidays of Labour Code art. 112,
// a holiday on a Saturday or Sunday moving the day off to the next working day, except in January.
// Every answer says which years it took from the fallback or from a preliminary calendar, so that
// the caller warns instead of passing a guess off as the law.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "perechen/calendar/data.hpp"
#include "perechen/calendar/date.hpp"

namespace perechen::calendar {

enum class Coverage {
  official,     // a government decree settles the year
  preliminary,  // shipped, but the decree is not out yet
  uncovered,    // not shipped: the fallback rule counts it
};

// The years an answer counted days in that no decree settles, each in increasing order.
struct Basis {
  std::vector<int> preliminary_years;
  std::vector<int> uncovered_years;
  bool official() const { return preliminary_years.empty() && uncovered_years.empty(); }
};

struct Due : Basis {
  Date date;
};

struct Count : Basis {
  int working_days = 0;
};

// The most working days due_after accepts: a deadline years away is a mistake in perechen.yaml,
// and the bound keeps a huge number from turning into a long loop.
inline constexpr int kMaxWorkingDays = 1000;

class Calendar {
 public:
  Calendar(std::vector<Year> years, std::vector<Holiday> holidays);

  // The calendar shipped in data/calendar/: every YYYY.yaml there and holidays.yaml for the
  // fallback. Throws perechen::Error when the shipped data is broken.
  static Calendar builtin();

  // A registry's own year file (calendar/YYYY.yaml) in place of the shipped year, or as a year the
  // shipped calendar lacks: the registry's year wins. Its `preliminary` decides its coverage.
  void replace_year(Year year);

  // A registry's own non-working days; they move deadlines in covered and uncovered years alike.
  void add_days_off(const std::vector<Date>& days);
  // A registry's own working days (publication.extra_working_days): days the calendar has off
  // that count as working days, e.g. a preliminary year corrected by its decree. A registry day off
  // on the same date wins.
  void add_working_days(const std::vector<Date>& days);

  bool is_working_day(Date day) const;
  Coverage coverage(int year) const;
  // The shipped data of a year (its source, for a warning or a report); nullptr when uncovered.
  const Year* find_year(int year) const;

  // "No later than N working days after the event": the N-th working day after `event`, counting
  // from the next working day (the event day itself never counts). N = 0 gives the event day.
  // Throws perechen::Error for N outside 0..kMaxWorkingDays.
  Due due_after(Date event, int working_days) const;

  // The working days d with from < d <= to, negative when `to` is before `from`; so
  // working_days_between(e, due_after(e, n).date).working_days == n. For "overdue by N days".
  Count working_days_between(Date from, Date to) const;

  // What the caller shows about an answer that is not official: one message per year, in the
  // current language (calendar.preliminary-year, calendar.uncovered-year).
  std::vector<std::string> warnings(const Basis& basis) const;

 private:
  class YearDays;
  YearDays days_of(int year) const;

  std::map<int, Year> years_;
  std::vector<Holiday> holidays_;
  std::set<Date> registry_days_off_;
  std::set<Date> registry_working_days_;
};

}  // namespace perechen::calendar
