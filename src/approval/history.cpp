#include "perechen/approval/history.hpp"

#include <algorithm>
#include <chrono>

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

namespace {

When when_of(const git::RawCommit& raw) {
  return When{raw.time, raw.offset_minutes};
}

struct Base {
  Snapshot snapshot;
  git::Oid commit;
  When when;
  bool anchored = false;
  std::vector<CountedApproval> approvals;
  std::vector<RequiredApproval> required;
};

struct Segment {
  Snapshot snapshot;
  bool ready = false;  // `change` and `required` computed
  Change change;
  std::vector<RequiredApproval> required;
  std::vector<CountedApproval> counted;
};

class Evaluation {
 public:
  Evaluation(ContentReader& reader) : reader_(reader), repo_(reader.repository()) {}

  Status run(const git::Oid& revision, const EvaluateOptions& options) {
    bool found = false;
    std::vector<git::Oid> chain = repo_.first_parent_chain(revision, options.anchor, &found);
    std::size_t i = 0;
    std::optional<git::Oid> previous_tree;
    if (options.anchor) {
      if (!found) {
        throw Error(ExitCode::problems,
                    tr("approval.anchor-not-in-history", fmt::arg("anchor", options.anchor->hex()),
                       fmt::arg("rev", revision.hex())));
      }
      git::RawCommit raw = repo_.raw_commit(*options.anchor);
      Snapshot snapshot = reader_.at_tree(raw.tree);
      if (!snapshot.present()) {
        throw Error(ExitCode::problems,
                    tr("approval.anchor-no-registry", fmt::arg("anchor", options.anchor->hex())));
      }
      base_ = Base{snapshot, *options.anchor, when_of(raw), true, {}, {}};
      segment_ = Segment{snapshot, true, {}, {}, {}};
      newest_approved_ = *options.anchor;
      previous_tree = raw.tree;
      i = 1;
    }
    for (; i < chain.size(); ++i) {
      const git::Oid& id = chain[i];
      git::RawCommit raw = repo_.raw_commit(id);
      Snapshot snapshot = reader_.at_tree(raw.tree);
      if (!segment_ || segment_->snapshot.id() != snapshot.id()) {
        segment_ = Segment{snapshot, false, {}, {}, {}};
        if (snapshot.present() && !initiator_ && !is_base(snapshot)) {
          initiator_ = Initiator{id, git::person_name(raw.author), {}, when_of(raw)};
        }
      }
      if (looks_like_approval(raw.message))
        judge(id, raw, previous_tree);
      if (is_base(snapshot))
        newest_approved_ = id;
      previous_tree = raw.tree;
    }
    return finish(revision);
  }

 private:
  bool is_base(const Snapshot& snapshot) const {
    return base_ && snapshot.present() && base_->snapshot.id() == snapshot.id();
  }

  void prepare(Segment& segment) {
    if (segment.ready)
      return;
    const Snapshot* base = base_ ? &base_->snapshot : nullptr;
    segment.change = analyze(base, segment.snapshot);
    for (auto& requirement : required_roles(segment.change, base, segment.snapshot)) {
      segment.required.push_back(RequiredApproval{std::move(requirement), false, std::nullopt});
    }
    segment.ready = true;
  }

  void reject(const git::Oid& id, Rejection reason, std::string detail) {
    rejected_.push_back(RejectedApproval{id, reason, std::move(detail)});
  }

  void judge(const git::Oid& id, const git::RawCommit& raw,
             const std::optional<git::Oid>& previous_tree) {
    ParsedTrailers parsed = parse_approval_message(raw.message);
    if (!parsed.value)
      return reject(id, Rejection::malformed, parsed.error);
    const ApprovalTrailers& trailers = *parsed.value;
    if (raw.parents.size() != 1 || !previous_tree || *previous_tree != raw.tree) {
      return reject(id, Rejection::not_empty, tr("approval.reject-not-empty"));
    }
    if (!raw.signature)
      return reject(id, Rejection::unsigned_commit, tr("approval.reject-unsigned"));
    SignatureCheck check = check_signature(raw);
    if (!check.good)
      return reject(id, check.reason, check.detail);
    const Signer& signer = check.signer;
    Segment& segment = *segment_;
    if (!segment.snapshot.present()) {
      return reject(id, Rejection::no_registry, tr("approval.reject-no-registry"));
    }
    if (trailers.content != *segment.snapshot.id()) {
      return reject(id, Rejection::stale_content,
                    tr("approval.reject-stale", fmt::arg("claimed", trailers.content.hex()),
                       fmt::arg("actual", segment.snapshot.id()->hex())));
    }
    prepare(segment);

    // Whose key it is: the base roster decides (the content's own roster for the first version),
    // and, for a role only the change's roster names, that holder's keys.
    auto trusted = base_ ? base_->snapshot.roster() : segment.snapshot.roster();
    std::vector<std::string> owners;
    if (trusted)
      owners = people_of(signer, *trusted, signer.signing_time);
    for (const auto& r : segment.required) {
      if (r.requirement.named_by_change &&
          signer_holds(r.requirement, signer, signer.signing_time).ok &&
          std::find(owners.begin(), owners.end(), r.requirement.person) == owners.end()) {
        owners.push_back(r.requirement.person);
      }
    }
    if (owners.empty()) {
      Match why = trusted ? why_nobody(signer, *trusted, signer.signing_time)
                          : Match{false, Rejection::key_not_in_roster, {}};
      return reject(id, why.reason,
                    why.detail.empty() ? tr("approval.reject-key-not-in-roster",
                                            fmt::arg("key", signer.fingerprint()))
                                       : why.detail);
    }
    if (std::find(owners.begin(), owners.end(), trailers.approver) == owners.end()) {
      return reject(
          id, Rejection::approver_mismatch,
          tr("approval.reject-approver-mismatch", fmt::arg("people", fmt::join(owners, ", ")),
             fmt::arg("approver", trailers.approver)));
    }
    if (is_base(segment.snapshot)) {
      return reject(
          id, Rejection::already_approved,
          tr("approval.reject-already-approved", fmt::arg("commit", base_->commit.hex())));
    }
    std::vector<RequiredApproval*> claimed;
    for (const auto& role : trailers.roles) {
      auto it = std::find_if(segment.required.begin(), segment.required.end(),
                             [&](const RequiredApproval& r) { return r.requirement.role == role; });
      if (it == segment.required.end()) {
        return reject(id, Rejection::role_not_needed,
                      tr("approval.reject-role-not-needed", fmt::arg("role", format_role(role))));
      }
      if (it->requirement.person != trailers.approver ||
          !signer_holds(it->requirement, signer, signer.signing_time).ok) {
        return reject(id, Rejection::role_not_held,
                      it->requirement.person.empty()
                          ? tr("approval.reject-role-nobody", fmt::arg("role", format_role(role)))
                          : tr("approval.reject-role-not-held", fmt::arg("role", format_role(role)),
                               fmt::arg("holder", it->requirement.person),
                               fmt::arg("approver", trailers.approver)));
      }
      claimed.push_back(&*it);
    }
    CountedApproval counted{id, trailers.approver, {}, when_of(raw), signer};
    for (RequiredApproval* r : claimed) {
      if (r->approved)
        continue;
      r->approved = true;
      r->commit = id;
      counted.roles.push_back(r->requirement.role);
    }
    if (counted.roles.empty()) {
      return reject(
          id, Rejection::duplicate,
          tr("approval.reject-duplicate", fmt::arg("commit", claimed.front()->commit->hex())));
    }
    segment.counted.push_back(std::move(counted));
    bool complete = std::all_of(segment.required.begin(), segment.required.end(),
                                [](const RequiredApproval& r) { return r.approved; });
    if (complete) {
      base_ = Base{segment.snapshot, id, when_of(raw), false, segment.counted, segment.required};
      rejected_.clear();
      initiator_.reset();
    }
  }

  Status finish(const git::Oid& revision) {
    Status status;
    status.head = revision;
    const Snapshot& head = segment_->snapshot;
    status.content = head.id();
    if (base_) {
      status.approved_commit = base_->commit;
      status.newest_approved_commit = newest_approved_;
      status.approved_content = base_->snapshot.id();
      status.approved_when = base_->when;
      status.anchored = base_->anchored;
      status.approvals = base_->approvals;
    }
    status.rejected = std::move(rejected_);
    status.head_roster = head.roster();
    status.head_config = head.config();
    status.base_config = base_ ? base_->snapshot.config() : nullptr;
    status.trusted_roster = base_ ? base_->snapshot.roster() : status.head_roster;
    if (!head.present())
      return status;
    if (is_base(head)) {
      status.approved = true;
      status.required = base_->required;
      return status;
    }
    prepare(*segment_);
    status.required = segment_->required;
    Initiator initiator = initiator_.value_or(Initiator{revision, {}, {}, {}});
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
    status.pending = PendingChange{initiator.commit, segment_->change, std::move(initiator)};
    return status;
  }

  ContentReader& reader_;
  const git::Repository& repo_;
  std::optional<Base> base_;
  std::optional<Segment> segment_;
  std::optional<Initiator> initiator_;
  std::optional<git::Oid> newest_approved_;
  std::vector<RejectedApproval> rejected_;
};

}  // namespace

Status evaluate(ContentReader& reader, const git::Oid& revision, const EvaluateOptions& options) {
  return Evaluation(reader).run(revision, options);
}

std::optional<git::Oid> last_approved_commit(ContentReader& reader, const git::Oid& revision) {
  return evaluate(reader, revision).approved_commit;
}

}  // namespace perechen::approval
