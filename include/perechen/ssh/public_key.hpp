// SPDX-License-Identifier: Apache-2.0
#pragma once

// OpenSSH public keys, as roster.yaml lists them ("ssh-ed25519 AAAA… comment") and as SSH
// signatures embed them. A PublicKey only exists once its bytes have been checked through and
// OpenSSL has accepted the key, so holding one means it can verify signatures. Identity is the
// exact key bytes: two lines with the same key and different comments are the same key.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/ssh/parsed.hpp"

namespace perechen::ssh {

// The key types perechen accepts (spec §5: Ed25519 required, RSA and ECDSA P-256 desirable).
enum class KeyType { ed25519, rsa, ecdsa_p256 };

namespace detail {
struct KeyAccess;
}

class PublicKey {
 public:
  KeyType type() const { return type_; }
  // The OpenSSH name of the type: "ssh-ed25519", "ssh-rsa" or "ecdsa-sha2-nistp256".
  std::string_view algorithm() const;
  // The key in SSH wire encoding: what the base64 part of the line holds.
  const std::vector<std::uint8_t>& blob() const { return blob_; }
  // The text after the key on its line; empty for a key taken from a signature.
  const std::string& comment() const { return comment_; }
  // Key size in bits: 256 for Ed25519 and P-256, the modulus size for RSA.
  unsigned bits() const { return bits_; }

  // "SHA256:" and the unpadded base64 of the SHA-256 of the blob, as `ssh-keygen -l` prints it.
  std::string fingerprint() const;
  // "ssh-ed25519 AAAA…" without the comment, the form allowed_signers files take.
  std::string openssh() const;

  // The same key: exactly the same bytes. The comment does not count.
  friend bool operator==(const PublicKey& a, const PublicKey& b) { return a.blob_ == b.blob_; }

 private:
  friend struct detail::KeyAccess;
  PublicKey(KeyType type, std::vector<std::uint8_t> blob, std::string comment, unsigned bits)
      : type_(type), blob_(std::move(blob)), comment_(std::move(comment)), bits_(bits) {}

  KeyType type_;
  std::vector<std::uint8_t> blob_;
  std::string comment_;
  unsigned bits_;
};

// Reads one authorized_keys-style line, "TYPE BASE64 [COMMENT]", without options in front.
// Never throws on bad input; the reason says what is wrong (an unsupported type such as ssh-dss,
// bad base64, a blob whose inner type differs from TYPE, an RSA key under 2048 bits, a point off
// the P-256 curve, a private key pasted by mistake).
Parsed<PublicKey> parse_public_key(std::string_view line);

// Reads a key from its wire encoding alone (the blob of a line, or the key inside a signature).
Parsed<PublicKey> parse_public_key_blob(std::span<const std::uint8_t> blob);

// Whether the text of a private key file is encrypted with a passphrase: OpenSSH's own format
// with a cipher other than "none", or a PEM key marked ENCRYPTED (PKCS#8, or the old
// "Proc-Type: 4,ENCRYPTED"). False for anything else, a public key or garbage among it.
bool private_key_encrypted(std::string_view file_text);

// The public key that OpenSSH's private key format keeps unencrypted beside the private one, so
// that it is had without the passphrase; nullopt for another format or a file that does not read.
std::optional<PublicKey> public_key_of_private(std::string_view file_text);

}  // namespace perechen::ssh
