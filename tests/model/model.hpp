// SPDX-License-Identifier: Apache-2.0
#pragma once

// A reference model of the approval evaluation over the commit graph: an abstract history (what
// each commit's registry holds, which commit claims to approve what) and an evaluator written
// straight from the INVARIANTS, TERMS and STEPS of include/perechen/approval/history.hpp.
//
// Small, slow and obviously right: versions are enumerated, sets are std::set, nothing is cached,
// and nothing here reads git or calls src/approval. Files are compared as abstract values (equal
// values are equal bytes, because the repository builder writes each value one way only), so the
// model decides "the same blob" without hashing anything.
//
// Two readings of the header are choices of this model (docs/approval-model.md lists them):
//  - (carried) takes only versions whose change holds a registry file, and settles a leg only
//    when it takes one at least: else a leg that differs by a file the reader does not list (a
//    .keep under points/) would be settled by nothing.
//  - "settings changed" (every curator needed) is perechen.yaml changed outside its process
//    lists, as approval::analyze reads it: a process moved or renamed needs the curators of its
//    directions only, a process added or removed comes with a roster change anyway.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace perechen::model {

// ---- Content --------------------------------------------------------------------------------

struct Process {
  std::string id;
  int title = 0;  // the variant of its title: a rename changes it

  friend bool operator==(const Process&, const Process&) = default;
};

struct Direction {
  std::string id;
  std::vector<Process> processes;  // sorted by id (written in that order)

  friend bool operator==(const Direction&, const Direction&) = default;
};

// perechen.yaml.
struct Settings {
  int title = 0;  // the registry's title: a settings change outside the process lists
  std::vector<Direction> directions;
  bool duplicate_process = false;  // the first process written twice: a validation error

  friend bool operator==(const Settings&, const Settings&) = default;
};

struct Person {
  std::string id;
  int key = 0;  // the index of the person's one SSH key among the run's keys

  friend bool operator==(const Person&, const Person&) = default;
};

// roster.yaml.
struct Roster {
  std::vector<Person> people;  // sorted by id
  std::string client_centricity;
  std::map<std::string, std::string> curators;  // direction -> person
  std::map<std::string, std::string> owners;    // process -> person
  // Further holders of a role beside the one above (spec §2.2: the head and whoever stands in),
  // by role as in Perechen-Role ("process_owner p1", "direction_curator d1",
  // "client_centricity"); written as a list `p1: [sidorov, kozlov]`. Any holder approves it.
  std::map<std::string, std::vector<std::string>> deputies;

  const Person* find(const std::string& id) const;
  friend bool operator==(const Roster&, const Roster&) = default;
};

// A point file: its process and which of its texts it holds.
struct Point {
  std::string process;
  int variant = 0;

  friend bool operator==(const Point&, const Point&) = default;
};

// The registry of a commit.
struct Content {
  Settings settings;
  Roster roster;
  std::map<std::string, Point> points;  // "points/a/t1.yaml" -> point
  std::set<std::string> keeps;          // ".keep" files under points/: "points/a/.keep"
  // A tree of points/ that cannot be read one way: 1, a folder and a point file of one name;
  // 2, two point files of one name. 0: a tree git itself would write.
  int malformed = 0;

  friend bool operator==(const Content&, const Content&) = default;
};

// Validation errors the model knows of: a process id given twice, a point naming an unknown
// process, a roster whose roles do not match the settings (a direction without a curator, a
// process without an owner, a role for an unknown scope or held by nobody of the roster), one key
// held by two people, a direction without processes.
bool valid(const Content& content);

// One line: "t0 d1[p1,p2] d2[p3] | cc=ivanova d1=petrova … | a/t1:p1.0 … | keep a | MALFORMED".
std::string describe(const Content& content);

// The people of every generated roster, by id; person i holds key i at first.
const std::vector<std::string>& people_ids();
// The registry every generated history starts from: directions d1 (p1, p2), d2 (p3), d3 (p4);
// ivanova client-centricity, petrova curator of d1 and d2, kozlov of d3, sidorov owner of p1 and
// p2, orlova of p3, belov of p4; points a/t1 (p1), b/t2 (p2), c/t3 (p3), a/t4 (p4).
Content initial_content();

// ---- History --------------------------------------------------------------------------------

struct Approval {
  enum class Base { commit, none, unknown };
  Base base = Base::commit;
  std::size_t base_commit = 0;     // Base::commit: the commit Perechen-Base names
  std::string approver;            // Perechen-Approver
  std::vector<std::string> roles;  // Perechen-Role: "process_owner p1", "client_centricity"
  int key = 0;                     // the key that signs
  bool bad_signature = false;      // the signature does not verify over the commit
  // Perechen-Content: the content id of this commit; or, when set, of that commit's content.
  std::optional<std::size_t> claims_content_of;
};

struct Commit {
  std::string id;  // the commit id, hex: the order of tips and versions, and of approvals
  std::vector<std::size_t> parents;  // indices of earlier commits, in parent order
  std::optional<Content> content;    // nullopt: no perechen.yaml
  int readme = 0;                    // the variant of README.md, a file outside the registry
  std::optional<Approval> approval;  // its message is an approval's (Perechen- trailers)
  int stamp = 0;     // its time, in minutes after the first commit's: kept when a history shrinks
  std::string note;  // what the generator meant, for people
};

// Parents before children.
struct History {
  std::vector<Commit> commits;
};

// ---- Evaluation -----------------------------------------------------------------------------

struct Version {
  Content content;
  std::set<std::size_t> bases;        // version indices
  std::set<std::size_t> consumed;     // approval commits
  std::set<std::size_t> completions;  // the commits that completed it
  std::set<std::size_t> absorbed;     // versions it re-approved: in anc, their spent in spent
};

struct CommitState {
  bool approval = false;              // passed pass 1
  std::set<std::size_t> ancestors;    // itself included
  std::set<std::size_t> live;         // live(c)
  bool root = false;                  // holds a registry, none of its ancestors does
  std::vector<std::size_t> tips;      // versions, in order
  std::optional<std::size_t> formed;  // the version completed here
  bool approved = false;
  std::string why;  // when not approved: "roots", "two first versions", "no registry", …
  // When a version formed here: how each leg was settled, in the order they were taken:
  // "first version", "empty", "fresh", "fresh (base: a later commit)", "carried".
  std::vector<std::string> legs;
  // The header's two readings of tips(c) disagree here: the versions of versions(c) that no
  // other covers, and the tips computed from the parents' (a check of the model and the header).
  bool tips_inconsistent = false;
};

class Evaluator {
 public:
  explicit Evaluator(const History& history) : history_(history) {}

  // Evaluates the commits added to the history since the last call.
  void advance();

  const CommitState& state(std::size_t commit) const { return states_.at(commit); }
  const std::vector<Version>& versions() const { return versions_; }

  // The first tip of `commit` whose content is not the commit's (nullopt: none, or no tip).
  std::optional<std::size_t> pending_tip(std::size_t commit) const;
  // The completion commit of version `v` that names it from `commit`: the smallest id among
  // those that are ancestors of `commit`.
  std::size_t node(std::size_t v, std::size_t commit) const;

  // The roles a change needs, each with its holder (empty: nobody), from `base` (nullptr: the
  // first version, judged by its own roster) to `current`.
  static std::map<std::string, std::string> needed(const Content* base, const Content& current);

  // The roles of the leg from `tip` (nullopt: the first version) to the content of `commit` that
  // no approval of live(commit) fills yet, as `perechen status` would list them (for the
  // generator: approvers give what is missing).
  std::map<std::string, std::string> missing(std::size_t commit,
                                             std::optional<std::size_t> tip) const;

  // Compact description of a version and of a commit's state, for reports.
  std::string describe_version(std::size_t v, std::size_t at) const;
  std::string describe_state(std::size_t commit) const;

 private:
  struct Candidate {
    std::set<std::size_t> bases;
    std::set<std::size_t> consumed;
    std::set<std::size_t> absorbed;  // re-approved versions (step 4)
  };
  struct Leg {
    bool settled = false;
    bool empty = false;
    std::set<std::size_t> consumed;
    std::string how;
  };

  void evaluate(std::size_t c);
  bool pass1(std::size_t c) const;
  bool same_content(std::size_t a, std::size_t b) const;
  std::string key(std::size_t v, std::size_t at) const;
  void sort_versions(std::vector<std::size_t>& list, std::size_t at) const;
  std::set<std::size_t> versions_at(std::size_t c) const;

  std::set<std::size_t> anc(std::size_t v) const;
  std::set<std::size_t> anc(const Candidate& candidate) const;
  std::set<std::size_t> spent(std::size_t v) const;
  std::set<std::size_t> spent(const Candidate& candidate) const;
  bool covers(const Candidate& v, std::size_t w) const;
  bool reapproved(std::size_t c, Candidate& v, std::size_t w) const;
  bool covers(std::size_t v, std::size_t w) const;
  bool names(std::size_t approval, std::size_t tip, std::size_t c) const;

  Leg settle(std::size_t c, std::optional<std::size_t> tip, const std::set<std::size_t>& earlier);
  std::optional<std::set<std::size_t>> fresh(std::size_t c, std::optional<std::size_t> tip,
                                             const std::set<std::size_t>& excluded) const;
  std::optional<std::set<std::size_t>> carried(std::size_t c, std::size_t tip,
                                               const std::set<std::size_t>& excluded) const;
  bool verdict(std::size_t c, std::string& why) const;

  const History& history_;
  std::vector<CommitState> states_;
  std::vector<Version> versions_;
};

}  // namespace perechen::model
