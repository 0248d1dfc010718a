// SPDX-License-Identifier: Apache-2.0
// Making a detached CMS SignedData with a certificate and its private key, and git's x509 armor.

#include <openssl/pem.h>

#include "openssl.hpp"
#include "perechen/cms/cms.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::cms {

std::string armor(std::string_view der) {
  std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
  int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                             reinterpret_cast<const unsigned char*>(der.data()),
                             static_cast<int>(der.size()));
  base64.resize(static_cast<std::size_t>(size));
  std::string out(kArmorBegin);
  out += "\n\n";  // gpgsm writes an empty line after the BEGIN line; git keeps it
  for (std::size_t i = 0; i < base64.size(); i += 64)
    out += base64.substr(i, 64) + "\n";
  out += kArmorEnd;
  out += "\n";
  return out;
}

namespace {

ossl::Pkey read_private_key(std::string_view bytes) {
  ossl::Bio bio = ossl::memory(bytes);
  if (ossl::looks_like_pem(bytes)) {
    // A passphrase is asked for at the terminal by OpenSSL's own prompt.
    return ossl::Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  }
  return ossl::Pkey(d2i_PrivateKey_bio(bio.get(), nullptr));
}

}  // namespace

std::string sign_detached(std::string_view certificate, std::string_view private_key,
                          std::string_view content) {
  gost_engine();
  ossl::ErrorQueueGuard guard;
  ossl::X509Ptr x509 = ossl::read_certificate(certificate);
  if (!x509) {
    throw Error(ExitCode::failure,
                tr("cms.sign-bad-certificate", fmt::arg("detail", ossl::last_error())));
  }
  ossl::Pkey key = read_private_key(private_key);
  if (!key) {
    throw Error(ExitCode::failure, tr("cms.sign-bad-key", fmt::arg("detail", ossl::last_error())));
  }
  if (X509_check_private_key(x509.get(), key.get()) != 1) {
    throw Error(ExitCode::failure, tr("cms.sign-key-mismatch"));
  }
  ossl::Bio data = ossl::memory(content);
  ossl::ContentInfo info(CMS_sign(x509.get(), key.get(), nullptr, data.get(),
                                  CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP));
  if (!info) {
    throw Error(ExitCode::failure, tr("cms.sign-failed", fmt::arg("detail", ossl::last_error())));
  }
  ossl::Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), info.get()) != 1) {
    throw Error(ExitCode::failure, tr("cms.sign-failed", fmt::arg("detail", ossl::last_error())));
  }
  return ossl::contents(out.get());
}

}  // namespace perechen::cms
