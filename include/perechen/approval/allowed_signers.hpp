// SPDX-License-Identifier: Apache-2.0
#pragma once

// The roster as an OpenSSH allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS), so that
// `git -c gpg.ssh.allowedSignersFile=FILE verify-commit` and `git log --show-signature` check
// approval commits with the same keys perechen does. Principals are roster person ids.

#include <string>
#include <vector>

#include "perechen/registry/roster.hpp"

namespace perechen::approval {

struct AllowedSigners {
  std::string text;  // one `<person-id> namespaces="git" <type> <base64>` line per key
  // Keys left out because they are not valid public keys: "<person-id>: <reason>".
  std::vector<std::string> skipped;
};

// `origin` names where the roster came from, for the comment at the top.
AllowedSigners allowed_signers(const Roster& roster, const std::string& origin);

}  // namespace perechen::approval
