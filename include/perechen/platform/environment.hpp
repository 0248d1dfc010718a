// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the program is given by the system: its arguments and environment as UTF-8, the person's
// home folder, where ssh-agent is reached, and how paths are shown in messages.
//
// One interface, a backend per platform: src/platform/posix/environment.cpp (argv and getenv as
// they are) and src/platform/windows/environment.cpp (GetCommandLineW,
// GetEnvironmentVariableW, USERPROFILE, the OpenSSH agent's named pipe); what both share, the
// text of a path, in src/platform/environment.cpp.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::platform {

// The program's arguments as UTF-8, argv[0] first. POSIX: argv as given (the bytes of the
// command line). Windows: the UTF-16 command line split as the C runtime splits it, so that a
// Cyrillic file name arrives whatever the ANSI code page is; `argv` is not used.
std::vector<std::string> program_arguments(int argc, char** argv);

// The variable `name` of the environment as UTF-8; nullopt when it is not set.
std::optional<std::string> environment(std::string_view name);

// The person's home folder, where "~/" leads: POSIX $HOME, Windows %USERPROFILE%. nullopt when
// the variable is not set.
std::optional<std::filesystem::path> home_directory();

// Whether an ssh-agent may be asked for keys: POSIX when SSH_AUTH_SOCK names a socket; Windows
// also when Windows' own OpenSSH agent listens on its named pipe (\\.\pipe\openssh-ssh-agent),
// which ssh-add and ssh-keygen find without SSH_AUTH_SOCK.
bool ssh_agent_available();

// A path as perechen names it in messages: UTF-8, and with forward slashes as git writes them
// (Windows: separators turned to '/', the long-path prefix \\?\ left out). POSIX: the bytes as
// they are (a backslash is a letter of a file name there).
std::string path_text(const std::filesystem::path& path);

// The Windows rule of path_text() over the UTF-8 text of a path; plain text, so it is tested on
// every platform.
std::string windows_path_text(std::string_view utf8);

// A path from UTF-8 text (a user's argument, a value of a registry file): std::filesystem::path's
// constructor from std::string takes the ANSI code page on Windows.
std::filesystem::path path_from_utf8(std::string_view text);

}  // namespace perechen::platform
