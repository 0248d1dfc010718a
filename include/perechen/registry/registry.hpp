#pragma once

#include <filesystem>
#include <map>
#include <optional>
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

  // The text of line `line` (1-based) of `file`, without its line break; empty if unknown.
  std::string_view line_text(std::string_view file, int line) const;
};

// Loads everything from `source`, parsing each file exactly once, in parallel on every core.
// Problems of the files (syntax, encoding, limits, unreadable) go to `out`.
Registry load_registry(const ContentSource& source, Diagnostics& out);

// The nearest folder from `start` upward that holds perechen.yaml, or nullopt.
std::optional<std::filesystem::path> find_registry_root(const std::filesystem::path& start);

}  // namespace perechen
