#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "perechen/i18n.hpp"
#include "perechen/process.hpp"

extern char** environ;

namespace perechen::process {
namespace {

// A file descriptor closed when it goes out of scope, so no early return leaks one.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

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

std::string spawn_message(const std::string& program, int error_number) {
  if (error_number == ENOENT)
    return tr("process.not-found", fmt::arg("program", program));
  return tr("process.cannot-run", fmt::arg("program", program),
            fmt::arg("reason", std::strerror(error_number)));
}

}  // namespace

SpawnError::SpawnError(std::string program, int error_number)
    : Error(ExitCode::failure, spawn_message(program, error_number)),
      program_(std::move(program)),
      error_number_(error_number) {}

Result run(const std::vector<std::string>& argv, const Options& options) {
  if (argv.empty())
    throw Error(ExitCode::failure, "process::run: empty argv");
  Pipe in = make_pipe();
  Pipe out = make_pipe();
  Pipe err = make_pipe();

  std::vector<std::string> env_strings = environment(options.env);
  std::vector<char*> envp = pointers(env_strings);
  std::vector<std::string> args = argv;
  std::vector<char*> argp = pointers(args);

  SigpipeGuard sigpipe;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  if (!options.inherit_stderr) {
    posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  }
  std::string cwd = options.cwd.string();
  if (!cwd.empty())
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  // The child gets the caller's signal mask (not the one blocking SIGPIPE) and SIGPIPE's default
  // action, so it dies quietly when whoever reads its output goes away.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t default_set;
  sigemptyset(&default_set);
  sigaddset(&default_set, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &default_set);
  posix_spawnattr_setsigmask(&attr, &sigpipe.old_mask());
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  pid_t pid = 0;
  const bool search = args[0].find('/') == std::string::npos;
  int rc = search ? ::posix_spawnp(&pid, args[0].c_str(), &actions, &attr, argp.data(), envp.data())
                  : ::posix_spawn(&pid, args[0].c_str(), &actions, &attr, argp.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  in.read.reset();
  out.write.reset();
  err.write.reset();
  if (rc != 0)
    throw SpawnError(args[0], rc);

  Result result;
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
    std::array<pollfd, 3> fds{};
    nfds_t n = 0;
    if (out_fd.open())
      fds[n++] = {out_fd.get(), POLLIN, 0};
    if (err_fd.open())
      fds[n++] = {err_fd.get(), POLLIN, 0};
    if (in_fd.open())
      fds[n++] = {in_fd.get(), POLLOUT, 0};
    if (::poll(fds.data(), n, -1) < 0) {
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

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace perechen::process
