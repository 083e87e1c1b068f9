// What the node tests share: the page scripts run in a sandbox, as the page's <script> tags run
// them, plain-data comparison, and the small scale the test banks use. Not a test file itself.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const JS = path.join(__dirname, "..", "..", "src", "selfassess", "web");

/** The named scripts, run in order in one fresh context holding only `globals`. */
function loadScripts(names, globals = {}) {
  const context = vm.createContext({ ...globals });
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
