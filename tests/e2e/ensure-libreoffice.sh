#!/usr/bin/env bash
# Makes sure LibreOffice's converter is there for the import tests of tables people make:
# prints the path of soffice, installing Debian's headless Writer and Calc once when it is
# missing (as root, with apt). Exits 1 with the reason when it cannot be had; the test skips then.
set -uo pipefail
if command -v soffice >/dev/null; then
  command -v soffice
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "soffice is missing and cannot be installed here (needs root and apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui; } >/dev/null 2>&1; then
  echo "apt-get could not install libreoffice-writer-nogui and libreoffice-calc-nogui" >&2
  exit 1
fi
command -v soffice || { echo "soffice is still missing after the install" >&2; exit 1; }
