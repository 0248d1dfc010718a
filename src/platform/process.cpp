// SPDX-License-Identifier: Apache-2.0
// What every backend of perechen/platform/process.hpp shares: the words of SpawnError, and the
// Windows command line (plain text, so it is built and tested on every platform).

#include "perechen/platform/process.hpp"
#include "perechen/i18n.hpp"

namespace perechen::platform {
namespace {

std::string spawn_message(const std::string& program, bool not_found, const std::string& reason) {
  if (not_found)
    return tr("process.not-found", fmt::arg("program", program));
  return tr("process.cannot-run", fmt::arg("program", program), fmt::arg("reason", reason));
}

// One argument as the Microsoft C runtime reads it back: left bare when it has nothing to
// quote; otherwise in quotes, where 2n backslashes before a quote mean n backslashes and 2n+1
// mean n and a literal quote, and backslashes elsewhere are themselves.
void append_quoted(std::string& line, std::string_view argument) {
  if (!argument.empty() && argument.find_first_of(" \t\n\v\"") == std::string_view::npos) {
    line += argument;
    return;
  }
  line += '"';
  std::size_t backslashes = 0;
  for (char c : argument) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == '"') {
      line.append(2 * backslashes + 1, '\\');
    } else {
      line.append(backslashes, '\\');
    }
    backslashes = 0;
    line += c;
  }
  // The closing quote must not be escaped by the argument's own trailing backslashes.
  line.append(2 * backslashes, '\\');
  line += '"';
}

}  // namespace

SpawnError::SpawnError(std::string program, bool not_found, const std::string& reason)
    : Error(ExitCode::failure, spawn_message(program, not_found, reason)),
      program_(std::move(program)),
      not_found_(not_found) {}

std::string windows_command_line(const std::vector<std::string>& argv) {
  if (argv.empty())
    throw Error(ExitCode::failure, "windows_command_line: empty argv");
  const std::string& program = argv.front();
  if (program.find('"') != std::string::npos) {
    throw SpawnError(program, false, tr("process.quote-in-name"));
  }
  std::string line = "\"" + program + "\"";
  for (std::size_t i = 1; i < argv.size(); ++i) {
    line += ' ';
    append_quoted(line, argv[i]);
  }
  return line;
}

std::vector<std::string> windows_split_command_line(std::string_view line) {
  std::vector<std::string> arguments;
  std::size_t at = 0;
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  // The program's name: no escapes, quotes only group.
  std::string program;
  bool quoted = false;
  for (; at < line.size(); ++at) {
    char c = line[at];
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (!quoted && blank(c))
      break;
    program += c;
  }
  arguments.push_back(std::move(program));
  for (;;) {
    while (at < line.size() && blank(line[at]))
      ++at;
    if (at >= line.size())
      break;
    std::string argument;
    quoted = false;
    while (at < line.size() && (quoted || !blank(line[at]))) {
      std::size_t backslashes = 0;
      while (at < line.size() && line[at] == '\\') {
        ++backslashes;
        ++at;
      }
      if (at < line.size() && line[at] == '"') {
        argument.append(backslashes / 2, '\\');
        if (backslashes % 2 == 1) {
          argument += '"';
        } else if (quoted && at + 1 < line.size() && line[at + 1] == '"') {
          argument += '"';
          ++at;
        } else {
          quoted = !quoted;
        }
        ++at;
        continue;
      }
      argument.append(backslashes, '\\');
      if (at < line.size() && (quoted || !blank(line[at]))) {
        argument += line[at];
        ++at;
      }
    }
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

}  // namespace perechen::platform
