// SPDX-License-Identifier: Apache-2.0
#include "signing.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/process.hpp"
#include "perechen/platform/terminal.hpp"

namespace perechen::cli {

namespace fs = std::filesystem;

void add_signing_options(CLI::App& cmd, SigningOptions& options, const std::string& command) {
  cmd.add_option("--key", options.key, text((command + ".opt-key").c_str()))
      ->type_name(text("cli.type-file"));
  cmd.add_option("--cert", options.cert, text((command + ".opt-cert").c_str()))
      ->type_name(text("cli.type-file"));
  cmd.add_option("--signer", options.signer, text((command + ".opt-signer").c_str()))
      ->type_name("PROGRAM");
}

approval::SigningKey signing_key(const Context& ctx, const git::Repository& repo,
                                 const SigningOptions& options, const char* no_key) {
  auto path = [&](const std::string& file) {
    std::error_code ec;
    return fs::absolute(ctx.start_dir() / platform::path_from_utf8(file), ec);
  };
  auto config = [&](const char* name) { return repo.config_string(name).value_or(""); };
  std::string cert = options.cert;
  if (cert.empty() && options.key.empty())
    cert = config("perechen.cert");
  if (!cert.empty()) {
    std::string signer = options.signer;
    if (signer.empty() && options.key.empty())
      signer = config("perechen.signer");
    if (!signer.empty()) {
      // A program named with a folder is taken from where the command was started.
      std::string program = signer.find('/') == std::string::npos
                                ? signer
                                : platform::utf8_path(platform::path_from_utf8(signer));
      return approval::SigningKey::from_signer(program, path(cert));
    }
    std::string key = options.key.empty() ? config("perechen.key") : options.key;
    if (key.empty())
      throw Error(ExitCode::usage, tr("approve.cert-needs-key"));
    return approval::SigningKey::from_certificate(path(cert), path(key));
  }
  if (!options.signer.empty())
    throw Error(ExitCode::usage, tr("approve.signer-needs-cert"));
  // ssh-keygen may ask for a passphrase while the public key is derived.
  bool prompts = platform::is_terminal(platform::Stream::error);
  if (!options.key.empty())
    return approval::SigningKey::from_file(path(options.key), prompts);
  auto configured = repo.config_string("user.signingkey");
  if (!configured || configured->empty())
    throw Error(ExitCode::usage, tr(no_key));
  return approval::SigningKey::from_config_value(*configured, prompts);
}

approval::SignOptions sign_options(const git::Repository& repo) {
  approval::SignOptions options;
  options.program = repo.config_string("gpg.ssh.program").value_or("");
  options.show_prompts = platform::is_terminal(platform::Stream::error);
  // An encrypted private key of a certificate: asked for at the terminal, if there is one.
  options.passphrase = [] { return platform::read_hidden_line(tr("cms.key-passphrase-prompt")); };
  // An encrypted SSH key: asked for here, in perechen's words, once for the whole command (a
  // signing repeated after a moved branch takes it again), and again only when it was wrong.
  options.askpass = platform::own_program();
  auto remembered = std::make_shared<std::optional<std::string>>();
  options.ssh_passphrase = [remembered](const std::string& key,
                                        bool again) -> std::optional<std::string> {
    if (*remembered && !again)
      return *remembered;
    // Asked only of a person who sees our messages (not of a script that has a terminal nearby).
    if (!platform::is_terminal(platform::Stream::error))
      return std::nullopt;
    if (again)
      std::cerr << tr("approve.passphrase-wrong") << "\n";
    else
      std::cerr << tr("approve.passphrase-agent", fmt::arg("key", key)) << "\n";
    *remembered = platform::read_hidden_line(tr("approve.passphrase-prompt", fmt::arg("key", key)));
    std::cerr << std::flush;
    return *remembered;
  };
  return options;
}

}  // namespace perechen::cli
