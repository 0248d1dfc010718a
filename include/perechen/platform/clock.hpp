// SPDX-License-Identifier: Apache-2.0
#pragma once

// The local time of the machine (the date a publication is stamped with). UTC needs no platform:
// std::chrono's calendar does it the same everywhere.
//
// One interface, a backend per platform: src/platform/posix/clock.cpp (localtime_r) and
// src/platform/windows/clock.cpp (localtime_s).

#include <ctime>

namespace perechen::platform {

// `time` broken down in the machine's time zone (TZ on POSIX, the system's zone on Windows).
std::tm local_time(std::time_t time);

}  // namespace perechen::platform
