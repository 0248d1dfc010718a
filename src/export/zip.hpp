// SPDX-License-Identifier: Apache-2.0
#pragma once

// A zip archive made in memory with libzip, for the OOXML formats. Entries keep the order given,
// are deflated, and carry one fixed date (1980-01-01 00:00 in DOS time, which has no time zone), so
// the same entries give the same bytes on any machine.

#include <string>
#include <utility>
#include <vector>

namespace perechen::exporting {

struct ZipEntry {
  std::string name;
  std::string data;
};

// Throws perechen::Error(failure) naming `what` (the format being built) when libzip fails.
std::string make_zip(const std::vector<ZipEntry>& entries, const std::string& what);

// The entries of a zip archive we made ourselves (libxlsxwriter's workbook), in their order.
std::vector<ZipEntry> read_zip(const std::string& bytes, const std::string& what);

}  // namespace perechen::exporting
