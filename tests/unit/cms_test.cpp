// SPDX-License-Identifier: Apache-2.0
// Certificates, CRLs and detached CMS signatures (src/cms/, spec §5.2), on a test certification
// centre made at test time.

#include <catch2/catch.hpp>

#include <ctime>
#include <optional>
#include <string>

#include "fixture.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/error.hpp"
#include "pki.hpp"

using namespace perechen;
using namespace perechen::test;

namespace {

std::int64_t now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

TEST_CASE("the gost engine loads in-process without any OpenSSL configuration") {
  PERECHEN_REQUIRE_PKI();
  const auto& engine = cms::gost_engine();
  INFO(engine.detail);
  CHECK(engine.loaded);
}

TEST_CASE("SNILS and SHA-256 as written in a roster") {
  CHECK(cms::normalize_snils("123-456-789 01") == "12345678901");
  CHECK(cms::normalize_snils("12345678901") == "12345678901");
  CHECK_FALSE(cms::normalize_snils("123-456-789"));
  CHECK_FALSE(cms::normalize_snils("123-456-789 0a"));
  CHECK(cms::mask_snils("12345678901") == "***-***-*89 01");
  std::string hex(64, 'A');
  CHECK(cms::normalize_sha256(hex) == std::string(64, 'a'));
  CHECK_FALSE(cms::normalize_sha256("abc"));
}

TEST_CASE("a GOST certificate shows its owner, SNILS, serial, issuer and validity") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  TestCa ca(dir.path(), "Тестовый УЦ");
  Issued person = ca.issue("ivanova", "Иванова Анна Петровна", "11223344595", "gost2012_512");
  auto parsed = cms::parse_certificate(person.pem);
  REQUIRE(parsed.certificate);
  CHECK_FALSE(parsed.is_ca);
  CHECK(parsed.certificate->owner == "Иванова Анна Петровна");
  CHECK(parsed.certificate->snils == "11223344595");
  CHECK(parsed.certificate->issuer.find("Тестовый УЦ") != std::string::npos);
  CHECK_FALSE(parsed.certificate->serial.empty());
  CHECK(parsed.certificate->not_after > parsed.certificate->not_before);
  CHECK(parsed.certificate->sha256.size() == 64);
  CHECK(cms::parse_certificate(ca.pem()).is_ca);
  CHECK_FALSE(
      cms::parse_certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
          .error.empty());
  CHECK(cms::parse_crl_error(ca.crl()).empty());
  CHECK_FALSE(cms::parse_crl_error(ca.pem()).empty());
}

TEST_CASE("a detached CMS made in-process verifies over the same bytes only") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  for (std::string algorithm : {"gost2012_256", "gost2012_512", "ec", "rsa"}) {
    DYNAMIC_SECTION(algorithm) {
      TestCa ca(dir.path(), "CA " + algorithm, algorithm);
      Issued person = ca.issue("p", "Петрова", "11223344595", algorithm);
      std::string der = cms::sign_detached(person.pem, read_text(person.key), "payload\n");
      std::string armored = cms::armor(der);
      CHECK(armored.rfind("-----BEGIN SIGNED MESSAGE-----\n", 0) == 0);
      auto good = cms::verify_detached(armored, "payload\n");
      INFO(good.detail);
      REQUIRE(good.good);
      REQUIRE(good.signer);
      CHECK(good.signer->snils == "11223344595");
      REQUIRE(good.signing_time);
      CHECK(*good.signing_time <= now() + 5);
      auto trusted = cms::check_certificate(*good.signer, {ca.pem()}, {}, *good.signing_time);
      INFO(trusted.detail);
      CHECK(trusted.ok);

      auto other = cms::verify_detached(armored, "payload!\n");
      CHECK_FALSE(other.good);
      CHECK(other.failure == cms::Failure::bad_signature);

      // And openssl itself agrees with the armor as it stands.
      dir.write("sig.pem", std::string(armored));
      dir.write("content", "payload\n");
      std::string pem = armored;
      pem.replace(0, std::string("-----BEGIN SIGNED MESSAGE-----").size(), "-----BEGIN CMS-----");
      pem.replace(pem.find("-----END SIGNED MESSAGE-----"),
                  std::string("-----END SIGNED MESSAGE-----").size(), "-----END CMS-----");
      dir.write("sig.cms", pem);
      auto r =
          run({"openssl", "cms", "-verify", "-binary", "-inform", "PEM", "-in",
               (dir.path() / "sig.cms").string(), "-content", (dir.path() / "content").string(),
               "-CAfile", ca.cert().string(), "-out", "/dev/null"},
              dir.path(), ca.env());
      INFO(r.err);
      CHECK(r.exit_code == 0);
    }
  }
}

TEST_CASE("a certificate is judged by the trust, the time, the CRLs and its key usage") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  TestCa ca(dir.path(), "УЦ");
  TestCa stranger(dir.path(), "Чужой УЦ");
  auto certificate_of = [](const Issued& issued) {
    return *cms::parse_certificate(issued.pem).certificate;
  };
  Issued good = ca.issue("good", "Иванова", "11223344595");
  CHECK(cms::check_certificate(certificate_of(good), {ca.pem()}, {}, now()).ok);

  SECTION("from a centre not trusted") {
    Issued forged = stranger.issue("forged", "Иванова", "11223344595");
    auto check = cms::check_certificate(certificate_of(forged), {ca.pem()}, {}, now());
    CHECK(check.failure == cms::Failure::untrusted_issuer);
    CHECK_FALSE(check.ok);
  }
  SECTION("outside its validity") {
    Issued old = ca.issue("old", "Иванова", "11223344595", "gost2012_256", "20200101000000Z",
                          "20210101000000Z");
    auto check = cms::check_certificate(certificate_of(old), {ca.pem()}, {}, now());
    CHECK(check.failure == cms::Failure::expired);
    // A certificate valid now is not valid two years on.
    CHECK(cms::check_certificate(certificate_of(good), {ca.pem()}, {}, now() + 2 * 366 * 86400)
              .failure == cms::Failure::expired);
  }
  SECTION("revoked by a CRL") {
    Issued revoked = ca.issue("revoked", "Иванова", "11223344595");
    ca.revoke(revoked);
    std::string crl = ca.crl();
    auto check = cms::check_certificate(certificate_of(revoked), {ca.pem()}, {crl}, now());
    CHECK(check.failure == cms::Failure::revoked);
    CHECK(cms::check_certificate(certificate_of(good), {ca.pem()}, {crl}, now()).ok);
    // A CRL by another centre with the same name does not count.
    CHECK(cms::check_certificate(certificate_of(revoked), {ca.pem()}, {stranger.crl()}, now()).ok);
  }
  SECTION("a key that may not sign") {
    Issued encryption =
        ca.issue("enc", "Иванова", "11223344595", "gost2012_256", {}, {}, "enc_ext");
    auto check = cms::check_certificate(certificate_of(encryption), {ca.pem()}, {}, now());
    CHECK(check.failure == cms::Failure::key_usage);
  }
}

TEST_CASE("a CMS with two signers is refused") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  TestCa ca(dir.path(), "УЦ");
  Issued a = ca.issue("a", "А", "11223344595");
  Issued b = ca.issue("b", "Б", "11223344596");
  dir.write("content", "payload\n");
  ca.openssl({"cms", "-sign", "-binary", "-in", (dir.path() / "content").string(), "-signer",
              a.cert.string(), "-inkey", a.key.string(), "-signer", b.cert.string(), "-inkey",
              b.key.string(), "-outform", "PEM", "-out", (dir.path() / "two.pem").string()});
  auto check = cms::verify_detached(read_text(dir.path() / "two.pem"), "payload\n");
  CHECK(check.failure == cms::Failure::several_signers);
  CHECK_FALSE(check.good);
}

TEST_CASE("signing refuses a key that is not the certificate's") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  TestCa ca(dir.path(), "УЦ");
  Issued a = ca.issue("a", "А", "11223344595");
  Issued b = ca.issue("b", "Б", "11223344596");
  CHECK_THROWS_AS(cms::sign_detached(a.pem, read_text(b.key), "x"), Error);
  CHECK_FALSE(cms::verify_detached("garbage", "x").good);
  CHECK_FALSE(cms::verify_detached(std::string(300000, 'A'), "x").good);
}

TEST_CASE("an encrypted key is opened with the caller's passphrase, never by a prompt of its own") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  TestCa ca(dir.path(), "УЦ", "rsa");
  Issued person = ca.issue("p", "Петрова", "11223344595", "rsa");
  auto encrypted = dir.path() / "encrypted.key";
  RunResult made = run({"openssl", "pkey", "-in", person.key.string(), "-aes256", "-passout",
                        "pass:секрет", "-out", encrypted.string()});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  std::string key = read_text(encrypted);
  REQUIRE(key.find("ENCRYPTED") != std::string::npos);

  int asked = 0;
  std::string der = cms::sign_detached(person.pem, key, "payload\n", [&] {
    ++asked;
    return std::optional<std::string>("секрет");
  });
  CHECK(asked == 1);
  CHECK(cms::verify_detached(cms::armor(der), "payload\n").good);

  // No passphrase to give: said so, without OpenSSL asking at the terminal (which would hang or
  // read /dev/tty).
  for (const cms::PassphraseSource& none :
       {cms::PassphraseSource{}, cms::PassphraseSource([] { return std::nullopt; })}) {
    try {
      cms::sign_detached(person.pem, key, "x", none);
      FAIL("an encrypted key was used without its passphrase");
    } catch (const Error& e) {
      std::string what = e.what();
      CHECK((what.find("пароль") != std::string::npos ||
             what.find("passphrase") != std::string::npos));
    }
  }
  // A wrong one: the key cannot be read.
  CHECK_THROWS_AS(
      cms::sign_detached(person.pem, key, "x", [] { return std::optional<std::string>("не тот"); }),
      Error);
  // A key without encryption never asks.
  asked = 0;
  cms::sign_detached(person.pem, read_text(person.key), "x", [&] {
    ++asked;
    return std::optional<std::string>("секрет");
  });
  CHECK(asked == 0);
}

TEST_CASE("only GOST R 34.11-2012 and SHA-256/384/512 digests are accepted, never MD5 or SHA-1") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  dir.write("content", "payload\n");
  // `openssl cms -sign -md …` by a certificate of `ca`; "" leaves the key's own digest.
  auto signed_by = [&](TestCa& ca, const Issued& signer, const std::string& md) {
    std::vector<std::string> args{"cms",
                                  "-sign",
                                  "-binary",
                                  "-in",
                                  (dir.path() / "content").string(),
                                  "-signer",
                                  signer.cert.string(),
                                  "-inkey",
                                  signer.key.string(),
                                  "-outform",
                                  "PEM"};
    if (!md.empty())
      args.insert(args.end(), {"-md", md});
    return ca.openssl(args);
  };
  TestCa rsa(dir.path(), "RSA CA", "rsa");
  Issued person = rsa.issue("p", "Петрова", "11223344595", "rsa");
  for (std::string md : {"sha1", "md5"}) {
    DYNAMIC_SECTION(md) {
      auto check = cms::verify_detached(signed_by(rsa, person, md), "payload\n");
      INFO(check.detail);
      CHECK_FALSE(check.good);
      CHECK(check.failure == cms::Failure::unsupported_algorithm);
      CHECK(check.detail.find(md) != std::string::npos);
    }
  }
  for (std::string md : {"sha256", "sha384", "sha512"}) {
    DYNAMIC_SECTION(md) {
      auto check = cms::verify_detached(signed_by(rsa, person, md), "payload\n");
      INFO(check.detail);
      CHECK(check.good);
    }
  }
  SECTION("RSA-PSS: its own two hashes, the message's and the mask's, are judged too") {
    auto pss = [&](const std::string& mask) {
      return rsa.openssl({"cms", "-sign", "-binary", "-md", "sha256", "-in",
                          (dir.path() / "content").string(), "-signer", person.cert.string(),
                          "-inkey", person.key.string(), "-keyopt", "rsa_padding_mode:pss",
                          "-keyopt", "rsa_mgf1_md:" + mask, "-outform", "PEM"});
    };
    auto good = cms::verify_detached(pss("sha256"), "payload\n");
    INFO(good.detail);
    CHECK(good.good);
    auto weak = cms::verify_detached(pss("sha1"), "payload\n");
    CHECK(weak.failure == cms::Failure::unsupported_algorithm);
    CHECK(weak.detail.find("rsassaPss") != std::string::npos);
    CHECK(weak.detail.find("sha1") != std::string::npos);
  }
  for (std::string algorithm : {"gost2012_256", "gost2012_512"}) {
    DYNAMIC_SECTION(algorithm) {
      TestCa gost(dir.path(), "CA " + algorithm, algorithm);
      Issued signer = gost.issue("g", "Иванова", "11223344595", algorithm);
      auto check = cms::verify_detached(signed_by(gost, signer, ""), "payload\n");
      INFO(check.detail);
      CHECK(check.good);
    }
  }
  SECTION("a signature algorithm that names SHA-1 beside a SHA-256 digest") {
    CmsOptions options;
    options.digest = EVP_sha256();
    options.signature_algorithm = NID_sha1WithRSAEncryption;
    auto check = cms::verify_detached(cms_sign(person, "payload\n", options), "payload\n");
    INFO(check.detail);
    CHECK_FALSE(check.good);
    CHECK(check.failure == cms::Failure::unsupported_algorithm);
    CHECK(check.detail.find("sha1WithRSAEncryption") != std::string::npos);
    options.signature_algorithm = NID_sha256WithRSAEncryption;
    CHECK(cms::verify_detached(cms_sign(person, "payload\n", options), "payload\n").good);
  }
}

TEST_CASE("a certificate is valid from its notBefore through its notAfter, at the time given") {
  PERECHEN_REQUIRE_PKI();
  TempDir dir;
  // The centre itself must be valid then: it vouches for a certificate of 2020-2021.
  TestCa ca(dir.path(), "УЦ", "gost2012_256", "20190101000000Z", "20361231000000Z");
  Issued old = ca.issue("old", "Сидоров", "33445566702", "gost2012_256", "20200101000000Z",
                        "20211231000000Z");
  cms::SignerCertificate certificate = *cms::parse_certificate(old.pem).certificate;
  auto at = [&](std::int64_t time) {
    return cms::check_certificate(certificate, {ca.pem()}, {}, time);
  };
  const std::int64_t not_before = 1577836800;  // 2020-01-01 00:00:00 UTC
  const std::int64_t not_after = 1640908800;   // 2021-12-31 00:00:00 UTC
  CHECK(certificate.not_before == not_before);
  CHECK(certificate.not_after == not_after);
  CHECK(at(not_before - 1).failure == cms::Failure::expired);
  CHECK(at(not_before).ok);
  CHECK(at(1590969600).ok);  // 2020-06-01, the time a signature may claim
  CHECK(at(not_after).ok);   // RFC 5280 4.1.2.5: notAfter is the last moment of validity
  CHECK(at(not_after + 1).failure == cms::Failure::expired);
  CHECK(at(now()).failure == cms::Failure::expired);
  auto expired = at(now());
  CHECK(expired.detail.find("2021-12-31") != std::string::npos);

  // A revoked certificate counts at no time, whatever its signature claims.
  ca.revoke(old);
  std::string crl = ca.crl();
  CHECK(cms::check_certificate(certificate, {ca.pem()}, {crl}, 1590969600).failure ==
        cms::Failure::revoked);
}
