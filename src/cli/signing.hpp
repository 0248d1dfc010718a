// SPDX-License-Identifier: Apache-2.0
#pragma once

// What signs for a command that records a signed fact (approve, publish): --key, --cert and
// --signer, with git's settings as defaults, as spec §5 and §5.2 give them for `approve`.

#include <CLI/CLI.hpp>

#include <string>

#include "context.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::cli {

struct SigningOptions {
  std::string key;
  std::string cert;    // --cert: a qualified certificate (spec §5.2)
  std::string signer;  // --signer: the program that signs with it
};

// Adds --key, --cert and --signer to `cmd`, described by the messages "<command>.opt-key",
// "<command>.opt-cert" and "<command>.opt-signer".
void add_signing_options(CLI::App& cmd, SigningOptions& options, const std::string& command);

// What signs: with --cert (or git's perechen.cert when no --key is given) a certificate, with
// --signer / perechen.signer or else --key / perechen.key; otherwise an SSH key from --key or
// git's user.signingkey. Throws Error(usage) with the message `no_key` when nothing is given.
approval::SigningKey signing_key(const Context& ctx, const git::Repository& repo,
                                 const SigningOptions& options, const char* no_key);

// How to run the signer: git's gpg.ssh.program, and its prompts shown when there is a terminal.
approval::SignOptions sign_options(const git::Repository& repo);

}  // namespace perechen::cli
