#!/usr/bin/env python3
"""Builds a registry repository with a long approval history, for timing `status` and `verify`.

    make_history.py DIR [--changes 300] [--approvals 1000] [--points 200] [--prs 0]

The first version is approved by every role, then each of CHANGES content changes edits one or two
point files and is approved by exactly the roles it needs (owner, curator, client-centricity), so
that the history holds CHANGES content changes and APPROVALS approval commits in all, every one
signed with a key of the roster as `ssh-keygen -Y sign -n git` signs for `git commit -S` (in-process
by sshsig.py, the same bytes). The objects are written by history_objects.py.

With --prs N, N pull requests follow, as a forge makes them (spec §5.1): each is a branch from
main with one point changed and approved on the branch (3 approvals against the version it
branched from), merged into main by a merge commit. Every other branch starts one merge back, so
main has moved meanwhile and its approvals count as the same change on a newer base. The branches
are kept as refs/heads/pr-K.
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
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--approvals", type=int, default=1000)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--prs", type=int, default=0)
    args = parser.parse_args()

    repo, git_dir = init_repository(args.dir)
    keys_dir = os.path.join(repo, ".keys")  # outside the registry content; not committed
    os.makedirs(keys_dir, exist_ok=True)
    keys = {}
    registry = Registry(git_dir, args.points,
                        lambda person: f"    keys:\n      - {keys[person].public}\n")
    for person in registry.people:
        keys[person] = Key(keys_dir, person)
    keys["deputy"].check()
    registry.write_files()
    commits = Commits(git_dir, 1767258000, 60,  # 2026-01-01 12:00 +03:00, a minute a commit
                      lambda person: keys[person].sign)

    # The first version, approved by every role.
    tree_id, content = registry.tree()
    head = commits.commit(tree_id, [], "Первая версия перечня\n", "initiator")
    head, approvals = commits.approve_all(head, tree_id, content, "none", registry.first_needed())
    base = head

    # Each change: one point (3 approvals) or two points of different directions and owners
    # (5 approvals), as many of the latter as make the approvals come out at --approvals.
    remaining = args.approvals - approvals
    double = max(0, min(args.changes, (remaining - 3 * args.changes) // 2))
    for n in range(args.changes):
        touched = [(7 * n) % args.points]
        if n < double:
            # A second point, of a process in another direction with another owner.
            first = registry.process_of_point[touched[0]]
            for step in range(1, args.points):
                j = (touched[0] + step) % args.points
                other = registry.process_of_point[j]
                if registry.direction_of[other] != registry.direction_of[first] and \
                        registry.owner_of[other] != registry.owner_of[first]:
                    touched.append(j)
                    break
        for i in touched:
            registry.point_blobs[i] = registry.edit(i)
        tree_id, content = registry.tree()
        head = commits.commit(tree_id, [head], f"Изменение {n + 1}\n", "initiator")
        head, count = commits.approve_all(head, tree_id, content, base,
                                          registry.needed_for(touched))
        approvals += count
        base = head

    # Pull requests, merged by merge commits.
    states = [(head, list(registry.point_blobs))]  # main after each merge: (commit, point blobs)
    for k in range(args.prs):
        start, blobs = states[-2] if k % 2 == 1 and len(states) > 1 else states[-1]
        i = (13 * k + 5) % args.points
        changed = registry.edit(i)
        branch_blobs = list(blobs)
        branch_blobs[i] = changed
        tree_id, content = registry.tree(branch_blobs)
        pr = commits.commit(tree_id, [start], f"Изменение по запросу {k + 1}\n", "initiator")
        pr, count = commits.approve_all(pr, tree_id, content, start, registry.needed_for([i]))
        approvals += count
        with open(os.path.join(git_dir, "refs", "heads", f"pr-{k + 1}"), "w") as f:
            f.write(pr + "\n")
        registry.point_blobs[i] = changed
        merged_tree, _ = registry.tree()
        head = commits.commit(merged_tree, [head, pr], f"Merge pull request #{k + 1}\n", "forge")
        states.append((head, list(registry.point_blobs)))

    finish_repository(repo, git_dir, head)
    print(f"{args.changes} content changes, {args.prs} pull requests, {approvals} approvals, "
          f"{args.points} points: {repo}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
