// SPDX-License-Identifier: Apache-2.0
// What a packager and an installed system see: `cmake --install` into a DESTDIR lays out the
// program, its data, completions and man pages, and the installed program runs from there with
// nothing else; completions and man pages come from the CLI definitions and work; the Debian
// package builds and depends on Debian's library packages.

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

fs::path build_dir() {
  return fs::path(PERECHEN_BINARY).parent_path();
}

using perechen::test::read_file;

// True when `program` is there or could be installed; otherwise the part of the test that needs it
// is skipped (a failure in CI), with the reason.
bool have(const std::string& program, const std::string& package) {
  std::string reason;
  if (perechen::test::ensure_program(program, package, reason))
    return true;
  perechen::test::skip(reason);
  return false;
}

}  // namespace

TEST_CASE("an install into a DESTDIR lays everything out and runs from there", "[packaging]") {
  TempDir dest;
  RunResult install =
      perechen::test::run({"cmake", "--install", build_dir().string(), "--prefix", "/usr"}, {},
                          {{"DESTDIR", dest.path().string()}});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  fs::path usr = dest.path() / "usr";
  for (const char* file :
       {"bin/perechen", "share/bash-completion/completions/perechen",
        "share/zsh/vendor-completions/_perechen", "share/fish/vendor_completions.d/perechen.fish",
        "share/man/man1/perechen.1.gz", "share/man/man1/perechen-validate.1.gz",
        "share/man/man1/perechen-init.1.gz", "share/man/ru/man1/perechen.1.gz",
        "share/doc/perechen/copyright", "share/doc/perechen/changelog.Debian.gz",
        // The user guide that `perechen help TOPIC` prints, for people to read there too.
        "share/doc/perechen/approvals.md", "share/doc/perechen/rules.md",
        "share/doc/perechen/format.md", "share/perechen/schemas/point.schema.json",
        "share/perechen/data/needs.yaml"}) {
    INFO(file);
    CHECK(fs::is_regular_file(usr / file));
    CHECK(fs::file_size(usr / file) > 0);
  }

  // The installed program needs nothing from the source or build tree: not even its data
  // folder, which is compiled in. Run it alone, copied where nothing else is.
  TempDir alone;
  fs::copy_file(usr / "bin/perechen", alone.path() / "perechen");
  fs::path registry = perechen::test::source_dir() / "examples/registry";
  for (const fs::path& program : {usr / "bin/perechen", alone.path() / "perechen"}) {
    INFO(program);
    RunResult validate =
        perechen::test::run({program.string(), "-C", registry.string(), "validate"}, alone.path());
    CHECK(validate.exit_code == 0);
    CHECK(validate.out.find("Замечаний нет") != std::string::npos);
    RunResult schema = perechen::test::run({program.string(), "schema", "point"}, alone.path());
    CHECK(schema.exit_code == 0);
    CHECK(schema.out == read_file(perechen::test::source_dir() / "schemas/point.schema.json"));
    RunResult version = perechen::test::run({program.string(), "--version"}, alone.path());
    CHECK(version.out.rfind("perechen 0.", 0) == 0);
  }
}

TEST_CASE("completions are generated from the CLI definitions and complete", "[packaging]") {
  fs::path dir = build_dir() / "shell/completions";
  std::string bash = read_file(dir / "perechen");
  std::string zsh = read_file(dir / "_perechen");
  std::string fish = read_file(dir / "perechen.fish");
  for (const std::string* script : {&bash, &zsh, &fish}) {
    for (const char* word : {"validate", "init", "new", "doctor", "schema", "strict", "sarif"})
      CHECK(script->find(word) != std::string::npos);
  }
  // man, completion and help are in --help, so completion offers them too; __complete is not.
  CHECK(zsh.find("'completion:") != std::string::npos);
  CHECK(zsh.find("'man:") != std::string::npos);
  CHECK(zsh.find("'help:") != std::string::npos);
  CHECK(zsh.find("'__complete:") == std::string::npos);
  // The build wrote exactly what the program prints.
  CHECK(perechen::test::perechen({"completion", "bash"}).out == bash);
  CHECK(perechen::test::perechen({"completion", "fish"}).out == fish);
  CHECK(perechen::test::perechen({"completion", "tcsh"}).exit_code == 2);

  // bash: the words it offers, as a person pressing Tab would get them.
  auto complete = [&](const std::string& words, int index) {
    std::string script = "source '" + (dir / "perechen").string() + "' 2>/dev/null; COMP_WORDS=(" +
                         words + "); COMP_CWORD=" + std::to_string(index) +
                         "; _perechen 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return perechen::test::run({"bash", "-c", script}).out;
  };
  CHECK(complete("perechen val", 1) == "validate\n");
  CHECK(complete("perechen validate --for", 2) == "--format\n");
  CHECK(complete("perechen validate --format s", 3) == "sarif\n");
  CHECK(complete("perechen -C /tmp roster a", 4) == "allowed-signers\n");
  CHECK(complete("perechen schema r", 2) == "roster\n");
  CHECK(complete("perechen m", 1) == "man\n");

  if (have("zsh", "zsh")) {
    CHECK(perechen::test::run({"zsh", "-n", (dir / "_perechen").string()}).exit_code == 0);
  }
  if (have("fish", "fish")) {
    RunResult r = perechen::test::run({"fish", "-c",
                                       "source '" + (dir / "perechen.fish").string() +
                                           "'; complete -C 'perechen validate --format '"});
    CHECK(r.out.find("sarif") != std::string::npos);
  }
}

TEST_CASE("man pages are generated for the program and each command", "[packaging]") {
  fs::path dir = build_dir() / "shell/man";
  std::string main_page = read_file(dir / "man1/perechen.1");
  CHECK(main_page.find(".TH PERECHEN 1") != std::string::npos);
  CHECK(main_page.find("\\fBvalidate\\fR") != std::string::npos);
  CHECK(main_page.find("perechen\\-validate") != std::string::npos);
  CHECK(main_page.find("EXIT STATUS") != std::string::npos);
  std::string validate = read_file(dir / "man1/perechen-validate.1");
  CHECK(validate.find("\\fB\\-\\-strict\\fR") != std::string::npos);
  CHECK(validate.find(".TH PERECHEN\\-VALIDATE 1") == std::string::npos);  // a name, not text
  CHECK(validate.find(".TH PERECHEN-VALIDATE 1") != std::string::npos);
  CHECK(read_file(dir / "ru/man1/perechen-validate.1").find("КОД ВОЗВРАТА") != std::string::npos);
  // A nested command is described on its parent's page, with its options.
  std::string roster = read_file(dir / "man1/perechen-roster.1");
  CHECK(roster.find("roster allowed\\-signers") != std::string::npos);
  CHECK(roster.find("\\fB\\-\\-rev\\fR") != std::string::npos);

  CHECK(perechen::test::perechen({"--lang", "en", "man", "validate"}).out == validate);
  CHECK(perechen::test::perechen({"man", "nosuch"}).exit_code == 2);

  if (have("groff", "groff-base")) {
    for (const auto& entry : fs::directory_iterator(dir / "man1")) {
      RunResult r = perechen::test::run(
          {"groff", "-man", "-Tutf8", "-ww", "-z", "-K", "utf8", entry.path().string()});
      INFO(entry.path() << r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
    }
  }
}

TEST_CASE("the Debian package builds and depends on Debian's packages", "[packaging][deb]") {
  if (!have("dpkg-deb", "dpkg"))
    return;
  TempDir out;
  auto start = std::chrono::steady_clock::now();
  RunResult cpack =
      perechen::test::run({"cpack", "-G", "DEB", "--config",
                           (build_dir() / "CPackConfig.cmake").string(), "-B", out.path().string()},
                          out.path());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(cpack.out << cpack.err);
  REQUIRE(cpack.exit_code == 0);
  WARN("cpack -G DEB took " << seconds << " s");
  fs::path deb;
  for (const auto& entry : fs::directory_iterator(out.path())) {
    if (entry.path().extension() == ".deb")
      deb = entry.path();
  }
  REQUIRE(!deb.empty());
  CHECK(deb.filename().string().rfind("perechen_0.", 0) == 0);

  RunResult info = perechen::test::run({"dpkg-deb", "-I", deb.string()});
  INFO(info.out);
  auto depends_at = info.out.find(" Depends: ");
  REQUIRE(depends_at != std::string::npos);
  std::string depends = info.out.substr(depends_at, info.out.find('\n', depends_at) - depends_at);
  for (const char* package : {"libgit2-1.5", "libyaml-cpp0.7", "libfmt9", "libssl3",
                              "libxlsxwriter4", "libzip4", "openssh-client", "git"}) {
    INFO(package);
    CHECK(depends.find(package) != std::string::npos);
  }
  RunResult contents = perechen::test::run({"dpkg-deb", "-c", deb.string()});
  for (const char* file : {"./usr/bin/perechen", "./usr/share/bash-completion/completions/perechen",
                           "./usr/share/man/man1/perechen.1.gz", "./usr/share/perechen/schemas/",
                           "./usr/share/doc/perechen/copyright"}) {
    INFO(file);
    CHECK(contents.out.find(file) != std::string::npos);
  }
  // The licence is in Debian's copyright file, and only there (lintian: extra-license-file).
  CHECK(contents.out.find("./usr/share/doc/perechen/LICENSE") == std::string::npos);
  RunResult extracted = perechen::test::run({"dpkg-deb", "-x", deb.string(), "root"}, out.path());
  REQUIRE(extracted.exit_code == 0);
  std::string copyright = read_file(out.path() / "root/usr/share/doc/perechen/copyright");
  CHECK(copyright.find("License: Apache-2.0") != std::string::npos);
  CHECK(copyright.find("/usr/share/common-licenses/Apache-2.0") != std::string::npos);
}

TEST_CASE("any other package carries LICENSE and none of Debian's files", "[packaging]") {
  TempDir out;
  RunResult cpack =
      perechen::test::run({"cpack", "-G", "TGZ", "--config",
                           (build_dir() / "CPackConfig.cmake").string(), "-B", out.path().string()},
                          out.path());
  INFO(cpack.out << cpack.err);
  REQUIRE(cpack.exit_code == 0);
  fs::path archive;
  for (const auto& entry : fs::directory_iterator(out.path())) {
    if (entry.path().string().ends_with(".tar.gz"))
      archive = entry.path();
  }
  REQUIRE(!archive.empty());
  RunResult listing = perechen::test::run({"tar", "tzf", archive.string()});
  INFO(listing.out);
  CHECK(listing.out.find("/bin/perechen\n") != std::string::npos);
  CHECK(listing.out.find("/share/doc/perechen/LICENSE\n") != std::string::npos);
  CHECK(listing.out.find("copyright") == std::string::npos);
  CHECK(listing.out.find("changelog.Debian") == std::string::npos);
  CHECK(read_file(perechen::test::source_dir() / "LICENSE").find("Apache License") !=
        std::string::npos);
}
