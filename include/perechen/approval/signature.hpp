// SPDX-License-Identifier: Apache-2.0
#pragma once

// Who signed an approval commit: the one interface the approval code uses to check signatures.
//
// Checking is two steps. check_signature() needs no roster: the bytes of the `gpgsig` header verify
// over the commit and name a signer (an SSH key, or for CMS signatures a certificate). Then
// people_of() and match_person() say, in a given roster, which people that signer is: for SSH, a
// person whose keys include the key; for a certificate, one the roster's trust certificates vouch
// for at the signing time. The armor chooses the backend: "-----BEGIN SSH SIGNATURE-----" is an
// SSH signature (namespace "git"), "-----BEGIN SIGNED MESSAGE-----" a CMS signature.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "perechen/approval/rejection.hpp"
#include "perechen/git/raw_commit.hpp"
#include "perechen/registry/roster.hpp"
#include "perechen/ssh/public_key.hpp"

namespace perechen::cms {
struct SignerCertificate;
}

namespace perechen::approval {

struct Signer {
  std::optional<ssh::PublicKey> key;                          // an SSH signature's key
  std::shared_ptr<const cms::SignerCertificate> certificate;  // a CMS signature's certificate
  // For a certificate, filled by its backend: the SHA-256 of its DER (hex) and "owner, serial,
  // issuer, valid from … to …" for people to read.
  std::string certificate_fingerprint;
  std::string certificate_description;
  std::int64_t signing_time = 0;  // the committer time, unless the signature says otherwise

  // "SHA256:…" of the SSH key, or the certificate's fingerprint; empty when neither is known.
  std::string fingerprint() const;
  // The key type and fingerprint, or the certificate's description.
  std::string description() const;
};

struct SignatureCheck {
  bool good = false;
  Rejection reason = Rejection::bad_signature;  // when not good
  std::string detail;  // when not good: what is wrong, in the current language
  Signer signer;       // when good; otherwise whatever the signature claims, if readable
};

// Whether the commit's signature verifies over its signed payload, and who it names. An unsigned
// commit gives Rejection::unsigned_commit. Never throws on hostile input.
SignatureCheck check_signature(const git::RawCommit& commit);

// The same for any signed git object (a tag made by `git tag -s`, a publication record): the
// armored `signature` (nullopt: unsigned) over `payload`; `time` is the object's own time (the
// committer's or the tagger's), the signing time unless a CMS signature says otherwise.
SignatureCheck check_signature(const std::optional<std::string>& signature,
                               std::string_view payload, std::int64_t time);

struct Match {
  bool ok = false;
  Rejection reason = Rejection::key_not_in_roster;  // when not ok
  std::string detail;                               // when not ok, in the current language
};

// Whether `signer` is `person` (a person of some roster), with `trust` giving the roster's trust
// certificates and revocation lists, at `time`. For SSH: the key is one of the person's keys.
Match match_person(const Signer& signer, const Person& person, const Roster& trust,
                   std::int64_t time);

// Why `signer` is nobody of `roster` at `time`: for a certificate that a person of the roster
// names (by СНИЛС or SHA-256) but the roster's trust refuses, that refusal (untrusted issuer,
// expired, revoked, key usage); otherwise key_not_in_roster with an empty detail.
Match why_nobody(const Signer& signer, const Roster& roster, std::int64_t time);

// Every signer that some roster of a history names: SSH keys, certificate fingerprints and СНИЛС.
// An approval whose signer none of them names can count nowhere in that history, so the evaluation
// drops it before any pairing (spec §5.1 rule 9, linear cost). Adding a roster costs its size;
// asking costs a hash look-up.
class SignerIndex {
 public:
  void add(const Roster& roster);
  bool names(const Signer& signer) const;

 private:
  std::unordered_set<std::string> keys_;    // key blobs
  std::unordered_set<std::string> sha256_;  // certificate fingerprints, lower-case hex
  std::unordered_set<std::string> snils_;   // 11 digits
};

// The ids of the people of `roster` that `signer` is, in roster order.
std::vector<std::string> people_of(const Signer& signer, const Roster& roster, std::int64_t time);

}  // namespace perechen::approval
