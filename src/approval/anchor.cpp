// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/anchor.hpp"

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/text.hpp"

namespace perechen::approval {
namespace {

// The commit an anchor names, or why it names none (spec §5.1, rule 9: an anchor is an object id,
// never a ref, so that no branch or tag pushed later can take its place).
std::optional<git::Oid> anchor_commit(const git::Repository& repo, const std::string& anchor,
                                      std::string& why) {
  using Lookup = git::Repository::IdLookup;
  git::Repository::CommitId found = repo.commit_by_id(anchor);
  switch (found.result) {
    case Lookup::commit:
      return found.id;
    case Lookup::not_an_id:
      why = tr("anchor.why-not-an-id", fmt::arg("digits", GIT_OID_HEXSZ),
               fmt::arg("min", git::Repository::kMinAbbreviation));
      break;
    case Lookup::too_short:
      why = tr("anchor.why-too-short", fmt::arg("min", git::Repository::kMinAbbreviation));
      break;
    case Lookup::unknown:
      why = tr("anchor.why-unknown");
      break;
    case Lookup::ambiguous:
      why = tr("anchor.why-ambiguous");
      break;
    case Lookup::not_a_commit:
      why = tr("anchor.why-not-a-commit", fmt::arg("id", found.id.hex()));
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<git::Oid> resolve_anchor(const git::Repository& repo, const std::string& option) {
  std::string why;
  std::string given(text::trim(option));
  if (!given.empty()) {
    std::optional<git::Oid> commit = anchor_commit(repo, given, why);
    if (!commit) {
      throw Error(ExitCode::usage,
                  tr("anchor.bad-option", fmt::arg("anchor", given), fmt::arg("why", why)));
    }
    return commit;
  }
  std::optional<std::string> setting = repo.config_string(kAnchorSetting);
  if (!setting)
    return std::nullopt;
  std::string value(text::trim(*setting));
  if (value.empty())
    return std::nullopt;
  std::optional<git::Oid> commit = anchor_commit(repo, value, why);
  if (!commit) {
    throw Error(ExitCode::failure, tr("anchor.bad-setting", fmt::arg("setting", kAnchorSetting),
                                      fmt::arg("anchor", value), fmt::arg("why", why)));
  }
  return commit;
}

EvaluateOptions evaluate_options(const git::Repository& repo, const std::string& option) {
  EvaluateOptions options;
  options.anchor = resolve_anchor(repo, option);
  return options;
}

}  // namespace perechen::approval
