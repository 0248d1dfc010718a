// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every command shares: the global options, and the registry opened once on demand.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "perechen/exit_code.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/terminal.hpp"
#include "perechen/registry/config.hpp"

namespace perechen::cli {

struct Context {
  std::string directory;  // -C DIR
  std::string lang = "ru";
  std::string color = "auto";
  ExitCode result = ExitCode::ok;  // set by the command that ran

  // The folder commands start from: -C DIR, or the current folder.
  std::filesystem::path start_dir() const;
  // The registry root found upward from start_dir(); throws Error(failure) when there is none.
  std::filesystem::path registry_root() const;
  // Whether to colour what goes to `stream`.
  bool use_color(platform::Stream stream) const;
  // Where `--output FILE` (relative to start_dir()) leads, judged before any work is done:
  // throws Error(usage) for a folder or a loop of links (platform::output_target).
  platform::Output output_target(const std::string& file) const;
};

// Checks that an option's value is one of `choices`. The option's type name already lists them
// (`--format text|json`), so the validator adds no description of its own to the help.
inline CLI::Validator one_of(std::vector<std::string> choices) {
  CLI::Validator validator = CLI::IsMember(std::move(choices));
  validator.description("");
  return validator;
}

// Adds `--anchor COMMIT` to a command that judges approvals (spec §5.1, rule 3); the value goes to
// approval::resolve_anchor, which falls back on git's perechen.anchor.
void add_anchor_option(CLI::App& cmd, std::string& anchor);

// Puts every option and subcommand of `app`, recursively, under the translated group headings.
void translate_groups(CLI::App& app);

// A message in the current language, for option descriptions and output (data/messages/cli.yaml).
std::string text(const char* key);

// Each command adds its subcommand to `app` with a callback that sets ctx.result.
// One function per command file (command_*.cpp); the list is in commands.cpp.
void register_commands(CLI::App& app, Context& ctx);

// perechen.yaml of the registry at `root`, read leniently as validate reads it (validate says what
// is wrong in it). Throws Error(failure) with the message `broken_key` ({file}: its path) when it
// cannot be read or is not YAML at all.
Config load_config(const std::filesystem::path& root, const char* broken_key);

}  // namespace perechen::cli
