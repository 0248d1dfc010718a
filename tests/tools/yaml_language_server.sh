#!/usr/bin/env bash
# A point file in an editor, as the real yaml-language-server (npm, the server of VS Code's YAML
# extension) sees it in a registry made by `perechen init`, with the template's editor settings:
# it completes this registry's process ids with their titles, and its complaints are Russian and
# short: no English "Value is not accepted", no 600-character regex for a bad url, nothing for a
# correct `- other: …`.
#   tests/tools/yaml_language_server.sh PERECHEN SOURCE_DIR
set -euo pipefail
perechen=$(realpath "$1")
source_dir=$(realpath "$2")
. "$source_dir/tests/tools/npm-tool.sh"
npm_tool yaml-language-server@1.25
server=$NPM_TOOL_DIR/yaml-language-server/bin/yaml-language-server
[ -f "$server" ] || skip "the package has no $server"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1 PERECHEN_LANG=ru
mkdir -p "$HOME"
"$perechen" init "$work/registry" >/dev/null
cd "$work/registry"
"$perechen" new --process salary --name "Электронная почта" --kind email >/dev/null
file=points/pay/elektronnaya-pochta.yaml
cat >>"$file" <<'POINT'
  url: htp:/pochta
clients: [civil-servants]
value: Ответ на вопрос о зарплате
needs:
  - other: Получение справки для визы
  - informaton
POINT
# The editor settings of the template, as VS Code passes them to the server.
settings=$(node -e '
  const s = JSON.parse(require("fs").readFileSync(".vscode/settings.json", "utf8"));
  const schemas = {};
  for (const [schema, globs] of Object.entries(s["yaml.schemas"]))
    schemas[require("url").pathToFileURL(require("path").resolve(schema)).href] = globs;
  console.log(JSON.stringify({yaml: {validate: true, completion: true, hover: true, schemas}}));')

failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}
# Diagnostics of the file, and completion at the value of `process:` (line 2, after "process: ").
result=$(node "$source_dir/tests/tools/lsp_client.js" "$server" . "$settings" "$file" 2:10)
echo "$result"
node -e '
  const r = JSON.parse(process.argv[1]);
  const problems = [];
  const at = (line) => r.diagnostics.filter((d) => d.line === line);
  const lines = require("fs").readFileSync(process.argv[2], "utf8").split("\n");
  const lineOf = (text) => lines.findIndex((l) => l.includes(text)) + 1;
  const url = at(lineOf("url: htp:"));
  if (url.length !== 1 || !url[0].message.startsWith("адрес точки — абсолютный https://") ||
      url[0].message.length > 200)
    problems.push("bad url: " + JSON.stringify(url));
  const need = at(lineOf("- informaton"));
  if (need.length !== 1 || !need[0].message.startsWith("неизвестная потребность"))
    problems.push("unknown need: " + JSON.stringify(need));
  const other = at(lineOf("- other:"));
  if (other.length !== 0) problems.push("a correct other is flagged: " + JSON.stringify(other));
  for (const d of r.diagnostics)
    if (/[A-Za-z]{4,} [a-z]{3,} /.test(d.message) && !/[а-я]/.test(d.message))
      problems.push("an English message: " + d.message);
  const salary = r.completion.find((c) => c.label === "salary");
  if (!salary) problems.push("salary is not completed: " + JSON.stringify(r.completion));
  else if (!salary.documentation.includes("Начисление и выплата заработной платы"))
    problems.push("salary is completed without its title: " + JSON.stringify(salary));
  if (problems.length) { console.log("FAIL: " + problems.join("\nFAIL: ")); process.exit(1); }
  console.log("ok: Russian messages, other accepted, process ids completed with titles");
' "$result" "$file" || failed=1

# A process added to perechen.yaml is known to the editor as soon as `new` makes a point of it:
# `new` brings .perechen/schema/ up to date (validate, a checker, never writes).
sed -i 's/^        title: Начисление и выплата заработной платы$/&\n      - id: bonus\n        title: Выплата премий/' perechen.yaml
"$perechen" validate >/dev/null 2>&1 || true
grep -q '"bonus"' .perechen/schema/point.schema.json && fail "validate wrote the schema"
"$perechen" new --process bonus --name "Окно премий" --channel offline >/dev/null
bonus_file=$(ls points/pay/okno-prem*.yaml 2>/dev/null | head -n 1)
[ -n "$bonus_file" ] || fail "new did not write points/pay/okno-prem*.yaml"
result=$(node "$source_dir/tests/tools/lsp_client.js" "$server" . "$settings" "$bonus_file" 2:10)
echo "$result"
node -e '
  const r = JSON.parse(process.argv[1]);
  const lines = require("fs").readFileSync(process.argv[2], "utf8").split("\n");
  const at = lines.findIndex((l) => l.startsWith("process:")) + 1;
  // The fields left to fill are missing, as they should be; the process must not be flagged.
  const flagged = r.diagnostics.filter((d) => d.line === at && /процесс|process:|bonus/.test(d.message));
  const problems = [];
  if (flagged.length) problems.push("the new process is flagged: " + JSON.stringify(flagged));
  const bonus = r.completion.find((c) => c.label === "bonus");
  if (!bonus) problems.push("bonus is not completed: " + JSON.stringify(r.completion));
  if (problems.length) { console.log("FAIL: " + problems.join("\nFAIL: ")); process.exit(1); }
  console.log("ok: a process just added is known to the editor");
' "$result" "$bonus_file" || failed=1

# The settings and the roster speak Russian too, for the fields added last: an empty short_title
# of a client, and a trusted certificate that is not PEM text.
sed -i 's/^  - id: ogu-staff$/  - id: ogu-staff\n    short_title: "  "/' perechen.yaml
printf 'trust:\n  - не сертификат\n' >>roster.yaml
for check in "perechen.yaml|short_title:|краткое наименование клиента пустое" \
  "roster.yaml|- не сертификат|сертификат удостоверяющего центра — текст PEM"; do
  IFS='|' read -r target text expected <<<"$check"
  result=$(node "$source_dir/tests/tools/lsp_client.js" "$server" . "$settings" "$target")
  echo "$target: $result"
  node -e '
    const [result, target, text, expected] = process.argv.slice(1);
    const r = JSON.parse(result);
    const line = require("fs").readFileSync(target, "utf8").split("\n")
      .findIndex((l) => l.includes(text)) + 1;
    const at = r.diagnostics.filter((d) => d.line === line);
    if (at.length !== 1 || !at[0].message.startsWith(expected)) {
      console.log(`FAIL: ${target}:${line}: want «${expected}…», got ${JSON.stringify(r.diagnostics)}`);
      process.exit(1);
    }
    console.log(`ok: ${target}:${line}: ${at[0].message}`);
  ' "$result" "$target" "$text" "$expected" || failed=1
done
exit $failed
