// SPDX-License-Identifier: Apache-2.0
#include "perechen/scaffold/files.hpp"

#include <algorithm>

#include "perechen/embedded.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"

namespace perechen::scaffold {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemplateRoot = "data/templates/registry/";
// The English set: each file there takes the place of the file of the same path above.
constexpr std::string_view kEnglishRoot = "data/templates/registry-en/";
constexpr std::string_view kSchemaRoot = "schemas/";

}  // namespace

std::vector<TemplateFile> registry_template() {
  std::vector<TemplateFile> files;
  bool english = language() == Lang::en;
  for (std::string_view name : embedded_files()) {
    std::string_view path;
    if (name.substr(0, kTemplateRoot.size()) == kTemplateRoot) {
      path = name.substr(kTemplateRoot.size());
      std::string translated = std::string(kEnglishRoot) + std::string(path);
      if (english && embedded_file(translated))
        continue;  // the English file comes below
    } else if (english && name.substr(0, kEnglishRoot.size()) == kEnglishRoot) {
      path = name.substr(kEnglishRoot.size());
    } else if (name.substr(0, kSchemaRoot.size()) == kSchemaRoot) {
      path = name;
    } else {
      continue;
    }
    files.push_back(TemplateFile{std::string(path), *embedded_file(name)});
  }
  std::sort(files.begin(), files.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  return files;
}

WriteOutcome write_missing(const fs::path& root, const std::vector<TemplateFile>& files) {
  WriteOutcome outcome;
  for (const auto& file : files) {
    if (platform::write_new(root / file.path, file.content) == platform::NewFile::written) {
      outcome.written.push_back(file.path);
    } else {
      outcome.skipped.push_back(file.path);
    }
  }
  return outcome;
}

}  // namespace perechen::scaffold
