// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the CMS module reads and shows of certificates; the owning handles of OpenSSL's objects
// and the helpers around its error queue are perechen::ossl's (src/core/openssl.hpp), seen here
// as cms::ossl.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../core/openssl.hpp"
#include "perechen/cms/cms.hpp"

namespace perechen::cms::ossl {

using namespace perechen::ossl;

// PEM text looks like this; anything else is taken as DER.
inline bool looks_like_pem(std::string_view bytes) {
  return bytes.find("-----BEGIN ") != std::string_view::npos;
}

// Certificates and CRLs in PEM or DER (nullptr when neither).
X509Ptr read_certificate(std::string_view pem_or_der);
Crl read_crl(std::string_view pem_or_der);
std::string der_of(X509* certificate);
// What people are shown of a certificate.
std::shared_ptr<SignerCertificate> describe(X509* certificate);

// Seconds since 1970-01-01 UTC of an ASN.1 time (a certificate's validity, a signing time, a
// revocation date); nullopt when it is missing or malformed. Calendar arithmetic of its own
// (std::chrono), as timegm() is not on every platform.
std::optional<std::int64_t> seconds_of(const ASN1_TIME* time);
// "YYYY-MM-DD HH:MM:SS UTC".
std::string utc_text(std::int64_t seconds);

}  // namespace perechen::cms::ossl
