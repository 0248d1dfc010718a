#pragma once

// Reading the approvals out of history (spec §5, §5.1): what `status` and `verify` report.
//
// The whole commit graph reachable from the revision is read, through every parent. Approved
// versions form a tree: each version is {the commit where it became complete, its content, the
// version it was approved against (its base; none for the first), its depth (0 for the first),
// the approvals it consumed}. The chain of a version is it and its bases back to the first.
//
//  1. Walk. Every commit reachable from the revision is read once (iteratively, no recursion an
//     input can drive deep) and put in topological order, parents before children.
//  2. Pass 1, per approval-like commit (a line starting "Perechen-"), cheapest and trust-deciding
//     first, no roster involved: the trailers parse (trailer.hpp); exactly one parent and the same
//     tree as it (`not-empty`); a signature in the header (`unsigned`) that verifies
//     (signature.hpp: `bad-signature`, `unsupported-signature`); a registry (`no-registry`) whose
//     content is the Perechen-Content (`stale-content`). Those that pass are *valid approvals*.
//  3. Roots. A root is a commit with registry content none of whose ancestors has any. Two roots
//     (or two first versions of different content) and no anchor: nothing is approved, and
//     `roots` names them. With an anchor (it must be reachable), the anchor is version 0, trusted
//     as given; approvals with Perechen-Base "none" never count then. For people to read, the
//     anchored version lists the approvals that made its content approved in the history up to
//     the anchor (evaluated without an anchor), when that history approves it; they decide
//     nothing.
//  4. Pass 2, commit by commit in topological order, keeping for every commit c
//       reach(c): the valid approvals that are c or its ancestors, except that a commit with one
//                 parent and another content than it starts afresh (an approval counts only
//                 for the content it sat on; a later change of content makes it void, even when
//                 the content comes back). Merges keep the union of their parents'. A bitset,
//                 shared with the parent when unchanged and freed when every child is done;
//       tips(c):  the deepest versions reachable from c (the versions completed at c, else those
//                 of its parents of maximal depth), the first parent's first.
//     X = content(c). If every tip has content X, c is approved. Otherwise a new version is tried
//     at c on top of each tip t (whose content is not X) in turn, the first success winning:
//       a. the candidates are the approvals of reach(c) not spent on chain(t), whose Perechen-Base
//          is a commit approved at a version on chain(t): its completion commit, or a later
//          commit of the same approved content, such as `approved_commit` of status --format
//          json (`unknown-base`, `base-not-on-chain`, `spent` otherwise);
//       b. the signer is, in t's roster, the Perechen-Approver (checked before any content is
//          compared: a foreign key costs no diff);
//       c. the approval's change is the change t -> X: made against t itself, its content is X;
//          made against an older version b of the chain, the change b -> its content and t -> X
//          touch the same files with the same blobs before and after (the same change on a
//          newer base, rule 5), so it is judged again by t's roster;
//       d. the candidates are counted as ever (roles.hpp: each claimed role needed and held by
//          the approver in t's roster, with the key or certificate that signed); when they cover
//          every role t -> X needs, version {c, X, base t, depth t+1, consumed} is made,
//          unless a version with the same base, content and consumed approvals was made at
//          another commit (two merges of the same branches): c is approved at that one then, so
//          that no push multiplies the versions or the tips of a merge.
//     With no tip (and no anchor), the first version is tried the same way: approvals with
//     Perechen-Base "none" and content X, judged by X's own roster.
//     The attempt costs nothing when no approval of reach(c) survives a and b.
//  5. Verdict at the revision R (no rollback): R is approved iff every tip of R has content(R).
//     Otherwise the pending change goes from the first tip whose content differs to content(R);
//     `required` is what that change needs and what of it the candidates cover, and `approve`
//     signs with Perechen-Base = that tip's completion commit. Parent order never changes a
//     verdict (tips are a set; only which tip is shown first depends on it).
//  6. Rejected: the approval-like commits reachable from R that are not ancestors of the current
//     version's completion commit and that failed pass 1, or that sit on content(R) and did not
//     count, each with its reason judged against the pending change.
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
