// SPDX-License-Identifier: Apache-2.0
// The local time of perechen/platform/clock.hpp on POSIX.

#include "perechen/platform/clock.hpp"

namespace perechen::platform {

std::tm local_time(std::time_t time) {
  std::tm local{};
  localtime_r(&time, &local);
  return local;
}

}  // namespace perechen::platform
