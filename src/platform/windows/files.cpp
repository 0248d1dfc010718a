// SPDX-License-Identifier: Apache-2.0
// The files of perechen/platform/files.hpp on Windows: CreateFileW to read, CREATE_NEW beside the
// target to write,
// FlushFileBuffers, a checked CloseHandle, then MoveFileExW (with MOVEFILE_REPLACE_EXISTING to
// replace, without it for a new file); output targets judged by opening them and asking
// GetFileType, a link's target by GetFinalPathNameByHandleW.

#include <algorithm>
#include <cstdint>
#include <random>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "windows.hpp"

namespace perechen::platform {
namespace {

namespace fs = std::filesystem;
using win::Handle;

// The prefix of a path the system takes literally and at any length (long_path).
constexpr std::wstring_view kLongPrefix = L"\\\\?\\";

bool has_long_prefix(std::wstring_view text) {
  return text.substr(0, kLongPrefix.size()) == kLongPrefix;
}

[[noreturn]] void cannot_write(const fs::path& path, DWORD code) {
  throw Error(ExitCode::failure, tr("files.cannot-write", fmt::arg("file", path_text(path)),
                                    fmt::arg("reason", win::system_message(code))));
}

[[noreturn]] void refuse(const char* key, const fs::path& path) {
  throw Error(ExitCode::usage, tr(key, fmt::arg("file", path_text(path))));
}

std::wstring random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static const wchar_t digits[] = L"0123456789abcdef";
  std::uint64_t value = generator();
  std::wstring suffix;
  for (int i = 0; i < 12; ++i, value >>= 4)
    suffix += digits[value & 15];
  return suffix;
}

// Writes all of `content` to `handle`: 0, or the error code.
DWORD write_all(HANDLE handle, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(content.size() - done, 1 << 24));
    DWORD put = 0;
    if (WriteFile(handle, content.data() + done, chunk, &put, nullptr) == 0)
      return GetLastError();
    if (put == 0)
      return ERROR_WRITE_FAULT;
    done += put;
  }
  return 0;
}

// A new file named `base` + a random suffix, opened for writing only by us; its path.
Handle create_unique(const std::wstring& base, fs::path& created) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = base + random_suffix();
    Handle handle(CreateFileW(candidate.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                              FILE_ATTRIBUTE_NORMAL, nullptr));
    if (handle.valid()) {
      created = candidate;
      return handle;
    }
    DWORD code = GetLastError();
    if (code != ERROR_FILE_EXISTS && code != ERROR_ALREADY_EXISTS)
      cannot_write(candidate, code);
  }
  cannot_write(fs::path(base), ERROR_FILE_EXISTS);
}

// A file with `content` next to `path`, with a name nobody else uses; its path.
fs::path write_temporary(const fs::path& path, std::string_view content, bool sync) {
  fs::path temp;
  Handle handle = create_unique(
      (path.parent_path() / (L"." + path.filename().wstring() + L".")).wstring(), temp);
  DWORD code = write_all(handle.get(), content);
  if (code == 0 && sync && FlushFileBuffers(handle.get()) == 0)
    code = GetLastError();
  if (code == 0 && !handle.close())
    code = GetLastError();
  if (code != 0) {
    handle.reset();
    DeleteFileW(temp.c_str());
    cannot_write(path, code);
  }
  return temp;
}

// Opens `path` following links, for asking what it is (no access to its contents is needed).
Handle open_existing(const fs::path& path, DWORD access) {
  return Handle(CreateFileW(path.c_str(), access,
                            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                            OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr));
}

// Where the link at `path` finally leads, as a plain path ("\\?\C:\x" -> "C:\x").
fs::path final_path(HANDLE handle, const fs::path& path) {
  std::wstring buffer(MAX_PATH, L'\0');
  DWORD size = GetFinalPathNameByHandleW(handle, buffer.data(), static_cast<DWORD>(buffer.size()),
                                         FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  if (size >= buffer.size()) {
    buffer.resize(size + 1);
    size = GetFinalPathNameByHandleW(handle, buffer.data(), static_cast<DWORD>(buffer.size()),
                                     FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  }
  if (size == 0)
    cannot_write(path, GetLastError());
  buffer.resize(size);
  if (buffer.rfind(L"\\\\?\\UNC\\", 0) == 0)
    return fs::path(L"\\\\" + buffer.substr(8));
  if (has_long_prefix(buffer))
    return fs::path(buffer.substr(kLongPrefix.size()));
  return fs::path(buffer);
}

}  // namespace

FileRead read_regular_file(const fs::path& path, std::uintmax_t limit) {
  FileRead result;
  Handle handle(CreateFileW(path.c_str(), GENERIC_READ,
                            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                            OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr));
  if (!handle.valid()) {
    result.problem = FileRead::Problem::unreadable;
    result.reason = win::system_message(GetLastError());
    return result;
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (GetFileType(handle.get()) != FILE_TYPE_DISK ||
      GetFileInformationByHandle(handle.get(), &info) == 0 ||
      (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0) {
    result.problem = FileRead::Problem::not_regular;
    return result;
  }
  result.size = (static_cast<std::uintmax_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  if (result.size > limit) {
    result.problem = FileRead::Problem::too_large;
    return result;
  }
  result.bytes.resize(static_cast<std::size_t>(result.size));
  std::size_t done = 0;
  while (done < result.bytes.size()) {
    DWORD got = 0;
    DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(result.bytes.size() - done, 1 << 24));
    if (ReadFile(handle.get(), result.bytes.data() + done, chunk, &got, nullptr) == 0) {
      result.problem = FileRead::Problem::unreadable;
      result.reason = win::system_message(GetLastError());
      result.bytes.clear();
      return result;
    }
    if (got == 0)
      break;
    done += got;
  }
  result.bytes.resize(done);
  return result;
}

NewFile write_new(const fs::path& path, std::string_view content, bool sync) {
  if (GetFileAttributesW(path.c_str()) != INVALID_FILE_ATTRIBUTES)
    return NewFile::exists;
  std::error_code ec;
  if (!path.parent_path().empty()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      cannot_write(path, static_cast<DWORD>(ec.value()));
  }
  fs::path temp = write_temporary(path, content, sync);
  if (MoveFileExW(temp.c_str(), path.c_str(), MOVEFILE_WRITE_THROUGH) != 0)
    return NewFile::written;
  DWORD code = GetLastError();
  DeleteFileW(temp.c_str());
  if (code == ERROR_ALREADY_EXISTS || code == ERROR_FILE_EXISTS)
    return NewFile::exists;
  cannot_write(path, code);
}

void replace_atomically(const fs::path& path, std::string_view content) {
  fs::path temp = write_temporary(path, content, true);
  if (MoveFileExW(temp.c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) ==
      0) {
    DWORD code = GetLastError();
    DeleteFileW(temp.c_str());
    cannot_write(path, code);
  }
}

void sync_file_system(const fs::path&) {
  // Flushing a volume needs an administrator; each file was closed normally, which is what
  // Windows programs rely on.
}

fs::path temp_directory() {
  wchar_t buffer[MAX_PATH + 2];
  DWORD size = GetTempPathW(MAX_PATH + 2, buffer);
  fs::path dir =
      size > 0 && size <= MAX_PATH + 1 ? fs::path(std::wstring(buffer, size)) : fs::path();
  DWORD attributes = dir.empty() ? INVALID_FILE_ATTRIBUTES : GetFileAttributesW(dir.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES || (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
    throw Error(ExitCode::failure, tr("files.no-temp-folder", fmt::arg("dir", path_text(dir))));
  }
  return dir;
}

TempFile::TempFile(std::string_view prefix, std::string_view content) {
  fs::path created;
  std::wstring base = (temp_directory() / (win::to_wide(prefix) + L"-")).wstring();
  Handle handle = create_unique(base, created);
  path_ = created;
  DWORD code = write_all(handle.get(), content);
  if (code == 0 && !handle.close())
    code = GetLastError();
  if (code != 0) {
    handle.reset();
    remove();
    throw Error(ExitCode::failure,
                tr("files.cannot-make-temp", fmt::arg("file", path_text(created)),
                   fmt::arg("reason", win::system_message(code))));
  }
}

void TempFile::remove() noexcept {
  if (!path_.empty())
    DeleteFileW(path_.c_str());
  path_.clear();
}

Output output_target(const fs::path& path) {
  DWORD attributes = GetFileAttributesW(path.c_str());
  Handle handle = open_existing(path, 0);
  if (!handle.valid()) {
    DWORD code = GetLastError();
    if (code == ERROR_CANT_RESOLVE_FILENAME)
      refuse("files.link-loop", path);
    if ((code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND) &&
        attributes == INVALID_FILE_ATTRIBUTES) {
      return Output{path, path, OutputKind::file};
    }
    cannot_write(path, code);  // a link that leads nowhere, a file we may not see
  }
  switch (GetFileType(handle.get())) {
    case FILE_TYPE_CHAR: {
      // NUL is a character device too, but no console.
      Handle console = open_existing(path, GENERIC_READ | GENERIC_WRITE);
      DWORD mode = 0;
      bool terminal = console.valid() && GetConsoleMode(console.get(), &mode) != 0;
      return Output{path, path, terminal ? OutputKind::terminal : OutputKind::stream};
    }
    case FILE_TYPE_PIPE:
      return Output{path, path, OutputKind::stream};
    case FILE_TYPE_DISK:
      break;
    default:
      refuse("files.not-file", path);
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (GetFileInformationByHandle(handle.get(), &info) == 0)
    cannot_write(path, GetLastError());
  if ((info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0)
    refuse("files.is-folder", path);
  bool link =
      attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
  return Output{path, link ? final_path(handle.get(), path) : path, OutputKind::file};
}

void write_output(const Output& output, std::string_view content) {
  if (output.kind == OutputKind::file) {
    replace_atomically(output.target, content);
    return;
  }
  // Written through: a device or a pipe is never replaced, and has nothing to rename.
  Handle handle = open_existing(output.target, GENERIC_WRITE);
  if (!handle.valid())
    cannot_write(output.path, GetLastError());
  DWORD code = write_all(handle.get(), content);
  if (code == 0 && !handle.close())
    code = GetLastError();
  if (code != 0)
    cannot_write(output.path, code);
}

fs::path long_path(const fs::path& path) {
  std::wstring text = path.wstring();
  std::replace(text.begin(), text.end(), L'/', L'\\');
  // libstdc++ takes \\?\C:\… for a path relative to the drive: the prefix is looked at first.
  if (has_long_prefix(text))
    return fs::path(text);
  if (!path.is_absolute())
    return path;
  if (text.rfind(L"\\\\", 0) == 0)
    return fs::path(L"\\\\?\\UNC\\" + text.substr(2));
  return fs::path(std::wstring(kLongPrefix) + text);
}

namespace {

// `path` made absolute, in the long form.
fs::path system_path(const fs::path& path) {
  fs::path full = long_path(path);
  return has_long_prefix(full.wstring()) ? full : long_path(fs::absolute(path));
}

EntryType type_of(DWORD attributes, DWORD reparse_tag) {
  if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0 &&
      (reparse_tag == IO_REPARSE_TAG_SYMLINK || reparse_tag == IO_REPARSE_TAG_MOUNT_POINT))
    return EntryType::link;
  if ((attributes & FILE_ATTRIBUTE_DIRECTORY) != 0)
    return EntryType::folder;
  return (attributes & FILE_ATTRIBUTE_DEVICE) != 0 ? EntryType::other : EntryType::file;
}

// FindFirstFileExW over `pattern`, closed by FindClose. `data` is declared first: it is
// initialised before the call that fills it with the first entry.
struct Search {
  WIN32_FIND_DATAW data{};
  HANDLE handle = INVALID_HANDLE_VALUE;
  explicit Search(const std::wstring& pattern)
      : handle(FindFirstFileExW(pattern.c_str(), FindExInfoBasic, &data, FindExSearchNameMatch,
                                nullptr, 0)) {}
  Search(const Search&) = delete;
  Search& operator=(const Search&) = delete;
  ~Search() {
    if (handle != INVALID_HANDLE_VALUE)
      FindClose(handle);
  }
};

}  // namespace

EntryType entry_type(const fs::path& path) {
  fs::path full = system_path(path);
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (GetFileAttributesExW(full.c_str(), GetFileExInfoStandard, &data) == 0)
    return EntryType::missing;
  DWORD tag = 0;
  if ((data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    Search search(full.wstring());
    if (search.handle != INVALID_HANDLE_VALUE)
      tag = search.data.dwReserved0;
  }
  return type_of(data.dwFileAttributes, tag);
}

FolderListing list_folder(const fs::path& folder) {
  FolderListing listing;
  fs::path full = system_path(folder);
  std::wstring pattern = full.wstring();
  if (!pattern.empty() && pattern.back() != L'\\')
    pattern += L'\\';
  pattern += L'*';
  Search search(pattern);
  if (search.handle == INVALID_HANDLE_VALUE) {
    listing.problem = win::system_message(GetLastError());
    return listing;
  }
  do {
    std::wstring_view name(search.data.cFileName);
    if (name == L"." || name == L"..")
      continue;
    listing.entries.push_back(
        {win::to_utf8(name), type_of(search.data.dwFileAttributes, search.data.dwReserved0), {}});
  } while (FindNextFileW(search.handle, &search.data) != 0);
  DWORD code = GetLastError();
  if (code != ERROR_NO_MORE_FILES)
    listing.problem = win::system_message(code);
  return listing;
}

}  // namespace perechen::platform
