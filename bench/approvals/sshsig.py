"""SSH signatures for the approval history generators, made in-process when Python's
`cryptography` package is there (Debian: python3-cryptography) and by `ssh-keygen -Y sign`
otherwise.

A signature is what `ssh-keygen -Y sign -n git` writes (PROTOCOL.sshsig): an Ed25519 signature
over "SSHSIG", the namespace, the hash algorithm and the SHA-512 of the payload, in the
"SSH SIGNATURE" armor. ssh-keygen costs a process per signature (a few milliseconds each: a
minute for 20,000), the in-process signer a few tens of microseconds. Ed25519 signatures are
deterministic, so both make the same bytes; `Key.check` compares them for one payload.
"""

import base64
import hashlib
import os
import struct
import subprocess

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
except ImportError:  # signed by ssh-keygen instead
    Ed25519PrivateKey = None

NAMESPACE = b"git"


def _string(data):
    return struct.pack(">I", len(data)) + data


class Key:
    """An Ed25519 key written to `folder/name` (OpenSSH format, no passphrase)."""

    def __init__(self, folder, name):
        self.name = name
        self.path = os.path.join(folder, name)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                        self.path], check=True)
        with open(self.path + ".pub") as f:
            self.public = f.read().strip()  # "ssh-ed25519 AAAA... name"
        self._private = None
        if Ed25519PrivateKey is not None:
            with open(self.path, "rb") as f:
                self._private = serialization.load_ssh_private_key(f.read(), password=None)
            self._public_blob = base64.b64decode(self.public.split()[1])

    def sign(self, payload):
        """The armored signature of `payload` (bytes), without a final newline."""
        if self._private is None:
            r = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", self.path],
                               input=payload, capture_output=True, check=True)
            return r.stdout.decode().rstrip("\n")
        digest = hashlib.sha512(payload).digest()
        signed = b"SSHSIG" + _string(NAMESPACE) + _string(b"") + _string(b"sha512") + \
            _string(digest)
        signature = _string(b"ssh-ed25519") + _string(self._private.sign(signed))
        blob = b"SSHSIG" + struct.pack(">I", 1) + _string(self._public_blob) + \
            _string(NAMESPACE) + _string(b"") + _string(b"sha512") + _string(signature)
        text = base64.b64encode(blob).decode()
        lines = [text[i:i + 70] for i in range(0, len(text), 70)]
        return "-----BEGIN SSH SIGNATURE-----\n" + "\n".join(lines) + \
            "\n-----END SSH SIGNATURE-----"

    def check(self):
        """Raises unless this signer and `ssh-keygen -Y sign` sign one payload alike."""
        payload = b"tree 0000000000000000000000000000000000000000\n\nthe same bytes\n"
        r = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", self.path],
                           input=payload, capture_output=True, check=True)
        if self.sign(payload) != r.stdout.decode().rstrip("\n"):
            raise RuntimeError(f"the in-process signature of {self.name} is not ssh-keygen's")
