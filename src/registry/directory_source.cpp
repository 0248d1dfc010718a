// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <filesystem>

#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/registry/calendar_files.hpp"
#include "perechen/registry/config.hpp"
#include "perechen/registry/files.hpp"
#include "perechen/registry/roster.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen {
namespace {

namespace fs = std::filesystem;

class DirectorySource final : public ContentSource {
 public:
  explicit DirectorySource(const fs::path& root) {
    std::error_code ec;
    root_ = fs::weakly_canonical(fs::absolute(root), ec);
    if (ec)
      root_ = root;
    io_root_ = platform::long_path(root_);
  }

  std::vector<std::string> point_files(Diagnostics& out) const override {
    Collect collect(*this, out);
    walk_registry<fs::path>(
        [&](const fs::path& folder, const std::string& path) { return list(folder, path, out); },
        io_root_, collect);
    std::sort(collect.files.begin(), collect.files.end());
    return std::move(collect.files);
  }

  bool exists(const std::string& path) const override {
    return platform::entry_type(at(path)) != platform::EntryType::missing;
  }

  std::optional<std::string> read(const std::string& path, Diagnostics& out) const override {
    fs::path full = at(path);
    if (platform::entry_type(full) == platform::EntryType::link) {
      report_link(root_ / platform::path_from_utf8(path), path, out);
      return std::nullopt;
    }
    platform::FileRead file = platform::read_regular_file(full, yaml::kMaxFileSize);
    switch (file.problem) {
      case platform::FileRead::Problem::none:
        break;
      case platform::FileRead::Problem::unreadable:
        out.add("file-access", Location{path, 0, 0},
                tr("file.unreadable", fmt::arg("reason", file.reason)));
        return std::nullopt;
      case platform::FileRead::Problem::not_regular:
        out.add("file-access", Location{path, 0, 0}, tr("file.not-regular"));
        return std::nullopt;
      case platform::FileRead::Problem::too_large:
        out.add("file-limits", Location{path, 0, 0},
                tr("yaml.too-large", fmt::arg("size", file.size)));
        return std::nullopt;
    }
    return std::move(file.bytes);
  }

  std::vector<std::string> calendar_files(Diagnostics& out) const override {
    const std::string path(kCalendarFolder);
    const fs::path folder = at(path);
    const platform::EntryType type = platform::entry_type(folder);
    if (type == platform::EntryType::missing)
      return {};
    if (type == platform::EntryType::link) {
      report_link(root_ / kCalendarFolder, path, out);
      return {};
    }
    if (type != platform::EntryType::folder) {
      out.add("registry-calendar", Location{path, 0, 0}, tr("calendar.registry-not-folder"));
      return {};
    }
    std::vector<std::string> files;
    platform::FolderListing listing = platform::list_folder(folder);
    for (const auto& entry : listing.entries)
      files.push_back(path + "/" + entry.name);
    if (!listing.problem.empty()) {
      out.add("file-access", Location{path, 0, 0},
              tr("file.unreadable", fmt::arg("reason", listing.problem)));
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 private:
  // The point files a walk meets; what it cannot take becomes a finding about that entry.
  class Collect final : public RegistryVisitor<fs::path> {
   public:
    Collect(const DirectorySource& source, Diagnostics& out) : source_(source), out_(out) {}
    std::vector<std::string> files;

    void point(const std::string& path, const fs::path&) override { files.push_back(path); }
    void stray(const std::string& path) override { report_stray(path, out_); }
    bool malformed(Malformation problem) override {
      // perechen.yaml and roster.yaml are reported by read(), which every reader calls for them.
      if (problem.path == kConfigFile || problem.path == kRosterFile)
        return true;
      if (problem.what == Malformation::What::link) {
        source_.report_link(source_.root_ / platform::path_from_utf8(problem.path), problem.path,
                            out_);
      } else {
        out_.add(problem.what == Malformation::What::too_deep ? "file-limits" : "file-access",
                 Location{problem.path, 0, 0}, problem.describe());
      }
      return true;
    }

   private:
    const DirectorySource& source_;
    Diagnostics& out_;
  };

  // The entries of a folder, links not followed, sorted as git sorts them.
  static std::vector<FolderEntry<fs::path>> list(const fs::path& dir, const std::string& relative,
                                                 Diagnostics& out) {
    std::vector<FolderEntry<fs::path>> entries;
    platform::FolderListing listing = platform::list_folder(dir);
    for (auto& entry : listing.entries) {
      if (!entry.problem.empty()) {
        // An entry that cannot even be looked at (a path too long for the system, an entry gone
        // since it was listed) is reported, never left out in silence.
        out.add("file-access",
                Location{relative.empty() ? entry.name : relative + "/" + entry.name, 0, 0},
                tr("file.unreadable", fmt::arg("reason", entry.problem)));
        continue;
      }
      EntryKind kind = entry.type == platform::EntryType::link ? EntryKind::link
                       : entry.type == platform::EntryType::folder
                           ? EntryKind::folder
                           : EntryKind::file;  // read() refuses what is no file
      fs::path handle = dir / platform::path_from_utf8(entry.name);
      entries.push_back({std::move(entry.name), kind, std::move(handle)});
    }
    if (!listing.problem.empty()) {
      // A folder that cannot be opened or read to its end: what was not listed is not checked,
      // and says so.
      out.add("file-access", Location{relative, 0, 0},
              tr("file.unreadable", fmt::arg("reason", listing.problem)));
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return git_order_less(a.name, a.kind == EntryKind::folder, b.name,
                            b.kind == EntryKind::folder);
    });
    return entries;
  }

  bool inside_root(const fs::path& link) const {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(link, ec);
    if (ec)
      return false;
    auto [root_end, target_it] =
        std::mismatch(root_.begin(), root_.end(), target.begin(), target.end());
    return root_end == root_.end();
  }

  // A link is never followed: git would keep the link and not the file, so what validate reads
  // here is what a commit holds. One leading out of the registry says where it leads.
  void report_link(const fs::path& link, const std::string& relative, Diagnostics& out) const {
    std::error_code loop;
    (void)fs::canonical(link, loop);
    if (loop == std::errc::too_many_symbolic_link_levels) {
      // A link that leads back to itself (a → b → a, or a → a) leads nowhere: say so, not "out".
      std::error_code ec;
      out.add("file-access", Location{relative, 0, 0},
              tr("file.symlink-loop",
                 fmt::arg("target", platform::path_text(fs::read_symlink(link, ec)))));
      return;
    }
    if (inside_root(link)) {
      out.add("file-access", Location{relative, 0, 0}, tr("file.symlink"));
      return;
    }
    std::error_code ec;
    fs::path target = fs::read_symlink(link, ec);
    out.add("file-access", Location{relative, 0, 0},
            tr("file.symlink-out", fmt::arg("target", platform::path_text(target))));
  }

  // A path of the registry ("points/pay/lk.yaml") to open or list, at any length (long_path).
  fs::path at(const std::string& path) const {
    return (io_root_ / platform::path_from_utf8(path)).make_preferred();
  }

  fs::path root_;     // as the user's system names it: links are judged against it
  fs::path io_root_;  // the same folder for the system's calls (platform::long_path)
};

}  // namespace

std::unique_ptr<ContentSource> make_directory_source(const fs::path& root) {
  return std::make_unique<DirectorySource>(root);
}

}  // namespace perechen
