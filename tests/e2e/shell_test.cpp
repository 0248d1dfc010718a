// What a person sees at the shell around the commands: `--help` of every command in both
// languages says its placeholders in words of that language, once, and aligns its columns;
// completion offers the ids of the registry one is in; the man pages carry examples, the rules
// with their clauses and the exit codes; `init --lang en` makes a registry in English.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "fixture.hpp"

namespace fs = std::filesystem;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

// Every command, nested ones and the hidden ones included.
const std::vector<std::vector<std::string>> kCommands = {
    {},          {"validate"},  {"status"},
    {"verify"},  {"roster"},    {"roster", "allowed-signers"},
    {"export"},  {"diff"},      {"publish"},
    {"approve"}, {"init"},      {"new"},
    {"import"},  {"schema"},    {"doctor"},
    {"man"},     {"completion"}};

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
