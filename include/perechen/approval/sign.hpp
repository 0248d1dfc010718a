// SPDX-License-Identifier: Apache-2.0
#pragma once

// Signing an approval the way `git commit -S` does with gpg.format=ssh: the commit buffer is given
// to `ssh-keygen -Y sign -n git`, so keys on disk (with or without a passphrase), keys held by
// ssh-agent and hardware keys all work as they do for git itself. The signature is then stored in
// the commit's `gpgsig` header and the branch is moved by compare-and-swap, so a commit is either
// recorded whole on top of the tip it was built on, or not at all.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perechen/approval/history.hpp"
#include "perechen/approval/roles.hpp"
#include "perechen/approval/signature.hpp"
#include "perechen/approval/trailer.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/git/oid.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/ssh/public_key.hpp"

namespace perechen::approval {

// What signs an approval, and who its signatures will name: an SSH key (through ssh-keygen, as
// git does), or a qualified certificate (spec §5.2) with its private key in a file (signed
// in-process with libcrypto and the gost engine) or with an external signer program (CryptoPro
// CSP, a token): the program reads the bytes on standard input and writes a detached CMS, DER or
// PEM, on standard output. The approval code treats the three alike.
enum class SigningKind { ssh, certificate_key, certificate_program };

class SigningKey {
 public:
  // --key FILE: a private key (its public key read from FILE.pub, or derived with `ssh-keygen -y`)
  // or a public key whose private half ssh-agent holds. Throws Error(failure) when FILE cannot be
  // read or no public key can be had from it. `show_prompts`: let `ssh-keygen -y` ask for the
  // passphrase on our standard error (the caller knows whether a person is there to see it).
  static SigningKey from_file(const std::filesystem::path& file, bool show_prompts = false);
  // git's user.signingkey: "key::ssh-ed25519 AAAA…" (or a bare "ssh-…" line, as git also takes)
  // is a key in ssh-agent, written to a temporary file for ssh-keygen that goes with the object;
  // anything else is a file path, "~/" meaning the home folder.
  static SigningKey from_config_value(const std::string& value, bool show_prompts = false);
  // --cert CERT --key KEY: a certificate (PEM or DER) and its private key (PEM or DER). Throws
  // Error(failure) when either cannot be read.
  static SigningKey from_certificate(const std::filesystem::path& certificate,
                                     const std::filesystem::path& key);
  // --signer PROGRAM --cert CERT: PROGRAM is run with no arguments (and PERECHEN_CERT set to
  // CERT's path) to sign. Throws Error(failure) when CERT cannot be read.
  static SigningKey from_signer(const std::string& program,
                                const std::filesystem::path& certificate);

  SigningKey(SigningKey&& other) noexcept = default;
  SigningKey& operator=(SigningKey&& other) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() = default;

  SigningKind kind() const { return kind_; }
  // The SSH public key; only for SigningKind::ssh.
  const ssh::PublicKey& public_key() const { return *public_key_; }
  // The certificate; nullptr for SigningKind::ssh.
  const std::shared_ptr<const cms::SignerCertificate>& certificate() const { return certificate_; }
  // Who the signatures will name, as the approval code judges them, signing at `time`.
  Signer signer(std::int64_t time) const;
  // "SHA256:…" of the SSH key, or the SHA-256 of the certificate (hex).
  std::string fingerprint() const;
  // What the user named: the file, "ssh-agent" for a literal key, the certificate's owner and
  // serial for a certificate.
  const std::string& description() const { return description_; }
  // The file given to `ssh-keygen -f`, the private key file, or the signer program.
  const std::filesystem::path& file() const { return file_; }
  // The certificate file (certificate kinds).
  const std::filesystem::path& certificate_file() const { return certificate_file_; }
  // Whether the key is a literal held by ssh-agent (`ssh-keygen -U`).
  bool in_agent() const { return in_agent_; }
  // Whether the key is a private key file encrypted with a passphrase (SigningKind::ssh).
  bool encrypted() const { return encrypted_; }

 private:
  SigningKey(ssh::PublicKey key, std::filesystem::path file, std::string description, bool in_agent,
             std::optional<platform::TempFile> literal_file = std::nullopt);
  SigningKey(SigningKind kind, std::shared_ptr<const cms::SignerCertificate> certificate,
             std::filesystem::path certificate_file, std::filesystem::path file);

  SigningKind kind_ = SigningKind::ssh;
  std::optional<ssh::PublicKey> public_key_;
  std::shared_ptr<const cms::SignerCertificate> certificate_;
  std::filesystem::path certificate_file_;
  std::filesystem::path file_;
  std::string description_;
  bool in_agent_ = false;
  bool encrypted_ = false;
  std::optional<platform::TempFile> literal_file_;  // holds a literal key; file_ is its path
};

// Where the private half of an SSH signing key is, as `ssh-keygen -Y sign` will look for it: the
// file itself, the file without ".pub" next to a public key file, or "ssh-agent" when the agent
// (SSH_AUTH_SOCK, `ssh-add -L`, at most 10 s) holds it. Empty when nowhere. For `doctor`.
std::string private_half(const SigningKey& key);

struct SignOptions {
  // The program to run instead of ssh-keygen (git's gpg.ssh.program); empty for "ssh-keygen".
  std::string program;
  // Let ssh-keygen's standard error through to ours, so that prompts such as a hardware key's
  // "confirm user presence" reach the person at the terminal. The library never asks whether
  // there is one: the program does (platform::is_terminal) and says so here.
  bool show_prompts = false;
  // Gives the passphrase of an encrypted private key of a certificate (approve --cert --key); the
  // library never asks at a terminal itself. Empty: an encrypted key cannot be used.
  cms::PassphraseSource passphrase;
  // Gives the passphrase of an encrypted SSH private key file (SigningKey::encrypted) for
  // ssh-keygen, which gets it from `askpass` run as its SSH_ASKPASS; asked again (`again` true)
  // after ssh-keygen found it wrong, at most kPassphraseAttempts times in all. nullopt: none to
  // give. Either empty: ssh-keygen asks by itself, in its own words (show_prompts).
  std::function<std::optional<std::string>(const std::string& key, bool again)> ssh_passphrase;
  // A program that prints the environment's PERECHEN_ASKPASS_SECRET and a line end: perechen
  // itself (main.cpp). The passphrase goes to it in that variable, which only the user's own
  // processes can read, never in a file or on a command line.
  std::filesystem::path askpass;
};

// How many passphrases sign() takes for one encrypted key before it gives up, as ssh does.
inline constexpr int kPassphraseAttempts = 3;
// The environment variable of SignOptions::askpass.
inline constexpr const char* kAskpassSecret = "PERECHEN_ASKPASS_SECRET";

// Signs `payload` and returns the armored signature for the gpgsig header: for an SSH key, with
// namespace "git" as ssh-keygen wrote it; for a certificate, a detached CMS in git's x509 armor
// ("-----BEGIN SIGNED MESSAGE-----"). The signature is checked in-process before it is returned:
// it must verify over `payload` and carry exactly the key or certificate asked for. Throws
// Error(failure) when the signer is missing or fails, or its signature is not what was asked for.
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

// ---- Recording an approval (`perechen approve`) --------------------------------------------
//
// plan_approval() decides, from history alone, what one signer may approve now, or why not; the
// command shows the plan and asks; record_approval() signs and stores it. Nothing is written
// before every check has passed, and a failure at any step leaves the branch where it was.

// What --role asks for: a role, and a process or direction id ("process_owner:salary"); an empty
// scope means every scope of that role the signer holds and the change needs.
struct RoleRequest {
  Role role = Role::client_centricity;
  std::string scope;
};

// "process_owner", "process_owner:salary", "direction_curator:pay", "client_centricity";
// nullopt for anything else.
std::optional<RoleRequest> parse_role_request(std::string_view text);

// Why approve refuses (spec §5), as far as history decides it; each is exit code 1 with nothing
// written. (A dirty working tree and validation errors are checked before planning.)
enum class Refusal {
  nothing_pending,    // the content at HEAD is fully approved already, or there is none
  key_not_in_roster,  // the signing key is nobody's in the roster that judges
  role_not_held,      // the signer does not hold a role asked for
  role_not_needed,    // the change does not need a role asked for, or none the signer holds
  already_approved,   // the signer's approval of this content is recorded already
  content_changed,    // while signing, the branch moved to other content
};

struct Refused {
  Refusal reason = Refusal::nothing_pending;
  std::string message;  // in the current language, ready to print
};

struct Plan {
  git::Oid head;                 // the commit the approval goes on top of
  Status status;                 // the history evaluated at head
  std::string person;            // the signer's roster id
  std::vector<RoleScope> roles;  // what the approval will carry, in the order status lists them

  ApprovalTrailers trailers() const;
};

// The registry files of the working tree (and index) that differ from HEAD: perechen.yaml,
// roster.yaml and point files under points/, modified, added, deleted or untracked, as paths
// relative to the registry root. Ignored files are not content and do not count.
std::vector<std::string> uncommitted_registry_files(const git::Repository& repo,
                                                    const std::string& prefix);

// What `signer` may approve of the content at `head`, limited to `requests` when not empty; the
// history judged with `evaluate` (its anchor). `signer.signing_time` is the time match_person()
// checks certificates at (0 for "now" is not special: give the time the approval will carry).
std::variant<Plan, Refused> plan_approval(ContentReader& reader, const git::Oid& head,
                                          const Signer& signer,
                                          const std::vector<RoleRequest>& requests,
                                          const EvaluateOptions& evaluate = {});

// Why `free_text` (--message) cannot go into an approval message, or nullopt when it can: a
// line starting with "Perechen-" would make the message malformed, and so the approval void.
std::optional<std::string> free_text_problem(std::string_view free_text);

struct Identity {
  std::string name;
  std::string email;
};

// Author and committer of an approval: git's user.name and user.email, else the roster's name
// and id. They are for people reading `git log` only; the key alone decides.
Identity approval_identity(const git::Repository& repo, const Plan& plan);

struct RecordOptions {
  std::string free_text;  // --message
  SignOptions sign;
  // How often to rebuild on top of a branch that moved meanwhile before giving up.
  int max_attempts = 5;
  EvaluateOptions evaluate;  // the anchor the plan is made again with after a race
};

struct Recorded {
  git::Oid commit;
  Plan plan;         // what was recorded (after a race: the plan rebuilt on the new tip)
  int attempts = 1;  // 1 when nobody else moved the branch
};

// Builds the approval commit on plan.head (same tree, one parent, the trailers), signs it, writes
// it and moves `branch` from plan.head to it by compare-and-swap. When the branch moved meanwhile,
// the plan is made again on the new tip: refused when the content there differs, or when the new
// plan is not within the one the person confirmed; otherwise signed again. Throws Error(failure)
// on signing or git failures, and when the branch kept moving for max_attempts tries.
std::variant<Recorded, Refused> record_approval(ContentReader& reader, const std::string& branch,
                                                const Plan& plan,
                                                const std::vector<RoleRequest>& requests,
                                                const SigningKey& key,
                                                const RecordOptions& options);

}  // namespace perechen::approval
