// SPDX-License-Identifier: Apache-2.0
// Certificates and CRLs read from PEM or DER, and what people are shown of a certificate.

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <chrono>
#include <ctime>

#include "openssl.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"

namespace perechen::cms {

namespace ossl {

X509Ptr read_certificate(std::string_view bytes) {
  Bio bio = memory(bytes);
  if (looks_like_pem(bytes))
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  return X509Ptr(d2i_X509_bio(bio.get(), nullptr));
}

Crl read_crl(std::string_view bytes) {
  Bio bio = memory(bytes);
  if (looks_like_pem(bytes))
    return Crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  return Crl(d2i_X509_CRL_bio(bio.get(), nullptr));
}

std::string der_of(X509* certificate) {
  unsigned char* out = nullptr;
  int size = i2d_X509(certificate, &out);
  if (size <= 0)
    return {};
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(size));
  OPENSSL_free(out);
  return der;
}

std::optional<std::int64_t> seconds_of(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1)
    return std::nullopt;
  using namespace std::chrono;
  sys_days date = year(tm.tm_year + 1900) / month(static_cast<unsigned>(tm.tm_mon + 1)) /
                  day(static_cast<unsigned>(tm.tm_mday));
  seconds since_epoch =
      date.time_since_epoch() + hours(tm.tm_hour) + minutes(tm.tm_min) + seconds(tm.tm_sec);
  return static_cast<std::int64_t>(since_epoch.count());
}

std::string utc_text(std::int64_t time) {
  using namespace std::chrono;
  sys_seconds point{seconds(time)};
  sys_days date = floor<days>(point);
  year_month_day ymd(date);
  hh_mm_ss clock(point - date);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

}  // namespace ossl

namespace {

std::string utf8_of(const ASN1_STRING* value) {
  unsigned char* out = nullptr;
  int size = ASN1_STRING_to_UTF8(&out, value);
  if (size < 0)
    return {};
  std::string text(reinterpret_cast<char*>(out), static_cast<std::size_t>(size));
  OPENSSL_free(out);
  return text;
}

std::string one_line(const X509_NAME* name) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  unsigned long flags = (XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS |
                         ASN1_STRFLGS_RFC2253) &
                        ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
  X509_NAME_print_ex(bio.get(), name, 0, flags);
  return ossl::contents(bio.get());
}

std::string entry_text(const X509_NAME* name, const ASN1_OBJECT* object) {
  int index = X509_NAME_get_index_by_OBJ(name, object, -1);
  if (index < 0)
    return {};
  return utf8_of(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}

}  // namespace

std::optional<std::string> normalize_snils(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() != 11)
    return std::nullopt;
  return digits;
}

std::string mask_snils(std::string_view digits) {
  if (digits.size() != 11)
    return "***-***-*** **";
  return "***-***-*" + std::string(digits.substr(7, 2)) + " " + std::string(digits.substr(9, 2));
}

std::optional<std::string> normalize_sha256(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c != ':' && c != ' ') {
      return std::nullopt;
    }
  }
  if (out.size() != 64)
    return std::nullopt;
  return out;
}

// What a certificate shows; also used for the signer of a CMS (verify.cpp).
std::shared_ptr<SignerCertificate> ossl::describe(X509* x509) {
  auto certificate = std::make_shared<SignerCertificate>();
  certificate->der = ossl::der_of(x509);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(certificate->der.data(), certificate->der.size(), digest, &size, EVP_sha256(),
             nullptr);
  certificate->sha256 = hex(digest, size);
  const X509_NAME* subject = X509_get_subject_name(x509);
  certificate->subject = one_line(subject);
  certificate->issuer = one_line(X509_get_issuer_name(x509));
  certificate->owner = entry_text(subject, OBJ_nid2obj(NID_commonName));
  if (certificate->owner.empty())
    certificate->owner = certificate->subject;
  ossl::Object snils_oid(OBJ_txt2obj("1.2.643.100.3", 1));
  std::string snils = entry_text(subject, snils_oid.get());
  if (!snils.empty())
    certificate->snils = normalize_snils(snils);
  if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nullptr)) {
    if (char* text = BN_bn2hex(serial)) {
      certificate->serial = text;
      OPENSSL_free(text);
    }
    BN_free(serial);
  }
  certificate->not_before = seconds_of(X509_get0_notBefore(x509)).value_or(0);
  certificate->not_after = seconds_of(X509_get0_notAfter(x509)).value_or(0);
  ASN1_OBJECT* algorithm = nullptr;
  if (X509_PUBKEY_get0_param(&algorithm, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(x509)) ==
          1 &&
      algorithm != nullptr) {
    char name[128];
    OBJ_obj2txt(name, sizeof name, algorithm, 0);
    certificate->algorithm = name;
  }
  return certificate;
}

ParsedCertificate parse_certificate(std::string_view bytes) {
  gost_engine();
  ossl::ErrorQueueGuard guard;
  ParsedCertificate result;
  ossl::X509Ptr x509 = ossl::read_certificate(bytes);
  if (!x509) {
    std::string detail = ossl::last_error();
    result.error = detail.empty() ? tr("cms.not-a-certificate")
                                  : tr("cms.not-a-certificate-detail", fmt::arg("detail", detail));
    return result;
  }
  result.is_ca = X509_check_ca(x509.get()) != 0;
  result.certificate = ossl::describe(x509.get());
  return result;
}

std::string parse_crl_error(std::string_view bytes) {
  gost_engine();
  ossl::ErrorQueueGuard guard;
  if (ossl::read_crl(bytes))
    return {};
  std::string detail = ossl::last_error();
  return detail.empty() ? tr("cms.not-a-crl")
                        : tr("cms.not-a-crl-detail", fmt::arg("detail", detail));
}

}  // namespace perechen::cms
