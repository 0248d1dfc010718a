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

namespace {

RunResult converse(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                   const std::map<std::string, std::string>& env, const std::string& typed_ahead,
                   const std::vector<std::pair<std::string, std::string>>& answers) {
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
  auto type = [&](const std::string& text) {
    REQUIRE(::write(master, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  };
  // The terminal keeps typed lines until the program reads them, as a person's typing would.
  if (!typed_ahead.empty())
    type(typed_ahead);
  RunResult result;
  std::size_t next = 0;        // the answer to give next
  std::size_t seen_until = 0;  // where the last prompt answered ended in the output
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
    while (next < answers.size()) {
      auto at = result.out.find(answers[next].first, seen_until);
      if (at == std::string::npos)
        break;
      seen_until = at + answers[next].first.size();
      // A moment for the program to turn echo off and start reading after its prompt.
      ::usleep(100 * 1000);
      type(answers[next].second);
      ++next;
    }
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

}  // namespace

RunResult perechen_on_terminal(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd,
                               const std::map<std::string, std::string>& env,
                               const std::string& input) {
  return converse(args, cwd, env, input, {});
}

RunResult perechen_in_dialogue(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd,
                               const std::map<std::string, std::string>& env,
                               const std::vector<std::pair<std::string, std::string>>& answers) {
  return converse(args, cwd, env, {}, answers);
}

}  // namespace perechen::test
