// SPDX-License-Identifier: Apache-2.0
#pragma once

// Running the built perechen binary on a pseudo-terminal, as a person at a keyboard would: for the
// commands that ask (`approve`, `new`) only when their input is a terminal.

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "fixture.hpp"

namespace perechen::test {

// Runs perechen with `args` on a terminal as its standard input and output, in `cwd`, with `env`
// added (and NO_COLOR set), typing `input`. Everything the terminal showed is in `out` (`err` stays
// empty: both streams go to the terminal). A program still waiting after 20 seconds is killed.
RunResult perechen_on_terminal(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd,
                               const std::map<std::string, std::string>& env,
                               const std::string& input);

// The same, answering as a person would who reads before typing: each answer is typed only once
// its prompt (the first text of the pair) has shown after the previous prompt, so that a program
// which drops what was typed ahead (a passphrase prompt does) still gets it. Prompts that never
// show leave their answers untyped, and the program is killed after 20 seconds.
RunResult perechen_in_dialogue(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd,
                               const std::map<std::string, std::string>& env,
                               const std::vector<std::pair<std::string, std::string>>& answers);

}  // namespace perechen::test
