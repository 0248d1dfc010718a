// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/registry/point.hpp"
#include "perechen/registry/roster.hpp"
#include "perechen/registry/source.hpp"

namespace perechen {

// A whole registry as loaded: settings, roster, points, and the text of every file for printing
// source lines under findings.
struct Registry {
  std::optional<Config> config;  // nullopt when perechen.yaml could not be parsed
  std::optional<Roster> roster;  // nullopt when roster.yaml is absent or could not be parsed
  std::vector<Point> points;     // every point file that parsed, in path order
  std::size_t files = 0;         // registry files looked at (settings, roster, points)
  std::map<std::string, std::string, std::less<>> texts;  // path -> file content
  // Point files the last commit already holds byte for byte (validate fills it from git); a file
  // not here is new or changed in the change being made. Empty when nothing says (outside git,
  // before the first commit): then no file counts as older than another.
  std::set<std::string, std::less<>> settled;

  // The text of line `line` (1-based) of `file`, without its line break; empty if unknown.
  std::string_view line_text(std::string_view file, int line) const;
};

// One registry file as load_registry takes it in: its bytes, the findings of reading and parsing
// it, and what it holds, read leniently (one of config, roster, point, by its path; none when it
// does not parse).
struct LoadedFile {
  std::optional<std::string> bytes;  // nullopt when it could not be read (diagnostics say why)
  Diagnostics diagnostics;
  std::optional<Config> config;
  std::optional<Roster> roster;
  std::optional<Point> point;
};

// Parses the registry file `path` from `bytes` (nullopt when reading failed; `read` holds the
// findings of reading it).
LoadedFile load_file(const std::string& path, std::optional<std::string> bytes, Diagnostics read);

// How load_registry takes in a file, called from several threads at once. By default the file is
// read from the source and parsed; a reader of many versions of one registry (the evaluation of
// approvals) passes one that hands back files it parsed before.
using FileLoader = std::function<LoadedFile(const std::string& path)>;

// Loads everything from `source`, parsing each file exactly once, in parallel on every core.
// Problems of the files (syntax, encoding, limits, unreadable) go to `out`. A malformed source
// (ContentSource::malformed) gives one finding and an empty registry: nothing of it is read.
Registry load_registry(const ContentSource& source, Diagnostics& out, const FileLoader& load = {});

// The nearest folder from `start` upward that holds perechen.yaml, or nullopt.
std::optional<std::filesystem::path> find_registry_root(const std::filesystem::path& start);

}  // namespace perechen
