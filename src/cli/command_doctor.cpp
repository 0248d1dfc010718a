// SPDX-License-Identifier: Apache-2.0
// perechen doctor: whether this machine is ready to approve (spec §5): a git identity, ssh-keygen,
// a signing key whose private half can be used, that key in the roster, and the roles it holds.
// Each check that fails says how to put it right. Exit 0 when all is well, 1 otherwise.

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "context.hpp"
#include "perechen/approval/roles.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/approval/signature.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/error.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/git/worktree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/process.hpp"
#include "perechen/platform/terminal.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/roster.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/scaffold/repository.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct DoctorOptions {
  std::string key;
  std::string cert;    // a qualified certificate (spec §5.2) instead of an SSH key
  std::string signer;  // the program that signs with it
};

struct Check {
  bool ok = false;
  std::string what;
  std::string fix;  // empty when ok
};

class Report {
 public:
  explicit Report(bool color) : color_(color) {}

  void add(Check check) {
    if (!check.ok)
      ++failed_;
    const char* mark = check.ok ? "✓" : "✗";
    if (color_)
      std::cout << (check.ok ? "\033[32m" : "\033[31m") << mark << "\033[0m";
    else
      std::cout << mark;
    std::cout << " " << check.what << "\n";
    if (!check.fix.empty()) {
      std::string indented = "    " + check.fix;
      for (std::size_t i = 0; (i = indented.find('\n', i)) != std::string::npos; i += 5)
        indented.insert(i + 1, "    ");
      std::cout << indented << "\n";
    }
  }
  int failed() const { return failed_; }

 private:
  bool color_;
  int failed_ = 0;
};

std::optional<std::string> config_value(const fs::path& start, const std::string& name) {
  try {
    auto value = scaffold::git_config(start, name);
    if (value && value->empty())
      return std::nullopt;
    return value;
  } catch (const Error&) {
    return std::nullopt;  // an unreadable configuration reads as an unset value here
  }
}

Check identity(const fs::path& start) {
  auto name = config_value(start, "user.name");
  auto email = config_value(start, "user.email");
  if (name && email)
    return {true, tr("doctor.identity-ok", fmt::arg("name", *name), fmt::arg("email", *email)), {}};
  std::string fix;
  if (!name)
    fix += tr("doctor.identity-fix-name");
  if (!email)
    fix += (fix.empty() ? "" : "\n") + tr("doctor.identity-fix-email");
  return {false,
          tr("doctor.identity-missing", fmt::arg("what", !name && !email ? "user.name, user.email"
                                                         : !name         ? "user.name"
                                                                         : "user.email")),
          fix};
}

Check ssh_keygen(const fs::path& start) {
  std::string program = config_value(start, "gpg.ssh.program").value_or("ssh-keygen");
  if (auto found = platform::find_program(program))
    return {true, tr("doctor.ssh-keygen-ok", fmt::arg("path", platform::path_text(*found))), {}};
  return {false, tr("doctor.ssh-keygen-missing", fmt::arg("program", program)),
          platform::ssh_keygen_install_hint()};
}

std::vector<Check> signing_key(const fs::path& start, const DoctorOptions& options,
                               std::optional<ssh::PublicKey>& key_out) {
  std::string source;
  std::optional<approval::SigningKey> key;
  try {
    if (!options.key.empty()) {
      source = "--key " + options.key;
      key = approval::SigningKey::from_file(fs::absolute(start / options.key),
                                            platform::is_terminal(platform::Stream::error));
    } else if (auto value = config_value(start, "user.signingkey")) {
      source = "user.signingkey";
      key = approval::SigningKey::from_config_value(*value,
                                                    platform::is_terminal(platform::Stream::error));
    } else {
      return {{false, tr("doctor.key-unset"), tr("doctor.key-fix")}};
    }
  } catch (const Error& e) {
    return {{false,
             tr("doctor.key-unreadable", fmt::arg("source", source), fmt::arg("reason", e.what())),
             tr("doctor.key-fix")}};
  }
  key_out = key->public_key();
  std::vector<Check> checks;
  checks.push_back(
      {true,
       tr("doctor.key-ok", fmt::arg("key", key->description()), fmt::arg("source", source),
          fmt::arg("algorithm", key->public_key().algorithm()),
          fmt::arg("fingerprint", key->public_key().fingerprint())),
       {}});
  std::string private_at = approval::private_half(*key);
  if (!private_at.empty()) {
    checks.push_back({true, tr("doctor.private-ok", fmt::arg("where", private_at)), {}});
  } else {
    checks.push_back({false, tr("doctor.private-missing"), tr("doctor.private-fix")});
  }
  return checks;
}

std::optional<Roster> load_roster(const fs::path& root, std::string& problem) {
  auto source = git::make_worktree_source(root);
  Diagnostics diagnostics;
  if (!source->exists(kRosterFile)) {
    problem =
        tr("doctor.roster-absent", fmt::arg("file", platform::path_text((root / kRosterFile))));
    return std::nullopt;
  }
  auto bytes = source->read(kRosterFile, diagnostics);
  std::optional<yaml::Node> tree;
  if (bytes)
    tree = yaml::parse(kRosterFile, *bytes, diagnostics);
  if (!tree) {
    problem =
        tr("doctor.roster-broken", fmt::arg("file", platform::path_text((root / kRosterFile))));
    return std::nullopt;
  }
  return read_roster(*tree);
}

// The roles of 3.4 that `person` holds, as "process_owner salary", "client_centricity".
std::vector<std::string> roles_of(const Roster& roster, const std::string& person) {
  std::vector<std::string> roles;
  for (const auto& holder : roster.roles.client_centricity) {
    if (holder.value == person)
      roles.emplace_back("client_centricity");
  }
  for (const auto& [direction, holder] : roster.roles.direction_curators) {
    if (holder.value == person)
      roles.push_back("direction_curator " + direction.value);
  }
  for (const auto& [process, holder] : roster.roles.process_owners) {
    if (holder.value == person)
      roles.push_back("process_owner " + process.value);
  }
  return roles;
}

std::vector<Check> roster_checks(const Context& ctx, const std::optional<ssh::PublicKey>& key) {
  auto root = find_registry_root(ctx.start_dir());
  if (!root)
    return {{false, tr("doctor.no-registry", fmt::arg("dir", platform::path_text(ctx.start_dir()))),
             tr("doctor.no-registry-fix")}};
  std::vector<Check> checks;
  try {
    git::open_registry_repository(*root);
    checks.push_back(
        {true, tr("doctor.repository-ok", fmt::arg("dir", platform::path_text(*root))), {}});
  } catch (const Error& e) {
    checks.push_back({false, e.what(), tr("doctor.repository-fix")});
  }
  std::string problem;
  auto roster = load_roster(*root, problem);
  if (!roster) {
    checks.push_back({false, problem, tr("doctor.roster-fix")});
    return checks;
  }
  if (!key)
    return checks;  // the key check has said what is wrong
  std::vector<std::string> people = approval::people_with_key(*roster, *key);
  if (people.empty()) {
    checks.push_back({false,
                      tr("doctor.key-not-in-roster", fmt::arg("fingerprint", key->fingerprint())),
                      tr("doctor.key-not-in-roster-fix", fmt::arg("line", key->openssh()))});
    return checks;
  }
  for (const auto& id : people) {
    const Person* person = roster->find_person(id);
    std::string name = person != nullptr ? person->name.value : id;
    std::vector<std::string> roles = roles_of(*roster, id);
    if (roles.empty()) {
      checks.push_back({false, tr("doctor.no-roles", fmt::arg("id", id), fmt::arg("name", name)),
                        tr("doctor.no-roles-fix")});
      continue;
    }
    std::string list;
    for (const auto& role : roles)
      list += (list.empty() ? "" : ", ") + role;
    checks.push_back(
        {true,
         tr("doctor.roles", fmt::arg("id", id), fmt::arg("name", name), fmt::arg("roles", list)),
         {}});
  }
  return checks;
}

// ---- A qualified certificate (spec §5.2) --------------------------------------------------

// The gost engine, the certificate, its private key or signer program, and the roster person the
// certificate is, with their roles, judged by the roster's trust as of now.
std::vector<Check> certificate_checks(const Context& ctx, const DoctorOptions& options) {
  fs::path start = ctx.start_dir();
  std::vector<Check> checks;
  const cms::EngineStatus& engine = cms::gost_engine();
  if (engine.loaded) {
    checks.push_back({true, tr("doctor.engine-ok"), {}});
  } else {
    checks.push_back({false, tr("doctor.engine-missing", fmt::arg("detail", engine.detail)),
                      tr("doctor.engine-fix")});
  }
  std::string cert = options.cert;
  if (cert.empty())
    cert = config_value(start, "perechen.cert").value_or("");
  std::string signer = options.signer;
  if (signer.empty() && options.key.empty())
    signer = config_value(start, "perechen.signer").value_or("");
  std::string key = options.key;
  if (key.empty() && signer.empty())
    key = config_value(start, "perechen.key").value_or("");
  std::optional<approval::SigningKey> signing;
  try {
    if (!signer.empty()) {
      std::string program =
          signer.find('/') == std::string::npos
              ? signer
              : platform::utf8_path(fs::absolute(start / platform::path_from_utf8(signer)));
      signing = approval::SigningKey::from_signer(program, fs::absolute(start / cert));
      if (!platform::find_program(program)) {
        checks.push_back({false, tr("doctor.signer-missing", fmt::arg("program", program)),
                          tr("doctor.signer-fix")});
      } else {
        checks.push_back({true, tr("doctor.signer-ok", fmt::arg("program", program)), {}});
      }
    } else if (!key.empty()) {
      signing = approval::SigningKey::from_certificate(fs::absolute(start / cert),
                                                       fs::absolute(start / key));
      // The key must be the certificate's: a signature over a few bytes says so.
      approval::sign(*signing, "perechen doctor\n");
      checks.push_back({true, tr("doctor.cert-key-ok", fmt::arg("file", key)), {}});
    } else {
      checks.push_back({false, tr("doctor.cert-no-key"), tr("doctor.cert-key-fix")});
      signing = approval::SigningKey::from_signer("-", fs::absolute(start / cert));
    }
  } catch (const Error& e) {
    checks.push_back({false, e.what(), tr("doctor.cert-key-fix")});
    if (!signing)
      return checks;
  }
  const cms::SignerCertificate& certificate = *signing->certificate();
  auto now = static_cast<std::int64_t>(std::time(nullptr));
  bool valid = certificate.not_before <= now && now <= certificate.not_after;
  checks.insert(checks.begin() + 1,
                {valid,
                 tr(valid ? "doctor.cert-ok" : "doctor.cert-expired",
                    fmt::arg("certificate", signing->signer(now).description())),
                 valid ? std::string() : tr("doctor.cert-expired-fix")});

  auto root = find_registry_root(start);
  if (!root) {
    checks.push_back({false, tr("doctor.no-registry", fmt::arg("dir", platform::path_text(start))),
                      tr("doctor.no-registry-fix")});
    return checks;
  }
  std::string problem;
  auto roster = load_roster(*root, problem);
  if (!roster) {
    checks.push_back({false, problem, tr("doctor.roster-fix")});
    return checks;
  }
  approval::Signer who = signing->signer(now);
  std::vector<std::string> people = approval::people_of(who, *roster, now);
  if (people.empty()) {
    approval::Match why = approval::why_nobody(who, *roster, now);
    checks.push_back({false, tr("doctor.cert-not-in-roster", fmt::arg("reason", why.detail)),
                      tr("doctor.cert-not-in-roster-fix")});
    return checks;
  }
  for (const auto& id : people) {
    std::vector<std::string> roles = roles_of(*roster, id);
    std::string list;
    for (const auto& role : roles)
      list += (list.empty() ? "" : ", ") + role;
    const Person* person = roster->find_person(id);
    std::string name = person != nullptr ? person->name.value : id;
    if (roles.empty()) {
      checks.push_back({false, tr("doctor.no-roles", fmt::arg("id", id), fmt::arg("name", name)),
                        tr("doctor.no-roles-fix")});
    } else {
      checks.push_back(
          {true,
           tr("doctor.roles", fmt::arg("id", id), fmt::arg("name", name), fmt::arg("roles", list)),
           {}});
    }
  }
  return checks;
}

ExitCode run(const Context& ctx, const DoctorOptions& options) {
  fs::path start = ctx.start_dir();
  Report report(ctx.use_color(platform::Stream::output));
  report.add(identity(start));
  if (!options.cert.empty() || (options.key.empty() && config_value(start, "perechen.cert"))) {
    for (auto& check : certificate_checks(ctx, options))
      report.add(std::move(check));
  } else {
    report.add(ssh_keygen(start));
    std::optional<ssh::PublicKey> key;
    for (auto& check : signing_key(start, options, key))
      report.add(std::move(check));
    for (auto& check : roster_checks(ctx, key))
      report.add(std::move(check));
  }
  if (report.failed() == 0) {
    std::cout << tr("doctor.all-ok") << "\n";
    return ExitCode::ok;
  }
  std::cout << tr("doctor.failed", fmt::arg("count", report.failed()),
                  fmt::arg("count_word", plural("doctor.plural.problem",
                                                static_cast<std::size_t>(report.failed()))))
            << "\n";
  return ExitCode::problems;
}

}  // namespace

void register_doctor(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<DoctorOptions>();
  CLI::App* cmd = app.add_subcommand("doctor", text("doctor.description"));
  cmd->add_option("--key", options->key, text("doctor.opt-key"))->type_name(text("cli.type-file"));
  cmd->add_option("--cert", options->cert, text("approve.opt-cert"))
      ->type_name(text("cli.type-file"));
  cmd->add_option("--signer", options->signer, text("approve.opt-signer"))->type_name("PROGRAM");
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
