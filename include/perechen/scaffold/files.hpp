// SPDX-License-Identifier: Apache-2.0
#pragma once

// Files that `perechen init` and `perechen new` add to folders people already work in. Such a file
// is never put over another (platform::write_new): whatever is at its path (a file, a folder, even
// a dangling link, made long ago or a moment before) stays as it is, and the caller is told.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::scaffold {

// A file of a new registry: where it goes, relative to the registry root ('/'-separated), and
// its bytes (compiled into the binary).
struct TemplateFile {
  std::string path;
  std::string_view content;
};

// What `perechen init` writes: data/templates/registry/** (settings, roster, README, editor and
// CI configuration) and a copy of schemas/*.json under schemas/, so that the schema modelines
// and the editor settings work offline. In English (language() is en) the files of
// data/templates/registry-en/ take the place of those of the same path: comments, example titles
// and the README in English, the same keys and ids. Sorted by path.
std::vector<TemplateFile> registry_template();

struct WriteOutcome {
  std::vector<std::string> written;  // paths relative to the root, in the order written
  std::vector<std::string> skipped;  // already there, left untouched
};

// Writes every file of `files` under `root` that is not there yet.
WriteOutcome write_missing(const std::filesystem::path& root,
                           const std::vector<TemplateFile>& files);

}  // namespace perechen::scaffold
