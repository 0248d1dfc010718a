// SPDX-License-Identifier: Apache-2.0
#include "perechen/registry/files.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "perechen/i18n.hpp"

namespace perechen {

bool is_point_file_name(std::string_view name) {
  // Upper or lower case alike: kopiya.YAML is a point file too, never silently skipped.
  auto ends = [&](std::string_view suffix) {
    if (name.size() <= suffix.size())
      return false;
    std::string_view tail = name.substr(name.size() - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
      char c = tail[i];
      if (c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
      if (c != suffix[i])
        return false;
    }
    return true;
  };
  return ends(".yaml") || ends(".yml");
}

namespace {

std::string lowered(std::string_view name) {
  std::string result(name);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

}  // namespace

bool is_stray_point_name(std::string_view name) {
  if (is_hidden_name(name) || is_point_file_name(name))
    return false;
  const std::string lower = lowered(name);
  for (std::string_view ext : {".yaml", ".yml"}) {
    auto at = lower.find(ext);
    if (at == 0 || at == std::string::npos)
      continue;
    char next = lower.size() > at + ext.size() ? lower[at + ext.size()] : '\0';
    if (next == '.' || next == '~')
      return true;
  }
  return false;
}

bool is_stray_points_folder(std::string_view name) {
  const std::string lower = lowered(name);
  return name != kPointsFolder && (lower == "points" || lower == "point");
}

void report_stray(const std::string& path, Diagnostics& out) {
  if (path.find('/') == std::string::npos) {
    out.add("file-misnamed", Location{path, 0, 0},
            tr("rules.file-misnamed-folder", fmt::arg("path", path)));
    return;
  }
  const std::string name = path.substr(path.rfind('/') + 1);
  const std::string lower = lowered(name);
  std::size_t end = std::string::npos;
  for (std::string_view ext : {".yaml", ".yml"}) {
    auto at = lower.find(ext);
    if (at != std::string::npos && at != 0)
      end = std::min(end, at + ext.size());
  }
  const std::string meant = path.substr(0, path.size() - name.size()) + name.substr(0, end);
  out.add("file-misnamed", Location{path, 0, 0},
          tr("rules.file-misnamed-file", fmt::arg("path", path), fmt::arg("meant", meant)));
}

bool is_hidden_name(std::string_view name) {
  return name.empty() || name.front() == '.';
}

bool git_order_less(std::string_view a, bool a_folder, std::string_view b, bool b_folder) {
  const std::size_t common = std::min(a.size(), b.size());
  int c = std::memcmp(a.data(), b.data(), common);
  if (c != 0)
    return c < 0;
  auto next = [&](std::string_view name, bool folder) -> unsigned {
    if (name.size() > common)
      return static_cast<unsigned char>(name[common]);
    return folder ? '/' : 0;
  };
  return next(a, a_folder) < next(b, b_folder);
}

std::string Malformation::describe() const {
  switch (what) {
    case What::duplicate:
      return tr("tree.duplicate");
    case What::folder_and_file:
      return tr("tree.folder-and-file");
    case What::bad_name:
      return tr("tree.bad-name");
    case What::out_of_order:
      return tr("tree.out-of-order");
    case What::link:
      return tr("git.symlink-in-commit");
    case What::gitlink:
      return tr("tree.gitlink");
    case What::unknown_mode:
      return tr("tree.unknown-mode");
    case What::not_file:
      return tr("tree.not-file");
    case What::not_folder:
      return tr("tree.not-folder");
    case What::too_deep:
      return tr("git.tree-too-deep", fmt::arg("max", kMaxFolderDepth));
    case What::registry_folder:
      return tr("tree.registry-folder");
  }
  return {};
}

void Malformation::report(Diagnostics& out) const {
  out.add(what == What::too_deep ? "file-limits" : "file-access", Location{path, 0, 0},
          tr("tree.malformed", fmt::arg("what", describe())));
}

namespace walk_detail {

std::optional<Malformation> folder_problem(const std::string& folder,
                                           const std::vector<NamedEntry>& entries) {
  using What = Malformation::What;
  std::map<std::string_view, EntryKind> seen;
  const NamedEntry* before = nullptr;
  for (const auto& entry : entries) {
    auto path = [&] { return folder + "/" + std::string(entry.name); };
    if (entry.name.empty() || entry.name == "." || entry.name == ".." ||
        entry.name.find('/') != std::string_view::npos) {
      return Malformation{path(), What::bad_name};
    }
    auto [it, fresh] = seen.emplace(entry.name, entry.kind);
    if (!fresh) {
      bool mixed = (it->second == EntryKind::folder) != (entry.kind == EntryKind::folder);
      return Malformation{path(), mixed ? What::folder_and_file : What::duplicate};
    }
    if (before != nullptr && !git_order_less(before->name, before->kind == EntryKind::folder,
                                             entry.name, entry.kind == EntryKind::folder)) {
      return Malformation{path(), What::out_of_order};
    }
    before = &entry;
  }
  return std::nullopt;
}

Malformation::What kind_problem(EntryKind kind) {
  switch (kind) {
    case EntryKind::link:
      return Malformation::What::link;
    case EntryKind::gitlink:
      return Malformation::What::gitlink;
    default:
      return Malformation::What::unknown_mode;
  }
}

}  // namespace walk_detail

}  // namespace perechen
