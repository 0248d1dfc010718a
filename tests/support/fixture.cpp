// SPDX-License-Identifier: Apache-2.0
#include "fixture.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "perechen/platform/process.hpp"

namespace perechen::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = fs::temp_directory_path() / ("perechen-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot make a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  // Make everything writable and readable again so removal cannot fail on chmod tests.
  for (auto it = fs::recursive_directory_iterator(path_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_symlink()) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
  }
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& relative, const std::string& content) const {
  auto full = path_ / relative;
  fs::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out)
    throw std::runtime_error("cannot write " + full.string());
  return full;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> files_under(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;
  if (!fs::exists(root))
    return files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file())
      files[it->path().lexically_relative(root).generic_string()] = read_file(it->path());
  }
  return files;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string TempDir::read(const std::string& relative) const {
  std::ifstream in(path_ / relative, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void TempDir::replace(const std::string& relative, const std::string& from,
                      const std::string& to) const {
  std::string text = read(relative);
  auto at = text.find(from);
  INFO(relative << " must contain: " << from);
  REQUIRE(at != std::string::npos);
  write(relative, text.replace(at, from.size(), to));
}

RunResult run(const std::vector<std::string>& argv, const fs::path& cwd,
              const std::map<std::string, std::string>& env, const std::string& input) {
  if (argv.empty())
    throw std::invalid_argument("run: empty argv");
  platform::RunOptions options;
  options.cwd = cwd;
  options.env = env;
  options.input = input;
  platform::RunResult r = platform::run(argv, options);
  return RunResult{r.exit_code, r.signal, std::move(r.out), std::move(r.err)};
}

SshKey make_ssh_key(const fs::path& path, const std::string& type, const std::string& comment,
                    const std::string& bits) {
  std::vector<std::string> argv{"ssh-keygen", "-q", "-t",    type, "-N",
                                "",           "-C", comment, "-f", path.string()};
  if (!bits.empty()) {
    argv.push_back("-b");
    argv.push_back(bits);
  }
  auto r = run(argv);
  if (r.exit_code != 0)
    throw std::runtime_error("ssh-keygen failed: " + r.err);
  std::ifstream in(path.string() + ".pub", std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return {path, line};
}

RunResult perechen(const std::vector<std::string>& args, const fs::path& cwd,
                   const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{PERECHEN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  auto environment = env;
  environment.emplace("NO_COLOR", "1");
  // The language is Russian unless a test says otherwise: neither the environment nor git's
  // perechen.lang of the person running the tests leaks in.
  environment.emplace("PERECHEN_LANG", "ru");
  return run(argv, cwd, environment);
}

namespace {

// Gives `root` and everything under it to `uid`:`gid`, links themselves and not what they name.
void give(const fs::path& root, uid_t uid, gid_t gid) {
  auto change = [&](const fs::path& path) {
    if (::lchown(path.c_str(), uid, gid) != 0)
      throw std::runtime_error("cannot change the owner of " + path.string());
  };
  change(root);
  for (const auto& entry : fs::recursive_directory_iterator(root))
    change(entry.path());
}

}  // namespace

RunResult perechen_unprivileged(const std::vector<std::string>& args, const fs::path& cwd,
                                const fs::path& owned,
                                const std::map<std::string, std::string>& env) {
  if (::geteuid() != 0)
    return perechen(args, cwd, env);
  struct stat before {};
  if (::lstat(owned.c_str(), &before) != 0)
    throw std::runtime_error("cannot read the owner of " + owned.string());
  give(owned, kUnprivilegedId, kUnprivilegedId);
  std::vector<std::string> argv{"setpriv", "--reuid=" + std::to_string(kUnprivilegedId),
                                "--regid=" + std::to_string(kUnprivilegedId), "--clear-groups",
                                PERECHEN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  auto environment = env;
  environment.emplace("NO_COLOR", "1");
  environment.emplace("PERECHEN_LANG", "ru");
  RunResult r = run(argv, cwd, environment);
  give(owned, before.st_uid, before.st_gid);
  if (r.exit_code == 127 || (r.exit_code == 1 && r.err.rfind("setpriv:", 0) == 0))
    throw std::runtime_error("setpriv could not run perechen as user 65534: " + r.err);
  return r;
}

namespace {
std::string git_date = "2026-03-02T10:00:00+03:00";
}  // namespace

GitDate::GitDate(std::string date) : previous_(std::exchange(git_date, std::move(date))) {}
GitDate::~GitDate() {
  git_date = std::move(previous_);
}

std::string git(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git",
                                "-c",
                                "user.name=Test",
                                "-c",
                                "user.email=test@example.ru",
                                "-c",
                                "init.defaultBranch=main",
                                "-c",
                                "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv, repo,
               {{"GIT_CONFIG_NOSYSTEM", "1"},
                {"GIT_CONFIG_GLOBAL", "/dev/null"},
                {"GIT_AUTHOR_DATE", git_date},
                {"GIT_COMMITTER_DATE", git_date}});
  if (r.exit_code != 0) {
    throw std::runtime_error("git failed: " + r.err);
  }
  return r.out;
}

fs::path source_dir() {
  return PERECHEN_SOURCE_DIR;
}

void write_minimal_registry(const TempDir& dir) {
  dir.write("perechen.yaml", R"(title: Перечень точек взаимодействия с внутренним клиентом
organization: Управление финансов Липецкой области
institutions:
  - id: cbu
    title: ОКУ «Центр бухгалтерского учета»
clients:
  - id: civil-servants
    title: Государственные гражданские служащие
  - id: ogu-staff
    title: Сотрудники ОГУ
directions:
  - id: pay
    title: Оплата труда
    processes:
      - id: salary
        title: Начисление и выплата заработной платы
      - id: vacation
        title: Оплата отпусков
  - id: docs
    title: Справки и документы
    processes:
      - id: certificates
        title: Выдача справок
)");
  dir.write("roster.yaml", R"(people:
  - id: ivanova
    name: Иванова Анна Петровна
    position: Заместитель начальника управления финансов
    keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFScsv4RjMM+yD1GmYcMFkHgTyA7OQVjkU11LTnyHQC2 ivanova
  - id: petrova
    name: Петрова Мария Ивановна
    position: Заместитель начальника управления финансов
    keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAjTaJ4brAp3Qa/1tCbnBGmZLEMAfKErIiAK0KVKyhQa petrova
  - id: sidorov
    name: Сидоров Петр Николаевич
    position: Начальник отдела бухгалтерского учета
    keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINgcbFbkrAZwZ0kqvI/iAw1UxOc7FQOFLtXrzv5QPPFA sidorov
roles:
  client_centricity: ivanova
  direction_curators:
    pay: petrova
    docs: petrova
  process_owners:
    salary: sidorov
    vacation: sidorov
    certificates: sidorov
)");
  dir.write("points/pay/lk.yaml", R"(process: salary
point:
  name: Личный кабинет сотрудника
  channel: digital
  kind: personal_account
  url: https://lk.example.ru
clients: [civil-servants]
value: Видеть начисления и удержания без визита в бухгалтерию
needs:
  - information
  - result: Расчетный листок в день выплаты
basis:
  - type: internal_act
    title: Приказ ОКУ «ЦБУ» от 10.01.2026 № 5
prepared_by: cbu
)");
  dir.write("points/pay/window.yaml", R"(process: vacation
point:
  name: Окно приема документов
  channel: offline
  kind: document_window
  address: г. Липецк, ул. Советская, д. 3, каб. 12
clients: [civil-servants, ogu-staff]
value: Сдать заявление на отпуск лично
needs:
  - submission
  - consultation
basis:
  - type: instruction
    title: Поручение начальника управления от 01.02.2026
)");
  dir.write("points/docs/email.yaml", R"(process: certificates
point:
  name: Электронная почта отдела справок
  channel: digital
  kind: email
  url: mailto:spravki@example.ru
clients: [ogu-staff]
value: Заказать справку о доходах без визита
needs:
  - submission
  - progress
  - result
basis:
  - type: contract
    title: Регламент работы с обращениями № 7
)");
}

std::string zip_part(const std::filesystem::path& file, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY, &error);
  REQUIRE(archive != nullptr);
  std::string data;
  zip_stat_t st;
  if (zip_stat(archive, name.c_str(), 0, &st) == 0) {
    zip_file_t* part = zip_fopen(archive, name.c_str(), 0);
    REQUIRE(part != nullptr);
    data.resize(static_cast<std::size_t>(st.size));
    REQUIRE(zip_fread(part, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(part);
  }
  zip_close(archive);
  return data;
}

}  // namespace perechen::test
