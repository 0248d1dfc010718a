// SPDX-License-Identifier: Apache-2.0
#include "perechen/calendar/date.hpp"

#include <fmt/format.h>

namespace perechen::calendar {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The number written by `count` digits at `text[at]`; the caller has checked they are digits.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

std::chrono::year_month_day to_ymd(const Date& date) {
  return std::chrono::year{date.year} / std::chrono::month{static_cast<unsigned>(date.month)} /
         std::chrono::day{static_cast<unsigned>(date.day)};
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && !is_digit(text[i]))
      return std::nullopt;
  }
  Date date{digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)};
  if (!to_ymd(date).ok())
    return std::nullopt;
  return date;
}

Date Date::from_sys_days(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd{days};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::chrono::sys_days Date::to_sys_days() const {
  return std::chrono::sys_days{to_ymd(*this)};
}

std::string Date::iso() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::chrono::weekday Date::weekday() const {
  return std::chrono::weekday{to_sys_days()};
}

bool Date::is_weekend() const {
  const auto wd = weekday();
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

Date Date::next() const {
  return from_sys_days(to_sys_days() + std::chrono::days{1});
}

}  // namespace perechen::calendar
