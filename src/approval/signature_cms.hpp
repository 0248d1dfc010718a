// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CMS backend of signature.hpp (spec §5.2): a detached CMS SignedData in
// git's x509 armor, signed with a qualified certificate. signature.cpp
// dispatches to it by the armor.

#include <cstdint>
#include <string_view>

#include "perechen/approval/signature.hpp"
#include "perechen/git/raw_commit.hpp"
#include "perechen/registry/roster.hpp"

namespace perechen::approval {

// Roster-independent: one signer, a good signature `armored` over `payload`
// (a commit's or a tag's signed payload), the signer's certificate; the signing
// time is the signingTime attribute, else `time` (the committer's or tagger's).
SignatureCheck check_cms_signature(std::string_view armored, std::string_view payload,
                                   std::int64_t time);

// Whether the certificate behind `signer` is `person`'s (by СНИЛС or SHA-256)
// and, judged by the trust certificates and CRLs of `trust` at `time`, counts:
// trusted issuer, valid, not revoked, key usage allowing signatures.
Match match_certificate(const Signer& signer, const Person& person, const Roster& trust,
                        std::int64_t time);

// Whether `person` names the certificate, by СНИЛС or by SHA-256, whatever its
// trust.
bool names_certificate(const Person& person, const cms::SignerCertificate& certificate);

// YYYY-MM-DD (UTC) of a certificate's validity bound.
std::string certificate_day(std::int64_t time);

// "Иванова Анна Петровна, СНИЛС ***-***-*89 01, сертификат 4F1A…, выдан CN=…,
// действителен с 2026-01-10 по 2027-01-10": the marks people are shown of a
// certificate.
std::string describe_certificate(const cms::SignerCertificate& certificate);

}  // namespace perechen::approval
