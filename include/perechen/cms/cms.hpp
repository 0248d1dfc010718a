// SPDX-License-Identifier: Apache-2.0
#pragma once

// Qualified electronic signatures (spec §5.2): X.509 certificates and detached CMS SignedData,
// checked and made with OpenSSL's libcrypto. GOST R 34.10-2012 (256 and 512 bit) with GOST R
// 34.11-2012 digests come from Debian's gost engine (libengine-gost-openssl), which perechen loads
// itself on first use: nobody configures OpenSSL for it. RSA and ECDSA certificates work the same
// way through libcrypto's own algorithms.
//
// Checking is split as the approval logic needs it: verify_detached() says whether a CMS is one
// good signature over the given bytes and by which certificate (no roster involved);
// check_certificate() then judges that certificate against the trust certificates and CRLs of a
// roster at the signing time. Every expected failure is a value with a reason, never an exception.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perechen::cms {

// Whether the gost engine could be loaded, and why not. Loads it once; later calls are cheap.
struct EngineStatus {
  bool loaded = false;
  std::string detail;  // OpenSSL's words when it could not be loaded
};
const EngineStatus& gost_engine();

// The certificate behind a signature, as people are shown it (spec §5.2 "Seen by people").
struct SignerCertificate {
  std::string der;                   // the certificate itself
  std::vector<std::string> chain;    // other certificates the CMS carried (intermediate CAs), DER
  std::string sha256;                // SHA-256 of `der`, lower-case hex
  std::string owner;                 // the subject's commonName (or the whole subject)
  std::string subject;               // the subject, one line, UTF-8
  std::string issuer;                // the issuer, one line, UTF-8
  std::string serial;                // the serial number, upper-case hex
  std::optional<std::string> snils;  // OID 1.2.643.100.3 of the subject, 11 digits
  std::int64_t not_before = 0;       // seconds since the epoch
  std::int64_t not_after = 0;
  std::string algorithm;  // the public key algorithm, as OpenSSL names it
};

// "123-456-789 01" or "12345678901" -> "12345678901"; nullopt when it is not 11 digits (with the
// usual '-' and ' ' separators only).
std::optional<std::string> normalize_snils(std::string_view text);
// "***-***-*89 01": only the last four digits shown.
std::string mask_snils(std::string_view digits);
// A SHA-256 fingerprint as written in a roster ("3FA1…", "3f:a1:…") -> 64 lower-case hex digits.
std::optional<std::string> normalize_sha256(std::string_view text);

// A certificate in PEM (one "-----BEGIN CERTIFICATE-----" block) or DER. `error` says why not.
struct ParsedCertificate {
  std::shared_ptr<const SignerCertificate> certificate;
  bool is_ca = false;  // basicConstraints cA, as OpenSSL judges it
  std::string error;
};
ParsedCertificate parse_certificate(std::string_view pem_or_der);

// A CRL in PEM or DER: empty when it parses, else why not.
std::string parse_crl_error(std::string_view pem_or_der);

// Why a signature or a certificate does not count (spec §5.2), in the words status shows.
enum class Failure {
  malformed,              // not a CMS SignedData at all
  several_signers,        // not exactly one SignerInfo
  bad_signature,          // the signature does not verify over the bytes
  unsupported_algorithm,  // an algorithm libcrypto (with the gost engine) does not have
  untrusted_issuer,       // no chain to a trust certificate
  expired,                // not valid at the signing time
  revoked,                // listed in a CRL of the roster
  key_usage,              // the key usage forbids signing
};
std::string_view to_string(Failure failure);  // "bad-signature", "untrusted-issuer", …

struct Verification {
  bool good = false;
  Failure failure = Failure::malformed;
  std::string detail;  // what exactly, in the current language, when not good
  std::shared_ptr<const SignerCertificate> signer;  // set when good
  std::optional<std::int64_t> signing_time;         // the signingTime attribute, when present
};

// Largest CMS accepted, in bytes of its armor or DER.
inline constexpr std::size_t kMaxCms = 256 * 1024;

// The DER of a CMS given as DER, or as PEM with any armor ("SIGNED MESSAGE", "CMS", "PKCS7");
// nullopt when it is neither.
std::optional<std::string> cms_der(std::string_view pem_or_der);

// Checks a detached CMS SignedData over `content`: exactly one signer, carrying its certificate,
// whose signature verifies over exactly these bytes. Says nothing about trust.
Verification verify_detached(std::string_view pem_or_der, std::string_view content);

struct TrustCheck {
  bool ok = false;
  Failure failure = Failure::untrusted_issuer;
  std::string detail;
};

// Judges `certificate` at `time`: it chains (through the certificates its CMS carried) to one of
// `trust` (PEM or DER each, a trust certificate need not be self-signed); every certificate of the
// chain is valid at `time`; no CRL of `crls` issued by its issuer (and signed by it) lists it; its
// key usage, when it has one, allows digitalSignature or nonRepudiation. Entries of trust or crls
// that do not parse are skipped (validate reports them).
TrustCheck check_certificate(const SignerCertificate& certificate,
                             const std::vector<std::string>& trust,
                             const std::vector<std::string>& crls, std::int64_t time);

// ---- Signing ----------------------------------------------------------------------------------

// git's x509 armor of a detached CMS, as gpgsm writes it into the gpgsig header.
inline constexpr std::string_view kArmorBegin = "-----BEGIN SIGNED MESSAGE-----";
inline constexpr std::string_view kArmorEnd = "-----END SIGNED MESSAGE-----";
std::string armor(std::string_view der);

// Asked for the passphrase of an encrypted private key; nullopt when there is none to give. The
// library never asks anyone itself (no prompt of OpenSSL's own): whoever calls it decides whether
// and how (the program asks at the terminal, a test gives a string).
using PassphraseSource = std::function<std::optional<std::string>()>;

// Signs `content` with the certificate and private key given as PEM (or DER) text: a detached CMS
// with signingTime, the digest the key's algorithm prescribes (GOST R 34.11-2012 for GOST keys).
// An encrypted PEM key is opened with what `passphrase` gives (no `passphrase`, or nullopt from
// it: the key cannot be read, and the message says that it needs a passphrase). Returns the DER,
// or throws Error(failure) with a message saying what could not be used.
std::string sign_detached(std::string_view certificate, std::string_view private_key,
                          std::string_view content, const PassphraseSource& passphrase = {});

}  // namespace perechen::cms
