// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/signature.hpp"

#include <map>
#include <mutex>
#include <string_view>

#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"
#include "perechen/ssh/sshsig.hpp"
#include "signature_cms.hpp"

namespace perechen::approval {

namespace {

constexpr std::string_view kSshArmor = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view kCmsArmor = "-----BEGIN SIGNED MESSAGE-----";

// Parsing a key line costs OpenSSL a key object; a history of a thousand approvals checks the same
// few roster lines thousands of times, so each distinct line is parsed once per process.
std::optional<ssh::PublicKey> parse_key(const std::string& line) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<ssh::PublicKey>, std::less<>> parsed;
  std::lock_guard lock(mutex);
  auto it = parsed.find(line);
  if (it == parsed.end()) {
    auto key = ssh::parse_public_key(line);
    it = parsed.emplace(line, key ? std::optional<ssh::PublicKey>(*key) : std::nullopt).first;
  }
  return it->second;
}

bool starts_with_armor(std::string_view text, std::string_view armor) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text.substr(start, armor.size()) == armor;
}

bool has_key(const Person& person, const ssh::PublicKey& key) {
  for (const auto& line : person.keys) {
    auto parsed = parse_key(line.value);
    if (parsed && *parsed == key)
      return true;
  }
  return false;
}

}  // namespace

std::string Signer::fingerprint() const {
  if (key)
    return key->fingerprint();
  return certificate_fingerprint;
}

std::string Signer::description() const {
  if (key)
    return std::string(key->algorithm()) + " " + key->fingerprint();
  return certificate_description;
}

SignatureCheck check_signature(const git::RawCommit& commit) {
  return check_signature(commit.signature, commit.signed_payload, commit.time);
}

SignatureCheck check_signature(const std::optional<std::string>& signature,
                               std::string_view payload, std::int64_t time) {
  SignatureCheck check;
  check.signer.signing_time = time;
  if (!signature) {
    check.reason = Rejection::unsigned_commit;
    check.detail = tr("approval.reject-unsigned");
    return check;
  }
  const std::string& armored = *signature;
  if (starts_with_armor(armored, kCmsArmor))
    return check_cms_signature(armored, payload, time);
  if (!starts_with_armor(armored, kSshArmor)) {
    check.reason = Rejection::unsupported_signature;
    check.detail = tr("signature.unknown-armor");
    return check;
  }
  ssh::Verification verification = ssh::verify(armored, payload, "git");
  check.signer.key = verification.signer;
  if (!verification.good() || !verification.signer) {
    check.reason = Rejection::bad_signature;
    check.detail = tr("approval.reject-bad-signature", fmt::arg("detail", verification.detail));
    return check;
  }
  check.good = true;
  return check;
}

Match match_person(const Signer& signer, const Person& person, const Roster& trust,
                   std::int64_t time) {
  if (signer.certificate)
    return match_certificate(signer, person, trust, time);
  if (signer.key && has_key(person, *signer.key))
    return Match{true, Rejection::key_not_in_roster, {}};
  return Match{false, Rejection::role_not_held,
               tr("signature.not-this-person", fmt::arg("key", signer.fingerprint()),
                  fmt::arg("person", person.id.value))};
}

Match why_nobody(const Signer& signer, const Roster& roster, std::int64_t time) {
  if (signer.certificate) {
    for (const auto& person : roster.people) {
      if (names_certificate(person, *signer.certificate))
        return match_certificate(signer, person, roster, time);
    }
    return Match{false, Rejection::key_not_in_roster,
                 tr("signature.cert-nobody", fmt::arg("certificate", signer.description()))};
  }
  return Match{false, Rejection::key_not_in_roster, {}};
}

std::vector<std::string> people_of(const Signer& signer, const Roster& roster, std::int64_t time) {
  // match_person's verdict without its message for every other person: an evaluation asks this
  // for each approval several times, and the message costs a fingerprint each.
  std::vector<std::string> result;
  for (const auto& person : roster.people) {
    bool is = false;
    if (signer.certificate) {
      is = names_certificate(person, *signer.certificate) &&
           match_certificate(signer, person, roster, time).ok;
    } else {
      is = signer.key && has_key(person, *signer.key);
    }
    if (is)
      result.push_back(person.id.value);
  }
  return result;
}

void SignerIndex::add(const Roster& roster) {
  for (const auto& person : roster.people) {
    for (const auto& line : person.keys) {
      if (auto key = parse_key(line.value))
        keys_.emplace(key->blob().begin(), key->blob().end());
    }
    for (const auto& ref : person.certificates) {
      if (auto sha = cms::normalize_sha256(ref.sha256.value))
        sha256_.insert(*sha);
      if (auto snils = cms::normalize_snils(ref.snils.value))
        snils_.insert(*snils);
    }
  }
}

bool SignerIndex::names(const Signer& signer) const {
  if (signer.key) {
    const auto& blob = signer.key->blob();
    return keys_.count(std::string(blob.begin(), blob.end())) != 0;
  }
  if (signer.certificate) {
    if (sha256_.count(signer.certificate->sha256) != 0)
      return true;
    return signer.certificate->snils && snils_.count(*signer.certificate->snils) != 0;
  }
  return false;
}

}  // namespace perechen::approval
