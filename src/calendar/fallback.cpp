// SPDX-License-Identifier: Apache-2.0
#include "fallback.hpp"

#include <algorithm>

namespace perechen::calendar {

std::vector<Date> fallback_weekdays_off(int year, const std::vector<Holiday>& holidays) {
  // Every weekday holiday is in `off` before any day is moved, so the search below skips them.
  std::vector<Date> off;
  std::vector<Date> on_weekend;  // of the holidays that move
  for (const Holiday& holiday : holidays) {
    const Date day{year, holiday.month, holiday.day};
    if (!day.is_weekend()) {
      off.push_back(day);
    } else if (holiday.moves) {
      on_weekend.push_back(day);
    }
  }
  // In date order, so that when two holidays would move to the same weekday the later one takes
  // the weekday after.
  std::sort(on_weekend.begin(), on_weekend.end());
  for (Date day : on_weekend) {
    do {
      day = day.next();
    } while (day.is_weekend() || std::find(off.begin(), off.end(), day) != off.end());
    off.push_back(day);
  }
  std::sort(off.begin(), off.end());
  return off;
}

}  // namespace perechen::calendar
