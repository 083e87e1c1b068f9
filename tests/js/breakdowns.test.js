// web/breakdowns.js: the partnership page's twin of core/privacy.py hidden_groups on the shared
// cases (tests/vectors/privacy/hidden-groups.json, which tests/test_hidden_groups.py runs in
// Python), and what the page may show of groups, option counts and open answers.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { loadScripts, plain } = require("./support.js");

const { SelfassessBreakdowns: B } = loadScripts(["display.js", "scoring.js", "partnership-scoring.js", "breakdowns.js"]);
const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "privacy", "hidden-groups.json"), "utf8")).cases;

test("groups below k are hidden, with one complement, as the shared cases say (tests/vectors/privacy/hidden-groups.json)", () => {
  for (const c of CASES) assert.deepEqual(plain(B.hiddenGroups(c.counts, c.k)), c.hidden, c.about);
});

const groups = {
  min_group_size: 2,
  breakdowns: [{ id: "__proto__", options: [{ id: "constructor", label: "<b>A</b>" }, { id: "toString", label: "B" }, { id: "c", label: "C" }] }],
  choices: [{ id: "pick", options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }, { id: "z", label: "Z" }] }],
  texts: ["open"],
};
const bank = { principles: [{ id: "p", questions: [{ id: "q" }, { id: "open", type: "text" }, { id: "pick", type: "choice" }] }] };

test("a hidden group carries its label and nothing else: no count, no figure", () => {
  const group = (n, score) => ({ n_respondents: n, n_organisations: 1, overall: score, level: null, principles: { p: score } });
  const breakdowns = Object.create(null);
  breakdowns.__proto__ = { constructor: group(1, 10), toString: group(3, 50), c: group(4, 70) };
  const result = { respondents: [], partnership: { breakdowns } };
  const asked = { respondents: [] };
  const [table] = plain(B.breakdownTables(bank, groups, result, asked));
  assert.deepEqual(table.rows[0], { id: "constructor", label: "<b>A</b>", hidden: true });
  assert.deepEqual(table.rows[1], { id: "toString", label: "B", hidden: true });  // the complement
  assert.equal(table.rows[2].n, 4);
  assert.deepEqual(table.rows[2].principles, [{ score: 70, notAsked: false }]);
});

test("a group none of whose respondents was asked a principle says so rather than showing nothing", () => {
  const breakdowns = Object.create(null);
  breakdowns.__proto__ = { constructor: { n_respondents: 2, overall: null, principles: { p: null } } };
  const respondents = [0, 1].map(() => ({ background: Object.create(null) }));
  respondents.forEach((r) => { r.background.__proto__ = "constructor"; });
  const result = { respondents, partnership: { breakdowns } };
  const asked = { respondents: [new Set(), new Set()] };
  const [table] = plain(B.breakdownTables(bank, groups, result, asked));
  assert.deepEqual(table.rows[0].principles, [{ score: null, notAsked: true }]);
});

test("option counts below k are hidden by the same rule; an option nobody picked too", () => {
  const result = { partnership: { choices: { pick: { x: 1, y: 5, z: 6 } } } };
  const [table] = plain(B.choiceTables(groups, result));
  assert.deepEqual(table.rows.map((r) => (r.hidden ? "hidden" : r.count)), ["hidden", "hidden", 6]);
});

test("open answers: comments under their principle, text answers under their question, none from an organisation below k", () => {
  const responses = [
    { response: { answers: { open: "Ours", q: 3 }, comments: { q: "On q", p: "On p" } } },
    { response: { answers: { open: "  " }, comments: {} } },
    { response: { answers: { open: "Secret" }, comments: { q: "Also secret" } } },
  ];
  const result = { respondents: [{ organisation: "Big" }, { organisation: "Big" }, { organisation: "Small" }],
    organisations: { Big: { n: 2 }, Small: { n: 1 } } };
  assert.deepEqual(plain(B.openAnswers(bank, groups, result, responses)), [{ principle: "p", withheld: 2, about: [
    { key: "p", items: [{ text: "On p", organisation: "Big" }, { text: "On q", organisation: "Big" }] },
    { key: "open", items: [{ text: "Ours", organisation: "Big" }] },
  ] }]);
});
