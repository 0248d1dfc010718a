#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>

#include "fixture.hpp"
#include "perechen/process.hpp"

using perechen::process::Options;
using perechen::process::run;
using perechen::process::SpawnError;

TEST_CASE("run: captures standard output, error and the exit code separately") {
  auto r = run({"sh", "-c", "printf 'out'; printf 'err' >&2; exit 7"});
  CHECK(r.out == "out");
  CHECK(r.err == "err");
  CHECK(r.exit_code == 7);
  CHECK(r.signal == 0);
  CHECK_FALSE(r.ok());
}

TEST_CASE("run: arguments reach the program as given, never through a shell") {
  auto r = run({"printf", "%s|", "a b", "$HOME", "*", "; rm -rf /"});
  CHECK(r.out == "a b|$HOME|*|; rm -rf /|");
  CHECK(r.ok());
}

TEST_CASE("run: standard input is fed and then closed") {
  Options options;
  options.input = "строка один\nline two\n";
  auto r = run({"cat"}, options);
  CHECK(r.out == options.input);
  CHECK(r.exit_code == 0);
}

TEST_CASE("run: megabytes both ways do not deadlock") {
  Options options;
  options.input.assign(8u << 20, 'x');
  auto r = run({"sh", "-c", "cat; cat /dev/null >&2"}, options);
  CHECK(r.out.size() == options.input.size());
  CHECK(r.exit_code == 0);
}

TEST_CASE("run: a child that ignores its input is no SIGPIPE for the caller") {
  Options options;
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
  Options options;
  options.cwd = dir.path();
  options.env = {{"PERECHEN_PROCESS_TEST", "значение"}};
  auto r = run({"sh", "-c", "pwd; printf '%s' \"$PERECHEN_PROCESS_TEST\""}, options);
  CHECK(r.out == dir.path().string() + "\nзначение");
}

TEST_CASE("run: a program killed by a signal reports the signal") {
  auto r = run({"sh", "-c", "kill -TERM $$"});
  CHECK(r.exit_code == -1);
  CHECK(r.signal == SIGTERM);
}

TEST_CASE("run: a missing program is a SpawnError naming it") {
  try {
    run({"perechen-no-such-program-xyz"});
    FAIL("no exception");
  } catch (const SpawnError& e) {
    CHECK(e.error_number() == ENOENT);
    CHECK(e.program() == "perechen-no-such-program-xyz");
    CHECK(std::string(e.what()).find("perechen-no-such-program-xyz") != std::string::npos);
    CHECK(e.code() == perechen::ExitCode::failure);
  }
  CHECK_THROWS_AS(run({"/nonexistent/folder/program"}), SpawnError);
}

TEST_CASE("run: with inherit_stderr nothing of standard error is captured") {
  Options options;
  options.inherit_stderr = true;
  auto r = run({"sh", "-c", "printf 'visible' >&2; printf out"}, options);
  CHECK(r.out == "out");
  CHECK(r.err.empty());
}
