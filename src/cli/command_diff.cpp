// SPDX-License-Identifier: Apache-2.0
// perechen diff [FROM [TO]]: the rows of the list added, removed and changed between two versions,
// each with its reason under clause 3.3 — what an approver reads before approving.

#include <iostream>

#include "context.hpp"
#include "perechen/approval/change.hpp"
#include "perechen/error.hpp"
#include "perechen/export/diff.hpp"
#include "perechen/i18n.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct DiffOptions {
  std::string from = "approved";
  std::string to = "worktree";
  std::string format = "text";
  std::string anchor;
};

ExitCode run(const Context& ctx, const DiffOptions& o) {
  auto format = exporting::parse_diff_format(o.format);
  if (!format)
    throw Error(ExitCode::usage, tr("cli.bad-format", fmt::arg("format", o.format)));
  fs::path root = ctx.registry_root();
  std::unique_ptr<exporting::History> history;
  Diagnostics problems;  // unreadable files of the working tree: validate tells about them
  exporting::DiffSide from = exporting::read_side(root, history, o.from, problems, o.anchor);
  exporting::DiffSide to = exporting::read_side(root, history, o.to, problems, o.anchor);
  approval::Snapshot empty;
  const approval::Snapshot& after = to.snapshot ? *to.snapshot : empty;
  const approval::Snapshot* before = from.snapshot ? &*from.snapshot : nullptr;
  approval::Change change = approval::analyze(before, after);
  exporting::ListDiff diff =
      exporting::describe(change, before, after, from.side, to.side, language());
  std::cout << exporting::write_diff(diff, *format, language()) << std::flush;
  return ExitCode::ok;
}

}  // namespace

void register_diff(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand("diff", text("diff.description"));
  cmd->add_option("FROM", options->from, text("diff.opt-from"));
  cmd->add_option("TO", options->to, text("diff.opt-to"));
  cmd->add_option("--format", options->format, text("diff.opt-format"))
      ->check(one_of({"text", "json", "md", "html"}))
      ->type_name("text|json|md|html");
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
