// SPDX-License-Identifier: Apache-2.0
// The command-line contract of spec §4, as an outside test-writer reads it: the same exit code for
// the same kind of mistake in every command, and messages in the language asked for. Each case
// here guards a deviation found in review.

#include <catch2/catch.hpp>

#include "fixture.hpp"

using perechen::test::TempDir;

namespace {

// A committed registry with no approvals yet: enough for every command that reads history.
struct Repository {
  TempDir dir;

  Repository() {
    perechen::test::git(dir.path(), {"init", "-q"});
    perechen::test::write_minimal_registry(dir);
    perechen::test::git(dir.path(), {"add", "-A"});
    perechen::test::git(dir.path(), {"commit", "-q", "-m", "first"});
  }

  perechen::test::RunResult perechen(const std::vector<std::string>& args) const {
    return perechen::test::perechen(args, dir.path());
  }
};

}  // namespace

TEST_CASE("a revision that does not exist is a usage error (2) in every command that takes one",
          "[contract]") {
  Repository repo;
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"status", "--rev", "no-such-rev"},
                                             {"verify", "no-such-rev"},
                                             {"roster", "allowed-signers", "--rev", "no-such-rev"},
                                             {"diff", "no-such-rev"},
                                             {"diff", "HEAD", "no-such-rev"},
                                             {"export", "--rev", "no-such-rev"}}) {
    auto r = repo.perechen(args);
    INFO(args.front() << ": " << r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no-such-rev") != std::string::npos);
  }
}

TEST_CASE("a repository with no commits cannot run history commands (3)", "[contract]") {
  TempDir dir;
  perechen::test::git(dir.path(), {"init", "-q"});
  perechen::test::write_minimal_registry(dir);
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"status"}, {"diff"}, {"export", "--rev", "head"}}) {
    auto r = perechen::test::perechen(args, dir.path());
    INFO(args.front() << ": " << r.out << r.err);
    CHECK(r.exit_code == 3);
  }
}

TEST_CASE("usage errors are said in the language asked for, with exit code 2", "[contract]") {
  TempDir dir;
  perechen::test::write_minimal_registry(dir);
  struct Case {
    std::vector<std::string> args;
    std::string ru, en;
  };
  for (const auto& c : std::vector<Case>{
           {{"validate", "--bogus"},
            "неизвестный параметр или лишний аргумент: --bogus",
            "unknown option or unexpected argument: --bogus"},
           {{"frobnicate"}, "неизвестная команда «frobnicate»", "unknown command 'frobnicate'"},
           {{"roster", "frobnicate"},
            "неизвестная команда «frobnicate»; команды: allowed-signers",
            "unknown command 'frobnicate'; the commands are: allowed-signers"},
           {{}, "не указана команда; команды: validate, status", "no command given"},
           {{"publish"}, "не указан обязательный параметр --dir", "the option --dir is required"},
           {{"validate", "--format", "xml"},
            "--format: недопустимое значение «xml»; можно: text, json, sarif, junit, github",
            "--format: 'xml' is not allowed; use one of: text, json, sarif, junit, github"},
           {{"status", "--rev"}, "--rev: не указано значение", "--rev: a value is missing"}}) {
    auto ru = perechen::test::perechen(c.args, dir.path());
    INFO(ru.err);
    CHECK(ru.exit_code == 2);
    CHECK(ru.err.find(c.ru) != std::string::npos);
    CHECK(ru.err.find("Справка: perechen") != std::string::npos);
    // CLI11's own English footer is replaced by the hint above.
    CHECK(ru.err.find("Run with --help") == std::string::npos);

    std::vector<std::string> args{"--lang", "en"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto en = perechen::test::perechen(args, dir.path());
    INFO(en.err);
    CHECK(en.exit_code == 2);
    CHECK(en.err.find(c.en) != std::string::npos);
    CHECK(en.err.find("For help: perechen") != std::string::npos);
  }
}
