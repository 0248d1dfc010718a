// perechen: the program. Parses the global options, sets the language, hands over to the command
// and turns the outcome into an exit code. The only place that catches perechen::Error.

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>
#include <string>

#include "context.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"
#include "perechen/version.hpp"

namespace {

using perechen::ExitCode;

// The language must be known before the options are described, so it is read from argv first.
perechen::Lang language_from_args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--lang" && i + 1 < argc && std::string_view(argv[i + 1]) == "en") {
      return perechen::Lang::en;
    }
    if (arg == "--lang=en")
      return perechen::Lang::en;
  }
  return perechen::Lang::ru;
}

void translate_help(CLI::App& app) {
  auto formatter = app.get_formatter();
  // Type names (TEXT, INT) and REQUIRED stay as they are: CLI11 aligns columns by bytes, and
  // Cyrillic there would push the descriptions out of line.
  for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Options",
                            "Subcommands", "Positionals"}) {
    formatter->label(label,
                     std::string(perechen::message_template(std::string("cli.label-") + label)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  perechen::set_language(language_from_args(argc, argv));
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
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
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
