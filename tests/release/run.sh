#!/usr/bin/env bash
# Tests the Linux artefacts of scripts/release.sh, as root on Debian 12:
#   bash tests/release/run.sh dist/
#
# 1. The static binary of the tar.gz in a Debian 11 (bullseye) chroot made by debootstrap from
#    Debian's archive (glibc 2.31, none of bookworm's libraries), with git and openssh-client: the
#    lifecycle on a copy of examples/registry with throwaway keys (commit, approval by every role,
#    one of them with a GOST certificate and the others with SSH keys, status, verify, export in
#    every format, publish).
# 2. The same binary in an empty chroot holding only itself and that approved registry:
#    `validate` and `verify` (SSH and GOST signatures are checked in-process).
# 3. `dpkg -i` of the .deb in the bullseye chroot (then removed again); `rpm -qpl`, `rpm -qpR`
#    and rpmlint of the .rpm.
# 4. perechen.exe of the zip under wine, on the registry approved in 1 (tests/release/wine.sh).
# The bullseye chroot is kept in ~/.cache/perechen-release/chroot-bullseye (made once, ~3 min);
# the GOST certificate is made on the host with openssl and Debian's gost engine. Nothing here is
# skipped: a missing tool is installed, and any failure fails the run.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIST" >&2; exit 2; }
dist=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "release tests: run as root (chroot, debootstrap)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
passed=0
failed=0
check() {  # description, then the command
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what" >&2
  fi
}

missing=()
for p in debootstrap openssl libengine-gost-openssl openssh-client git rpm rpmlint file python3 unzip; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tarball=$(ls "$dist"/perechen-*-linux-x86_64.tar.gz)
deb=$(ls "$dist"/perechen_*_amd64.deb)
rpm_file=$(ls "$dist"/perechen-*.x86_64.rpm)
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-release-test.XXXXXX")
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
tar -xzf "$tarball" -C "$work"
binary=$(ls "$work"/perechen-*-linux-x86_64/bin/perechen)
check "the binary is static" sh -c "file '$binary' | grep -q 'statically linked'"

# --- The bullseye chroot, cached ------------------------------------------------------------------
chroot_dir=${PERECHEN_RELEASE_CACHE:-$HOME/.cache/perechen-release}/chroot-bullseye
if [ ! -f "$chroot_dir/.complete" ]; then
  echo "release tests: debootstrap bullseye into $chroot_dir"
  rm -rf "$chroot_dir"
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  nice -n 15 debootstrap --variant=minbase --include=git,openssh-client,ca-certificates \
    bullseye "$chroot_dir" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
    { tail -30 "$work/debootstrap.log" >&2; exit 1; }
  touch "$chroot_dir/.complete"
fi
in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
check "the chroot is bullseye (glibc 2.31)" sh -c "chroot '$chroot_dir' /usr/bin/ldd --version | grep -q 2.31"
mount -t proc proc "$chroot_dir/proc" && mounted+=("$chroot_dir/proc")

# --- A registry: examples/registry, throwaway SSH keys, kovaleva with a GOST certificate -------------
reg_host=$work/registry
keys=$work/keys
cp -R "$source_dir/examples/registry" "$reg_host"
(cd "$reg_host" && sh "$source_dir/scripts/throwaway-keys.sh" "$keys" >"$work/people")
ca=$work/ca
mkdir -p "$ca/certs"
: >"$ca/index.txt"
cat >"$ca/ossl.cnf" <<CNF
openssl_conf = openssl_def
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
[ca]
default_ca = ca_default
[ca_default]
dir = $ca
database = $ca/index.txt
new_certs_dir = $ca/certs
certificate = $ca/ca.pem
private_key = $ca/ca.key
rand_serial = yes
default_md = default
policy = policy_any
unique_subject = no
[policy_any]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[user_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
CNF
(
  export OPENSSL_CONF=$ca/ossl.cnf
  cd "$ca"
  openssl genpkey -algorithm gost2012_256 -pkeyopt paramset:A -out ca.key
  openssl req -new -x509 -key ca.key -out ca.pem -days 3650 -subj "/CN=Тестовый УЦ" -utf8 \
    -extensions ca_ext -set_serial 1
  openssl genpkey -algorithm gost2012_256 -pkeyopt paramset:A -out kovaleva.key
  openssl req -new -key kovaleva.key -out kovaleva.csr -utf8 \
    -subj "/CN=Ковалева Ирина Викторовна/SNILS=11223344595"
  openssl ca -batch -config ossl.cnf -in kovaleva.csr -out kovaleva.pem -extensions user_ext \
    -notext -preserveDN -utf8 -days 365 2>/dev/null
) >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log" >&2; exit 1; }
{
  echo "trust:"
  echo "  - |"
  sed 's/^/    /' "$ca/ca.pem"
  awk '
    $1 == "-" && $2 == "id:" { id = $3 }
    id == "kovaleva" && $1 == "keys:" { print "    certificates:"; print "      - snils: \"112-233-445 95\""; skip = 1; next }
    skip && $1 == "-" && $2 ~ /^ssh-/ { next }
    { skip = 0; print }' "$reg_host/roster.yaml"
} >"$work/roster.yaml"
mv "$work/roster.yaml" "$reg_host/roster.yaml"
mkdir -p "$reg_host/.keys"
cp "$keys"/* "$ca/kovaleva.pem" "$ca/kovaleva.key" "$reg_host/.keys/"
printf '.keys/\n' >"$reg_host/.gitignore"

# --- 1. The lifecycle in bullseye ---------------------------------------------------------------------
mkdir -p "$chroot_dir/opt/perechen" "$chroot_dir/work"
rm -rf "$chroot_dir/work/registry" "$chroot_dir/work/out"
cp "$binary" "$chroot_dir/opt/perechen/perechen"
cp -R "$reg_host" "$chroot_dir/work/registry"
cat >"$chroot_dir/work/lifecycle.sh" <<'SH'
set -eu
p=/opt/perechen/perechen
cd /work/registry
export GIT_CONFIG_NOSYSTEM=1
git init -q -b main
git config user.name "Проверка выпуска"
git config user.email release@example.ru
git add -A
git commit -q -m "Первая версия перечня"
$p validate
holders=$(awk '/^roles:/ { r = 1; next } /^[a-z]/ { r = 0 }
               r && $1 == "initiators:" { next }
               r && $1 ~ /:$/ && NF == 2 && !seen[$2]++ { print $2 }' roster.yaml)
for id in $holders; do
  if [ "$id" = kovaleva ]; then
    $p approve --cert .keys/kovaleva.pem --key .keys/kovaleva.key --yes --message "Согласовано (ГОСТ)"
  else
    $p approve --key ".keys/$id" --yes --message "Согласовано"
  fi
done
$p status
$p verify
$p --lang en verify --format json >/work/verify.json
mkdir -p /work/out
for f in html csv json md; do $p export --format $f -o /work/out/perechen.$f; done
for f in xlsx docx; do $p export --format $f -o /work/out/perechen.$f; done
$p publish --dir /work/out/site --key .keys/belov
git log --oneline | head -20
SH
check "bullseye: lifecycle (commit, approvals SSH and GOST, status, verify, export, publish)" \
  sh -c "chroot '$chroot_dir' /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 sh /work/lifecycle.sh >'$work/lifecycle.log' 2>&1 || { cat '$work/lifecycle.log' >&2; exit 1; }"
check "bullseye: kovaleva's approval is verified by her GOST certificate" python3 -c '
import json, sys
report = json.load(open(sys.argv[1]))
sys.exit(0 if any(a["person"] == "kovaleva" and a["certificate"] for a in report["base"]["approvals"]) else 1)
' "$chroot_dir/work/verify.json"
check "bullseye: the version is approved" grep -q '"approved": true' "$chroot_dir/work/verify.json"
check "bullseye: exports written" sh -c "test -s '$chroot_dir/work/out/perechen.docx' && test -s '$chroot_dir/work/out/perechen.xlsx' && ls '$chroot_dir/work/out/site' | grep -q ."

# --- 2. The empty chroot ------------------------------------------------------------------------------
empty=$work/empty
mkdir -p "$empty/tmp"
cp "$binary" "$empty/perechen"
cp -R "$chroot_dir/work/registry" "$empty/registry"
rm -rf "$empty/registry/.keys"
check "empty chroot: holds nothing but the binary and the registry" \
  sh -c "[ \$(find '$empty' -maxdepth 1 | wc -l) -eq 4 ]"
check "empty chroot: validate" chroot "$empty" /perechen -C /registry validate
check "empty chroot: verify (SSH and GOST)" chroot "$empty" /perechen -C /registry verify
check "empty chroot: export" chroot "$empty" /perechen -C /registry export --format csv -o /tmp/p.csv

# --- 3. The packages ----------------------------------------------------------------------------------
cp "$deb" "$chroot_dir/work/perechen.deb"
check "bullseye: dpkg -i of the .deb" in_chroot dpkg -i /work/perechen.deb
check "bullseye: the installed perechen runs" in_chroot /usr/bin/perechen --version
check "bullseye: its man page is there" test -f "$chroot_dir/usr/share/man/man1/perechen.1.gz"
check "bullseye: dpkg -r" in_chroot dpkg -r perechen
rm -f "$chroot_dir/work/perechen.deb"
check "rpm -qpl lists the program" sh -c "rpm -qpl '$rpm_file' | grep -qx /usr/bin/perechen"
check "rpm -qpR needs only rpmlib features" sh -c "! rpm -qpR '$rpm_file' | grep -v '^rpmlib(' | grep -q ."
check "rpm recommends git" sh -c "rpm -qp --recommends '$rpm_file' | grep -qx git"
check "rpmlint: no errors" sh -c "rpmlint -r '$source_dir/scripts/release/rpmlintrc' '$rpm_file' >'$work/rpmlint.log' 2>&1; rc=\$?; tail -1 '$work/rpmlint.log'; exit \$rc"

# --- 4. perechen.exe under wine --------------------------------------------------------------------------
# On the registry the lifecycle approved in bullseye (SSH and GOST approvals), its outputs
# compared with this static binary's (tests/release/wine.sh says what it runs).
check "windows: perechen.exe under wine (tests/release/wine.sh)" \
  bash "$source_dir/tests/release/wine.sh" "$dist" "$chroot_dir/work/registry" "$binary"

echo "release-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
