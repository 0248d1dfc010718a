// SPDX-License-Identifier: Apache-2.0
#pragma once

// The registry in a folder of the file system as git sees it: when the folder is in a git
// working tree, every file read is passed through git's clean filters for its path (the ones
// `git add` applies: core.autocrlf, the text and eol attributes), so a working copy checked out
// with CRLF line ends (Git for Windows' default, core.autocrlf=true) gives the very bytes of the
// blobs it was checked out from. Content identity is git's blobs: the content id of the working
// tree, the rows of a diff and the findings of validate are then those of an LF checkout.
// Outside git it is make_directory_source() itself.

#include <filesystem>
#include <memory>

#include "perechen/registry/source.hpp"

namespace perechen::git {

std::unique_ptr<ContentSource> make_worktree_source(const std::filesystem::path& root);

}  // namespace perechen::git
