// perechen validate [PATH...]: checks the registry against the rules of the regulation.

#include <unistd.h>

#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/report/report.hpp"
#include "perechen/rules/validate.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  bool strict = false;
};

// PATH arguments as registry-relative paths; a folder ends in '/'.
std::vector<std::string> registry_paths(const Context& ctx, const fs::path& root,
                                        const std::vector<std::string>& paths) {
  std::vector<std::string> result;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path full = fs::absolute(ctx.start_dir() / p, ec).lexically_normal();
    if (!fs::exists(full, ec)) {
      throw Error(ExitCode::usage, tr("cli.no-such-path", fmt::arg("path", p)));
    }
    fs::path rel = full.lexically_relative(root);
    std::string s = rel.generic_string();
    if (rel.empty() || s == ".." || s.rfind("../", 0) == 0) {
      throw Error(ExitCode::usage,
                  tr("cli.path-outside", fmt::arg("path", p), fmt::arg("root", root.string())));
    }
    if (s == ".")
      s.clear();
    if (fs::is_directory(full, ec)) {
      if (!s.empty() && s.back() == '/')
        s.pop_back();
      s += "/";
      if (s == "/")
        s.clear();  // the whole registry
    }
    result.push_back(s);
  }
  return result;
}

ExitCode run(const Context& ctx, const ValidateOptions& options) {
  auto format = report::parse_format(options.format);
  if (!format)
    throw Error(ExitCode::usage, tr("cli.bad-format", fmt::arg("format", options.format)));
  fs::path root = ctx.registry_root();
  std::vector<std::string> only = registry_paths(ctx, root, options.paths);
  bool whole = std::find(only.begin(), only.end(), "") != only.end();
  if (whole)
    only.clear();

  auto source = make_directory_source(root.string());
  Registry registry;
  ValidationResult result = validate(*source, only, &registry);

  report::Input input{
      result.diagnostics.items(),
      report::Summary{result.files, result.points, result.errors(), result.warnings(),
                      result.diagnostics.omitted(), result.diagnostics.omitted_by_rule()},
      [&](std::string_view file, int line) { return registry.line_text(file, line); },
      false,
      false,
      result.checked_files};
  if (options.output.empty()) {
    input.color = ctx.use_color(1);
    input.source_lines = ::isatty(1) != 0;     // the source line and caret are for people
    report::write(std::cout, *format, input);  // written as it goes, not gathered first
    std::cout << std::flush;
  } else {
    std::ostringstream out;
    report::write(out, *format, input);
    write_file_atomically(fs::absolute(ctx.start_dir() / options.output), out.str());
  }
  if (result.errors() > 0)
    return ExitCode::problems;
  if (options.strict && result.warnings() > 0)
    return ExitCode::problems;
  return ExitCode::ok;
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", text("validate.description"));
  cmd->add_option("PATH", options->paths, text("validate.opt-path"));
  cmd->add_option("--format", options->format, text("validate.opt-format"))
      ->check(one_of({"text", "json", "sarif", "junit", "github"}))
      ->type_name("text|json|sarif|junit|github");
  cmd->add_option("--output,-o", options->output, text("validate.opt-output"))
      ->type_name(text("cli.type-file"));
  cmd->add_flag("--strict", options->strict, text("validate.opt-strict"));
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
