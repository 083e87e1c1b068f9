// What the node tests share: the page scripts run in a sandbox, as the page's <script> tags run
// them, plain-data comparison, and the small scale the test banks use. Not a test file itself.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { execFileSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..", "..");
const JS = path.join(ROOT, "src", "selfassess", "web");

/** The catalogue's words as the page's #selfassess-messages holds them: from the file pytest
    writes (SELFASSESS_MESSAGES, tests/browser_support.node_env), or, for `node --test tests/js/`
    run by hand, from Python itself. The English lives in Python only. */
function messagesJson() {
  if (process.env.SELFASSESS_MESSAGES) return fs.readFileSync(process.env.SELFASSESS_MESSAGES, "utf8");
  const python = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python");
  return execFileSync(python, ["-c", "import json; from selfassess.pages.answer_file_messages import " +
    "READING_MESSAGES as m; from selfassess.pages.page_messages import page_messages as p; " +
    "print(json.dumps(p(m, 'en')))"], { encoding: "utf8" });
}

let words = null;

/** The named scripts, run in order in one fresh context holding only `globals`, after
    messages.js (given the catalogue as a page would give it; the page itself is then gone). */
function loadScripts(names, globals = {}) {
  words = words || messagesJson();
  const page = { textContent: words };
  const context = vm.createContext({ document: { getElementById: () => page } });
  vm.runInContext(fs.readFileSync(path.join(JS, "messages.js"), "utf8"), context, { filename: "messages.js" });
  delete context.document;
  Object.assign(context, globals);
  for (const name of names) {
    vm.runInContext(fs.readFileSync(path.join(JS, name), "utf8"), context, { filename: name });
  }
  return context;
}

// Objects made inside the vm context have that context's prototypes: compare as plain data.
const plain = (value) => JSON.parse(JSON.stringify(value));

const LIKERT = [
  { value: 1, label: "Not yet" }, { value: 2, label: "Starting" }, { value: 3, label: "Partly" },
  { value: 4, label: "Mostly" }, { value: 5, label: "Fully" }, { value: null, label: "Don't know" },
];

module.exports = { loadScripts, plain, LIKERT };
