// SPDX-License-Identifier: Apache-2.0
// platform::run on POSIX: posix_spawn with the pipes as file actions, poll() over them while
// the input is fed, waitpid() for the end. Every posix_spawn* call is checked, and its attributes
// and file actions are destroyed by their owners whatever happens.

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <thread>

#include "fd.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/process.hpp"

extern char** environ;

namespace perechen::platform {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

using posix::Fd;

struct Pipe {
  Fd read;
  Fd write;
};

[[noreturn]] void cannot_start(const std::string& program, int error_number) {
  throw SpawnError(program, error_number == ENOENT, std::strerror(error_number));
}

Pipe make_pipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    throw Error(ExitCode::failure, tr("process.no-pipe", fmt::arg("reason", std::strerror(errno))));
  }
  return Pipe{Fd(fds[0]), Fd(fds[1])};
}

// The caller's environment with `extra` laid over it, as "KEY=value" strings.
std::vector<std::string> environment(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos)
      continue;
    merged.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  for (const auto& [key, value] : extra)
    merged[key] = value;
  std::vector<std::string> result;
  result.reserve(merged.size());
  for (const auto& [key, value] : merged)
    result.push_back(key + "=" + value);
  return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  result.reserve(strings.size() + 1);
  for (auto& s : strings)
    result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// Writing to a child that has already exited raises SIGPIPE, which would kill the whole program.
// While feeding input, SIGPIPE is blocked in this thread and a SIGPIPE the writes caused is taken
// off the pending set before the old mask comes back.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_mask_);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeGuard() {
    if (!was_pending_) {
      sigset_t pending;
      sigemptyset(&pending);
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        timespec zero{};
        while (sigtimedwait(&pipe_set_, nullptr, &zero) < 0 && errno == EINTR) {
        }
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;
  const sigset_t& old_mask() const { return old_mask_; }

 private:
  sigset_t pipe_set_{};
  sigset_t old_mask_{};
  bool was_pending_ = false;
};

// posix_spawn_file_actions_t and posix_spawnattr_t, destroyed by their owner; every call that
// fills them is checked, as a failed one would start the child wired wrongly.
class FileActions {
 public:
  explicit FileActions(const std::string& program) : program_(program) {
    check(posix_spawn_file_actions_init(&actions_));
  }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  void dup2(int fd, int to) { check(posix_spawn_file_actions_adddup2(&actions_, fd, to)); }
  void chdir(const std::string& dir) {
    check(posix_spawn_file_actions_addchdir_np(&actions_, dir.c_str()));
  }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  void check(int rc) const {
    if (rc != 0)
      cannot_start(program_, rc);
  }
  const std::string& program_;
  posix_spawn_file_actions_t actions_{};
};

class SpawnAttributes {
 public:
  explicit SpawnAttributes(const std::string& program) : program_(program) {
    check(posix_spawnattr_init(&attr_));
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attr_); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;

  // The child starts with `defaults` at their default action and `mask` as its signal mask.
  void signals(const sigset_t& defaults, const sigset_t& mask) {
    check(posix_spawnattr_setsigdefault(&attr_, &defaults));
    check(posix_spawnattr_setsigmask(&attr_, &mask));
    check(posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
  }
  const posix_spawnattr_t* get() const { return &attr_; }

 private:
  void check(int rc) const {
    if (rc != 0)
      cannot_start(program_, rc);
  }
  const std::string& program_;
  posix_spawnattr_t attr_{};
};

// With SIGCHLD ignored (or SA_NOCLDWAIT set), the kernel reaps children by itself and waitpid
// fails with ECHILD once they are gone: the exit code would be lost. Such a disposition is
// inherited across exec from whoever started perechen, so it is put right before each start.
void make_children_waitable() {
  struct sigaction current {};
  if (::sigaction(SIGCHLD, nullptr, &current) != 0)
    return;
  bool ignored = (current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == SIG_IGN;
  if (!ignored && (current.sa_flags & SA_NOCLDWAIT) == 0)
    return;
  struct sigaction fixed = current;
  fixed.sa_flags &= ~SA_NOCLDWAIT;
  if (ignored) {
    fixed.sa_handler = SIG_DFL;
    fixed.sa_flags = 0;
  }
  ::sigaction(SIGCHLD, &fixed, nullptr);
}

// Waits for `pid`; with a deadline, kills it when the deadline passes first (timed_out).
int wait_for(pid_t pid, const std::string& program, std::optional<Clock::time_point> deadline,
             bool& timed_out) {
  int status = 0;
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    pid_t rc = ::waitpid(pid, &status, deadline ? WNOHANG : 0);
    if (rc == pid)
      return status;
    if (rc < 0 && errno == EINTR)
      continue;
    if (rc < 0) {
      throw Error(ExitCode::failure, tr("process.lost", fmt::arg("program", program),
                                        fmt::arg("reason", std::strerror(errno))));
    }
    // rc == 0: still running, and there is a deadline.
    if (Clock::now() >= *deadline) {
      ::kill(pid, SIGKILL);
      timed_out = true;
      deadline.reset();
      continue;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::access(path.c_str(), X_OK) == 0 && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

std::optional<fs::path> find_program(std::string_view name) {
  std::string program(name);
  if (program.empty())
    return std::nullopt;
  if (program.find('/') != std::string::npos) {
    if (is_executable_file(program))
      return fs::path(program);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/bin:/usr/bin";
  while (true) {
    auto colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (is_executable_file(candidate))
      return fs::path(candidate);
    if (colon == std::string_view::npos)
      return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    throw Error(ExitCode::failure, "platform::run: empty argv");
  const std::string& program = argv.front();
  Pipe in = make_pipe();
  Pipe out = make_pipe();
  Pipe err = make_pipe();

  std::vector<std::string> env_strings = environment(options.env);
  std::vector<char*> envp = pointers(env_strings);
  std::vector<std::string> args = argv;
  std::vector<char*> argp = pointers(args);

  make_children_waitable();
  SigpipeGuard sigpipe;

  FileActions actions(program);
  actions.dup2(in.read.get(), STDIN_FILENO);
  actions.dup2(out.write.get(), STDOUT_FILENO);
  if (!options.inherit_stderr)
    actions.dup2(err.write.get(), STDERR_FILENO);
  std::string cwd = options.cwd.string();
  if (!cwd.empty())
    actions.chdir(cwd);

  // The child gets the caller's signal mask (not the one blocking SIGPIPE), SIGPIPE's default
  // action, so it dies quietly when whoever reads its output goes away, and SIGCHLD's, so that
  // it can wait for children of its own (`sh -c` does).
  SpawnAttributes attributes(program);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGCHLD);
  attributes.signals(defaults, sigpipe.old_mask());

  pid_t pid = 0;
  const bool search = program.find('/') == std::string::npos;
  int rc = search ? ::posix_spawnp(&pid, program.c_str(), actions.get(), attributes.get(),
                                   argp.data(), envp.data())
                  : ::posix_spawn(&pid, program.c_str(), actions.get(), attributes.get(),
                                  argp.data(), envp.data());
  in.read.reset();
  out.write.reset();
  err.write.reset();
  if (rc != 0)
    cannot_start(program, rc);

  std::optional<Clock::time_point> deadline;
  if (options.timeout.count() > 0)
    deadline = Clock::now() + options.timeout;

  RunResult result;
  Fd in_fd = std::move(in.write);
  Fd out_fd = std::move(out.read);
  Fd err_fd = std::move(err.read);
  if (options.inherit_stderr)
    err_fd.reset();
  std::size_t written = 0;
  if (options.input.empty()) {
    in_fd.reset();
  } else {
    // Non-blocking, so a large input never stalls while the child waits for its output to drain.
    int flags = ::fcntl(in_fd.get(), F_GETFL);
    ::fcntl(in_fd.get(), F_SETFL, flags | O_NONBLOCK);
  }

  std::array<char, 65536> buffer{};
  while (out_fd.open() || err_fd.open()) {
    int wait_ms = -1;
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) {
        // Whatever still holds the pipes (the program, or a child it left behind) is not waited
        // for any longer; wait_for() kills the program itself.
        break;
      }
      wait_ms = static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 1000));
    }
    std::array<pollfd, 3> fds{};
    nfds_t n = 0;
    if (out_fd.open())
      fds[n++] = {out_fd.get(), POLLIN, 0};
    if (err_fd.open())
      fds[n++] = {err_fd.get(), POLLIN, 0};
    if (in_fd.open())
      fds[n++] = {in_fd.get(), POLLOUT, 0};
    if (::poll(fds.data(), n, wait_ms) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0)
        continue;
      if (in_fd.open() && fds[i].fd == in_fd.get()) {
        ssize_t w =
            ::write(in_fd.get(), options.input.data() + written, options.input.size() - written);
        if (w > 0)
          written += static_cast<std::size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == options.input.size()) {
          in_fd.reset();
        }
        continue;
      }
      Fd& source = (out_fd.open() && fds[i].fd == out_fd.get()) ? out_fd : err_fd;
      ssize_t r = ::read(source.get(), buffer.data(), buffer.size());
      if (r > 0) {
        (&source == &out_fd ? result.out : result.err)
            .append(buffer.data(), static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        source.reset();
      }
    }
  }
  in_fd.reset();
  out_fd.reset();
  err_fd.reset();

  int status = wait_for(pid, program, deadline, result.timed_out);
  if (result.timed_out)
    return result;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

std::filesystem::path own_program() {
  // Linux names it here; elsewhere nothing does reliably, and the caller goes without.
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self;
}

std::string ssh_keygen_install_hint() {
  return tr("process.install-ssh-keygen");
}

}  // namespace perechen::platform
