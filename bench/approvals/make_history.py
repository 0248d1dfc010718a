#!/usr/bin/env python3
"""Builds a registry repository with a long approval history, for timing `status` and `verify`.

    make_history.py DIR [--changes 300] [--approvals 1000] [--points 200] [--prs 0]

The first version is approved by every role, then each of CHANGES content changes edits one or two
point files and is approved by exactly the roles it needs (owner, curator, client-centricity), so
that the history holds CHANGES content changes and APPROVALS approval commits in all, every one
signed by `ssh-keygen -Y sign -n git` with a key of the roster, as `git commit -S` would sign it.
Objects are written straight into .git/objects (zlib, as git stores loose objects), which is
faster than running git 1,300 times; `git fsck` accepts the result.

With --prs N, N pull requests follow, as a forge makes them (spec §5.1): each is a branch from
main with one point changed and approved on the branch (3 approvals against the version it
branched from), merged into main by a merge commit. Every other branch starts one merge back, so
main has moved meanwhile and its approvals count as the same change on a newer base. The branches
are kept as refs/heads/pr-K.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import zlib

DIRECTIONS = 5
PROCESSES_PER_DIRECTION = 4
OWNERS = 8  # process owners; each owns several processes


def write_object(git_dir, kind, body):
    data = kind.encode() + b" " + str(len(body)).encode() + b"\0" + body
    oid = hashlib.sha1(data).hexdigest()
    path = os.path.join(git_dir, "objects", oid[:2], oid[2:])
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(zlib.compress(data, 1))
    return oid


def tree(git_dir, entries):
    """entries: {name: (mode, oid)}; sorted as git sorts (a tree's name as if ending in '/')."""
    def key(item):
        name, (mode, _) = item
        return name + "/" if mode == "40000" else name
    body = b""
    for name, (mode, oid) in sorted(entries.items(), key=key):
        body += mode.encode() + b" " + name.encode() + b"\0" + bytes.fromhex(oid)
    return write_object(git_dir, "tree", body)


def tree_hash(entries):
    """The id of a tree, without writing it (the content id of perechen)."""
    def key(item):
        name, (mode, _) = item
        return name + "/" if mode == "40000" else name
    body = b""
    for name, (mode, oid) in sorted(entries.items(), key=key):
        body += mode.encode() + b" " + name.encode() + b"\0" + bytes.fromhex(oid)
    return hashlib.sha1(b"tree " + str(len(body)).encode() + b"\0" + body).hexdigest()


def make_key(keys_dir, name):
    path = os.path.join(keys_dir, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path],
                   check=True)
    with open(path + ".pub") as f:
        return path, f.read().strip()


def sign(key_path, payload):
    r = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", key_path],
                       input=payload, capture_output=True, check=True)
    return r.stdout.decode().rstrip("\n")


def point_yaml(i, process, revision):
    return (f"process: {process}\n"
            f"point:\n"
            f"  name: Точка взаимодействия № {i}\n"
            f"  channel: digital\n"
            f"  kind: portal\n"
            f"  url: https://example.ru/points/{i}\n"
            f"clients: [civil-servants]\n"
            f"value: Ценность для клиента № {i}, редакция {revision}\n"
            f"needs:\n"
            f"  - information\n"
            f"  - result: Результат № {i}\n"
            f"basis:\n"
            f"  - type: internal_act\n"
            f"    title: Приказ № {i}\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--approvals", type=int, default=1000)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--prs", type=int, default=0)
    args = parser.parse_args()

    repo = os.path.abspath(args.dir)
    os.makedirs(repo, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    git_dir = os.path.join(repo, ".git")
    keys_dir = os.path.join(repo, ".keys")  # outside the registry content; not committed
    os.makedirs(keys_dir, exist_ok=True)

    directions = [f"d{d}" for d in range(DIRECTIONS)]
    processes = [(f"p{d}-{p}", f"d{d}") for d in range(DIRECTIONS)
                 for p in range(PROCESSES_PER_DIRECTION)]
    direction_of = dict(processes)
    owner_of = {p: f"owner{i % OWNERS}" for i, (p, _) in enumerate(processes)}
    curator_of = {d: f"curator{i}" for i, d in enumerate(directions)}
    people = ["deputy"] + [f"curator{i}" for i in range(DIRECTIONS)] + \
             [f"owner{i}" for i in range(OWNERS)]
    keys = {person: make_key(keys_dir, person) for person in people}

    config = "title: Перечень\norganization: Управление финансов\n" \
             "institutions:\n  - id: cbu\n    title: ЦБУ\n" \
             "clients:\n  - id: civil-servants\n    title: Служащие\ndirections:\n"
    for d in directions:
        config += f"  - id: {d}\n    title: Направление {d}\n    processes:\n"
        for p, pd in processes:
            if pd == d:
                config += f"      - id: {p}\n        title: Процесс {p}\n"
    roster = "people:\n"
    for person in people:
        roster += f"  - id: {person}\n    name: {person}\n    position: должность\n" \
                  f"    keys:\n      - {keys[person][1]}\n"
    roster += "roles:\n  client_centricity: deputy\n  direction_curators:\n"
    roster += "".join(f"    {d}: {c}\n" for d, c in curator_of.items())
    roster += "  process_owners:\n"
    roster += "".join(f"    {p}: {o}\n" for p, o in owner_of.items())

    config_blob = write_object(git_dir, "blob", config.encode())
    roster_blob = write_object(git_dir, "blob", roster.encode())
    revision = [0] * args.points
    process_of_point = [processes[i % len(processes)][0] for i in range(args.points)]
    point_blobs = [write_object(git_dir, "blob", point_yaml(i, process_of_point[i], 0))
                   for i in range(args.points)]

    def registry_tree(blobs=None):
        folders = {}
        for i, blob in enumerate(point_blobs if blobs is None else blobs):
            folders.setdefault(process_of_point[i], {})[f"point-{i:05}.yaml"] = ("100644", blob)
        points = tree(git_dir, {name: ("40000", tree(git_dir, files))
                                for name, files in folders.items()})
        entries = {"perechen.yaml": ("100644", config_blob),
                   "roster.yaml": ("100644", roster_blob),
                   "points": ("40000", points)}
        return tree(git_dir, entries), tree_hash(entries)

    clock = [1767258000]  # 2026-01-01 12:00 +03:00

    def commit(tree_id, parent, message, author, key=None, second=None):
        clock[0] += 60
        stamp = f"{author} <{author}@example.ru> {clock[0]} +0300"
        header = f"tree {tree_id}\n" + (f"parent {parent}\n" if parent else "") + \
                 (f"parent {second}\n" if second else "") + \
                 f"author {stamp}\ncommitter {stamp}\n"
        payload = (header + "\n" + message).encode()
        if key is None:
            return write_object(git_dir, "commit", payload)
        signature = sign(key, payload)
        signed = header + "gpgsig " + signature.replace("\n", "\n ") + "\n\n" + message
        return write_object(git_dir, "commit", signed.encode())

    def approve(head, tree_id, content, base, person, roles):
        message = "Согласование изменений перечня\n\nPerechen-Approval: 1\n" \
                  f"Perechen-Content: {content}\nPerechen-Base: {base}\n" \
                  f"Perechen-Approver: {person}\n" + \
                  "".join(f"Perechen-Role: {r}\n" for r in roles)
        return commit(tree_id, head, message, person, keys[person][0])

    def approve_all(head, tree_id, content, base, needed):
        """needed: [(person, role)]; one approval per person, with all their roles."""
        by_person = {}
        for person, role in needed:
            by_person.setdefault(person, []).append(role)
        for person, roles in by_person.items():
            head = approve(head, tree_id, content, base, person, roles)
        return head, len(by_person)

    # The first version, approved by every role.
    tree_id, content = registry_tree()
    head = commit(tree_id, None, "Первая версия перечня\n", "initiator")
    needed = [(owner_of[p], f"process_owner {p}") for p, _ in processes] + \
             [(curator_of[d], f"direction_curator {d}") for d in directions] + \
             [("deputy", "client_centricity")]
    head, approvals = approve_all(head, tree_id, content, "none", needed)
    base = head

    # Each change: one point (3 approvals) or two points of different directions and owners
    # (5 approvals), as many of the latter as make the approvals come out at --approvals.
    remaining = args.approvals - approvals
    double = max(0, min(args.changes, (remaining - 3 * args.changes) // 2))
    for n in range(args.changes):
        touched = [(7 * n) % args.points]
        if n < double:
            # A second point, of a process in another direction with another owner.
            first = process_of_point[touched[0]]
            for step in range(1, args.points):
                j = (touched[0] + step) % args.points
                other = process_of_point[j]
                if direction_of[other] != direction_of[first] and owner_of[other] != owner_of[first]:
                    touched.append(j)
                    break
        for i in touched:
            revision[i] += 1
            point_blobs[i] = write_object(git_dir, "blob",
                                          point_yaml(i, process_of_point[i], revision[i]))
        tree_id, content = registry_tree()
        head = commit(tree_id, head, f"Изменение {n + 1}\n", "initiator")
        needed = []
        for i in touched:
            p = process_of_point[i]
            needed += [(owner_of[p], f"process_owner {p}"),
                       (curator_of[direction_of[p]], f"direction_curator {direction_of[p]}")]
        needed.append(("deputy", "client_centricity"))
        head, count = approve_all(head, tree_id, content, base, needed)
        approvals += count
        base = head

    # Pull requests, merged by merge commits.
    states = [(head, list(point_blobs))]  # main after each merge: (commit, point blobs)
    for k in range(args.prs):
        start, blobs = states[-2] if k % 2 == 1 and len(states) > 1 else states[-1]
        i = (13 * k + 5) % args.points
        revision[i] += 1
        changed = write_object(git_dir, "blob", point_yaml(i, process_of_point[i], revision[i]))
        branch_blobs = list(blobs)
        branch_blobs[i] = changed
        tree_id, content = registry_tree(branch_blobs)
        pr = commit(tree_id, start, f"Изменение по запросу {k + 1}\n", "initiator")
        p = process_of_point[i]
        needed = [(owner_of[p], f"process_owner {p}"),
                  (curator_of[direction_of[p]], f"direction_curator {direction_of[p]}"),
                  ("deputy", "client_centricity")]
        pr, count = approve_all(pr, tree_id, content, start, needed)
        approvals += count
        with open(os.path.join(git_dir, "refs", "heads", f"pr-{k + 1}"), "w") as f:
            f.write(pr + "\n")
        point_blobs[i] = changed
        merged_tree, _ = registry_tree()
        head = commit(merged_tree, head, f"Merge pull request #{k + 1}\n", "forge", second=pr)
        states.append((head, list(point_blobs)))

    with open(os.path.join(git_dir, "refs", "heads", "main"), "w") as f:
        f.write(head + "\n")
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard"], check=True)
    print(f"{args.changes} content changes, {args.prs} pull requests, {approvals} approvals, "
          f"{args.points} points: {repo}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
