// SPDX-License-Identifier: Apache-2.0
// The local time of perechen/platform/clock.hpp on Windows: the C runtime's localtime_s (whose
// arguments are the other way round from C11's), thread-safe as localtime_r.

#include "perechen/platform/clock.hpp"

namespace perechen::platform {

std::tm local_time(std::time_t time) {
  std::tm local{};
  localtime_s(&local, &time);
  return local;
}

}  // namespace perechen::platform
