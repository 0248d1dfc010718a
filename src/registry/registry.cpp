#include "perechen/registry/registry.hpp"

#include <algorithm>

#include "perechen/i18n.hpp"
#include "perechen/parallel.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen {
namespace {

struct Parsed {
  std::optional<std::string> bytes;
  std::optional<yaml::Node> tree;
  Diagnostics diagnostics;
};

Parsed read_and_parse(const ContentSource& source, const std::string& path) {
  Parsed parsed;
  parsed.bytes = source.read(path, parsed.diagnostics);
  if (parsed.bytes)
    parsed.tree = yaml::parse(path, *parsed.bytes, parsed.diagnostics);
  return parsed;
}

// Reads and parses every file on all cores: yaml-cpp is the cost of a large registry.
std::vector<Parsed> parse_all(const ContentSource& source, const std::vector<std::string>& paths) {
  std::vector<Parsed> results(paths.size());
  parallel_for(paths.size(), threads_for(paths.size(), 32),
               [&](std::size_t i) { results[i] = read_and_parse(source, paths[i]); });
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

Registry load_registry(const ContentSource& source, Diagnostics& out) {
  Registry registry;
  std::vector<std::string> paths;
  const bool has_roster = source.exists(kRosterFile);
  paths.emplace_back(kConfigFile);
  if (has_roster)
    paths.emplace_back(kRosterFile);
  std::vector<std::string> points = source.point_files(out);
  paths.insert(paths.end(), points.begin(), points.end());

  std::vector<Parsed> parsed = parse_all(source, paths);
  registry.files = paths.size();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    Parsed& p = parsed[i];
    out.append(std::move(p.diagnostics));
    if (p.bytes)
      registry.texts.emplace(paths[i], std::move(*p.bytes));
    if (!p.tree)
      continue;
    if (paths[i] == kConfigFile) {
      registry.config = read_config(*p.tree);
    } else if (paths[i] == kRosterFile) {
      registry.roster = read_roster(*p.tree);
    } else {
      registry.points.push_back(read_point(paths[i], std::move(*p.tree)));
    }
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
