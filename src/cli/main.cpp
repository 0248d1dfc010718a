// SPDX-License-Identifier: Apache-2.0
// perechen: the program. Parses the global options, sets the language, hands over to the command
// and turns the outcome into an exit code. The only place that catches perechen::Error.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"
#include "help_formatter.hpp"
#include "perechen/approval/sign.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/environment.hpp"
#include "perechen/platform/terminal.hpp"
#include "perechen/scaffold/repository.hpp"
#include "perechen/version.hpp"

namespace {

using perechen::ExitCode;

// The language must be known before the options are described, so it is read first: `--lang`
// on the command line, else the PERECHEN_LANG environment variable, else git's `perechen.lang`
// setting as seen from -C DIR or the current folder (so `git config --global perechen.lang en`
// sets it once), else Russian. A value other than ru or en from the environment or git is not
// a usage error of this command: it is ignored, and --lang itself is checked by CLI11 below.
std::optional<perechen::Lang> language_named(std::string_view name) {
  if (name == "en")
    return perechen::Lang::en;
  if (name == "ru")
    return perechen::Lang::ru;
  return std::nullopt;
}

perechen::Lang language_from_args(const std::vector<std::string>& args) {
  std::string directory = ".";
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--lang" && i + 1 < args.size())
      return language_named(args[i + 1]).value_or(perechen::Lang::ru);
    if (arg.rfind("--lang=", 0) == 0)
      return language_named(arg.substr(7)).value_or(perechen::Lang::ru);
    if (arg == "-C" && i + 1 < args.size())
      directory = args[i + 1];
  }
  if (auto env = perechen::platform::environment("PERECHEN_LANG"); env && !env->empty()) {
    if (auto lang = language_named(*env))
      return *lang;
  }
  try {
    if (auto configured = perechen::scaffold::git_config(directory, "perechen.lang")) {
      if (auto lang = language_named(*configured))
        return *lang;
    }
  } catch (const std::exception&) {
    // An unreadable git configuration is reported by the commands that need git, not here.
  }
  return perechen::Lang::ru;
}

void translate_help(CLI::App& app) {
  // Placeholders (ПАПКА, ФАЙЛ) and "required" are the formatter's words (help_formatter.hpp),
  // which aligns the columns by characters.
  app.formatter(perechen::cli::make_help_formatter());
  auto formatter = app.get_formatter();
  for (const char* label :
       {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Options", "Subcommands", "Positionals"}) {
    formatter->label(label,
                     std::string(perechen::message_template(std::string("cli.label-") + label)));
  }
}

// The deepest subcommand the parser reached, and its command line for the help hint.
const CLI::App* reached(const CLI::App& app, std::string& command) {
  const CLI::App* at = &app;
  command = "perechen";
  for (auto subs = at->get_subcommands(); !subs.empty(); subs = at->get_subcommands()) {
    at = subs.front();
    command += " " + at->get_name();
  }
  return at;
}

std::string command_names(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty())
      continue;  // hidden commands (man, completion) are not offered
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return names;
}

// The choices of an option that takes one of a list: its type name lists them ("text|json"), as
// every option checked by one_of() has it. Empty for any other option.
std::vector<std::string> choices_of(const CLI::Option& option) {
  std::string type = option.get_type_name();
  std::vector<std::string> choices;
  if (type.find('|') == std::string::npos || type.find(' ') != std::string::npos)
    return choices;
  for (std::size_t start = 0;;) {
    std::size_t bar = type.find('|', start);
    choices.push_back(type.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos)
      return choices;
    start = bar + 1;
  }
}

// The options of `at` and of the commands above it, which a word on its command line may name.
std::vector<const CLI::Option*> options_in_reach(const CLI::App& at) {
  std::vector<const CLI::Option*> options;
  for (const CLI::App* app = &at; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options())
      options.push_back(option);
  }
  return options;
}

// CLI11 words its errors in English. The ones a user meets every day are said again in the
// user's language, told apart by the error's type and the parser's state (which option is
// missing, which value is not among the choices), never by CLI11's wording; any other keeps
// CLI11's words, which are still clear to a developer.
std::string usage_error(const CLI::ParseError& e, const CLI::App& app, const CLI::App& at,
                        const std::vector<std::string>& args) {
  using perechen::tr;
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::vector<std::string> rest = at.remaining(true);
    if (rest.empty())
      rest = app.remaining(true);
    std::string words;
    for (const auto& word : rest)
      words += (words.empty() ? "" : " ") + word;
    if (!words.empty())
      return tr("cli.usage-unexpected", fmt::arg("args", words));
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (at.get_require_subcommand_min() > 0 && at.get_subcommands().empty()) {
      // `perechen bogus`: CLI11 reports the missing command, not the word it did not know.
      std::vector<std::string> rest = at.remaining();
      if (rest.empty())
        rest = app.remaining(true);  // the word may have fallen through to the parent
      if (!rest.empty())
        return tr("cli.usage-unknown-command", fmt::arg("command", rest.front()),
                  fmt::arg("commands", command_names(at)));
      return tr("cli.usage-no-command", fmt::arg("commands", command_names(at)));
    }
    for (const CLI::Option* option : at.get_options()) {
      if (option->get_required() && option->count() == 0)
        return tr("cli.usage-required", fmt::arg("option", option->get_name()));
    }
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    for (const CLI::Option* option : options_in_reach(at)) {
      std::vector<std::string> choices = choices_of(*option);
      if (choices.empty())
        continue;
      for (const std::string& value : option->results()) {
        if (std::find(choices.begin(), choices.end(), value) != choices.end())
          continue;
        std::string listed;
        for (const auto& choice : choices)
          listed += (listed.empty() ? "" : ", ") + choice;
        return tr("cli.usage-not-one-of", fmt::arg("option", option->get_name()),
                  fmt::arg("value", value), fmt::arg("choices", listed));
      }
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    // An option that takes a value, written last or right before another option.
    for (std::size_t i = 0; i < args.size(); ++i) {
      for (const CLI::Option* option : options_in_reach(at)) {
        if (option->get_expected_min() < 1 || !option->check_name(args[i]))
          continue;
        bool next_is_value = i + 1 < args.size() && !args[i + 1].starts_with('-');
        if (!next_is_value)
          return tr("cli.usage-missing-value", fmt::arg("option", option->get_name()));
      }
    }
  }
  return e.what();
}

}  // namespace

int main(int argc, char** argv) {
  // UTF-8 whatever the platform (Windows: from the UTF-16 command line, not the ANSI argv).
  std::vector<std::string> args = perechen::platform::program_arguments(argc, argv);
  if (args.empty())
    args.emplace_back("perechen");
  // Run by ssh-keygen as its SSH_ASKPASS while perechen signs with an encrypted key (argv[1]: its
  // prompt): the passphrase perechen asked for, handed over in the environment.
  if (auto secret = perechen::platform::environment(perechen::approval::kAskpassSecret);
      secret && args.size() <= 2) {
    std::cout << *secret << "\n" << std::flush;
    return 0;
  }
  perechen::platform::prepare_console();  // a Windows console shows the UTF-8 written to it
  perechen::set_language(language_from_args(args));
  perechen::cli::Context ctx;
  CLI::App app(perechen::tr("cli.description"), "perechen");
  try {
    translate_help(app);
    app.option_defaults()->group(perechen::cli::text("cli.label-Options"));
    app.set_help_flag("-h,--help", perechen::cli::text("cli.help"));
    app.set_help_all_flag("--help-all", perechen::cli::text("cli.help-all"));
    app.add_option("-C", ctx.directory, perechen::cli::text("cli.opt-directory"))
        ->type_name(perechen::cli::text("cli.type-dir"));
    app.add_option("--lang", ctx.lang, perechen::cli::text("cli.opt-lang"))
        ->check(perechen::cli::one_of({"ru", "en"}))
        ->type_name("ru|en");
    app.add_option("--color", ctx.color, perechen::cli::text("cli.opt-color"))
        ->check(perechen::cli::one_of({"auto", "always", "never"}))
        ->type_name("auto|always|never");
    app.set_version_flag(
        "--version", fmt::format("perechen {} ({})", perechen::version(), perechen::build_commit()),
        perechen::cli::text("cli.opt-version"));
    app.footer(perechen::cli::text("cli.footer"));
    app.require_subcommand(1);
    app.fallthrough();
    perechen::cli::register_commands(app, ctx);
    for (auto* sub : app.get_subcommands({}))
      sub->formatter(app.get_formatter());
    perechen::cli::translate_groups(app);
  } catch (const std::exception& e) {
    std::cerr << "perechen: " << e.what() << "\n";
    return perechen::to_int(ExitCode::failure);
  }

  try {
    // CLI11 takes the arguments last first, without the program's name.
    app.parse(std::vector<std::string>(args.rbegin(), args.rend() - 1));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string command;
    const CLI::App* at = reached(app, command);
    std::cerr << "perechen: "
              << usage_error(e, app, *at, std::vector<std::string>(args.begin() + 1, args.end()))
              << "\n"
              << perechen::tr("cli.usage-see-help", fmt::arg("command", command)) << "\n";
    return perechen::to_int(ExitCode::usage);
  } catch (const perechen::Error& e) {
    std::cerr << "perechen: " << e.what() << "\n";
    return perechen::to_int(e.code());
  } catch (const std::exception& e) {
    std::cerr << "perechen: " << perechen::tr("cli.internal-error", fmt::arg("what", e.what()))
              << "\n";
    return perechen::to_int(ExitCode::failure);
  }
  return perechen::to_int(ctx.result);
}
