#!/usr/bin/env bash
# The `approvals` job of the GitLab template made by `perechen init`, its script run by bash against
# a stand-in for GitLab's notes API (python3's http.server): the first pipeline of a merge request
# posts the status as a note, every later one updates that note instead of adding another.
#   tests/tools/gitlab_note.sh PERECHEN SOURCE_DIR
set -euo pipefail
perechen=$(realpath "$1")
# shellcheck source=tests/support/tools.sh
. "$2/tests/support/tools.sh"
for tool in jq curl python3; do
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
mkdir -p "$HOME" "$work/bin"
ln -s "$perechen" "$work/bin/perechen"
export PATH=$work/bin:$PATH
"$perechen" init "$work/registry" >/dev/null
cd "$work/registry"
git -c user.name=T -c user.email=t@example.org add -A
git -c user.name=T -c user.email=t@example.org commit -qm "Перечень: первая версия"

# The job's script, as GitLab runs it: its lines one after another in one shell.
python3 - >"$work/job.sh" <<'PY'
import yaml
job = yaml.safe_load(open(".gitlab-ci.yml"))["approvals"]
print("set -e")
for line in job["script"]:
    print(line)
PY

# GitLab's notes of one merge request, kept in a file: GET lists them, POST adds, PUT updates.
cat >"$work/server.py" <<'PY'
import json, sys, urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
state = sys.argv[1]
def load():
    try:
        return json.load(open(state))
    except FileNotFoundError:
        return {"notes": [{"id": 1, "body": "Посмотрите, пожалуйста"}], "log": []}
class Notes(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def body(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        return form["body"][0]
    def do_GET(self):
        s = load(); s["log"].append("GET"); json.dump(s, open(state, "w"))
        self.reply(s["notes"])
    def do_POST(self):
        s = load(); note = {"id": len(s["notes"]) + 1, "body": self.body()}
        s["notes"].append(note); s["log"].append("POST"); json.dump(s, open(state, "w"))
        self.reply(note)
    def do_PUT(self):
        s = load(); note_id = int(self.path.rsplit("/", 1)[1])
        for note in s["notes"]:
            if note["id"] == note_id:
                note["body"] = self.body()
        s["log"].append("PUT %d" % note_id); json.dump(s, open(state, "w"))
        self.reply({"id": note_id})
server = HTTPServer(("127.0.0.1", 0), Notes)
print(server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/server.py" "$work/state.json" >"$work/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAIL: the stand-in API did not start"; exit 1; }
export CI_API_V4_URL="http://127.0.0.1:$(cat "$work/port")/api/v4" CI_PROJECT_ID=7
export CI_MERGE_REQUEST_IID=3 PERECHEN_NOTE_TOKEN=token PERECHEN_ANCHOR=

failed=0
for pipeline in 1 2 3; do
  # verify refuses (nothing is approved), as it does on a fresh request: the note is what counts.
  bash "$work/job.sh" >"$work/out-$pipeline" 2>&1 || true
done
notes=$(jq '[.notes[] | select(.body | startswith("<!-- perechen status -->"))] | length' "$work/state.json")
log=$(jq -r '.log | join(",")' "$work/state.json")
if [ "$notes" = 1 ] && [ "$log" = "GET,POST,GET,PUT 2,GET,PUT 2" ]; then
  echo "ok: one note, posted once and updated by every later pipeline ($log)"
else
  echo "FAIL: $notes notes of perechen, requests $log"
  cat "$work/out-1"
  failed=1
fi
body=$(jq -r '.notes[1].body' "$work/state.json")
case $body in
  *"Перечень не согласован: не хватает 3 из 3 согласований"*) ;;
  *) echo "FAIL: the note does not hold the status: $body"; failed=1 ;;
esac
[ "$(jq '.notes | length' "$work/state.json")" = 2 ] || { echo "FAIL: another note was touched"; failed=1; }
exit $failed
