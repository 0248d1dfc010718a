// SPDX-License-Identifier: Apache-2.0
// platform::run and find_program on this platform (POSIX), and the Windows command line, which is
// plain text and so checked here too.

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fstream>

#include "fixture.hpp"
#include "perechen/platform/process.hpp"

namespace fs = std::filesystem;
using perechen::platform::find_program;
using perechen::platform::run;
using perechen::platform::RunOptions;
using perechen::platform::SpawnError;
using perechen::platform::windows_command_line;

namespace {

// This test program, to run one of its hidden test cases in a child process of its own.
std::string self() {
  return fs::read_symlink("/proc/self/exe").string();
}

// The mask of ignored signals of the process that reads it (/proc/self/status, "SigIgn:").
unsigned long long ignored_signals_of_child() {
  auto r = run({"grep", "^SigIgn:", "/proc/self/status"});
  REQUIRE(r.exit_code == 0);
  return std::stoull(r.out.substr(r.out.find(':') + 1), nullptr, 16);
}

}  // namespace

TEST_CASE("run: captures standard output, error and the exit code separately") {
  auto r = run({"sh", "-c", "printf 'out'; printf 'err' >&2; exit 7"});
  CHECK(r.out == "out");
  CHECK(r.err == "err");
  CHECK(r.exit_code == 7);
  CHECK(r.signal == 0);
  CHECK_FALSE(r.timed_out);
  CHECK_FALSE(r.ok());
}

TEST_CASE("run: arguments reach the program as given, never through a shell") {
  auto r = run({"printf", "%s|", "a b", "$HOME", "*", "; rm -rf /", "", "\"q\\\""});
  CHECK(r.out == "a b|$HOME|*|; rm -rf /||\"q\\\"|");
  CHECK(r.ok());
}

TEST_CASE("run: standard input is fed and then closed") {
  RunOptions options;
  options.input = "строка один\nline two\n";
  auto r = run({"cat"}, options);
  CHECK(r.out == options.input);
  CHECK(r.exit_code == 0);
}

TEST_CASE("run: megabytes both ways do not deadlock") {
  RunOptions options;
  options.input.assign(8u << 20, 'x');
  auto r = run({"sh", "-c", "cat; cat /dev/null >&2"}, options);
  CHECK(r.out.size() == options.input.size());
  CHECK(r.exit_code == 0);
}

TEST_CASE("run: a child that ignores its input is no SIGPIPE for the caller") {
  RunOptions options;
  options.input.assign(4u << 20, 'x');
  auto r = run({"true"}, options);
  CHECK(r.exit_code == 0);
  // Still alive, and SIGPIPE is not left pending for this thread.
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  CHECK(sigismember(&pending, SIGPIPE) == 0);
}

TEST_CASE("run: the working folder and extra environment are the child's") {
  perechen::test::TempDir dir;
  RunOptions options;
  options.cwd = dir.path();
  options.env = {{"PERECHEN_PROCESS_TEST", "значение"}};
  auto r = run({"sh", "-c", "pwd; printf '%s' \"$PERECHEN_PROCESS_TEST\""}, options);
  CHECK(r.out == dir.path().string() + "\nзначение");
}

TEST_CASE("run: a program killed by a signal reports the signal") {
  auto r = run({"sh", "-c", "kill -TERM $$"});
  CHECK(r.exit_code == -1);
  CHECK(r.signal == SIGTERM);
  CHECK_FALSE(r.timed_out);
}

TEST_CASE("run: a missing program is a SpawnError naming it") {
  try {
    run({"perechen-no-such-program-xyz"});
    FAIL("no exception");
  } catch (const SpawnError& e) {
    CHECK(e.not_found());
    CHECK(e.program() == "perechen-no-such-program-xyz");
    CHECK(std::string(e.what()) ==
          "программа perechen-no-such-program-xyz не найдена (она установлена и есть в PATH?)");
    CHECK(e.code() == perechen::ExitCode::failure);
  }
  CHECK_THROWS_AS(run({"/nonexistent/folder/program"}), SpawnError);
}

TEST_CASE("run: a folder that cannot be entered is a SpawnError, not a wrong child") {
  RunOptions options;
  options.cwd = "/nonexistent/folder";
  try {
    run({"pwd"}, options);
    FAIL("no exception");
  } catch (const SpawnError& e) {
    CHECK(e.program() == "pwd");
  }
}

TEST_CASE("run: with inherit_stderr nothing of standard error is captured") {
  RunOptions options;
  options.inherit_stderr = true;
  auto r = run({"sh", "-c", "printf 'visible' >&2; printf out"}, options);
  CHECK(r.out == "out");
  CHECK(r.err.empty());
}

TEST_CASE("run: a program past its timeout is killed and says so") {
  RunOptions options;
  options.timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  auto r = run({"sh", "-c", "printf started; exec sleep 30"}, options);
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(r.timed_out);
  CHECK(r.exit_code == -1);
  CHECK_FALSE(r.ok());
  CHECK(r.out == "started");
  CHECK(took < std::chrono::seconds(10));

  // One that ends in time is not touched.
  auto quick = run({"sh", "-c", "exit 4"}, options);
  CHECK_FALSE(quick.timed_out);
  CHECK(quick.exit_code == 4);
}

TEST_CASE("run: the child starts with SIGCHLD and SIGPIPE at their defaults") {
  constexpr unsigned long long kSigchld = 1ull << (SIGCHLD - 1);
  constexpr unsigned long long kSigpipe = 1ull << (SIGPIPE - 1);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  struct sigaction saved {};
  REQUIRE(::sigaction(SIGPIPE, &ignore, &saved) == 0);
  unsigned long long ignored = ignored_signals_of_child();
  ::sigaction(SIGPIPE, &saved, nullptr);
  CHECK((ignored & kSigpipe) == 0);
  CHECK((ignored & kSigchld) == 0);
}

// Run by the next test in a child process that was started with SIGCHLD ignored, as a parent
// that ignores it passes it on across exec; hidden ("[.]"), so never run on its own.
TEST_CASE("run: child process with SIGCHLD ignored", "[.][sigchld-child]") {
  struct sigaction inherited {};
  REQUIRE(::sigaction(SIGCHLD, nullptr, &inherited) == 0);
  REQUIRE(inherited.sa_handler == SIG_IGN);  // the setup worked: the kernel would reap children

  auto r = run({"sh", "-c", "exit 7"});
  CHECK(r.exit_code == 7);
  CHECK(r.signal == 0);
  // A shell that waits for a child of its own gets its status too.
  auto nested = run({"sh", "-c", "sh -c 'exit 5'; exit $?"});
  CHECK(nested.exit_code == 5);
  // What the program started with is not passed on to its children.
  CHECK((ignored_signals_of_child() & (1ull << (SIGCHLD - 1))) == 0);
}

TEST_CASE("run: an exit code survives SIGCHLD ignored by whoever started perechen") {
  auto r = run({"env", "--ignore-signal=CHLD", self(), "[sigchld-child]"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("All tests passed (") != std::string::npos);
  CHECK(r.out.find(" in 1 test case") != std::string::npos);
}

TEST_CASE("find_program: PATH as posix_spawnp searches it") {
  auto sh = find_program("sh");
  REQUIRE(sh);
  CHECK(sh->is_absolute());
  CHECK(sh->filename() == "sh");
  CHECK_FALSE(find_program("perechen-no-such-program-xyz"));
  CHECK_FALSE(find_program(""));

  perechen::test::TempDir dir;
  fs::path tool = dir.write("bin/tool", "#!/bin/sh\nexit 0\n");
  dir.write("bin/not-executable", "x");
  fs::permissions(tool, fs::perms::owner_all);
  fs::create_directories(dir.path() / "bin/folder");
  std::string saved = std::getenv("PATH");
  ::setenv("PATH", ("/nonexistent:" + (dir.path() / "bin").string()).c_str(), 1);
  auto found = find_program("tool");
  auto not_executable = find_program("not-executable");
  auto folder = find_program("folder");
  ::setenv("PATH", saved.c_str(), 1);
  CHECK(found == tool);
  CHECK_FALSE(not_executable);
  CHECK_FALSE(folder);
  // A name with a folder is only checked, never searched.
  CHECK(find_program(tool.string()) == tool);
  CHECK_FALSE(find_program((dir.path() / "bin/not-executable").string()));
}

TEST_CASE("windows_command_line: the Microsoft C runtime reads back each argument as given") {
  // The cases of the runtime's rules: 2n backslashes before a quote are n, 2n+1 are n and a
  // literal quote; elsewhere a backslash is itself.
  CHECK(windows_command_line({"C:\\Program Files\\OpenSSH\\ssh-keygen.exe", "-Y", "sign"}) ==
        "\"C:\\Program Files\\OpenSSH\\ssh-keygen.exe\" -Y sign");
  CHECK(windows_command_line({"p", ""}) == "\"p\" \"\"");
  CHECK(windows_command_line({"p", "a b", "tab\there"}) == "\"p\" \"a b\" \"tab\there\"");
  CHECK(windows_command_line({"p", "say \"hi\""}) == "\"p\" \"say \\\"hi\\\"\"");
  CHECK(windows_command_line({"p", "C:\\dir\\"}) == "\"p\" C:\\dir\\");
  CHECK(windows_command_line({"p", "C:\\my dir\\"}) == "\"p\" \"C:\\my dir\\\\\"");
  CHECK(windows_command_line({"p", "a\\\\\"b"}) == "\"p\" \"a\\\\\\\\\\\"b\"");
  CHECK(windows_command_line({"p", "\\\\server\\share"}) == "\"p\" \\\\server\\share");
  CHECK(windows_command_line({"p", "ключ файл.pub"}) == "\"p\" \"ключ файл.pub\"");
  CHECK_THROWS_AS(windows_command_line({"a\"b"}), SpawnError);
}
