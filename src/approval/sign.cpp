// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/sign.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "perechen/cms/cms.hpp"
#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/process.hpp"
#include "perechen/ssh/public_key.hpp"
#include "perechen/ssh/sshsig.hpp"
#include "signature_cms.hpp"

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
std::string reason_of(const platform::RunResult& result) {
  std::string reason = trim(result.err);
  if (!reason.empty())
    return reason;
  if (result.signal != 0)
    return tr("sign.killed", fmt::arg("signal", result.signal));
  return tr("sign.exit-code", fmt::arg("code", result.exit_code));
}

}  // namespace

SigningKey::SigningKey(ssh::PublicKey key, fs::path file, std::string description, bool in_agent,
                       std::optional<platform::TempFile> literal_file)
    : public_key_(std::move(key)),
      file_(std::move(file)),
      description_(std::move(description)),
      in_agent_(in_agent),
      literal_file_(std::move(literal_file)) {}

SigningKey::SigningKey(SigningKind kind, std::shared_ptr<const cms::SignerCertificate> certificate,
                       fs::path certificate_file, fs::path file)
    : kind_(kind),
      certificate_(std::move(certificate)),
      certificate_file_(std::move(certificate_file)),
      file_(std::move(file)),
      description_(tr("sign.certificate", fmt::arg("owner", certificate_->owner),
                      fmt::arg("serial", certificate_->serial))) {}

SigningKey SigningKey::from_file(const fs::path& file, bool show_prompts) {
  std::string name = platform::path_text(file);
  auto content = read_small_file(file);
  if (!content)
    throw Error(ExitCode::failure, tr("sign.no-key-file", fmt::arg("file", name)));

  // A public key: its private half is in ssh-agent (or on a hardware token), as with git.
  if (auto key = ssh::parse_public_key(first_line(*content))) {
    return SigningKey(*key, file, name, false);
  }

  // A private key: its public half from FILE.pub, as ssh-keygen itself looks for it.
  fs::path pub = file;
  pub += ".pub";
  if (auto pub_content = read_small_file(pub)) {
    auto key = ssh::parse_public_key(first_line(*pub_content));
    if (!key) {
      throw Error(ExitCode::failure,
                  tr("sign.bad-public-key", fmt::arg("file", platform::path_text(pub)),
                     fmt::arg("reason", key.error)));
    }
    SigningKey result(*key, file, name, false);
    result.encrypted_ = ssh::private_key_encrypted(*content);
    return result;
  }

  // Otherwise read from the private key: OpenSSH's format keeps it in the clear, so that no
  // passphrase is asked for here (sign() asks for it, once, in our words).
  if (auto key = ssh::public_key_of_private(*content)) {
    SigningKey result(std::move(*key), file, name, false);
    result.encrypted_ = ssh::private_key_encrypted(*content);
    return result;
  }
  // Another format: derived by ssh-keygen (which asks for the passphrase, if it has one).
  platform::RunResult derived;
  try {
    platform::RunOptions options;
    options.inherit_stderr = show_prompts;
    derived = platform::run({"ssh-keygen", "-y", "-f", name}, options);
  } catch (const platform::SpawnError& e) {
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
  SigningKey result(*key, file, name, false);
  result.encrypted_ = ssh::private_key_encrypted(*content);
  return result;
}

SigningKey SigningKey::from_config_value(const std::string& value, bool show_prompts) {
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
    platform::TempFile file("perechen-key", literal + "\n");
    fs::path path = file.path();
    std::string description = tr("sign.agent-key", fmt::arg("fingerprint", key->fingerprint()));
    return SigningKey(*key, path, description, true, std::move(file));
  }
  fs::path path = platform::path_from_utf8(value);
  if (value.rfind("~/", 0) == 0) {
    if (auto home = platform::home_directory())
      path = *home / platform::path_from_utf8(value.substr(2));
  }
  return from_file(path, show_prompts);
}

Signer SigningKey::signer(std::int64_t time) const {
  Signer signer;
  signer.key = public_key_;
  signer.certificate = certificate_;
  if (certificate_) {
    signer.certificate_fingerprint = certificate_->sha256;
    signer.certificate_description = describe_certificate(*certificate_);
  }
  signer.signing_time = time;
  return signer;
}

std::string SigningKey::fingerprint() const {
  return certificate_ ? certificate_->sha256 : public_key_->fingerprint();
}

namespace {

std::shared_ptr<const cms::SignerCertificate> read_certificate_file(const fs::path& file) {
  auto content = read_small_file(file);
  if (!content)
    throw Error(ExitCode::failure,
                tr("sign.no-cert-file", fmt::arg("file", platform::path_text(file))));
  auto parsed = cms::parse_certificate(*content);
  if (!parsed.certificate) {
    throw Error(ExitCode::failure,
                tr("sign.bad-cert-file", fmt::arg("file", platform::path_text(file)),
                   fmt::arg("reason", parsed.error)));
  }
  return parsed.certificate;
}

// A CMS signature must verify over the payload and name exactly the certificate asked for.
std::string checked_cms(const SigningKey& key, std::string_view program, std::string_view cms,
                        std::string_view payload) {
  cms::Verification check = cms::verify_detached(cms, payload);
  if (!check.good) {
    throw Error(ExitCode::failure, tr("sign.bad-output", fmt::arg("program", program),
                                      fmt::arg("reason", check.detail)));
  }
  if (check.signer->sha256 != key.certificate()->sha256) {
    throw Error(ExitCode::failure, tr("sign.other-certificate", fmt::arg("program", program),
                                      fmt::arg("expected", key.certificate()->sha256),
                                      fmt::arg("actual", check.signer->sha256)));
  }
  return cms::armor(*cms::cms_der(cms));
}

// Runs a signing program (`argv[0]`) with the payload on standard input and returns what it
// printed; a program that cannot start or fails is an error naming it and the key.
std::string run_signer(const std::vector<std::string>& argv, platform::RunOptions run_options,
                       const SigningKey& key, std::string_view payload,
                       const SignOptions& options) {
  run_options.input = std::string(payload);
  run_options.inherit_stderr = options.show_prompts;
  platform::RunResult result;
  try {
    result = platform::run(argv, run_options);
  } catch (const platform::SpawnError& e) {
    throw Error(ExitCode::failure, tr("sign.cannot-sign", fmt::arg("reason", e.what())));
  }
  if (!result.ok()) {
    throw Error(ExitCode::failure,
                tr("sign.failed", fmt::arg("program", argv.front()),
                   fmt::arg("key", key.description()), fmt::arg("reason", reason_of(result))));
  }
  return result.out;
}

// Whether ssh-agent holds `key` (`ssh-add -L` lists it).
bool agent_has(const ssh::PublicKey& key) {
  if (!platform::ssh_agent_available())
    return false;
  try {
    // An agent that does not answer is as good as none: doctor must not hang on it.
    platform::RunOptions options;
    options.timeout = std::chrono::seconds(10);
    platform::RunResult listed = platform::run({"ssh-add", "-L"}, options);
    if (!listed.ok())
      return false;
    std::string_view lines = listed.out;
    while (!lines.empty()) {
      auto end = lines.find('\n');
      auto parsed = ssh::parse_public_key(lines.substr(0, end));
      if (parsed && *parsed == key)
        return true;
      if (end == std::string_view::npos)
        break;
      lines.remove_prefix(end + 1);
    }
  } catch (const Error&) {
  }
  return false;
}

// An encrypted key: the passphrase from the caller, handed to ssh-keygen through SSH_ASKPASS (it
// reads none from standard input, which carries the payload), and asked for again when ssh-keygen
// says it is wrong, so that a typing error does not undo what the person confirmed.
std::string sign_with_passphrase(const std::vector<std::string>& argv, const SigningKey& key,
                                 std::string_view payload, const SignOptions& options) {
  for (int attempt = 0; attempt < kPassphraseAttempts; ++attempt) {
    auto passphrase = options.ssh_passphrase(key.description(), attempt > 0);
    if (!passphrase) {
      throw Error(ExitCode::failure, tr("sign.no-passphrase", fmt::arg("key", key.description())));
    }
    platform::RunOptions run_options;
    run_options.input = std::string(payload);
    run_options.env["SSH_ASKPASS"] = platform::utf8_path(options.askpass);
    run_options.env["SSH_ASKPASS_REQUIRE"] = "force";
    run_options.env[kAskpassSecret] = *passphrase;
    platform::RunResult result;
    try {
      result = platform::run(argv, run_options);
    } catch (const platform::SpawnError& e) {
      throw Error(ExitCode::failure, tr("sign.cannot-sign", fmt::arg("reason", e.what())));
    }
    if (result.ok())
      return result.out;
    // OpenSSH's words for SSH_ERR_KEY_WRONG_PASSPHRASE.
    if (result.err.find("incorrect passphrase") == std::string::npos) {
      throw Error(ExitCode::failure,
                  tr("sign.failed", fmt::arg("program", argv.front()),
                     fmt::arg("key", key.description()), fmt::arg("reason", reason_of(result))));
    }
  }
  throw Error(ExitCode::failure, tr("sign.passphrase-wrong", fmt::arg("key", key.description()),
                                    fmt::arg("attempts", kPassphraseAttempts)));
}

std::string sign_with_certificate(const SigningKey& key, std::string_view payload,
                                  const SignOptions& options) {
  if (key.kind() == SigningKind::certificate_key) {
    auto private_key = read_small_file(key.file());
    if (!private_key)
      throw Error(ExitCode::failure,
                  tr("sign.no-key-file", fmt::arg("file", platform::path_text(key.file()))));
    std::string der =
        cms::sign_detached(key.certificate()->der, *private_key, payload, options.passphrase);
    return checked_cms(key, "libcrypto", der, payload);
  }
  std::string program = platform::utf8_path(key.file());
  platform::RunOptions run_options;
  run_options.env["PERECHEN_CERT"] = platform::utf8_path(key.certificate_file());
  std::string cms = run_signer({program}, run_options, key, payload, options);
  return checked_cms(key, program, cms, payload);
}

}  // namespace

SigningKey SigningKey::from_certificate(const fs::path& certificate, const fs::path& key) {
  auto parsed = read_certificate_file(certificate);
  if (!read_small_file(key))
    throw Error(ExitCode::failure,
                tr("sign.no-key-file", fmt::arg("file", platform::path_text(key))));
  return SigningKey(SigningKind::certificate_key, std::move(parsed), certificate, key);
}

SigningKey SigningKey::from_signer(const std::string& program, const fs::path& certificate) {
  return SigningKey(SigningKind::certificate_program, read_certificate_file(certificate),
                    certificate, program);
}

std::string sign(const SigningKey& key, std::string_view payload, const SignOptions& options) {
  if (key.kind() != SigningKind::ssh)
    return sign_with_certificate(key, payload, options);
  std::string program = program_name(options);
  std::vector<std::string> argv{
      program, "-Y", "sign", "-n", "git", "-f", platform::utf8_path(key.file())};
  if (key.in_agent())
    argv.emplace_back("-U");
  argv.emplace_back("-q");

  // A key ssh-agent holds needs no passphrase: ssh-keygen signs with the agent.
  std::string signature = key.encrypted() && !key.in_agent() && options.ssh_passphrase &&
                                  !options.askpass.empty() && !agent_has(key.public_key())
                              ? sign_with_passphrase(argv, key, payload, options)
                              : run_signer(argv, {}, key, payload, options);

  // What is recorded must be what perechen itself will accept later: a good signature over this
  // very payload by the key the roster was checked for (a stale FILE.pub would fail here).
  ssh::Verification check = ssh::verify(signature, payload, "git");
  if (!check.good()) {
    throw Error(ExitCode::failure, tr("sign.bad-output", fmt::arg("program", program),
                                      fmt::arg("reason", check.detail)));
  }
  if (!(*check.signer == key.public_key())) {
    throw Error(ExitCode::failure, tr("sign.other-key", fmt::arg("key", key.description()),
                                      fmt::arg("expected", key.public_key().fingerprint()),
                                      fmt::arg("actual", check.signer->fingerprint())));
  }
  return signature;
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

// ---- Recording an approval ---------------------------------------------------------------

std::optional<RoleRequest> parse_role_request(std::string_view text) {
  auto colon = text.find(':');
  std::optional<Role> role = parse_role(text.substr(0, colon));
  if (!role)
    return std::nullopt;
  if (colon == std::string_view::npos)
    return RoleRequest{*role, {}};
  std::string_view scope = text.substr(colon + 1);
  if (*role == Role::client_centricity || scope.empty())
    return std::nullopt;
  if (!parse_role_scope(std::string(to_string(*role)) + " " + std::string(scope))) {
    return std::nullopt;
  }
  return RoleRequest{*role, std::string(scope)};
}

ApprovalTrailers Plan::trailers() const {
  return ApprovalTrailers{*status.content, status.approved_commit, person, roles};
}

std::vector<std::string> uncommitted_registry_files(const git::Repository& repo,
                                                    const std::string& prefix) {
  const std::string base = prefix.empty() ? std::string() : prefix + "/";
  std::vector<std::string> specs{base + kConfigFile, base + kRosterFile, base + "points"};
  std::vector<char*> spec_pointers;
  for (auto& spec : specs)
    spec_pointers.push_back(spec.data());

  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
  options.pathspec.strings = spec_pointers.data();
  options.pathspec.count = spec_pointers.size();
  git::StatusListHandle list;
  git::check(git_status_list_new(git::Out(list), repo.get(), &options), tr("approve.git-status"));

  std::vector<std::string> result;
  const std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(list.get(), i);
    if (entry == nullptr || entry->status == GIT_STATUS_CURRENT)
      continue;
    const git_diff_delta* delta =
        entry->index_to_workdir != nullptr ? entry->index_to_workdir : entry->head_to_index;
    if (delta == nullptr)
      continue;
    const char* raw = delta->new_file.path != nullptr ? delta->new_file.path : delta->old_file.path;
    if (raw == nullptr)
      continue;
    std::string_view path(raw);
    if (path.substr(0, base.size()) != base)
      continue;
    path.remove_prefix(base.size());
    const bool content = path == kConfigFile || path == kRosterFile ||
                         (path.substr(0, 7) == "points/" &&
                          git::is_point_file_name(path.substr(path.find_last_of('/') + 1)));
    if (content && std::find(result.begin(), result.end(), path) == result.end()) {
      result.emplace_back(path);
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

namespace {

// `person` is a holder of the role (one of several, spec §2.2) and the key is theirs.
bool holds(const Requirement& r, const std::string& person, const Signer& signer) {
  return r.held_by(person) && signer_holds(r, person, signer, signer.signing_time).ok;
}

std::string request_text(const RoleRequest& q) {
  std::string text(to_string(q.role));
  if (!q.scope.empty())
    text += ":" + q.scope;
  return text;
}

// The people the signer can be, as history will judge the approval (history.cpp): owners of the
// key in the roster that judges, and holders only the change names whose keys include it.
std::vector<std::string> owners_of(const Status& status, const Signer& key) {
  std::vector<std::string> owners;
  if (status.trusted_roster)
    owners = people_of(key, *status.trusted_roster, key.signing_time);
  for (const auto& r : status.required) {
    if (!r.requirement.named_by_change)
      continue;
    for (const auto& person : r.requirement.people) {
      if (holds(r.requirement, person, key) &&
          std::find(owners.begin(), owners.end(), person) == owners.end()) {
        owners.push_back(person);
      }
    }
  }
  return owners;
}

std::variant<Plan, Refused> plan_for(const Status& status, const git::Oid& head,
                                     const std::string& person, const Signer& key,
                                     const std::vector<RoleRequest>& requests) {
  std::vector<const RequiredApproval*> chosen;
  auto choose = [&](const RequiredApproval& r) {
    if (std::find(chosen.begin(), chosen.end(), &r) == chosen.end())
      chosen.push_back(&r);
  };
  std::optional<git::Oid> given;  // an approval of the signer already counted
  bool given_by_name = false;
  if (requests.empty()) {
    bool any = false;
    for (const auto& r : status.required) {
      if (!holds(r.requirement, person, key))
        continue;
      any = true;
      if (r.approved) {
        given = given ? given : r.commit;
      } else {
        choose(r);
      }
    }
    if (!any) {
      return Refused{Refusal::role_not_needed,
                     tr("approve.no-role-needed", fmt::arg("person", person))};
    }
  } else {
    for (const auto& q : requests) {
      std::vector<const RequiredApproval*> matching;
      for (const auto& r : status.required) {
        if (r.requirement.role.role == q.role &&
            (q.scope.empty() || r.requirement.role.scope == q.scope)) {
          matching.push_back(&r);
        }
      }
      if (matching.empty()) {
        return Refused{Refusal::role_not_needed,
                       tr("approve.role-not-needed", fmt::arg("role", request_text(q)))};
      }
      bool held = false;
      for (const RequiredApproval* r : matching) {
        if (!holds(r->requirement, person, key))
          continue;
        held = true;
        if (r->approved) {
          given = given ? given : r->commit;
          // A role named with its scope that is already approved is refused, not skipped.
          if (!q.scope.empty())
            given_by_name = true;
        } else {
          choose(*r);
        }
      }
      if (!held) {
        std::string holder =
            fmt::format("{}", fmt::join(matching.front()->requirement.people, ", "));
        return Refused{Refusal::role_not_held,
                       holder.empty()
                           ? tr("approve.role-nobody", fmt::arg("role", request_text(q)))
                           : tr("approve.role-not-held", fmt::arg("role", request_text(q)),
                                fmt::arg("person", person), fmt::arg("holder", holder))};
      }
    }
  }
  if (chosen.empty() || given_by_name) {
    return Refused{Refusal::already_approved,
                   tr("approve.already-approved", fmt::arg("person", person),
                      fmt::arg("commit", given ? given->hex() : std::string("?")))};
  }
  Plan plan{head, status, person, {}};
  for (const auto& r : status.required) {
    if (std::find(chosen.begin(), chosen.end(), &r) != chosen.end()) {
      plan.roles.push_back(r.requirement.role);
    }
  }
  return plan;
}

}  // namespace

std::variant<Plan, Refused> plan_approval(ContentReader& reader, const git::Oid& head,
                                          const Signer& signer,
                                          const std::vector<RoleRequest>& requests,
                                          const EvaluateOptions& evaluate_options) {
  Status status = evaluate(reader, head, evaluate_options);
  if (!status.content) {
    return Refused{Refusal::nothing_pending,
                   tr("approve.no-registry", fmt::arg("commit", head.hex()))};
  }
  if (status.untrusted_roots) {
    std::vector<std::string> roots;
    for (const auto& root : status.roots)
      roots.push_back(root.hex().substr(0, 12));
    return Refused{Refusal::nothing_pending,
                   tr("approve.untrusted-roots", fmt::arg("roots", fmt::join(roots, ", ")))};
  }
  if (status.approved) {
    return Refused{Refusal::nothing_pending,
                   tr("approve.nothing-pending",
                      fmt::arg("commit", status.approved_commit ? status.approved_commit->hex()
                                                                : head.hex()))};
  }
  std::vector<std::string> owners = owners_of(status, signer);
  if (owners.empty()) {
    Match why = status.trusted_roster
                    ? why_nobody(signer, *status.trusted_roster, signer.signing_time)
                    : Match{false, Rejection::key_not_in_roster, {}};
    return Refused{Refusal::key_not_in_roster,
                   why.detail.empty()
                       ? tr("approve.key-not-in-roster", fmt::arg("key", signer.fingerprint()))
                       : tr("approve.certificate-refused", fmt::arg("reason", why.detail))};
  }
  // A key listed for several people (the roster should not, but may) is whoever of them can
  // approve something; the first refusal is told otherwise.
  std::optional<Refused> first_refusal;
  for (const auto& person : owners) {
    auto plan = plan_for(status, head, person, signer, requests);
    if (std::holds_alternative<Plan>(plan))
      return plan;
    if (!first_refusal)
      first_refusal = std::get<Refused>(std::move(plan));
  }
  return *first_refusal;
}

std::optional<std::string> free_text_problem(std::string_view free_text) {
  // Whatever the roles and ids, the free text is a paragraph of its own: try it on a sample.
  ApprovalTrailers sample{git::Oid(), std::nullopt, "approver", {RoleScope{}}};
  ParsedTrailers parsed = parse_approval_message(format_approval_message(sample, free_text));
  if (parsed.value)
    return std::nullopt;
  return parsed.error;
}

Identity approval_identity(const git::Repository& repo, const Plan& plan) {
  Identity who;
  who.name = trim(repo.config_string("user.name").value_or(""));
  who.email = trim(repo.config_string("user.email").value_or(""));
  if (who.name.empty() && plan.status.trusted_roster) {
    if (const Person* p = plan.status.trusted_roster->find_person(plan.person)) {
      who.name = trim(p->name.value);
    }
  }
  if (who.name.empty())
    who.name = plan.person;
  if (who.email.empty())
    who.email = plan.person;
  // libgit2 refuses angle brackets in either, as git does; they carry no meaning here anyway.
  for (std::string* field : {&who.name, &who.email}) {
    field->erase(std::remove_if(field->begin(), field->end(),
                                [](char c) { return c == '<' || c == '>' || c == '\n'; }),
                 field->end());
  }
  return who;
}

namespace {

// The bytes of the approval commit on plan.head: its tree, one parent, the message.
std::string approval_buffer(const git::Repository& repo, const Plan& plan,
                            const std::string& free_text) {
  Identity who = approval_identity(repo, plan);
  git::SignatureHandle signature;
  git::check(git_signature_now(git::Out(signature), who.name.c_str(), who.email.c_str()),
             tr("approve.identity", fmt::arg("name", who.name), fmt::arg("email", who.email)));
  git::CommitHandle parent = repo.commit(plan.head);
  git::TreeHandle tree = repo.tree(repo.tree_of(plan.head));
  std::string message = format_approval_message(plan.trailers(), free_text);
  const git_commit* parents[] = {parent.get()};
  git::Buf buffer;
  git::check(git_commit_create_buffer(buffer.get(), repo.get(), signature.get(), signature.get(),
                                      nullptr, message.c_str(), tree.get(), 1, parents),
             tr("sign.write-commit"));
  return buffer.str();
}

bool within(const Plan& next, const Plan& confirmed) {
  if (next.person != confirmed.person)
    return false;
  return std::all_of(next.roles.begin(), next.roles.end(), [&](const RoleScope& role) {
    return std::find(confirmed.roles.begin(), confirmed.roles.end(), role) != confirmed.roles.end();
  });
}

}  // namespace

std::variant<Recorded, Refused> record_approval(ContentReader& reader, const std::string& branch,
                                                const Plan& plan,
                                                const std::vector<RoleRequest>& requests,
                                                const SigningKey& key,
                                                const RecordOptions& options) {
  if (auto problem = free_text_problem(options.free_text)) {
    throw Error(ExitCode::usage, tr("approve.bad-message", fmt::arg("reason", *problem)));
  }
  const git::Repository& repo = reader.repository();
  Plan current = plan;
  for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
    std::string buffer = approval_buffer(repo, current, options.free_text);
    std::string signature = sign(key, buffer, options.sign);
    git::Oid id = write_signed_commit(repo, buffer, signature);
    std::vector<std::string> roles;
    for (const auto& role : current.roles)
      roles.push_back(format_role(role));
    std::string log = "perechen approve: " + current.person + " (" +
                      fmt::format("{}", fmt::join(roles, ", ")) + ")";
    if (advance_branch(repo, branch, current.head, id, log)) {
      return Recorded{id, current, attempt};
    }

    // Someone moved the branch first. What is there now must still be the content the person
    // looked at, and what is left to approve must be within what they confirmed.
    std::optional<git::Oid> tip = repo.resolve_commit(branch);
    if (!tip)
      throw Error(ExitCode::failure, tr("approve.branch-gone", fmt::arg("branch", branch)));
    Snapshot now = reader.at(*tip);
    if (now.id() != current.status.content) {
      return Refused{Refusal::content_changed,
                     tr("approve.content-changed", fmt::arg("commit", tip->hex()))};
    }
    auto next =
        plan_approval(reader, *tip, key.signer(static_cast<std::int64_t>(std::time(nullptr))),
                      requests, options.evaluate);
    if (std::holds_alternative<Refused>(next))
      return std::get<Refused>(std::move(next));
    if (!within(std::get<Plan>(next), plan)) {
      return Refused{Refusal::content_changed,
                     tr("approve.plan-changed", fmt::arg("commit", tip->hex()))};
    }
    current = std::get<Plan>(std::move(next));
  }
  throw Error(ExitCode::failure, tr("approve.too-many-races", fmt::arg("branch", branch),
                                    fmt::arg("attempts", options.max_attempts)));
}

std::string private_half(const SigningKey& key) {
  if (!key.in_agent()) {
    std::string file = platform::utf8_path(key.file());
    bool is_public = file.size() > 4 && file.compare(file.size() - 4, 4, ".pub") == 0;
    if (!is_public) {
      // A file that is itself a public key (any name) holds no private half.
      std::error_code ec;
      auto size = fs::file_size(key.file(), ec);
      if (!ec && size > 0) {
        std::ifstream in(key.file());
        std::string first;
        std::getline(in, first);
        if (!ssh::parse_public_key(first))
          return file;
      }
    } else {
      std::string private_file = file.substr(0, file.size() - 4);
      std::error_code ec;
      if (fs::is_regular_file(private_file, ec))
        return private_file;
    }
  }
  if (agent_has(key.public_key()))
    return "ssh-agent";
  return {};
}

}  // namespace perechen::approval
