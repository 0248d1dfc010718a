// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace perechen::calendar {

// A calendar day of the proleptic Gregorian calendar, as perechen.yaml, --date and the calendar
// data write it: YYYY-MM-DD. Arithmetic goes through std::chrono::sys_days, so leap years and
// month lengths come from <chrono>, not from tables of our own.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  // Strictly YYYY-MM-DD (four, two and two digits) naming a real day; nullopt otherwise
  // ("2026-2-3", "2026-02-30", " 2026-02-03").
  static std::optional<Date> parse(std::string_view text);
  static Date from_sys_days(std::chrono::sys_days days);

  // Only for a real day (one from parse, from_sys_days or next); a Date built by hand from
  // out-of-range fields gives an unspecified day.
  std::chrono::sys_days to_sys_days() const;
  std::string iso() const;  // YYYY-MM-DD
  std::chrono::weekday weekday() const;
  bool is_weekend() const;  // Saturday or Sunday
  Date next() const;
};

}  // namespace perechen::calendar
