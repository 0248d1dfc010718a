// SPDX-License-Identifier: Apache-2.0
#pragma once

// Random histories of a registry as a forge sees them: pull requests on branches, merges in both
// parent orders and octopus merges, fast-forwards, stacked pull requests, approvals (mostly right,
// sometimes with a wrong or older base, roles not held or not needed, a stranger's or another
// person's key, a bad signature, another content, a changed tree), reverts, squash-like commits,
// changes of the roster and of the settings, .keep files, invalid and malformed content. The model
// is asked what is pending, so that most approvals are the ones a careful approver would make.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "builder.hpp"
#include "model.hpp"

namespace perechen::model {

class Generator {
 public:
  // Appends to `history`, writing each commit with `builder` and evaluating it with `model`.
  Generator(std::uint64_t seed, History& history, RepoBuilder& builder, Evaluator& model);

  // Grows the history to about `commits` commits.
  void run(std::size_t commits);

  // How often each thing was made, by name ("edit: revert", "merge: octopus", …).
  const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  struct Branch {
    std::string name;
    std::size_t head = 0;
  };

  std::size_t add(Commit commit);
  void count(const std::string& what) { ++counts_[what]; }
  std::size_t pick(std::size_t n);
  bool chance(double p);
  template <class T>
  const T& one_of(const std::vector<T>& list) {
    return list[pick(list.size())];
  }

  void start();
  void edit(Branch& branch);
  void approve(Branch& branch);
  void new_branch();
  void merge();
  void siblings();
  void fast_forward();
  void second_root();

  Content mutate(Content content, std::size_t head, std::string& note);
  Content merged(const std::vector<std::size_t>& heads);
  std::size_t merge_base(std::size_t a, std::size_t b) const;
  void approve_leg(Branch& branch, std::optional<std::size_t> tip, std::size_t at,
                   std::string& summary);

  std::mt19937_64 random_;
  History& history_;
  RepoBuilder& builder_;
  Evaluator& model_;
  std::vector<Branch> branches_;
  int branch_count_ = 0;
  int variants_ = 10;  // fresh point variants start here
  int processes_ = 4;  // p1..p4 exist at the start
  std::map<std::string, std::size_t> counts_;
  bool faults_ = true;        // approvals may be wrong
  bool points_only_ = false;  // edits change points only
};

}  // namespace perechen::model
