// SPDX-License-Identifier: Apache-2.0
// Checking a detached CMS SignedData (spec §5.2), in two steps as the approval logic needs them:
//   1. verify_detached: the bytes are a CMS SignedData with exactly one SignerInfo, its signer's
//      certificate is in it, the content is detached, its digest and the hash its signature
//      algorithm names are allowed ones (GOST R 34.11-2012, SHA-256/384/512), and the signature
//      verifies over exactly the given bytes (message digest and signed attributes); the
//      signingTime attribute is read.
//   2. check_certificate: the signer's certificate chains to a trust certificate of the roster at
//      the signing time, no certificate of that chain is listed in a CRL of the roster (by its
//      issuer, with the issuer's signature on the CRL), and its key usage allows signing.

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <ctime>
#include <map>
#include <mutex>

#include "openssl.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"

namespace perechen::cms {

std::string_view to_string(Failure failure) {
  switch (failure) {
    case Failure::malformed:
      return "malformed-signature";
    case Failure::several_signers:
      return "several-signers";
    case Failure::bad_signature:
      return "bad-signature";
    case Failure::unsupported_algorithm:
      return "unsupported-algorithm";
    case Failure::untrusted_issuer:
      return "untrusted-issuer";
    case Failure::expired:
      return "expired";
    case Failure::revoked:
      return "revoked";
    case Failure::key_usage:
      return "key-usage";
  }
  return "malformed-signature";
}

std::optional<std::string> cms_der(std::string_view bytes) {
  if (bytes.size() > kMaxCms)
    return std::nullopt;
  if (!ossl::looks_like_pem(bytes))
    return bytes.empty() ? std::nullopt : std::optional<std::string>(std::string(bytes));
  // Whatever the armor says, the body is base64 between the BEGIN and END lines.
  std::size_t begin = bytes.find("-----BEGIN ");
  std::size_t body = bytes.find('\n', begin);
  std::size_t end = bytes.find("-----END ", begin);
  if (body == std::string_view::npos || end == std::string_view::npos || end < body)
    return std::nullopt;
  std::string base64;
  for (char c : bytes.substr(body + 1, end - body - 1)) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
      base64 += c;
  }
  if (base64.empty() || base64.size() % 4 != 0)
    return std::nullopt;
  std::string der(base64.size() / 4 * 3, '\0');
  int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(der.data()),
                             reinterpret_cast<const unsigned char*>(base64.data()),
                             static_cast<int>(base64.size()));
  if (size < 0)
    return std::nullopt;
  std::size_t padding = 0;
  for (std::size_t i = base64.size(); i > 0 && base64[i - 1] == '='; --i)
    ++padding;
  der.resize(static_cast<std::size_t>(size) - std::min<std::size_t>(padding, 2));
  return der;
}

namespace {

Verification failed(Failure failure, std::string detail) {
  Verification v;
  v.failure = failure;
  v.detail = std::move(detail);
  return v;
}

// The digests a signature may use (spec §5.2): GOST R 34.11-2012 with 256 and 512 bit hashes and
// SHA-256/384/512. Never MD5 or SHA-1: a collision lets one signature stand for other bytes.
bool allowed_digest(int nid) {
  switch (nid) {
    case NID_sha256:
    case NID_sha384:
    case NID_sha512:
    case NID_id_GostR3411_2012_256:
    case NID_id_GostR3411_2012_512:
      return true;
    default:
      return false;
  }
}

// "sha1", "GOST R 34.11-2012 with 256 bit hash", or the dotted OID of an algorithm OpenSSL does
// not know by name.
std::string name_of(const ASN1_OBJECT* oid) {
  char name[128] = "?";
  if (oid != nullptr)
    OBJ_obj2txt(name, sizeof name, oid, 0);
  return name;
}

// The algorithm an AlgorithmIdentifier names; nullptr when there is none.
const ASN1_OBJECT* object_of(const X509_ALGOR* algorithm) {
  const ASN1_OBJECT* oid = nullptr;
  if (algorithm != nullptr)
    X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
  return oid;
}

// A hash an algorithm identifier names: its NID (NID_undef when OpenSSL does not know it) and its
// name for a message.
struct Hash {
  int nid = NID_undef;
  std::string name;
};

Hash hash_of(const ASN1_OBJECT* oid) {
  return Hash{oid != nullptr ? OBJ_obj2nid(oid) : NID_undef, name_of(oid)};
}

using Algorithm = std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>>;
using PssParams = std::unique_ptr<RSA_PSS_PARAMS, ossl::Deleter<RSA_PSS_PARAMS_free>>;

// The parameter of an AlgorithmIdentifier when it is a SEQUENCE (to decode), else nullptr.
const ASN1_STRING* sequence_parameter(const X509_ALGOR* algorithm) {
  int type = V_ASN1_UNDEF;
  const void* value = nullptr;
  X509_ALGOR_get0(nullptr, &type, &value, algorithm);
  return type == V_ASN1_SEQUENCE ? static_cast<const ASN1_STRING*>(value) : nullptr;
}

// The two hashes of RSASSA-PSS parameters (RFC 4055): the message's and the mask's (MGF1), each
// SHA-1 when absent. nullopt when the parameters cannot be read.
std::optional<std::vector<Hash>> pss_hashes(const X509_ALGOR* algorithm) {
  const Hash sha1 = hash_of(OBJ_nid2obj(NID_sha1));
  int type = V_ASN1_UNDEF;
  X509_ALGOR_get0(nullptr, &type, nullptr, algorithm);
  if (type == V_ASN1_UNDEF || type == V_ASN1_NULL)
    return std::vector<Hash>{sha1, sha1};
  const ASN1_STRING* sequence = sequence_parameter(algorithm);
  if (sequence == nullptr)
    return std::nullopt;
  const unsigned char* p = ASN1_STRING_get0_data(sequence);
  PssParams params(d2i_RSA_PSS_PARAMS(nullptr, &p, ASN1_STRING_length(sequence)));
  if (!params)
    return std::nullopt;
  std::vector<Hash> hashes{
      params->hashAlgorithm != nullptr ? hash_of(object_of(params->hashAlgorithm)) : sha1};
  if (params->maskGenAlgorithm == nullptr) {
    hashes.push_back(sha1);
    return hashes;
  }
  const ASN1_STRING* mask = sequence_parameter(params->maskGenAlgorithm);
  if (OBJ_obj2nid(object_of(params->maskGenAlgorithm)) != NID_mgf1 || mask == nullptr)
    return std::nullopt;
  const unsigned char* q = ASN1_STRING_get0_data(mask);
  Algorithm mask_hash(d2i_X509_ALGOR(nullptr, &q, ASN1_STRING_length(mask)));
  if (!mask_hash)
    return std::nullopt;
  hashes.push_back(hash_of(object_of(mask_hash.get())));
  return hashes;
}

// Why the SignerInfo's algorithms are not allowed (its digest, or a hash its signature algorithm
// names: sha1WithRSAEncryption names SHA-1, RSA-PSS names two), or nullopt when they are. A bare
// key algorithm (rsaEncryption, id-ecPublicKey, a GOST key) signs with the SignerInfo's digest.
std::optional<Verification> refused_algorithms(const X509_ALGOR* digest,
                                               const X509_ALGOR* signature) {
  Hash digest_hash = hash_of(object_of(digest));
  if (!allowed_digest(digest_hash.nid)) {
    return failed(Failure::unsupported_algorithm,
                  tr("cms.digest-not-allowed", fmt::arg("algorithm", digest_hash.name)));
  }
  const ASN1_OBJECT* signature_oid = object_of(signature);
  const int signature_nid = OBJ_obj2nid(signature_oid);
  std::vector<Hash> hashes;
  if (signature_nid == NID_rsassaPss) {
    auto pss = pss_hashes(signature);
    if (!pss) {
      return failed(Failure::unsupported_algorithm,
                    tr("cms.unsupported", fmt::arg("detail", name_of(signature_oid))));
    }
    hashes = std::move(*pss);
  } else if (int hash_nid = NID_undef;
             OBJ_find_sigid_algs(signature_nid, &hash_nid, nullptr) == 1 && hash_nid != NID_undef) {
    hashes.push_back(hash_of(OBJ_nid2obj(hash_nid)));
  }
  for (const Hash& hash : hashes) {
    if (!allowed_digest(hash.nid)) {
      return failed(
          Failure::unsupported_algorithm,
          tr("cms.signature-digest-not-allowed", fmt::arg("algorithm", name_of(signature_oid)),
             fmt::arg("digest", hash.name)));
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> signing_time_of(CMS_SignerInfo* signer) {
  int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
  if (index < 0)
    return std::nullopt;
  X509_ATTRIBUTE* attribute = CMS_signed_get_attr(signer, index);
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
  if (value == nullptr ||
      (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) {
    return std::nullopt;
  }
  return ossl::seconds_of(value->value.utctime);
}

}  // namespace

Verification verify_detached(std::string_view bytes, std::string_view content) {
  gost_engine();
  ossl::ErrorQueueGuard guard;
  std::optional<std::string> der = cms_der(bytes);
  if (!der)
    return failed(Failure::malformed, tr("cms.not-cms"));
  ossl::Bio in = ossl::memory(*der);
  ossl::ContentInfo info(d2i_CMS_bio(in.get(), nullptr));
  if (!info || OBJ_obj2nid(CMS_get0_type(info.get())) != NID_pkcs7_signed)
    return failed(Failure::malformed, tr("cms.not-cms"));
  if (CMS_is_detached(info.get()) != 1)
    return failed(Failure::malformed, tr("cms.not-detached"));
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(info.get());
  int count = signers == nullptr ? 0 : sk_CMS_SignerInfo_num(signers);
  if (count != 1)
    return failed(Failure::several_signers, tr("cms.signer-count", fmt::arg("count", count)));
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(signers, 0);

  // The signer's certificate must travel in the CMS: the roster names people, not keys.
  CMS_set1_signers_certs(info.get(), nullptr, 0);
  X509* signer = nullptr;
  X509_ALGOR* digest = nullptr;
  X509_ALGOR* algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, nullptr, &signer, &digest, &algorithm);
  if (signer == nullptr)
    return failed(Failure::malformed, tr("cms.no-signer-certificate"));
  if (auto refused = refused_algorithms(digest, algorithm))
    return *refused;
  // An allowed digest that libcrypto lacks: a GOST digest without the gost engine.
  if (EVP_get_digestbyobj(object_of(digest)) == nullptr) {
    return failed(Failure::unsupported_algorithm,
                  tr("cms.unsupported-digest", fmt::arg("algorithm", name_of(object_of(digest)))));
  }
  if (X509_get0_pubkey(signer) == nullptr) {
    std::string name = ossl::describe(signer)->algorithm;
    return failed(Failure::unsupported_algorithm,
                  tr("cms.unsupported-key", fmt::arg("algorithm", name)));
  }
  ERR_clear_error();

  ossl::Bio data = ossl::memory(content);
  ossl::Bio out(BIO_new(BIO_s_mem()));
  if (CMS_verify(info.get(), nullptr, nullptr, data.get(), out.get(),
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
    unsigned long code = ERR_peek_last_error();
    std::string detail = ossl::last_error();
    if (ERR_GET_REASON(code) == CMS_R_UNKNOWN_DIGEST_ALGORITHM ||
        ERR_GET_REASON(code) == CMS_R_UNSUPPORTED_SIGNATURE_ALGORITHM) {
      return failed(Failure::unsupported_algorithm,
                    tr("cms.unsupported", fmt::arg("detail", detail)));
    }
    return failed(Failure::bad_signature, tr("cms.bad-signature", fmt::arg("detail", detail)));
  }

  Verification v;
  v.good = true;
  auto certificate = ossl::describe(signer);
  if (STACK_OF(X509)* all = CMS_get1_certs(info.get())) {
    ossl::Stack owned(all);
    for (int i = 0; i < sk_X509_num(all) && i < 16; ++i) {
      X509* other = sk_X509_value(all, i);
      if (X509_cmp(other, signer) != 0)
        certificate->chain.push_back(ossl::der_of(other));
    }
  }
  v.signer = std::move(certificate);
  v.signing_time = signing_time_of(signer_info);
  return v;
}

namespace {

TrustCheck refused(Failure failure, std::string detail) {
  return TrustCheck{false, failure, std::move(detail)};
}

std::string date_of(std::int64_t time) {
  return ossl::utc_text(time);
}

std::string time_text(const ASN1_TIME* time) {
  std::optional<std::int64_t> seconds = ossl::seconds_of(time);
  return seconds ? date_of(*seconds) : "?";
}

// The revocation of `certificate` by its `issuer` in one of `crls`, as a message; empty if none.
std::string revocation(X509* certificate, X509* issuer, const std::vector<ossl::Crl>& crls) {
  EVP_PKEY* issuer_key = X509_get0_pubkey(issuer);
  for (const auto& crl : crls) {
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0)
      continue;
    if (issuer_key == nullptr || X509_CRL_verify(crl.get(), issuer_key) != 1) {
      ERR_clear_error();
      continue;  // not the issuer's own list
    }
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl.get(), &entry, certificate) == 1 && entry != nullptr) {
      return tr("cms.revoked", fmt::arg("serial", ossl::describe(certificate)->serial),
                fmt::arg("date", time_text(X509_REVOKED_get0_revocationDate(entry))));
    }
  }
  return {};
}

// The trust certificates and CRLs of one roster, parsed.
struct TrustSet {
  ossl::Store store{X509_STORE_new()};
  int anchors = 0;
  std::vector<ossl::Crl> crls;
};

// SHA-256 over each text, each preceded by its length (so that no two lists hash alike).
class Digest {
 public:
  Digest() { EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr); }
  Digest& add(std::string_view text) {
    std::uint64_t size = text.size();
    EVP_DigestUpdate(context_.get(), &size, sizeof size);
    EVP_DigestUpdate(context_.get(), text.data(), text.size());
    return *this;
  }
  std::string value() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(context_.get(), out, &size);
    return std::string(reinterpret_cast<const char*>(out), size);
  }

 private:
  std::unique_ptr<EVP_MD_CTX, ossl::Deleter<EVP_MD_CTX_free>> context_{EVP_MD_CTX_new()};
};

// A history of a thousand approvals judges the certificates of a few people against the trust of
// a few rosters thousands of times (each approval when it is screened, counted and reported):
// the trust set of a roster is parsed once per process, and a judgement, which the certificate,
// the chain its CMS carried, the trust set, the time and the language fix, is made once.
class TrustCache {
 public:
  static TrustCache& instance() {
    static TrustCache cache;
    return cache;
  }

  // A history has a few rosters and a few hundred people; anything more (a fuzzer, a hostile
  // history of rosters) starts the cache afresh instead of growing it without end.
  static constexpr std::size_t kMaxSets = 64;
  static constexpr std::size_t kMaxJudged = 16384;

  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const TrustSet>> sets;
  std::map<std::string, TrustCheck> judged;
};

std::shared_ptr<const TrustSet> trust_set(const std::string& key,
                                          const std::vector<std::string>& trust,
                                          const std::vector<std::string>& crls) {
  TrustCache& cache = TrustCache::instance();
  auto it = cache.sets.find(key);
  if (it != cache.sets.end())
    return it->second;
  if (cache.sets.size() >= TrustCache::kMaxSets)
    cache.sets.clear();
  auto set = std::make_shared<TrustSet>();
  for (const auto& text : trust) {
    if (ossl::X509Ptr anchor = ossl::read_certificate(text)) {
      if (X509_STORE_add_cert(set->store.get(), anchor.get()) == 1)
        ++set->anchors;
    }
  }
  for (const auto& text : crls) {
    if (ossl::Crl crl = ossl::read_crl(text))
      set->crls.push_back(std::move(crl));
  }
  ERR_clear_error();
  return cache.sets.emplace(key, std::move(set)).first->second;
}

TrustCheck judge_certificate(const SignerCertificate& certificate, const TrustSet& trust,
                             std::int64_t time);

// A certificate is valid from its notBefore through its notAfter, both included (RFC 5280
// 4.1.2.5); OpenSSL takes a certificate as expired at the very second of its notAfter. That
// second alone is put right here: the time judged is exactly the one given, nothing else moves.
int inclusive_not_after(int ok, X509_STORE_CTX* ctx) {
  if (ok == 0 && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED) {
    X509* certificate = X509_STORE_CTX_get_current_cert(ctx);
    time_t time = X509_VERIFY_PARAM_get_time(X509_STORE_CTX_get0_param(ctx));
    if (certificate != nullptr &&
        ASN1_TIME_cmp_time_t(X509_get0_notAfter(certificate), time) == 0) {
      X509_STORE_CTX_set_error(ctx, X509_V_OK);
      return 1;
    }
  }
  return ok;
}

}  // namespace

TrustCheck check_certificate(const SignerCertificate& certificate,
                             const std::vector<std::string>& trust,
                             const std::vector<std::string>& crls, std::int64_t time) {
  gost_engine();
  Digest of_trust;
  of_trust.add("trust");
  for (const auto& text : trust)
    of_trust.add(text);
  of_trust.add("crls");
  for (const auto& text : crls)
    of_trust.add(text);
  std::string trust_key = of_trust.value();
  Digest of_check;
  of_check.add(trust_key).add(certificate.der).add(std::to_string(time));
  of_check.add(language() == Lang::ru ? "ru" : "en");
  for (const auto& der : certificate.chain)
    of_check.add(der);
  std::string key = of_check.value();

  TrustCache& cache = TrustCache::instance();
  std::lock_guard lock(cache.mutex);
  auto it = cache.judged.find(key);
  if (it != cache.judged.end())
    return it->second;
  TrustCheck judged = judge_certificate(certificate, *trust_set(trust_key, trust, crls), time);
  if (cache.judged.size() >= TrustCache::kMaxJudged)
    cache.judged.clear();
  return cache.judged.emplace(key, std::move(judged)).first->second;
}

namespace {

TrustCheck judge_certificate(const SignerCertificate& certificate, const TrustSet& trust,
                             std::int64_t time) {
  ossl::ErrorQueueGuard guard;
  ossl::X509Ptr leaf = ossl::read_certificate(certificate.der);
  if (!leaf)
    return refused(Failure::malformed, tr("cms.not-a-certificate"));
  if (trust.anchors == 0)
    return refused(Failure::untrusted_issuer, tr("cms.no-trust"));
  ossl::Stack untrusted(sk_X509_new_null());
  for (const auto& der : certificate.chain) {
    if (ossl::X509Ptr other = ossl::read_certificate(der)) {
      if (sk_X509_push(untrusted.get(), other.get()) > 0)
        other.release();
    }
  }
  ossl::StoreCtx ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.store.get(), leaf.get(), untrusted.get()) != 1)
    return refused(Failure::untrusted_issuer, ossl::last_error());
  // Judged strictly at `time`, whatever it is: every certificate of the chain valid then
  // (notBefore <= time <= notAfter). Revocation is judged as of now (below): a signature's
  // claimed time does not bring back a revoked certificate.
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(time));
  X509_STORE_CTX_set_verify_cb(ctx.get(), inclusive_not_after);
  // A trust certificate may be a subordinate centre's, not only a self-signed root.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  if (X509_verify_cert(ctx.get()) != 1) {
    int error = X509_STORE_CTX_get_error(ctx.get());
    std::string reason = X509_verify_cert_error_string(error);
    switch (error) {
      case X509_V_ERR_CERT_HAS_EXPIRED:
      case X509_V_ERR_CERT_NOT_YET_VALID:
        return refused(Failure::expired, tr("cms.expired", fmt::arg("date", date_of(time)),
                                            fmt::arg("from", date_of(certificate.not_before)),
                                            fmt::arg("to", date_of(certificate.not_after)),
                                            fmt::arg("reason", reason)));
      default:
        return refused(Failure::untrusted_issuer,
                       tr("cms.untrusted", fmt::arg("issuer", certificate.issuer),
                          fmt::arg("reason", reason)));
    }
  }

  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  for (int i = 0; i + 1 < sk_X509_num(chain); ++i) {
    std::string revoked =
        revocation(sk_X509_value(chain, i), sk_X509_value(chain, i + 1), trust.crls);
    if (!revoked.empty())
      return refused(Failure::revoked, revoked);
  }

  std::uint32_t usage = X509_get_key_usage(leaf.get());
  if (usage != UINT32_MAX && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    return refused(Failure::key_usage, tr("cms.key-usage"));
  return TrustCheck{true, Failure::untrusted_issuer, {}};
}

}  // namespace

}  // namespace perechen::cms
