// SPDX-License-Identifier: Apache-2.0
// The gost engine in this process. OpenSSL 3 deprecates the ENGINE API, but the engine is what
// works on Debian 12: the provider of the same package (gostprov.so 3.0.1) cannot decode GOST keys
// inside certificates. The deprecation warning is silenced in this file alone.
//
// How the engine gets into the process is a build choice with one file per way, picked by CMake
// (PERECHEN_STATIC): gost_loaded/ looks it up by id so that OpenSSL loads Debian's gost.so
// (libengine-gost-openssl), gost_linked/ registers the engine linked into the binary (the static
// release build, scripts/release.sh). Both give an ENGINE* with a structural reference, or null.

#include <openssl/engine.h>
#include <openssl/err.h>

#include <mutex>

#include "gost_source.hpp"
#include "openssl.hpp"
#include "perechen/cms/cms.hpp"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace perechen::cms {

const EngineStatus& gost_engine() {
  static EngineStatus status;
  static std::once_flag once;
  std::call_once(once, [] {
    ossl::ErrorQueueGuard guard;
    ENGINE* engine = find_gost_engine();
    if (engine == nullptr) {
      status.detail = ossl::last_error();
      return;
    }
    if (ENGINE_init(engine) != 1) {
      status.detail = ossl::last_error();
      ENGINE_free(engine);
      return;
    }
    // Default for what it implements only: the GOST key types, digests and ciphers.
    if (ENGINE_set_default(engine, ENGINE_METHOD_ALL) != 1) {
      status.detail = ossl::last_error();
      ENGINE_finish(engine);
      ENGINE_free(engine);
      return;
    }
    ENGINE_free(engine);  // the functional reference of ENGINE_init keeps it loaded
    status.loaded = true;
  });
  return status;
}

}  // namespace perechen::cms
