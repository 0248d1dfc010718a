// SPDX-License-Identifier: Apache-2.0
#pragma once

// The message of an approval commit (the format both `approve` and `status` use):
//
//     Согласование изменений перечня
//
//     <optional free text>
//
//     Perechen-Approval: 1
//     Perechen-Content: <content id, 40 hex>
//     Perechen-Base: <commit id of the last fully approved commit, or "none">
//     Perechen-Approver: <roster person id>
//     Perechen-Role: process_owner salary
//     Perechen-Role: client_centricity
//
// The trailers are the last paragraph. Keys are matched exactly; an unknown Perechen-* key, a
// Perechen-* line outside the last paragraph, a repeated key (but Perechen-Role) or a repeated role
// make the message malformed. Other trailers (Signed-off-by) are let be.
//
// Reading is linear in the message and bounded (spec §5.1, rule 7): a message over
// kMaxApprovalMessage bytes, or with more than kMaxApprovalLines lines starting with "Perechen-",
// is malformed at once, before any line is read as a trailer.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perechen/approval/roles.hpp"
#include "perechen/git/oid.hpp"

namespace perechen::approval {

inline constexpr std::string_view kApprovalTitle = "Согласование изменений перечня";
inline constexpr std::size_t kMaxApprovalMessage = 64 * 1024;  // bytes
inline constexpr std::size_t kMaxApprovalLines = 100;          // lines starting with "Perechen-"

struct ApprovalTrailers {
  git::Oid content;
  std::optional<git::Oid> base;  // nullopt: "none", nothing approved before
  std::string approver;
  std::vector<RoleScope> roles;
};

// The whole message: title, free text (when not empty, as its own paragraph), trailers; ends in
// a newline.
std::string format_approval_message(const ApprovalTrailers& trailers,
                                    std::string_view free_text = {});

// Whether a commit message claims to be an approval: some line starts with "Perechen-".
bool looks_like_approval(std::string_view message);

struct ParsedTrailers {
  std::optional<ApprovalTrailers> value;
  std::string error;  // why the message is malformed, in the current language
};

ParsedTrailers parse_approval_message(std::string_view message);

}  // namespace perechen::approval
