// SPDX-License-Identifier: Apache-2.0
// Setting up, through the built binary: `init` makes a registry that validate accepts and never
// overwrites a file; `new` writes a point in the right folder, asks on a terminal, refuses without
// one, and leaves exactly the unfilled fields for validate to list; `schema` prints the schemas;
// `doctor` says what approving still needs on this machine.

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fixture.hpp"
#include "terminal.hpp"

namespace fs = std::filesystem;
using perechen::test::perechen_on_terminal;
using perechen::test::RunResult;
using perechen::test::TempDir;

namespace {

const std::string kTitle =
    "Перечень точек взаимодействия с внутренним клиентом по вопросам ведения бухгалтерского "
    "учета";

// No configuration of the person running the tests may leak in: git's global settings (a
// default branch, an identity, a signing key) come from this folder, which is empty.
std::map<std::string, std::string> clean_env(const TempDir& home) {
  return {{"HOME", home.path().string()},
          {"XDG_CONFIG_HOME", (home.path() / ".config").string()},
          {"GIT_CONFIG_NOSYSTEM", "1"},
          {"SSH_AUTH_SOCK", ""}};
}

RunResult perechen_in(const TempDir& home, const std::vector<std::string>& args,
                      const fs::path& cwd) {
  return perechen::test::perechen(args, cwd, clean_env(home));
}

using perechen::test::files_under;
using perechen::test::read_file;

struct Finding {
  std::string file;
  std::string rule;
  std::string message;
};

std::pair<int, std::vector<Finding>> validate_json(const TempDir& home, const fs::path& registry) {
  RunResult r = perechen_in(home, {"validate", "--format", "json"}, registry);
  INFO(r.out << r.err);
  REQUIRE(r.signal == 0);
  auto json = nlohmann::json::parse(r.out);
  std::vector<Finding> findings;
  for (const auto& d : json["diagnostics"])
    findings.push_back({d["file"], d["rule"], d["message"]});
  return {r.exit_code, findings};
}

// A registry made by `perechen init` in a fresh temporary folder.
// A registry folder that no git repository holds.
void write_file_for_staged(const fs::path& dir) {
  std::ofstream(dir / "perechen.yaml") << "title: x\n";
}

struct InitRegistry {
  TempDir home;
  TempDir dir;
  fs::path root = dir.path() / "registry";

  InitRegistry() {
    RunResult r = perechen_in(home, {"init", "registry"}, dir.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("init makes a git repository with a registry that validate accepts", "[init]") {
  TempDir home;
  TempDir dir;
  RunResult r = perechen_in(home, {"init", "registry"}, dir.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  fs::path root = dir.path() / "registry";
  for (const char* file :
       {"perechen.yaml", "roster.yaml", "points/.gitkeep", "README.md", ".editorconfig",
        ".pre-commit-config.yaml", ".vscode/settings.json", ".github/workflows/perechen.yml",
        ".gitlab-ci.yml", ".gitea/workflows/perechen.yml", "schemas/point.schema.json",
        "schemas/config.schema.json", "schemas/roster.schema.json", "schemas/export.schema.json",
        ".perechen/schema/point.schema.json"}) {
    INFO(file);
    CHECK(fs::is_regular_file(root / file));
    CHECK(r.out.find(std::string("  ") + file + "\n") != std::string::npos);
  }
  CHECK(r.out.find("main") != std::string::npos);

  // A git repository of its own, on branch main.
  CHECK(perechen::test::git(root, {"rev-parse", "--show-toplevel"}) ==
        fs::canonical(root).string() + "\n");
  CHECK(perechen::test::git(root, {"symbolic-ref", "HEAD"}) == "refs/heads/main\n");

  // Zero findings, not even warnings.
  auto [code, findings] = validate_json(home, root);
  CHECK(code == 0);
  CHECK(findings.empty());
}

TEST_CASE("init writes the regulation's title, the four clients of 1.3 and the tools' settings",
          "[init]") {
  InitRegistry reg;
  YAML::Node config = YAML::LoadFile((reg.root / "perechen.yaml").string());
  CHECK(config["title"].as<std::string>() == kTitle);
  REQUIRE(config["clients"].size() == 4);
  std::vector<std::string> clients;
  for (const auto& c : config["clients"])
    clients.push_back(c["id"].as<std::string>());
  CHECK(clients ==
        std::vector<std::string>{"civil-servants", "government-office", "workers", "ogu-staff"});
  CHECK(config["clients"][3]["title"].as<std::string>().find("централизованный") !=
        std::string::npos);

  // The editor maps the registry's own point schema onto the point files, with the general
  // schemas copied in.
  auto settings = nlohmann::json::parse(read_file(reg.root / ".vscode/settings.json"));
  auto globs = settings["yaml.schemas"]["./.perechen/schema/point.schema.json"];
  CHECK(std::find(globs.begin(), globs.end(), "points/**/*.yaml") != globs.end());
  CHECK(read_file(reg.root / "schemas/point.schema.json") ==
        read_file(perechen::test::source_dir() / "schemas/point.schema.json"));
  CHECK(read_file(reg.root / "perechen.yaml")
            .rfind("# yaml-language-server: $schema=schemas/config.schema.json\n", 0) == 0);

  // pre-commit runs validate over the whole registry.
  YAML::Node precommit = YAML::LoadFile((reg.root / ".pre-commit-config.yaml").string());
  // The first hook makes the editor's schema anew when perechen.yaml changes and stages it.
  YAML::Node schema_hook = precommit["repos"][0]["hooks"][0];
  CHECK(schema_hook["id"].as<std::string>() == "perechen-schema");
  CHECK(
      schema_hook["entry"].as<std::string>().find(
          "perechen schema --registry >/dev/null && git add .perechen/schema/point.schema.json") !=
      std::string::npos);
  YAML::Node hook = precommit["repos"][0]["hooks"][1];
  // It checks what is staged, and says how to install perechen when it is missing (the real
  // pre-commit runs it in tests/tools/pre_commit.sh).
  CHECK(hook["entry"].as<std::string>().find("exec perechen validate --staged") !=
        std::string::npos);
  CHECK(hook["language"].as<std::string>() == "system");
  CHECK(hook["pass_filenames"].as<bool>() == false);

  // CI: validate on requests (SARIF / JUnit), verify on the main branch.
  YAML::Node github = YAML::LoadFile((reg.root / ".github/workflows/perechen.yml").string());
  std::string validate_steps = YAML::Dump(github["jobs"]["validate"]);
  CHECK(validate_steps.find("perechen validate --format sarif") != std::string::npos);
  CHECK(validate_steps.find("github/codeql-action/upload-sarif") != std::string::npos);
  CHECK(github["jobs"]["validate"]["if"].as<std::string>().find("pull_request") !=
        std::string::npos);
  CHECK(YAML::Dump(github["jobs"]["verify"]).find("perechen verify") != std::string::npos);
  YAML::Node gitlab = YAML::LoadFile((reg.root / ".gitlab-ci.yml").string());
  CHECK(gitlab["validate"]["artifacts"]["reports"]["junit"].as<std::string>() ==
        "perechen-junit.xml");
  CHECK(YAML::Dump(gitlab["validate"]["script"]).find("--format junit") != std::string::npos);
  // Code Quality: the report GitLab shows inline is the one the script writes.
  auto quality = gitlab["validate"]["artifacts"]["reports"]["codequality"].as<std::string>();
  CHECK(YAML::Dump(gitlab["validate"]["script"])
            .find("perechen validate --format codequality --output " + quality) !=
        std::string::npos);
  CHECK(YAML::Dump(gitlab["verify"]["script"]).find("perechen verify") != std::string::npos);
  // Gitea and Forgejo Actions: the same two jobs.
  YAML::Node gitea = YAML::LoadFile((reg.root / ".gitea/workflows/perechen.yml").string());
  CHECK(YAML::Dump(gitea["jobs"]["validate"]).find("perechen validate") != std::string::npos);
  CHECK(YAML::Dump(gitea["jobs"]["verify"]).find("perechen verify") != std::string::npos);

  std::string readme = read_file(reg.root / "README.md");
  for (const char* section :
       {"## Как добавить точку", "## Как согласовать изменение", "## Как опубликовать"}) {
    CHECK(readme.find(section) != std::string::npos);
  }
}

TEST_CASE("init run twice changes nothing and never overwrites a file", "[init]") {
  InitRegistry reg;
  auto before = files_under(reg.root);
  RunResult again = perechen_in(reg.home, {"init", "registry"}, reg.dir.path());
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(files_under(reg.root) == before);
  CHECK(again.out.find("15") != std::string::npos);  // "already there and left unchanged: 15"
  CHECK(again.out.find("  README.md\n") != std::string::npos);

  // An edited file stays as edited; a deleted one comes back.
  { std::ofstream(reg.root / "README.md", std::ios::trunc) << "наш README\n"; }
  fs::remove(reg.root / "roster.yaml");
  RunResult third = perechen_in(reg.home, {"init"}, reg.root);
  INFO(third.out << third.err);
  CHECK(third.exit_code == 0);
  CHECK(read_file(reg.root / "README.md") == "наш README\n");
  CHECK(read_file(reg.root / "roster.yaml") == before["roster.yaml"]);
  auto written = third.out.find("Записано файлов: 1\n  roster.yaml\n");
  CHECK(written != std::string::npos);
  CHECK(third.out.find("не изменены: 14") != std::string::npos);
}

TEST_CASE("init inside an existing repository makes no repository of its own", "[init]") {
  TempDir home;
  TempDir dir;
  perechen::test::git(dir.path(), {"init", "-q"});
  RunResult r = perechen_in(home, {"--lang", "en", "init", "registry"}, dir.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(dir.path() / "registry" / ".git"));
  CHECK(r.out.find("already in the git repository") != std::string::npos);
  CHECK(r.out.find("not at the top of the repository") != std::string::npos);
  auto [code, findings] = validate_json(home, dir.path() / "registry");
  CHECK(code == 0);
}

TEST_CASE("init refuses a path that is a file", "[init]") {
  TempDir home;
  TempDir dir;
  dir.write("taken", "x");
  RunResult r = perechen_in(home, {"--lang", "en", "init", "taken"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("is a file, not a folder") != std::string::npos);
  CHECK(read_file(dir.path() / "taken") == "x");
}

TEST_CASE("new writes a point whose missing fields validate lists exactly", "[new]") {
  InitRegistry reg;
  RunResult r = perechen_in(reg.home,
                            {"new", "--process", "salary", "--name", "Личный кабинет сотрудника",
                             "--channel", "digital", "--kind", "personal_account"},
                            reg.root);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string file = "points/pay/lichnyy-kabinet-sotrudnika.yaml";
  CHECK(r.out.find("Создан " + file) != std::string::npos);
  std::string text = read_file(reg.root / file);
  CHECK(text.rfind("# yaml-language-server: $schema=../../.perechen/schema/point.schema.json\n",
                   0) == 0);
  CHECK(fs::is_regular_file(reg.root / "points/pay/../../.perechen/schema/point.schema.json"));
  YAML::Node point = YAML::Load(text);
  CHECK(point["process"].as<std::string>() == "salary");
  CHECK(point["point"]["name"].as<std::string>() == "Личный кабинет сотрудника");
  CHECK(point["point"]["channel"].as<std::string>() == "digital");
  CHECK(point["point"]["kind"].as<std::string>() == "personal_account");

  auto [code, findings] = validate_json(reg.home, reg.root);
  CHECK(code == 1);
  std::vector<std::string> rules;
  for (const auto& f : findings) {
    CHECK(f.file == file);
    rules.push_back(f.rule);
  }
  std::sort(rules.begin(), rules.end());
  CHECK(rules == std::vector<std::string>{"basis-missing", "contact-missing", "missing-field",
                                          "missing-field", "needs-missing"});
  std::string messages;
  for (const auto& f : findings)
    messages += f.message + "\n";
  CHECK(messages.find("clients") != std::string::npos);
  CHECK(messages.find("value") != std::string::npos);

  // The comments are the fields to fill: taking off "# " and writing the texts makes it valid.
  std::istringstream lines(text);
  std::string line;
  std::string filled;
  while (std::getline(lines, line)) {
    for (const char* field :
         {"# clients:", "# needs:", "#   - ", "# basis:", "#     title:", "# value:", "  # url:"}) {
      std::string prefix = field;
      if (line.rfind(prefix, 0) == 0) {
        auto hash = line.find("# ");
        line.erase(hash, 2);
        break;
      }
    }
    if (line == "value:")
      line = "value: Видеть начисления без визита в бухгалтерию";
    if (line == "    title:")
      line = "    title: Приказ ОКУ «ЦБУ» от 10.01.2026 № 5";
    if (line == "  url: https://")
      line = "  url: https://lk.example.ru";
    filled += line + "\n";
  }
  std::ofstream(reg.root / file, std::ios::trunc) << filled;
  auto [code_after, findings_after] = validate_json(reg.home, reg.root);
  INFO(filled);
  CHECK(code_after == 0);
  CHECK(findings_after.empty());
}

TEST_CASE("new takes the channel from the kind and hints at an address offline", "[new]") {
  InitRegistry reg;
  RunResult r = perechen_in(reg.home,
                            {"new", "--process", "salary", "--name", "Окно выдачи документов",
                             "--kind", "document_window"},
                            reg.root);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string text = read_file(reg.root / "points/pay/okno-vydachi-dokumentov.yaml");
  CHECK(YAML::Load(text)["point"]["channel"].as<std::string>() == "offline");
  CHECK(text.find("  # address:") != std::string::npos);
  CHECK(r.out.find("address") != std::string::npos);
}

TEST_CASE("new keeps a name with YAML's special characters as written", "[new]") {
  InitRegistry reg;
  const std::string name = "Телефон: горячая линия #1 \"ЦБУ\"";
  RunResult r = perechen_in(
      reg.home, {"new", "--process", "salary", "--name", name, "--channel", "digital"}, reg.root);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string text = read_file(reg.root / "points/pay/telefon-goryachaya-liniya-1-tsbu.yaml");
  CHECK(YAML::Load(text)["point"]["name"].as<std::string>() == name);
}

TEST_CASE("new never overwrites a point file", "[new]") {
  InitRegistry reg;
  std::vector<std::string> args{"new",    "--process", "salary", "--name", "Электронная почта",
                                "--kind", "email"};
  REQUIRE(perechen_in(reg.home, args, reg.root).exit_code == 0);
  fs::path first = reg.root / "points/pay/elektronnaya-pochta.yaml";
  { std::ofstream(first, std::ios::app) << "# правка\n"; }
  std::string edited = read_file(first);

  // The same name in the same process is the same point (2.7): refused, nothing written.
  RunResult second = perechen_in(reg.home, args, reg.root);
  INFO(second.out << second.err);
  CHECK(second.exit_code == 2);
  CHECK(second.err.find("в процессе «salary» уже есть точка «Электронная почта» "
                        "(points/pay/elektronnaya-pochta.yaml)") != std::string::npos);
  CHECK_FALSE(fs::exists(reg.root / "points/pay/elektronnaya-pochta-2.yaml"));
  CHECK(read_file(first) == edited);
  // A name that differs only in case and ё/е is the same name too.
  RunResult alike = perechen_in(
      reg.home, {"new", "--process", "salary", "--name", "электронная  ПОЧТА", "--kind", "email"},
      reg.root);
  CHECK(alike.exit_code == 2);

  // Another name whose file name is taken gets a file of its own.
  std::vector<std::string> other{"new",    "--process", "salary", "--name", "Электронная почта!",
                                 "--kind", "email"};
  RunResult third_name = perechen_in(reg.home, other, reg.root);
  INFO(third_name.err);
  CHECK(third_name.exit_code == 0);
  CHECK(third_name.out.find("points/pay/elektronnaya-pochta-2.yaml") != std::string::npos);
  CHECK(read_file(first) == edited);

  std::vector<std::string> explicit_file{"new",          "--process", "salary", "--name",
                                         "Почта отдела", "--kind",    "email"};
  explicit_file.insert(explicit_file.end(), {"--file", "points/pay/elektronnaya-pochta.yaml"});
  RunResult third = perechen_in(reg.home, explicit_file, reg.root);
  CHECK(third.exit_code == 2);
  CHECK(third.err.find("elektronnaya-pochta.yaml") != std::string::npos);
  CHECK(read_file(first) == edited);
}

TEST_CASE("new without a terminal names the missing options and writes nothing", "[new]") {
  InitRegistry reg;
  RunResult r = perechen_in(reg.home, {"--lang", "en", "new", "--name", "Чат-бот"}, reg.root);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("missing options: --process, --channel") != std::string::npos);
  CHECK_FALSE(fs::exists(reg.root / "points/pay"));
}

TEST_CASE("new refuses what the registry does not know", "[new]") {
  InitRegistry reg;
  RunResult process = perechen_in(
      reg.home,
      {"--lang", "en", "new", "--process", "salry", "--name", "X", "--channel", "digital"},
      reg.root);
  CHECK(process.exit_code == 2);
  CHECK(process.err.find("no process \"salry\"") != std::string::npos);
  CHECK(process.err.find("Did you mean salary?") != std::string::npos);

  RunResult kind = perechen_in(reg.home,
                               {"--lang", "en", "new", "--process", "salary", "--name", "X",
                                "--channel", "offline", "--kind", "email"},
                               reg.root);
  CHECK(kind.exit_code == 2);
  CHECK(kind.err.find("belongs to the digital channel") != std::string::npos);

  // A misspelt kind is an unknown kind, with the nearest one, not a missing --channel.
  RunResult typo = perechen_in(
      reg.home, {"--lang", "en", "new", "--process", "salary", "--name", "X", "--kind", "portall"},
      reg.root);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown kind of point \"portall\"") != std::string::npos);
  CHECK(typo.err.find("Did you mean portal?") != std::string::npos);
  CHECK(typo.err.find("--channel") == std::string::npos);

  RunResult outside = perechen_in(reg.home,
                                  {"new", "--process", "salary", "--name", "X", "--channel",
                                   "digital", "--file", "notes/x.yaml"},
                                  reg.root);
  CHECK(outside.exit_code == 2);
  CHECK_FALSE(fs::exists(reg.root / "notes"));
  CHECK_FALSE(fs::exists(reg.root / "points/pay"));

  TempDir empty;
  RunResult not_registry =
      perechen_in(reg.home, {"new", "--process", "salary", "--name", "X", "--channel", "digital"},
                  empty.path());
  CHECK(not_registry.exit_code == 3);
}

TEST_CASE("new on a terminal asks every field and writes a point that validates", "[new]") {
  InitRegistry reg;
  // A wrong number first: asked again. Then the process, the name, the channel, the kind, the
  // address, every client (Enter), the value (empty: asked again), three needs (`other` asks
  // what it is), the basis type (Enter: internal_act) and the basis document.
  RunResult r = perechen_on_terminal({"--lang", "en", "new"}, reg.root, clean_env(reg.home),
                                     "9\n1\nОкно выдачи справок\n2\ndocument_window\n"
                                     "г. Липецк, ул. Советская, 3, каб. 12\n"
                                     "\n"
                                     "\nПолучить справку в день обращения\n"
                                     "1, result 9\nЗапись на прием по телефону\n"
                                     "\n"
                                     "Приказ ОКУ «ЦБУ» от 10.01.2026 № 5\n");
  INFO(r.out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1) salary") != std::string::npos);
  CHECK(r.out.find("enter a number from 1 to 1") != std::string::npos);
  CHECK(r.out.find("2) offline") != std::string::npos);
  CHECK(r.out.find("document_window") != std::string::npos);
  // The choices come from the registry and data/needs.yaml, with their titles.
  CHECK(r.out.find("1) civil-servants — Государственные гражданские служащие") !=
        std::string::npos);
  CHECK(r.out.find("4) ogu-staff") != std::string::npos);
  CHECK(r.out.find("(Enter: all)") != std::string::npos);
  CHECK(r.out.find("this field is required") != std::string::npos);
  CHECK(r.out.find("6) result — getting the result, an answer or an explanation") !=
        std::string::npos);
  CHECK(r.out.find("1) internal_act — internal act") != std::string::npos);
  CHECK(r.out.find("Check it: perechen validate points/pay/okno-vydachi-spravok.yaml") !=
        std::string::npos);

  std::string text = read_file(reg.root / "points/pay/okno-vydachi-spravok.yaml");
  INFO(text);
  YAML::Node point = YAML::Load(text);
  CHECK(point["process"].as<std::string>() == "salary");
  CHECK(point["point"]["channel"].as<std::string>() == "offline");
  CHECK(point["point"]["kind"].as<std::string>() == "document_window");
  CHECK(point["point"]["address"].as<std::string>() == "г. Липецк, ул. Советская, 3, каб. 12");
  CHECK(point["clients"].size() == 4);
  CHECK(point["value"].as<std::string>() == "Получить справку в день обращения");
  REQUIRE(point["needs"].size() == 3);
  CHECK(point["needs"][0].as<std::string>() == "information");
  CHECK(point["needs"][1].as<std::string>() == "result");
  CHECK(point["needs"][2]["other"].as<std::string>() == "Запись на прием по телефону");
  CHECK(point["basis"][0]["type"].as<std::string>() == "internal_act");
  CHECK(point["basis"][0]["title"].as<std::string>() == "Приказ ОКУ «ЦБУ» от 10.01.2026 № 5");
  CHECK(text.find("# ") == text.find("# yaml-language-server"));  // nothing left to fill

  auto [code, findings] = validate_json(reg.home, reg.root);
  CHECK(code == 0);
  CHECK(findings.empty());
}

TEST_CASE("new without a terminal writes the draft and says that nothing was asked", "[new]") {
  InitRegistry reg;
  RunResult r = perechen_in(reg.home,
                            {"--lang", "en", "new", "--process", "salary", "--name", "Почта",
                             "--kind", "email", "--client", "workers", "--client", "ogu-staff"},
                            reg.root);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Standard input is not a terminal, so nothing was asked") != std::string::npos);
  std::string text = read_file(reg.root / "points/pay/pochta.yaml");
  YAML::Node point = YAML::Load(text);
  CHECK(point["clients"].as<std::vector<std::string>>() ==
        std::vector<std::string>{"workers", "ogu-staff"});
  CHECK_FALSE(point["value"]);
  CHECK(text.find("# value:") != std::string::npos);
  CHECK(text.find("# clients:") == std::string::npos);

  RunResult typo = perechen_in(reg.home,
                               {"--lang", "en", "new", "--process", "salary", "--name", "Чат",
                                "--kind", "chatbot", "--client", "workres"},
                               reg.root);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("no client \"workres\"") != std::string::npos);
  CHECK(typo.err.find("Did you mean workers?") != std::string::npos);
  CHECK_FALSE(fs::exists(reg.root / "points/pay/chat.yaml"));
}

TEST_CASE("validate --staged checks what the commit will hold", "[validate][staged]") {
  InitRegistry reg;
  perechen::test::git(reg.root, {"add", "-A"});
  { std::ofstream(reg.root / "points/draft.yaml") << "process: salry\npoint:\n  name: Черновик\n"; }
  // The draft is untracked: the working folder is broken, the index is not.
  CHECK(perechen_in(reg.home, {"validate"}, reg.root).exit_code == 1);
  RunResult clean = perechen_in(reg.home, {"validate", "--staged"}, reg.root);
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);

  perechen::test::git(reg.root, {"add", "points/draft.yaml"});
  // Fixed in the folder but not staged: the commit would still hold the broken file.
  { std::ofstream(reg.root / "points/draft.yaml") << "# пусто\n"; }
  RunResult staged = perechen_in(reg.home, {"validate", "--staged"}, reg.root);
  CHECK(staged.exit_code == 1);
  CHECK(staged.out.find("points/draft.yaml:1:10: ошибка [unknown-process]") != std::string::npos);

  TempDir outside;
  write_file_for_staged(outside.path());
  CHECK(perechen_in(reg.home, {"validate", "--staged"}, outside.path()).exit_code == 3);
}

TEST_CASE("the registry's point schema knows its ids and follows perechen.yaml", "[schema]") {
  InitRegistry reg;
  fs::path file = reg.root / ".perechen/schema/point.schema.json";
  auto schema = nlohmann::json::parse(read_file(file));
  const auto& process = schema["properties"]["process"];
  CHECK(process["enum"] == nlohmann::json::parse(R"(["salary"])"));
  CHECK(process["enumDescriptions"][0] == "Начисление и выплата заработной платы (Оплата труда)");
  CHECK(process["errorMessage"].get<std::string>().find("процессы: salary") != std::string::npos);
  const auto& clients = schema["properties"]["clients"]["items"]["enum"];
  CHECK(clients.size() == 4);
  CHECK(clients[0] == "civil-servants");
  CHECK(schema["properties"]["prepared_by"]["enum"][0] == "cbu");

  // A process added to perechen.yaml: validate, a checker, writes nothing; `new` brings the
  // schema up to date, so the editor knows the process in the file it makes.
  std::string before = read_file(file);
  std::string config = read_file(reg.root / "perechen.yaml");
  config += "\n";
  auto at = config.find("        title: Начисление и выплата заработной платы\n");
  REQUIRE(at != std::string::npos);
  config.insert(at + std::string("        title: Начисление и выплата заработной платы\n").size(),
                "      - id: vacation-pay\n        title: Начисление отпускных\n");
  { std::ofstream(reg.root / "perechen.yaml", std::ios::binary) << config; }
  RunResult validated = perechen_in(reg.home, {"validate"}, reg.root);
  INFO(validated.out << validated.err);
  CHECK(validated.exit_code == 1);  // the new process has no owner yet
  CHECK(read_file(file) == before);
  RunResult made = perechen_in(
      reg.home, {"new", "--process", "vacation-pay", "--name", "Окно", "--channel", "offline"},
      reg.root);
  INFO(made.out << made.err);
  CHECK(made.exit_code == 0);
  CHECK(made.out.find("Схема точки для редактора обновлена") != std::string::npos);
  schema = nlohmann::json::parse(read_file(file));
  CHECK(schema["properties"]["process"]["enum"] ==
        nlohmann::json::parse(R"(["salary", "vacation-pay"])"));

  // schema --registry writes it on demand, and says when nothing changed.
  fs::remove(file);
  RunResult written = perechen_in(reg.home, {"schema", "--registry"}, reg.root);
  CHECK(written.exit_code == 0);
  CHECK(written.out.find("Записана .perechen/schema/point.schema.json") != std::string::npos);
  CHECK(nlohmann::json::parse(read_file(file)) == schema);
  RunResult again = perechen_in(reg.home, {"schema", "--registry"}, reg.root);
  CHECK(again.out.find("уже соответствует perechen.yaml") != std::string::npos);
  CHECK(perechen_in(reg.home, {"schema", "--registry", "point"}, reg.root).exit_code == 2);
}

TEST_CASE("init takes the organisation and the title", "[init]") {
  TempDir home;
  TempDir dir;
  RunResult r = perechen_in(home,
                            {"init", "registry", "--organization", "Минфин: отдел «учета»",
                             "--title", "Перечень точек ЦБУ"},
                            dir.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  YAML::Node config = YAML::LoadFile((dir.path() / "registry/perechen.yaml").string());
  CHECK(config["organization"].as<std::string>() == "Минфин: отдел «учета»");
  // The example of Lipetsk is gone: clients of clause 1.3 without a region, the institution a
  // blank to fill in.
  std::string settings = read_file(dir.path() / "registry/perechen.yaml");
  CHECK(settings.find("Липецк") == std::string::npos);
  CHECK(settings.find("ОКУ «Центр бухгалтерского учета»") == std::string::npos);
  CHECK(config["institutions"][0]["title"].as<std::string>().find("впишите") != std::string::npos);
  CHECK(config["title"].as<std::string>() == "Перечень точек ЦБУ");
  // The rest of the template is as it was, and validate accepts it.
  CHECK(config["directions"][0]["processes"][0]["title"].as<std::string>() ==
        "Начисление и выплата заработной платы");
  CHECK(perechen_in(home, {"validate"}, dir.path() / "registry").exit_code == 0);
}

TEST_CASE("the language is set once by PERECHEN_LANG or git's perechen.lang", "[lang]") {
  InitRegistry reg;
  auto env = clean_env(reg.home);
  env["PERECHEN_LANG"] = "en";
  RunResult by_env = perechen::test::perechen({"validate"}, reg.root, env);
  CHECK(by_env.out.find("Checked ") != std::string::npos);
  // --lang still wins.
  RunResult by_option = perechen::test::perechen({"--lang", "ru", "validate"}, reg.root, env);
  CHECK(by_option.out.find("Проверено") != std::string::npos);

  // git config perechen.lang, from the repository or the global configuration.
  env["PERECHEN_LANG"] = "";
  perechen::test::run({"git", "config", "perechen.lang", "en"}, reg.root, env);
  RunResult by_git = perechen::test::perechen({"validate"}, reg.root, env);
  INFO(by_git.out << by_git.err);
  CHECK(by_git.out.find("Checked ") != std::string::npos);
  RunResult by_git_c = perechen::test::perechen({"-C", reg.root.string(), "validate"}, {}, env);
  CHECK(by_git_c.out.find("Checked ") != std::string::npos);
  // A value that is neither ru nor en is no language: Russian, and no usage error.
  env["PERECHEN_LANG"] = "de";
  perechen::test::run({"git", "config", "perechen.lang", "fr"}, reg.root, env);
  RunResult odd = perechen::test::perechen({"validate"}, reg.root, env);
  CHECK(odd.exit_code == 0);
  CHECK(odd.out.find("Проверено") != std::string::npos);
}

TEST_CASE("schema prints the compiled-in schemas byte for byte", "[schema]") {
  TempDir home;
  TempDir dir;
  for (const char* name : {"point", "config", "roster", "export"}) {
    RunResult r = perechen_in(home, {"schema", name}, dir.path());
    INFO(name);
    CHECK(r.exit_code == 0);
    CHECK(r.out == read_file(perechen::test::source_dir() / "schemas" /
                             (std::string(name) + ".schema.json")));
  }
  RunResult list = perechen_in(home, {"schema"}, dir.path());
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("https://perechen.example/schemas/roster.schema.json") != std::string::npos);
  CHECK(perechen_in(home, {"schema", "points"}, dir.path()).exit_code == 2);
}

namespace {

// A registry made by init whose roster gives every role to a person holding a key made now.
struct SigningSetup : InitRegistry {
  fs::path key = home.path() / "id_ed25519";
  std::string public_line;

  SigningSetup() {
    auto made = perechen::test::run(
        {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ivanova", "-f", key.string()});
    REQUIRE(made.exit_code == 0);
    public_line = read_file(key.string() + ".pub");
    while (!public_line.empty() && public_line.back() == '\n')
      public_line.pop_back();
  }

  void put_key_in_roster() {
    std::ofstream(root / "roster.yaml", std::ios::trunc) << "people:\n"
                                                            "  - id: ivanova\n"
                                                            "    name: Иванова Анна Петровна\n"
                                                            "    keys:\n"
                                                            "      - "
                                                         << public_line
                                                         << "\n"
                                                            "roles:\n"
                                                            "  client_centricity: ivanova\n"
                                                            "  direction_curators:\n"
                                                            "    pay: ivanova\n"
                                                            "  process_owners:\n"
                                                            "    salary: ivanova\n";
  }

  void configure_git() {
    perechen::test::run({"git", "config", "user.name", "Иванова Анна"}, root);
    perechen::test::run({"git", "config", "user.email", "ivanova@example.ru"}, root);
    perechen::test::run({"git", "config", "user.signingkey", key.string() + ".pub"}, root);
  }
};

}  // namespace

TEST_CASE("doctor passes when identity, key and roles are in place", "[doctor]") {
  SigningSetup s;
  s.put_key_in_roster();
  s.configure_git();
  RunResult r = perechen_in(s.home, {"--lang", "en", "doctor"}, s.root);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("✓ git: author Иванова Анна <ivanova@example.ru>") != std::string::npos);
  CHECK(r.out.find("✓ ssh-keygen: /") != std::string::npos);
  CHECK(r.out.find("private key: " + s.key.string() + "\n") != std::string::npos);
  CHECK(r.out.find("roles: client_centricity, direction_curator pay, process_owner salary") !=
        std::string::npos);
  CHECK(r.out.find("Ready to approve.") != std::string::npos);
  CHECK(r.out.find("✗") == std::string::npos);
}

TEST_CASE("doctor says how to fix what approving lacks", "[doctor]") {
  SigningSetup s;
  SECTION("no identity and no signing key") {
    RunResult r = perechen_in(s.home, {"--lang", "en", "doctor"}, s.root);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("✗ git: user.name, user.email not set") != std::string::npos);
    CHECK(r.out.find("git config --global user.email") != std::string::npos);
    CHECK(r.out.find("✗ signing key: none") != std::string::npos);
    CHECK(r.out.find("git config --global user.signingkey") != std::string::npos);
    CHECK(r.out.find("Not ready: 2 problems.") != std::string::npos);
    // Russian counts in its own plural forms: «2 проблемы», not «проблем: 2».
    RunResult ru = perechen_in(s.home, {"doctor"}, s.root);
    CHECK(ru.out.find("Не готово: 2 проблемы.") != std::string::npos);
  }
  SECTION("a key the roster does not have") {
    s.configure_git();
    RunResult r = perechen_in(s.home, {"--lang", "en", "doctor"}, s.root);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("is not in roster.yaml") != std::string::npos);
    // The fix is the line to add, without the comment.
    std::string key_only = s.public_line.substr(0, s.public_line.rfind(' '));
    CHECK(r.out.find("  - " + key_only + "\n") != std::string::npos);
  }
  SECTION("a public key whose private half is gone") {
    s.put_key_in_roster();
    s.configure_git();
    fs::remove(s.key);
    RunResult r = perechen_in(s.home, {"--lang", "en", "doctor"}, s.root);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("✗ private key: neither a file") != std::string::npos);
    CHECK(r.out.find("ssh-add") != std::string::npos);
  }
  SECTION("outside a registry") {
    s.configure_git();
    TempDir elsewhere;
    RunResult r =
        perechen_in(s.home, {"--lang", "en", "doctor", "--key", s.key.string()}, elsewhere.path());
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("perechen -C DIR doctor") != std::string::npos);
  }
}
