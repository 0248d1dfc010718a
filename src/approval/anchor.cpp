#include "perechen/approval/anchor.hpp"

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/text.hpp"

namespace perechen::approval {

std::optional<git::Oid> resolve_anchor(const git::Repository& repo, const std::string& option) {
  std::string given(text::trim(option));
  if (!given.empty()) {
    std::optional<git::Oid> commit = repo.resolve_commit(given);
    if (!commit)
      throw Error(ExitCode::usage, tr("anchor.bad-option", fmt::arg("anchor", given)));
    return commit;
  }
  std::optional<std::string> setting = repo.config_string(kAnchorSetting);
  if (!setting)
    return std::nullopt;
  std::string value(text::trim(*setting));
  if (value.empty())
    return std::nullopt;
  std::optional<git::Oid> commit = repo.resolve_commit(value);
  if (!commit) {
    throw Error(ExitCode::failure, tr("anchor.bad-setting", fmt::arg("setting", kAnchorSetting),
                                      fmt::arg("anchor", value)));
  }
  return commit;
}

EvaluateOptions evaluate_options(const git::Repository& repo, const std::string& option) {
  EvaluateOptions options;
  options.anchor = resolve_anchor(repo, option);
  return options;
}

}  // namespace perechen::approval
