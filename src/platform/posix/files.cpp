// SPDX-License-Identifier: Apache-2.0
// The files of perechen/platform/files.hpp on POSIX: open O_NONBLOCK and fstat to read; mkostemp
// beside the target, fsync, a checked
// close, then rename (replace) or renameat2 RENAME_NOREPLACE (new files); output targets judged
// with lstat, link by link.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "fd.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"

namespace perechen::platform {
namespace {

namespace fs = std::filesystem;
using posix::Fd;
using posix::write_all;

// As many links as Linux itself follows in one path (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

[[noreturn]] void cannot_write(const fs::path& path, int error_number) {
  throw Error(ExitCode::failure, tr("files.cannot-write", fmt::arg("file", path.string()),
                                    fmt::arg("reason", std::strerror(error_number))));
}

// The mode a new file gets from open(…, 0666): the process's umask taken off.
mode_t new_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666) & ~mask;
}

// A file with `content` next to `path`, with a name nobody else uses (mkostemp opens it with
// O_EXCL), given `mode`; its path. Synced when asked, closed with a check.
fs::path write_temporary(const fs::path& path, std::string_view content, bool sync, mode_t mode) {
  fs::path dir = path.parent_path();
  std::string pattern = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  Fd fd(::mkostemp(pattern.data(), O_CLOEXEC));
  if (!fd.open())
    cannot_write(path, errno);
  int error_number = write_all(fd.get(), content);
  if (error_number == 0 && ::fchmod(fd.get(), mode) != 0)
    error_number = errno;
  if (error_number == 0 && sync && ::fsync(fd.get()) != 0)
    error_number = errno;
  if (error_number == 0)
    error_number = fd.close();
  if (error_number != 0) {
    fd.reset();
    ::unlink(pattern.c_str());
    cannot_write(path, error_number);
  }
  return pattern;
}

// Makes a rename in `dir` durable. Best effort: the bytes themselves were synced already.
void sync_folder(const fs::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.open())
    ::fsync(fd.get());
}

// /dev/fd/N, /proc/self/fd/N: a stream this process already holds open as N.
std::optional<int> open_stream(const fs::path& path) {
  fs::path dir = path.parent_path();
  if (dir != "/dev/fd" && dir != "/proc/self/fd" && dir != "/proc/thread-self/fd")
    return std::nullopt;
  std::string name = path.filename().string();
  if (name.empty() || name.size() > 9 || name.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoi(name);
}

bool is_terminal_device(const fs::path& path) {
  // Opened without becoming our controlling terminal and without waiting on a modem line.
  Fd fd(::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  return fd.open() && ::isatty(fd.get()) != 0;
}

[[noreturn]] void refuse(const char* key, const fs::path& path) {
  throw Error(ExitCode::usage, tr(key, fmt::arg("file", path.string())));
}

}  // namespace

FileRead read_regular_file(const fs::path& path, std::uintmax_t limit) {
  FileRead result;
  // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat then tells.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd.open()) {
    result.problem = FileRead::Problem::unreadable;
    result.reason = std::strerror(errno);
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    result.problem = FileRead::Problem::not_regular;
    return result;
  }
  result.size = static_cast<std::uintmax_t>(st.st_size);
  if (result.size > limit) {
    result.problem = FileRead::Problem::too_large;
    return result;
  }
  // The size fstat gave, no more: a file that grows meanwhile is read as it was.
  result.bytes.resize(static_cast<std::size_t>(result.size));
  std::size_t done = 0;
  while (done < result.bytes.size()) {
    ssize_t r = ::read(fd.get(), result.bytes.data() + done, result.bytes.size() - done);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      result.problem = FileRead::Problem::unreadable;
      result.reason = std::strerror(errno);
      result.bytes.clear();
      return result;
    }
    if (r == 0)
      break;
    done += static_cast<std::size_t>(r);
  }
  result.bytes.resize(done);
  return result;
}

NewFile write_new(const fs::path& path, std::string_view content, bool sync) {
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() != fs::file_type::not_found)
    return NewFile::exists;
  if (!path.parent_path().empty()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      cannot_write(path, ec.value());
  }
  fs::path temp = write_temporary(path, content, sync, new_file_mode());
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
    return NewFile::written;
  if (error_number == EEXIST)
    return NewFile::exists;
  cannot_write(path, error_number);
}

void replace_atomically(const fs::path& path, std::string_view content) {
  mode_t mode = new_file_mode();
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    mode = st.st_mode & 07777;
  fs::path temp = write_temporary(path, content, true, mode);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error_number = errno;
    ::unlink(temp.c_str());
    cannot_write(path, error_number);
  }
  sync_folder(path.parent_path());
}

void sync_file_system(const fs::path& folder) {
  Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.open())
    ::syncfs(fd.get());
}

fs::path temp_directory() {
  struct stat st {};
  const char* tmpdir = std::getenv("TMPDIR");
  if (tmpdir != nullptr && *tmpdir != '\0' && ::stat(tmpdir, &st) == 0 && S_ISDIR(st.st_mode))
    return fs::path(tmpdir);
  if (::stat(P_tmpdir, &st) == 0 && S_ISDIR(st.st_mode))
    return fs::path(P_tmpdir);
  throw Error(ExitCode::failure, tr("files.no-temp-folder", fmt::arg("dir", P_tmpdir)));
}

TempFile::TempFile(std::string_view prefix, std::string_view content) {
  std::string pattern = (temp_directory() / (std::string(prefix) + "-XXXXXX")).string();
  Fd fd(::mkostemp(pattern.data(), O_CLOEXEC));  // 0600: for this user only
  if (!fd.open()) {
    throw Error(ExitCode::failure, tr("files.cannot-make-temp", fmt::arg("file", pattern),
                                      fmt::arg("reason", std::strerror(errno))));
  }
  path_ = pattern;
  int error_number = write_all(fd.get(), content);
  if (error_number == 0)
    error_number = fd.close();
  if (error_number != 0) {
    remove();
    throw Error(ExitCode::failure, tr("files.cannot-make-temp", fmt::arg("file", pattern),
                                      fmt::arg("reason", std::strerror(error_number))));
  }
}

void TempFile::remove() noexcept {
  if (!path_.empty())
    ::unlink(path_.c_str());
  path_.clear();
}

Output output_target(const fs::path& path) {
  fs::path current = path;
  for (int links = 0;; ++links) {
    if (auto fd = open_stream(current)) {
      return Output{path, current, ::isatty(*fd) != 0 ? OutputKind::terminal : OutputKind::stream};
    }
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT)
        return Output{path, current, OutputKind::file};  // a missing folder is told when writing
      if (errno == ELOOP)
        refuse("files.link-loop", path);
      cannot_write(path, errno);
    }
    if (S_ISLNK(st.st_mode)) {
      if (links == kMaxLinks)
        refuse("files.link-loop", path);
      std::error_code ec;
      fs::path target = fs::read_symlink(current, ec);
      if (ec)
        cannot_write(path, ec.value());
      current = target.is_absolute() ? target : current.parent_path() / target;
      continue;
    }
    if (S_ISREG(st.st_mode))
      return Output{path, current, OutputKind::file};
    if (S_ISDIR(st.st_mode))
      refuse("files.is-folder", path);
    if (S_ISCHR(st.st_mode)) {
      return Output{path, current,
                    is_terminal_device(current) ? OutputKind::terminal : OutputKind::stream};
    }
    if (S_ISFIFO(st.st_mode))
      return Output{path, current, OutputKind::stream};
    refuse("files.not-file", path);  // a socket, a block device
  }
}

void write_output(const Output& output, std::string_view content) {
  if (output.kind == OutputKind::file) {
    replace_atomically(output.target, content);
    return;
  }
  // Written through: a device or a pipe is never replaced, and has nothing to rename.
  if (auto fd = open_stream(output.target)) {
    if (int error_number = write_all(*fd, content); error_number != 0)
      cannot_write(output.path, error_number);
    return;
  }
  Fd fd(::open(output.target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
  if (!fd.open())
    cannot_write(output.path, errno);
  int error_number = write_all(fd.get(), content);
  if (error_number == 0)
    error_number = fd.close();
  if (error_number != 0)
    cannot_write(output.path, error_number);
}

std::filesystem::path long_path(const std::filesystem::path& path) {
  return path;
}

EntryType entry_type(const fs::path& path) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status))
    return EntryType::missing;
  if (fs::is_symlink(status))
    return EntryType::link;
  if (fs::is_directory(status))
    return EntryType::folder;
  return fs::is_regular_file(status) ? EntryType::file : EntryType::other;
}

FolderListing list_folder(const fs::path& folder) {
  FolderListing listing;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    FolderEntry entry{it->path().filename().string(), EntryType::missing, {}};
    std::error_code sec;
    fs::file_status status = it->symlink_status(sec);
    if (sec)
      entry.problem = sec.message();
    else if (fs::is_symlink(status))
      entry.type = EntryType::link;
    else if (fs::is_directory(status))
      entry.type = EntryType::folder;
    else
      entry.type = fs::is_regular_file(status) ? EntryType::file : EntryType::other;
    listing.entries.push_back(std::move(entry));
  }
  if (ec)
    listing.problem = ec.message();
  return listing;
}

}  // namespace perechen::platform
