// SPDX-License-Identifier: Apache-2.0
#pragma once

// Why an approval-like commit counted for nothing (spec §5, §5.1): the reasons `status` and
// `verify` report, by a stable name.

#include <string_view>

namespace perechen::approval {

enum class Rejection {
  malformed,              // the trailers cannot be read (or the message is too large)
  not_empty,              // not exactly one parent, or it changes files
  unsigned_commit,        // no signature in the commit header
  bad_signature,          // the signature does not verify
  unsupported_signature,  // a kind of signature perechen cannot check
  no_registry,            // the commit holds no registry
  stale_content,          // made for another content than the one it sits on
  already_approved,       // the content it approves was already fully approved
  key_not_in_roster,      // the signing key is nobody's in the base roster
  approver_mismatch,      // Perechen-Approver is not the person whose key signed
  role_not_held,          // the signer does not hold a role it claims
  role_not_needed,        // the change does not need a role it claims
  duplicate,              // every role it claims was already approved
  unknown_base,           // its Perechen-Base is no approved version of this history
  base_not_on_chain,      // its Perechen-Base is an approved version, but not of the chain judged
  spent,                  // its change is already part of an approved version of the chain
  other_change,           // made for another change than the one pending
  // Qualified certificates (spec §5.2):
  several_signers,        // the CMS has not exactly one signer
  unsupported_algorithm,  // an algorithm libcrypto and the gost engine do not have
  untrusted_issuer,       // the certificate does not chain to a trust certificate of the roster
  certificate_expired,    // the certificate was not valid at the signing time
  certificate_revoked,    // a CRL of the roster lists the certificate
  key_usage,              // the certificate's key usage does not allow signing
};

// "malformed", "not-empty", "unsigned", "bad-signature", "unsupported-signature", "no-registry",
// "stale-content", "already-approved", "key-not-in-roster", "approver-mismatch",
// "role-not-held", "role-not-needed", "duplicate", "unknown-base", "base-not-on-chain",
// "spent", "other-change", "several-signers", "unsupported-algorithm", "untrusted-issuer",
// "expired", "revoked", "key-usage".
std::string_view to_string(Rejection reason);

}  // namespace perechen::approval
