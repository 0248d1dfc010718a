// SPDX-License-Identifier: Apache-2.0
// perechen help [COMMAND... | TOPIC]: the help of the program or of a command, as `--help` prints
// it (git and cargo accept `help CMD` too), or a page of the user documentation shipped with the
// program (docs/*.md, compiled in; installed under share/doc/perechen as well), so that messages
// can send people to `perechen help approvals` and not to a file they do not have.

#include <iostream>

#include "context.hpp"
#include "perechen/embedded.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::cli {
namespace {

// The pages of the user documentation, by topic; the developers' pages (the approval model,
// performance figures) are not among them.
constexpr const char* kTopics[] = {"approvals", "format", "rules",    "init",     "output",
                                   "export",    "import", "calendar", "packaging"};

std::string topic_list() {
  std::string list;
  for (const char* topic : kTopics)
    list += (list.empty() ? "" : ", ") + std::string(topic);
  return list;
}

ExitCode run(CLI::App& app, const std::vector<std::string>& words) {
  // The formatter itself: App::help() would follow the command being run, `help`.
  auto help_of = [](const CLI::App* command, const std::string& name) {
    return command->get_formatter()->make_help(command, name, CLI::AppFormatMode::Normal);
  };
  if (words.empty()) {
    std::cout << help_of(&app, app.get_name()) << std::flush;
    return ExitCode::ok;
  }
  // A command, and a subcommand of it: `help roster allowed-signers`.
  CLI::App* at = &app;
  std::size_t used = 0;
  for (; used < words.size(); ++used) {
    CLI::App* sub = nullptr;
    for (CLI::App* each : at->get_subcommands({})) {
      if (each->get_name() == words[used])
        sub = each;
    }
    if (sub == nullptr)
      break;
    at = sub;
  }
  if (used == words.size()) {
    std::string name = app.get_name();
    for (const auto& word : words)
      name += " " + word;
    std::cout << help_of(at, name) << std::flush;
    return ExitCode::ok;
  }
  if (used == 0 && words.size() == 1) {
    for (const char* topic : kTopics) {
      if (words[0] != topic)
        continue;
      auto page = embedded_file("docs/" + words[0] + ".md");
      if (!page)
        break;
      std::cout << *page << std::flush;
      return ExitCode::ok;
    }
  }
  throw Error(ExitCode::usage,
              tr("help.unknown", fmt::arg("word", words[used]), fmt::arg("topics", topic_list())));
}

}  // namespace

void register_help(CLI::App& app, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("help", text("help.description"));
  cmd->add_option("WORDS", *words, text("help.opt-words"))->type_name("COMMAND|TOPIC");
  cmd->footer(tr("help.footer", fmt::arg("topics", topic_list())));
  cmd->callback([&app, &ctx, words] { ctx.result = run(app, *words); });
}

}  // namespace perechen::cli
