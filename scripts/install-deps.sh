#!/usr/bin/env bash
# Installs what building and testing perechen needs on Debian 12, as root. Does nothing for packages
# that are already there, so it is cheap to run again.
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config git openssh-client ca-certificates
  libyaml-cpp-dev libcli11-dev libgit2-dev libfmt-dev catch2 libssl-dev libengine-gost-openssl
  nlohmann-json3-dev libvalijson-dev libxlsxwriter-dev libzip-dev libexpat1-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "perechen: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
