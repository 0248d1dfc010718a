// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading the approvals out of history (spec §5, §5.1): what `status` and `verify` report.
//
// INVARIANTS. Every step below serves these; where a step seems to allow more, they rule.
//  I1 No loss. The approved version of a commit covers every approved version reachable from
//     it: each is among its ancestors (through every base), or its change was carried onto
//     them with the same approvals (rule 5). Depth never decides; parent order never decides.
//  I2 Every step approved. Each version's change from each of its bases is approved by every
//     role it needs under that base's roster and settings. Rule 5 carries approvals to a newer
//     base only when the versions in between touched none of the change's files and neither
//     perechen.yaml nor roster.yaml.
//  I3 Single use. An approval counts at most once among a version's ancestors; a change applied
//     and then reverted needs new approvals to come back, whichever branch old approvals sit on.
//  I4 One reading of content. A commit's registry is read by ContentReader alone; a tree it
//     cannot read unambiguously is malformed, and malformed content or content with validation
//     errors is never approved.
//  I5 Only object ids are trusted: the anchor is an object id (anchor.hpp), never a ref.
//  I6 Only signed facts. A version's approval date is the latest signed time among the
//     approvals it consumed; an unsigned merge commit's date decides nothing.
//  I7 Linear cost. Approvals whose signer is in no roster of the history are dropped before
//     any pairing; everything else is linear in commits and approvals (with small sets of tips).
//
// TERMS.
//  content(c)   the registry of commit c: none (no perechen.yaml), malformed, or a content id X.
//  approval     an approval-like commit that passed pass 1 (step 2).
//  live(c)      the approvals that may count at c: c's own, and live(p) of every parent p with
//               content(p) = content(c). So a change of content on any edge, a plain commit or
//               a merge, ends what was approved before it; a live approval sits on content(c).
//  version V    completed at commit node(V), with content(V), bases(V) (versions; none for the
//               first version and the anchor) and consumed(V) (approvals). anc(V): V and,
//               through bases, every version before it. spent(V): the union of consumed over
//               anc(V). touched(V): the registry files that differ between V and any base.
//               change(W), for a version with one base: the registry files that differ from
//               base(W) to W, each with its blob before and after (changed_files).
//  covers(V,W)  W is in anc(V); or consumed(W) is not empty, lies in spent(V), and V covers
//               every base of W.
//  versions(c)  the versions completed at c or at its ancestors.
//  tips(c)      the versions of versions(c) that no other version of versions(c) covers
//               (computed from the parents' tips; a version formed at c covers them all).
//  order        tips and versions are taken in the order of their completion commits' ids
//               (hex), never by parent order or depth.
//
// STEPS.
//  1. Walk every commit reachable from the revision once, iteratively, parents before children.
//  2. Pass 1, per approval-like commit, cheapest and trust-deciding first, no roster involved:
//     the trailers parse (trailer.hpp); one parent and the same tree as it (`not-empty`); a
//     signature in the header (`unsigned`) that verifies (`bad-signature`, ...); a registry
//     (`no-registry`) whose content id is Perechen-Content (`stale-content`); the signer is a
//     person of some roster read in the walk (`key-not-in-roster`, I7). The rest are approvals.
//  3. Roots. A root is a commit with content none of whose ancestors has any. Two roots (or two
//     first versions of different content) and no anchor: nothing is approved (`roots`). With
//     an anchor, the anchor's commit is a version with no base and nothing consumed, trusted as
//     given; nothing that does not descend from it is a version, and Perechen-Base "none"
//     never counts.
//  4. Commit by commit: tips(c) from the parents' tips; if content(c) is present, not
//     malformed, valid, and some tip has another content, a version is formed at c when:
//       for some tip t0 (in order), starting with bases {t0} and settling the leg t0 -> X, then
//       for every other tip t (in order) that the version so far does not cover, settling the
//       leg t -> X and adding t to the bases, every leg is settled and one at least is not
//       empty. "The version so far covers t" as covers() above, or t is re-approved: t has one
//       base that the version so far covers, and change(t) is a part of the change of a settled
//       non-empty leg (the same files with the same blobs before and after), so every role it
//       needs approved it again; a re-approved t joins anc (and its spent joins spent). The first
//       t0 that succeeds makes the version; tips(c) = {it}. A leg t -> X is settled by exactly one
//       of:
//        (empty)   content(t) = X;
//        (fresh)   approvals of live(c) whose Perechen-Base names t (its completion commit, or
//                  a later commit approved at t's content), not in spent(t) nor consumed by an
//                  earlier leg; each counts only when its signer is, in t's roster, the person
//                  of Perechen-Approver, and every role it claims is needed by the change
//                  t -> X and held by that person there (a role may have several holders,
//                  spec §2.2: any one of them holds it); per needed role the counting approval
//                  of smallest commit id is consumed; settled when every needed role is.
//        (carried) versions W of versions(c) with one base, base(W) in anc(t), W not in anc(t),
//                  consumed(W) meeting neither spent(t) nor earlier legs, no version of
//                  anc(t) \ anc(base(W)) touching a file of change(W) or perechen.yaml or
//                  roster.yaml, change(W) touching neither perechen.yaml nor roster.yaml (a
//                  change of settings or roster is approved on the base it lands on, never
//                  carried), and change(W) a part of the change t -> X (the same files with
//                  the same blobs before and after); taken in order of size (most files first,
//                  then order), each if it shares no file with those taken; settled when those
//                  taken make up the whole change t -> X and their approvals count as (fresh)
//                  would under t's roster; their approvals are consumed.
//     A version with the same content, bases and consumed as one made before is that one.
//     With no tip and no anchor, the first version is formed the same way from approvals with
//     Perechen-Base "none", judged by X's own roster.
//  5. Verdict at the revision R: approved iff content(R) is present, not malformed and valid,
//     tips(R) is not empty and every tip has content(R). Otherwise the pending change is the
//     leg from the first tip (in order) that is not settled, to content(R): `required` lists
//     what it needs, and `approve` signs with Perechen-Base = that tip's completion commit.
//  6. Rejected: the approval-like commits reachable from R that are not ancestors of the
//     current version's completion commit and that failed pass 1, or that sit on content(R)
//     and did not count, each with its reason judged against the pending leg.
//  7. Elsewhere: when R is not approved, the other branches and remote-tracking branches are
//     searched (a bounded walk) for valid approvals of content(R): a squash or rebase merge drops
//     approval commits, and `status` says where they are.
//
// Author and committer names count for nothing.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "perechen/approval/change.hpp"
#include "perechen/approval/content.hpp"
#include "perechen/approval/rejection.hpp"
#include "perechen/approval/roles.hpp"
#include "perechen/approval/signature.hpp"
#include "perechen/git/repository.hpp"

namespace perechen::approval {

struct RejectedApproval {
  git::Oid commit;
  Rejection reason = Rejection::malformed;
  std::string detail;  // what exactly, in the current language
};

// When something happened: a commit's committer time.
struct When {
  std::int64_t time = 0;     // seconds since the epoch
  int offset_minutes = 0;    // the committer's time zone
  std::string date() const;  // YYYY-MM-DD in that time zone
};

struct CountedApproval {
  git::Oid commit;
  std::string person;
  std::vector<RoleScope> roles;  // the roles it counted for
  When when;
  Signer signer;  // who signed it: the SSH key (or certificate) that counted
};

struct RequiredApproval {
  Requirement requirement;
  bool approved = false;
  std::optional<git::Oid> commit;  // the approval that counted
  std::string person;              // who gave it: one of the role's holders; empty when missing
};

struct Initiator {
  git::Oid commit;     // the first commit that changed the content after the base
  std::string name;    // its author's name
  std::string person;  // the roster id of an initiator (roles.initiators) with that name or id;
                       // empty when the author is not one
  When when;
};

struct PendingChange {
  git::Oid since;  // the first commit of the pending change
  Change change;   // from the base to the content at the revision
  Initiator initiator;
};

struct Status {
  git::Oid head;                            // the revision looked at
  std::optional<git::Oid> content;          // its content id; nullopt when it holds no registry
  bool approved = false;                    // the content at head is fully approved
  std::optional<git::Oid> approved_commit;  // where the base became fully approved
  // The newest commit of the history whose content is the approved content (spec §4.2's
  // `approved_commit`): later than approved_commit when, say, a README change followed.
  std::optional<git::Oid> newest_approved_commit;
  std::optional<git::Oid> approved_content;  // the base's content id
  When approved_when;
  bool anchored = false;  // the base is the --anchor commit, trusted as given
  // The approvals that made the base; if anchored, those that made its content approved in the
  // history up to the anchor (for people to read; empty when that history does not approve it).
  std::vector<CountedApproval> approvals;
  // The approvals the content at head needs, from the base; when approved, those that made it.
  std::vector<RequiredApproval> required;
  std::optional<PendingChange> pending;  // set when not approved
  // Approval-like commits that counted for nothing (step 6 above), in history order.
  std::vector<RejectedApproval> rejected;

  // For names and titles in reports: the roster that judges (the base's, or the head's own for
  // the first version), and the settings and roster at head and at the base. nullptr when absent.
  std::shared_ptr<const Roster> trusted_roster;
  std::shared_ptr<const Roster> head_roster;
  std::shared_ptr<const Config> head_config;
  std::shared_ptr<const Config> base_config;

  // Over the commit graph (spec §5.1):
  // The roots of trust found: commits holding a registry with none before them (or the first
  // versions, when several of different content were approved). More than one and no anchor:
  // nothing is approved (`untrusted_roots`).
  std::vector<git::Oid> roots;
  bool untrusted_roots = false;
  std::optional<git::Oid> anchor;  // the anchor used, if any
  // The completion commits of the current approved versions reachable from head (usually one;
  // two when approved sibling changes meet in a merge that is not approved yet).
  std::vector<git::Oid> tips;
  // When not approved: a branch (or remote-tracking branch) holding valid approvals of the content
  // at head, and the newest such approval: the likely trace of a squash or rebase merge.
  std::optional<std::string> approvals_elsewhere;
  std::optional<git::Oid> approvals_elsewhere_commit;
};

// A registry file that differs between two versions: perechen.yaml, roster.yaml or a point file,
// with its blob before and after (nullopt where absent).
struct FileChange {
  std::string path;
  std::optional<git::Oid> before;
  std::optional<git::Oid> after;

  friend bool operator==(const FileChange&, const FileChange&) = default;
};

// The files that differ from `before` (nullptr: nothing) to `after`, sorted by path.
std::vector<FileChange> changed_files(const Snapshot* before, const Snapshot& after);

// "The same change" (spec §5.1 rule 5): the two changes touch the same files with the same blobs
// before and after, and are not empty.
bool same_change(const std::vector<FileChange>& a, const std::vector<FileChange>& b);

struct EvaluateOptions {
  // Trust starts here: the content at this commit is taken as approved and its roster as the
  // anchor of trust; nothing before it is trusted. It must be reachable from the revision, or
  // evaluate() throws Error(problems).
  std::optional<git::Oid> anchor;
  // Search other branches for approvals of the content at the revision when it is not approved.
  bool look_elsewhere = true;
};

// Evaluates the history of `revision` read through `reader`.
Status evaluate(ContentReader& reader, const git::Oid& revision,
                const EvaluateOptions& options = {});

// The completion commit of the current approved version at `revision` (what export --rev
// approved takes), or nullopt.
std::optional<git::Oid> last_approved_commit(ContentReader& reader, const git::Oid& revision);

}  // namespace perechen::approval
