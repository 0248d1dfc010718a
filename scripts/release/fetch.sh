# Sourced by scripts/release/build-deps.sh and build-deps-windows.sh: `fetch NAME VERSION`
# unpacks Debian's source package NAME at VERSION (apt-get source, deb-src of the archive the
# machine uses) into $work/NAME/src and prints that folder. $work is the caller's scratch folder.
# A source package whose Debian part the archive no longer serves (404 for its .debian.tar.*) is
# unpacked from its .orig tarball, the same upstream code without Debian's patches, and it says so.
fetch() {
  local name=$1 version=$2 dir="$work/$1"
  mkdir -p "$dir/dl"
  (cd "$dir/dl" && apt-get source -qq --download-only "$name=$version" >/dev/null 2>"$dir/apt.err") || true
  local dsc upstream=${version%-*}
  upstream=${upstream#*:}
  dsc=$(ls "$dir/dl/${name}_"*.dsc 2>/dev/null | head -1)
  if [ -z "$dsc" ]; then
    echo "release: apt-get source $name=$version failed:" >&2
    cat "$dir/apt.err" >&2
    return 1
  fi
  if dpkg-source --no-check -x "$dsc" "$dir/src" >/dev/null 2>&1; then
    echo "$dir/src"
    return
  fi
  local orig
  orig=$(ls "$dir/dl/${name}_${upstream}.orig.tar."* 2>/dev/null | head -1)
  if [ -z "$orig" ]; then
    echo "release: neither the Debian source nor the .orig tarball of $name=$version came:" >&2
    cat "$dir/apt.err" >&2
    return 1
  fi
  echo "release: $name=$version: the archive does not serve its Debian part; building the .orig tarball" >&2
  mkdir -p "$dir/src"
  tar -xf "$orig" -C "$dir/src" --strip-components=1
  echo "$dir/src"
}
