// SPDX-License-Identifier: Apache-2.0
#pragma once

// The one place libgit2's C handles are owned: every git_* object lives in a Handle that frees it,
// every libgit2 return code goes through check(). Code outside src/git/ may call libgit2 functions
// on `.get()` of these handles, but never frees anything itself.

#include <git2.h>

#include <memory>
#include <string>
#include <string_view>

namespace perechen::git {

// Initialises libgit2 once per process (a static guard); every entry point of the wrapper calls it.
void ensure_initialized();

// Throws perechen::Error(ExitCode::failure) when `rc` < 0, with `what` (a sentence in the current
// language saying what perechen was doing) and libgit2's own reason from git_error_last().
void check(int rc, std::string_view what);

// libgit2's reason for the last failure on this thread, or an empty string.
std::string last_error();

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p != nullptr)
      Free(p);
  }
};

// An owned libgit2 object. Fill it with `git_xxx_lookup(out_ptr(h), …)`-style calls through
// `Out`, below.
template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using ReferenceIteratorHandle = Handle<git_reference_iterator, git_reference_iterator_free>;
using TagHandle = Handle<git_tag, git_tag_free>;
using SignatureHandle = Handle<git_signature, git_signature_free>;
using OdbHandle = Handle<git_odb, git_odb_free>;
using OdbObjectHandle = Handle<git_odb_object, git_odb_object_free>;
using ConfigHandle = Handle<git_config, git_config_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using DiffHandle = Handle<git_diff, git_diff_free>;
using StatusListHandle = Handle<git_status_list, git_status_list_free>;
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;
using TreeBuilderHandle = Handle<git_treebuilder, git_treebuilder_free>;

// Lets a libgit2 "T** out" parameter fill a Handle:
//   git::CommitHandle c; git::check(git_commit_lookup(git::Out(c), repo, &id), "…");
template <typename H>
class Out {
 public:
  using Pointer = typename H::pointer;
  explicit Out(H& handle) : handle_(handle) {}
  ~Out() { handle_.reset(raw_); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  operator Pointer*() { return &raw_; }

 private:
  H& handle_;
  Pointer raw_ = nullptr;
};

// A git_buf that disposes of itself.
class Buf {
 public:
  Buf() = default;
  ~Buf() { git_buf_dispose(&buf_); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;

  git_buf* get() { return &buf_; }
  std::string str() const {
    return buf_.ptr == nullptr ? std::string() : std::string(buf_.ptr, buf_.size);
  }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

}  // namespace perechen::git
