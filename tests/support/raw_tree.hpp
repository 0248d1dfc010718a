// SPDX-License-Identifier: Apache-2.0
#pragma once

// Git trees written byte by byte, the way a forger writes them: `git mktree` and libgit2 sort the
// entries and refuse two of one name, so the tests of malformed trees write the object themselves
// (`git hash-object -t tree --literally -w`), in the order and with the modes they are given.

#include <filesystem>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace perechen::test {

struct RawEntry {
  std::string mode;  // as a tree stores it: "100644", "100755", "40000", "120000", "160000"
  std::string name;
  std::string id;  // 40 hex digits
};

// The entries of `treeish` in `repo` ("HEAD^{tree}", "HEAD:points"), in its order.
inline std::vector<RawEntry> raw_entries(const std::filesystem::path& repo,
                                         const std::string& treeish) {
  std::string listing = git(repo, {"ls-tree", "-z", treeish});
  std::vector<RawEntry> entries;
  std::size_t at = 0;
  while (at < listing.size()) {
    std::size_t end = listing.find('\0', at);
    std::string line = listing.substr(at, end - at);
    at = end + 1;
    // "<mode> <type> <id>\t<name>"; git prints a tree's mode as 040000, a tree stores 40000.
    std::size_t space = line.find(' ');
    std::size_t tab = line.find('\t');
    std::string mode = line.substr(0, space);
    while (mode.size() > 1 && mode[0] == '0')
      mode.erase(0, 1);
    entries.push_back({mode, line.substr(tab + 1), line.substr(tab - 40, 40)});
  }
  return entries;
}

// Writes a tree of exactly these entries, in this order; returns its id.
inline std::string write_raw_tree(const std::filesystem::path& repo,
                                  const std::vector<RawEntry>& entries) {
  std::string bytes;
  for (const auto& entry : entries) {
    bytes += entry.mode + " " + entry.name;
    bytes += '\0';
    for (std::size_t i = 0; i < 40; i += 2)
      bytes += static_cast<char>(std::stoi(entry.id.substr(i, 2), nullptr, 16));
  }
  TempDir scratch;
  auto file = scratch.write("tree", bytes);
  return git(repo, {"hash-object", "-t", "tree", "--literally", "-w", file.string()}).substr(0, 40);
}

// Writes a blob; returns its id.
inline std::string write_raw_blob(const std::filesystem::path& repo, const std::string& text) {
  TempDir scratch;
  auto file = scratch.write("blob", text);
  return git(repo, {"hash-object", "-w", file.string()}).substr(0, 40);
}

// `entries` with `entry` in place of the entry of its name (the first one), or added at the end.
inline std::vector<RawEntry> replaced(std::vector<RawEntry> entries, const RawEntry& entry) {
  for (auto& e : entries) {
    if (e.name == entry.name) {
      e = entry;
      return entries;
    }
  }
  entries.push_back(entry);
  return entries;
}

// A commit of `tree` on top of `parent`; returns its id (no ref is moved).
inline std::string commit_tree(const std::filesystem::path& repo, const std::string& tree,
                               const std::string& parent, const std::string& message) {
  return git(repo, {"commit-tree", tree, "-p", parent, "-m", message}).substr(0, 40);
}

}  // namespace perechen::test
