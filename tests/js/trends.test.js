// Unit tests for src/selfassess/web/trends.js, run by `node --test tests/js/` (and from pytest,
// tests/test_trends_js.py, which hands the trends vectors over as JSON in
// SELFASSESS_TRENDS_CASES; without it they come from tests/trends_js_cases.py run by Python).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { loadScripts, plain, LIKERT } = require("./support.js");

const context = loadScripts(["display.js", "scoring.js", "answer-file.js", "partnership-scoring.js",
  "python-text.js", "csv.js", "responses.js", "trends.js"], { TextDecoder });
const T = context.SelfassessTrends, R = context.SelfassessResponses;

function trendsCases() {
  if (process.env.SELFASSESS_TRENDS_CASES) return JSON.parse(fs.readFileSync(process.env.SELFASSESS_TRENDS_CASES, "utf8"));
  const root = path.join(__dirname, "..", "..");
  const python = process.env.PYTHON || path.join(root, ".venv", "bin", "python");
  return JSON.parse(execFileSync(python, [path.join(root, "tests", "trends_js_cases.py")], { encoding: "utf8", cwd: root }));
}

/** Plain data equal to `expected`, numbers within 1e-9, naming the first place they differ. */
function assertClose(actual, expected, where) {
  if (typeof expected === "number" && typeof actual === "number") {
    assert.ok(Math.abs(actual - expected) <= 1e-9, where + ": " + actual + " != " + expected);
  } else if (expected !== null && typeof expected === "object") {
    assert.equal(typeof actual, "object", where);
    assert.notEqual(actual, null, where);
    assert.deepEqual(Object.keys(actual), Object.keys(expected), where + ": keys");
    for (const key of Object.keys(expected)) assertClose(actual[key], expected[key], where + "." + key);
  } else {
    assert.equal(actual, expected, where);
  }
}

/** Every round's files read through responses.js as the page reads them, then trends(). */
function trendsOf(bank, rounds) {
  return T.trends(bank, rounds.map((r) => T.roundOf(r.label, R.collect(bank, r.files.map((f) => {
    const bytes = new Uint8Array(Buffer.from(f.bytes, "base64"));
    return { name: f.name, size: bytes.length, bytes };
  })))));
}

for (const c of trendsCases()) {
  test("trends vector " + c.name + " gives expected.json, read file by file", () => {
    assertClose(plain(trendsOf(c.bank, c.rounds)), c.expected, c.name);
  });
}

const BANK = {
  id: "t", version: "2", min_answered: 0.5, divergence_threshold: 25, consensus: 25,
  levels: [{ id: "low", label: "Low", min: 0 }, { id: "high", label: "High", min: 50 }],
  scale: LIKERT,
  principles: [
    { id: "p1", title: "P1", weight: 1, questions: [{ id: "a", weight: 1, reverse: false }, { id: "b", weight: 1, reverse: false }] },
    { id: "p2", title: "P2", weight: 1, questions: [
      { id: "c", weight: 1, reverse: false },
      { id: "d", weight: 1, reverse: false, ask_if: { question: "c", any_of: [5] } },
      { id: "e", weight: 1, reverse: false, ask_if: { question: "d", any_of: [5] } }] },
  ],
};
const ids = (bank) => bank.principles.map((p) => p.id + ":" + p.questions.map((q) => q.id).join(","));

test("a round's bank keeps only the questions its files carry, and a principle left without one is absent", () => {
  assert.deepEqual(ids(T.bankForRound(BANK, ["a", "b"])), ["p1:a,b"]);
  assert.deepEqual(ids(T.bankForRound(BANK, ["a", "c", "d", "e"])), ["p1:a", "p2:c,d,e"]);
});

test("a question asked only after a dropped question is dropped too, down the chain", () => {
  assert.deepEqual(ids(T.bankForRound(BANK, ["a", "d", "e"])), ["p1:a"]);
  assert.deepEqual(ids(T.bankForRound(BANK, ["a", "c", "e"])), ["p1:a", "p2:c"]);
});

test("reducing a round's bank leaves the bank itself as it was", () => {
  T.bankForRound(BANK, ["a"]);
  assert.deepEqual(ids(BANK), ["p1:a,b", "p2:c,d,e"]);
});

test("movement is on the figures people read: whole numbers, or tenths on a scale", () => {
  const percent = context.SelfassessDisplay.PERCENT, scale = { onScale: true, lo: 1, hi: 5, range: 4 };
  assert.equal(T.movement(43.4, 47.6, percent), 5);
  assert.equal(T.movement(62.5, 62.4, percent), -1);
  assert.equal(T.movement(3.44, 3.86, scale), 0.5);
  assert.equal(T.movement(3.45, 3.449999, scale), -0.1);
  assert.equal(T.movement(null, 40, percent), null);
});

const response = (org, role, version, answers) => ({ source: org + ".json", response: {
  format: "selfassess-response/2", questionnaire: { id: "t", version }, respondent: { organisation: org, role },
  answers } });

test("an earlier round naming the bank's own version is scored with the whole bank", () => {
  const rounds = [
    { label: "One", versions: ["2"], carried: ["a", "b"], responses: [response("X", null, "2", { a: 5, b: 5 })] },
    { label: "Two", versions: ["2"], carried: ["a", "b", "c"], responses: [response("X", null, "2", { a: 5, b: 5, c: 5 })] },
  ];
  assert.deepEqual(plain(T.trends(BANK, rounds).principles.map((p) => p.rounds[0].present)), [true, true]);
});

test("roles change when fewer than half of them are the same, and not across an absence", () => {
  const round = (label, people) => ({ label, versions: [], carried: [], responses: people.map(([org, role]) => response(org, role, "2", { a: 3, b: 3, c: 3 })) });
  const result = T.trends(BANK, [
    round("One", [["X", "Lead"], ["X", "Chief"], ["Y", "Lead"]]),
    round("Two", [["X", " Lead "], ["X", "Board"], ["X", "Finance"], ["Z", "Lead"]]),
    round("Three", [["X", "Lead"], ["X", "Board"], ["Y", "Lead"], ["Z", ""]]),
  ]);
  const changed = (name) => result.organisations.find((o) => o.name === name).rounds.map((r) => r.roles_changed);
  assert.deepEqual(changed("X"), [false, true, false]);  // 2*1 < 3, then 2*2 >= 3
  assert.deepEqual(changed("Y"), [false, false, false]);
  assert.deepEqual(changed("Z"), [false, false, true]);  // {Lead} -> {}: 0 < 1
});

test("a round's versions and carried questions come from the files it read, not the ones refused", () => {
  const bytes = (text) => new TextEncoder().encode(text);
  const file = (name, text) => ({ name, size: text.length, bytes: bytes(text) });
  const json = (version, answers) => JSON.stringify({ format: "selfassess-response/2", questionnaire: { id: "t", version },
    respondent: { organisation: "X" }, answers });
  const collected = R.collect(BANK, [
    file("a.json", json("1", { a: 3, c: null })), file("b.json", json("0.9", { b: 9 })),
    file("c.csv", "organisation,role,name,b\nX,,,4\n"), file("d.json", json(null, { e: 2 })),
  ]);
  assert.deepEqual(plain(T.roundOf("R", collected)), { label: "R", responses: plain(collected.responses),
    carried: ["a", "c", "b", "e"], versions: ["1"] });
});
