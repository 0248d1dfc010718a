// SPDX-License-Identifier: Apache-2.0
// perechen init [DIR]: a new registry in one command: a git repository with settings that already
// hold the regulation's title and the clients of clause 1.3, a roster that passes validate, a
// README, editor, pre-commit and CI configuration, and the schemas. A file that is already there
// is never touched; the person is told which were left as they were.
//
// In English (`--lang en`, PERECHEN_LANG or perechen.lang) the files are the English set: the
// same keys and ids, comments, example titles and the README in English. Whoever makes a registry
// in English expects perechen to answer in English inside it, so a repository that init creates
// gets `perechen.lang en` in its own configuration (a clone does not carry it: the README says
// so, and the English CI templates set PERECHEN_LANG). A repository that was already there is
// left as it was, and the person is told the command.

#include <iostream>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/files.hpp"
#include "perechen/scaffold/files.hpp"
#include "perechen/scaffold/registry_schema.hpp"
#include "perechen/scaffold/repository.hpp"
#include "perechen/yaml/emit.hpp"

namespace perechen::cli {
namespace {

namespace fs = std::filesystem;

struct InitOptions {
  std::string dir;
  std::string organization;
  std::string title;
};

// The template's perechen.yaml with the top-level `key: …` line saying `value` instead.
std::string with_value(std::string text, std::string_view key, const std::string& value) {
  std::string prefix = std::string(key) + ": ";
  if (value.empty())
    return text;
  std::size_t at = text.find("\n" + prefix);
  if (at == std::string::npos)
    return text;
  ++at;
  std::size_t end = text.find('\n', at);
  text.replace(at, end == std::string::npos ? std::string::npos : end - at,
               prefix + yaml::scalar(value));
  return text;
}

// With --organization the template's example of Lipetsk gives way: the clients of clause 1.3 in
// words that name no region, and the institution as a blank to fill in.
std::string without_example_region(std::string text) {
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {" Липецкой области", ""},
      {"управления делами Правительства", "аппарата высшего исполнительного органа"},
      {"ОКУ «Центр бухгалтерского учета»",
       "Учреждение, которое ведет бухгалтерский учет (впишите "
       "его наименование)"},
      {" of the Lipetsk Region", ""},
      {"of the Office of the Government", "of the office of the highest executive body"},
      {"Centre of Accounting (regional state institution)",
       "The institution that keeps the accounts (write its name)"},
  };
  for (const auto& [from, to] : kWords) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

fs::path target_dir(const Context& ctx, const InitOptions& options) {
  fs::path dir = options.dir.empty() ? ctx.start_dir()
                                     : ctx.start_dir() / platform::path_from_utf8(options.dir);
  std::error_code ec;
  dir = fs::absolute(dir, ec).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path())
    dir = dir.parent_path();  // "registry/" -> "registry"
  auto status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw Error(ExitCode::failure,
                tr("init.not-a-folder", fmt::arg("dir", platform::path_text(dir))));
  fs::create_directories(dir, ec);
  if (ec) {
    throw Error(ExitCode::failure,
                tr("init.cannot-make-folder", fmt::arg("dir", platform::path_text(dir)),
                   fmt::arg("reason", ec.message())));
  }
  return dir;
}

ExitCode run(const Context& ctx, const InitOptions& options) {
  fs::path dir = target_dir(ctx, options);
  scaffold::RepositoryOutcome repo = scaffold::ensure_repository(dir);
  std::vector<scaffold::TemplateFile> files = scaffold::registry_template();
  std::string settings;  // outlives `files`, which points into it
  for (auto& file : files) {
    if (file.path == "perechen.yaml") {
      settings = with_value(with_value(std::string(file.content), "title", options.title),
                            "organization", options.organization);
      if (!options.organization.empty())
        settings = without_example_region(std::move(settings));
      file.content = settings;
    }
  }
  scaffold::WriteOutcome outcome = scaffold::write_missing(dir, files);
  // The editor's point schema with this registry's ids, from the settings as they now are.
  if (auto config = scaffold::read_config_file(dir)) {
    if (scaffold::update_registry_schema(dir, *config))
      outcome.written.emplace_back(scaffold::kRegistrySchemaPath);
  }

  bool set_lang = language() == Lang::en && repo.created &&
                  scaffold::git_config(dir, "perechen.lang").value_or("") != "en";
  if (set_lang)
    scaffold::set_repository_config(dir, "perechen.lang", "en");

  std::ostream& out = std::cout;
  if (repo.created) {
    out << tr("init.git-created", fmt::arg("dir", platform::path_text(dir)),
              fmt::arg("branch", repo.branch))
        << "\n";
  } else {
    out << tr("init.git-existing", fmt::arg("workdir", platform::path_text(repo.workdir))) << "\n";
  }
  if (set_lang)
    out << tr("init.lang-set") << "\n";
  else if (language() == Lang::en && !repo.created &&
           scaffold::git_config(dir, "perechen.lang").value_or("") != "en")
    out << tr("init.lang-how") << "\n";
  if (!outcome.written.empty()) {
    out << tr("init.written", fmt::arg("count", outcome.written.size())) << "\n";
    for (const auto& path : outcome.written)
      out << "  " << path << "\n";
  }
  if (!outcome.skipped.empty()) {
    out << tr("init.skipped", fmt::arg("count", outcome.skipped.size())) << "\n";
    for (const auto& path : outcome.skipped)
      out << "  " << path << "\n";
  }
  std::error_code ec;
  if (!repo.workdir.empty() && !fs::equivalent(repo.workdir, dir, ec)) {
    out << tr("init.not-top", fmt::arg("workdir", platform::path_text(repo.workdir))) << "\n";
  }
  fs::path shown = dir.lexically_relative(ctx.start_dir());
  std::string cd =
      shown.empty() || shown == "." ? std::string() : "cd " + platform::path_text(shown) + "\n  ";
  out << tr("init.next", fmt::arg("cd", cd)) << "\n";
  out << tr("init.pin-anchor") << "\n";
  return ExitCode::ok;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", text("init.description"));
  cmd->add_option("DIR", options->dir, text("init.opt-dir"))->type_name(text("cli.type-dir"));
  cmd->add_option("--organization", options->organization, text("init.opt-organization"))
      ->type_name("ORGANIZATION");
  cmd->add_option("--title", options->title, text("init.opt-title"))->type_name("TITLE");
  cmd->callback([&ctx, options] { ctx.result = run(ctx, *options); });
}

}  // namespace perechen::cli
