// SPDX-License-Identifier: Apache-2.0
// Making a detached CMS SignedData with a certificate and its private key, and git's x509 armor.

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <algorithm>
#include <optional>

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

// What OpenSSL's passphrase callback works with: the caller's source, and whether it was asked
// (an encrypted key) and gave nothing.
struct PassphraseRequest {
  const PassphraseSource* source = nullptr;
  bool asked = false;
  bool refused = false;
};

// pem_password_cb: OpenSSL calls it for an encrypted key only. Never null when given to OpenSSL,
// since a null callback makes OpenSSL prompt at the terminal by itself. Returns the length copied
// into `buffer`, or -1 for "no passphrase" (the key then fails to read).
extern "C" int passphrase_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* request = static_cast<PassphraseRequest*>(user);
  request->asked = true;
  std::optional<std::string> given;
  if (request->source != nullptr && *request->source)
    given = (*request->source)();
  if (!given || size <= 0 || given->size() > static_cast<std::size_t>(size)) {
    request->refused = true;
    return -1;
  }
  std::copy(given->begin(), given->end(), buffer);
  int length = static_cast<int>(given->size());
  OPENSSL_cleanse(given->data(), given->size());
  return length;
}

ossl::Pkey read_private_key(std::string_view bytes, PassphraseRequest& request) {
  ossl::Bio bio = ossl::memory(bytes);
  if (ossl::looks_like_pem(bytes)) {
    return ossl::Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback, &request));
  }
  return ossl::Pkey(d2i_PrivateKey_bio(bio.get(), nullptr));
}

}  // namespace

std::string sign_detached(std::string_view certificate, std::string_view private_key,
                          std::string_view content, const PassphraseSource& passphrase) {
  gost_engine();
  ossl::ErrorQueueGuard guard;
  ossl::X509Ptr x509 = ossl::read_certificate(certificate);
  if (!x509) {
    throw Error(ExitCode::failure,
                tr("cms.sign-bad-certificate", fmt::arg("detail", ossl::last_error())));
  }
  PassphraseRequest request{&passphrase};
  ossl::Pkey key = read_private_key(private_key, request);
  if (!key && request.refused) {
    ossl::last_error();  // OpenSSL's words add nothing to "it needs a passphrase"
    throw Error(ExitCode::failure, tr("cms.sign-key-needs-passphrase"));
  }
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
