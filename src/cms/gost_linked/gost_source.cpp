// SPDX-License-Identifier: Apache-2.0
// The static release build (scripts/release.sh): gost-engine, built from Debian's source package
// as a library (BUILDING_ENGINE_AS_LIBRARY), is linked into the binary and registered here, so
// nothing is loaded at run time. The binary has no dynamic loader to load anything with, so it
// also reads no openssl.cnf: a system one that names engines or providers (Astra Linux configures
// gost.so there) would make OpenSSL try to load them. That is settled before main, while no code
// has touched OpenSSL yet.

#include <openssl/crypto.h>

#include "../gost_source.hpp"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

extern "C" void ENGINE_load_gost(void);  // gost-engine.h of gost-engine's library form

namespace perechen::cms {
namespace {

const bool no_system_config = [] {
  return OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
}();

}  // namespace

ENGINE* find_gost_engine() {
  (void)no_system_config;
  ENGINE_load_gost();
  return ENGINE_by_id("gost");
}

}  // namespace perechen::cms
