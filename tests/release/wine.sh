#!/usr/bin/env bash
# Tests perechen.exe of the release zip under wine (Debian's wine64), as root on Debian 12; called
# by tests/release/run.sh, which passes a registry it approved on Linux:
#   bash tests/release/wine.sh DIST APPROVED_REGISTRY LINUX_PERECHEN
# APPROVED_REGISTRY: a git repository approved by every role, kovaleva with a GOST certificate and
# the others with SSH keys, its private keys and kovaleva's certificate in .keys/ (ignored by git).
# LINUX_PERECHEN: the static Linux binary of the same release, the reference for every output.
#
# Everything runs in a folder whose name has Cyrillic letters and a space, in a wine prefix made
# afresh in a temporary folder (WINEDEBUG=-all): --version, init, validate of examples/registry
# in all six formats (the same bytes as Linux's, line ends aside), status and verify of the
# approved registry, export in docx, xlsx, csv and json (byte-identical to Linux's export of the
# same commit), import of the xlsx (the same files as Linux's import), and approve --cert --key
# with kovaleva's GOST key of a change the others approved on Linux, which verify on Linux then
# accepts. Nothing is skipped: wine is installed when missing, and any failure fails the run.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DIST APPROVED_REGISTRY LINUX_PERECHEN" >&2; exit 2; }
dist=$(cd "$1" && pwd)
approved=$(cd "$2" && pwd)
linux=$(realpath "$3")
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
passed=0
failed=0
check() {  # description, then the command
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: windows: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: windows: $what" >&2
  fi
}

if ! command -v wine >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wine64 >/dev/null
fi
command -v wine >/dev/null || { echo "wine tests: wine64 gave no wine command" >&2; exit 1; }

zip_file=$(ls "$dist"/perechen-*-windows-x86_64.zip)
work=$(mktemp -d "${TMPDIR:-/tmp}/perechen-wine-test.XXXXXX")
cleanup() {
  WINEPREFIX=$work/wine wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
unset DISPLAY
(cd "$work" && unzip -q "$zip_file")
exe=$(ls "$work"/perechen-*-windows-x86_64/perechen.exe)
# The prefix is made by the first program run (about 20 s); done here so that no test pays it.
wine wineboot --init >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; exit 1; }

top="$work/Перечень точек"
mkdir -p "$top"
# perechen.exe in folder $1 with the rest as arguments; standard output, then standard error.
win() { (cd "$1" && shift && wine "$exe" "$@"); }
lin() { (cd "$1" && shift && "$linux" "$@"); }
nocr() { tr -d '\r' <"$1"; }

version=$(basename "$(dirname "$exe")" | sed 's/^perechen-\(.*\)-windows-x86_64$/\1/')
check "--version names $version" bash -c "cd '$top' && wine '$exe' --version | grep -q 'perechen $version'"

# --- init ---------------------------------------------------------------------------------------------
check "init of a new registry" bash -c "cd '$top' && wine '$exe' init 'Новый перечень' >'$work/init.out' 2>&1 &&
  test -f 'Новый перечень/perechen.yaml' && test -f 'Новый перечень/roster.yaml' ||
  { cat '$work/init.out' >&2; exit 1; }"
check "validate of the registry init made" bash -c "cd '$top/Новый перечень' && wine '$exe' validate >'$work/init-validate.out' 2>&1 || { cat '$work/init-validate.out' >&2; exit 1; }"

# --- new, scripted (no prompt): the same file as Linux's new in a copy of the same registry ------------
cp -R "$top/Новый перечень" "$top/новый lin"
new_args=(new --process salary --name "Личный кабинет сотрудника" --channel digital --kind personal_account)
check "new with flags: the file Linux's new writes" bash -c "cd '$top/Новый перечень' && wine '$exe' ${new_args[*]@Q} >'$work/new.out' 2>&1 &&
  cd '$top/новый lin' && '$linux' ${new_args[*]@Q} >/dev/null 2>&1 &&
  f=points/pay/lichnyy-kabinet-sotrudnika.yaml && test -f \"\$f\" &&
  tr -d '\r' <\"$top/Новый перечень/\$f\" | cmp -s - \"\$f\" || { cat '$work/new.out' >&2; exit 1; }"

# --- a path over 260 characters (the manifest's longPathAware) ------------------------------------------
# Windows keeps the current folder under 260 characters, so the long path is given with -C.
deep=""
for part in 1 2 3 4 5 6; do deep="${deep}папка с длинным именем номер $part для проверки/"; done
deep="${deep}пример"
mkdir -p "$top/$deep"
cp -R "$source_dir/examples/registry/." "$top/$deep"
check "validate of a registry at a path of $(printf %s "$top/$deep" | wc -m) characters" bash -c "cd '$top' && wine '$exe' -C '$deep' validate --format json -o result.json >'$work/deep.out' 2>&1 &&
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d[\"summary\"][\"files\"] > 0 else 1)' '$deep/result.json' ||
  { cat '$work/deep.out' >&2; exit 1; }"

# --- validate in every format ---------------------------------------------------------------------------
cp -R "$source_dir/examples/registry" "$top/пример"
for format in text json sarif junit github codequality; do
  win "$top/пример" validate --format "$format" >"$work/validate.$format.win" 2>"$work/validate.$format.win.err" || true
  lin "$top/пример" validate --format "$format" >"$work/validate.$format.lin" 2>/dev/null || true
  # JUnit reports how long the check took.
  sed -i 's/ time="[0-9.]*"//g' "$work/validate.$format.win" "$work/validate.$format.lin"
  check "validate --format $format: as on Linux" bash -c "nocr() { tr -d '\r' <\"\$1\"; }
    nocr '$work/validate.$format.win' | cmp -s - '$work/validate.$format.lin' && test -s '$work/validate.$format.lin' ||
    { diff <(nocr '$work/validate.$format.win') '$work/validate.$format.lin' | head -20 >&2; head -5 '$work/validate.$format.win.err' >&2; exit 1; }"
done
check "validate exits 0 on the example" win "$top/пример" validate --format json -o "$work/v.json"

# --- status and verify of the registry approved on Linux ---------------------------------------------------
cp -R "$approved" "$top/согласованный перечень"
reg="$top/согласованный перечень"
check "verify (SSH and GOST signatures)" bash -c "cd '$reg' && wine '$exe' verify >'$work/verify.out' 2>&1 || { cat '$work/verify.out' >&2; exit 1; }"
win "$reg" --lang en verify --format json >"$work/verify.json.win" 2>/dev/null || true
lin "$reg" --lang en verify --format json >"$work/verify.json.lin" 2>/dev/null || true
check "verify --format json: as on Linux" bash -c "tr -d '\r' <'$work/verify.json.win' | cmp -s - '$work/verify.json.lin' ||
  { diff <(tr -d '\r' <'$work/verify.json.win') '$work/verify.json.lin' | head -20 >&2; exit 1; }"
check "verify: kovaleva's approval checked by her GOST certificate" python3 -c '
import json, sys
report = json.load(open(sys.argv[1]))
sys.exit(0 if any(a["person"] == "kovaleva" and a["certificate"] for a in report["base"]["approvals"]) else 1)
' "$work/verify.json.win"
win "$reg" status >"$work/status.win" 2>&1 || true
lin "$reg" status >"$work/status.lin" 2>&1 || true
check "status: as on Linux" bash -c "tr -d '\r' <'$work/status.win' | cmp -s - '$work/status.lin' ||
  { diff <(tr -d '\r' <'$work/status.win') '$work/status.lin' | head -20 >&2; exit 1; }"

# --- export, byte-identical to Linux's -------------------------------------------------------------------
mkdir -p "$work/export-win" "$work/export-lin"
for format in docx xlsx csv json; do
  win "$reg" export --format "$format" -o "Z:$work/export-win/perechen.$format" >/dev/null 2>"$work/export.$format.err" || true
  lin "$reg" export --format "$format" -o "$work/export-lin/perechen.$format" >/dev/null 2>&1 || true
  check "export --format $format: byte-identical to Linux's" bash -c "cmp '$work/export-win/perechen.$format' '$work/export-lin/perechen.$format' ||
    { head -5 '$work/export.$format.err' >&2; exit 1; }"
done

# --- import of the xlsx -------------------------------------------------------------------------------------
cp "$work/export-lin/perechen.xlsx" "$top/перечень.xlsx"
win "$top" import "перечень.xlsx" "импорт win" >"$work/import.win" 2>&1 || true
lin "$top" import "перечень.xlsx" "импорт lin" >"$work/import.lin" 2>&1 || true
# The same files; .git/config differs as git's own does on Windows (filemode, symlinks, ignorecase).
check "import of an xlsx: the files Linux's import writes" bash -c "test -d '$top/импорт win/points' && diff -r --exclude=.git '$top/импорт win' '$top/импорт lin' >'$work/import.diff' ||
  { head -20 '$work/import.diff' '$work/import.win' >&2; exit 1; }"

# --- approve with a GOST key under wine; verify on Linux -------------------------------------------------------
# A change on Linux (one point's text), approved there by every other role with SSH keys; then
# kovaleva (client centricity, needed for any change) approves it under wine with her GOST key.
point=$(cd "$reg" && git ls-files 'points/*.yaml' | head -1)
(
  cd "$reg"
  git config user.name "Проверка выпуска"
  git config user.email release@example.ru
  printf '# Изменено при проверке выпуска\n' >>"$point"
  git commit -q -am "Изменение для согласования под Windows"
  for key in .keys/*; do
    case $key in *.pub | *.pem | *.key | .keys/kovaleva) continue ;; esac
    "$linux" approve --key "$key" --yes --message "Согласовано" >/dev/null 2>&1 || true
  done
) >"$work/approve-linux.log" 2>&1
check "approve --cert --key (GOST) under wine" bash -c "cd '$reg' && wine '$exe' approve --cert .keys/kovaleva.pem --key .keys/kovaleva.key --yes --message 'Согласовано (ГОСТ, Windows)' >'$work/approve.out' 2>&1 || { cat '$work/approve.out' >&2; exit 1; }"
check "verify on Linux accepts the approval made under wine" bash -c "cd '$reg' && '$linux' --lang en verify --format json >'$work/verify2.json' 2>'$work/verify2.err' || { cat '$work/verify2.err' >&2; exit 1; }"
check "the approval under wine is the last commit, kovaleva's, by her GOST certificate" python3 -c '
import json, sys
report = json.load(open(sys.argv[1]))
sys.exit(0 if report["approved"] and any(a["person"] == "kovaleva" and a["certificate"] and a["commit"] == sys.argv[2]
                                         for a in report["base"]["approvals"]) else 1)
' "$work/verify2.json" "$(git -C "$reg" rev-parse HEAD)"

# --- Time of validate on the example: Linux and wine (median of 5) -------------------------------------------
median() {  # the command; prints the median wall time of 5 runs in ms
  local times=() t0 t1
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
echo "windows: validate of examples/registry: Linux $(median lin "$top/пример" validate) ms, wine $(median win "$top/пример" validate) ms (median of 5)"

echo "wine-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
