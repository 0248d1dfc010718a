#!/usr/bin/env python3
"""Builds a registry repository flooded with approval-like commits, for timing `status` and
`verify` against what someone with push rights can add (spec §5.1, rule 9: linear cost).

    make_flood_history.py DIR --flood N [--signer stranger|deputy] [--where pending|top]
                          [--changes 10] [--points 200]

The registry and its objects are those of make_history.py (history_objects.py): the first version
approved by every role, then CHANGES approved changes of one point each, then one more change of
one point. FLOOD approval-like commits follow, one on another, each naming that content and the
version before it, claiming the client-centricity deputy's role as the deputy, and signed with a
real SSH signature (sshsig.py; each payload differs, so each is signed anew):

  --signer stranger  by a key that is in no roster: each passes every check before the signer's
                     (trailers, same tree, a good signature, its content) and is then refused;
  --signer deputy    by the deputy's own key: N approvals of the same role on the same content,
                     of which one counts.

  --where pending    the flood sits on the change while it waits: the owner's and the curator's
                     approvals (and for a stranger flood, the deputy's) come after it and complete
                     the version, so every commit of the flood has a leg to settle;
  --where top        the change is approved first and the flood sits on top of the approved
                     version, where status reports what did not count.

Either way the content at HEAD is approved: `verify` exits 0.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from history_objects import Commits, Registry, finish_repository, init_repository  # noqa: E402
from sshsig import Key  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--flood", type=int, required=True)
    parser.add_argument("--signer", choices=["stranger", "deputy"], default="stranger")
    parser.add_argument("--where", choices=["pending", "top"], default="pending")
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--points", type=int, default=200)
    args = parser.parse_args()

    repo, git_dir = init_repository(args.dir)
    keys_dir = os.path.join(repo, ".keys")  # outside the registry content; not committed
    os.makedirs(keys_dir, exist_ok=True)
    keys = {}
    registry = Registry(git_dir, args.points,
                        lambda person: f"    keys:\n      - {keys[person].public}\n")
    for person in registry.people + ["stranger"]:
        keys[person] = Key(keys_dir, person)
    keys["stranger"].check()
    registry.write_files()  # the roster names registry.people only: the stranger is in none
    commits = Commits(git_dir, 1767258000, 60,  # 2026-01-01 12:00 +03:00, a minute a commit
                      lambda person: keys[person].sign)

    tree_id, content = registry.tree()
    head = commits.commit(tree_id, [], "Первая версия перечня\n", "initiator")
    head, approvals = commits.approve_all(head, tree_id, content, "none", registry.first_needed())
    base = head
    for n in range(args.changes + 1):
        i = (7 * n) % args.points
        registry.point_blobs[i] = registry.edit(i)
        tree_id, content = registry.tree()
        head = commits.commit(tree_id, [head], f"Изменение {n + 1}\n", "initiator")
        needed = registry.needed_for([i])
        if n < args.changes:
            head, count = commits.approve_all(head, tree_id, content, base, needed)
            approvals += count
            base = head

    def flood(head):
        message = "Согласование изменений перечня\n\nPerechen-Approval: 1\n" \
                  f"Perechen-Content: {content}\nPerechen-Base: {base}\n" \
                  "Perechen-Approver: deputy\nPerechen-Role: client_centricity\n"
        sign = keys[args.signer].sign
        for _ in range(args.flood):
            head = commits.commit(tree_id, [head], message, "deputy", sign)
        return head

    # The last change waits for its approvals: owner, curator, deputy.
    if args.where == "pending":
        head = flood(head)
        if args.signer == "deputy":  # the deputy's role is approved by the flood already
            needed = [(person, role) for person, role in needed if person != "deputy"]
    head, count = commits.approve_all(head, tree_id, content, base, needed)
    approvals += count
    if args.where == "top":
        head = flood(head)

    finish_repository(repo, git_dir, head)
    print(f"{args.changes + 1} content changes, {approvals} approvals, a flood of {args.flood} "
          f"by the {args.signer} ({args.where}), {args.points} points: {repo}", file=sys.stderr)


if __name__ == "__main__":
    main()
