// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace perechen {

// The exit codes of every command (spec §4). main() is the only place that turns them into a
// status.
enum class ExitCode : int {
  ok = 0,        // success; for verify: fully approved
  problems = 1,  // the check found problems; for verify: not fully approved
  usage = 2,     // unknown option, bad argument
  failure = 3,   // could not run: not a registry, unreadable repository, git or signing failure
};

inline int to_int(ExitCode code) {
  return static_cast<int>(code);
}

}  // namespace perechen
