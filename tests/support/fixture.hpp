// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers for hermetic tests: a temporary folder that cleans up after itself, files written into
// it, the built perechen binary or any other program run with its output and exit code captured.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace perechen::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (folders made as needed) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;
  // Replaces the first `from` in `relative` with `to`; the test fails when `from` is not there.
  void replace(const std::string& relative, const std::string& from, const std::string& to) const;

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;  // -1 when the program was killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] looked up in PATH unless it has a '/') in `cwd` with `env` added to the
// environment, `input` on standard input. Never uses a shell.
RunResult run(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {},
              const std::map<std::string, std::string>& env = {}, const std::string& input = {});

// A key pair made by ssh-keygen at test time, without a passphrase.
struct SshKey {
  std::filesystem::path path;  // the private key; the public key is next to it, .pub
  std::string public_line;     // the .pub file's line, without its line break
};

// Makes a key of `type` (ed25519, rsa, ecdsa) at `path` with `comment`; `bits` empty leaves
// ssh-keygen's default size. Throws when ssh-keygen fails.
SshKey make_ssh_key(const std::filesystem::path& path, const std::string& type,
                    const std::string& comment, const std::string& bits = {});

// Runs the built perechen binary with `args`.
RunResult perechen(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                   const std::map<std::string, std::string>& env = {});

// The user and group id of `nobody` on Debian: who runs perechen in the tests of permissions.
inline constexpr unsigned kUnprivilegedId = 65534;

// Runs the built perechen as a user without privileges, so that permission bits count as they do
// for a person even when the tests run as root: as itself when it is not root; as root, as user
// and group 65534 (setpriv), with `owned` (a folder, the registry) and everything in it given to
// that user for the run and given back after it.
RunResult perechen_unprivileged(const std::vector<std::string>& args,
                                const std::filesystem::path& cwd,
                                const std::filesystem::path& owned,
                                const std::map<std::string, std::string>& env = {});

// Runs git in `repo` with a fixed identity and no user configuration; throws when git fails.
// Its commits are dated 2026-03-02T10:00:00+03:00 (a Monday), or as a GitDate in scope says.
std::string git(const std::filesystem::path& repo, const std::vector<std::string>& args);

// While it lives, git() dates its commits `date` (ISO 8601 with a zone, as git reads it), e.g. an
// approval in a year the production calendar does not cover.
class GitDate {
 public:
  explicit GitDate(std::string date);
  ~GitDate();
  GitDate(const GitDate&) = delete;
  GitDate& operator=(const GitDate&) = delete;

 private:
  std::string previous_;
};

// The source tree (for examples/ and schemas/).
std::filesystem::path source_dir();

// The bytes of a file; empty when it cannot be read (a test that needs the file checks the
// content, so a missing file fails there with what was expected).
std::string read_file(const std::filesystem::path& path);

// Every file under `root` but .git/, by its path relative to `root`, with its bytes; empty when
// `root` does not exist.
std::map<std::string, std::string> files_under(const std::filesystem::path& root);

// The lines of a text, without their line breaks.
std::vector<std::string> lines_of(const std::string& text);

// One part of a docx or xlsx file (a zip), read with libzip; empty when it is not there.
std::string zip_part(const std::filesystem::path& file, const std::string& name);

// A small valid registry: perechen.yaml with directions pay (salary, vacation) and docs
// (certificates), a roster with placeholder-free keys left out (roster without keys is valid
// only for validate), and three valid points. Tests change files from there.
void write_minimal_registry(const TempDir& dir);

}  // namespace perechen::test
