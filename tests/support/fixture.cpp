#include "fixture.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

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
  if (!out) throw std::runtime_error("cannot write " + full.string());
  return full;
}

std::string TempDir::read(const std::string& relative) const {
  std::ifstream in(path_ / relative, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult run(const std::vector<std::string>& argv, const fs::path& cwd,
              const std::map<std::string, std::string>& env, const std::string& input) {
  if (argv.empty()) throw std::invalid_argument("run: empty argv");
  std::array<int, 2> in_pipe{}, out_pipe{}, err_pipe{};
  if (pipe2(in_pipe.data(), O_CLOEXEC) != 0 || pipe2(out_pipe.data(), O_CLOEXEC) != 0 ||
      pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }

  std::map<std::string, std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) environment[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : env) environment[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& a : args) argp.push_back(a.data());
  argp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::string cwd_string = cwd.string();
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd_string.c_str());

  pid_t pid = 0;
  int rc = args[0].find('/') == std::string::npos
               ? posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argp.data(), envp.data())
               : posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error("cannot run " + args[0]);
  }

  RunResult result;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  int out_fd = out_pipe[0];
  int err_fd = err_pipe[0];
  while (out_fd >= 0 || err_fd >= 0) {
    std::array<pollfd, 3> fds{};
    nfds_t n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (poll(fds.data(), n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = write(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      std::array<char, 65536> buf{};
      ssize_t r = read(fds[i].fd, buf.data(), buf.size());
      std::string& sink = fds[i].fd == out_fd ? result.out : result.err;
      if (r > 0) {
        sink.append(buf.data(), static_cast<std::size_t>(r));
      } else {
        close(fds[i].fd);
        (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

RunResult perechen(const std::vector<std::string>& args, const fs::path& cwd,
                   const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{PERECHEN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  auto environment = env;
  environment.emplace("NO_COLOR", "1");
  return run(argv, cwd, environment);
}

std::string git(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-c", "user.name=Test", "-c", "user.email=test@example.ru",
                                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv, repo,
               {{"GIT_CONFIG_NOSYSTEM", "1"},
                {"GIT_CONFIG_GLOBAL", "/dev/null"},
                {"GIT_AUTHOR_DATE", "2026-03-02T10:00:00+03:00"},
                {"GIT_COMMITTER_DATE", "2026-03-02T10:00:00+03:00"}});
  if (r.exit_code != 0) {
    throw std::runtime_error("git failed: " + r.err);
  }
  return r.out;
}

fs::path source_dir() { return PERECHEN_SOURCE_DIR; }

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

}  // namespace perechen::test
