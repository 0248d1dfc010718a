// SPDX-License-Identifier: Apache-2.0
#include "signature_cms.hpp"

#include <chrono>

#include "perechen/calendar/date.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"

namespace perechen::approval {

std::string certificate_day(std::int64_t time) {
  using namespace std::chrono;
  return calendar::Date::from_sys_days(floor<days>(sys_seconds{seconds{time}})).iso();
}

namespace {

Rejection rejection_of(cms::Failure failure) {
  switch (failure) {
    case cms::Failure::malformed:
    case cms::Failure::bad_signature:
      return Rejection::bad_signature;
    case cms::Failure::several_signers:
      return Rejection::several_signers;
    case cms::Failure::unsupported_algorithm:
      return Rejection::unsupported_algorithm;
    case cms::Failure::untrusted_issuer:
      return Rejection::untrusted_issuer;
    case cms::Failure::expired:
      return Rejection::certificate_expired;
    case cms::Failure::revoked:
      return Rejection::certificate_revoked;
    case cms::Failure::key_usage:
      return Rejection::key_usage;
  }
  return Rejection::bad_signature;
}

std::vector<std::string> values(const std::vector<LocatedText>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const auto& item : list)
    out.push_back(item.value);
  return out;
}

}  // namespace

std::string describe_certificate(const cms::SignerCertificate& certificate) {
  return tr("signature.certificate", fmt::arg("owner", certificate.owner),
            fmt::arg("snils", certificate.snils ? cms::mask_snils(*certificate.snils)
                                                : tr("signature.no-snils")),
            fmt::arg("serial", certificate.serial), fmt::arg("issuer", certificate.issuer),
            fmt::arg("from", certificate_day(certificate.not_before)),
            fmt::arg("to", certificate_day(certificate.not_after)));
}

SignatureCheck check_cms_signature(std::string_view armored, std::string_view payload,
                                   std::int64_t time) {
  SignatureCheck check;
  check.signer.signing_time = time;
  cms::Verification verification = cms::verify_detached(armored, payload);
  if (!verification.good) {
    check.reason = rejection_of(verification.failure);
    check.detail = verification.detail;
    return check;
  }
  check.good = true;
  check.signer.certificate = verification.signer;
  check.signer.certificate_fingerprint = verification.signer->sha256;
  check.signer.certificate_description = describe_certificate(*verification.signer);
  if (verification.signing_time)
    check.signer.signing_time = *verification.signing_time;
  return check;
}

bool names_certificate(const Person& person, const cms::SignerCertificate& certificate) {
  for (const auto& ref : person.certificates) {
    if (ref.sha256.present) {
      if (cms::normalize_sha256(ref.sha256.value) == certificate.sha256)
        return true;
    } else if (ref.snils.present && certificate.snils) {
      if (cms::normalize_snils(ref.snils.value) == certificate.snils)
        return true;
    }
  }
  return false;
}

Match match_certificate(const Signer& signer, const Person& person, const Roster& trust,
                        std::int64_t time) {
  if (!signer.certificate || !names_certificate(person, *signer.certificate)) {
    return Match{false, Rejection::role_not_held,
                 tr("signature.cert-not-this-person",
                    fmt::arg("certificate", signer.certificate_description),
                    fmt::arg("person", person.id.value))};
  }
  cms::TrustCheck judged =
      cms::check_certificate(*signer.certificate, values(trust.trust), values(trust.crls), time);
  if (!judged.ok)
    return Match{false, rejection_of(judged.failure), judged.detail};
  return Match{true, Rejection::key_not_in_roster, {}};
}

}  // namespace perechen::approval
