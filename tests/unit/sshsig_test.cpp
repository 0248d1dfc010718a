// SPDX-License-Identifier: Apache-2.0
// SSH signatures (PROTOCOL.sshsig) checked in-process, against signatures that ssh-keygen makes
// at test time and against ssh-keygen's own verdict on the same bytes.

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/ssh/public_key.hpp"
#include "perechen/ssh/sshsig.hpp"
#include "ssh_sign.hpp"
#include "ssh_wire.hpp"

namespace fs = std::filesystem;
using perechen::ssh::Verdict;
using perechen::test::armor;
using perechen::test::base64;
using perechen::test::dearmor;
using perechen::test::run;
using perechen::test::str;
using perechen::test::TempDir;
using perechen::test::u32;

namespace {

struct Reader {
  std::string_view s;
  std::uint32_t u32() {
    REQUIRE(s.size() >= 4);
    auto b = [&](std::size_t i) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i]));
    };
    std::uint32_t v = (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
    s.remove_prefix(4);
    return v;
  }
  std::string string() {
    auto n = u32();
    REQUIRE(s.size() >= n);
    std::string v(s.substr(0, n));
    s.remove_prefix(n);
    return v;
  }
};

// The fields of an SSHSIG blob, to make signatures that differ from a real one in one place.
struct Parts {
  std::string key, name_space, reserved, hash, sig_alg, sig_value;

  static Parts of(std::string_view armored) {
    std::string blob = dearmor(armored);
    REQUIRE(blob.substr(0, 6) == "SSHSIG");
    Reader in{std::string_view(blob).substr(6)};
    REQUIRE(in.u32() == 1);
    Parts p;
    p.key = in.string();
    p.name_space = in.string();
    p.reserved = in.string();
    p.hash = in.string();
    Reader sig{""};
    std::string signature = in.string();
    sig.s = signature;
    p.sig_alg = sig.string();
    p.sig_value = sig.string();
    REQUIRE(in.s.empty());
    return p;
  }
  std::string blob() const {
    return "SSHSIG" + u32(1) + str(key) + str(name_space) + str(reserved) + str(hash) +
           str(str(sig_alg) + str(sig_value));
  }
  std::string armored() const { return armor(blob()); }
};

// ---- Keys and signatures made by ssh-keygen.

struct Key {
  fs::path path;  // private key; the public one is path + ".pub"
  std::string pub_line;
};

Key make_key(const TempDir& dir, const std::string& name, const std::string& type,
             const std::string& bits = {}) {
  auto key = perechen::test::make_ssh_key(dir.path() / name, type, name + "@test", bits);
  return {key.path, key.public_line + "\n"};  // as the .pub file holds it
}

// The keys every test uses, made once per test program (RSA keys take a while).
struct Keys {
  TempDir dir;
  std::map<std::string, Key> by_name;
  Keys() {
    by_name.emplace("ed25519", make_key(dir, "ed25519", "ed25519"));
    by_name.emplace("rsa", make_key(dir, "rsa", "rsa", "3072"));
    by_name.emplace("ecdsa", make_key(dir, "ecdsa", "ecdsa", "256"));
  }
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// Signs `message` as `git commit -S` would (or with another namespace / options).
std::string sign(const Key& key, const std::string& message, const std::string& name_space = "git",
                 const std::vector<std::string>& options = {}) {
  return perechen::test::ssh_keygen_sign(key.path, message, name_space, options);
}

// ssh-keygen's own verdict: true when `ssh-keygen -Y verify` accepts the signature by `key`.
bool ssh_keygen_accepts(const std::string& armored, const std::string& message, const Key& key,
                        const std::string& name_space = "git") {
  TempDir dir;
  dir.write("allowed_signers", "someone " + key.pub_line);
  fs::path sig = dir.write("message.sig", armored);
  auto r = run({"ssh-keygen", "-Y", "verify", "-n", name_space, "-I", "someone", "-f",
                (dir.path() / "allowed_signers").string(), "-s", sig.string()},
               {}, {}, message);
  REQUIRE(r.signal == 0);
  return r.exit_code == 0;
}

const std::string kMessage =
    "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
    "author Иванова <ivanova@example.ru> 1767225600 +0300\n\nСогласовано\n";

struct EnglishMessages {
  EnglishMessages() { perechen::set_language(perechen::Lang::en); }
  ~EnglishMessages() { perechen::set_language(perechen::Lang::ru); }
};

}  // namespace

TEST_CASE("a signature ssh-keygen makes verifies, names its signer, and ssh-keygen agrees",
          "[sshsig]") {
  EnglishMessages en;
  for (const char* type : {"ed25519", "rsa", "ecdsa"}) {
    const Key& key = keys().by_name.at(type);
    SECTION(type) {
      std::string sig = sign(key, kMessage);
      auto v = perechen::ssh::verify(sig, kMessage, "git");
      INFO(v.detail);
      CHECK(v.verdict == Verdict::good);
      CHECK(v.good());
      auto expected = perechen::ssh::parse_public_key(key.pub_line);
      REQUIRE(expected);
      REQUIRE(v.signer);
      CHECK(*v.signer == *expected);
      CHECK(v.detail.find(expected->fingerprint()) != std::string::npos);
      CHECK(v.detail.find("good \"git\" signature") != std::string::npos);
      CHECK(ssh_keygen_accepts(sig, kMessage, key));
    }
  }
}

TEST_CASE("RSA signatures with SHA-256 and SHA-512, and SHA-256 message hashes, verify",
          "[sshsig]") {
  const Key& rsa = keys().by_name.at("rsa");
  const Key& ed = keys().by_name.at("ed25519");
  std::string sig512 = sign(rsa, kMessage);
  CHECK(Parts::of(sig512).sig_alg == "rsa-sha2-512");  // what ssh-keygen makes by default
  CHECK(perechen::ssh::verify(sig512, kMessage, "git").verdict == Verdict::good);

  std::string hashed256 = sign(ed, kMessage, "git", {"hashalg=sha256"});
  REQUIRE(Parts::of(hashed256).hash == "sha256");
  CHECK(perechen::ssh::verify(hashed256, kMessage, "git").verdict == Verdict::good);
  CHECK(ssh_keygen_accepts(hashed256, kMessage, ed));

  // rsa-sha2-256: re-sign the same signed data with the key loaded into OpenSSL.
  TempDir dir;
  fs::path pem = dir.path() / "rsa.pem";
  fs::copy_file(rsa.path, pem);
  auto conv = run({"ssh-keygen", "-q", "-p", "-m", "PEM", "-P", "", "-N", "", "-f", pem.string()});
  REQUIRE(conv.exit_code == 0);
  std::string pem_text = dir.read("rsa.pem");
  BIO* bio = BIO_new_mem_buf(pem_text.data(), static_cast<int>(pem_text.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  REQUIRE(pkey != nullptr);
  auto sign_with = [&](const EVP_MD* md, const std::string& data) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    REQUIRE(EVP_DigestSignInit(ctx, nullptr, md, nullptr, pkey) == 1);
    std::size_t size = 0;
    REQUIRE(EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()) == 1);
    std::string out(size, '\0');
    REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(out.data()), &size,
                           reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
    EVP_MD_CTX_free(ctx);
    out.resize(size);
    return out;
  };
  std::string digest(64, '\0');
  unsigned int digest_size = 0;
  REQUIRE(EVP_Digest(kMessage.data(), kMessage.size(),
                     reinterpret_cast<unsigned char*>(digest.data()), &digest_size, EVP_sha512(),
                     nullptr) == 1);
  std::string signed_data = "SSHSIG" + str("git") + str("") + str("sha512") + str(digest);

  Parts p = Parts::of(sig512);
  p.sig_alg = "rsa-sha2-256";
  p.sig_value = sign_with(EVP_sha256(), signed_data);
  CHECK(perechen::ssh::verify(p.armored(), kMessage, "git").verdict == Verdict::good);
  CHECK(ssh_keygen_accepts(p.armored(), kMessage, rsa));

  SECTION("the legacy ssh-rsa (SHA-1) algorithm is refused even when the signature is valid") {
    EnglishMessages en;
    p.sig_alg = "ssh-rsa";
    p.sig_value = sign_with(EVP_sha1(), signed_data);
    auto v = perechen::ssh::verify(p.armored(), kMessage, "git");
    CHECK(v.verdict == Verdict::unsupported_algorithm);
    CHECK(v.detail.find("SHA-1") != std::string::npos);
    CHECK_FALSE(ssh_keygen_accepts(p.armored(), kMessage, rsa));
  }
  SECTION("a signature value shorter than the modulus is padded, as OpenSSH does") {
    // Find a message whose signature starts with a zero byte (1 in 256), then drop that byte.
    bool found = false;
    for (int i = 0; i < 3000 && !found; ++i) {
      std::string msg = kMessage + std::to_string(i);
      REQUIRE(EVP_Digest(msg.data(), msg.size(), reinterpret_cast<unsigned char*>(digest.data()),
                         &digest_size, EVP_sha512(), nullptr) == 1);
      std::string value =
          sign_with(EVP_sha512(), "SSHSIG" + str("git") + str("") + str("sha512") + str(digest));
      if (value[0] != '\0')
        continue;
      Parts shortened = Parts::of(sig512);
      shortened.sig_value = value.substr(1);
      CHECK(perechen::ssh::verify(shortened.armored(), msg, "git").verdict == Verdict::good);
      CHECK(ssh_keygen_accepts(shortened.armored(), msg, rsa));
      found = true;
    }
    CHECK(found);
  }
  EVP_PKEY_free(pkey);
}

TEST_CASE("a changed message is a bad signature", "[sshsig]") {
  EnglishMessages en;
  for (const char* type : {"ed25519", "rsa", "ecdsa"}) {
    const Key& key = keys().by_name.at(type);
    SECTION(type) {
      std::string sig = sign(key, kMessage);
      std::string changed = kMessage;
      changed[changed.size() - 2] = '!';
      auto v = perechen::ssh::verify(sig, changed, "git");
      CHECK(v.verdict == Verdict::bad_signature);
      CHECK(v.detail.find("bad signature") != std::string::npos);
      REQUIRE(v.signer);  // the key it claims, to say whose signature failed
      CHECK(*v.signer == *perechen::ssh::parse_public_key(key.pub_line));
      CHECK_FALSE(ssh_keygen_accepts(sig, changed, key));
      CHECK(perechen::ssh::verify(sig, kMessage + "\n", "git").verdict == Verdict::bad_signature);
      CHECK(perechen::ssh::verify(sig, "", "git").verdict == Verdict::bad_signature);
    }
  }
}

TEST_CASE("a signature made for another namespace is refused as such", "[sshsig]") {
  EnglishMessages en;
  const Key& key = keys().by_name.at("ed25519");
  std::string sig = sign(key, kMessage, "file");
  auto v = perechen::ssh::verify(sig, kMessage, "git");
  CHECK(v.verdict == Verdict::wrong_namespace);
  CHECK(v.detail == "the signature was made for namespace \"file\", \"git\" is expected");
  CHECK(v.signer.has_value());
  CHECK_FALSE(ssh_keygen_accepts(sig, kMessage, key, "git"));
  // The same bytes are a good signature in the namespace they were made for.
  CHECK(perechen::ssh::verify(sig, kMessage, "file").verdict == Verdict::good);
  CHECK(ssh_keygen_accepts(sig, kMessage, key, "file"));

  SECTION("rewriting the namespace field does not help: it is part of the signed data") {
    Parts p = Parts::of(sig);
    p.name_space = "git";
    CHECK(perechen::ssh::verify(p.armored(), kMessage, "git").verdict == Verdict::bad_signature);
    CHECK_FALSE(ssh_keygen_accepts(p.armored(), kMessage, key));
  }
}

TEST_CASE("the armor tolerates CRLF and trailing newlines, nothing else around it", "[sshsig]") {
  const Key& key = keys().by_name.at("ed25519");
  std::string sig = sign(key, kMessage);
  REQUIRE(sig.back() == '\n');
  std::string crlf;
  for (char c : sig) {
    if (c == '\n')
      crlf += '\r';
    crlf += c;
  }
  std::string bare = sig.substr(0, sig.size() - 1);  // as git stores it in the commit header
  CHECK(perechen::ssh::verify(crlf, kMessage, "git").verdict == Verdict::good);
  CHECK(perechen::ssh::verify(bare, kMessage, "git").verdict == Verdict::good);
  CHECK(perechen::ssh::verify(sig + "\n\n  \n", kMessage, "git").verdict == Verdict::good);
  CHECK(perechen::ssh::verify(" " + sig, kMessage, "git").verdict == Verdict::malformed);
  CHECK(perechen::ssh::verify(sig + "x", kMessage, "git").verdict == Verdict::malformed);
  CHECK(perechen::ssh::verify("-----BEGIN PGP SIGNATURE-----\n" + sig.substr(30), kMessage, "git")
            .verdict == Verdict::malformed);
}

TEST_CASE("a non-empty reserved field is ignored, as OpenSSH ignores it", "[sshsig]") {
  const Key& key = keys().by_name.at("ed25519");
  Parts p = Parts::of(sign(key, kMessage));
  p.reserved = "future";
  CHECK(perechen::ssh::verify(p.armored(), kMessage, "git").verdict == Verdict::good);
  CHECK(ssh_keygen_accepts(p.armored(), kMessage, key));
}

TEST_CASE("a signature whose key was swapped for another one is bad", "[sshsig]") {
  // Someone puts a roster member's key into a signature made with their own key.
  const Key& mine = keys().by_name.at("ed25519");
  const Key& victim = keys().by_name.at("ecdsa");
  TempDir dir;
  const Key other = make_key(dir, "other", "ed25519");
  for (const Key* target : {&victim, &other}) {
    Parts p = Parts::of(sign(mine, kMessage));
    p.key = Parts::of(sign(*target, kMessage)).key;
    auto v = perechen::ssh::verify(p.armored(), kMessage, "git");
    CHECK(v.verdict != Verdict::good);
    CHECK((v.verdict == Verdict::bad_signature || v.verdict == Verdict::malformed));
    REQUIRE(v.signer);
    CHECK(*v.signer == *perechen::ssh::parse_public_key(target->pub_line));
    CHECK_FALSE(ssh_keygen_accepts(p.armored(), kMessage, *target));
  }
}

TEST_CASE("unsupported hash, version, algorithm and key type give clear verdicts", "[sshsig]") {
  EnglishMessages en;
  const Key& key = keys().by_name.at("ed25519");
  Parts good = Parts::of(sign(key, kMessage));

  Parts p = good;
  p.hash = "sha1";
  auto v = perechen::ssh::verify(p.armored(), kMessage, "git");
  CHECK(v.verdict == Verdict::unsupported_algorithm);
  CHECK(v.detail.find("hash algorithm \"sha1\"") != std::string::npos);

  p = good;
  p.sig_alg = "ssh-dss";
  CHECK(perechen::ssh::verify(p.armored(), kMessage, "git").verdict ==
        Verdict::unsupported_algorithm);

  p = good;
  p.sig_alg = "rsa-sha2-256";  // a known algorithm that does not fit an Ed25519 key
  v = perechen::ssh::verify(p.armored(), kMessage, "git");
  CHECK(v.verdict == Verdict::malformed);
  CHECK(v.detail.find("does not fit a ssh-ed25519 key") != std::string::npos);

  std::string blob = good.blob();
  blob[9] = 2;  // version 2
  v = perechen::ssh::verify(armor(blob), kMessage, "git");
  CHECK(v.verdict == Verdict::malformed);
  CHECK(v.detail.find("version 2") != std::string::npos);

  p = good;
  p.key = str("ssh-dss") + str("\x01") + str("\x01") + str("\x01") + str("\x01");
  v = perechen::ssh::verify(p.armored(), kMessage, "git");
  CHECK(v.verdict == Verdict::unsupported_algorithm);
  CHECK(v.detail.find("unsupported key type \"ssh-dss\"") != std::string::npos);
  CHECK_FALSE(v.signer);

  // Control characters from the input never reach a message as they are.
  p = good;
  p.name_space = "g\x1b[31mit";
  v = perechen::ssh::verify(p.armored(), kMessage, "git");
  CHECK(v.verdict == Verdict::wrong_namespace);
  CHECK(v.detail.find('\x1b') == std::string::npos);
}

TEST_CASE("an RSA key under 2048 bits is refused although ssh-keygen accepts it", "[sshsig]") {
  TempDir dir;
  Key weak = make_key(dir, "weak", "rsa", "1024");
  std::string sig = sign(weak, kMessage);
  CHECK(ssh_keygen_accepts(sig, kMessage, weak));
  EnglishMessages en;
  auto v = perechen::ssh::verify(sig, kMessage, "git");
  CHECK(v.verdict == Verdict::malformed);
  CHECK(v.detail ==
        "the key in the signature is not accepted: the RSA key of 1024 bits is too "
        "short; at least 2048 bits are needed");
}

TEST_CASE("every single bit flip of a real signature is refused, as ssh-keygen refuses it",
          "[sshsig]") {
  for (const char* type : {"ed25519", "rsa", "ecdsa"}) {
    const Key& key = keys().by_name.at(type);
    SECTION(type) {
      std::string blob = dearmor(sign(key, kMessage));
      // RSA signatures are long; every third bit still covers every field of the blob.
      std::size_t step = std::string_view(type) == "rsa" ? 3 : 1;
      std::map<Verdict, int> seen;
      for (std::size_t bit = 0; bit < blob.size() * 8; bit += step) {
        std::string flipped = blob;
        flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
        auto v = perechen::ssh::verify(armor(flipped), kMessage, "git");
        INFO("bit " << bit);
        REQUIRE(v.verdict != Verdict::good);
        ++seen[v.verdict];
        CHECK_FALSE(v.detail.empty());
        if (bit % 97 == 0)
          CHECK_FALSE(ssh_keygen_accepts(armor(flipped), kMessage, key));
      }
      CHECK(seen[Verdict::bad_signature] > 0);
      CHECK(seen[Verdict::malformed] > 0);
    }
  }
}

TEST_CASE("truncations, garbage and empty input are malformed, never a crash", "[sshsig]") {
  EnglishMessages en;
  const Key& key = keys().by_name.at("ecdsa");
  std::string sig = sign(key, kMessage);
  std::string blob = dearmor(sig);

  for (std::size_t n = 0; n < blob.size(); ++n) {
    INFO("blob cut at " << n);
    REQUIRE(perechen::ssh::verify(armor(blob.substr(0, n)), kMessage, "git").verdict ==
            Verdict::malformed);
  }
  for (std::size_t n = 0; n < sig.size() - 1; ++n) {
    INFO("armor cut at " << n);
    REQUIRE(perechen::ssh::verify(sig.substr(0, n), kMessage, "git").verdict == Verdict::malformed);
  }

  CHECK(perechen::ssh::verify("", kMessage, "git").detail == "the signature is empty");
  CHECK(perechen::ssh::verify("\n \r\n", kMessage, "git").verdict == Verdict::malformed);
  CHECK(perechen::ssh::verify(std::string(100, '\0'), kMessage, "git").verdict ==
        Verdict::malformed);
  CHECK(perechen::ssh::verify("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n",
                              kMessage, "git")
            .verdict == Verdict::malformed);
  CHECK(perechen::ssh::verify(armor(blob + "extra"), kMessage, "git").detail ==
        "extra bytes after the signature data");

  // Base64 that OpenSSL would take but OpenSSH refuses: stray characters, padding inside.
  std::string body = base64(blob);
  std::string bad = "-----BEGIN SSH SIGNATURE-----\n" + body.substr(0, 8) + "=" + body.substr(9) +
                    "\n-----END SSH SIGNATURE-----\n";
  CHECK(perechen::ssh::verify(bad, kMessage, "git").verdict == Verdict::malformed);
  bad = "-----BEGIN SSH SIGNATURE-----\n" + body + "!\n-----END SSH SIGNATURE-----\n";
  CHECK(perechen::ssh::verify(bad, kMessage, "git").verdict == Verdict::malformed);

  // Length fields that claim far more than there is.
  for (std::size_t at : {6u, 10u, 14u}) {
    std::string huge = blob;
    for (std::size_t i = at; i < at + 4; ++i)
      huge[i] = '\xff';
    CHECK(perechen::ssh::verify(armor(huge), kMessage, "git").verdict == Verdict::malformed);
  }
  CHECK(perechen::ssh::verify(std::string(1 << 20, 'A'), kMessage, "git").verdict ==
        Verdict::malformed);

  std::mt19937 random(20260101);
  for (int i = 0; i < 2000; ++i) {
    std::string junk(random() % 400, '\0');
    for (auto& c : junk)
      c = static_cast<char>(random());
    if (i % 2 == 0)
      junk = "SSHSIG" + u32(1) + junk;
    auto v = perechen::ssh::verify(armor(junk), kMessage, "git");
    REQUIRE(v.verdict != Verdict::good);
  }
}

TEST_CASE("an empty expected namespace is a programming mistake", "[sshsig]") {
  CHECK_THROWS_AS(perechen::ssh::verify("", "", ""), perechen::Error);
}

TEST_CASE("details are in Russian by default", "[sshsig]") {
  perechen::set_language(perechen::Lang::ru);
  const Key& key = keys().by_name.at("ed25519");
  auto v = perechen::ssh::verify(sign(key, kMessage, "file"), kMessage, "git");
  CHECK(v.detail == "подпись сделана для пространства имен «file», а ожидается «git»");
  CHECK(perechen::ssh::to_string(v.verdict) == "wrong_namespace");
}

TEST_CASE("base64 that OpenSSL's decoder would take but OpenSSH refuses is malformed", "[sshsig]") {
  const Key& key = keys().by_name.at("ed25519");
  Parts p = Parts::of(sign(key, kMessage));
  // Grow the ignored reserved field until the base64 ends in "==", so there are unused bits.
  while (p.blob().size() % 3 != 1)
    p.reserved += "x";
  std::string body = base64(p.blob());
  REQUIRE(body.ends_with("=="));
  auto armored = [](const std::string& b64) {
    return "-----BEGIN SSH SIGNATURE-----\n" + b64 + "\n-----END SSH SIGNATURE-----\n";
  };
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string slop = body;
  char& last = slop[slop.size() - 3];
  last = alphabet[alphabet.find(last) | 1];  // a bit that decodes to nothing
  std::string unpadded = body.substr(0, body.size() - 2);

  CHECK(perechen::ssh::verify(armored(body), kMessage, "git").verdict == Verdict::good);
  CHECK(ssh_keygen_accepts(armored(body), kMessage, key));
  for (const std::string& bad : {slop, unpadded}) {
    CHECK(perechen::ssh::verify(armored(bad), kMessage, "git").verdict == Verdict::malformed);
    CHECK_FALSE(ssh_keygen_accepts(armored(bad), kMessage, key));
  }
}
