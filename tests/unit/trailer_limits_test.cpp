// SPDX-License-Identifier: Apache-2.0
// The limits of reading an approval message (spec §5.1, rule 7): a message over 64 KiB or with
// more than 100 Perechen- lines is malformed at once, whatever else it holds.

#include <catch2/catch.hpp>

#include <string>

#include "perechen/approval/trailer.hpp"
#include "perechen/i18n.hpp"

using namespace perechen;
using namespace perechen::approval;

namespace {

const std::string kContent = "0123456789abcdef0123456789abcdef01234567";

// An approval message with `roles` distinct process_owner roles (p0, p1, …) and `free_text`.
std::string message_with(std::size_t roles, const std::string& free_text = {}) {
  ApprovalTrailers trailers{*git::Oid::parse(kContent), std::nullopt, "sidorov", {}};
  for (std::size_t i = 0; i < roles; ++i)
    trailers.roles.push_back(RoleScope{Role::process_owner, "p" + std::to_string(i)});
  return format_approval_message(trailers, free_text);
}

}  // namespace

TEST_CASE("an approval message may have up to 100 Perechen- lines, not one more") {
  set_language(Lang::en);
  // Four fixed lines (Approval, Content, Base, Approver) and the roles.
  ParsedTrailers at_limit = parse_approval_message(message_with(kMaxApprovalLines - 4));
  REQUIRE(at_limit.value);
  CHECK(at_limit.value->roles.size() == kMaxApprovalLines - 4);

  ParsedTrailers over = parse_approval_message(message_with(kMaxApprovalLines - 3));
  CHECK_FALSE(over.value);
  CHECK(over.error == "the message has 101 Perechen-* lines, over the limit of an approval (100)");
}

TEST_CASE("an approval message over 64 KiB is malformed, however good its trailers") {
  set_language(Lang::en);
  std::string small = message_with(1, std::string(1000, 'x'));
  REQUIRE(parse_approval_message(small).value);

  std::string text(kMaxApprovalMessage, 'x');
  std::string big = message_with(1, text);
  REQUIRE(big.size() > kMaxApprovalMessage);
  ParsedTrailers parsed = parse_approval_message(big);
  CHECK_FALSE(parsed.value);
  CHECK(parsed.error.find("over the limit of an approval (65536 bytes)") != std::string::npos);
}

TEST_CASE("a flood of 80,000 distinct roles is refused by the count, in one pass") {
  set_language(Lang::ru);
  std::string flood = "Согласование изменений перечня\n\nPerechen-Approval: 1\n";
  for (int i = 0; i < 80000; ++i)
    flood += "Perechen-Role: process_owner p" + std::to_string(i) + "\n";
  ParsedTrailers parsed = parse_approval_message(flood);
  CHECK_FALSE(parsed.value);
  // The size limit answers first: 80,000 lines are well over 64 KiB.
  CHECK(parsed.error.find("больше предела согласования (65536 байт)") != std::string::npos);
  CHECK(looks_like_approval(flood));
}

TEST_CASE("looks_like_approval: a line that starts with Perechen-, anywhere in the message") {
  CHECK(looks_like_approval("Perechen-Approval: 1"));
  CHECK(looks_like_approval("title\n\nbody\nPerechen-Role: client_centricity"));
  CHECK(looks_like_approval("title\r\nPerechen-Role: x\r\n"));
  CHECK_FALSE(looks_like_approval("title\n\nsee Perechen-Role in the docs\n"));
  CHECK_FALSE(looks_like_approval(" Perechen-Role: indented\n"));
  CHECK_FALSE(looks_like_approval(""));
  CHECK_FALSE(looks_like_approval("Perechen"));
}
