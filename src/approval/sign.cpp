#include "perechen/approval/sign.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/i18n.hpp"
#include "perechen/process.hpp"
#include "perechen/ssh/sshsig.hpp"

namespace perechen::approval {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxKeyFile = 1 << 20;

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos)
    return {};
  auto end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

std::optional<std::string> read_small_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return std::nullopt;
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxKeyFile)
    return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string first_line(std::string_view text) {
  auto end = text.find('\n');
  return trim(text.substr(0, end));
}

std::string program_name(const SignOptions& options) {
  return options.program.empty() ? std::string("ssh-keygen") : options.program;
}

// ssh-keygen's own words, when there are any, for a message of ours.
std::string reason_of(const process::Result& result) {
  std::string reason = trim(result.err);
  if (!reason.empty())
    return reason;
  if (result.signal != 0)
    return tr("sign.killed", fmt::arg("signal", result.signal));
  return tr("sign.exit-code", fmt::arg("code", result.exit_code));
}

// A literal key from user.signingkey, written to a file that ssh-keygen can be pointed at.
fs::path write_temporary_key(const std::string& line) {
  std::string pattern = (fs::temp_directory_path() / "perechen-key-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    throw Error(ExitCode::failure, tr("sign.temp-file"));
  std::string content = line + "\n";
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w <= 0) {
      ::close(fd);
      std::error_code ec;
      fs::remove(pattern, ec);
      throw Error(ExitCode::failure, tr("sign.temp-file"));
    }
    done += static_cast<std::size_t>(w);
  }
  ::close(fd);
  return pattern;
}

}  // namespace

SigningKey::SigningKey(ssh::PublicKey key, fs::path file, std::string description, bool in_agent,
                       bool owns_file)
    : public_key_(std::move(key)),
      file_(std::move(file)),
      description_(std::move(description)),
      in_agent_(in_agent),
      owns_file_(owns_file) {}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : public_key_(std::move(other.public_key_)),
      file_(std::move(other.file_)),
      description_(std::move(other.description_)),
      in_agent_(other.in_agent_),
      owns_file_(other.owns_file_) {
  other.owns_file_ = false;
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    if (owns_file_) {
      std::error_code ec;
      fs::remove(file_, ec);
    }
    public_key_ = std::move(other.public_key_);
    file_ = std::move(other.file_);
    description_ = std::move(other.description_);
    in_agent_ = other.in_agent_;
    owns_file_ = other.owns_file_;
    other.owns_file_ = false;
  }
  return *this;
}

SigningKey::~SigningKey() {
  if (owns_file_) {
    std::error_code ec;
    fs::remove(file_, ec);
  }
}

SigningKey SigningKey::from_file(const fs::path& file) {
  std::string name = file.string();
  auto content = read_small_file(file);
  if (!content)
    throw Error(ExitCode::failure, tr("sign.no-key-file", fmt::arg("file", name)));

  // A public key: its private half is in ssh-agent (or on a hardware token), as with git.
  if (auto key = ssh::parse_public_key(first_line(*content))) {
    return SigningKey(*key, file, name, false, false);
  }

  // A private key: its public half from FILE.pub, as ssh-keygen itself looks for it.
  fs::path pub = file;
  pub += ".pub";
  if (auto pub_content = read_small_file(pub)) {
    auto key = ssh::parse_public_key(first_line(*pub_content));
    if (!key) {
      throw Error(ExitCode::failure, tr("sign.bad-public-key", fmt::arg("file", pub.string()),
                                        fmt::arg("reason", key.error)));
    }
    return SigningKey(*key, file, name, false, false);
  }

  // Otherwise derived from the private key (this asks for the passphrase, if it has one).
  process::Result derived;
  try {
    process::Options options;
    options.inherit_stderr = ::isatty(STDERR_FILENO) != 0;
    derived = process::run({"ssh-keygen", "-y", "-f", name}, options);
  } catch (const process::SpawnError& e) {
    throw Error(ExitCode::failure, tr("sign.cannot-sign", fmt::arg("reason", e.what())));
  }
  if (!derived.ok()) {
    throw Error(ExitCode::failure, tr("sign.no-public-key", fmt::arg("file", name),
                                      fmt::arg("reason", reason_of(derived))));
  }
  auto key = ssh::parse_public_key(first_line(derived.out));
  if (!key) {
    throw Error(ExitCode::failure,
                tr("sign.no-public-key", fmt::arg("file", name), fmt::arg("reason", key.error)));
  }
  return SigningKey(*key, file, name, false, false);
}

SigningKey SigningKey::from_config_value(const std::string& value) {
  std::string literal;
  if (value.rfind("key::", 0) == 0) {
    literal = trim(std::string_view(value).substr(5));
  } else if (value.rfind("ssh-", 0) == 0) {
    literal = trim(value);
  }
  if (!literal.empty()) {
    auto key = ssh::parse_public_key(literal);
    if (!key) {
      throw Error(ExitCode::failure, tr("sign.bad-signingkey", fmt::arg("value", value),
                                        fmt::arg("reason", key.error)));
    }
    fs::path file = write_temporary_key(literal);
    std::string description = tr("sign.agent-key", fmt::arg("fingerprint", key->fingerprint()));
    return SigningKey(*key, file, description, true, true);
  }
  std::string path = value;
  if (path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home != nullptr)
      path = std::string(home) + path.substr(1);
  }
  return from_file(path);
}

std::string sign(const SigningKey& key, std::string_view payload, const SignOptions& options) {
  std::string program = program_name(options);
  std::vector<std::string> argv{program, "-Y", "sign", "-n", "git", "-f", key.file().string()};
  if (key.in_agent())
    argv.emplace_back("-U");
  argv.emplace_back("-q");

  process::Options run_options;
  run_options.input = std::string(payload);
  run_options.inherit_stderr = options.show_prompts;
  process::Result result;
  try {
    result = process::run(argv, run_options);
  } catch (const process::SpawnError& e) {
    throw Error(ExitCode::failure, tr("sign.cannot-sign", fmt::arg("reason", e.what())));
  }
  if (!result.ok()) {
    throw Error(ExitCode::failure,
                tr("sign.failed", fmt::arg("program", program), fmt::arg("key", key.description()),
                   fmt::arg("reason", reason_of(result))));
  }

  // What is recorded must be what perechen itself will accept later: a good signature over this
  // very payload by the key the roster was checked for (a stale FILE.pub would fail here).
  ssh::Verification check = ssh::verify(result.out, payload, "git");
  if (!check.good()) {
    throw Error(ExitCode::failure, tr("sign.bad-output", fmt::arg("program", program),
                                      fmt::arg("reason", check.detail)));
  }
  if (!(*check.signer == key.public_key())) {
    throw Error(ExitCode::failure, tr("sign.other-key", fmt::arg("key", key.description()),
                                      fmt::arg("expected", key.public_key().fingerprint()),
                                      fmt::arg("actual", check.signer->fingerprint())));
  }
  return result.out;
}

git::Oid write_signed_commit(const git::Repository& repo, const std::string& buffer,
                             std::string_view signature) {
  // libgit2 writes the field as given, each '\n' followed by a continuation space: a trailing
  // newline would leave a stray " " line in the header that git does not write.
  std::string field(signature);
  while (!field.empty() && (field.back() == '\n' || field.back() == '\r'))
    field.pop_back();
  git_oid id;
  git::check(
      git_commit_create_with_signature(&id, repo.get(), buffer.c_str(), field.c_str(), "gpgsig"),
      tr("sign.write-commit"));
  return git::Oid(id);
}

bool advance_branch(const git::Repository& repo, const std::string& branch,
                    const git::Oid& expected, const git::Oid& target,
                    const std::string& log_message) {
  // Another process holding the lock is a moment's wait, not a lost race: try again shortly, and
  // only a branch that really moved sends the caller back to rebuild.
  constexpr int kLockAttempts = 100;
  for (int attempt = 0;; ++attempt) {
    git::ReferenceHandle ref;
    int rc = git_reference_create_matching(git::Out(ref), repo.get(), branch.c_str(), target.get(),
                                           1, expected.get(), log_message.c_str());
    if (rc == GIT_EMODIFIED)
      return false;
    if (rc == GIT_ELOCKED && attempt + 1 < kLockAttempts) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    git::check(rc, tr("sign.move-branch", fmt::arg("branch", branch)));
    return true;
  }
}

}  // namespace perechen::approval
