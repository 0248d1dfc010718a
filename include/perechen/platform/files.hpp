// SPDX-License-Identifier: Apache-2.0
#pragma once

// Files. A registry's file is read only when it is a regular one of bounded size (never waiting
// on a FIFO or a device). A file is written the one way perechen writes everywhere: whole or not
// at all (a temporary file in the same folder, synced, then renamed); a new file never replaces
// anything; a temporary file lives in the system's temporary folder and goes away with its
// object. Output targets (`--output FILE` of every command, the files `publish --dir` writes) are
// judged first: a regular file (or nothing) is replaced by rename, a device or a pipe is written
// through, a symbolic link is followed to where it points, a folder is refused.
//
// One interface, a backend per platform: src/platform/posix/files.cpp and
// src/platform/windows/files.cpp.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::platform {

// What reading a file of the user's found.
struct FileRead {
  enum class Problem {
    none,         // `bytes` holds the file
    unreadable,   // it cannot be opened or read: `reason` says why, in the system's words
    not_regular,  // a folder, a FIFO, a device, a socket
    too_large,    // more than the limit: `size` is its size
  };
  Problem problem = Problem::none;
  std::string bytes;
  std::string reason;
  std::uintmax_t size = 0;
};

// Reads the file at `path` (a link followed) when it is a regular file of at most `limit` bytes.
// Opening never blocks: a FIFO with no writer or a device is told as not_regular, not waited on.
FileRead read_regular_file(const std::filesystem::path& path, std::uintmax_t limit);

enum class NewFile { written, exists };

// Writes `content` to `path` whole or not at all, unless something is already at `path`: a
// file, a folder, even a dangling link (never followed) stays as it is, and the caller is told.
// The bytes go to a temporary file in the same folder, which is then renamed without replacing
// (POSIX: renameat2 RENAME_NOREPLACE, or link() where the file system cannot; Windows:
// MoveFileExW without MOVEFILE_REPLACE_EXISTING). Makes missing parent folders. `sync` false
// leaves the bytes to the caller's one sync_file_system() after many files (import writes
// hundreds) instead of one fsync each. Throws Error(failure) when the file cannot be written.
NewFile write_new(const std::filesystem::path& path, std::string_view content, bool sync = true);

// Writes `content` to `path` whole or not at all, replacing the regular file there (whose
// permissions the new one keeps) or making a new one: a temporary file in the same folder,
// fsync, a checked close, a rename over `path`. `path` itself is not followed: a link there is
// replaced, so callers with a user's path go through write_output(). Throws Error(failure).
void replace_atomically(const std::filesystem::path& path, std::string_view content);

// Flushes the file system holding `folder` to disk, after write_new(…, false) of many files.
// Best effort: nothing is reported (Windows: nothing to do, each file was closed normally).
void sync_file_system(const std::filesystem::path& folder);

// The system's folder for temporary files: POSIX $TMPDIR when it names a folder, else P_tmpdir;
// Windows GetTempPathW. Throws Error(failure) when it is not a folder.
std::filesystem::path temp_directory();

// A new file of our own in temp_directory() (readable by its owner only) holding `content`,
// removed when the object goes. Throws Error(failure) when it cannot be made or written.
class TempFile {
 public:
  explicit TempFile(std::string_view prefix, std::string_view content = {});
  ~TempFile();
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  void remove() noexcept;
  std::filesystem::path path_;
};

// Where a user's output path leads, judged before any work is done.
enum class OutputKind {
  file,      // a regular file or nothing: written beside it and renamed over it
  stream,    // a device (/dev/null, NUL), a FIFO or an open stream (/dev/stdout): written through
  terminal,  // a stream that is a terminal: binary formats refuse it
};

struct Output {
  std::filesystem::path path;    // as the user gave it, for messages
  std::filesystem::path target;  // where the bytes go: the links of `path` followed
  OutputKind kind = OutputKind::file;
};

// Judges `path`: a symbolic link is followed to its target (a relative target from the link's
// folder), so the rename happens there and the link stays a link; a dangling link makes its
// target. Throws Error(usage) naming the path when it is a folder, a loop of symbolic links, or
// something else that cannot take bytes (a socket, a block device), and Error(failure) when it
// cannot be examined at all.
Output output_target(const std::filesystem::path& path);

// Writes `content` to `output` as its kind says. Throws Error(failure) naming output.path.
void write_output(const Output& output, std::string_view content);

// output_target() then write_output().
void write_output(const std::filesystem::path& path, std::string_view content);

// A path as UTF-8 text, the one encoding perechen gives to C libraries that take a char* name
// (libxlsxwriter); path.string() would give the ANSI code page on Windows instead.
std::string utf8_path(const std::filesystem::path& path);

// `path` in the form the system's calls take at any length, for a walk that goes below it. On
// Windows an absolute path gets the \\?\ prefix (\\?\UNC\ for a share), with which paths over
// 260 characters open and list; the system then takes it literally, so `path` must be normalised
// (no "." or ".." parts). A relative path, and any path on POSIX, is returned as it is.
// path_text() drops the prefix again for messages.
std::filesystem::path long_path(const std::filesystem::path& path);

// What an entry of a folder is, a symbolic link (or a Windows junction) not followed.
enum class EntryType { missing, file, folder, link, other };

// The type of `path`; missing when it does not exist or cannot be looked at.
EntryType entry_type(const std::filesystem::path& path);

struct FolderEntry {
  std::string name;  // UTF-8
  EntryType type = EntryType::missing;
  std::string problem;  // why the entry could not be looked at (type missing), else empty
};

struct FolderListing {
  std::vector<FolderEntry> entries;  // in the system's order, without "." and ".."
  std::string problem;  // why the folder could not be opened or read to its end, else empty
};

// The entries of `folder`, at any length of its path (give it long_path() on Windows).
FolderListing list_folder(const std::filesystem::path& folder);

}  // namespace perechen::platform
