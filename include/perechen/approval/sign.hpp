#pragma once

// Signing an approval the way `git commit -S` does with gpg.format=ssh: the commit buffer is given
// to `ssh-keygen -Y sign -n git`, so keys on disk (with or without a passphrase), keys held by
// ssh-agent and hardware keys all work as they do for git itself. The signature is then stored in
// the commit's `gpgsig` header and the branch is moved by compare-and-swap, so a commit is either
// recorded whole on top of the tip it was built on, or not at all.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "perechen/git/oid.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/ssh/public_key.hpp"

namespace perechen::approval {

// A key to sign with, and the public key its signatures will carry.
class SigningKey {
 public:
  // --key FILE: a private key (its public key read from FILE.pub, or derived with `ssh-keygen -y`)
  // or a public key whose private half ssh-agent holds. Throws Error(failure) when FILE cannot be
  // read or no public key can be had from it.
  static SigningKey from_file(const std::filesystem::path& file);
  // git's user.signingkey: "key::ssh-ed25519 AAAA…" (or a bare "ssh-…" line, as git also takes)
  // is a key in ssh-agent; anything else is a file path, "~/" meaning the home folder.
  static SigningKey from_config_value(const std::string& value);

  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

  const ssh::PublicKey& public_key() const { return public_key_; }
  // What the user named: the file, or "ssh-agent" for a literal key.
  const std::string& description() const { return description_; }
  // The file given to `ssh-keygen -f`.
  const std::filesystem::path& file() const { return file_; }
  // Whether the key is a literal held by ssh-agent (`ssh-keygen -U`).
  bool in_agent() const { return in_agent_; }

 private:
  SigningKey(ssh::PublicKey key, std::filesystem::path file, std::string description, bool in_agent,
             bool owns_file);

  ssh::PublicKey public_key_;
  std::filesystem::path file_;
  std::string description_;
  bool in_agent_ = false;
  bool owns_file_ = false;  // a temporary file holding a literal key, removed with the object
};

struct SignOptions {
  // The program to run instead of ssh-keygen (git's gpg.ssh.program); empty for "ssh-keygen".
  std::string program;
  // Let ssh-keygen's standard error through to ours, so that prompts such as a hardware key's
  // "confirm user presence" reach the person at the terminal.
  bool show_prompts = false;
};

// Signs `payload` with namespace "git" and returns the armored signature as ssh-keygen wrote it.
// The signature is checked in-process before it is returned: it must verify over `payload` and
// carry exactly `key.public_key()`. Throws Error(failure) when ssh-keygen is missing or fails, or
// the signature it gave is not what was asked for.
std::string sign(const SigningKey& key, std::string_view payload, const SignOptions& options = {});

// Writes the commit `buffer` (as git_commit_create_buffer makes it) with `signature` in its gpgsig
// header and returns its id. Moves no reference.
git::Oid write_signed_commit(const git::Repository& repo, const std::string& buffer,
                             std::string_view signature);

// Moves `branch` ("refs/heads/main") from `expected` to `target`, atomically: false, and nothing
// changed, when the branch no longer points at `expected` (someone else moved it first).
bool advance_branch(const git::Repository& repo, const std::string& branch,
                    const git::Oid& expected, const git::Oid& target,
                    const std::string& log_message);

}  // namespace perechen::approval
