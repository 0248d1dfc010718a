#!/usr/bin/env python3
"""Builds a registry repository whose approvals are signed with GOST R 34.10-2012 certificates.

    make_gost_history.py DIR [--approvals 1000] [--points 200]

A test certification centre and a certificate with a СНИЛС for every person are made with the
openssl command and Debian's gost engine (through a throwaway OPENSSL_CONF for these openssl
calls only). The first version is approved by every person, then each content change edits one
point file and is approved by its owner, its curator and the client-centricity deputy, until the
history holds APPROVALS approval commits, each a detached CMS (`openssl cms -sign`) in git's x509
armor. The registry and its objects are those of make_history.py (history_objects.py).
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from history_objects import Commits, Registry, finish_repository, init_repository  # noqa: E402

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

    repo, git_dir = init_repository(args.dir)
    pki = Pki(os.path.join(repo, ".pki"))  # outside the registry content; not committed
    with open(pki.path("ca.pem")) as f:
        ca = f.read()
    numbers = {}
    registry = Registry(
        git_dir, args.points,
        lambda person: f"    certificates:\n      - snils: \"{numbers[person]}\"\n",
        "trust:\n  - |\n" + "".join(f"    {line}\n" for line in ca.splitlines()))
    for i, person in enumerate(registry.people):
        numbers[person] = snils(i + 1)
        pki.issue(person, numbers[person])
    registry.write_files()
    # Commit times follow the wall clock of now, so that the certificates are valid at them.
    now = int(subprocess.run(["date", "+%s"], capture_output=True, check=True).stdout)
    commits = Commits(git_dir, now - 86400, 1,
                      lambda person: lambda payload: pki.sign(person, payload))

    tree_id, content = registry.tree()
    head = commits.commit(tree_id, [], "Первая версия перечня\n", "initiator")
    head, approvals = commits.approve_all(head, tree_id, content, "none", registry.first_needed())
    base = head
    n = 0
    while approvals + 3 <= args.approvals:
        i = (7 * n) % args.points
        registry.point_blobs[i] = registry.edit(i)
        tree_id, content = registry.tree()
        head = commits.commit(tree_id, [head], f"Изменение {n + 1}\n", "initiator")
        head, count = commits.approve_all(head, tree_id, content, base, registry.needed_for([i]))
        approvals += count
        base = head
        n += 1

    finish_repository(repo, git_dir, head)
    print(f"{n} content changes, {approvals} GOST approvals, {args.points} points: {repo}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
