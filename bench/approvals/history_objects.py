"""What the approval history generators share: the registry they build and the git objects they
write (make_history.py with SSH signatures, make_gost_history.py with GOST certificates).

Objects are written straight into .git/objects (zlib, as git stores loose objects), which is
faster than running git a thousand times; `git fsck` accepts the result. A commit is signed by a
function that takes the payload git signs (the commit without its gpgsig header) and returns the
armored signature.
"""

import hashlib
import os
import subprocess
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


def tree_body(entries):
    """entries: {name: (mode, oid)}; sorted as git sorts (a tree's name as if ending in '/')."""
    def key(item):
        name, (mode, _) = item
        return name + "/" if mode == "40000" else name
    body = b""
    for name, (mode, oid) in sorted(entries.items(), key=key):
        body += mode.encode() + b" " + name.encode() + b"\0" + bytes.fromhex(oid)
    return body


def tree(git_dir, entries):
    return write_object(git_dir, "tree", tree_body(entries))


def tree_hash(entries):
    """The id of a tree, without writing it (the content id of perechen)."""
    body = tree_body(entries)
    return hashlib.sha1(b"tree " + str(len(body)).encode() + b"\0" + body).hexdigest()


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


def init_repository(path):
    """A new repository at `path` (branch main); returns (its absolute path, its .git)."""
    repo = os.path.abspath(path)
    os.makedirs(repo, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    return repo, os.path.join(repo, ".git")


def finish_repository(repo, git_dir, head):
    """Points main at `head` and checks it out."""
    with open(os.path.join(git_dir, "refs", "heads", "main"), "w") as f:
        f.write(head + "\n")
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard"], check=True)


class Registry:
    """The directions, processes and people of the synthetic registry, and its files as git
    objects: perechen.yaml, roster.yaml (`people_yaml(person)` gives each person's keys or
    certificates, `roster_head` what precedes `people:`) and `points` point files."""

    def __init__(self, git_dir, points, people_yaml, roster_head=""):
        self.git_dir = git_dir
        self.directions = [f"d{d}" for d in range(DIRECTIONS)]
        self.processes = [(f"p{d}-{p}", f"d{d}") for d in range(DIRECTIONS)
                          for p in range(PROCESSES_PER_DIRECTION)]
        self.direction_of = dict(self.processes)
        self.owner_of = {p: f"owner{i % OWNERS}" for i, (p, _) in enumerate(self.processes)}
        self.curator_of = {d: f"curator{i}" for i, d in enumerate(self.directions)}
        self.people = ["deputy"] + [f"curator{i}" for i in range(DIRECTIONS)] + \
                      [f"owner{i}" for i in range(OWNERS)]
        self.points = points
        self.revision = [0] * points
        self.process_of_point = [self.processes[i % len(self.processes)][0]
                                 for i in range(points)]
        self.people_yaml = people_yaml
        self.roster_head = roster_head
        self.config_blob = None
        self.roster_blob = None
        self.point_blobs = []

    def write_files(self):
        """Writes perechen.yaml, roster.yaml and the first revision of every point."""
        config = "title: Перечень\norganization: Управление финансов\n" \
                 "institutions:\n  - id: cbu\n    title: ЦБУ\n" \
                 "clients:\n  - id: civil-servants\n    title: Служащие\ndirections:\n"
        for d in self.directions:
            config += f"  - id: {d}\n    title: Направление {d}\n    processes:\n"
            for p, pd in self.processes:
                if pd == d:
                    config += f"      - id: {p}\n        title: Процесс {p}\n"
        roster = self.roster_head + "people:\n"
        for person in self.people:
            roster += f"  - id: {person}\n    name: {person}\n    position: должность\n" + \
                      self.people_yaml(person)
        roster += "roles:\n  client_centricity: deputy\n  direction_curators:\n"
        roster += "".join(f"    {d}: {c}\n" for d, c in self.curator_of.items())
        roster += "  process_owners:\n"
        roster += "".join(f"    {p}: {o}\n" for p, o in self.owner_of.items())
        self.config_blob = write_object(self.git_dir, "blob", config.encode())
        self.roster_blob = write_object(self.git_dir, "blob", roster.encode())
        self.point_blobs = [self.point_blob(i) for i in range(self.points)]

    def point_blob(self, i):
        return write_object(self.git_dir, "blob",
                            point_yaml(i, self.process_of_point[i], self.revision[i]))

    def edit(self, i):
        """A new revision of point i: its blob (not yet in point_blobs)."""
        self.revision[i] += 1
        return self.point_blob(i)

    def tree(self, blobs=None):
        """(tree id, content id) of the registry with `blobs` (default: point_blobs)."""
        folders = {}
        for i, blob in enumerate(self.point_blobs if blobs is None else blobs):
            folders.setdefault(self.process_of_point[i], {})[f"point-{i:05}.yaml"] = \
                ("100644", blob)
        points = tree(self.git_dir, {name: ("40000", tree(self.git_dir, files))
                                     for name, files in folders.items()})
        entries = {"perechen.yaml": ("100644", self.config_blob),
                   "roster.yaml": ("100644", self.roster_blob),
                   "points": ("40000", points)}
        return tree(self.git_dir, entries), tree_hash(entries)

    def first_needed(self):
        """Every role: what the first version needs, as [(person, role)]."""
        return [(self.owner_of[p], f"process_owner {p}") for p, _ in self.processes] + \
               [(self.curator_of[d], f"direction_curator {d}") for d in self.directions] + \
               [("deputy", "client_centricity")]

    def needed_for(self, touched):
        """The roles a change of the points `touched` needs, as [(person, role)]."""
        needed = []
        for i in touched:
            p = self.process_of_point[i]
            d = self.direction_of[p]
            needed += [(self.owner_of[p], f"process_owner {p}"),
                       (self.curator_of[d], f"direction_curator {d}")]
        needed.append(("deputy", "client_centricity"))
        return needed


class Commits:
    """Writes commits with a committer clock that starts at `start` and ticks `step` seconds a
    commit; `signer(person)` gives the function that signs as that person."""

    def __init__(self, git_dir, start, step, signer):
        self.git_dir = git_dir
        self.clock = start
        self.step = step
        self.signer = signer

    def commit(self, tree_id, parents, message, author, sign=None):
        self.clock += self.step
        stamp = f"{author} <{author}@example.ru> {self.clock} +0300"
        header = f"tree {tree_id}\n" + "".join(f"parent {p}\n" for p in parents if p) + \
                 f"author {stamp}\ncommitter {stamp}\n"
        payload = (header + "\n" + message).encode()
        if sign is None:
            return write_object(self.git_dir, "commit", payload)
        signature = sign(payload)
        signed = header + "gpgsig " + signature.replace("\n", "\n ") + "\n\n" + message
        return write_object(self.git_dir, "commit", signed.encode())

    def approve_all(self, head, tree_id, content, base, needed):
        """needed: [(person, role)]; one signed approval per person, with all their roles, each
        on the one before. Returns (the last approval, how many were written)."""
        by_person = {}
        for person, role in needed:
            by_person.setdefault(person, []).append(role)
        for person, roles in by_person.items():
            message = "Согласование изменений перечня\n\nPerechen-Approval: 1\n" \
                      f"Perechen-Content: {content}\nPerechen-Base: {base}\n" \
                      f"Perechen-Approver: {person}\n" + \
                      "".join(f"Perechen-Role: {r}\n" for r in roles)
            head = self.commit(tree_id, [head], message, person, self.signer(person))
        return head, len(by_person)
