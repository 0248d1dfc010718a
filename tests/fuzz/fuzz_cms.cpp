// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: certificates, CRLs and detached CMS signatures (src/cms/) on arbitrary bytes.
// The first byte chooses how the rest is read; whatever the bytes, parsing and verification must
// return a verdict, never crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "perechen/cms/cms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  using namespace perechen;
  switch (data[0] % 4) {
    case 0: {
      auto parsed = cms::parse_certificate(bytes);
      if (parsed.certificate)
        cms::check_certificate(*parsed.certificate, {std::string(bytes)}, {}, 1767225600);
      break;
    }
    case 1:
      cms::parse_crl_error(bytes);
      break;
    case 2: {
      // The signature and the content it claims to cover, split at the first NUL.
      std::size_t split = bytes.find('\0');
      std::string_view signature = bytes.substr(0, split);
      std::string_view content =
          split == std::string_view::npos ? std::string_view() : bytes.substr(split + 1);
      auto verified = cms::verify_detached(signature, content);
      if (verified.good && verified.signer)
        cms::check_certificate(*verified.signer, {}, {}, verified.signing_time.value_or(0));
      break;
    }
    default:
      cms::cms_der(bytes);
      cms::normalize_snils(bytes);
      cms::normalize_sha256(bytes);
      break;
  }
  return 0;
}
