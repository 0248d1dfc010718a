// SPDX-License-Identifier: Apache-2.0
#include "perechen/ssh/public_key.hpp"

#include <openssl/core_names.h>
#include <openssl/sha.h>

#include <array>

#include "key_blob.hpp"
#include "perechen/i18n.hpp"

namespace perechen::ssh {

namespace detail {

struct KeyAccess {
  static PublicKey make(KeyType type, wire::View blob, std::string comment, unsigned bits) {
    return PublicKey(type, std::vector<std::uint8_t>(blob.begin(), blob.end()), std::move(comment),
                     bits);
  }
};

}  // namespace detail

namespace {

constexpr std::string_view kEd25519 = "ssh-ed25519";
constexpr std::string_view kRsa = "ssh-rsa";
constexpr std::string_view kEcdsaP256 = "ecdsa-sha2-nistp256";

// OpenSSH refuses RSA moduli over 16384 bits; perechen also refuses those under 2048, which
// OpenSSH 9 still accepts from 1024 on, because they are too weak to guard approvals.
constexpr unsigned kRsaMinBits = 2048;
constexpr unsigned kRsaMaxBits = 16384;
// Public exponents are 65537 in practice; anything beyond 64 bits OpenSSL refuses for large keys.
constexpr std::size_t kRsaMaxExponentBytes = 8;
// The base64 of the largest key accepted is under 3 KiB; longer input is not a key.
constexpr std::size_t kMaxBase64 = 16 * 1024;

// Key types OpenSSH knows that perechen does not accept: said as "unsupported", not as garbage.
bool looks_like_key_type(std::string_view name) {
  return name.starts_with("ssh-") || name.starts_with("ecdsa-") || name.starts_with("sk-") ||
         name.find('@') != std::string_view::npos;
}

std::string unsupported(std::string_view type) {
  return tr("ssh.key-unsupported-type", fmt::arg("type", wire::printable(type)));
}

unsigned bit_length(wire::View magnitude) {
  if (magnitude.empty())
    return 0;
  unsigned top = magnitude[0];
  unsigned bits = 0;
  while (top != 0) {
    ++bits;
    top >>= 1;
  }
  return static_cast<unsigned>((magnitude.size() - 1) * 8) + bits;
}

ossl::Bignum to_bignum(wire::View magnitude) {
  return ossl::Bignum(BN_bin2bn(magnitude.data(), static_cast<int>(magnitude.size()), nullptr));
}

ossl::Pkey from_params(const char* name, const OSSL_PARAM* params) {
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, name, nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1)
    return nullptr;
  EVP_PKEY* raw = nullptr;
  // OSSL_PARAM arrays are not written to by fromdata; the API only lacks the const.
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) !=
      1) {
    return nullptr;
  }
  return ossl::Pkey(raw);
}

detail::KeyBlob fail(std::string why, bool is_unsupported = false) {
  detail::KeyBlob out;
  out.error = std::move(why);
  out.unsupported = is_unsupported;
  return out;
}

detail::KeyBlob ed25519(wire::Reader& in, wire::View blob, std::string comment) {
  auto point = in.string();
  if (!point)
    return fail(tr("ssh.key-truncated"));
  if (!in.at_end())
    return fail(tr("ssh.key-trailing-data"));
  if (point->size() != 32)
    return fail(tr("ssh.key-ed25519-size", fmt::arg("size", point->size())));
  ossl::Pkey pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, point->data(), point->size()));
  if (!pkey)
    return fail(tr("ssh.key-rejected"));
  detail::KeyBlob out;
  out.key = detail::KeyAccess::make(KeyType::ed25519, blob, std::move(comment), 256);
  out.pkey = std::move(pkey);
  return out;
}

detail::KeyBlob rsa(wire::Reader& in, wire::View blob, std::string comment) {
  auto raw_e = in.string();
  auto raw_n = in.string();
  if (!raw_e || !raw_n)
    return fail(tr("ssh.key-truncated"));
  if (!in.at_end())
    return fail(tr("ssh.key-trailing-data"));
  auto e = wire::mpint_magnitude(*raw_e, kRsaMaxExponentBytes);
  if (!e)
    return fail(tr("ssh.key-rsa-exponent"));
  auto n = wire::mpint_magnitude(*raw_n, raw_n->size());
  if (!n)
    return fail(tr("ssh.key-rsa-modulus"));
  unsigned bits = bit_length(*n);
  if (bits < kRsaMinBits) {
    return fail(tr("ssh.key-rsa-short", fmt::arg("bits", bits), fmt::arg("min", kRsaMinBits)));
  }
  if (bits > kRsaMaxBits) {
    return fail(tr("ssh.key-rsa-long", fmt::arg("bits", bits), fmt::arg("max", kRsaMaxBits)));
  }
  // An even modulus or exponent, or e < 3, is not an RSA key anyone made with a real tool.
  if ((n->back() & 1U) == 0)
    return fail(tr("ssh.key-rsa-modulus"));
  if (e->empty() || (e->back() & 1U) == 0 || (e->size() == 1 && (*e)[0] < 3)) {
    return fail(tr("ssh.key-rsa-exponent"));
  }
  ossl::Bignum bn_n = to_bignum(*n);
  ossl::Bignum bn_e = to_bignum(*e);
  ossl::ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return fail(tr("ssh.key-rejected"));
  }
  ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params)
    return fail(tr("ssh.key-rejected"));
  ossl::Pkey pkey = from_params("RSA", params.get());
  if (!pkey)
    return fail(tr("ssh.key-rejected"));
  detail::KeyBlob out;
  out.key = detail::KeyAccess::make(KeyType::rsa, blob, std::move(comment), bits);
  out.pkey = std::move(pkey);
  return out;
}

detail::KeyBlob ecdsa_p256(wire::Reader& in, wire::View blob, std::string comment) {
  auto curve = in.text();
  auto point = in.string();
  if (!curve || !point)
    return fail(tr("ssh.key-truncated"));
  if (!in.at_end())
    return fail(tr("ssh.key-trailing-data"));
  if (*curve != "nistp256")
    return fail(tr("ssh.key-ec-curve", fmt::arg("curve", wire::printable(*curve))));
  // OpenSSH takes uncompressed points only: 0x04, then x and y of 32 bytes each.
  if (point->size() != 65 || (*point)[0] != 0x04)
    return fail(tr("ssh.key-ec-point"));
  std::array<OSSL_PARAM, 3> params{
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>("P-256"), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
                                        const_cast<std::uint8_t*>(point->data()), point->size()),
      OSSL_PARAM_construct_end()};
  ossl::Pkey pkey = from_params("EC", params.data());
  if (!pkey)
    return fail(tr("ssh.key-ec-point"));
  // On the curve, not the point at infinity, coordinates in range: what OpenSSH's
  // sshkey_ec_validate_public demands before it trusts a point. Its remaining test, that the
  // point has the group's order, holds for every such point of P-256 (cofactor 1), so the quick
  // check is enough and spares a scalar multiplication per key.
  ossl::PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check_quick(check.get()) != 1)
    return fail(tr("ssh.key-ec-point"));
  detail::KeyBlob out;
  out.key = detail::KeyAccess::make(KeyType::ecdsa_p256, blob, std::move(comment), 256);
  out.pkey = std::move(pkey);
  return out;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return s;
}

// The next token up to a space or tab; `s` keeps what follows it, blanks skipped.
std::string_view next_token(std::string_view& s) {
  std::size_t end = 0;
  while (end < s.size() && !is_blank(s[end]))
    ++end;
  std::string_view token = s.substr(0, end);
  s.remove_prefix(end);
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  return token;
}

}  // namespace

namespace detail {

KeyBlob parse_key_blob(wire::View blob, std::string comment) {
  ossl::ErrorQueueGuard guard;
  wire::Reader in(blob);
  auto type = in.text();
  if (!type)
    return fail(tr("ssh.key-truncated"));
  if (*type == kEd25519)
    return ed25519(in, blob, std::move(comment));
  if (*type == kRsa)
    return rsa(in, blob, std::move(comment));
  if (*type == kEcdsaP256)
    return ecdsa_p256(in, blob, std::move(comment));
  return fail(unsupported(*type), true);
}

}  // namespace detail

std::string_view PublicKey::algorithm() const {
  switch (type_) {
    case KeyType::ed25519:
      return kEd25519;
    case KeyType::rsa:
      return kRsa;
    case KeyType::ecdsa_p256:
      return kEcdsaP256;
  }
  return {};
}

std::string PublicKey::fingerprint() const {
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
  unsigned int size = 0;
  if (EVP_Digest(blob_.data(), blob_.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  std::string text = wire::base64_encode(wire::View(digest.data(), size));
  while (!text.empty() && text.back() == '=')
    text.pop_back();
  return "SHA256:" + text;
}

std::string PublicKey::openssh() const {
  return std::string(algorithm()) + " " + wire::base64_encode(blob_);
}

Parsed<PublicKey> parse_public_key(std::string_view line) {
  using Result = Parsed<PublicKey>;
  std::string_view rest = trim(line);
  if (rest.empty())
    return Result::fail(tr("ssh.key-empty"));
  if (rest.starts_with("-----BEGIN") && rest.find("PRIVATE KEY") != std::string_view::npos) {
    return Result::fail(tr("ssh.key-private"));
  }
  if (rest.find_first_of("\r\n") != std::string_view::npos || rest.find('\0') != rest.npos) {
    return Result::fail(tr("ssh.key-not-one-line"));
  }
  std::string_view type = next_token(rest);
  if (type != kEd25519 && type != kRsa && type != kEcdsaP256) {
    if (looks_like_key_type(type))
      return Result::fail(unsupported(type));
    return Result::fail(tr("ssh.key-syntax"));
  }
  std::string_view encoded = next_token(rest);
  if (encoded.empty())
    return Result::fail(tr("ssh.key-no-data"));
  if (encoded.size() > kMaxBase64)
    return Result::fail(tr("ssh.key-too-long"));
  auto blob = wire::base64_decode(encoded);
  if (!blob)
    return Result::fail(tr("ssh.key-bad-base64"));

  // The type inside the blob is what OpenSSH goes by; the prefix must agree with it, or a reader
  // of roster.yaml would see one kind of key while another is trusted.
  wire::Reader peek(*blob);
  auto inner = peek.text();
  if (!inner)
    return Result::fail(tr("ssh.key-truncated"));
  if (*inner != type) {
    return Result::fail(tr("ssh.key-type-mismatch", fmt::arg("inner", wire::printable(*inner)),
                           fmt::arg("outer", type)));
  }
  detail::KeyBlob parsed = detail::parse_key_blob(*blob, std::string(rest));
  if (!parsed.key)
    return Result::fail(std::move(parsed.error));
  return Result::ok(std::move(*parsed.key));
}

Parsed<PublicKey> parse_public_key_blob(std::span<const std::uint8_t> blob) {
  using Result = Parsed<PublicKey>;
  detail::KeyBlob parsed = detail::parse_key_blob(blob, {});
  if (!parsed.key)
    return Result::fail(std::move(parsed.error));
  return Result::ok(std::move(*parsed.key));
}

namespace {

// The body of an OpenSSH private key file after its magic, nullopt for anything else.
std::optional<wire::Bytes> openssh_private_body(std::string_view file_text) {
  constexpr std::string_view kBegin = "-----BEGIN OPENSSH PRIVATE KEY-----";
  constexpr std::string_view kEnd = "-----END OPENSSH PRIVATE KEY-----";
  const auto begin = file_text.find(kBegin);
  if (begin == std::string_view::npos)
    return std::nullopt;
  const auto body = begin + kBegin.size();
  const auto end = file_text.find(kEnd, body);
  if (end == std::string_view::npos)
    return std::nullopt;
  auto bytes = wire::base64_decode(file_text.substr(body, end - body));
  constexpr std::string_view kMagic{"openssh-key-v1\0", 15};
  if (!bytes || bytes->size() < kMagic.size() ||
      std::string_view(reinterpret_cast<const char*>(bytes->data()), kMagic.size()) != kMagic)
    return std::nullopt;
  bytes->erase(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(kMagic.size()));
  return bytes;
}

}  // namespace

bool private_key_encrypted(std::string_view file_text) {
  auto body = openssh_private_body(file_text);
  if (!body) {
    return file_text.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string_view::npos ||
           file_text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
  }
  wire::Reader reader(*body);
  auto cipher = reader.text();
  return cipher && *cipher != "none";
}

std::optional<PublicKey> public_key_of_private(std::string_view file_text) {
  auto body = openssh_private_body(file_text);
  if (!body)
    return std::nullopt;
  // ciphername, kdfname, kdfoptions, the number of keys (one), then the first public key.
  wire::Reader reader(*body);
  if (!reader.text() || !reader.text() || !reader.string())
    return std::nullopt;
  auto count = reader.u32();
  if (!count || *count != 1)
    return std::nullopt;
  auto blob = reader.string();
  if (!blob)
    return std::nullopt;
  auto key = parse_public_key_blob(*blob);
  if (!key)
    return std::nullopt;
  return std::move(*key);
}

}  // namespace perechen::ssh
