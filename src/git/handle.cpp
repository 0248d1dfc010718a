// SPDX-License-Identifier: Apache-2.0
#include "perechen/git/handle.hpp"

#include <mutex>

#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::git {

void ensure_initialized() {
  // libgit2 counts its initialisations; once per process is enough and it is never shut down, so
  // handles freed by static destructors stay valid.
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

std::string last_error() {
  const git_error* error = git_error_last();
  if (error == nullptr || error->message == nullptr)
    return {};
  return error->message;
}

void check(int rc, std::string_view what) {
  if (rc >= 0)
    return;
  std::string reason = last_error();
  if (reason.empty())
    reason = fmt::format("libgit2 error {}", rc);
  throw Error(ExitCode::failure,
              tr("git.failed", fmt::arg("what", what), fmt::arg("reason", reason)));
}

}  // namespace perechen::git
