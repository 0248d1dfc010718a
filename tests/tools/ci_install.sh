#!/usr/bin/env bash
# How the CI templates of `perechen init` get perechen (issue 20 item 12, issue 17 item 4): the
# scripts of their jobs, run by bash as a runner runs them, against a release archive laid out as
# scripts/release/package-linux.sh lays it out and served over HTTP on 127.0.0.1.
#  - GitLab: the job `perechen` downloads the tar.gz once, checks PERECHEN_SHA256 and leaves the
#    binary as its artifact; `validate` in a fresh checkout with that artifact finds it; a wrong
#    sum fails the job and leaves no binary; with PERECHEN_BIN (a runner without internet) nothing
#    is downloaded and `validate` runs the binary named;
#  - GitHub: the job `perechen` downloads and checks; `validate` takes the artifact (which has
#    lost its executable bit, as upload-artifact does) onto PATH; PERECHEN_BIN instead;
#  - Gitea: each job's one install step, download or PERECHEN_BIN.
#   tests/tools/ci_install.sh PERECHEN SOURCE_DIR
set -euo pipefail
perechen=$(realpath "$1")
# shellcheck source=tests/support/tools.sh
. "$2/tests/support/tools.sh"
for tool in curl python3 sha256sum tar; do
  command -v "$tool" >/dev/null || install_packages "$tool" || skip "$tool is needed: $install_failure"
done
python3 -c 'import yaml' 2>/dev/null || install_packages python3-yaml ||
  skip "python3-yaml is needed: $install_failure"

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1 PERECHEN_LANG=ru
mkdir -p "$HOME" "$work/www"
# No perechen on PATH but the one the templates provide.
base_path=$(dirname "$(command -v git)"):/usr/bin:/bin
if PATH=$base_path command -v perechen >/dev/null; then
  skip "perechen is installed system-wide, so the templates' own copy cannot be told from it"
fi

failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

# The release archive and its sum.
name=perechen-9.9.9-linux-x86_64
mkdir -p "$work/dist/$name/bin"
cp "$perechen" "$work/dist/$name/bin/perechen"
tar -C "$work/dist" -czf "$work/www/$name.tar.gz" "$name"
sum=$(sha256sum "$work/www/$name.tar.gz" | cut -d' ' -f1)

python3 - "$work/www" >"$work/port" <<'PY' &
import functools, sys
from http.server import HTTPServer, SimpleHTTPRequestHandler
class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
server = HTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
print(server.server_port, flush=True)
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAIL: the HTTP server did not start"; exit 1; }
url="http://127.0.0.1:$(cat "$work/port")/$name.tar.gz"

PATH=$base_path "$perechen" init "$work/registry" >/dev/null
git -C "$work/registry" add -A
git -C "$work/registry" -c user.name=T -c user.email=t@example.org commit -qm "Перечень: первая версия"

# A folder as a runner checks the registry out into it.
checkout() {
  rm -rf "$1"
  git clone -q "$work/registry" "$1"
}

# The lines a GitLab runner runs for JOB of .gitlab-ci.yml: its before_script (else the
# default's) and its script, in one shell with `set -eo pipefail`.
gitlab_job() {
  python3 - "$work/registry/.gitlab-ci.yml" "$1" <<'PY'
import sys, yaml
ci = yaml.safe_load(open(sys.argv[1]))
job = ci[sys.argv[2]]
before = job["before_script"] if "before_script" in job else ci["default"]["before_script"]
print("set -eo pipefail")
for line in before + job["script"]:
    print(line)
PY
}
gitlab_job perechen >"$work/gl-perechen.sh"
gitlab_job validate >"$work/gl-validate.sh"

# GitLab, pipeline 1: download once, then validate with the artifact.
checkout "$work/gl/prepare"
if ! (cd "$work/gl/prepare" && PATH=$base_path CI_PROJECT_DIR=$PWD PERECHEN_URL=$url \
  PERECHEN_SHA256=$sum bash "$work/gl-perechen.sh") >"$work/out" 2>&1; then
  fail "GitLab: the job perechen failed: $(cat "$work/out")"
fi
checkout "$work/gl/validate"
mkdir -p "$work/gl/validate/.perechen-ci/bin"
cp "$work/gl/prepare/.perechen-ci/bin/perechen" "$work/gl/validate/.perechen-ci/bin/" 2>/dev/null ||
  fail "GitLab: the job perechen left no .perechen-ci/bin/perechen"
if (cd "$work/gl/validate" && PATH=$base_path CI_PROJECT_DIR=$PWD bash "$work/gl-validate.sh") \
  >"$work/out" 2>&1 && grep -q "Проверено: 2 файла, 0 точек. Замечаний нет." "$work/out" &&
  [ -s "$work/gl/validate/gl-code-quality-report.json" ]; then
  echo "ok: GitLab: perechen downloaded once, checked, and used by validate from the artifact"
else
  fail "GitLab: validate with the artifact: $(cat "$work/out")"
fi

# GitLab: a wrong sum stops the job, and no binary is left for the others.
checkout "$work/gl/wrong"
if (cd "$work/gl/wrong" && PATH=$base_path CI_PROJECT_DIR=$PWD PERECHEN_URL=$url \
  PERECHEN_SHA256=0000000000000000000000000000000000000000000000000000000000000000 \
  bash "$work/gl-perechen.sh") >"$work/out" 2>&1; then
  fail "GitLab: the job perechen accepted an archive with another sum"
elif [ -e "$work/gl/wrong/.perechen-ci/bin/perechen" ]; then
  fail "GitLab: an archive with another sum was unpacked"
else
  echo "ok: GitLab: an archive with another sum is refused"
fi

# GitLab without internet: PERECHEN_BIN, no download job, no URL.
checkout "$work/gl/offline"
if (cd "$work/gl/offline" && PATH=$base_path CI_PROJECT_DIR=$PWD PERECHEN_BIN=$perechen \
  bash "$work/gl-validate.sh") >"$work/out" 2>&1 && grep -q "Замечаний нет" "$work/out"; then
  echo "ok: GitLab: PERECHEN_BIN runs the binary on the runner"
else
  fail "GitLab: validate with PERECHEN_BIN: $(cat "$work/out")"
fi

# The `run:` of the step named NAME of job JOB of a GitHub or Gitea workflow.
step() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys, yaml
workflow = yaml.safe_load(open(sys.argv[1]))
for step in workflow["jobs"][sys.argv[2]]["steps"]:
    if step.get("name") == sys.argv[3]:
        print("set -eo pipefail")
        print(step["run"])
        break
else:
    sys.exit("no step " + sys.argv[3])
PY
}
github=$work/registry/.github/workflows/perechen.yml
step "$github" perechen "Скачать perechen" >"$work/gh-download.sh"
step "$github" validate "perechen в PATH" >"$work/gh-path.sh"

# GitHub: the job perechen downloads; validate gets the artifact without its executable bit.
mkdir -p "$work/gh/perechen" "$work/gh/validate/perechen-bin"
if ! RUNNER_TEMP=$work/gh/perechen PERECHEN_URL=$url PERECHEN_SHA256=$sum PATH=$base_path \
  bash "$work/gh-download.sh" >"$work/out" 2>&1; then
  fail "GitHub: the job perechen failed: $(cat "$work/out")"
fi
cp "$work/gh/perechen/perechen/bin/perechen" "$work/gh/validate/perechen-bin/" 2>/dev/null &&
  chmod -x "$work/gh/validate/perechen-bin/perechen" ||
  fail "GitHub: the job perechen left no perechen/bin/perechen to upload"
: >"$work/gh/path"
if RUNNER_TEMP=$work/gh/validate GITHUB_PATH=$work/gh/path PATH=$base_path PERECHEN_BIN= \
  bash "$work/gh-path.sh" >"$work/out" 2>&1 &&
  (cd "$work/registry" && PATH=$(cat "$work/gh/path"):$base_path perechen validate --format github) \
    >"$work/out" 2>&1; then
  echo "ok: GitHub: perechen downloaded once, taken by validate from the artifact"
else
  fail "GitHub: validate with the artifact: $(cat "$work/out")"
fi
if RUNNER_TEMP=$work/gh/perechen PERECHEN_URL=$url PERECHEN_SHA256=00$sum PATH=$base_path \
  bash "$work/gh-download.sh" >"$work/out" 2>&1; then
  fail "GitHub: an archive with another sum was accepted"
fi
mkdir -p "$work/gh/offline"
: >"$work/gh/path"
if RUNNER_TEMP=$work/gh/offline GITHUB_PATH=$work/gh/path PATH=$base_path PERECHEN_BIN=$perechen \
  bash "$work/gh-path.sh" >"$work/out" 2>&1 &&
  (cd "$work/registry" && PATH=$(cat "$work/gh/path"):$base_path perechen validate) >"$work/out" 2>&1; then
  echo "ok: GitHub: PERECHEN_BIN runs the binary on the runner"
else
  fail "GitHub: validate with PERECHEN_BIN: $(cat "$work/out")"
fi

# Gitea: one install step per job.
gitea=$work/registry/.gitea/workflows/perechen.yml
step "$gitea" validate "Установить perechen" >"$work/gitea-install.sh"
for mode in download offline; do
  mkdir -p "$work/gitea/$mode"
  : >"$work/gitea/path"
  if [ $mode = download ]; then
    env=(PERECHEN_URL="$url" PERECHEN_SHA256="$sum" PERECHEN_BIN=)
  else
    env=(PERECHEN_URL= PERECHEN_SHA256= PERECHEN_BIN="$perechen")
  fi
  if env "${env[@]}" RUNNER_TEMP="$work/gitea/$mode" GITHUB_PATH="$work/gitea/path" \
    PATH="$base_path" bash "$work/gitea-install.sh" >"$work/out" 2>&1 &&
    (cd "$work/registry" && PATH=$(cat "$work/gitea/path"):$base_path perechen validate) \
      >"$work/out" 2>&1; then
    echo "ok: Gitea: perechen installed by the job's step ($mode)"
  else
    fail "Gitea ($mode): $(cat "$work/out")"
  fi
done
exit $failed
