// SPDX-License-Identifier: Apache-2.0
#pragma once

// Checking SSH signatures (OpenSSH's PROTOCOL.sshsig), the kind `git commit -S` makes with
// gpg.format=ssh, in-process with OpenSSL. Agrees with `ssh-keygen -Y verify` on whether a
// signature is good, except that RSA keys under 2048 bits are refused (see public_key.hpp).
// Whose key it is, is not decided here: compare `signer` with the roster's keys (operator==).

#include <optional>
#include <string>
#include <string_view>

#include "perechen/ssh/public_key.hpp"

namespace perechen::ssh {

enum class Verdict {
  good,                   // made by `signer` over this message in the expected namespace
  bad_signature,          // well-formed, but not a signature of this message by `signer`
  malformed,              // not an SSH signature, or broken inside
  wrong_namespace,        // a signature for another purpose (e.g. "file" when "git" is expected)
  unsupported_algorithm,  // a key type, hash or signature algorithm perechen does not accept
};

// "good", "bad_signature", "malformed", "wrong_namespace", "unsupported_algorithm".
std::string_view to_string(Verdict verdict);

struct Verification {
  Verdict verdict = Verdict::malformed;
  // The key the signature names, whenever it could be read. It proves who signed only when the
  // verdict is good; otherwise it is only a claim, useful to say whose signature failed.
  std::optional<PublicKey> signer;
  // What happened, as a sentence in the current language.
  std::string detail;

  bool good() const { return verdict == Verdict::good; }
};

// Checks the armored signature ("-----BEGIN SSH SIGNATURE-----" … "-----END SSH SIGNATURE-----",
// LF or CRLF lines, trailing white space allowed) of `message` for `expected_namespace` ("git"
// for commits). Hostile input gives a verdict, never an exception or a crash; only an empty
// `expected_namespace`, a programming mistake, throws perechen::Error.
Verification verify(std::string_view armored, std::string_view message,
                    std::string_view expected_namespace);

}  // namespace perechen::ssh
