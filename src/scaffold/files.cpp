#include "perechen/scaffold/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::scaffold {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemplateRoot = "data/templates/registry/";
// The English set: each file there takes the place of the file of the same path above.
constexpr std::string_view kEnglishRoot = "data/templates/registry-en/";
constexpr std::string_view kSchemaRoot = "schemas/";

[[noreturn]] void cannot_write(const fs::path& path, int error_number) {
  throw Error(ExitCode::failure, tr("scaffold.cannot-write", fmt::arg("file", path.string()),
                                    fmt::arg("reason", std::strerror(error_number))));
}

// A file with `content` next to `path`, with a name nobody else uses; its path.
fs::path write_temporary(const fs::path& path, std::string_view content, bool sync) {
  std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0)
    cannot_write(path, errno);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(pattern.c_str());
      cannot_write(path, saved);
    }
    done += static_cast<std::size_t>(w);
  }
  // mkostemp makes the file 0600; a file of the registry is read by everyone, as git would
  // check it out.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, static_cast<mode_t>(0666) & ~mask);
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    int saved = errno;
    ::unlink(pattern.c_str());
    cannot_write(path, saved);
  }
  return pattern;
}

}  // namespace

WriteResult write_new_file(const fs::path& path, std::string_view content, bool sync) {
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() != fs::file_type::not_found)
    return WriteResult::exists;
  if (!path.parent_path().empty()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      cannot_write(path, ec.value());
  }
  fs::path temp = write_temporary(path, content, sync);
  int rc = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  int error_number = rc == 0 ? 0 : errno;
  if (rc != 0 && (error_number == EINVAL || error_number == ENOSYS)) {
    // A file system without RENAME_NOREPLACE: a hard link also fails when the name is taken.
    rc = ::link(temp.c_str(), path.c_str());
    error_number = rc == 0 ? 0 : errno;
    ::unlink(temp.c_str());
  } else if (rc != 0) {
    ::unlink(temp.c_str());
  }
  if (rc == 0)
    return WriteResult::written;
  if (error_number == EEXIST)
    return WriteResult::exists;
  cannot_write(path, error_number);
}

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
    if (write_new_file(root / file.path, file.content) == WriteResult::written) {
      outcome.written.push_back(file.path);
    } else {
      outcome.skipped.push_back(file.path);
    }
  }
  return outcome;
}

}  // namespace perechen::scaffold
