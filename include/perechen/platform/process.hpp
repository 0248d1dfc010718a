// SPDX-License-Identifier: Apache-2.0
#pragma once

// Running another program (ssh-keygen for signing, git in tests): argv as given, never a shell,
// so no argument is ever split or expanded. Standard output and error are captured whole while
// standard input is fed, so a chatty child can never deadlock on a full pipe.
//
// One interface, a backend per platform: src/platform/posix/process.cpp (posix_spawn, poll,
// waitpid) and src/platform/windows/process.cpp (CreateProcessW with the command line quoted as
// the Microsoft C runtime parses it, UTF-16 throughout).

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/error.hpp"

namespace perechen::platform {

struct RunOptions {
  std::filesystem::path cwd;               // empty: the current folder
  std::map<std::string, std::string> env;  // added to (or replacing in) the caller's environment
  std::string input;                       // given on standard input, which is then closed
  // Leave standard error connected to ours instead of capturing it (RunResult::err stays empty),
  // so that prompts the program writes there reach the person at the terminal.
  bool inherit_stderr = false;
  // How long the program may run; past it, it is killed and RunResult::timed_out is set. Zero:
  // as long as it takes.
  std::chrono::milliseconds timeout{0};
};

struct RunResult {
  int exit_code = -1;      // -1 when the program was killed (by a signal, or for its timeout)
  int signal = 0;          // POSIX: the signal that killed it, 0 when it exited
  bool timed_out = false;  // killed because it ran past RunOptions::timeout
  std::string out;
  std::string err;

  bool ok() const { return exit_code == 0; }
};

// The program could not be started at all: not found, not executable, a bad cwd.
class SpawnError : public Error {
 public:
  // `reason`: the system's words for why, used when the program was found but would not start.
  SpawnError(std::string program, bool not_found, const std::string& reason);
  const std::string& program() const { return program_; }
  // The program is not installed (or not on PATH).
  bool not_found() const { return not_found_; }

 private:
  std::string program_;
  bool not_found_;
};

// Runs `argv` and waits for it to finish. argv[0] is looked up as find_program() does unless it
// names a file (holds a path separator). Throws SpawnError when it cannot be started,
// perechen::Error(failure) when the pipes cannot be made or the program's end cannot be learnt.
// A child that closes its input early is not an error: the rest of the input is dropped, and
// SIGPIPE never reaches the caller. POSIX: a SIGCHLD the caller's parent left ignored (it is
// inherited across exec) is set back to its default first, since the kernel would otherwise reap
// the child and its exit code would be lost; the child gets SIGCHLD and SIGPIPE at their defaults.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// The full path of the program `name` as run() would start it, or nullopt. POSIX: each folder of
// PATH (an empty entry is the current folder). Windows: each folder of PATH with the extensions
// of PATHEXT (".COM;.EXE;.BAT;.CMD" when unset) unless `name` has one of them, then Windows' own
// OpenSSH folder (%SystemRoot%\System32\OpenSSH), where ssh-keygen.exe lives when PATH misses it.
// A name with a path separator is only checked.
std::optional<std::filesystem::path> find_program(std::string_view name);

// What a person does to get ssh-keygen on this system, in perechen's words (doctor's advice):
// POSIX the package, Windows the optional feature or Git for Windows.
std::string ssh_keygen_install_hint();

// The command line CreateProcessW is given for `argv`: each argument quoted so that the Microsoft
// C runtime (CommandLineToArgvW, MSVCRT and UCRT alike) splits it back into exactly `argv`
// (backslashes doubled only before a quote; quotes escaped). argv[0] is quoted whole, as the
// runtime reads the program name without escapes. Plain text, so it is tested on every platform.
// Throws SpawnError for an argv[0] holding a quote, which no Windows file name can.
std::string windows_command_line(const std::vector<std::string>& argv);

// The arguments the Microsoft C runtime (UCRT) makes of a command line, the reverse of
// windows_command_line(): argv[0] up to the first space or in quotes without escapes; then
// arguments split at spaces and tabs outside quotes, 2n backslashes before a quote are n and the
// quote opens or closes, 2n+1 are n and a literal quote, "" inside quotes is a literal quote.
// perechen.exe reads its own UTF-16 command line this way (platform::program_arguments). Plain
// text, so it is tested on every platform.
std::vector<std::string> windows_split_command_line(std::string_view line);

// The file of the running program, for running it again (as a helper another program calls);
// empty when the system does not say.
std::filesystem::path own_program();

}  // namespace perechen::platform
