// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the Windows backend's files share: <windows.h> included once and tamed, UTF-8 <-> UTF-16
// (perechen's strings are UTF-8; the wide API is the only one that takes every file name), the
// system's words for an error code, and a HANDLE closed by its owner.

#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace perechen::platform::win {

// UTF-8 to UTF-16; invalid UTF-8 becomes U+FFFD, as it could never name an existing file.
inline std::wstring to_wide(std::string_view text) {
  if (text.empty())
    return {};
  int size =
      MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring wide(static_cast<std::size_t>(size), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), wide.data(), size);
  return wide;
}

inline std::string to_utf8(std::wstring_view text) {
  if (text.empty())
    return {};
  int size = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0,
                                 nullptr, nullptr);
  std::string narrow(static_cast<std::size_t>(size), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), narrow.data(), size,
                      nullptr, nullptr);
  return narrow;
}

// A path as the wide API takes it.
inline std::wstring wide_path(const std::filesystem::path& path) {
  return path.wstring();
}

// The path as UTF-8 text, for messages.
inline std::string utf8_path(const std::filesystem::path& path) {
  return to_utf8(path.wstring());
}

// The system's own words for `code` (GetLastError()), without the trailing line end.
inline std::string system_message(DWORD code) {
  wchar_t* buffer = nullptr;
  DWORD size = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
  std::wstring text = size > 0 && buffer != nullptr ? std::wstring(buffer, size) : std::wstring();
  if (buffer != nullptr)
    LocalFree(buffer);
  while (!text.empty() && (text.back() == L'\n' || text.back() == L'\r' || text.back() == L' '))
    text.pop_back();
  if (text.empty())
    return "error " + std::to_string(code);
  return to_utf8(text);
}

// A HANDLE closed when it goes out of scope.
class Handle {
 public:
  Handle() = default;
  explicit Handle(HANDLE handle) : handle_(handle) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = other.handle_;
      other.handle_ = nullptr;
    }
    return *this;
  }
  HANDLE get() const { return handle_; }
  bool valid() const { return handle_ != nullptr && handle_ != INVALID_HANDLE_VALUE; }
  void reset() {
    if (valid())
      CloseHandle(handle_);
    handle_ = nullptr;
  }
  // Gives the handle up to the caller, who closes it.
  HANDLE release() {
    HANDLE handle = handle_;
    handle_ = nullptr;
    return handle;
  }
  // Closes the handle and says whether that succeeded.
  bool close() {
    bool ok = !valid() || CloseHandle(handle_) != 0;
    handle_ = nullptr;
    return ok;
  }

 private:
  HANDLE handle_ = nullptr;
};

}  // namespace perechen::platform::win
