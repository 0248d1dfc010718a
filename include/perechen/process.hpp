#pragma once

// Running another program (ssh-keygen for signing, git in tests): argv as given, never a shell,
// so no argument is ever split or expanded. Standard output and error are captured whole while
// standard input is fed, all through poll(), so a chatty child can never deadlock on a full pipe.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "perechen/error.hpp"

namespace perechen::process {

struct Options {
  std::filesystem::path cwd;               // empty: the current folder
  std::map<std::string, std::string> env;  // added to (or replacing in) the caller's environment
  std::string input;                       // given on standard input, which is then closed
  // Leave standard error connected to ours instead of capturing it (Result::err stays empty), so
  // that prompts the program writes there reach the person at the terminal.
  bool inherit_stderr = false;
};

struct Result {
  int exit_code = -1;  // -1 when the program was killed by a signal
  int signal = 0;      // the signal that killed it, 0 when it exited
  std::string out;
  std::string err;

  bool ok() const { return exit_code == 0; }
};

// The program could not be started at all: not found, not executable, a bad cwd.
class SpawnError : public Error {
 public:
  SpawnError(std::string program, int error_number);
  const std::string& program() const { return program_; }
  // The errno posix_spawn gave: ENOENT when the program is not installed.
  int error_number() const { return error_number_; }

 private:
  std::string program_;
  int error_number_;
};

// Runs `argv` (argv[0] looked up in PATH unless it holds a '/') and waits for it to finish.
// Throws SpawnError when it cannot be started, perechen::Error(failure) when the pipes cannot be
// made. A child that closes its input early is not an error: the rest of the input is dropped,
// and SIGPIPE never reaches the caller.
Result run(const std::vector<std::string>& argv, const Options& options = {});

}  // namespace perechen::process
