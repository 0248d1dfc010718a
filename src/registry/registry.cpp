// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/registry.hpp"

#include <algorithm>

#include "perechen/i18n.hpp"
#include "perechen/parallel.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen {
namespace {

// Reads and parses every file on all cores: yaml-cpp is the cost of a large registry.
std::vector<LoadedFile> load_all(const std::vector<std::string>& paths, const FileLoader& load) {
  std::vector<LoadedFile> results(paths.size());
  parallel_for(paths.size(), threads_for(paths.size(), 32),
               [&](std::size_t i) { results[i] = load(paths[i]); });
  return results;
}

}  // namespace

std::string_view Registry::line_text(std::string_view file, int line) const {
  auto it = texts.find(file);
  if (it == texts.end() || line < 1)
    return {};
  std::string_view text = it->second;
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  for (int i = 1; i < line; ++i) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos)
      return {};
    text.remove_prefix(nl + 1);
  }
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

LoadedFile load_file(const std::string& path, std::optional<std::string> bytes, Diagnostics read) {
  LoadedFile file;
  file.diagnostics = std::move(read);
  file.bytes = std::move(bytes);
  if (!file.bytes)
    return file;
  std::optional<yaml::Node> tree = yaml::parse(path, *file.bytes, file.diagnostics);
  if (!tree)
    return file;
  if (path == kConfigFile) {
    file.config = read_config(*tree);
  } else if (path == kRosterFile) {
    file.roster = read_roster(*tree);
  } else {
    file.point = read_point(path, std::move(*tree));
  }
  return file;
}

Registry load_registry(const ContentSource& source, Diagnostics& out, const FileLoader& load) {
  Registry registry;
  if (auto malformed = source.malformed()) {
    malformed->report(out);
    return registry;
  }
  std::vector<std::string> paths;
  const bool has_roster = source.exists(kRosterFile);
  paths.emplace_back(kConfigFile);
  if (has_roster)
    paths.emplace_back(kRosterFile);
  std::vector<std::string> points = source.point_files(out);
  paths.insert(paths.end(), points.begin(), points.end());

  FileLoader read_and_parse = [&source](const std::string& path) {
    Diagnostics read;
    std::optional<std::string> bytes = source.read(path, read);
    return load_file(path, std::move(bytes), std::move(read));
  };
  std::vector<LoadedFile> loaded = load_all(paths, load ? load : read_and_parse);
  registry.files = paths.size();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    LoadedFile& file = loaded[i];
    out.append(std::move(file.diagnostics));
    if (file.bytes)
      registry.texts.emplace(paths[i], std::move(*file.bytes));
    if (file.config)
      registry.config = std::move(file.config);
    if (file.roster)
      registry.roster = std::move(file.roster);
    if (file.point)
      registry.points.push_back(std::move(*file.point));
  }
  if (!has_roster) {
    out.add("registry-config", Location{kRosterFile, 0, 0}, tr("registry.no-roster"));
  }
  return registry;
}

std::optional<std::filesystem::path> find_registry_root(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec)
    return std::nullopt;
  dir = dir.lexically_normal();
  while (true) {
    if (std::filesystem::is_regular_file(dir / kConfigFile, ec))
      return dir;
    if (!dir.has_parent_path() || dir.parent_path() == dir)
      return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace perechen
