// SPDX-License-Identifier: Apache-2.0
#pragma once

// Which anchor a command judges approvals with (spec §5.1, rule 3): `--anchor COMMIT` when given,
// else git's `perechen.anchor` setting (CI passes a protected variable as the option), else none.
// Every command that judges approvals (status, verify, approve, diff, export, publish, roster
// allowed-signers) asks here, so the option and the setting mean the same everywhere.

#include <optional>
#include <string>

#include "perechen/approval/history.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::approval {

inline constexpr const char* kAnchorSetting = "perechen.anchor";

// The anchor: `option` (empty when not given) wins over the setting. Either is an object id (40
// hex digits, or at least the first 7 of them), looked up among objects only, never a ref name
// (spec §5.1, rule 9). Throws Error(usage) when the option names no commit that way, and
// Error(failure) when the setting names none (git config is wrong: the command cannot run as
// configured); the message says why.
std::optional<git::Oid> resolve_anchor(const git::Repository& repo, const std::string& option);

// EvaluateOptions with that anchor.
EvaluateOptions evaluate_options(const git::Repository& repo, const std::string& option);

}  // namespace perechen::approval
