// SPDX-License-Identifier: Apache-2.0
// The terminal of perechen/platform/terminal.hpp on Windows: the console API. The console's
// output code page is set to UTF-8 (and restored at exit, as it belongs to the console, not to
// perechen), its escape sequences for colour turned on, and a secret read with ReadConsoleW with
// echo off.

#include <cstdlib>

#include "perechen/platform/terminal.hpp"
#include "windows.hpp"

namespace perechen::platform {
namespace {

using win::Handle;

// Longer than any passphrase; the rest of a longer line is read and dropped.
constexpr std::size_t kMaxLine = 8192;

UINT original_output_code_page = 0;

void restore_code_page() {
  if (original_output_code_page != 0)
    SetConsoleOutputCP(original_output_code_page);
}

HANDLE standard_handle(Stream stream) {
  switch (stream) {
    case Stream::input:
      return GetStdHandle(STD_INPUT_HANDLE);
    case Stream::output:
      return GetStdHandle(STD_OUTPUT_HANDLE);
    case Stream::error:
      break;
  }
  return GetStdHandle(STD_ERROR_HANDLE);
}

volatile LONG interrupted = 0;

BOOL WINAPI remember_interrupt(DWORD event) {
  if (event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT) {
    InterlockedExchange(&interrupted, 1);
    return TRUE;
  }
  return FALSE;
}

void write_console(HANDLE out, std::wstring_view text) {
  DWORD written = 0;
  WriteConsoleW(out, text.data(), static_cast<DWORD>(text.size()), &written, nullptr);
}

}  // namespace

bool is_terminal(Stream stream) {
  HANDLE handle = standard_handle(stream);
  DWORD mode = 0;
  return handle != nullptr && handle != INVALID_HANDLE_VALUE && GetConsoleMode(handle, &mode) != 0;
}

void prepare_console() {
  if (original_output_code_page == 0 && is_terminal(Stream::output)) {
    original_output_code_page = GetConsoleOutputCP();
    if (SetConsoleOutputCP(CP_UTF8) != 0)
      std::atexit(restore_code_page);
    else
      original_output_code_page = 0;
  }
  for (Stream stream : {Stream::output, Stream::error}) {
    HANDLE handle = standard_handle(stream);
    DWORD mode = 0;
    if (handle != nullptr && GetConsoleMode(handle, &mode) != 0)
      SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
  }
}

std::optional<std::string> read_hidden_line(std::string_view prompt) {
  Handle in(CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                        nullptr, OPEN_EXISTING, 0, nullptr));
  Handle out(CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr));
  DWORD saved = 0;
  if (!in.valid() || !out.valid() || GetConsoleMode(in.get(), &saved) == 0)
    return std::nullopt;

  InterlockedExchange(&interrupted, 0);
  SetConsoleCtrlHandler(remember_interrupt, TRUE);
  write_console(out.get(), win::to_wide(prompt));
  SetConsoleMode(in.get(),
                 (saved | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT) & ~DWORD{ENABLE_ECHO_INPUT});
  std::wstring text;
  bool ended = false;
  while (InterlockedCompareExchange(&interrupted, 0, 0) == 0) {
    wchar_t buffer[256];
    DWORD got = 0;
    if (ReadConsoleW(in.get(), buffer, 256, &got, nullptr) == 0 || got == 0)
      break;
    std::wstring_view chunk(buffer, got);
    auto end = chunk.find(L'\n');
    if (text.size() < kMaxLine)
      text.append(chunk.substr(0, end));
    if (end != std::wstring_view::npos) {
      ended = true;
      break;
    }
  }
  SetConsoleMode(in.get(), saved);
  write_console(out.get(), L"\r\n");
  SetConsoleCtrlHandler(remember_interrupt, FALSE);
  if (InterlockedCompareExchange(&interrupted, 0, 0) != 0)
    ExitProcess(STATUS_CONTROL_C_EXIT);  // what Windows does with Ctrl+C by default
  if (!ended && text.empty())
    return std::nullopt;
  if (text.size() > kMaxLine)
    text.resize(kMaxLine);
  if (!text.empty() && text.back() == L'\r')
    text.pop_back();
  return win::to_utf8(text);
}

}  // namespace perechen::platform
