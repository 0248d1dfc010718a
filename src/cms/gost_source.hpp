// SPDX-License-Identifier: Apache-2.0
// Where the gost engine comes from: one definition per build (src/cms/gost_loaded/ or
// src/cms/gost_linked/, picked by CMake); src/cms/engine.cpp initialises what it returns.
#pragma once

#include <openssl/engine.h>

namespace perechen::cms {

// The gost engine with a structural reference (ENGINE_free releases it), or null with the reason
// on OpenSSL's error queue.
ENGINE* find_gost_engine();

}  // namespace perechen::cms
