// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/trailer.hpp"

#include <algorithm>

#include "perechen/i18n.hpp"
#include "perechen/text.hpp"

namespace perechen::approval {
namespace {

constexpr std::string_view kPrefix = "Perechen-";

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos)
      nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    pos = nl + 1;
  }
  return lines;
}

bool blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

ParsedTrailers fail(std::string why) {
  return ParsedTrailers{std::nullopt, std::move(why)};
}

}  // namespace

std::string format_approval_message(const ApprovalTrailers& trailers, std::string_view free_text) {
  // The subject says who approved what, so that `git log --oneline` tells approvals apart:
  // "Согласование изменений перечня: sidorov (process_owner salary, client_centricity)".
  std::string message(kApprovalTitle);
  message += ": " + trailers.approver + " (";
  for (std::size_t i = 0; i < trailers.roles.size(); ++i)
    message += (i == 0 ? "" : ", ") + format_role(trailers.roles[i]);
  message += ")\n\n";
  std::string_view text = text::trim(free_text);
  if (!text.empty()) {
    message += text;
    message += "\n\n";
  }
  message += "Perechen-Approval: 1\n";
  message += "Perechen-Content: " + trailers.content.hex() + "\n";
  message +=
      "Perechen-Base: " + (trailers.base ? trailers.base->hex() : std::string("none")) + "\n";
  message += "Perechen-Approver: " + trailers.approver + "\n";
  for (const auto& role : trailers.roles)
    message += "Perechen-Role: " + format_role(role) + "\n";
  return message;
}

bool looks_like_approval(std::string_view message) {
  // The first line, then every line after a line break: one pass, nothing allocated.
  if (message.substr(0, kPrefix.size()) == kPrefix)
    return true;
  for (std::size_t nl = message.find('\n'); nl != std::string_view::npos;
       nl = message.find('\n', nl + 1)) {
    if (message.substr(nl + 1, kPrefix.size()) == kPrefix)
      return true;
  }
  return false;
}

ParsedTrailers parse_approval_message(std::string_view message) {
  // The limits come first, so that a hostile message costs one pass over its bytes (spec §5.1,
  // rule 7): nothing below is more than linear, and a message within them is small.
  if (message.size() > kMaxApprovalMessage) {
    return fail(tr("approval.trailer-too-long", fmt::arg("size", message.size()),
                   fmt::arg("max", kMaxApprovalMessage)));
  }
  auto lines = lines_of(message);
  std::size_t claimed = 0;
  for (auto line : lines) {
    if (line.substr(0, kPrefix.size()) == kPrefix)
      ++claimed;
  }
  if (claimed > kMaxApprovalLines) {
    return fail(tr("approval.trailer-too-many", fmt::arg("count", claimed),
                   fmt::arg("max", kMaxApprovalLines)));
  }
  while (!lines.empty() && blank(lines.back()))
    lines.pop_back();
  std::size_t start = lines.size();
  while (start > 0 && !blank(lines[start - 1]))
    --start;
  for (std::size_t i = 0; i < start; ++i) {
    if (lines[i].substr(0, kPrefix.size()) == kPrefix) {
      return fail(tr("approval.trailer-outside", fmt::arg("line", std::string(lines[i]))));
    }
  }

  ApprovalTrailers result;
  bool version = false, content = false, base = false, approver = false;
  auto once = [&](bool& seen, std::string_view key) -> std::optional<ParsedTrailers> {
    if (seen)
      return fail(tr("approval.trailer-repeated", fmt::arg("key", std::string(key))));
    seen = true;
    return std::nullopt;
  };
  for (std::size_t i = start; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.substr(0, kPrefix.size()) != kPrefix)
      continue;
    auto colon = line.find(": ");
    if (colon == std::string_view::npos) {
      return fail(tr("approval.trailer-syntax", fmt::arg("line", std::string(line))));
    }
    std::string_view key = line.substr(0, colon);
    std::string_view value = line.substr(colon + 2);
    if (key == "Perechen-Approval") {
      if (auto f = once(version, key))
        return *f;
      if (value != "1") {
        return fail(tr("approval.trailer-version", fmt::arg("value", std::string(value))));
      }
    } else if (key == "Perechen-Content") {
      if (auto f = once(content, key))
        return *f;
      auto id = git::Oid::parse(value);
      if (!id || id->hex() != value) {
        return fail(tr("approval.trailer-id", fmt::arg("key", std::string(key)),
                       fmt::arg("value", std::string(value))));
      }
      result.content = *id;
    } else if (key == "Perechen-Base") {
      if (auto f = once(base, key))
        return *f;
      if (value != "none") {
        auto id = git::Oid::parse(value);
        if (!id || id->hex() != value) {
          return fail(tr("approval.trailer-id", fmt::arg("key", std::string(key)),
                         fmt::arg("value", std::string(value))));
        }
        result.base = *id;
      }
    } else if (key == "Perechen-Approver") {
      if (auto f = once(approver, key))
        return *f;
      if (!text::is_slug(value)) {
        return fail(tr("approval.trailer-approver", fmt::arg("value", std::string(value))));
      }
      result.approver = std::string(value);
    } else if (key == "Perechen-Role") {
      auto role = parse_role_scope(value);
      if (!role)
        return fail(tr("approval.trailer-role", fmt::arg("value", std::string(value))));
      if (std::find(result.roles.begin(), result.roles.end(), *role) != result.roles.end()) {
        return fail(tr("approval.trailer-role-repeated", fmt::arg("value", std::string(value))));
      }
      result.roles.push_back(std::move(*role));
    } else {
      return fail(tr("approval.trailer-unknown", fmt::arg("key", std::string(key))));
    }
  }
  std::vector<std::string> missing;
  if (!version)
    missing.emplace_back("Perechen-Approval");
  if (!content)
    missing.emplace_back("Perechen-Content");
  if (!base)
    missing.emplace_back("Perechen-Base");
  if (!approver)
    missing.emplace_back("Perechen-Approver");
  if (result.roles.empty())
    missing.emplace_back("Perechen-Role");
  if (!missing.empty()) {
    return fail(tr("approval.trailer-missing", fmt::arg("keys", fmt::join(missing, ", "))));
  }
  return ParsedTrailers{std::move(result), {}};
}

}  // namespace perechen::approval
