// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the bytes as a .csv file given to perechen import's reader and then to the
// mapper (into a new registry), which must end in tables or a perechen::Error, never a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perechen/error.hpp"
#include "perechen/import/import.hpp"
#include "perechen/import/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    auto tables =
        perechen::importing::read_tables(bytes, perechen::importing::Format::csv, "fuzz.csv");
    perechen::importing::plan_import(tables, "fuzz.csv", nullptr);
  } catch (const perechen::Error&) {
  }
  return 0;
}
