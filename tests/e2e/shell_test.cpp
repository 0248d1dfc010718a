// SPDX-License-Identifier: Apache-2.0
// What a person sees at the shell around the commands: `--help` of every command in both
// languages says its placeholders in words of that language, once, and aligns its columns;
// completion offers the ids of the registry one is in; the man pages carry examples, the rules
// with their clauses and the exit codes; `init --lang en` makes a registry in English.

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "fixture.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

// Every command, nested ones and the hidden ones included.
const std::vector<std::vector<std::string>> kCommands = {
    {},          {"validate"},   {"status"},
    {"verify"},  {"roster"},     {"roster", "allowed-signers"},
    {"export"},  {"diff"},       {"publish"},
    {"approve"}, {"init"},       {"new"},
    {"import"},  {"schema"},     {"doctor"},
    {"man"},     {"completion"}, {"help"}};

std::string help_of(const std::vector<std::string>& command, const std::string& lang) {
  std::vector<std::string> args{"--lang", lang};
  args.insert(args.end(), command.begin(), command.end());
  args.emplace_back("--help");
  RunResult r = perechen::test::perechen(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// Characters on screen of a UTF-8 text.
std::size_t columns(const std::string& text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++count;
  }
  return count;
}

using perechen::test::read_file;

// True when `program` is there or could be installed; otherwise the checks that need it are
// skipped (a failure in CI), with the reason.
bool have(const std::string& program, const std::string& package) {
  std::string reason;
  if (perechen::test::ensure_program(program, package, reason))
    return true;
  perechen::test::skip(reason);
  return false;
}

bool has_cyrillic(const std::string& text) {
  // U+0400..U+04FF are encoded as D0 xx and D3 xx.
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0xD0 && u <= 0xD3)
      return true;
  }
  return false;
}

// The keys of a YAML document and the ids under them, as "path=value" lines: what must not
// change with the language.
void shape(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>();
      out.push_back(path + "/" + key);
      if (key == "id" || key == "channel" || key == "working_days" ||
          path.find("roles") != std::string::npos)
        out.push_back(path + "/" + key + "=" +
                      (entry.second.IsScalar() ? entry.second.as<std::string>() : ""));
      shape(entry.second, path + "/" + key, out);
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      shape(node[i], path + "/" + std::to_string(i), out);
  }
}

std::vector<std::string> shape_of(const std::string& yaml) {
  std::vector<std::string> out;
  shape(YAML::Load(yaml), "", out);
  return out;
}

// The lines of a CI template that run perechen: the same in every language.
std::vector<std::string> perechen_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t at = line.find_first_not_of(" -");
    if (at != std::string::npos && line.compare(at, 9, "perechen ") == 0)
      lines.push_back(line.substr(at));
    if (at != std::string::npos && line.compare(at, 6, "run: p") == 0)
      lines.push_back(line.substr(at + 5));
  }
  return lines;
}

}  // namespace

TEST_CASE("--help names every value in the user's words, once, in aligned columns", "[help]") {
  const std::regex doubled(R"((^|\s)(\S+) \2(\s|$))");
  const std::regex latin_placeholder(R"(\b(TEXT|DIR|FILE|PATH|REV|COMMIT|PROGRAM|NAME|FROM|TO)\b)");
  for (const std::string lang : {"ru", "en"}) {
    for (const auto& command : kCommands) {
      std::string help = help_of(command, lang);
      std::istringstream lines(help);
      std::string line;
      while (std::getline(lines, line)) {
        INFO(lang << " " << (command.empty() ? "perechen" : command.back()) << ": " << line);
        CHECK(line.find("TEXT") == std::string::npos);
        CHECK(line.find("REQUIRED") == std::string::npos);
        CHECK_FALSE(std::regex_search(line, doubled));
        if (line.rfind("  ", 0) != 0)
          continue;
        // An item of a list: its name and placeholder, then the description at column 30.
        std::size_t gap = line.find("  ", 2);
        std::string left = line.substr(0, gap);
        if (lang == "ru") {
          CHECK_FALSE(std::regex_search(left, latin_placeholder));
        }
        if (gap != std::string::npos && columns(left) < 28) {
          std::size_t start = line.find_first_not_of(' ', gap);
          CHECK(columns(line.substr(0, start)) == 30);
        }
      }
    }
  }
  std::string publish = help_of({"publish"}, "ru");
  CHECK(publish.find("--dir ПАПКА (обязательно)") != std::string::npos);
  std::string diff = help_of({"diff"}, "ru");
  CHECK(diff.find("perechen diff [ПАРАМЕТРЫ] [ОТКУДА] [КУДА]") != std::string::npos);
  CHECK(help_of({"validate"}, "en").find("  PATH ...") != std::string::npos);
  CHECK(help_of({"approve"}, "ru").find("--role РОЛЬ[:ПРОЦЕСС|НАПРАВЛЕНИЕ]") != std::string::npos);
  CHECK(help_of({}, "en").find("Usage: perechen [OPTIONS] COMMAND") != std::string::npos);
}

TEST_CASE("bash completion offers the ids of the registry one is in and the roles",
          "[completion]") {
  TempDir dir;
  RunResult script = perechen::test::perechen({"completion", "bash"});
  REQUIRE(script.exit_code == 0);
  fs::path file = dir.write("perechen.bash", script.out);
  fs::path registry = perechen::test::source_dir() / "examples/registry";
  std::string path = fs::path(PERECHEN_BINARY).parent_path().string() + ":/usr/bin:/bin";
  // As bash calls it on Tab: the words of the line and the index of the one being completed.
  auto complete = [&](const std::string& words, int index, const fs::path& cwd) {
    std::string code = "source '" + file.string() + "' 2>/dev/null; COMP_WORDS=(" + words +
                       "); COMP_CWORD=" + std::to_string(index) +
                       "; _perechen 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return perechen::test::run({"bash", "--norc", "--noprofile", "-c", code}, cwd, {{"PATH", path}})
        .out;
  };
  CHECK(complete("perechen new --process s", 3, registry) == "salary\nsick-leave\n");
  CHECK(complete("perechen new --process ''", 3, registry).find("business-trips\n") !=
        std::string::npos);
  CHECK(complete("perechen new --client w", 3, registry) == "workers\n");
  // Built-in kinds and the registry's own.
  CHECK(complete("perechen new --kind in", 3, registry) == "intranet\n");
  CHECK(complete("perechen new --kind pho", 3, registry) == "phone\n");
  CHECK(complete("perechen approve --role ''", 3, registry) ==
        "process_owner\ndirection_curator\nclient_centricity\n");
  // -C DIR on the line says which registry, wherever the shell is.
  CHECK(complete("perechen -C '" + registry.string() + "' new --process v", 5, dir.path()) ==
        "vacation-pay\n");
  // Outside a registry: no ids, no error on the screen; the built-in kinds are still known.
  CHECK(complete("perechen new --process s", 3, dir.path()) == "\n");
  CHECK(complete("perechen new --kind ema", 3, dir.path()) == "email\n");
  // Commands and flags as before.
  CHECK(complete("perechen ne", 1, registry) == "new\n");
  CHECK(complete("perechen new --cl", 2, registry) == "--client\n");

  // The ids come straight from perechen.yaml: a process added is offered at the next Tab.
  TempDir reg;
  perechen::test::write_minimal_registry(reg);
  CHECK(complete("perechen new --process ''", 3, reg.path()) == "salary\nvacation\ncertificates\n");
}

TEST_CASE("init --lang en writes the registry in English, with the same keys and ids", "[init]") {
  TempDir home;
  TempDir dir;
  std::map<std::string, std::string> env{{"HOME", home.path().string()},
                                         {"XDG_CONFIG_HOME", (home.path() / ".config").string()},
                                         {"GIT_CONFIG_NOSYSTEM", "1"},
                                         {"PERECHEN_LANG", ""}};
  RunResult en = perechen::test::perechen({"init", "--lang", "en", "en"}, dir.path(), env);
  INFO(en.out << en.err);
  REQUIRE(en.exit_code == 0);
  CHECK(en.out.find("perechen speaks English in this repository") != std::string::npos);
  RunResult ru = perechen::test::perechen({"init", "ru"}, dir.path(), env);
  REQUIRE(ru.exit_code == 0);
  fs::path en_root = dir.path() / "en";
  fs::path ru_root = dir.path() / "ru";

  // Every file a person reads is in English; the schemas are perechen's own, the same.
  for (const char* file :
       {"README.md", "perechen.yaml", "roster.yaml", ".editorconfig", ".pre-commit-config.yaml",
        ".github/workflows/perechen.yml", ".gitlab-ci.yml", ".gitea/workflows/perechen.yml",
        ".vscode/settings.json", ".vscode/extensions.json"}) {
    INFO(file);
    std::string text = read_file(en_root / file);
    CHECK_FALSE(has_cyrillic(text));
    if (std::string(file) != ".vscode/settings.json" &&
        std::string(file) != ".vscode/extensions.json") {
      CHECK(text != read_file(ru_root / file));
    }
  }
  CHECK(read_file(en_root / "schemas/point.schema.json") ==
        read_file(ru_root / "schemas/point.schema.json"));
  CHECK(read_file(en_root / "README.md").find("# List of interaction points") == 0);
  CHECK(has_cyrillic(read_file(ru_root / "README.md")));

  // Keys and ids are the spec's, whatever the language (spec §2.1, §2.2).
  for (const char* file : {"perechen.yaml", "roster.yaml"}) {
    INFO(file);
    CHECK(shape_of(read_file(en_root / file)) == shape_of(read_file(ru_root / file)));
  }
  // The CI templates run the same commands, and say so in English.
  for (const char* file :
       {".github/workflows/perechen.yml", ".gitlab-ci.yml", ".gitea/workflows/perechen.yml"}) {
    INFO(file);
    std::string text = read_file(en_root / file);
    CHECK(perechen_lines(text) == perechen_lines(read_file(ru_root / file)));
    CHECK_FALSE(perechen_lines(text).empty());
    CHECK(text.find("PERECHEN_LANG: en") != std::string::npos);
  }

  // actionlint, when scripts/lint-ci-templates.sh can have it, finds nothing in the English one.
  RunResult lint = perechen::test::run(
      {"bash", (perechen::test::source_dir() / "scripts/lint-ci-templates.sh").string(),
       (en_root / ".github/workflows/perechen.yml").string()});
  if (lint.exit_code == 77) {
    perechen::test::skip(lint.out);
  } else {
    INFO(lint.out << lint.err);
    CHECK(lint.exit_code == 0);
  }

  // The registry is valid, and perechen speaks English in it without --lang.
  RunResult validate = perechen::test::perechen({"validate"}, en_root, env);
  INFO(validate.out << validate.err);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.find("no problems found") != std::string::npos);
  CHECK(perechen::test::git(en_root, {"config", "perechen.lang"}) == "en\n");
  // The Russian registry stays Russian and gets no setting.
  CHECK(perechen::test::run({"git", "-C", ru_root.string(), "config", "perechen.lang"}, {}, env)
            .exit_code == 1);
  RunResult validate_ru = perechen::test::perechen({"validate"}, ru_root, env);
  CHECK(validate_ru.exit_code == 0);
  CHECK(has_cyrillic(validate_ru.out));

  // A point made there has its hints in English, and with its fields filled it validates.
  RunResult made =
      perechen::test::perechen({"new", "--process", "salary", "--name", "Employee account",
                                "--kind", "personal_account", "--client", "workers"},
                               en_root, env);
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  std::string point = read_file(en_root / "points/pay/employee-account.yaml");
  CHECK_FALSE(has_cyrillic(point));
  CHECK(point.find("# 2.2.5: the value for the internal client") != std::string::npos);
}

TEST_CASE("man pages have examples that run, the rules with their clauses, the exit codes",
          "[man]") {
  TempDir dir;
  // groff checks the pages and man shows them; without them those checks are skipped.
  const bool groff = have("groff", "groff-base");
  const bool man = have("man", "man-db");
  YAML::Node rules = YAML::LoadFile((perechen::test::source_dir() / "data/rules.yaml").string());
  REQUIRE(rules.size() > 20);
  for (const std::string lang : {"en", "ru"}) {
    fs::path out = dir.path() / lang;
    RunResult made =
        perechen::test::perechen({"--lang", lang, "man", "--output-dir", out.string()});
    REQUIRE(made.exit_code == 0);
    const std::string examples = lang == "en" ? ".SH EXAMPLES\n" : ".SH ПРИМЕРЫ\n";
    std::size_t pages = 0;
    for (const auto& entry : fs::directory_iterator(out)) {
      ++pages;
      std::string page = read_file(entry.path());
      INFO(lang << " " << entry.path().filename());
      std::size_t at = page.find(examples);
      REQUIRE(at != std::string::npos);
      // Each example is a command line of perechen whose options its --help knows.
      std::istringstream lines(page.substr(at + examples.size()));
      std::string line;
      std::size_t commands = 0;
      while (std::getline(lines, line) && line.rfind(".SH", 0) != 0) {
        if (line.rfind("\\fBperechen ", 0) != 0)
          continue;
        ++commands;
        std::string text =
            std::regex_replace(line.substr(3, line.size() - 6), std::regex(R"(\\-)"), "-");
        for (const std::string& part :
             {text.substr(0, text.find(" && ")), text.find(" && ") == std::string::npos
                                                     ? std::string()
                                                     : text.substr(text.find(" && ") + 4)}) {
          if (part.rfind("perechen ", 0) != 0)
            continue;
          std::istringstream words(part.substr(9));
          std::vector<std::string> tokens;
          for (std::string w; words >> w;)
            tokens.push_back(w);
          std::size_t i = 0;
          while (i < tokens.size() && tokens[i].rfind("-", 0) == 0)
            i += tokens[i] == "--lang" || tokens[i] == "-C" ? 2U : 1U;
          REQUIRE(i < tokens.size());
          std::vector<std::string> command{tokens[i]};
          if (tokens[i] == "roster")
            command.push_back(tokens[i + 1]);
          std::string help = help_of(command, lang) + help_of({}, lang);
          for (const auto& token : tokens) {
            if (token.rfind("--", 0) == 0 || (token.size() == 2 && token[0] == '-')) {
              INFO(part << ": " << token);
              CHECK(help.find(token) != std::string::npos);
            }
          }
        }
      }
      CHECK(commands > 0);
      for (int code = 0; code <= 3; ++code)
        CHECK(page.find(".TP\n\\fB" + std::to_string(code) + "\\fR\n") != std::string::npos);

      if (groff) {
        RunResult checked = perechen::test::run(
            {"groff", "-man", "-Tutf8", "-ww", "-z", "-K", "utf8", entry.path().string()});
        CHECK(checked.exit_code == 0);
        CHECK(checked.err.empty());
      }
      if (man) {
        RunResult shown = perechen::test::run({"man", "-l", entry.path().string()}, {},
                                              {{"MANWIDTH", "100"}, {"MANPAGER", "cat"}});
        CHECK(shown.exit_code == 0);
        CHECK(shown.out.find(lang == "en" ? "EXAMPLES" : "ПРИМЕРЫ") != std::string::npos);
      }
    }
    CHECK(pages >= 14);

    // The program's page and validate's list every rule with its clause and severity.
    for (const char* name : {"perechen.1", "perechen-validate.1"}) {
      std::string page = read_file(out / name);
      INFO(lang << " " << name);
      CHECK(page.find(lang == "en" ? ".SH RULES\n" : ".SH ПРАВИЛА ПРОВЕРКИ\n") !=
            std::string::npos);
      for (const auto& rule : rules) {
        std::string id = std::regex_replace(rule["id"].as<std::string>(), std::regex("-"), "\\-");
        std::string severity = rule["severity"].as<std::string>();
        if (lang == "ru")
          severity = severity == "error" ? "ошибка" : "предупреждение";
        std::string clause = rule["clause"] ? (lang == "en" ? "cl. " : "п. ") +
                                                  rule["clause"].as<std::string>() + ", "
                                            : std::string();
        INFO(id);
        CHECK(page.find("\\fB" + id + "\\fR (" + clause + severity + ")\n") != std::string::npos);
      }
    }
  }
  // What man shows for a rule: the clause, in words.
  if (man) {
    RunResult shown = perechen::test::run({"man", "-l", (dir.path() / "en/perechen.1").string()},
                                          {}, {{"MANWIDTH", "200"}, {"MANPAGER", "cat"}});
    CHECK(shown.out.find("needs-missing (cl. 2.6, error)") != std::string::npos);
    CHECK(shown.out.find("basis-missing (cl. 2.4, warning)") != std::string::npos);
  }
}

TEST_CASE("help: `perechen help CMD` is CMD --help, `help TOPIC` prints the shipped guide") {
  using perechen::test::perechen;
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"validate"}, {"roster", "allowed-signers"}}) {
    std::vector<std::string> args{"help"};
    args.insert(args.end(), command.begin(), command.end());
    RunResult asked = perechen(args);
    INFO(asked.err);
    CHECK(asked.exit_code == 0);
    CHECK(asked.out == help_of(command, "ru"));
  }
  CHECK(perechen({"help"}).out == help_of({}, "ru"));

  RunResult guide = perechen({"help", "approvals"});
  CHECK(guide.exit_code == 0);
  CHECK(guide.out.rfind("# Согласование изменений перечня", 0) == 0);
  CHECK(perechen({"help", "rules"}).out.find("basis-missing") != std::string::npos);

  RunResult unknown = perechen({"help", "nosuch"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("approvals, format, rules") != std::string::npos);

  // man, completion and help are in --help, with how to install completion.
  std::string top = help_of({}, "ru");
  for (const char* word : {"\n  man ", "\n  completion ", "\n  help ",
                           "perechen completion bash > ~/.local/share/bash-completion"}) {
    CHECK(top.find(word) != std::string::npos);
  }
}
