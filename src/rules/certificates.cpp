// SPDX-License-Identifier: Apache-2.0
// registry-config of the qualified-signature parts of roster.yaml (spec §5.2): every `trust`
// entry is the certificate of a certification centre, every `crls` entry a CRL, and every
// person's `certificates` entry names a certificate by a well-formed СНИЛС or SHA-256. A СНИЛС is
// an identity like a key: given for two people, either could approve as the other.

#include <map>
#include <string>

#include "checks.hpp"
#include "perechen/cms/cms.hpp"
#include "support.hpp"

namespace perechen::rules {

void check_certificates(const Registry& registry, Diagnostics& out) {
  if (!registry.roster)
    return;
  const Roster& roster = *registry.roster;
  const std::string file = kRosterFile;
  auto report = [&](yaml::Position pos, std::string message, std::vector<Related> related = {}) {
    out.add("registry-config", at(file, pos), std::move(message), std::move(related));
  };
  for (const auto& entry : roster.trust) {
    auto parsed = cms::parse_certificate(entry.value);
    if (!parsed.certificate) {
      report(entry.pos, tr("rules.roster-bad-trust", fmt::arg("reason", parsed.error)));
    } else if (!parsed.is_ca) {
      report(entry.pos,
             tr("rules.roster-trust-not-ca", fmt::arg("subject", parsed.certificate->subject)));
    }
  }
  for (const auto& entry : roster.crls) {
    std::string error = cms::parse_crl_error(entry.value);
    if (!error.empty())
      report(entry.pos, tr("rules.roster-bad-crl", fmt::arg("reason", error)));
  }
  std::map<std::string, std::pair<std::string, yaml::Position>> snils_owners;
  bool any_certificate = false;
  yaml::Position first_certificate;
  for (const auto& person : roster.people) {
    for (const auto& ref : person.certificates) {
      if (!any_certificate)
        first_certificate = ref.pos;
      any_certificate = true;
      if (ref.snils.present == ref.sha256.present) {
        report(ref.pos, tr("rules.roster-certificate-one-of"));
        continue;
      }
      if (ref.sha256.present) {
        if (!cms::normalize_sha256(ref.sha256.value)) {
          report(ref.sha256.pos,
                 tr("rules.roster-bad-sha256", fmt::arg("value", ref.sha256.value)));
        }
        continue;
      }
      auto snils = cms::normalize_snils(ref.snils.value);
      if (!snils) {
        report(ref.snils.pos, tr("rules.roster-bad-snils", fmt::arg("value", ref.snils.value)));
        continue;
      }
      auto [it, inserted] = snils_owners.emplace(*snils, std::pair{person.id.value, ref.snils.pos});
      if (!inserted && it->second.first != person.id.value) {
        report(ref.snils.pos,
               tr("rules.roster-duplicate-snils", fmt::arg("person", it->second.first),
                  fmt::arg("line", it->second.second.line)),
               {related_at(file, it->second.second, tr("rules.config-first-id"))});
      }
    }
  }
  if (any_certificate && roster.trust.empty())
    report(first_certificate, tr("rules.roster-no-trust"));
}

}  // namespace perechen::rules
