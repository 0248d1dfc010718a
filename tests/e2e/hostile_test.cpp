// SPDX-License-Identifier: Apache-2.0
// Hostile input through the built binary: every case gives a located finding and exit 1 (or 3 when
// nothing can run), never a crash, a hang or a signal. Also the exit codes of the command line.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "fixture.hpp"

using perechen::test::TempDir;
using perechen::test::write_minimal_registry;

namespace {
perechen::test::RunResult run_perechen(const std::vector<std::string>& args,
                                       const std::filesystem::path& cwd) {
  return perechen::test::perechen(args, cwd);
}
}  // namespace

namespace {

struct Finding {
  std::string file;
  int line;
  std::string rule;
};

// Runs validate --format json and returns its exit code and findings.
std::pair<int, std::vector<Finding>> validate_json(const TempDir& dir) {
  auto r = run_perechen({"validate", "--format", "json"}, dir.path());
  INFO(r.out + r.err);
  REQUIRE(r.signal == 0);
  auto json = nlohmann::json::parse(r.out);
  std::vector<Finding> findings;
  for (const auto& d : json["diagnostics"]) {
    findings.push_back({d["file"], d["line"], d["rule"]});
  }
  return {r.exit_code, findings};
}

bool has(const std::vector<Finding>& findings, const std::string& file, const std::string& rule,
         int line = -1) {
  for (const auto& f : findings) {
    if (f.file == file && f.rule == rule && (line < 0 || f.line == line))
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the minimal registry is clean", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  auto [code, findings] = validate_json(dir);
  CHECK(code == 0);
  CHECK(findings.empty());
}

TEST_CASE("Windows-1251 file", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/cp1251.yaml", "process: salary\nvalue: \xCE\xEF\xEB\xE0\xF2\xE0\n");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/pay/cp1251.yaml", "file-encoding", 2));
  auto r = run_perechen({"validate"}, dir.path());
  CHECK(r.out.find("Windows-1251") != std::string::npos);
}

TEST_CASE("UTF-8 byte order mark is accepted", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  auto text = dir.read("points/pay/lk.yaml");
  dir.write("points/pay/lk.yaml", "\xEF\xBB\xBF" + text);
  auto [code, findings] = validate_json(dir);
  CHECK(code == 0);
  CHECK(findings.empty());
}

TEST_CASE("duplicate keys, aliases, several documents", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/dup.yaml", "process: salary\nvalue: a\nvalue: b\n");
  dir.write("points/pay/alias.yaml", "process: &p salary\nvalue: *p\n");
  dir.write("points/pay/multi.yaml", "process: salary\n---\nprocess: vacation\n");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/pay/dup.yaml", "yaml-duplicate-key", 3));
  CHECK(has(findings, "points/pay/alias.yaml", "yaml-alias", 1));
  CHECK(has(findings, "points/pay/alias.yaml", "yaml-alias", 2));
  CHECK(has(findings, "points/pay/multi.yaml", "yaml-multi-document", 2));
}

TEST_CASE("syntax error is located", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/bad.yaml", "process: salary\npoint:\n  name: [unclosed, list\n");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "yaml-syntax");
  CHECK(findings[0].file == "points/pay/bad.yaml");
  CHECK(findings[0].line >= 3);
}

TEST_CASE("NUL bytes, huge files and deep nesting", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/nul.yaml", std::string("process: sal\0ary\n", 17));
  dir.write("points/pay/huge.yaml", "value: " + std::string(2 * 1024 * 1024, 'x') + "\n");
  dir.write("points/pay/deep.yaml", "value: " + std::string(5000, '[') + "\n");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/pay/nul.yaml", "file-encoding", 1));
  CHECK(has(findings, "points/pay/huge.yaml", "file-limits"));
  CHECK(has(findings, "points/pay/deep.yaml", "file-limits", 1));
}

TEST_CASE("a symlink out of the registry is not followed", "[hostile]") {
  TempDir dir;
  TempDir outside;
  write_minimal_registry(dir);
  outside.write("secret.yaml", "process: salary\nvalue: TOP-SECRET-CONTENT\n");
  std::filesystem::create_symlink(outside.path() / "secret.yaml",
                                  dir.path() / "points/pay/link.yaml");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/pay/link.yaml", "file-access"));
  auto r = run_perechen({"validate"}, dir.path());
  CHECK(r.out.find("TOP-SECRET-CONTENT") == std::string::npos);
}

TEST_CASE("a symlink to a folder out of the registry is not followed", "[hostile]") {
  TempDir dir;
  TempDir outside;
  write_minimal_registry(dir);
  outside.write("more/a.yaml", "process: salary\n");
  std::filesystem::create_directory_symlink(outside.path() / "more", dir.path() / "points/more");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/more", "file-access"));
}

TEST_CASE("unreadable files are reported, not fatal", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  std::filesystem::create_symlink("nowhere.yaml", dir.path() / "points/pay/dangling.yaml");
  std::filesystem::create_directory(dir.path() / "points/pay/folder.yaml");
  dir.write("points/pay/folder.yaml/inner.txt", "x");
  auto [code, findings] = validate_json(dir);
  CHECK(code == 1);
  CHECK(has(findings, "points/pay/dangling.yaml", "file-access"));
}

TEST_CASE("a file the user may not read is reported, not fatal", "[hostile]") {
  // Run as a user without privileges, so that this holds under root too (root reads anything).
  TempDir other;
  write_minimal_registry(other);
  auto path = other.write("points/pay/locked.yaml", "process: salary\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  auto r = perechen::test::perechen_unprivileged({"validate", "--format", "json"}, other.path(),
                                                 other.path());
  INFO(r.out << r.err);
  REQUIRE(r.signal == 0);
  CHECK(r.exit_code == 1);
  bool reported = false;
  auto report = nlohmann::json::parse(r.out);
  for (const auto& d : report["diagnostics"]) {
    if (d["file"] == "points/pay/locked.yaml" && d["rule"] == "file-access")
      reported = true;
  }
  CHECK(reported);
}

TEST_CASE("a commit whose blobs are missing is a clean error, not an abort", "[hostile]") {
  // Enough points that the registry is read on more than one thread: a read that fails in a worker
  // used to end the process with std::terminate (SIGABRT, exit 134).
  TempDir dir;
  write_minimal_registry(dir);
  const std::string point = dir.read("points/pay/lk.yaml");
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) {
    std::string name = "points/pay/copy-" + std::to_string(i) + ".yaml";
    std::string text = point;
    text.replace(text.find("Личный кабинет сотрудника"),
                 std::string("Личный кабинет сотрудника").size(),
                 "Личный кабинет " + std::to_string(i));
    dir.write(name, text);
    files.push_back(name);
  }
  perechen::test::git(dir.path(), {"init", "-q"});
  perechen::test::git(dir.path(), {"add", "-A"});
  perechen::test::git(dir.path(), {"commit", "-q", "-m", "first"});
  // Objects lost from the repository (a broken clone, a disk error): every tenth point's blob.
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < files.size(); i += 10) {
    std::string id = perechen::test::git(dir.path(), {"rev-parse", "HEAD:" + files[i]});
    id.pop_back();
    std::filesystem::remove(dir.path() / ".git/objects" / id.substr(0, 2) / id.substr(2));
    missing.push_back(id);
  }
  auto r = run_perechen({"validate", "--staged"}, dir.path());
  INFO(r.out << r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 3);
  CHECK(r.err.rfind("perechen: не удалось прочитать объект git ", 0) == 0);
  CHECK(r.err.find("внутренняя ошибка") == std::string::npos);
  // It names an object that is missing.
  CHECK(std::any_of(missing.begin(), missing.end(),
                    [&](const std::string& id) { return r.err.find(id) != std::string::npos; }));
}

TEST_CASE("exit codes of the command line", "[cli]") {
  TempDir dir;
  write_minimal_registry(dir);
  SECTION("not a registry: 3") {
    TempDir empty;
    auto r = run_perechen({"validate"}, empty.path());
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("perechen.yaml") != std::string::npos);
  }
  SECTION("unknown option: 2") {
    auto r = run_perechen({"validate", "--no-such-option"}, dir.path());
    CHECK(r.exit_code == 2);
  }
  SECTION("bad format: 2") {
    auto r = run_perechen({"validate", "--format", "xml"}, dir.path());
    CHECK(r.exit_code == 2);
  }
  SECTION("no command: 2") {
    auto r = run_perechen({}, dir.path());
    CHECK(r.exit_code == 2);
  }
  SECTION("a path that does not exist: 2") {
    auto r = run_perechen({"validate", "points/nope.yaml"}, dir.path());
    CHECK(r.exit_code == 2);
  }
  SECTION("-C finds the registry from elsewhere") {
    TempDir other;
    auto r = run_perechen({"-C", dir.path().string(), "validate"}, other.path());
    CHECK(r.exit_code == 0);
  }
  SECTION("the root is found upward from a subfolder") {
    auto r = run_perechen({"validate", "--format", "json"}, dir.path() / "points/pay");
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["summary"]["points"] == 3);
  }
  SECTION("--version and --help: 0") {
    auto v = run_perechen({"--version"}, dir.path());
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("perechen 0.1.0") != std::string::npos);
    auto h = run_perechen({"validate", "--help"}, dir.path());
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("--strict") != std::string::npos);
    CHECK(h.out.find("Параметры") != std::string::npos);
    auto en = run_perechen({"--lang", "en", "validate", "--help"}, dir.path());
    CHECK(en.out.find("Options") != std::string::npos);
  }
}

TEST_CASE("paths limit the report but duplicates still see the whole registry", "[cli]") {
  TempDir dir;
  write_minimal_registry(dir);
  dir.write("points/pay/lk-copy.yaml", dir.read("points/pay/lk.yaml"));
  dir.write("points/docs/broken.yaml", "process: certificates\n");
  auto r = run_perechen({"validate", "--format", "json", "points/pay/lk-copy.yaml"}, dir.path());
  CHECK(r.exit_code == 1);
  auto json = nlohmann::json::parse(r.out);
  REQUIRE(json["diagnostics"].size() >= 1);
  for (const auto& d : json["diagnostics"]) {
    CHECK(d["file"] == "points/pay/lk-copy.yaml");
  }
  CHECK(json["diagnostics"][0]["rule"] == "point-duplicate");
}

TEST_CASE("a FIFO among the points is reported, never waited on", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  REQUIRE(::mkfifo((dir.path() / "points/pay/fifo.yaml").c_str(), 0600) == 0);
  auto r = run_perechen({"validate"}, dir.path());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("points/pay/fifo.yaml: ошибка [file-access]: это не обычный файл") !=
        std::string::npos);
}

TEST_CASE("points/ as a symbolic link or a regular file is a finding, never 0 points",
          "[hostile]") {
  TempDir outside;
  outside.write("elsewhere/pay/lk.yaml", "process: salary\n");
  for (std::string inside : {"out", "in", "file"}) {
    DYNAMIC_SECTION(inside) {
      TempDir dir;
      write_minimal_registry(dir);
      std::filesystem::remove_all(dir.path() / "points");
      if (inside == "out") {
        std::filesystem::create_directory_symlink(outside.path() / "elsewhere",
                                                  dir.path() / "points");
      } else if (inside == "in") {
        dir.write("kept/pay/lk.yaml", "process: salary\n");
        std::filesystem::create_directory_symlink("kept", dir.path() / "points");
      } else {
        dir.write("points", "not a folder\n");
      }
      auto [code, findings] = validate_json(dir);
      CHECK(code == 1);
      CHECK(has(findings, "points", "file-access"));
      auto text = run_perechen({"--lang", "en", "validate"}, dir.path());
      INFO(text.out);
      CHECK(text.out.find("no findings") == std::string::npos);
    }
  }
}

TEST_CASE("a symbolic link loop is named as a loop", "[hostile]") {
  TempDir dir;
  write_minimal_registry(dir);
  std::filesystem::create_symlink("b.yaml", dir.path() / "points/pay/a.yaml");
  std::filesystem::create_symlink("a.yaml", dir.path() / "points/pay/b.yaml");
  std::filesystem::create_symlink("self.yaml", dir.path() / "points/pay/self.yaml");
  auto r = run_perechen({"--lang", "en", "validate"}, dir.path());
  INFO(r.out);
  CHECK(r.exit_code == 1);
  for (const char* file : {"points/pay/a.yaml", "points/pay/b.yaml", "points/pay/self.yaml"}) {
    INFO(file);
    CHECK(r.out.find(std::string(file) + ": error [file-access]: a symbolic link leads round in "
                                         "a loop") != std::string::npos);
  }
  CHECK(r.out.find("leads out of the registry") == std::string::npos);
}

TEST_CASE("a point file at a path longer than the system allows is reported", "[hostile]") {
  // Folders of 200 bytes until the folder's absolute path is just under 4,000 bytes, then a file
  // of 250: the folder can be listed, but the file's absolute path is over PATH_MAX (4,096), where
  // the system refuses to look at it by its path.
  TempDir dir;
  write_minimal_registry(dir);
  std::string relative = "points/pay";
  int fd = ::open((dir.path() / relative).c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  for (int i = 0; (dir.path() / relative).string().size() < 3790; ++i) {
    std::string name(200, static_cast<char>('a' + i % 26));
    // A folder at a time through a descriptor: a path that long cannot be made in one call.
    REQUIRE(::mkdirat(fd, name.c_str(), 0755) == 0);
    int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(fd);
    REQUIRE(next >= 0);
    fd = next;
    relative += "/" + name;
  }
  REQUIRE((dir.path() / relative).string().size() < 4000);
  std::string file_name = std::string(245, 'z') + ".yaml";
  int file = ::openat(fd, file_name.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  ::close(fd);
  REQUIRE(file >= 0);
  std::string text = "process: salary\n";
  REQUIRE(::write(file, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(file);
  REQUIRE((dir.path() / relative / file_name).string().size() > 4096);

  auto r = run_perechen({"--lang", "en", "validate", "--format", "json"}, dir.path());
  INFO(r.out + r.err);
  REQUIRE(r.signal == 0);
  CHECK(r.exit_code == 1);
  // The file itself is named: never a silent exit 0.
  auto json = nlohmann::json::parse(r.out);
  bool reported = false;
  for (const auto& d : json["diagnostics"])
    reported |= d["file"] == relative + "/" + file_name && d["rule"] == "file-access";
  CHECK(reported);
}
