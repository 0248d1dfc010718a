// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/history.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "perechen/approval/trailer.hpp"
#include "perechen/error.hpp"
#include "perechen/i18n.hpp"

namespace perechen::approval {

std::string_view to_string(Rejection reason) {
  switch (reason) {
    case Rejection::malformed:
      return "malformed";
    case Rejection::not_empty:
      return "not-empty";
    case Rejection::unsigned_commit:
      return "unsigned";
    case Rejection::bad_signature:
      return "bad-signature";
    case Rejection::no_registry:
      return "no-registry";
    case Rejection::stale_content:
      return "stale-content";
    case Rejection::already_approved:
      return "already-approved";
    case Rejection::key_not_in_roster:
      return "key-not-in-roster";
    case Rejection::approver_mismatch:
      return "approver-mismatch";
    case Rejection::role_not_held:
      return "role-not-held";
    case Rejection::role_not_needed:
      return "role-not-needed";
    case Rejection::duplicate:
      return "duplicate";
    case Rejection::unsupported_signature:
      return "unsupported-signature";
    case Rejection::unknown_base:
      return "unknown-base";
    case Rejection::base_not_on_chain:
      return "base-not-on-chain";
    case Rejection::spent:
      return "spent";
    case Rejection::other_change:
      return "other-change";
    case Rejection::several_signers:
      return "several-signers";
    case Rejection::unsupported_algorithm:
      return "unsupported-algorithm";
    case Rejection::untrusted_issuer:
      return "untrusted-issuer";
    case Rejection::certificate_expired:
      return "expired";
    case Rejection::certificate_revoked:
      return "revoked";
    case Rejection::key_usage:
      return "key-usage";
  }
  return "malformed";
}

std::string When::date() const {
  // Out of the range git accepts: said plainly, never an overflowed date.
  return git::format_date(time, offset_minutes).value_or("—");
}

std::vector<FileChange> changed_files(const Snapshot* before, const Snapshot& after) {
  std::vector<FileChange> result;
  auto blob_of = [](const Snapshot* s, bool roster) -> std::optional<git::Oid> {
    if (s == nullptr)
      return std::nullopt;
    return roster ? s->roster_blob() : s->config_blob();
  };
  for (bool roster : {false, true}) {
    auto from = blob_of(before, roster);
    auto to = blob_of(&after, roster);
    if (from != to)
      result.push_back(FileChange{roster ? kRosterFile : kConfigFile, from, to});
  }
  for (const auto& d : diff_point_files(before, after)) {
    const std::string& path = d.after ? d.after->path : d.before->path;
    result.push_back(FileChange{path, d.before ? std::optional(d.before->blob) : std::nullopt,
                                d.after ? std::optional(d.after->blob) : std::nullopt});
  }
  std::sort(result.begin(), result.end(),
            [](const FileChange& x, const FileChange& y) { return x.path < y.path; });
  return result;
}

bool same_change(const std::vector<FileChange>& a, const std::vector<FileChange>& b) {
  return !a.empty() && a == b;
}

namespace {

When when_of(const git::RawCommit& raw) {
  return When{raw.time, raw.offset_minutes};
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// A set of small integers (approvals, versions, commits of one evaluation).
class Bits {
 public:
  bool test(std::size_t i) const {
    return i / 64 < words_.size() && ((words_[i / 64] >> (i % 64)) & 1U) != 0;
  }
  void set(std::size_t i) {
    if (i / 64 >= words_.size())
      words_.resize(i / 64 + 1, 0);
    words_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  void merge(const Bits& other) {
    if (other.words_.size() > words_.size())
      words_.resize(other.words_.size(), 0);
    for (std::size_t i = 0; i < other.words_.size(); ++i)
      words_[i] |= other.words_[i];
  }
  bool contains(const Bits& other) const {
    for (std::size_t i = 0; i < other.words_.size(); ++i) {
      std::uint64_t mine = i < words_.size() ? words_[i] : 0;
      if ((other.words_[i] & ~mine) != 0)
        return false;
    }
    return true;
  }
  // Calls f(i) for every i of this set that `other` lacks, in increasing order.
  template <class F>
  void each_not_in(const Bits& other, F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::uint64_t bits = words_[w] & ~(w < other.words_.size() ? other.words_[w] : 0);
      while (bits != 0) {
        int bit = __builtin_ctzll(bits);
        f(w * 64 + static_cast<std::size_t>(bit));
        bits &= bits - 1;
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

const Bits kEmpty;

struct Node {
  git::Oid id;
  git::Oid tree;
  std::vector<git::Oid> parent_ids;
  std::vector<std::size_t> parents;  // positions in topological order
  std::size_t children_left = 0;
  When when;
  std::string author;
  Snapshot snapshot;
  std::optional<git::RawCommit> raw;         // kept for approval-like commits only, until pass 1
  bool content_before = false;               // it or an ancestor holds a registry
  std::size_t approval = kNone;              // its valid approval
  std::optional<RejectedApproval> rejected;  // why pass 1 refused it
  std::shared_ptr<const Bits> live;          // live(c): approvals
  std::shared_ptr<const Bits> seen;          // versions(c)
  std::vector<std::size_t> tips;             // tips(c), in order
  std::size_t since = kNone;                 // the first commit of its pending change
  // The version whose content it holds when it is approved (a Perechen-Base may name it), and
  // every tip of that content there (two versions of one content may meet in a merge).
  std::size_t at_version = kNone;
  std::vector<std::size_t> at_versions;
};

struct Approval {
  std::size_t node = 0;
  ApprovalTrailers trailers;
  Signer signer;
  When when;  // the approval commit's committer time: inside the signed bytes
};

struct Version {
  std::size_t node = 0;
  Snapshot snapshot;
  std::vector<std::size_t> bases;     // none for the first version and the anchor
  std::vector<std::size_t> consumed;  // approvals, increasing
  Bits anc;                           // anc(V): itself and every version before it
  Bits spent;                         // the approvals consumed in anc(V)
  std::vector<FileChange> change;     // from its only base; empty with several bases or none
  std::set<std::string> touched;      // the files that differ from any base
  bool anchored = false;
  std::vector<CountedApproval> approvals;
  std::vector<RequiredApproval> required;
  When date;               // the latest signed time among consumed (the anchor's own time)
  std::size_t newest = 0;  // the newest commit judged approved at this version
};

// One leg t -> X of a version being formed (step 4).
struct Leg {
  std::size_t tip = kNone;  // kNone: the first version
  bool empty = false;
  bool settled = false;
  Change change;
  std::vector<RequiredApproval> required;
  std::vector<CountedApproval> counted;
  std::vector<std::size_t> consumed;
};

// A version being formed: the union of what its legs bring so far.
struct Draft {
  std::vector<std::size_t> bases;
  Bits anc;
  Bits spent;  // spent of the bases and what the legs consumed
  std::vector<std::size_t> consumed;
  std::vector<Leg> legs;
};

struct Verdict {
  std::optional<Rejection> reason;
  std::string detail;
};

class Evaluation {
 public:
  explicit Evaluation(ContentReader& reader) : reader_(reader), repo_(reader.repository()) {}

  Status run(const git::Oid& revision, const EvaluateOptions& options) {
    anchor_ = options.anchor;
    walk(revision);
    if (anchor_ && index_.find(*anchor_) == index_.end()) {
      throw Error(ExitCode::problems,
                  tr("approval.anchor-not-reachable", fmt::arg("anchor", anchor_->hex()),
                     fmt::arg("rev", revision.hex())));
    }
    index_signers();
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      check_approval(i);
    find_roots();
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      step(i);
    Status status = finish(revision);
    if (options.look_elsewhere && !status.approved && status.content)
      look_elsewhere(status);
    return status;
  }

 private:
  // ---- 1. Walk ---------------------------------------------------------------------------------

  std::size_t read(const git::Oid& id) {
    Node node;
    node.id = id;
    git::RawCommit raw = repo_.raw_commit(id);
    node.tree = raw.tree;
    node.parent_ids = raw.parents;
    node.when = when_of(raw);
    node.author = git::person_name(raw.author);
    if (looks_like_approval(raw.message))
      node.raw = std::move(raw);
    walked_.push_back(std::move(node));
    return walked_.size() - 1;
  }

  void walk(const git::Oid& revision) {
    std::unordered_map<git::Oid, std::size_t, git::OidHash> seen;
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // (walked index, next parent)
    seen.emplace(revision, read(revision));
    stack.emplace_back(0, 0);
    std::vector<std::size_t> order;  // walked indices, parents first
    while (!stack.empty()) {
      auto& [at, next] = stack.back();
      if (next < walked_[at].parent_ids.size()) {
        git::Oid parent = walked_[at].parent_ids[next++];
        if (seen.find(parent) == seen.end()) {
          std::size_t n = read(parent);
          seen.emplace(parent, n);
          stack.emplace_back(n, 0);
        }
        continue;
      }
      order.push_back(at);
      stack.pop_back();
    }
    nodes_.reserve(order.size());
    for (std::size_t w : order) {
      index_.emplace(walked_[w].id, nodes_.size());
      nodes_.push_back(std::move(walked_[w]));
    }
    walked_.clear();
    for (auto& node : nodes_) {
      for (const auto& p : node.parent_ids) {
        std::size_t at = index_.at(p);
        node.parents.push_back(at);
        ++nodes_[at].children_left;
      }
      node.snapshot = reader_.at_tree(node.tree, node.id);
    }
  }

  // ---- 2. Pass 1 -------------------------------------------------------------------------------

  // Every roster of the history, each distinct file once: who may sign anything here (I7).
  void index_signers() {
    std::unordered_map<git::Oid, bool, git::OidHash> done;
    for (const auto& node : nodes_) {
      const auto& blob = node.snapshot.roster_blob();
      if (!blob || !done.emplace(*blob, true).second)
        continue;
      if (auto roster = node.snapshot.roster())
        signers_.add(*roster);
    }
  }

  void check_approval(std::size_t i) {
    Node& node = nodes_[i];
    if (!node.raw)
      return;
    git::RawCommit raw = std::move(*node.raw);
    node.raw.reset();
    auto reject = [&](Rejection reason, std::string detail) {
      node.rejected = RejectedApproval{node.id, reason, std::move(detail)};
    };
    if (auto problem = git::header_problem(raw))
      return reject(Rejection::malformed, *problem);
    ParsedTrailers parsed = parse_approval_message(raw.message);
    if (!parsed.value)
      return reject(Rejection::malformed, parsed.error);
    if (node.parents.size() != 1 || nodes_[node.parents[0]].tree != node.tree)
      return reject(Rejection::not_empty, tr("approval.reject-not-empty"));
    SignatureCheck check = check_signature(raw);
    if (!check.good)
      return reject(check.reason, check.detail);
    if (!node.snapshot.present())
      return reject(Rejection::no_registry, tr("approval.reject-no-registry"));
    if (parsed.value->content != *node.snapshot.id()) {
      return reject(Rejection::stale_content,
                    tr("approval.reject-stale", fmt::arg("claimed", parsed.value->content.hex()),
                       fmt::arg("actual", node.snapshot.id()->hex())));
    }
    if (!signers_.names(check.signer)) {
      Verdict why = nobody(check.signer, node.snapshot.roster().get(), check.signer.signing_time);
      return reject(*why.reason, why.detail);
    }
    node.approval = approvals_.size();
    approvals_.push_back(Approval{i, std::move(*parsed.value), std::move(check.signer), node.when});
  }

  // ---- 3. Roots --------------------------------------------------------------------------------

  void find_roots() {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      Node& node = nodes_[i];
      bool before = false;
      for (std::size_t p : node.parents)
        before = before || nodes_[p].content_before;
      node.content_before = before || node.snapshot.present();
      if (node.snapshot.present() && !before)
        roots_.push_back(i);
    }
    untrusted_ = !anchor_ && roots_.size() > 1;
  }

  // ---- 4. Commit by commit ---------------------------------------------------------------------

  const std::string& hex_of(std::size_t node) {
    auto it = hex_.find(node);
    if (it == hex_.end())
      it = hex_.emplace(node, nodes_[node].id.hex()).first;
    return it->second;
  }

  // The order of step 4: by the completion commit's id, never by parent order or depth.
  void sort_versions(std::vector<std::size_t>& list) {
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return hex_of(versions_[a].node) < hex_of(versions_[b].node);
    });
  }

  // covers(V, W) for a version V given by its anc and spent.
  bool covers(const Bits& anc, const Bits& spent, std::size_t w) const {
    std::vector<std::size_t> stack{w};
    Bits visited;
    while (!stack.empty()) {
      std::size_t x = stack.back();
      stack.pop_back();
      if (anc.test(x) || visited.test(x))
        continue;
      visited.set(x);
      const Version& v = versions_[x];
      if (v.consumed.empty())
        return false;
      for (std::size_t a : v.consumed) {
        if (!spent.test(a))
          return false;
      }
      stack.insert(stack.end(), v.bases.begin(), v.bases.end());
    }
    return true;
  }

  bool covers(std::size_t v, std::size_t w) const {
    return covers(versions_[v].anc, versions_[v].spent, w);
  }

  // The versions of `candidates` that no other of them covers, in order.
  std::vector<std::size_t> maximal(std::vector<std::size_t> candidates) {
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<std::size_t> result;
    for (std::size_t w : candidates) {
      bool covered = false;
      for (std::size_t v : candidates) {
        if (v != w && covers(v, w) && !covers(w, v)) {
          covered = true;
          break;
        }
      }
      if (!covered)
        result.push_back(w);
    }
    sort_versions(result);
    return result;
  }

  std::shared_ptr<const Roster> roster_of(std::size_t version, const Snapshot& content) const {
    return version == kNone ? content.roster() : versions_[version].snapshot.roster();
  }

  // The version whose content the commit `commit` holds as approved, or kNone.
  std::size_t version_at(const git::Oid& commit) const {
    auto it = index_.find(commit);
    if (it == index_.end())
      return kNone;
    return nodes_[it->second].at_version;
  }

  // Whether `commit` is approved with `version` among the versions of its content there.
  bool names(const git::Oid& commit, std::size_t version) const {
    auto it = index_.find(commit);
    if (it == index_.end())
      return false;
    const auto& list = nodes_[it->second].at_versions;
    return std::find(list.begin(), list.end(), version) != list.end();
  }

  // The time at which a signer is judged for a leg from `tip`: the time it claims, never earlier
  // than the signed approval time of the base it names (spec §5.2).
  std::int64_t judge_time(const Approval& approval, std::size_t tip) const {
    std::int64_t claimed = approval.signer.signing_time;
    if (tip == kNone)
      return claimed;
    return std::max(claimed, versions_[tip].date.time);
  }

  // Why a signer is nobody of `roster`: for a certificate a person names, the refusal of the
  // roster's trust (untrusted issuer, expired, revoked, key usage); else key-not-in-roster.
  static Verdict nobody(const Signer& signer, const Roster* roster, std::int64_t time) {
    Match why = roster != nullptr ? why_nobody(signer, *roster, time)
                                  : Match{false, Rejection::key_not_in_roster, {}};
    if (why.detail.empty()) {
      return {Rejection::key_not_in_roster,
              tr("approval.reject-key-not-in-roster", fmt::arg("key", signer.fingerprint()))};
    }
    return {why.reason, why.detail};
  }

  // The change from `tip` to `content` and what it needs, computed once per pair.
  const std::pair<Change, std::vector<RequiredApproval>>& prepared(std::size_t tip,
                                                                   const Snapshot& content) {
    auto key = std::make_pair(tip, content.id().value_or(git::Oid{}));
    auto cached = prepared_.find(key);
    if (cached == prepared_.end()) {
      const Snapshot* base = tip == kNone ? nullptr : &versions_[tip].snapshot;
      Change change = analyze(base, content);
      std::vector<RequiredApproval> required;
      for (auto& requirement : required_roles(change, base, content))
        required.push_back(RequiredApproval{std::move(requirement), false, std::nullopt, {}});
      cached = prepared_.emplace(key, std::make_pair(std::move(change), std::move(required))).first;
    }
    return cached->second;
  }

  const std::vector<FileChange>& target_of(std::size_t tip, const Snapshot& content) {
    auto key = std::make_pair(tip, content.id().value_or(git::Oid{}));
    auto cached = targets_.find(key);
    if (cached == targets_.end())
      cached = targets_.emplace(key, changed_files(&versions_[tip].snapshot, content)).first;
    return cached->second;
  }

  // Whether approval `a` counts for the leg from `tip` to `content` (fresh), judged by the tip's
  // roster; `required` is what the leg needs. Checks the base, the signer, then the roles.
  Verdict judge(std::size_t a, std::size_t tip, const Snapshot& content,
                const std::vector<RequiredApproval>& required) {
    const Approval& approval = approvals_[a];
    const auto& base_commit = approval.trailers.base;
    if (tip == kNone) {
      if (base_commit)
        return {Rejection::unknown_base,
                tr("approval.reject-base-not-first", fmt::arg("base", base_commit->hex()))};
    } else {
      const git::Oid& tip_commit = nodes_[versions_[tip].node].id;
      if (!base_commit) {
        return {Rejection::unknown_base,
                tr("approval.reject-base-none", fmt::arg("commit", tip_commit.hex()))};
      }
      std::size_t base = version_at(*base_commit);
      if (base != tip && names(*base_commit, tip))
        base = tip;
      if (base == kNone) {
        return {Rejection::unknown_base,
                tr("approval.reject-unknown-base", fmt::arg("base", base_commit->hex()))};
      }
      if (base != tip && versions_[tip].anc.test(base)) {
        // Made against an older version of this chain: another change than the one from the tip
        // (rule 5 carries whole versions, step 4 (carried)).
        return {Rejection::other_change, tr("approval.reject-other-change")};
      }
      if (base != tip) {
        return {Rejection::base_not_on_chain,
                tr("approval.reject-base-not-on-chain", fmt::arg("base", base_commit->hex()),
                   fmt::arg("commit", tip_commit.hex()))};
      }
      if (versions_[tip].spent.test(a))
        return {Rejection::spent, tr("approval.reject-spent")};
    }
    const std::int64_t time = judge_time(approval, tip);
    auto roster = roster_of(tip, content);
    std::vector<std::string> people;
    if (roster)
      people = people_of(approval.signer, *roster, time);
    if (people.empty())
      return nobody(approval.signer, roster.get(), time);
    const std::string& approver = approval.trailers.approver;
    if (std::find(people.begin(), people.end(), approver) == people.end()) {
      return {Rejection::approver_mismatch,
              tr("approval.reject-approver-mismatch", fmt::arg("people", fmt::join(people, ", ")),
                 fmt::arg("approver", approver))};
    }
    for (const auto& role : approval.trailers.roles) {
      auto it = std::find_if(required.begin(), required.end(),
                             [&](const RequiredApproval& r) { return r.requirement.role == role; });
      if (it == required.end()) {
        return {Rejection::role_not_needed,
                tr("approval.reject-role-not-needed", fmt::arg("role", format_role(role)))};
      }
      // Any holder of the role approves it (spec §2.2: the head, or whoever stands in).
      if (!signer_holds(it->requirement, approver, approval.signer, time).ok) {
        return {Rejection::role_not_held,
                it->requirement.people.empty()
                    ? tr("approval.reject-role-nobody", fmt::arg("role", format_role(role)))
                    : tr("approval.reject-role-not-held", fmt::arg("role", format_role(role)),
                         fmt::arg("holder", fmt::join(it->requirement.people, ", ")),
                         fmt::arg("approver", approver))};
      }
    }
    return {};
  }

  // The leg (fresh): approvals of live(c), none of `excluded`.
  Leg fresh_leg(std::size_t c, std::size_t tip, const Bits& excluded) {
    const Snapshot& content = nodes_[c].snapshot;
    Leg leg;
    leg.tip = tip;
    const auto& prepared_pair = prepared(tip, content);
    const Change& change = prepared_pair.first;
    const std::vector<RequiredApproval>& required = prepared_pair.second;
    leg.change = change;
    leg.required = required;
    if (!nodes_[c].live || required.empty())
      return leg;
    // Per needed role, the counting approval of smallest commit id.
    std::vector<std::size_t> chosen(required.size(), kNone);
    auto take = [&](std::size_t a) {
      if (judge(a, tip, content, required).reason)
        return;
      for (const auto& role : approvals_[a].trailers.roles) {
        for (std::size_t r = 0; r < required.size(); ++r) {
          if (required[r].requirement.role != role)
            continue;
          if (chosen[r] == kNone ||
              hex_of(approvals_[a].node) < hex_of(approvals_[chosen[r]].node)) {
            chosen[r] = a;
          }
        }
      }
    };
    // The first leg from a tip (nothing excluded but the tip's spent) at a commit on top of one
    // parent of the same content: live(c) is the parent's and c's own, so the parent's choice
    // and c's own approval make c's, and a line of many approvals costs linear time.
    const Node& node = nodes_[c];
    const bool first_leg = tip != kNone && &excluded == &versions_[tip].spent;
    const std::vector<std::size_t>* before = nullptr;
    if (first_leg && node.parents.size() == 1 &&
        nodes_[node.parents[0]].snapshot.id() == content.id()) {
      auto at = chosen_at_.find(node.parents[0]);
      if (at != chosen_at_.end()) {
        auto it = at->second.find(tip);
        if (it != at->second.end())
          before = &it->second;
      }
    }
    if (before != nullptr) {
      chosen = *before;
      if (node.approval != kNone && !excluded.test(node.approval))
        take(node.approval);
    } else {
      node.live->each_not_in(excluded, take);
    }
    if (first_leg)
      chosen_at_[c][tip] = chosen;
    leg.settled =
        std::all_of(chosen.begin(), chosen.end(), [](std::size_t a) { return a != kNone; });
    std::vector<std::size_t> order;
    for (std::size_t r = 0; r < required.size(); ++r) {
      if (chosen[r] == kNone)
        continue;
      leg.required[r].approved = true;
      leg.required[r].commit = nodes_[approvals_[chosen[r]].node].id;
      leg.required[r].person = approvals_[chosen[r]].trailers.approver;
      if (std::find(order.begin(), order.end(), chosen[r]) == order.end())
        order.push_back(chosen[r]);
    }
    for (std::size_t a : order) {
      const Approval& approval = approvals_[a];
      CountedApproval counted{
          nodes_[approval.node].id, approval.trailers.approver, {}, approval.when, approval.signer};
      for (std::size_t r = 0; r < required.size(); ++r) {
        if (chosen[r] == a)
          counted.roles.push_back(required[r].requirement.role);
      }
      leg.counted.push_back(std::move(counted));
      leg.consumed.push_back(a);
    }
    return leg;
  }

  // The leg (carried): versions of versions(c) whose changes make up the whole change (rule 5).
  Leg carried_leg(std::size_t c, std::size_t tip, const Bits& excluded) {
    const Snapshot& content = nodes_[c].snapshot;
    Leg leg;
    leg.tip = tip;
    const std::vector<FileChange>& target = target_of(tip, content);
    if (target.empty() || !nodes_[c].seen)
      return leg;
    const Version& t = versions_[tip];
    std::vector<std::size_t> candidates;
    nodes_[c].seen->each_not_in(t.anc, [&](std::size_t w) {
      const Version& v = versions_[w];
      if (v.bases.size() != 1 || !t.anc.test(v.bases[0]) || v.change.empty())
        return;
      // A change of the settings or the roster is approved on the base it lands on, never
      // carried: what is judged by whose roles would change under it.
      for (const auto& file : v.change) {
        if (file.path == kConfigFile || file.path == kRosterFile)
          return;
      }
      for (std::size_t a : v.consumed) {
        if (t.spent.test(a) || excluded.test(a))
          return;
      }
      for (const auto& file : v.change) {
        if (std::find(target.begin(), target.end(), file) == target.end())
          return;
      }
      // Rule 5 is narrow: nothing in between touched these files, the settings or the roster.
      bool clean = true;
      t.anc.each_not_in(versions_[v.bases[0]].anc, [&](std::size_t u) {
        const auto& touched = versions_[u].touched;
        if (touched.count(kConfigFile) != 0 || touched.count(kRosterFile) != 0)
          clean = false;
        for (const auto& file : v.change)
          clean = clean && touched.count(file.path) == 0;
      });
      if (clean)
        candidates.push_back(w);
    });
    std::sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
      if (versions_[a].change.size() != versions_[b].change.size())
        return versions_[a].change.size() > versions_[b].change.size();
      return hex_of(versions_[a].node) < hex_of(versions_[b].node);
    });
    std::set<std::string> taken;
    std::vector<std::size_t> picked;
    for (std::size_t w : candidates) {
      const auto& files = versions_[w].change;
      if (std::any_of(files.begin(), files.end(),
                      [&](const FileChange& f) { return taken.count(f.path) != 0; })) {
        continue;
      }
      for (const auto& f : files)
        taken.insert(f.path);
      picked.push_back(w);
    }
    if (taken.size() != target.size())
      return leg;
    const auto& [change, required] = prepared(tip, content);
    leg.change = change;
    leg.settled = true;
    for (std::size_t w : picked) {
      const Version& v = versions_[w];
      leg.consumed.insert(leg.consumed.end(), v.consumed.begin(), v.consumed.end());
      leg.counted.insert(leg.counted.end(), v.approvals.begin(), v.approvals.end());
      leg.required.insert(leg.required.end(), v.required.begin(), v.required.end());
    }
    return leg;
  }

  // Settles the leg from `tip` to content(c) into `draft`; false when it cannot be.
  bool settle(std::size_t c, std::size_t tip, Draft& draft) {
    const Version& t = versions_[tip];
    Bits excluded = draft.spent;
    excluded.merge(t.spent);
    // The first leg excludes the tip's spent alone: passed as itself, fresh_leg may reuse the
    // parent's choice.
    const Bits& skip = draft.bases.empty() ? t.spent : excluded;
    Leg leg;
    if (t.snapshot.id() == nodes_[c].snapshot.id()) {
      leg.tip = tip;
      leg.empty = leg.settled = true;
    } else {
      leg = fresh_leg(c, tip, skip);
      if (!leg.settled)
        leg = carried_leg(c, tip, skip);
      if (!leg.settled)
        return false;
    }
    draft.bases.push_back(tip);
    draft.anc.merge(t.anc);
    draft.spent.merge(t.spent);
    for (std::size_t a : leg.consumed) {
      draft.spent.set(a);
      draft.consumed.push_back(a);
    }
    draft.legs.push_back(std::move(leg));
    return true;
  }

  // Whether the draft covers version w, taking in what it re-approves: w is among the draft's
  // versions (anc), or carried by its approvals (covers), or re-approved: w has one base that
  // the draft covers and its change is a part of a settled leg's change, so that every role it
  // needs approved it again there. A re-approved version joins the draft's anc and spent: its
  // change is on the chain now, and its own approvals can never carry it a second time.
  bool absorb(std::size_t c, Draft& draft, std::size_t w) {
    // The single-base versions from w down to one the draft covers, re-approved bottom up
    // (iteratively: a side chain an input makes long costs no stack).
    std::vector<std::size_t> chain;
    for (std::size_t x = w; !covers(draft.anc, draft.spent, x); x = versions_[x].bases[0]) {
      const Version& v = versions_[x];
      if (v.bases.size() != 1 || v.change.empty())
        return false;
      chain.push_back(x);
    }
    const Snapshot& content = nodes_[c].snapshot;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const Version& v = versions_[*it];
      bool part = std::any_of(draft.legs.begin(), draft.legs.end(), [&](const Leg& leg) {
        if (leg.empty || leg.tip == kNone)
          return false;
        const std::vector<FileChange>& target = target_of(leg.tip, content);
        return std::all_of(v.change.begin(), v.change.end(), [&](const FileChange& f) {
          return std::find(target.begin(), target.end(), f) != target.end();
        });
      });
      if (!part)
        return false;
      draft.anc.merge(v.anc);
      draft.spent.merge(v.spent);
    }
    return true;
  }

  // Step 4 at commit c over its tips; the version formed, or kNone.
  std::size_t form(std::size_t c) {
    const std::vector<std::size_t>& tips = nodes_[c].tips;
    for (std::size_t t0 : tips) {
      Draft draft;
      if (!settle(c, t0, draft))
        continue;
      bool ok = true;
      for (std::size_t t : tips) {
        if (t == t0 || absorb(c, draft, t))
          continue;
        if (!settle(c, t, draft)) {
          ok = false;
          break;
        }
      }
      if (!ok || std::all_of(draft.legs.begin(), draft.legs.end(),
                             [](const Leg& leg) { return leg.empty; })) {
        continue;
      }
      if (!approvable(c))
        return kNone;
      return complete_version(c, std::move(draft));
    }
    return kNone;
  }

  // Content that may be approved at all (I4).
  bool approvable(std::size_t c) {
    const Snapshot& content = nodes_[c].snapshot;
    return content.present() && !content.malformed() && reader_.valid(content);
  }

  std::size_t make_version(std::size_t c, Draft&& draft, bool anchored) {
    Version v;
    v.node = c;
    v.snapshot = nodes_[c].snapshot;
    v.bases = draft.bases;
    std::sort(draft.consumed.begin(), draft.consumed.end());
    v.consumed = draft.consumed;
    v.anc = std::move(draft.anc);
    v.anc.set(versions_.size());
    v.spent = std::move(draft.spent);
    v.anchored = anchored;
    // The files of each leg, read once (target_of keeps them for the legs and for later tips).
    for (std::size_t b : v.bases) {
      for (const auto& file : target_of(b, v.snapshot))
        v.touched.insert(file.path);
    }
    if (v.bases.size() == 1)
      v.change = target_of(v.bases[0], v.snapshot);
    else if (v.bases.empty() && !anchored)
      v.change = changed_files(nullptr, v.snapshot);
    v.date = nodes_[c].when;
    if (!v.consumed.empty()) {
      v.date = approvals_[v.consumed.front()].when;
      for (std::size_t a : v.consumed) {
        if (approvals_[a].when.time > v.date.time)
          v.date = approvals_[a].when;
      }
    }
    for (auto& leg : draft.legs) {
      if (leg.empty)
        continue;
      if (v.required.empty())
        v.required = leg.required;
      for (auto& counted : leg.counted)
        v.approvals.push_back(std::move(counted));
    }
    v.newest = c;
    versions_.push_back(std::move(v));
    return versions_.size() - 1;
  }

  // The version a complete draft makes at c: a new one, or the equal one made before (the same
  // content, bases and consumed), so that no push multiplies versions.
  std::size_t complete_version(std::size_t c, Draft&& draft) {
    std::vector<std::size_t> bases = draft.bases;
    std::sort(bases.begin(), bases.end());
    std::vector<std::size_t> consumed = draft.consumed;
    std::sort(consumed.begin(), consumed.end());
    auto key = std::make_tuple(nodes_[c].snapshot.id().value_or(git::Oid{}), bases, consumed);
    auto found = made_.find(key);
    if (found != made_.end())
      return found->second;
    std::size_t v = make_version(c, std::move(draft), false);
    made_.emplace(std::move(key), v);
    return v;
  }

  void step(std::size_t c) {
    Node& node = nodes_[c];
    // live(c): its own approval and what parents of the same content pass on.
    std::shared_ptr<const Bits> live;
    std::shared_ptr<Bits> merged;
    for (std::size_t p : node.parents) {
      const Node& parent = nodes_[p];
      if (parent.snapshot.id() != node.snapshot.id() || !parent.snapshot.present())
        continue;
      const auto& pl = parent.live;
      if (!pl || (live && (live == pl || live->contains(*pl))))
        continue;
      if (!live) {
        live = pl;
        continue;
      }
      if (!merged) {
        merged = std::make_shared<Bits>(*live);
        live = merged;
      }
      merged->merge(*pl);
    }
    if (node.approval != kNone) {
      auto own = live ? std::make_shared<Bits>(*live) : std::make_shared<Bits>();
      own->set(node.approval);
      live = std::move(own);
    }
    node.live = std::move(live);
    // versions(c) and tips(c) from the parents.
    std::shared_ptr<const Bits> seen;
    std::shared_ptr<Bits> seen_merged;
    std::vector<std::size_t> tips;
    for (std::size_t p : node.parents) {
      const Node& parent = nodes_[p];
      tips.insert(tips.end(), parent.tips.begin(), parent.tips.end());
      const auto& ps = parent.seen;
      if (!ps || (seen && (seen == ps || seen->contains(*ps))))
        continue;
      if (!seen) {
        seen = ps;
        continue;
      }
      if (!seen_merged) {
        seen_merged = std::make_shared<Bits>(*seen);
        seen = seen_merged;
      }
      seen_merged->merge(*ps);
    }
    node.seen = std::move(seen);
    node.tips = node.parents.size() > 1 ? maximal(std::move(tips)) : std::move(tips);
    std::size_t formed = judge_commit(c);
    if (formed != kNone) {
      auto own = node.seen ? std::make_shared<Bits>(*node.seen) : std::make_shared<Bits>();
      own->set(formed);
      node.seen = std::move(own);
      node.tips = {formed};
      node.at_version = formed;
      node.at_versions = {formed};
    }
    // since(c): where its pending change began.
    if (!approved_at(c)) {
      node.since = c;
      for (std::size_t p : node.parents) {
        const Node& parent = nodes_[p];
        if (parent.since != kNone && parent.tips == node.tips) {
          node.since = parent.since;
          break;
        }
      }
    }
    // Free what no child needs any more.
    for (std::size_t p : node.parents) {
      Node& parent = nodes_[p];
      if (--parent.children_left == 0) {
        chosen_at_.erase(p);
        parent.live.reset();
        parent.seen.reset();
        parent.tips.clear();
        parent.tips.shrink_to_fit();
      }
    }
  }

  bool approved_at(std::size_t c) const {
    const Node& node = nodes_[c];
    if (!node.snapshot.present() || node.tips.empty())
      return false;
    return std::all_of(node.tips.begin(), node.tips.end(), [&](std::size_t t) {
      return versions_[t].snapshot.id() == node.snapshot.id();
    });
  }

  // Step 4 at commit c: the version formed there, or kNone.
  std::size_t judge_commit(std::size_t c) {
    Node& node = nodes_[c];
    if (anchor_ && node.id == *anchor_) {
      if (!node.snapshot.present()) {
        throw Error(ExitCode::problems,
                    tr("approval.anchor-no-registry", fmt::arg("anchor", anchor_->hex())));
      }
      std::size_t v = make_version(c, Draft{}, true);
      carried_by_anchor(versions_[v]);
      return v;
    }
    // Malformed content is never approved, nor read further (I4).
    if (!node.snapshot.present() || node.snapshot.malformed() || untrusted_)
      return kNone;
    if (approved_at(c)) {
      for (std::size_t t : node.tips)
        versions_[t].newest = c;
      node.at_version = node.tips.front();
      node.at_versions = node.tips;
      return kNone;
    }
    if (!node.tips.empty())
      return form(c);
    if (anchor_)
      return kNone;  // nothing before the anchor, nor beside it, is trusted
    Leg first = fresh_leg(c, kNone, kEmpty);
    if (!first.settled || !approvable(c))
      return kNone;
    for (const auto& v : versions_) {
      if (v.bases.empty() && v.snapshot.id() != node.snapshot.id()) {
        // Two first versions of different content: two roots of trust.
        untrusted_ = true;
        first_roots_ = {v.node, c};
        return kNone;
      }
    }
    Draft draft;
    draft.consumed = first.consumed;
    for (std::size_t a : first.consumed)
      draft.spent.set(a);
    draft.legs.push_back(std::move(first));
    return complete_version(c, std::move(draft));
  }

  // The anchored version is trusted because it is pinned, not because of approvals; for people to
  // read, it lists the approvals its commit carries: those that made its content approved in the
  // history up to the anchor, judged without an anchor (none when that history has two roots or
  // does not approve it).
  void carried_by_anchor(Version& version) {
    EvaluateOptions plain;
    plain.look_elsewhere = false;
    Status before = Evaluation(reader_).run(nodes_[version.node].id, plain);
    if (!before.approved || before.untrusted_roots)
      return;
    version.approvals = std::move(before.approvals);
    version.required = std::move(before.required);
  }

  // ---- 5, 6. Verdict and report ---------------------------------------------------------------

  Bits ancestors_of(std::size_t c) const {
    Bits result;
    std::vector<std::size_t> stack{c};
    result.set(c);
    while (!stack.empty()) {
      std::size_t at = stack.back();
      stack.pop_back();
      for (std::size_t p : nodes_[at].parents) {
        if (!result.test(p)) {
          result.set(p);
          stack.push_back(p);
        }
      }
    }
    return result;
  }

  void fill_base(Status& status, std::size_t v) const {
    const Version& version = versions_[v];
    const Node& node = nodes_[version.node];
    status.approved_commit = node.id;
    status.newest_approved_commit = nodes_[version.newest].id;
    status.approved_content = version.snapshot.id();
    status.approved_when = version.date;
    status.anchored = version.anchored;
    status.approvals = version.approvals;
    status.base_config = version.snapshot.config();
    status.trusted_roster = version.snapshot.roster();
  }

  Status finish(const git::Oid& revision) {
    const std::size_t r = nodes_.size() - 1;  // the revision comes last
    Node& head = nodes_[r];
    // A revision whose tree cannot be read unambiguously is named, path and all (I4).
    head.snapshot.require_well_formed();
    Status status;
    status.head = revision;
    status.content = head.snapshot.id();
    status.head_roster = head.snapshot.roster();
    status.head_config = head.snapshot.config();
    status.trusted_roster = status.head_roster;
    status.anchor = anchor_;
    status.untrusted_roots = untrusted_;
    for (std::size_t root : first_roots_.empty() ? roots_ : first_roots_)
      status.roots.push_back(nodes_[root].id);
    if (untrusted_) {
      if (head.snapshot.present())
        status.required = prepared(kNone, head.snapshot).second;
      return status;
    }
    for (std::size_t t : head.tips)
      status.tips.push_back(nodes_[versions_[t].node].id);
    const bool approved = approved_at(r);
    // The tip shown: when not approved, the first (in order) whose leg cannot be settled on its
    // own, else the first of another content; when approved, the first.
    // Among unsettled legs, one that changes neither the settings nor the roster comes first: its
    // tip has the newest rules, and whoever holds a role under them judges the change.
    std::size_t shown = kNone;
    if (!approved && head.snapshot.present()) {
      std::size_t unsettled = kNone;
      for (std::size_t t : head.tips) {
        if (versions_[t].snapshot.id() == head.snapshot.id())
          continue;
        if (shown == kNone)
          shown = t;
        if (fresh_leg(r, t, versions_[t].spent).settled ||
            carried_leg(r, t, versions_[t].spent).settled) {
          continue;
        }
        if (unsettled == kNone)
          unsettled = t;
        const auto& files = target_of(t, head.snapshot);
        if (std::none_of(files.begin(), files.end(), [](const FileChange& f) {
              return f.path == kConfigFile || f.path == kRosterFile;
            })) {
          unsettled = t;
          break;
        }
      }
      if (unsettled != kNone)
        shown = unsettled;
    }
    if (shown == kNone && !head.tips.empty())
      shown = head.tips.front();
    if (shown != kNone)
      fill_base(status, shown);
    if (!head.snapshot.present())
      return status;

    Bits settled;  // commits whose approvals belong to the current version
    if (shown != kNone)
      settled = ancestors_of(versions_[shown].node);
    Leg pending;
    if (approved) {
      status.approved = true;
      status.required = versions_[shown].required;
    } else {
      const std::size_t tip = shown;  // kNone: the first version
      pending = fresh_leg(r, tip, tip == kNone ? kEmpty : versions_[tip].spent);
      status.required = pending.required;
      std::size_t since = head.since == kNone ? r : head.since;
      const Node& first = nodes_[since];
      Initiator initiator{first.id, first.author, {}, first.when};
      if (const auto& roster = status.trusted_roster) {
        for (const auto& id : roster->roles.initiators) {
          const Person* person = roster->find_person(id.value);
          if (initiator.name == id.value ||
              (person != nullptr && person->name.value == initiator.name)) {
            initiator.person = id.value;
            break;
          }
        }
      }
      status.pending = PendingChange{first.id, pending.change, std::move(initiator)};
    }

    // Rejected (step 6).
    Bits counted;
    for (std::size_t a : pending.consumed)
      counted.set(a);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      if (settled.test(i))
        continue;
      if (node.rejected) {
        status.rejected.push_back(*node.rejected);
        continue;
      }
      if (node.approval == kNone || counted.test(node.approval) ||
          node.snapshot.id() != head.snapshot.id()) {
        continue;
      }
      // Made before the content changed and came back: it approved an earlier state (live(c)).
      if (!approved && (!head.live || !head.live->test(node.approval)))
        continue;
      Verdict why;
      if (approved) {
        why = judge_settled(node.approval, shown);
      } else {
        why = judge(node.approval, shown, head.snapshot, prepared(shown, head.snapshot).second);
        if (!why.reason) {
          why = {Rejection::duplicate,
                 tr("approval.reject-duplicate",
                    fmt::arg("commit", first_counted(pending, node.approval)))};
        }
      }
      if (why.reason)
        status.rejected.push_back(RejectedApproval{node.id, *why.reason, why.detail});
    }
    return status;
  }

  // The approval that counted for a role approval `a` claims too.
  std::string first_counted(const Leg& leg, std::size_t a) const {
    for (const auto& role : approvals_[a].trailers.roles) {
      for (const auto& r : leg.required) {
        if (r.requirement.role == role && r.commit)
          return r.commit->hex();
      }
    }
    return nodes_[approvals_[a].node].id.hex();
  }

  // Why an approval of the approved content, not among those that made it, counts for nothing.
  Verdict judge_settled(std::size_t a, std::size_t v) const {
    const Approval& approval = approvals_[a];
    const Version& version = versions_[v];
    if (version.spent.test(a))
      return {};  // it made this version (or one of its chain)
    auto roster = version.snapshot.roster();
    std::vector<std::string> owners;
    if (roster)
      owners = people_of(approval.signer, *roster, approval.signer.signing_time);
    if (owners.empty())
      return nobody(approval.signer, roster.get(), approval.signer.signing_time);
    if (std::find(owners.begin(), owners.end(), approval.trailers.approver) == owners.end()) {
      return {Rejection::approver_mismatch,
              tr("approval.reject-approver-mismatch", fmt::arg("people", fmt::join(owners, ", ")),
                 fmt::arg("approver", approval.trailers.approver))};
    }
    return {Rejection::already_approved, tr("approval.reject-already-approved",
                                            fmt::arg("commit", nodes_[version.node].id.hex()))};
  }

  // ---- 7. Elsewhere ----------------------------------------------------------------------------

  void look_elsewhere(Status& status) {
    constexpr std::size_t kBudget = 5000;  // commits read at most
    std::vector<std::pair<std::string, git::Oid>> refs;
    for (const auto& ref : repo_.references({"refs/heads/", "refs/remotes/"}))
      refs.emplace_back(ref.name, ref.target);
    std::sort(refs.begin(), refs.end());
    std::unordered_map<git::Oid, bool, git::OidHash> seen;
    std::size_t budget = kBudget;
    const Node& head = nodes_.back();
    std::size_t shown = head.tips.empty() ? kNone : head.tips.front();
    std::optional<std::vector<FileChange>> target;
    for (const auto& [name, tip] : refs) {
      std::vector<git::Oid> stack{tip};
      while (!stack.empty() && budget > 0) {
        git::Oid id = stack.back();
        stack.pop_back();
        if (index_.count(id) != 0 || !seen.emplace(id, true).second)
          continue;
        --budget;
        git::RawCommit raw = repo_.raw_commit(id);
        for (const auto& p : raw.parents)
          stack.push_back(p);
        if (!looks_like_approval(raw.message))
          continue;
        if (git::header_problem(raw))
          continue;
        ParsedTrailers parsed = parse_approval_message(raw.message);
        if (!parsed.value || !check_signature(raw).good)
          continue;
        if (parsed.value->content != *status.content) {
          // Or the same change on an older base (a rebase moved it).
          std::size_t base = parsed.value->base ? version_at(*parsed.value->base)
                                                : static_cast<std::size_t>(kNone);
          if (base == kNone || shown == kNone)
            continue;
          if (!target)
            target = changed_files(&versions_[shown].snapshot, head.snapshot);
          Snapshot theirs = reader_.at_tree(raw.tree, id);
          if (!same_change(changed_files(&versions_[base].snapshot, theirs), *target))
            continue;
        }
        std::string branch = name;
        for (std::string_view prefix : {"refs/heads/", "refs/"}) {
          if (branch.rfind(prefix, 0) == 0) {
            branch = branch.substr(prefix.size());
            break;
          }
        }
        status.approvals_elsewhere = branch;
        status.approvals_elsewhere_commit = id;
        return;
      }
    }
  }

  ContentReader& reader_;
  const git::Repository& repo_;
  std::optional<git::Oid> anchor_;
  std::vector<Node> walked_;
  std::vector<Node> nodes_;  // topological order, the revision last
  std::unordered_map<git::Oid, std::size_t, git::OidHash> index_;
  SignerIndex signers_;
  std::vector<Approval> approvals_;
  std::vector<Version> versions_;
  std::vector<std::size_t> roots_;
  std::vector<std::size_t> first_roots_;
  std::unordered_map<std::size_t, std::string> hex_;
  std::map<std::tuple<git::Oid, std::vector<std::size_t>, std::vector<std::size_t>>, std::size_t>
      made_;
  std::map<std::pair<std::size_t, git::Oid>, std::pair<Change, std::vector<RequiredApproval>>>
      prepared_;
  std::map<std::pair<std::size_t, git::Oid>, std::vector<FileChange>> targets_;
  // fresh_leg's choice per role at a commit, per tip, while a child may still need it.
  std::unordered_map<std::size_t, std::map<std::size_t, std::vector<std::size_t>>> chosen_at_;
  bool untrusted_ = false;
};

}  // namespace

Status evaluate(ContentReader& reader, const git::Oid& revision, const EvaluateOptions& options) {
  return Evaluation(reader).run(revision, options);
}

std::optional<git::Oid> last_approved_commit(ContentReader& reader, const git::Oid& revision) {
  EvaluateOptions options;
  options.look_elsewhere = false;
  return evaluate(reader, revision, options).approved_commit;
}

}  // namespace perechen::approval
