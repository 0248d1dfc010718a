// SPDX-License-Identifier: Apache-2.0
// OpenSSH public keys as roster.yaml lists them: keys made by ssh-keygen at test time are read
// as ssh-keygen reads them, and every kind of broken or foreign key is refused with its reason.

#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "perechen/i18n.hpp"
#include "perechen/ssh/public_key.hpp"
#include "ssh_wire.hpp"

namespace fs = std::filesystem;
using perechen::ssh::KeyType;
using perechen::ssh::parse_public_key;
using perechen::test::base64;
using perechen::test::run;
using perechen::test::str;
using perechen::test::TempDir;
using perechen::test::u32;

namespace {

std::string blob_of(const perechen::ssh::PublicKey& key) {
  return {key.blob().begin(), key.blob().end()};
}

// The fields of a key blob, in order.
std::vector<std::string> fields(std::string_view blob) {
  std::vector<std::string> out;
  while (!blob.empty()) {
    REQUIRE(blob.size() >= 4);
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
      n = (n << 8) | static_cast<unsigned char>(blob[static_cast<std::size_t>(i)]);
    blob.remove_prefix(4);
    REQUIRE(blob.size() >= n);
    out.emplace_back(blob.substr(0, n));
    blob.remove_prefix(n);
  }
  return out;
}

std::string blob_from(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts)
    out += str(p);
  return out;
}

struct Key {
  std::string line;  // the .pub file's line, without its newline
  fs::path pub;
};

Key make_key(const TempDir& dir, const std::string& name, const std::string& type,
             const std::string& bits = {}) {
  auto key = perechen::test::make_ssh_key(dir.path() / name, type, name + "@test", bits);
  return {key.public_line, fs::path(key.path.string() + ".pub")};
}

struct Keys {
  TempDir dir;
  Key ed25519 = make_key(dir, "ed", "ed25519");
  Key rsa = make_key(dir, "rsa", "rsa", "2048");
  Key ecdsa = make_key(dir, "ec", "ecdsa", "256");
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// The reason a line is refused, in English.
std::string reason(std::string_view line) {
  perechen::set_language(perechen::Lang::en);
  auto parsed = parse_public_key(line);
  perechen::set_language(perechen::Lang::ru);
  INFO(line);
  REQUIRE_FALSE(parsed);
  CHECK_FALSE(parsed.value.has_value());
  return parsed.error;
}

}  // namespace

TEST_CASE("keys made by ssh-keygen are read as ssh-keygen reads them", "[ssh-key]") {
  TempDir dir;
  struct Case {
    const char* type;
    const char* bits;
    KeyType expected;
    const char* algorithm;
  };
  for (const Case& c :
       {Case{"ed25519", "", KeyType::ed25519, "ssh-ed25519"},
        Case{"rsa", "3072", KeyType::rsa, "ssh-rsa"}, Case{"rsa", "4096", KeyType::rsa, "ssh-rsa"},
        Case{"ecdsa", "256", KeyType::ecdsa_p256, "ecdsa-sha2-nistp256"}}) {
    SECTION(std::string(c.type) + c.bits) {
      Key key = make_key(dir, std::string(c.type) + c.bits, c.type, c.bits);
      auto parsed = parse_public_key(key.line);
      INFO(parsed.error);
      REQUIRE(parsed);
      CHECK(parsed.error.empty());
      CHECK(parsed->type() == c.expected);
      CHECK(parsed->algorithm() == c.algorithm);
      CHECK(parsed->comment() == std::string(c.type) + c.bits + "@test");
      CHECK(parsed->openssh() + " " + parsed->comment() == key.line);

      // `ssh-keygen -lf KEY.pub` prints "BITS SHA256:… COMMENT (TYPE)".
      auto listed = run({"ssh-keygen", "-lf", key.pub.string()});
      REQUIRE(listed.exit_code == 0);
      std::istringstream fields_of_listing(listed.out);
      unsigned bits = 0;
      std::string fingerprint;
      fields_of_listing >> bits >> fingerprint;
      CHECK(parsed->fingerprint() == fingerprint);
      CHECK(parsed->bits() == bits);
    }
  }
}

TEST_CASE("a key is its bytes: comments and spacing do not matter, other keys differ",
          "[ssh-key]") {
  const Key& ed = keys().ed25519;
  auto original = parse_public_key(ed.line);
  REQUIRE(original);
  std::string type_and_data = original->openssh();
  auto data = type_and_data.substr(type_and_data.find(' ') + 1);

  for (std::string variant : {type_and_data, "  " + type_and_data + "  ",
                              "ssh-ed25519\t" + data + "\tИванова Анна (ноутбук)\r\n",
                              type_and_data + " another comment\n"}) {
    auto parsed = parse_public_key(variant);
    INFO(variant);
    REQUIRE(parsed);
    CHECK(*parsed == *original);
  }
  CHECK(parse_public_key(type_and_data + "   Иванова  А. П. ")->comment() == "Иванова  А. П.");
  CHECK(parse_public_key(type_and_data)->comment().empty());

  auto from_blob = perechen::ssh::parse_public_key_blob(original->blob());
  REQUIRE(from_blob);
  CHECK(*from_blob == *original);
  CHECK(from_blob->comment().empty());

  TempDir dir;
  auto other = parse_public_key(make_key(dir, "other", "ed25519").line);
  REQUIRE(other);
  CHECK_FALSE(*other == *original);
  CHECK(other->fingerprint() != original->fingerprint());
  CHECK_FALSE(*parse_public_key(keys().rsa.line) == *original);
}

TEST_CASE("lines that are not public keys are refused with their reason", "[ssh-key]") {
  const std::string ed = parse_public_key(keys().ed25519.line)->openssh();
  const std::string data = ed.substr(ed.find(' ') + 1);

  CHECK(reason("") == "an empty line instead of a public key");
  CHECK(reason(" \t\n") == "an empty line instead of a public key");
  CHECK(reason("hello world").starts_with("not an OpenSSH public key"));
  CHECK(reason("ssh-ed25519") == "no base64 key data after the key type");
  CHECK(reason("ssh-ed25519 AAAA!!!! me") ==
        "the key data is not valid base64 (was the key copied in part?)");
  CHECK(reason("ssh-ed25519 " + data.substr(0, data.size() - 1)) ==
        "the key data is not valid base64 (was the key copied in part?)");
  CHECK(reason("ssh-ed25519 " + data.substr(0, 40)) == "the key data is truncated or damaged");
  CHECK(reason("restrict,from=\"10.0.0.1\" " + ed).starts_with("not an OpenSSH public key"));
  CHECK(reason(ed + "\n" + ed) == "a public key must be written on one line");
  CHECK(reason("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
            .starts_with("this is a private key"));
  CHECK(reason("ssh-ed25519 " + std::string(20000, 'A')) ==
        "the key data is too long for a public key");
}

TEST_CASE("key types other than Ed25519, RSA and ECDSA P-256 are unsupported", "[ssh-key]") {
  const std::string expected_tail =
      "; use ssh-ed25519, ssh-rsa (2048 bits or more) or ecdsa-sha2-nistp256";
  // DSA: the type OpenSSH itself has dropped.
  std::string dsa = str("ssh-dss") + str(std::string(128, '\x7f')) + str(std::string(20, '\x7f')) +
                    str(std::string(128, '\x02')) + str(std::string(128, '\x03'));
  CHECK(reason("ssh-dss " + base64(dsa) + " old") ==
        "unsupported key type \"ssh-dss\"" + expected_tail);

  TempDir dir;
  CHECK(reason(make_key(dir, "p384", "ecdsa", "384").line) ==
        "unsupported key type \"ecdsa-sha2-nistp384\"" + expected_tail);
  CHECK(reason("sk-ssh-ed25519@openssh.com AAAA") ==
        "unsupported key type \"sk-ssh-ed25519@openssh.com\"" + expected_tail);
  CHECK(reason("ssh-ed25519-cert-v01@openssh.com AAAA") ==
        "unsupported key type \"ssh-ed25519-cert-v01@openssh.com\"" + expected_tail);
  CHECK(reason("ssh-ed25520 AAAA") == "unsupported key type \"ssh-ed25520\"" + expected_tail);
  // Control characters of a hostile type name do not reach the message.
  CHECK(reason("ssh-\x1b[2J AAAA").find('\x1b') == std::string::npos);
  // A blob of an unsupported type read on its own.
  auto from_blob =
      perechen::ssh::parse_public_key_blob(std::vector<std::uint8_t>(dsa.begin(), dsa.end()));
  CHECK_FALSE(from_blob);
}

TEST_CASE("the type inside the key data must be the type in front of it", "[ssh-key]") {
  const std::string ed_blob = blob_of(*parse_public_key(keys().ed25519.line));
  const std::string rsa_blob = blob_of(*parse_public_key(keys().rsa.line));
  CHECK(reason("ssh-rsa " + base64(ed_blob)) ==
        "the key data says \"ssh-ed25519\" but the line says \"ssh-rsa\"");
  CHECK(reason("ssh-ed25519 " + base64(rsa_blob) + " me") ==
        "the key data says \"ssh-rsa\" but the line says \"ssh-ed25519\"");
  CHECK(reason("ecdsa-sha2-nistp256 " + base64(ed_blob)) ==
        "the key data says \"ssh-ed25519\" but the line says \"ecdsa-sha2-nistp256\"");
}

TEST_CASE("broken Ed25519, RSA and ECDSA key data is refused", "[ssh-key]") {
  auto line = [](const std::string& type, const std::vector<std::string>& parts) {
    return type + " " + base64(blob_from(parts));
  };
  SECTION("Ed25519") {
    auto f = fields(blob_of(*parse_public_key(keys().ed25519.line)));
    REQUIRE(f.size() == 2);
    CHECK(reason(line("ssh-ed25519", {f[0], f[1].substr(1)})) ==
          "an Ed25519 key must be 32 bytes, this one is 31");
    CHECK(reason(line("ssh-ed25519", {f[0], f[1] + "x"})) ==
          "an Ed25519 key must be 32 bytes, this one is 33");
    CHECK(reason(line("ssh-ed25519", {f[0], f[1], "extra"})) == "extra bytes after the key data");
    CHECK(reason("ssh-ed25519 " + base64(str("ssh-ed25519") + u32(0xFFFFFFFF) + f[1])) ==
          "the key data is truncated or damaged");
    CHECK(reason("ssh-ed25519 " + base64(u32(0xFFFFFFF0) + "ssh-ed25519")) ==
          "the key data is truncated or damaged");
  }
  SECTION("RSA") {
    auto f = fields(blob_of(*parse_public_key(keys().rsa.line)));
    REQUIRE(f.size() == 3);  // type, e, n
    const std::string& n = f[2];
    TempDir dir;
    CHECK(reason(make_key(dir, "weak", "rsa", "1024").line) ==
          "the RSA key of 1024 bits is too short; at least 2048 bits are needed");
    CHECK(reason(line("ssh-rsa", {f[0], f[1], n.substr(0, 200)})) ==
          "the RSA key of 1592 bits is too short; at least 2048 bits are needed");
    std::string even = n;
    even.back() = static_cast<char>(even.back() & ~1);
    CHECK(reason(line("ssh-rsa", {f[0], f[1], even})) == "the RSA modulus is not acceptable");
    CHECK(reason(line("ssh-rsa", {f[0], std::string("\x80\x01", 2), n})) ==
          "the RSA public exponent is not acceptable");  // negative
    CHECK(reason(line("ssh-rsa", {f[0], "\x01", n})) ==
          "the RSA public exponent is not acceptable");
    CHECK(reason(line("ssh-rsa", {f[0], "\x01\x00\x00", n})) ==
          "the RSA public exponent is not acceptable");  // even
    CHECK(reason(line("ssh-rsa", {f[0], std::string(9, '\x7f'), n})) ==
          "the RSA public exponent is not acceptable");  // over 64 bits
    CHECK(reason(line("ssh-rsa", {f[0], f[1], std::string(1, '\0') + std::string(2049, '\x7f')}))
              .starts_with("the RSA key of 16391 bits is longer than OpenSSH allows"));
    CHECK(reason(line("ssh-rsa", {f[0], f[1]})) == "the key data is truncated or damaged");
    CHECK(reason(line("ssh-rsa", {f[0], f[1], n, ""})) == "extra bytes after the key data");
  }
  SECTION("ECDSA P-256") {
    auto f = fields(blob_of(*parse_public_key(keys().ecdsa.line)));
    REQUIRE(f.size() == 3);  // type, curve, point
    REQUIRE(f[1] == "nistp256");
    std::string point = f[2];
    REQUIRE(point.size() == 65);
    std::string off_curve = point;
    off_curve[64] = static_cast<char>(off_curve[64] ^ 1);
    CHECK(reason(line("ecdsa-sha2-nistp256", {f[0], f[1], off_curve})) ==
          "the ECDSA public key is not a point of the P-256 curve");
    std::string compressed =
        std::string(1, static_cast<char>(2 + (point[64] & 1))) + point.substr(1, 32);
    CHECK(reason(line("ecdsa-sha2-nistp256", {f[0], f[1], compressed})) ==
          "the ECDSA public key is not a point of the P-256 curve");
    CHECK(reason(line("ecdsa-sha2-nistp256", {f[0], f[1], std::string(65, '\0')})) ==
          "the ECDSA public key is not a point of the P-256 curve");
    CHECK(reason(line("ecdsa-sha2-nistp256", {f[0], "nistp384", point})) ==
          "the ecdsa-sha2-nistp256 key names the curve \"nistp384\" instead of nistp256");
  }
}

TEST_CASE("truncated, bit-flipped and random key data never crashes", "[ssh-key]") {
  for (const Key* key : {&keys().ed25519, &keys().rsa, &keys().ecdsa}) {
    auto original = parse_public_key(key->line);
    REQUIRE(original);
    std::string blob = blob_of(*original);
    std::string type(original->algorithm());
    for (std::size_t n = 0; n < blob.size(); ++n) {
      INFO(type << " cut at " << n);
      REQUIRE_FALSE(parse_public_key(type + " " + base64(blob.substr(0, n))));
    }
    for (std::size_t bit = 0; bit < blob.size() * 8; bit += 5) {
      std::string flipped = blob;
      flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
      auto parsed = parse_public_key(type + " " + base64(flipped));
      // A flip in the key material may give another valid key, but never the same one.
      if (parsed)
        CHECK_FALSE(*parsed == *original);
      if (!parsed)
        CHECK_FALSE(parsed.error.empty());
    }
  }
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) {
    std::string junk(random() % 200, '\0');
    for (auto& c : junk)
      c = static_cast<char>(random());
    if (i % 3 == 0)
      junk = "ssh-ed25519 " + base64(junk);
    if (i % 3 == 1)
      junk = "ssh-rsa " + base64(str("ssh-rsa") + junk);
    auto parsed = parse_public_key(junk);
    REQUIRE_FALSE(parsed);
  }
}

TEST_CASE("reasons are in Russian by default", "[ssh-key]") {
  perechen::set_language(perechen::Lang::ru);
  auto parsed = parse_public_key("ssh-dss AAAA");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error ==
        "тип ключа «ssh-dss» не поддерживается; используйте ssh-ed25519, ssh-rsa (от 2048 бит) "
        "или ecdsa-sha2-nistp256");
}

TEST_CASE("a private key file protected by a passphrase is told from one without",
          "[ssh-key][passphrase]") {
  TempDir dir;
  for (const std::string type : {"ed25519", "rsa", "ecdsa"}) {
    INFO(type);
    const auto file = dir.path() / type;
    perechen::test::make_ssh_key(file, type, "test");
    CHECK_FALSE(perechen::ssh::private_key_encrypted(perechen::test::read_file(file)));
    auto changed = perechen::test::run(
        {"ssh-keygen", "-q", "-p", "-P", "", "-N", "фраза", "-f", file.string()});
    REQUIRE(changed.exit_code == 0);
    CHECK(perechen::ssh::private_key_encrypted(perechen::test::read_file(file)));
    // Its public half reads without the passphrase, the same as FILE.pub.
    auto from_private = perechen::ssh::public_key_of_private(perechen::test::read_file(file));
    auto from_pub = parse_public_key(perechen::test::read_file(file.string() + ".pub"));
    REQUIRE(from_private);
    REQUIRE(from_pub);
    CHECK(*from_private == *from_pub);
    // The public half, and anything else, is not an encrypted key.
    CHECK_FALSE(
        perechen::ssh::private_key_encrypted(perechen::test::read_file(file.string() + ".pub")));
  }
  CHECK_FALSE(perechen::ssh::private_key_encrypted(""));
  CHECK_FALSE(perechen::ssh::private_key_encrypted(
      "-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n"));
  CHECK(perechen::ssh::private_key_encrypted(
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n-----END RSA PRIVATE KEY-----\n"));
  CHECK(perechen::ssh::private_key_encrypted("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
}
