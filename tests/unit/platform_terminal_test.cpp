// SPDX-License-Identifier: Apache-2.0
// platform::read_hidden_line and is_terminal on a real pseudo-terminal: this test program runs
// one of its hidden test cases in a child whose controlling terminal is the pty, types at it as a
// person would, and looks at what the screen showed.

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "perechen/platform/terminal.hpp"

namespace fs = std::filesystem;
namespace platform = perechen::platform;

namespace {

struct Screen {
  std::string shown;  // everything the terminal displayed
  int exit_code = -1;
  int signal = 0;
  bool echo_after = false;  // the terminal's ECHO once the child is gone
};

// Reads what the terminal shows until `wanted` appears (or the child closes it); false on timeout.
bool read_until(int master, std::string& shown, std::string_view wanted) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    if (!wanted.empty() && shown.find(wanted) != std::string::npos)
      return true;
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, 100) <= 0)
      continue;
    ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0)
      return wanted.empty();  // EIO: the child has exited and closed the terminal
    shown.append(buffer, static_cast<std::size_t>(n));
  }
  return false;
}

// Runs the hidden test case `name` of this program on a new terminal; once `prompt` shows, types
// `typed`.
Screen on_terminal(const std::string& name, const std::string& prompt, const std::string& typed) {
  std::string self = fs::read_symlink("/proc/self/exe").string();
  int master = -1;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::execl(self.c_str(), self.c_str(), name.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  Screen screen;
  bool prompted = read_until(master, screen.shown, prompt);
  if (prompted)
    REQUIRE(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  read_until(master, screen.shown, "");
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  termios settings{};
  screen.echo_after = ::tcgetattr(master, &settings) == 0 && (settings.c_lflag & ECHO) != 0;
  ::close(master);
  screen.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  screen.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  INFO(screen.shown);
  CHECK(prompted);
  return screen;
}

bool echo_on_tty() {
  int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY);
  termios settings{};
  bool echo = fd >= 0 && ::tcgetattr(fd, &settings) == 0 && (settings.c_lflag & ECHO) != 0;
  if (fd >= 0)
    ::close(fd);
  return echo;
}

}  // namespace

// Hidden ("[.]"): run only by the tests below, on a terminal of their own.
TEST_CASE("terminal child: reads a secret", "[.][terminal-secret]") {
  CHECK(platform::is_terminal(platform::Stream::input));
  CHECK(platform::is_terminal(platform::Stream::output));
  auto line = platform::read_hidden_line("Пароль ключа: ");
  REQUIRE(line);
  CHECK(*line == "секрет с пробелом");
  CHECK(echo_on_tty());
}

TEST_CASE("terminal child: interrupted while reading", "[.][terminal-interrupt]") {
  platform::read_hidden_line("Пароль ключа: ");
  FAIL("the interrupt should have ended the program");
}

TEST_CASE("read_hidden_line: the prompt shows, the typed secret does not") {
  Screen screen = on_terminal("[terminal-secret]", "Пароль ключа: ", "секрет с пробелом\n");
  INFO(screen.shown);
  CHECK(screen.exit_code == 0);
  CHECK(screen.shown.find("Пароль ключа: ") != std::string::npos);
  CHECK(screen.shown.find("секрет") == std::string::npos);
  CHECK(screen.shown.find("All tests passed") != std::string::npos);
  CHECK(screen.echo_after);
}

TEST_CASE("read_hidden_line: Ctrl+C gives the terminal its echo back, then interrupts") {
  Screen screen = on_terminal("[terminal-interrupt]", "Пароль ключа: ", "sec\x03");
  INFO(screen.shown);
  CHECK(screen.exit_code != 0);
  CHECK(screen.shown.find("sec") == std::string::npos);
  CHECK(screen.shown.find("the interrupt should have ended") == std::string::npos);
  CHECK(screen.echo_after);
}

TEST_CASE("read_hidden_line: without a terminal there is nobody to ask") {
  // setsid() in a child leaves it without a controlling terminal: /dev/tty cannot be opened.
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setsid();
    ::_exit(platform::read_hidden_line("Пароль: ") ? 1 : 0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
