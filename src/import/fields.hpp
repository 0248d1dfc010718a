// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading the texts of cells into the fields of a point (spec §9): the needs of clause 2.6 in
// every notation clerks use, the contacts of a point. Pure functions of the text, tested on
// their own; the mapper reports what they could not read with certainty.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/catalog.hpp"

namespace perechen::importing {

// The need whose wording of 2.6 `text` starts with, allowing a small edit distance (a typo);
// `consumed` is the number of bytes of `text` the wording took. Case, ё and spaces as rule 2.7.
const NeedInfo* need_at_start(std::string_view text, std::size_t* consumed = nullptr);

// A need by its number («6») or its whole wording.
const NeedInfo* need_of_heading(std::string_view text);

struct NeedItem {
  const NeedInfo* need = nullptr;  // nullptr: not recognised
  std::string description;  // what follows the wording after «:», «–», «-» or in brackets
  int written_number = 0;   // the number written before it, 0 when none
  std::string text;         // the item as written, trimmed, for messages
  bool by_number_only = false;  // a number whose text is not the wording
};

// The items of a needs cell: lines; on a line, numbered items («1) …; 2) …», «1, 5, 6»,
// «1;2;6») and wordings joined by «,» or «;»; punctuation at the end dropped.
std::vector<NeedItem> read_needs(std::string_view cell);

struct Contact {
  std::optional<std::string> url;  // https://, mailto:, tel:
  std::string note;                // what follows it: an extension, a remark
};

// A contact as people write it: a link as it is, www. and Cyrillic domains as https://, an
// e-mail as mailto:, a Russian phone number as tel:+7… (8 … and 8-800 too) with «доб. 105» as a
// note; nullopt url when it is no contact (an address).
Contact read_contact(std::string_view line);

// A cell of contacts split into its contacts: lines, then «;» and «,» between e-mails, phones
// and links.
std::vector<std::string> split_contacts(std::string_view cell);

// Invisible and look-alike characters made plain: NBSP and narrow spaces as a space; soft
// hyphens, zero-width and bidi marks dropped.
std::string clean_text(std::string_view text);

// `text` cut to at most `max` bytes at a character boundary, «…» added when cut.
std::string cut(std::string_view text, std::size_t max);

}  // namespace perechen::importing
