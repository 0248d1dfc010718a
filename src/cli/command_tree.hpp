// SPDX-License-Identifier: Apache-2.0
#pragma once

// The commands and options of the program as data, read from the CLI11 definitions, so that
// shell completions and man pages are generated from the one place the options are written
// (command_completion.cpp, command_man.cpp) and never drift from `--help`.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace perechen::cli {

struct OptionInfo {
  std::vector<std::string> names;  // "--output", "-o": long names first; empty for a positional
  std::string positional;          // "PATH" for a positional argument
  std::string description;
  std::string value;  // the value's name in help ("FILE", "text|json"); empty: a flag
  std::vector<std::string> choices;  // the allowed values, when the value's name lists them
  bool files = false;                // the value is a path: complete file names
  bool directories = false;          // ... of folders only
  bool many = false;                 // a positional that takes several values
  bool exits = false;                // --help, --version: nothing else follows
};

struct CommandInfo {
  std::vector<std::string> path;  // {"roster", "allowed-signers"}; empty for the program itself
  std::string description;
  std::vector<OptionInfo> options;  // positionals last, in order
  std::vector<CommandInfo> subcommands;

  std::string name() const;                  // the last element of `path`, or "perechen"
  std::string joined(char separator) const;  // path joined: "roster allowed-signers"
};

// The program's commands, skipping hidden ones (CLI11 group ""), with their options.
CommandInfo describe(const CLI::App& app);

}  // namespace perechen::cli
