// A minimal Language Server Protocol client over stdio, for driving the real yaml-language-server
// from a test: initialize, the editor's settings, didOpen, then the diagnostics it publishes and
// the completions it offers at a place.
//   node lsp_client.js SERVER_JS ROOT_DIR SETTINGS_JSON FILE [LINE:CHARACTER]
// Prints one JSON object: {"diagnostics": [{line, character, message}], "completion": [labels]}.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const [serverJs, root, settingsJson, file, at] = process.argv.slice(2);
const settings = JSON.parse(settingsJson);
const uri = pathToFileURL(path.resolve(file)).href;
const server = spawn(process.execPath, [serverJs, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });

let nextId = 1;
const pending = new Map();
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}
function notify(method, params) {
  send({ method, params });
}

let diagnosticsSeen;
const diagnosticsArrived = new Promise((resolve) => (diagnosticsSeen = resolve));
let buffer = Buffer.alloc(0);
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.slice(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.slice(headerEnd + 4 + length);
    if (message.id !== undefined && message.method === undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === "workspace/configuration") {
      send({ id: message.id, result: message.params.items.map((item) =>
        item.section === "yaml" ? settings.yaml : settings[item.section] ?? null) });
    } else if (message.id !== undefined) {
      send({ id: message.id, result: null });  // registerCapability and the like
    } else if (message.method === "textDocument/publishDiagnostics" && message.params.uri === uri) {
      diagnosticsSeen(message.params.diagnostics);
    }
  }
});

const timeout = setTimeout(() => {
  console.error("yaml-language-server did not answer in time");
  process.exit(2);
}, 60000);

(async () => {
  await request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(path.resolve(root)).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true } },
                      publishDiagnostics: {} },
    },
    workspaceFolders: [{ uri: pathToFileURL(path.resolve(root)).href, name: "registry" }],
  });
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", { settings });
  notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: fs.readFileSync(file, "utf8") },
  });
  const diagnostics = await diagnosticsArrived;
  const result = {
    diagnostics: diagnostics.map((d) => ({ line: d.range.start.line + 1,
                                           character: d.range.start.character + 1,
                                           message: d.message })),
    completion: [],
  };
  if (at) {
    const [line, character] = at.split(":").map(Number);
    const items = await request("textDocument/completion", {
      textDocument: { uri }, position: { line: line - 1, character: character - 1 },
    });
    const list = Array.isArray(items) ? items : (items?.items ?? []);
    result.completion = list.map((item) => ({ label: item.label,
                                              documentation: typeof item.documentation === "string"
                                                ? item.documentation
                                                : item.documentation?.value ?? "" }));
  }
  console.log(JSON.stringify(result));
  clearTimeout(timeout);
  await request("shutdown", null);
  notify("exit", null);
  setTimeout(() => process.exit(0), 200);
})();
