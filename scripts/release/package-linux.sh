#!/usr/bin/env bash
# Lays the static binary of a release build out as the tar.gz, the .deb and the .rpm.
#   bash scripts/release/package-linux.sh BUILD VERSION DIST
#
# All three hold the same tree, `cmake --install --strip` of BUILD with the prefix /usr: the
# program, man pages (English and Russian), bash/zsh/fish completions, data and schemas for
# reading, copyright and changelog. The packages depend on nothing (the program is static) and
# recommend git and an ssh client: approvals are signed with ssh-keygen, and people commit and
# push the registry with git; `validate`, `verify` and `export` need neither.
set -euo pipefail
build=$1
version=$2
dist=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

stage=$work/stage
DESTDIR=$stage cmake --install "$build" --prefix /usr --strip >/dev/null
summary="list of interaction points with internal clients: checks, approvals, publication"

# --- tar.gz: unpack anywhere; bin/ on PATH --------------------------------------------------------
name=perechen-$version-linux-x86_64
mkdir -p "$work/$name"
cp -a "$stage/usr/." "$work/$name/"
cp "$here/README-linux.txt" "$work/$name/README.txt"
tar -C "$work" --owner=0 --group=0 --numeric-owner --sort=name --mtime=@0 -czf "$dist/$name.tar.gz" "$name"

# --- .deb -----------------------------------------------------------------------------------------
deb=$work/deb
mkdir -p "$deb/DEBIAN"
cp -a "$stage/." "$deb/"
installed_size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
cat >"$deb/DEBIAN/control" <<CONTROL
Package: perechen
Version: $version-1
Architecture: amd64
Maintainer: perechen maintainers <perechen@example.org>
Installed-Size: $installed_size
Recommends: git, openssh-client, bash-completion
Section: utils
Priority: optional
Homepage: https://perechen.example/
Description: $summary
 perechen keeps the list of interaction points with internal clients on
 accounting as a git repository of YAML files: it checks them against the
 regulation, records approvals as signed commits, and exports the approved
 version for publication.
 .
 This package holds one statically linked program with the GOST engine
 inside; it runs on any x86_64 Linux (Debian, Ubuntu, Astra Linux).
CONTROL
# lintian: the program is static on purpose (one binary for every distribution), and so it
# carries its libraries inside.
mkdir -p "$deb/usr/share/lintian/overrides"
cat >"$deb/usr/share/lintian/overrides/perechen" <<'OVERRIDES'
# One static program for every x86_64 Linux: its libraries are linked in on purpose.
perechen: statically-linked-binary [usr/bin/perechen]
perechen: embedded-library *
OVERRIDES
chmod 0644 "$deb/usr/share/lintian/overrides/perechen"
find "$deb" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zxz -b "$deb" "$dist/perechen_${version}-1_amd64.deb" >/dev/null

# --- .rpm (Debian's rpm tools) --------------------------------------------------------------------
rpmtop=$work/rpm
mkdir -p "$rpmtop"/{BUILD,RPMS,SPECS,BUILDROOT}
files=$work/rpm-files
(cd "$stage" && find . -type f -o -type l) | sed 's|^\.||' | sort >"$files"
(cd "$stage" && find ./usr/share/perechen -type d) | sed 's|^\.|%dir |' | sort >>"$files"
cat >"$rpmtop/SPECS/perechen.spec" <<SPEC
Name: perechen
Version: $version
Release: 1
Summary: Registry of interaction points: checks, approvals, publication
License: LicenseRef-perechen
Group: Applications/Text
Packager: perechen maintainers <perechen@example.org>
URL: https://perechen.example/
Recommends: git
Recommends: openssh-clients
AutoReqProv: no

%description
perechen keeps the list of interaction points with internal clients on
accounting as a git repository of YAML files: it checks them against the
regulation, records approvals as signed commits, and exports the approved
version for publication. One statically linked program with the GOST engine
inside: it runs on RED OS, ALT and any x86_64 Linux.

%install
mkdir -p %{buildroot}
cp -a $stage/. %{buildroot}/

%files -f $files
%defattr(-,root,root,-)

%changelog
* Sun Dec 06 2026 perechen maintainers <perechen@example.org> - $version-1
- Static release build.
SPEC
rpmbuild -bb --quiet --define "_topdir $rpmtop" --define "_build_id_links none" \
  --define "__strip /bin/true" --define "_binary_payload w9.xzdio" \
  "$rpmtop/SPECS/perechen.spec" >"$work/rpmbuild.log" 2>&1 || { cat "$work/rpmbuild.log" >&2; exit 1; }
cp "$rpmtop"/RPMS/x86_64/perechen-"$version"-1.x86_64.rpm "$dist/"

# --- Checks ---------------------------------------------------------------------------------------
# Their warnings are many and known (hidden files of the `init` templates, man pages gzipped
# rather than bzip2ed): the last line is shown, everything when a check fails.
lintian --fail-on error --suppress-tags no-manual-page "$dist/perechen_${version}-1_amd64.deb" \
  >"$work/lintian.log" 2>&1 || { cat "$work/lintian.log" >&2; exit 1; }
echo "release: lintian: no errors ($(grep -c '^W: ' "$work/lintian.log" || true) warnings)"
rpmlint -r "$here/rpmlintrc" "$dist/perechen-$version-1.x86_64.rpm" >"$work/rpmlint.log" 2>&1 ||
  { cat "$work/rpmlint.log" >&2; exit 1; }
echo "release: rpmlint: $(tail -1 "$work/rpmlint.log")"
