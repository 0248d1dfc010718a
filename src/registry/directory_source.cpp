#include <algorithm>
#include <filesystem>

#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen {
namespace {

namespace fs = std::filesystem;

bool is_point_file_name(const std::string& name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

class DirectorySource final : public ContentSource {
 public:
  explicit DirectorySource(std::string root) {
    std::error_code ec;
    root_ = fs::weakly_canonical(fs::absolute(fs::path(root)), ec);
    if (ec)
      root_ = fs::path(root);
  }

  std::vector<std::string> point_files(Diagnostics& out) const override {
    std::vector<std::string> files;
    fs::path points = root_ / "points";
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(points, ec)))
      return files;
    walk(points, "points", files, out);
    std::sort(files.begin(), files.end());
    return files;
  }

  bool exists(const std::string& path) const override {
    std::error_code ec;
    return fs::exists(fs::symlink_status(root_ / path, ec));
  }

  std::optional<std::string> read(const std::string& path, Diagnostics& out) const override {
    fs::path full = root_ / path;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(full, ec))) {
      if (!inside_root(full)) {
        report_link_out(full, path, out);
        return std::nullopt;
      }
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

 private:
  bool inside_root(const fs::path& link) const {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(link, ec);
    if (ec)
      return false;
    auto [root_end, target_it] =
        std::mismatch(root_.begin(), root_.end(), target.begin(), target.end());
    return root_end == root_.end();
  }

  void report_link_out(const fs::path& link, const std::string& relative, Diagnostics& out) const {
    std::error_code ec;
    fs::path target = fs::read_symlink(link, ec);
    out.add("file-access", Location{relative, 0, 0},
            tr("file.symlink-out", fmt::arg("target", target.string())));
  }

  // Walks a folder without following links to folders; a link to a file is taken when it stays
  // inside the registry.
  void walk(const fs::path& dir, const std::string& relative, std::vector<std::string>& files,
            Diagnostics& out) const {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out.add("file-access", Location{relative, 0, 0},
              tr("file.unreadable", fmt::arg("reason", ec.message())));
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec)
        break;
      const fs::path& path = it->path();
      std::string name = path.filename().string();
      if (name.empty() || name[0] == '.')
        continue;
      std::string rel = relative + "/" + name;
      std::error_code sec;
      fs::file_status status = it->symlink_status(sec);
      if (fs::is_symlink(status)) {
        if (!inside_root(path)) {
          if (is_point_file_name(name) || fs::is_directory(fs::status(path, sec))) {
            report_link_out(path, rel, out);
          }
          continue;
        }
        // A link to a file inside is read; a dangling one is listed so that reading reports it.
        if (is_point_file_name(name) && !fs::is_directory(fs::status(path, sec))) {
          files.push_back(rel);
        }
        continue;
      }
      if (fs::is_directory(status)) {
        walk(path, rel, files, out);
      } else if (is_point_file_name(name)) {
        files.push_back(rel);
      }
    }
  }

  fs::path root_;
};

}  // namespace

std::unique_ptr<ContentSource> make_directory_source(std::string root) {
  return std::make_unique<DirectorySource>(std::move(root));
}

}  // namespace perechen
