#pragma once

// Reading the approvals out of history (spec §5): what `status` and `verify` report.
//
// The first-parent history of a revision is walked from the root (or from an anchor) forward.
// Every commit has a registry content (content.hpp); consecutive commits with the same content form
// a segment. For a segment's content, the approvals needed are those of the change from the base,
// the last fully approved content (nothing at first), with roles and keys from the base's roster
// (roles.hpp). An approval commit counts for a content only when
//   - its message has well-formed trailers (trailer.hpp), it has exactly one parent and the same
//     tree as that parent (it changes nothing),
//   - its header carries an SSH signature that verifies over the commit (namespace "git"),
//   - its Perechen-Content is the content of the segment it sits in,
//   - the signing key belongs, in the base roster, to the person holding every role it claims, that
//     person is the Perechen-Approver, and the change needs each role.
// When every needed role has a counted approval, the content becomes the new base and that commit
// is the approved commit. Author and committer names count for nothing. Everything else that looks
// like an approval is rejected with a reason.

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
  bool anchored = false;                   // the base is the --anchor commit, trusted as given
  std::vector<CountedApproval> approvals;  // the approvals that made the base (empty if anchored)
  // The approvals the content at head needs, from the base; when approved, those that made it.
  std::vector<RequiredApproval> required;
  std::optional<PendingChange> pending;  // set when not approved
  // Approval-like commits after the approved commit that counted for nothing, oldest first.
  std::vector<RejectedApproval> rejected;

  // For names and titles in reports: the roster that judges (the base's, or the head's own for
  // the first version), and the settings and roster at head and at the base. nullptr when absent.
  std::shared_ptr<const Roster> trusted_roster;
  std::shared_ptr<const Roster> head_roster;
  std::shared_ptr<const Config> head_config;
  std::shared_ptr<const Config> base_config;
};

struct EvaluateOptions {
  // Trust starts here: the content at this commit is taken as approved and its roster as the
  // anchor of trust; history before it is not read. It must be on the first-parent line of the
  // revision, or evaluate() throws Error(problems).
  std::optional<git::Oid> anchor;
};

// Evaluates the history of `revision` read through `reader`.
Status evaluate(ContentReader& reader, const git::Oid& revision,
                const EvaluateOptions& options = {});

// The newest fully approved commit on the first-parent line of `revision` (what export --rev
// approved takes), or nullopt.
std::optional<git::Oid> last_approved_commit(ContentReader& reader, const git::Oid& revision);

}  // namespace perechen::approval
