// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "perechen/calendar/data.hpp"
#include "perechen/calendar/date.hpp"

namespace perechen::calendar {

// The weekdays off of a year the shipped calendar does not cover, by the stated fallback: the
// fixed holidays of Labour Code art. 112 that fall on Monday to Friday and, for each holiday that
// `moves` and falls on a Saturday or Sunday, the next weekday that is not a holiday or an earlier
// moved day (art. 112 part 2). What only a decree can say is not guessed: where the January days
// off go, a 31 December off, a working Saturday. Sorted.
std::vector<Date> fallback_weekdays_off(int year, const std::vector<Holiday>& holidays);

}  // namespace perechen::calendar
