// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the POSIX backend's files share: a file descriptor closed by its owner, and writing a
// whole buffer to one.

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace perechen::platform::posix {

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
  // Closes the descriptor: 0, or the errno of a close that failed (a write the file system
  // could not finish, on NFS for one).
  int close() {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0 && errno != EINTR)
      return errno;
    return 0;
  }

 private:
  int fd_ = -1;
};

// Writes all of `content` to `fd`, waiting when a non-blocking one is full: 0, or the errno.
inline int write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd ready{fd, POLLOUT, 0};
      ::poll(&ready, 1, -1);
      continue;
    }
    if (w < 0)
      return errno;
    if (w == 0)
      return EIO;
    done += static_cast<std::size_t>(w);
  }
  return 0;
}

}  // namespace perechen::platform::posix
