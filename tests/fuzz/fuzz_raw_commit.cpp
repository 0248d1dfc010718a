// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the bytes of a commit object, as anyone who can push can write them (`git
// hash-object --literally`), through the reader of commits, the check of its header, and the date
// of its committer time; the first 12 bytes also as a time and a zone given to format_date.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "perechen/git/raw_commit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  perechen::git::RawCommit commit = perechen::git::parse_raw_commit(bytes);
  auto problem = perechen::git::header_problem(commit);
  auto date = perechen::git::format_date(commit.time, commit.offset_minutes);
  auto author = perechen::git::parse_ident(commit.author);
  if (size >= 12) {
    std::int64_t time = 0;
    std::int32_t offset = 0;
    std::memcpy(&time, data, sizeof time);
    std::memcpy(&offset, data + sizeof time, sizeof offset);
    (void)perechen::git::format_date(time, offset);
  }
  (void)problem;
  (void)date;
  (void)author;
  return 0;
}
