// SPDX-License-Identifier: Apache-2.0
// perechen export: the list in the appendix form (spec §6) in one of six formats, from the last
// fully approved version by default.

#include <iostream>
#include <optional>

#include "context.hpp"
#include "perechen/calendar/date.hpp"
#include "perechen/error.hpp"
#include "perechen/export/content.hpp"
#include "perechen/export/format.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/platform/terminal.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  std::string format = "html";
  std::string rev = "approved";
  std::string output;
  bool fragment = false;
  bool with_style = false;
  bool excel = false;
  std::string order_number;
  std::string order_date;
  bool force_date = false;
  std::string approval_sheet;
  std::string anchor;
};

void check_combinations(const ExportOptions& o, exporting::Format format) {
  using exporting::Format;
  if (o.fragment && format != Format::html) {
    throw Error(ExitCode::usage, tr("export.fragment-html-only"));
  }
  if (o.with_style && !o.fragment)
    throw Error(ExitCode::usage, tr("export.with-style-fragment-only"));
  if (o.excel && format != Format::csv)
    throw Error(ExitCode::usage, tr("export.excel-csv-only"));
  if ((!o.order_number.empty() || !o.order_date.empty()) && format != Format::docx &&
      format != Format::xlsx) {
    throw Error(ExitCode::usage, tr("export.order-docx-only"));
  }
  if (!o.approval_sheet.empty() && format != Format::docx)
    throw Error(ExitCode::usage, tr("export.approval-sheet-docx-only"));
  if (!o.order_date.empty() && !calendar::Date::parse(o.order_date)) {
    throw Error(ExitCode::usage, tr("export.bad-date", fmt::arg("option", "--order-date"),
                                    fmt::arg("value", o.order_date)));
  }
}

// Where the export goes, judged before any work: a folder or a loop of links is refused
// (platform::output_target), and a binary format never goes to a terminal, where it would garble
// the screen. A binary format without --output needs one: standard output is rarely a file.
// Any format may go to a device or a pipe (/dev/null, a FIFO), which is written through.
std::optional<platform::Output> output_target(const Context& ctx, const ExportOptions& o,
                                              exporting::Format format) {
  std::string name(exporting::format_name(format));
  const bool binary = exporting::is_binary(format);
  if (o.output.empty()) {
    if (binary) {
      throw Error(ExitCode::usage,
                  tr(platform::is_terminal(platform::Stream::output) ? "export.output-terminal"
                                                                     : "export.binary-needs-output",
                     fmt::arg("format", name)));
    }
    return std::nullopt;
  }
  platform::Output output = ctx.output_target(o.output);
  if (binary && output.kind == platform::OutputKind::terminal)
    throw Error(ExitCode::usage, tr("export.output-terminal", fmt::arg("format", name)));
  return output;
}

ExitCode run(const Context& ctx, const ExportOptions& o) {
  auto format = exporting::parse_format(o.format);
  if (!format)
    throw Error(ExitCode::usage, tr("cli.bad-format", fmt::arg("format", o.format)));
  check_combinations(o, *format);
  std::optional<platform::Output> output = output_target(ctx, o, *format);

  fs::path root = ctx.registry_root();
  exporting::Content content = exporting::open_content(root, o.rev, o.anchor);
  // An order cannot approve a list before the list was approved: a date before it is a slip of
  // the pen unless the one who exports says otherwise.
  const std::string& approved_on = content.version.approved_on;
  if (!o.order_date.empty() && !approved_on.empty() && o.order_date < approved_on &&
      !o.force_date) {
    throw Error(ExitCode::usage, tr("export.order-before-approval", fmt::arg("date", o.order_date),
                                    fmt::arg("approved_on", approved_on)));
  }
  auto loaded = exporting::load_checked(content);
  if (loaded.errors > 0) {
    std::cerr << "perechen: "
              << tr("export.registry-errors", fmt::arg("count", loaded.errors),
                    fmt::arg("count_word", plural("report.plural.error", loaded.errors)))
              << "\n";
    return ExitCode::problems;
  }
  exporting::Document doc = exporting::build_document(loaded.registry, content.version, language());
  exporting::WriteOptions options{o.fragment,     o.with_style, o.excel,
                                  o.order_number, o.order_date, o.approval_sheet == "file"};
  std::string bytes = exporting::write(doc, *format, options);
  if (output) {
    platform::write_output(*output, bytes);
  } else {
    std::cout << bytes << std::flush;
  }
  return ExitCode::ok;
}

}  // namespace

void register_export(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", text("export.description"));
  cmd->add_option("--format", options->format, text("export.opt-format"))
      ->check(one_of({"html", "csv", "json", "md", "xlsx", "docx"}))
      ->type_name("html|csv|json|md|xlsx|docx");
  cmd->add_option("--rev", options->rev, text("export.opt-rev"))
      ->type_name("approved|head|worktree|REV");
  cmd->add_option("--output,-o", options->output, text("export.opt-output"))
      ->type_name(text("cli.type-file"));
  cmd->add_flag("--fragment", options->fragment, text("export.opt-fragment"));
  cmd->add_flag("--with-style", options->with_style, text("export.opt-with-style"));
  cmd->add_flag("--excel", options->excel, text("export.opt-excel"));
  cmd->add_option("--order-number", options->order_number, text("export.opt-order-number"))
      ->type_name("NUMBER");
  cmd->add_option("--order-date", options->order_date, text("export.opt-order-date"))
      ->type_name("YYYY-MM-DD");
  cmd->add_flag("--force-date", options->force_date, text("export.opt-force-date"));
  cmd->add_option("--approval-sheet", options->approval_sheet, text("export.opt-approval-sheet"))
      ->check(one_of({"attached", "file"}))
      ->type_name("attached|file");
  add_anchor_option(*cmd, options->anchor);
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
