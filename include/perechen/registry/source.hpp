// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perechen/diagnostic.hpp"
#include "perechen/registry/files.hpp"

namespace perechen {

// Where registry content is read from: the working tree, or (for approvals and export) a tree of
// a git commit. Paths are relative to the registry root with '/' separators.
class ContentSource {
 public:
  virtual ~ContentSource() = default;

  // Every point file: points/**/*.yaml and *.yml, sorted (registry/files.hpp says which files
  // count). Entries that cannot be taken (a symbolic link, an unreadable folder, a folder nested
  // too deep) are reported to `out` and left out.
  virtual std::vector<std::string> point_files(Diagnostics& out) const = 0;
  // Why nothing of this source can be read: a git tree that does not read unambiguously
  // (registry/files.hpp). A folder of the file system is never malformed as a whole: what cannot
  // be taken there is a finding about that one entry.
  virtual std::optional<Malformation> malformed() const { return std::nullopt; }
  virtual bool exists(const std::string& path) const = 0;
  // The bytes of a file, or nullopt after reporting to `out` why it cannot be read (file-access,
  // or file-limits for a file over 1 MiB, which is never read whole).
  virtual std::optional<std::string> read(const std::string& path, Diagnostics& out) const = 0;
  // Every entry of the registry's own calendar folder (registry/calendar_files.hpp), as paths
  // "calendar/NAME", sorted, whatever their names and kinds (the reader judges them); none when
  // there is no such folder. A calendar entry that is not a folder is reported to `out`. A source
  // without calendar files (an in-memory one) keeps the default.
  virtual std::vector<std::string> calendar_files(Diagnostics& out) const {
    (void)out;
    return {};
  }
};

// The registry in a folder of the file system.
// The registry in a folder of the file system, its files as they are (git/worktree_source.hpp
// reads a git working tree as git sees it).
std::unique_ptr<ContentSource> make_directory_source(const std::filesystem::path& root);

}  // namespace perechen
