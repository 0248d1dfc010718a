// SPDX-License-Identifier: Apache-2.0
#include "perechen/ssh/sshsig.hpp"

#include <array>
#include <string>

#include "../core/openssl.hpp"
#include "key_blob.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "wire.hpp"

namespace perechen::ssh {

namespace {

constexpr std::string_view kBegin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view kEnd = "-----END SSH SIGNATURE-----";
constexpr std::string_view kMagic = "SSHSIG";
constexpr std::uint32_t kVersion = 1;
// A signature by the largest RSA key is under 6 KiB of base64; anything far larger is not one.
constexpr std::size_t kMaxArmored = 64 * 1024;
// r and s of a P-256 signature are at most 32 bytes; OpenSSH reads them as any bignum and lets
// the verification fail, so a little room is left here before calling it malformed.
constexpr std::size_t kMaxEcdsaScalar = 64;

Verification result(Verdict verdict, std::string detail, std::optional<PublicKey> signer = {}) {
  return Verification{verdict, std::move(signer), std::move(detail)};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The decoded blob between the armor lines, or the reason it is not there.
std::optional<wire::Bytes> dearmor(std::string_view text, std::string& why) {
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  if (text.empty()) {
    why = tr("ssh.sig-empty");
    return std::nullopt;
  }
  if (!text.starts_with(kBegin)) {
    why = tr("ssh.sig-no-begin");
    return std::nullopt;
  }
  text.remove_prefix(kBegin.size());
  if (text.empty()) {
    why = tr("ssh.sig-no-end");
    return std::nullopt;
  }
  if (text.starts_with("\r\n")) {
    text.remove_prefix(2);
  } else if (text.starts_with("\n")) {
    text.remove_prefix(1);
  } else {
    why = tr("ssh.sig-no-begin");
    return std::nullopt;
  }
  if (!text.ends_with(kEnd)) {
    why = tr("ssh.sig-no-end");
    return std::nullopt;
  }
  text.remove_suffix(kEnd.size());
  // The footer starts a line of its own (or follows the header straight away, with no body).
  if (!text.empty() && text.back() != '\n') {
    why = tr("ssh.sig-no-end");
    return std::nullopt;
  }
  auto blob = wire::base64_decode(text);
  if (!blob)
    why = tr("ssh.sig-bad-base64");
  return blob;
}

const EVP_MD* message_digest(std::string_view name) {
  if (name == "sha256")
    return EVP_sha256();
  if (name == "sha512")
    return EVP_sha512();
  return nullptr;
}

std::string_view key_label(KeyType type) {
  switch (type) {
    case KeyType::ed25519:
      return "ED25519";
    case KeyType::rsa:
      return "RSA";
    case KeyType::ecdsa_p256:
      return "ECDSA";
  }
  return {};
}

// The data OpenSSH signs (PROTOCOL.sshsig §3). The reserved field is signed empty whatever the
// signature blob carries, as OpenSSH's sshsig_wrap_verify does.
std::optional<wire::Bytes> signed_data(std::string_view name_space, std::string_view hash_name,
                                       const EVP_MD* md, std::string_view message) {
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(message.data(), message.size(), digest.data(), &size, md, nullptr) != 1) {
    return std::nullopt;
  }
  wire::Writer out;
  out.raw(kMagic);
  out.string(name_space);
  out.string(std::string_view{});
  out.string(hash_name);
  out.string(wire::View(digest.data(), size));
  return out.bytes();
}

// The signature value in the form OpenSSL verifies, with the digest to use (none for Ed25519),
// or a verdict why not. Follows OpenSSH's ssh_*_verify for each key type.
struct Prepared {
  wire::Bytes value;
  const EVP_MD* md = nullptr;
  std::optional<Verdict> refusal;
  std::string why;
};

Prepared refuse(Verdict verdict, std::string why) {
  Prepared p;
  p.refusal = verdict;
  p.why = std::move(why);
  return p;
}

Prepared prepare(const PublicKey& key, std::string_view algorithm, wire::View value) {
  auto mismatch = [&] {
    return refuse(Verdict::malformed, tr("ssh.sig-algorithm-mismatch",
                                         fmt::arg("algorithm", wire::printable(algorithm)),
                                         fmt::arg("key", key.algorithm())));
  };
  bool known = algorithm == "ssh-ed25519" || algorithm == "rsa-sha2-256" ||
               algorithm == "rsa-sha2-512" || algorithm == "ecdsa-sha2-nistp256";
  if (algorithm == "ssh-rsa")
    return refuse(Verdict::unsupported_algorithm, tr("ssh.sig-rsa-sha1"));
  if (!known) {
    return refuse(
        Verdict::unsupported_algorithm,
        tr("ssh.sig-algorithm-unsupported", fmt::arg("algorithm", wire::printable(algorithm))));
  }
  Prepared p;
  switch (key.type()) {
    case KeyType::ed25519:
      if (algorithm != "ssh-ed25519")
        return mismatch();
      if (value.size() != 64)
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      p.value.assign(value.begin(), value.end());
      return p;
    case KeyType::rsa: {
      if (algorithm == "rsa-sha2-256") {
        p.md = EVP_sha256();
      } else if (algorithm == "rsa-sha2-512") {
        p.md = EVP_sha512();
      } else {
        return mismatch();
      }
      // OpenSSH accepts a value shorter than the modulus and pads it with zeros in front.
      std::size_t modulus_bytes = (key.bits() + 7) / 8;
      if (value.size() > modulus_bytes) {
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      }
      p.value.assign(modulus_bytes - value.size(), 0);
      p.value.insert(p.value.end(), value.begin(), value.end());
      return p;
    }
    case KeyType::ecdsa_p256: {
      if (algorithm != "ecdsa-sha2-nistp256")
        return mismatch();
      p.md = EVP_sha256();
      wire::Reader in(value);
      auto raw_r = in.string();
      auto raw_s = in.string();
      if (!raw_r || !raw_s || !in.at_end()) {
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      }
      auto r = wire::mpint_magnitude(*raw_r, kMaxEcdsaScalar);
      auto s = wire::mpint_magnitude(*raw_s, kMaxEcdsaScalar);
      if (!r || !s)
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      // OpenSSL verifies ECDSA in DER; r and s move over as numbers.
      ossl::EcdsaSig sig(ECDSA_SIG_new());
      BIGNUM* bn_r = BN_bin2bn(r->data(), static_cast<int>(r->size()), nullptr);
      BIGNUM* bn_s = BN_bin2bn(s->data(), static_cast<int>(s->size()), nullptr);
      if (!sig || bn_r == nullptr || bn_s == nullptr ||
          ECDSA_SIG_set0(sig.get(), bn_r, bn_s) != 1) {
        BN_free(bn_r);
        BN_free(bn_s);
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      }
      unsigned char* der = nullptr;
      int der_size = i2d_ECDSA_SIG(sig.get(), &der);
      if (der_size <= 0)
        return refuse(Verdict::malformed, tr("ssh.sig-value-size"));
      p.value.assign(der, der + der_size);
      OPENSSL_free(der);
      return p;
    }
  }
  return mismatch();
}

bool evp_verify(EVP_PKEY* pkey, const EVP_MD* md, const wire::Bytes& signature,
                const wire::Bytes& data) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(),
                          data.size()) == 1;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::good:
      return "good";
    case Verdict::bad_signature:
      return "bad_signature";
    case Verdict::malformed:
      return "malformed";
    case Verdict::wrong_namespace:
      return "wrong_namespace";
    case Verdict::unsupported_algorithm:
      return "unsupported_algorithm";
  }
  return "malformed";
}

Verification verify(std::string_view armored, std::string_view message,
                    std::string_view expected_namespace) {
  if (expected_namespace.empty()) {
    throw Error(ExitCode::failure, "ssh::verify: the expected namespace is empty");
  }
  ossl::ErrorQueueGuard guard;
  if (armored.size() > kMaxArmored)
    return result(Verdict::malformed, tr("ssh.sig-too-large"));
  std::string why;
  auto blob = dearmor(armored, why);
  if (!blob)
    return result(Verdict::malformed, why);

  // PROTOCOL.sshsig §2: the whole blob is read before anything in it is trusted.
  wire::Reader in(*blob);
  auto magic = in.bytes(kMagic.size());
  if (!magic || wire::as_text(*magic) != kMagic) {
    return result(Verdict::malformed, tr("ssh.sig-no-magic"));
  }
  auto version = in.u32();
  if (!version)
    return result(Verdict::malformed, tr("ssh.sig-truncated"));
  if (*version != kVersion) {
    return result(Verdict::malformed, tr("ssh.sig-version", fmt::arg("version", *version)));
  }
  auto key_blob = in.string();
  auto name_space = in.text();
  auto reserved = in.string();  // for future use; OpenSSH ignores what it holds
  auto hash_name = in.text();
  auto signature = in.string();
  if (!key_blob || !name_space || !reserved || !hash_name || !signature) {
    return result(Verdict::malformed, tr("ssh.sig-truncated"));
  }
  if (!in.at_end())
    return result(Verdict::malformed, tr("ssh.sig-trailing-data"));

  detail::KeyBlob key = detail::parse_key_blob(*key_blob, {});
  if (!key.key) {
    return result(key.unsupported ? Verdict::unsupported_algorithm : Verdict::malformed,
                  tr("ssh.sig-signer-key", fmt::arg("reason", key.error)));
  }
  const PublicKey& signer = *key.key;

  const EVP_MD* md = message_digest(*hash_name);
  if (md == nullptr) {
    return result(Verdict::unsupported_algorithm,
                  tr("ssh.sig-hash-unsupported", fmt::arg("hash", wire::printable(*hash_name))),
                  signer);
  }
  if (*name_space != expected_namespace) {
    return result(Verdict::wrong_namespace,
                  tr("ssh.sig-wrong-namespace", fmt::arg("actual", wire::printable(*name_space)),
                     fmt::arg("expected", wire::printable(expected_namespace))),
                  signer);
  }

  wire::Reader sig_in(*signature);
  auto algorithm = sig_in.text();
  auto value = sig_in.string();
  if (!algorithm || !value)
    return result(Verdict::malformed, tr("ssh.sig-truncated"), signer);
  if (!sig_in.at_end())
    return result(Verdict::malformed, tr("ssh.sig-trailing-data"), signer);
  Prepared prepared = prepare(signer, *algorithm, *value);
  if (prepared.refusal)
    return result(*prepared.refusal, prepared.why, signer);

  auto data = signed_data(expected_namespace, *hash_name, md, message);
  if (!data || !evp_verify(key.pkey.get(), prepared.md, prepared.value, *data)) {
    return result(Verdict::bad_signature,
                  tr("ssh.sig-bad", fmt::arg("key", key_label(signer.type())),
                     fmt::arg("fingerprint", signer.fingerprint())),
                  signer);
  }
  return result(
      Verdict::good,
      tr("ssh.sig-good", fmt::arg("namespace", wire::printable(expected_namespace)),
         fmt::arg("key", key_label(signer.type())), fmt::arg("fingerprint", signer.fingerprint())),
      signer);
}

}  // namespace perechen::ssh
