// SPDX-License-Identifier: Apache-2.0
// perechen/platform/environment.hpp on Windows: the UTF-16 the system keeps, as UTF-8.

#include "perechen/platform/environment.hpp"
#include "perechen/platform/process.hpp"
#include "windows.hpp"

namespace perechen::platform {

std::vector<std::string> program_arguments(int, char**) {
  // The UTF-16 command line, split by the runtime's own rules: the ANSI argv would have lost
  // every letter outside the code page.
  return windows_split_command_line(win::to_utf8(GetCommandLineW()));
}

std::optional<std::string> environment(std::string_view name) {
  std::wstring wide_name = win::to_wide(name);
  SetLastError(ERROR_SUCCESS);
  DWORD size = GetEnvironmentVariableW(wide_name.c_str(), nullptr, 0);
  if (size == 0)
    return GetLastError() == ERROR_ENVVAR_NOT_FOUND ? std::nullopt
                                                    : std::optional<std::string>(std::string());
  std::wstring value(size, L'\0');
  size = GetEnvironmentVariableW(wide_name.c_str(), value.data(), size);
  value.resize(size);
  return win::to_utf8(value);
}

std::optional<std::filesystem::path> home_directory() {
  auto home = environment("USERPROFILE");
  if (!home || home->empty())
    return std::nullopt;
  return path_from_utf8(*home);
}

bool ssh_agent_available() {
  auto socket = environment("SSH_AUTH_SOCK");
  if (socket && !socket->empty())
    return true;
  // Windows' OpenSSH agent (the ssh-agent service) is found by its pipe; 1 ms is enough to tell
  // whether it exists, and an agent that is busy is still there.
  return WaitNamedPipeW(L"\\\\.\\pipe\\openssh-ssh-agent", 1) != 0 ||
         GetLastError() == ERROR_SEM_TIMEOUT;
}

std::string path_text(const std::filesystem::path& path) {
  return windows_path_text(win::to_utf8(path.wstring()));
}

}  // namespace perechen::platform
