// SPDX-License-Identifier: Apache-2.0
// A working copy checked out with CRLF line ends (core.autocrlf=true, Git for Windows' default)
// is the same registry as an LF one: content identity is git's blobs, so validate gives the same
// findings at the same lines and columns, status and diff the same content and rows, and an
// approval made on it is one that an LF clone verifies (issue 17, item 3).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "fixture.hpp"

namespace fs = std::filesystem;
using perechen::test::git;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

const std::vector<std::string> kPeople{"ivanova", "petrova", "sidorov"};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string with_crlf(const std::string& text) {
  return std::regex_replace(text, std::regex("\n"), "\r\n");
}

// A registry committed with LF line ends (its roster holding keys made for the test), and a clone
// of it checked out with core.autocrlf=true.
class Checkouts {
 public:
  Checkouts() {
    fs::create_directories(home_.path() / "keys");
    git(lf_.path(), {"init", "-q"});
    perechen::test::write_minimal_registry(lf_);
    // A block scalar and Cyrillic text before the places findings are made at.
    lf_.replace("points/pay/lk.yaml",
                "value: Видеть начисления и удержания без визита в бухгалтерию",
                "value: |\n  Видеть начисления и удержания\n  без визита в бухгалтерию");
    std::string roster = lf_.read("roster.yaml");
    for (const auto& id : kPeople) {
      auto key = perechen::test::make_ssh_key(home_.path() / "keys" / id, "ed25519", id);
      roster = std::regex_replace(roster, std::regex("ssh-ed25519 [A-Za-z0-9+/=]+ " + id),
                                  key.public_line);
    }
    lf_.write("roster.yaml", roster);
    commit(lf_.path(), "Первая версия перечня");
    clone();
  }

  // The CRLF clone made again from the LF repository as it is now.
  void clone() {
    fs::remove_all(crlf());
    git(crlf_parent_.path(),
        {"clone", "-q", "-c", "core.autocrlf=true", lf_.path().string(), "crlf"});
    REQUIRE(contains(perechen::test::read_file(crlf() / "points/pay/lk.yaml"), "\r\n"));
    REQUIRE(git(crlf(), {"status", "--porcelain"}).empty());
  }

  const fs::path& lf() const { return lf_.path(); }
  fs::path crlf() const { return crlf_parent_.path() / "crlf"; }

  // Writes `relative` in both checkouts: as given in the LF one, with CRLF in the other.
  void write(const std::string& relative, const std::string& text) const {
    lf_.write(relative, text);
    crlf_parent_.write("crlf/" + relative, with_crlf(text));
  }
  void replace(const std::string& relative, const std::string& from, const std::string& to) const {
    std::string text = lf_.read(relative);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    write(relative, text.replace(at, from.size(), to));
  }

  static void commit(const fs::path& repo, const std::string& message) {
    git(repo, {"add", "-A"});
    git(repo, {"commit", "-q", "-m", message});
  }

  RunResult perechen(const fs::path& at, const std::vector<std::string>& args) const {
    return perechen::test::perechen(args, at,
                                    {{"HOME", home_.path().string()},
                                     {"XDG_CONFIG_HOME", (home_.path() / ".config").string()},
                                     {"SSH_AUTH_SOCK", ""}});
  }
  RunResult approve(const fs::path& at, const std::string& id) const {
    return perechen(at, {"approve", "--yes", "--key", (home_.path() / "keys" / id).string()});
  }

  // The same command in both checkouts gives the same exit code, output and errors.
  RunResult same(const std::vector<std::string>& args) const {
    RunResult lf = perechen(lf_.path(), args);
    RunResult crlf = perechen(this->crlf(), args);
    INFO("LF:\n" << lf.out << lf.err << "\nCRLF:\n" << crlf.out << crlf.err);
    CHECK(crlf.exit_code == lf.exit_code);
    CHECK(crlf.out == lf.out);
    CHECK(crlf.err == lf.err);
    return crlf;
  }

 private:
  TempDir home_;
  TempDir lf_;
  TempDir crlf_parent_;
};

}  // namespace

TEST_CASE("crlf: validate finds the same findings at the same lines and columns") {
  Checkouts c;
  c.same({"validate"});
  // Findings in committed files: a misspelt key after the block scalar, a need that is not one.
  c.replace("points/pay/lk.yaml", "  kind: personal_account", "  knd: personal_account");
  c.replace("points/docs/email.yaml", "  - progress\n", "  - progres\n");
  Checkouts::commit(c.lf(), "Ошибки");
  c.clone();
  RunResult text = c.same({"validate"});
  CHECK(text.exit_code == 1);
  CHECK(contains(text.out, "points/pay/lk.yaml:5:3"));
  RunResult json = c.same({"validate", "--format", "json"});
  auto findings = nlohmann::json::parse(json.out)["diagnostics"];
  REQUIRE(findings.size() >= 2);
  // A duplicate of a committed point, new in the working tree: reported once, at the new file
  // (the committed one is told apart by its blob, which the CRLF file must hash to).
  c.write("points/pay/lk-copy.yaml", perechen::test::read_file(c.lf() / "points/pay/lk.yaml"));
  RunResult duplicate = c.same({"validate", "--format", "json"});
  bool at_new_file = false;
  const auto report = nlohmann::json::parse(duplicate.out);
  for (const auto& finding : report["diagnostics"]) {
    if (finding["rule"] == "point-duplicate") {
      CHECK(finding["file"] == "points/pay/lk-copy.yaml");
      at_new_file = true;
    }
  }
  CHECK(at_new_file);
  c.same({"validate", "--staged"});
}

TEST_CASE("crlf: status and diff see the content git holds, and the same change") {
  Checkouts c;
  auto content = [&](const fs::path& at) {
    RunResult status = c.perechen(at, {"status", "--format", "json"});
    REQUIRE(status.exit_code == 0);
    return nlohmann::json::parse(status.out)["content"];
  };
  CHECK(content(c.crlf()) == content(c.lf()));
  c.same({"status"});
  c.same({"diff"});
  c.replace("points/pay/window.yaml", "каб. 12", "каб. 14");
  RunResult diff = c.same({"diff", "--format", "json"});
  CHECK(contains(diff.out, "каб. 14"));
  c.same({"diff"});
  c.same({"status"});
}

TEST_CASE("crlf: approvals made on a CRLF checkout verify on an LF one, and back") {
  Checkouts c;
  for (const auto& id : {"sidorov", "petrova", "ivanova"}) {
    RunResult approved = c.approve(c.crlf(), id);
    INFO(approved.out << approved.err);
    REQUIRE(approved.exit_code == 0);
  }
  CHECK(c.perechen(c.crlf(), {"verify"}).exit_code == 0);
  CHECK(git(c.crlf(), {"status", "--porcelain"}).empty());
  // The approvals of the CRLF checkout, fetched into the LF one, count there.
  git(c.lf(), {"pull", "-q", "--ff-only", c.crlf().string(), "HEAD"});
  RunResult verified = c.perechen(c.lf(), {"verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  c.same({"status"});

  // A change made and committed on the CRLF checkout, approved there and verified on both.
  std::string window = perechen::test::read_file(c.crlf() / "points/pay/window.yaml");
  auto at = window.find("каб. 12");
  REQUIRE(at != std::string::npos);
  std::ofstream(c.crlf() / "points/pay/window.yaml", std::ios::binary)
      << window.replace(at, std::string("каб. 12").size(), "каб. 14");
  Checkouts::commit(c.crlf(), "Окно переехало");
  CHECK(contains(git(c.crlf(), {"show", "HEAD:points/pay/window.yaml"}), "каб. 14\n"));
  CHECK(!contains(git(c.crlf(), {"show", "HEAD:points/pay/window.yaml"}), "\r"));
  for (const auto& id : {"sidorov", "petrova", "ivanova"}) {
    RunResult approved = c.approve(c.crlf(), id);
    INFO(approved.out << approved.err);
    REQUIRE(approved.exit_code == 0);
  }
  CHECK(c.perechen(c.crlf(), {"verify"}).exit_code == 0);
  git(c.lf(), {"pull", "-q", "--ff-only", c.crlf().string(), "HEAD"});
  CHECK(c.perechen(c.lf(), {"verify"}).exit_code == 0);
  c.same({"status"});
  c.same({"diff", "--format", "json"});
}
