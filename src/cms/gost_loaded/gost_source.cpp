// SPDX-License-Identifier: Apache-2.0
// Debian's way: the engine is the shared module of libengine-gost-openssl, which OpenSSL's dynamic
// engine loads from its engines folder when it is looked up by id.

#include "../gost_source.hpp"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace perechen::cms {

ENGINE* find_gost_engine() {
  ENGINE_load_builtin_engines();
  return ENGINE_by_id("gost");
}

}  // namespace perechen::cms
