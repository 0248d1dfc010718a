#include "perechen/approval/history.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

#include <git2.h>

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
  using namespace std::chrono;
  sys_seconds local{seconds{time + std::int64_t{offset_minutes} * 60}};
  year_month_day day{floor<days>(local)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
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
  std::shared_ptr<const Bits> reach;
  std::vector<std::size_t> tips;
  std::size_t since = kNone;  // the first commit of its pending change
  // The version whose content it holds when it is approved (a Perechen-Base may name it).
  std::size_t at_version = kNone;
};

struct Approval {
  std::size_t node = 0;
  ApprovalTrailers trailers;
  Signer signer;
  When when;
  Snapshot snapshot;
  std::optional<std::vector<FileChange>> files;  // its change, from its base version
};

struct Version {
  std::size_t node = 0;
  Snapshot snapshot;
  std::size_t base = kNone;
  std::size_t depth = 0;
  bool anchored = false;
  std::vector<CountedApproval> approvals;
  std::vector<RequiredApproval> required;
  Bits chain;                         // the versions of its chain, itself included
  Bits spent;                         // the approvals consumed along its chain
  std::vector<std::size_t> consumed;  // the approvals it consumed itself
  std::size_t newest = 0;             // the newest commit judged approved at this version
};

struct Attempt {
  std::size_t tip = kNone;  // kNone: the first version
  bool ready = false;       // change and required computed
  Change change;
  std::vector<RequiredApproval> required;
  std::vector<CountedApproval> counted;
  std::vector<std::size_t> consumed;
  bool complete = false;
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

  void check_approval(std::size_t i) {
    Node& node = nodes_[i];
    if (!node.raw)
      return;
    git::RawCommit raw = std::move(*node.raw);
    node.raw.reset();
    auto reject = [&](Rejection reason, std::string detail) {
      node.rejected = RejectedApproval{node.id, reason, std::move(detail)};
    };
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
    node.approval = approvals_.size();
    approvals_.push_back(Approval{
        i, std::move(*parsed.value), std::move(check.signer), node.when, node.snapshot, {}});
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

  // ---- 4. Pass 2 -------------------------------------------------------------------------------

  const Snapshot* snapshot_of(std::size_t version) const {
    return version == kNone ? nullptr : &versions_[version].snapshot;
  }

  std::shared_ptr<const Roster> roster_of(std::size_t version, const Snapshot& content) const {
    return version == kNone ? content.roster() : versions_[version].snapshot.roster();
  }

  // The version whose completion commit is `commit`.
  std::size_t version_at(const git::Oid& commit) const {
    auto it = index_.find(commit);
    if (it == index_.end())
      return kNone;
    return nodes_[it->second].at_version;
  }

  // Steps a and b (and c's cheap half) of the header, for approval `a` and the change from `tip`
  // to `content`; the reason it cannot count, or nothing when it may.
  Verdict screen(std::size_t a, std::size_t tip, const Snapshot& content,
                 std::optional<std::vector<FileChange>>& target) {
    Approval& approval = approvals_[a];
    const auto& base_commit = approval.trailers.base;
    std::size_t base = kNone;
    if (tip == kNone) {
      if (base_commit)
        return {Rejection::unknown_base,
                tr("approval.reject-base-not-first", fmt::arg("base", base_commit->hex()))};
    } else {
      const Version& t = versions_[tip];
      if (!base_commit) {
        return {Rejection::unknown_base,
                tr("approval.reject-base-none", fmt::arg("commit", nodes_[t.node].id.hex()))};
      }
      base = version_at(*base_commit);
      if (base == kNone) {
        return {Rejection::unknown_base,
                tr("approval.reject-unknown-base", fmt::arg("base", base_commit->hex()))};
      }
      if (!t.chain.test(base)) {
        return {Rejection::base_not_on_chain,
                tr("approval.reject-base-not-on-chain", fmt::arg("base", base_commit->hex()),
                   fmt::arg("commit", nodes_[t.node].id.hex()))};
      }
      if (t.spent.test(a))
        return {Rejection::spent, tr("approval.reject-spent")};
    }
    // The signer, before any content is compared.
    auto roster = roster_of(tip, content);
    std::vector<std::string> people;
    bool deferred = false;
    if (roster) {
      people = people_of(approval.signer, *roster, approval.signer.signing_time);
      // A role only the change's roster names is decided when the roles are counted.
      for (const auto& role : approval.trailers.roles)
        deferred = deferred || (tip != kNone && holder_in(*roster, role).empty());
    }
    if (!deferred) {
      if (people.empty())
        return nobody(approval.signer, roster.get());
      if (std::find(people.begin(), people.end(), approval.trailers.approver) == people.end()) {
        return {Rejection::approver_mismatch,
                tr("approval.reject-approver-mismatch", fmt::arg("people", fmt::join(people, ", ")),
                   fmt::arg("approver", approval.trailers.approver))};
      }
    }
    if (tip == kNone || base == tip) {
      if (approval.snapshot.id() != content.id())
        return {Rejection::other_change, tr("approval.reject-other-change")};
      return {};
    }
    // The same change on a newer base (rule 5).
    if (!approval.files)
      approval.files = changed_files(&versions_[base].snapshot, approval.snapshot);
    if (!target)
      target = changed_files(&versions_[tip].snapshot, content);
    if (!same_change(*approval.files, *target))
      return {Rejection::other_change, tr("approval.reject-other-change")};
    return {};
  }

  static std::string holder_in(const Roster& roster, const RoleScope& role) {
    switch (role.role) {
      case Role::process_owner:
        return roster.owner_of(role.scope);
      case Role::direction_curator:
        return roster.curator_of(role.scope);
      case Role::client_centricity:
        return roster.roles.client_centricity.present ? roster.roles.client_centricity.value
                                                      : std::string();
    }
    return {};
  }

  void prepare(Attempt& attempt, const Snapshot& content) {
    if (attempt.ready)
      return;
    // The approvals of one change sit on one content, each a commit of its own: the change and
    // its requirements are computed once per (tip, content).
    auto key = std::make_pair(attempt.tip, content.id().value_or(git::Oid{}));
    auto cached = prepared_.find(key);
    if (cached == prepared_.end()) {
      const Snapshot* base = snapshot_of(attempt.tip);
      Change change = analyze(base, content);
      std::vector<RequiredApproval> required;
      for (auto& requirement : required_roles(change, base, content))
        required.push_back(RequiredApproval{std::move(requirement), false, std::nullopt});
      cached = prepared_.emplace(key, std::make_pair(std::move(change), std::move(required))).first;
    }
    attempt.change = cached->second.first;
    attempt.required = cached->second.second;
    attempt.ready = true;
  }

  // Why a signer is nobody of `roster`: for a certificate a person names, the refusal of the
  // roster's trust (untrusted issuer, expired, revoked, key usage); else key-not-in-roster.
  static Verdict nobody(const Signer& signer, const Roster* roster) {
    Match why = roster != nullptr ? why_nobody(signer, *roster, signer.signing_time)
                                  : Match{false, Rejection::key_not_in_roster, {}};
    if (why.detail.empty()) {
      return {Rejection::key_not_in_roster,
              tr("approval.reject-key-not-in-roster", fmt::arg("key", signer.fingerprint()))};
    }
    return {why.reason, why.detail};
  }

  // Step d: counts approval `a` for the attempt, or says why it does not count.
  Verdict count(Attempt& attempt, std::size_t a, const Snapshot& content) {
    const Approval& approval = approvals_[a];
    const Signer& signer = approval.signer;
    const ApprovalTrailers& trailers = approval.trailers;
    const git::Oid& id = nodes_[approval.node].id;
    auto trusted = roster_of(attempt.tip, content);
    std::vector<std::string> owners;
    if (trusted)
      owners = people_of(signer, *trusted, signer.signing_time);
    for (const auto& r : attempt.required) {
      if (r.requirement.named_by_change &&
          signer_holds(r.requirement, signer, signer.signing_time).ok &&
          std::find(owners.begin(), owners.end(), r.requirement.person) == owners.end()) {
        owners.push_back(r.requirement.person);
      }
    }
    if (owners.empty())
      return nobody(signer, trusted.get());
    if (std::find(owners.begin(), owners.end(), trailers.approver) == owners.end()) {
      return {Rejection::approver_mismatch,
              tr("approval.reject-approver-mismatch", fmt::arg("people", fmt::join(owners, ", ")),
                 fmt::arg("approver", trailers.approver))};
    }
    std::vector<RequiredApproval*> claimed;
    for (const auto& role : trailers.roles) {
      auto it = std::find_if(attempt.required.begin(), attempt.required.end(),
                             [&](const RequiredApproval& r) { return r.requirement.role == role; });
      if (it == attempt.required.end()) {
        return {Rejection::role_not_needed,
                tr("approval.reject-role-not-needed", fmt::arg("role", format_role(role)))};
      }
      if (it->requirement.person != trailers.approver ||
          !signer_holds(it->requirement, signer, signer.signing_time).ok) {
        return {Rejection::role_not_held,
                it->requirement.person.empty()
                    ? tr("approval.reject-role-nobody", fmt::arg("role", format_role(role)))
                    : tr("approval.reject-role-not-held", fmt::arg("role", format_role(role)),
                         fmt::arg("holder", it->requirement.person),
                         fmt::arg("approver", trailers.approver))};
      }
      claimed.push_back(&*it);
    }
    CountedApproval counted{id, trailers.approver, {}, approval.when, signer};
    for (RequiredApproval* r : claimed) {
      if (r->approved)
        continue;
      r->approved = true;
      r->commit = id;
      counted.roles.push_back(r->requirement.role);
    }
    if (counted.roles.empty()) {
      return {Rejection::duplicate,
              tr("approval.reject-duplicate", fmt::arg("commit", claimed.front()->commit->hex()))};
    }
    attempt.counted.push_back(std::move(counted));
    attempt.consumed.push_back(a);
    return {};
  }

  // Tries to complete a version at commit `c` on top of `tip` (kNone: the first version). With
  // `full`, the change and its requirements are computed even when nothing can count (for the
  // report).
  Attempt attempt(std::size_t c, std::size_t tip, bool full) {
    const Node& node = nodes_[c];
    const Snapshot& content = node.snapshot;
    Attempt result;
    result.tip = tip;
    std::vector<std::size_t> candidates;
    std::optional<std::vector<FileChange>> target;
    const Bits& spent = tip == kNone ? kEmpty : versions_[tip].spent;
    if (node.reach) {
      node.reach->each_not_in(spent, [&](std::size_t a) {
        if (!screen(a, tip, content, target).reason)
          candidates.push_back(a);
      });
    }
    if (candidates.empty() && !full)
      return result;
    prepare(result, content);
    for (std::size_t a : candidates)
      count(result, a, content);
    result.complete = !result.required.empty() &&
                      std::all_of(result.required.begin(), result.required.end(),
                                  [](const RequiredApproval& r) { return r.approved; });
    return result;
  }

  std::size_t make_version(std::size_t c, Attempt&& done) {
    Version v;
    v.node = c;
    v.snapshot = nodes_[c].snapshot;
    v.base = done.tip;
    if (done.tip != kNone) {
      const Version& base = versions_[done.tip];
      v.depth = base.depth + 1;
      v.chain = base.chain;
      v.spent = base.spent;
    }
    v.chain.set(versions_.size());
    for (std::size_t a : done.consumed)
      v.spent.set(a);
    v.consumed = done.consumed;
    std::size_t parent_slot = done.tip == kNone ? 0 : done.tip + 1;
    if (children_of_.size() <= parent_slot)
      children_of_.resize(parent_slot + 1);
    children_of_[parent_slot].push_back(versions_.size());
    v.approvals = std::move(done.counted);
    v.required = std::move(done.required);
    v.newest = c;
    versions_.push_back(std::move(v));
    nodes_[c].at_version = versions_.size() - 1;
    return versions_.size() - 1;
  }

  // The version that the complete attempt `done` makes at commit c: a new one, or the equal one
  // made before at another commit (same_version).
  std::size_t complete_version(std::size_t c, Attempt&& done) {
    std::size_t v = same_version(c, done);
    if (v == kNone)
      return make_version(c, std::move(done));
    versions_[v].newest = c;
    nodes_[c].at_version = v;
    return v;
  }

  void step(std::size_t c) {
    Node& node = nodes_[c];
    // reach(c)
    std::shared_ptr<const Bits> reach;
    // A plain commit that changes the content starts a new pending change: what was approved
    // before it and not used by then never counts after it (spec §5, "bound to content").
    const bool changes =
        node.parents.size() == 1 && nodes_[node.parents[0]].snapshot.id() != node.snapshot.id();
    // Copied once at most, however many parents a merge has.
    std::shared_ptr<Bits> merged;
    for (std::size_t p : changes ? std::vector<std::size_t>{} : node.parents) {
      const auto& pr = nodes_[p].reach;
      if (!pr || (reach && (reach == pr || reach->contains(*pr))))
        continue;
      if (!reach) {
        reach = pr;
        continue;
      }
      if (!merged) {
        merged = std::make_shared<Bits>(*reach);
        reach = merged;
      }
      merged->merge(*pr);
    }
    if (node.approval != kNone) {
      auto own = reach ? std::make_shared<Bits>(*reach) : std::make_shared<Bits>();
      own->set(node.approval);
      reach = std::move(own);
    }
    node.reach = std::move(reach);
    // tips(c): the deepest versions of the parents, the first parent's first.
    std::vector<std::size_t> tips;
    std::size_t depth = 0;
    for (std::size_t p : node.parents) {
      for (std::size_t t : nodes_[p].tips) {
        if (!tips.empty() && versions_[t].depth < depth)
          continue;
        if (!tips.empty() && versions_[t].depth > depth)
          tips.clear();
        depth = versions_[t].depth;
        if (std::find(tips.begin(), tips.end(), t) == tips.end())
          tips.push_back(t);
      }
    }
    node.tips = std::move(tips);
    judge(c);
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
        parent.reach.reset();
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

  void judge(std::size_t c) {
    Node& node = nodes_[c];
    if (anchor_ && node.id == *anchor_) {
      if (!node.snapshot.present()) {
        throw Error(ExitCode::problems,
                    tr("approval.anchor-no-registry", fmt::arg("anchor", anchor_->hex())));
      }
      Attempt anchored;
      std::size_t v = make_version(c, std::move(anchored));
      versions_[v].anchored = true;
      carried_by_anchor(versions_[v]);
      node.tips = {v};
      return;
    }
    if (!node.snapshot.present() || untrusted_)
      return;
    if (approved_at(c)) {
      for (std::size_t t : node.tips)
        versions_[t].newest = c;
      node.at_version = node.tips.front();
      return;
    }
    if (node.tips.empty()) {
      if (anchor_)
        return;  // nothing before the anchor is trusted
      Attempt first = attempt(c, kNone, false);
      if (!first.complete)
        return;
      for (const auto& v : versions_) {
        if (v.base == kNone && v.snapshot.id() != node.snapshot.id()) {
          // Two first versions of different content: two roots of trust.
          untrusted_ = true;
          first_roots_ = {v.node, c};
          return;
        }
      }
      node.tips = {complete_version(c, std::move(first))};
      return;
    }
    for (std::size_t t : node.tips) {
      if (versions_[t].snapshot.id() == node.snapshot.id())
        continue;
      Attempt next = attempt(c, t, false);
      if (next.complete) {
        node.tips = {complete_version(c, std::move(next))};
        return;
      }
    }
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

  // A version equal to the one `done` would make at a commit: the same base, content and
  // consumed approvals. Two merges of the same approved branches are one version, not two: else
  // a push of many such merges would multiply the versions, and the tips of a merge of them all.
  std::size_t same_version(std::size_t c, const Attempt& done) const {
    Bits consumed;
    for (std::size_t a : done.consumed)
      consumed.set(a);
    std::size_t slot = done.tip == kNone ? 0 : done.tip + 1;
    if (slot >= children_of_.size())
      return kNone;
    for (std::size_t v : children_of_[slot]) {
      const Version& version = versions_[v];
      if (version.snapshot.id() != nodes_[c].snapshot.id())
        continue;
      Bits own;
      for (std::size_t a : version.consumed)
        own.set(a);
      if (own.contains(consumed) && consumed.contains(own))
        return v;
    }
    return kNone;
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
    status.approved_when = node.when;
    status.anchored = version.anchored;
    status.approvals = version.approvals;
    status.base_config = version.snapshot.config();
    status.trusted_roster = version.snapshot.roster();
  }

  Status finish(const git::Oid& revision) {
    const std::size_t r = nodes_.size() - 1;  // the revision comes last
    Node& head = nodes_[r];
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
      if (head.snapshot.present()) {
        Attempt first;
        prepare(first, head.snapshot);
        status.required = std::move(first.required);
      }
      return status;
    }
    for (std::size_t t : head.tips)
      status.tips.push_back(nodes_[versions_[t].node].id);
    // The tip shown: the first whose content differs, else the first.
    std::size_t shown = kNone;
    for (std::size_t t : head.tips) {
      if (versions_[t].snapshot.id() != head.snapshot.id()) {
        shown = t;
        break;
      }
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
    const bool approved = approved_at(r);
    Attempt pending;
    if (approved) {
      status.approved = true;
      status.required = versions_[shown].required;
    } else {
      pending = attempt(r, shown, true);
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
    Attempt probe = pending;
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
      Verdict why;
      if (approved) {
        why = judge_settled(node.approval, shown);
      } else {
        std::optional<std::vector<FileChange>> target;
        why = screen(node.approval, shown, head.snapshot, target);
        if (!why.reason) {
          why = count(probe, node.approval, head.snapshot);
        }
      }
      if (why.reason)
        status.rejected.push_back(RejectedApproval{node.id, *why.reason, why.detail});
    }
    return status;
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
      return nobody(approval.signer, roster.get());
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
    git_reference_iterator* it = nullptr;
    if (git_reference_iterator_new(&it, repo_.get()) != 0)
      return;
    std::vector<std::pair<std::string, git::Oid>> refs;
    git_reference* ref = nullptr;
    while (git_reference_next(&ref, it) == 0) {
      std::string name = git_reference_name(ref);
      git_reference* resolved = nullptr;
      if ((name.rfind("refs/heads/", 0) == 0 || name.rfind("refs/remotes/", 0) == 0) &&
          git_reference_resolve(&resolved, ref) == 0) {
        if (const git_oid* target = git_reference_target(resolved))
          refs.emplace_back(name, git::Oid(*target));
        git_reference_free(resolved);
      }
      git_reference_free(ref);
    }
    git_reference_iterator_free(it);
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
  std::vector<Approval> approvals_;
  std::vector<Version> versions_;
  std::vector<std::size_t> roots_;
  std::vector<std::size_t> first_roots_;
  // The versions made on each base: [0] the first versions, [v + 1] those on version v.
  std::vector<std::vector<std::size_t>> children_of_;
  std::map<std::pair<std::size_t, git::Oid>, std::pair<Change, std::vector<RequiredApproval>>>
      prepared_;
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
