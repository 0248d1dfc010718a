#!/usr/bin/env python3
"""Builds a registry repository whose approvals are signed with GOST R 34.10-2012 certificates.

    make_gost_history.py DIR [--approvals 1000] [--points 200]

A test certification centre and a certificate with a СНИЛС for every person are made with the
openssl command and Debian's gost engine (through a throwaway OPENSSL_CONF for these openssl
calls only). The first version is approved by every person, then each content change edits one
point file and is approved by its owner, its curator and the client-centricity deputy, until the
history holds APPROVALS approval commits, each a detached CMS (`openssl cms -sign`) in git's x509
armor. Objects are written as make_history.py writes them (its helpers are reused).
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_history import point_yaml, tree, tree_hash, write_object  # noqa: E402

DIRECTIONS = 5
PROCESSES_PER_DIRECTION = 4
OWNERS = 8

CONFIG = """openssl_conf = openssl_def
[openssl_def]
engines = engine_section
[engine_section]
gost = gost_section
[gost_section]
engine_id = gost
default_algorithms = ALL
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[user_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
"""


def snils(n):
    return f"{100000000 + n * 1234567:09d}"[:9] + f"{n % 100:02d}"


class Pki:
    def __init__(self, folder):
        self.dir = folder
        os.makedirs(folder, exist_ok=True)
        self.conf = os.path.join(folder, "openssl.cnf")
        with open(self.conf, "w") as f:
            f.write(CONFIG)
        self.env = dict(os.environ, OPENSSL_CONF=self.conf)
        self.key("ca")
        self.openssl("req", "-new", "-x509", "-key", self.path("ca.key"), "-out",
                     self.path("ca.pem"), "-days", "3650", "-subj", "/CN=Bench CA",
                     "-extensions", "ca_ext")
        self.serial = 1

    def path(self, name):
        return os.path.join(self.dir, name)

    def openssl(self, *args, payload=None):
        return subprocess.run(["openssl", *args], env=self.env, input=payload,
                              capture_output=True, check=True).stdout

    def key(self, name):
        self.openssl("genpkey", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out",
                     self.path(name + ".key"))

    def issue(self, name, number):
        self.key(name)
        self.openssl("req", "-new", "-key", self.path(name + ".key"), "-out",
                     self.path(name + ".csr"), "-subj", f"/CN={name}/SNILS={number}")
        self.serial += 1
        self.openssl("x509", "-req", "-in", self.path(name + ".csr"), "-CA", self.path("ca.pem"),
                     "-CAkey", self.path("ca.key"), "-set_serial", str(self.serial), "-days",
                     "365", "-extfile", self.conf, "-extensions", "user_ext", "-out",
                     self.path(name + ".pem"))

    def sign(self, name, payload):
        pem = self.openssl("cms", "-sign", "-binary", "-signer", self.path(name + ".pem"),
                           "-inkey", self.path(name + ".key"), "-outform", "PEM",
                           payload=payload).decode()
        return pem.replace("-----BEGIN CMS-----", "-----BEGIN SIGNED MESSAGE-----").replace(
            "-----END CMS-----", "-----END SIGNED MESSAGE-----").rstrip("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--approvals", type=int, default=1000)
    parser.add_argument("--points", type=int, default=200)
    args = parser.parse_args()

    repo = os.path.abspath(args.dir)
    os.makedirs(repo, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    git_dir = os.path.join(repo, ".git")
    pki = Pki(os.path.join(repo, ".pki"))  # outside the registry content; not committed

    directions = [f"d{d}" for d in range(DIRECTIONS)]
    processes = [(f"p{d}-{p}", f"d{d}") for d in range(DIRECTIONS)
                 for p in range(PROCESSES_PER_DIRECTION)]
    direction_of = dict(processes)
    owner_of = {p: f"owner{i % OWNERS}" for i, (p, _) in enumerate(processes)}
    curator_of = {d: f"curator{i}" for i, d in enumerate(directions)}
    people = ["deputy"] + [f"curator{i}" for i in range(DIRECTIONS)] + \
             [f"owner{i}" for i in range(OWNERS)]
    numbers = {person: snils(i + 1) for i, person in enumerate(people)}
    for person in people:
        pki.issue(person, numbers[person])

    config = "title: Перечень\norganization: Управление финансов\n" \
             "institutions:\n  - id: cbu\n    title: ЦБУ\n" \
             "clients:\n  - id: civil-servants\n    title: Служащие\ndirections:\n"
    for d in directions:
        config += f"  - id: {d}\n    title: Направление {d}\n    processes:\n"
        for p, pd in processes:
            if pd == d:
                config += f"      - id: {p}\n        title: Процесс {p}\n"
    with open(pki.path("ca.pem")) as f:
        ca = f.read()
    roster = "trust:\n  - |\n" + "".join(f"    {line}\n" for line in ca.splitlines())
    roster += "people:\n"
    for person in people:
        roster += f"  - id: {person}\n    name: {person}\n    position: должность\n" \
                  f"    certificates:\n      - snils: \"{numbers[person]}\"\n"
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

    def registry_tree():
        folders = {}
        for i, blob in enumerate(point_blobs):
            folders.setdefault(process_of_point[i], {})[f"point-{i:05}.yaml"] = ("100644", blob)
        points = tree(git_dir, {name: ("40000", tree(git_dir, files))
                                for name, files in folders.items()})
        entries = {"perechen.yaml": ("100644", config_blob),
                   "roster.yaml": ("100644", roster_blob),
                   "points": ("40000", points)}
        return tree(git_dir, entries), tree_hash(entries)

    # Commit times follow the wall clock of now, so that the certificates are valid at them.
    clock = [int(subprocess.run(["date", "+%s"], capture_output=True, check=True).stdout) - 86400]

    def commit(tree_id, parent, message, author, signer=None):
        clock[0] += 1
        stamp = f"{author} <{author}@example.ru> {clock[0]} +0300"
        header = f"tree {tree_id}\n" + (f"parent {parent}\n" if parent else "") + \
                 f"author {stamp}\ncommitter {stamp}\n"
        payload = (header + "\n" + message).encode()
        if signer is None:
            return write_object(git_dir, "commit", payload)
        signature = pki.sign(signer, payload)
        signed = header + "gpgsig " + signature.replace("\n", "\n ") + "\n\n" + message
        return write_object(git_dir, "commit", signed.encode())

    def approve_all(head, tree_id, content, base, needed):
        by_person = {}
        for person, role in needed:
            by_person.setdefault(person, []).append(role)
        for person, roles in by_person.items():
            message = "Согласование изменений перечня\n\nPerechen-Approval: 1\n" \
                      f"Perechen-Content: {content}\nPerechen-Base: {base}\n" \
                      f"Perechen-Approver: {person}\n" + \
                      "".join(f"Perechen-Role: {r}\n" for r in roles)
            head = commit(tree_id, head, message, person, person)
        return head, len(by_person)

    tree_id, content = registry_tree()
    head = commit(tree_id, None, "Первая версия перечня\n", "initiator")
    needed = [(owner_of[p], f"process_owner {p}") for p, _ in processes] + \
             [(curator_of[d], f"direction_curator {d}") for d in directions] + \
             [("deputy", "client_centricity")]
    head, approvals = approve_all(head, tree_id, content, "none", needed)
    base = head
    n = 0
    while approvals + 3 <= args.approvals:
        i = (7 * n) % args.points
        revision[i] += 1
        point_blobs[i] = write_object(git_dir, "blob",
                                      point_yaml(i, process_of_point[i], revision[i]))
        tree_id, content = registry_tree()
        head = commit(tree_id, head, f"Изменение {n + 1}\n", "initiator")
        p = process_of_point[i]
        needed = [(owner_of[p], f"process_owner {p}"),
                  (curator_of[direction_of[p]], f"direction_curator {direction_of[p]}"),
                  ("deputy", "client_centricity")]
        head, count = approve_all(head, tree_id, content, base, needed)
        approvals += count
        base = head
        n += 1

    with open(os.path.join(git_dir, "refs", "heads", "main"), "w") as f:
        f.write(head + "\n")
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard"], check=True)
    print(f"{n} content changes, {approvals} GOST approvals, {args.points} points: {repo}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
