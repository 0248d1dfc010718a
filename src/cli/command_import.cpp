// SPDX-License-Identifier: Apache-2.0
// perechen import FILE [DIR] (spec §9): the list a department already keeps in a docx, xlsx, ods
// or csv table becomes point files. Into a registry (DIR, -C, or the folder holds perechen.yaml)
// the rows are matched to its ids; into an empty or absent DIR a new registry is written as init
// would. Nothing is overwritten; --dry-run writes nothing. Exit 1 when some row needs a look.

#include <fstream>
#include <iostream>
#include <sstream>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/import/import.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/scaffold/repository.hpp"
#include "perechen/yaml/parse.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::string file;
  std::string dir;
  std::string format;
  bool dry_run = false;
};

std::string read_source(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (!fs::is_regular_file(status)) {
    throw Error(ExitCode::failure, tr("import.file-unreadable", fmt::arg("file", path.string())));
  }
  if (fs::file_size(path, ec) > importing::kMaxFileBytes)
    throw Error(ExitCode::failure,
                tr("import.file-too-large-named", fmt::arg("file", path.string())));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof())
    throw Error(ExitCode::failure, tr("import.file-unreadable", fmt::arg("file", path.string())));
  return bytes.str();
}

importing::Format format_for(const ImportOptions& options, const fs::path& file) {
  if (!options.format.empty())
    return *importing::format_of("." + options.format);
  if (auto format = importing::format_of(file.filename().string()))
    return *format;
  throw Error(ExitCode::usage, tr("import.format-unknown", fmt::arg("file", file.string())));
}

// Where to write and whether a registry is there already.
struct Target {
  fs::path root;
  bool registry = false;
};

Target target_of(const Context& ctx, const ImportOptions& options) {
  if (options.dir.empty()) {
    auto root = find_registry_root(ctx.start_dir());
    if (!root)
      throw Error(ExitCode::failure, tr("import.no-registry"));
    return {*root, true};
  }
  std::error_code ec;
  fs::path dir = fs::absolute(ctx.start_dir() / options.dir, ec).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path())
    dir = dir.parent_path();
  if (fs::exists(dir / kConfigFile, ec))
    return {dir, true};
  auto status = fs::status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status) || !fs::is_empty(dir, ec))
      throw Error(ExitCode::failure, tr("import.dir-not-empty", fmt::arg("dir", dir.string())));
  }
  return {dir, false};
}

void list(std::ostream& out, const std::string& heading, const std::vector<std::string>& paths) {
  if (paths.empty())
    return;
  out << heading << "\n";
  for (const auto& path : paths)
    out << "  " << path << "\n";
}

ExitCode run(const Context& ctx, const ImportOptions& options) {
  fs::path file = ctx.start_dir() / options.file;
  importing::Format format = format_for(options, file);
  Target target = target_of(ctx, options);
  std::string name = file.filename().string();

  std::string bytes = read_source(file);
  std::vector<importing::Table> tables = importing::read_tables(bytes, format, name);
  std::optional<Config> config;
  if (target.registry)
    config = load_config(target.root, "import.config-broken");
  importing::Plan plan = importing::plan_import(tables, name, config ? &*config : nullptr);

  std::ostream& out = std::cout;
  out << tr("import.read", fmt::arg("file", name), fmt::arg("table", plan.table),
            fmt::arg("row", plan.heading_row), fmt::arg("count", plan.points.size()))
      << "\n";
  importing::WriteOutcome outcome;
  if (options.dry_run) {
    outcome = importing::dry_run(target.root, plan);
    list(out, tr("import.would-write", fmt::arg("count", outcome.written.size())), outcome.written);
  } else {
    if (!target.registry) {
      std::error_code ec;
      fs::create_directories(target.root, ec);
      if (ec) {
        throw Error(ExitCode::failure,
                    tr("init.cannot-make-folder", fmt::arg("dir", target.root.string()),
                       fmt::arg("reason", ec.message())));
      }
      scaffold::RepositoryOutcome repo = scaffold::ensure_repository(target.root);
      if (repo.created) {
        out << tr("init.git-created", fmt::arg("dir", target.root.string()),
                  fmt::arg("branch", repo.branch))
            << "\n";
      }
    }
    outcome = importing::write_plan(target.root, plan);
    list(out, tr("import.written", fmt::arg("count", outcome.written.size())), outcome.written);
  }
  list(out, tr("import.existing", fmt::arg("count", outcome.existing.size())), outcome.existing);
  if (!plan.problems.empty()) {
    out << tr("import.problems", fmt::arg("count", plan.problems.size())) << "\n";
    for (const auto& problem : plan.problems)
      out << "  " << name << ": " << importing::place(problem) << ": " << problem.message << "\n";
  }
  if (!options.dry_run) {
    fs::path shown = target.root.lexically_relative(ctx.start_dir());
    std::string where =
        shown.empty() || shown == "." ? std::string() : "-C " + shown.string() + " ";
    out << tr("import.next", fmt::arg("where", where)) << "\n";
  }
  return plan.problems.empty() && outcome.existing.empty() ? ExitCode::ok : ExitCode::problems;
}

}  // namespace

void register_import(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", text("import.description"));
  cmd->add_option("FILE", options->file, text("import.opt-file"))
      ->required()
      ->type_name(text("cli.type-file"));
  cmd->add_option("DIR", options->dir, text("import.opt-dir"))->type_name(text("cli.type-dir"));
  cmd->add_option("--format", options->format, text("import.opt-format"))
      ->type_name("csv|xlsx|ods|docx")
      ->check(one_of({"csv", "xlsx", "ods", "docx"}));
  cmd->add_flag("--dry-run", options->dry_run, text("import.opt-dry-run"));
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
