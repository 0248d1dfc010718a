#!/usr/bin/env bash
# The pre-commit hook of a registry made by `perechen init`, run by the real pre-commit (Debian's
# package): a commit with a broken point staged is refused with the finding; an untracked broken
# draft in points/ does not stop a good commit; without perechen on PATH the hook says how to
# install it; the hook of a registry made by `init --lang en` speaks English; a commit that adds a
# process carries the editor's schema made anew by the schema hook.
#   tests/tools/pre_commit.sh PERECHEN SOURCE_DIR
set -euo pipefail
perechen=$(realpath "$1")
# shellcheck source=tests/support/tools.sh
. "$2/tests/support/tools.sh"
if ! command -v pre-commit >/dev/null; then
  install_packages pre-commit || skip "pre-commit is needed: $install_failure"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME=$work/pre-commit-cache PERECHEN_LANG=ru NO_COLOR=1
mkdir -p "$HOME"
git config --global user.name Tester
git config --global user.email tester@example.org
git config --global init.defaultBranch main
bin=$work/bin
mkdir -p "$bin"
ln -s "$(realpath "$perechen")" "$bin/perechen"
with_perechen=$bin:$PATH

failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

reg=$work/registry
PATH=$with_perechen perechen init "$reg" >/dev/null
cd "$reg"
git add -A
git commit -qm "Перечень: первая версия"
PATH=$with_perechen pre-commit install >/dev/null

mkdir -p points/pay
cat >points/pay/salary-email.yaml <<'POINT'
process: salary
point:
  name: Электронная почта расчетного отдела
  channel: digital
  kind: email
  url: mailto:pay@example.org
clients: [civil-servants]
value: Ответ на вопрос о начислениях без визита в бухгалтерию
needs: [information]
basis:
  - type: internal_act
    title: Приказ от 10.01.2026 № 5
POINT
# An untracked draft, broken: not part of the commit, so not the hook's business.
printf 'process: salry\npoint:\n  name: Черновик\n' >points/pay/draft.yaml
git add points/pay/salary-email.yaml
before=$(git rev-parse HEAD)
if out=$(PATH=$with_perechen git commit -qm "Точка: почта" 2>&1); then
  echo "ok: an untracked broken draft does not stop a good commit"
else
  fail "the hook refused a good commit because of an untracked draft: $out"
fi
[ "$(git rev-parse HEAD)" != "$before" ] || fail "no commit was written"

# A process added to perechen.yaml: the schema hook makes the editor's schema anew and stages it,
# so the commit itself carries a schema that knows the process; validate wrote nothing.
sed -i 's/^        title: Начисление и выплата заработной платы$/&\n      - id: bonus\n        title: Выплата премий/' perechen.yaml
sed -i 's/^\(    \)salary: \(.*\)$/&\n\1bonus: \2/' roster.yaml
git add perechen.yaml roster.yaml
if out=$(PATH=$with_perechen git commit -qm "Процесс: премии" 2>&1); then
  if git show HEAD:.perechen/schema/point.schema.json | grep -q '"bonus"'; then
    echo "ok: the commit that adds a process carries the schema that knows it"
  else
    fail "the committed schema does not know the new process"
  fi
  [ -z "$(git status --porcelain -- .perechen perechen.yaml roster.yaml)" ] ||
    fail "the schema hook left changes behind: $(git status --porcelain)"
else
  fail "adding a process was refused: $out"
fi

# A broken point staged: refused, with the finding, and no commit.
git add points/pay/draft.yaml
before=$(git rev-parse HEAD)
if out=$(PATH=$with_perechen git commit -qm "Черновик" 2>&1); then
  fail "the hook let a broken point be committed"
else
  case $out in
    *"points/pay/draft.yaml:1:10: ошибка [unknown-process]"*) echo "ok: a broken staged point is refused" ;;
    *) fail "the refusal does not show the finding: $out" ;;
  esac
fi
[ "$(git rev-parse HEAD)" = "$before" ] || fail "a commit was written despite the hook"

# No perechen on PATH: the hook says how to install it.
if [ -e /usr/bin/perechen ] || [ -e /bin/perechen ]; then
  skip_part "perechen is installed system-wide, so the hook cannot be tried without it on PATH"
else
  no_perechen=$(dirname "$(command -v git)"):$(dirname "$(command -v pre-commit)"):/usr/bin:/bin
  if out=$(PATH=$no_perechen git commit -qm "Черновик" 2>&1); then
    fail "the hook passed without perechen"
  else
    case $out in
      *"perechen не установлен"*"sudo apt install"*) echo "ok: without perechen the hook says how to install it" ;;
      *) fail "without perechen the hook says: $out" ;;
    esac
  fi
fi
# The same under Git for Windows, whose bash runs the hook (uname says MINGW64_NT-…): the hook
# speaks of perechen.exe and the zip, not of apt.
if [ -e /usr/bin/perechen ] || [ -e /bin/perechen ]; then
  skip_part "perechen is installed system-wide, so the hook cannot be tried without it on PATH"
else
  mkdir -p "$work/windows"
  printf '#!/bin/sh\necho MINGW64_NT-10.0-19045\n' >"$work/windows/uname"
  chmod +x "$work/windows/uname"
  if out=$(PATH=$work/windows:$no_perechen git commit -qm "Черновик" 2>&1); then
    fail "the hook passed without perechen.exe"
  else
    case $out in
      *"perechen.exe не найден"*"windows-x86_64.zip"*) echo "ok: under Git for Windows the hook says how to get perechen.exe" ;;
      *) fail "under Git for Windows the hook says: $out" ;;
    esac
  fi
fi
# A registry made in English: its hook refuses in English, whatever PERECHEN_LANG the person has.
reg_en=$work/registry-en
PATH=$with_perechen perechen init --lang en "$reg_en" >/dev/null
cd "$reg_en"
git add -A
git commit -qm "List: first version"
PATH=$with_perechen pre-commit install >/dev/null
printf 'process: salry\npoint:\n  name: Draft\n' >points/draft.yaml
git add points/draft.yaml
if out=$(PATH=$with_perechen git commit -qm "Draft" 2>&1); then
  fail "the English hook let a broken point be committed"
else
  case $out in
    *"points/draft.yaml:1:10: error [unknown-process]"*) echo "ok: the English registry's hook refuses in English" ;;
    *) fail "the English hook's refusal: $out" ;;
  esac
fi
finish $failed
