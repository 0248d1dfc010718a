// SPDX-License-Identifier: Apache-2.0
#include "terminal.hpp"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>

namespace perechen::test {

RunResult perechen_on_terminal(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd,
                               const std::map<std::string, std::string>& env,
                               const std::string& input) {
  std::vector<std::string> argv{PERECHEN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (auto& a : argv)
    pointers.push_back(a.data());
  pointers.push_back(nullptr);

  int master = -1;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0)
      ::_exit(127);
    for (const auto& [key, value] : env)
      ::setenv(key.c_str(), value.c_str(), 1);
    ::setenv("NO_COLOR", "1", 1);
    ::execv(pointers[0], pointers.data());
    ::_exit(127);
  }
  // The terminal keeps typed lines until the program reads them, as a person's typing would.
  REQUIRE(::write(master, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  RunResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, 200) <= 0)
      continue;
    ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0)
      break;  // EIO: the program has exited and closed the terminal
    result.out.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == 0) {
    ::kill(pid, SIGKILL);  // still waiting for input: the test fails below
    ::waitpid(pid, &status, 0);
  }
  ::close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return result;
}

}  // namespace perechen::test
