// SPDX-License-Identifier: Apache-2.0
#pragma once

// A test certification centre made at test time with the `openssl` command and Debian's gost
// engine, for the tests of qualified signatures (spec §5.2). The engine is configured through a
// throwaway OPENSSL_CONF given to these openssl calls only: perechen itself runs without it.

#include <openssl/pem.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../../src/cms/openssl.hpp"
#include "fixture.hpp"
#include "perechen/cms/cms.hpp"
#include "skip.hpp"

namespace perechen::test {

// Whether OpenSSL loads Debian's gost engine: asked of OpenSSL itself (`openssl engine -t gost`
// finds it where OpenSSL looks, OPENSSL_ENGINES or the engines folder it was built with), not of
// a list of places. Empty when it does; otherwise why not.
inline std::string gost_engine_missing() {
  RunResult r = run({"openssl", "engine", "-t", "gost"});
  if (r.exit_code == 127)
    return "openssl is not installed (apt-get install openssl libengine-gost-openssl)";
  if (r.exit_code != 0 || r.out.find("[ available ]") == std::string::npos)
    return "OpenSSL does not load the gost engine (apt-get install libengine-gost-openssl): " +
           r.out + r.err;
  return {};
}

// Skips the test, with the reason, when openssl or the gost engine is not there (a failure under
// PERECHEN_TEST_STRICT=1, as in CI).
#define PERECHEN_REQUIRE_PKI()                                                         \
  do {                                                                                 \
    if (std::string missing = perechen::test::gost_engine_missing(); !missing.empty()) \
      PERECHEN_SKIP(missing);                                                          \
  } while (false)

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Issued {
  std::filesystem::path cert;  // PEM
  std::filesystem::path key;   // PEM, no passphrase
  std::string pem;
};

// Key algorithms: "gost2012_256", "gost2012_512", "rsa", "ec".
class TestCa {
 public:
  // A self-signed CA named `name` under `dir`/`name`, valid from now for ten years, or from
  // `start` to `end` (openssl's YYYYMMDDHHMMSSZ) to vouch for certificates of years past.
  TestCa(const std::filesystem::path& dir, const std::string& name,
         const std::string& algorithm = "gost2012_256", const std::string& start = {},
         const std::string& end = {})
      : dir_(dir / name), name_(name) {
    std::filesystem::create_directories(dir_ / "certs");
    write("index.txt", "");
    write("crlnumber", "01\n");
    write("ossl.cnf", config());
    make_key(dir_ / "ca.key", algorithm);
    if (start.empty()) {
      openssl({"req", "-new", "-x509", "-key", (dir_ / "ca.key").string(), "-out",
               (dir_ / "ca.pem").string(), "-days", "3650", "-subj", "/CN=" + name, "-utf8",
               "-extensions", "ca_ext", "-set_serial", "1"});
    } else {
      // `openssl req -x509` of OpenSSL 3.0 cannot backdate; `openssl ca -selfsign` can.
      auto csr = dir_ / "ca.csr";
      openssl({"req", "-new", "-key", (dir_ / "ca.key").string(), "-out", csr.string(), "-subj",
               "/CN=" + name, "-utf8"});
      openssl({"ca",
               "-batch",
               "-config",
               config_file(),
               "-selfsign",
               "-keyfile",
               (dir_ / "ca.key").string(),
               "-in",
               csr.string(),
               "-out",
               (dir_ / "ca.pem").string(),
               "-extensions",
               "ca_ext",
               "-startdate",
               start,
               "-enddate",
               end,
               "-notext",
               "-preserveDN",
               "-utf8"});
    }
    pem_ = read_text(dir_ / "ca.pem");
  }

  const std::string& pem() const { return pem_; }
  std::filesystem::path cert() const { return dir_ / "ca.pem"; }
  const std::filesystem::path& dir() const { return dir_; }
  std::map<std::string, std::string> env() const {
    return {{"OPENSSL_CONF", (dir_ / "ossl.cnf").string()}};
  }

  // A person's certificate: CN `owner`, SNILS `snils` (11 digits, or empty for none), valid from
  // `start` to `end` (openssl's YYYYMMDDHHMMSSZ; empty: from now for a year), `usage` an extension
  // section of the config: "user_ext" (digitalSignature, nonRepudiation) or "enc_ext"
  // (keyEncipherment only).
  Issued issue(const std::string& file, const std::string& owner, const std::string& snils,
               const std::string& algorithm = "gost2012_256", const std::string& start = {},
               const std::string& end = {}, const std::string& usage = "user_ext") {
    Issued out{dir_ / (file + ".pem"), dir_ / (file + ".key"), {}};
    make_key(out.key, algorithm);
    std::string subject = "/CN=" + owner;
    if (!snils.empty())
      subject += "/SNILS=" + snils;
    auto csr = dir_ / (file + ".csr");
    openssl(
        {"req", "-new", "-key", out.key.string(), "-out", csr.string(), "-subj", subject, "-utf8"});
    std::vector<std::string> args{"ca",          "-batch",     "-config", config_file(),
                                  "-in",         csr.string(), "-out",    out.cert.string(),
                                  "-extensions", usage,        "-notext", "-preserveDN",
                                  "-utf8"};
    if (start.empty()) {
      args.insert(args.end(), {"-days", "365"});
    } else {
      args.insert(args.end(), {"-startdate", start, "-enddate", end});
    }
    openssl(args);
    out.pem = read_text(out.cert);
    return out;
  }

  void revoke(const Issued& issued) {
    openssl({"ca", "-batch", "-config", config_file(), "-revoke", issued.cert.string()});
  }

  // The CA's CRL now, PEM.
  std::string crl() {
    auto file = dir_ / "crl.pem";
    openssl({"ca", "-batch", "-config", config_file(), "-gencrl", "-crldays", "30", "-out",
             file.string()});
    return read_text(file);
  }

  // Runs openssl with this CA's configuration (and the gost engine); throws when it fails.
  std::string openssl(std::vector<std::string> args) const {
    args.insert(args.begin(), "openssl");
    RunResult r = run(args, dir_, env());
    if (r.exit_code != 0)
      throw std::runtime_error("openssl failed: " + r.err + r.out);
    return r.out;
  }

 private:
  std::string config_file() const { return (dir_ / "ossl.cnf").string(); }

  void make_key(const std::filesystem::path& key, const std::string& algorithm) const {
    std::vector<std::string> args{"genpkey", "-algorithm", algorithm == "ec" ? "EC" : algorithm,
                                  "-out", key.string()};
    if (algorithm == "rsa") {
      args.insert(args.end(), {"-pkeyopt", "rsa_keygen_bits:2048"});
    } else if (algorithm == "ec") {
      args.insert(args.end(), {"-pkeyopt", "ec_paramgen_curve:P-256"});
    } else {
      args.insert(args.end(), {"-pkeyopt", "paramset:A"});
    }
    openssl(args);
  }

  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary) << text;
  }

  std::string config() const {
    std::string d = dir_.string();
    return "openssl_conf = openssl_def\n"
           "[openssl_def]\nengines = engine_section\n"
           "[engine_section]\ngost = gost_section\n"
           "[gost_section]\nengine_id = gost\ndefault_algorithms = ALL\n"
           "[req]\ndistinguished_name = dn\n[dn]\n"
           "[ca]\ndefault_ca = ca_default\n"
           "[ca_default]\ndir = " +
           d + "\ndatabase = " + d +
           "/index.txt\n"
           "new_certs_dir = " +
           d + "/certs\ncertificate = " + d +
           "/ca.pem\n"
           "private_key = " +
           d +
           "/ca.key\nrand_serial = yes\ndefault_md = default\n"
           "default_crl_days = 30\npolicy = policy_any\nunique_subject = no\n"
           "crlnumber = " +
           d +
           "/crlnumber\n"
           "[policy_any]\ncommonName = supplied\n"
           "[ca_ext]\nbasicConstraints = critical,CA:TRUE\n"
           "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n"
           "[user_ext]\nbasicConstraints = CA:FALSE\n"
           "keyUsage = critical,digitalSignature,nonRepudiation\n"
           "[enc_ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical,keyEncipherment\n";
  }

  std::filesystem::path dir_;
  std::string name_;
  std::string pem_;
};

// What cms_sign() varies of the CMS that `openssl cms -sign` makes.
struct CmsOptions {
  std::optional<std::int64_t> signing_time;  // the signingTime attribute; nullopt: now
  const EVP_MD* digest = nullptr;            // nullptr: the one the key prescribes
  // When set, written over the SignerInfo's signature algorithm once signed (it is not itself
  // signed): a CMS whose signature algorithm names another hash than its digest.
  int signature_algorithm = NID_undef;
};

// A detached CMS of `payload` by `signer`, made in-process with libcrypto (and the gost engine
// perechen loads), in git's armor: what the openssl command cannot make, such as a signingTime
// of the signer's choosing. Throws when libcrypto fails.
inline std::string cms_sign(const Issued& signer, const std::string& payload,
                            const CmsOptions& options = {}) {
  namespace ossl = perechen::cms::ossl;
  perechen::cms::gost_engine();
  std::string key_pem = read_text(signer.key);
  ossl::Bio cert_in = ossl::memory(signer.pem);
  ossl::X509Ptr certificate(PEM_read_bio_X509(cert_in.get(), nullptr, nullptr, nullptr));
  ossl::Bio key_in = ossl::memory(key_pem);
  ossl::Pkey key(PEM_read_bio_PrivateKey(key_in.get(), nullptr, nullptr, nullptr));
  if (!certificate || !key)
    throw std::runtime_error("cms_sign: cannot read " + signer.cert.string());
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  ossl::ContentInfo cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_SignerInfo* info =
      cms ? CMS_add1_signer(cms.get(), certificate.get(), key.get(), options.digest, flags)
          : nullptr;
  if (info == nullptr)
    throw std::runtime_error("cms_sign: " + ossl::last_error());
  if (options.signing_time) {
    std::unique_ptr<ASN1_TIME, ossl::Deleter<ASN1_TIME_free>> time(
        ASN1_TIME_set(nullptr, static_cast<time_t>(*options.signing_time)));
    if (!time ||
        CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, time->type, time.get(), -1) != 1) {
      throw std::runtime_error("cms_sign: signingTime: " + ossl::last_error());
    }
  }
  ossl::Bio data = ossl::memory(payload);
  if (CMS_final(cms.get(), data.get(), nullptr, flags) != 1)
    throw std::runtime_error("cms_sign: " + ossl::last_error());
  if (options.signature_algorithm != NID_undef) {
    X509_ALGOR* algorithm = nullptr;
    CMS_SignerInfo_get0_algs(info, nullptr, nullptr, nullptr, &algorithm);
    X509_ALGOR_set0(algorithm, OBJ_nid2obj(options.signature_algorithm), V_ASN1_NULL, nullptr);
  }
  ossl::Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1)
    throw std::runtime_error("cms_sign: " + ossl::last_error());
  return perechen::cms::armor(ossl::contents(out.get()));
}

}  // namespace perechen::test
