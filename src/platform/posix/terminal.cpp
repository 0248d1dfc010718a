// SPDX-License-Identifier: Apache-2.0
// The terminal of perechen/platform/terminal.hpp on POSIX: isatty, and termios for a line read
// without echo on /dev/tty, as OpenSSH's readpassphrase does it.

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "fd.hpp"
#include "perechen/platform/terminal.hpp"

namespace perechen::platform {
namespace {

using posix::Fd;

// Longer than any passphrase; the rest of a longer line is read and dropped.
constexpr std::size_t kMaxLine = 8192;

volatile sig_atomic_t caught_signal = 0;

extern "C" void remember_signal(int signal) {
  caught_signal = signal;
}

// While echo is off, the signals that would end or stop the program are only remembered, so the
// terminal gets its settings back first; the owner then passes a remembered one on.
class SignalCatcher {
 public:
  SignalCatcher() {
    caught_signal = 0;
    struct sigaction catcher {};
    catcher.sa_handler = remember_signal;
    sigemptyset(&catcher.sa_mask);
    catcher.sa_flags = 0;  // no SA_RESTART: read() returns EINTR at once
    for (std::size_t i = 0; i < kSignals.size(); ++i)
      ::sigaction(kSignals[i], &catcher, &saved_[i]);
  }
  ~SignalCatcher() { restore(); }
  SignalCatcher(const SignalCatcher&) = delete;
  SignalCatcher& operator=(const SignalCatcher&) = delete;

  void restore() {
    if (restored_)
      return;
    for (std::size_t i = 0; i < kSignals.size(); ++i)
      ::sigaction(kSignals[i], &saved_[i], nullptr);
    restored_ = true;
  }

 private:
  static constexpr std::array<int, 7> kSignals{SIGINT,  SIGTERM, SIGHUP, SIGQUIT,
                                               SIGTSTP, SIGTTIN, SIGTTOU};
  std::array<struct sigaction, 7> saved_{};
  bool restored_ = false;
};

int descriptor(Stream stream) {
  switch (stream) {
    case Stream::input:
      return STDIN_FILENO;
    case Stream::output:
      return STDOUT_FILENO;
    case Stream::error:
      break;
  }
  return STDERR_FILENO;
}

}  // namespace

bool is_terminal(Stream stream) {
  return ::isatty(descriptor(stream)) != 0;
}

void prepare_console() {
  // A POSIX terminal shows the bytes it is given; its encoding is the locale's business.
}

std::optional<std::string> read_hidden_line(std::string_view prompt) {
  Fd tty(::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!tty.open())
    return std::nullopt;
  termios saved{};
  if (::tcgetattr(tty.get(), &saved) != 0)
    return std::nullopt;

  std::optional<std::string> line;
  {
    SignalCatcher signals;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ICANON;
    // TCSAFLUSH drops what was typed before the prompt: it was echoed, so it is no secret. The
    // prompt comes after, so nothing typed in answer to it is dropped.
    while (::tcsetattr(tty.get(), TCSAFLUSH, &quiet) != 0 && errno == EINTR) {
    }
    posix::write_all(tty.get(), prompt);
    std::string text;
    bool ended = false;
    while (caught_signal == 0) {
      char c = 0;
      ssize_t r = ::read(tty.get(), &c, 1);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;  // the terminal went away, or the input ended (Ctrl+D on an empty line)
      if (c == '\n') {
        ended = true;
        break;
      }
      if (text.size() < kMaxLine)
        text += c;
    }
    while (::tcsetattr(tty.get(), TCSAFLUSH, &saved) != 0 && errno == EINTR) {
    }
    posix::write_all(tty.get(), "\n");  // the line end the person typed was not shown
    signals.restore();
    if (caught_signal != 0) {
      ::raise(caught_signal);
      return std::nullopt;  // the signal was handled or ignored by the caller's own disposition
    }
    if (ended || !text.empty()) {
      if (!text.empty() && text.back() == '\r')
        text.pop_back();
      line = std::move(text);
    }
  }
  return line;
}

}  // namespace perechen::platform
