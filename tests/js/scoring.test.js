// Unit tests for src/selfassess/web/scoring.js, run by `node --test tests/js/` (and from pytest,
// tests/test_scoring_js.py, which also hands over the shared vectors as JSON in
// SELFASSESS_SCORING_CASES because node cannot read the YAML banks itself).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { loadScripts, plain, LIKERT } = require("./support.js");

const loadScoring = () => loadScripts(["display.js", "scoring.js", "answer-file.js", "partnership-scoring.js"]).SelfassessScoring;
const S = loadScoring();

const BANK = {
  id: "t", version: "1", min_answered: 0.5, divergence_threshold: 25, consensus: 25,
  levels: [{ id: "low", label: "Low", min: 0 }, { id: "mid", label: "Mid", min: 40 }, { id: "high", label: "High", min: 80 }],
  principles: [
    { id: "p1", title: "P1", weight: 1, questions: [
      { id: "a", weight: 1, reverse: false, scale: LIKERT },
      { id: "b", weight: 1, reverse: true, scale: LIKERT }] },
    { id: "p2", title: "P2", weight: 3, questions: [
      { id: "c", weight: 3, reverse: false, scale: LIKERT },
      { id: "d", weight: 1, reverse: false, scale: [{ value: 0, label: "No" }, { value: 10, label: "Yes" }] }] },
  ],
};

function response(answers, respondent) {
  return { format: "selfassess-response/1", questionnaire: { id: "t", version: "1" },
    respondent: respondent || {}, answers };
}

test("the script touches no page: it loads in a bare context and exposes one object", () => {
  assert.deepEqual(Object.keys(loadScoring()).sort(), Object.keys(S).sort());
  assert.equal(typeof S.scoreAll, "function");
  assert.equal(typeof S.validateResponse, "function");
});

test("an answer is its position on the scale, reversed when the item is reversed", () => {
  assert.equal(S.itemScore(1, LIKERT, false), 0);
  assert.equal(S.itemScore(4, LIKERT, false), 75);
  assert.equal(S.itemScore(4, LIKERT, true), 25);
});

test("a principle is the weighted mean of answered items; overall weights principles", () => {
  const r = S.scoreRespondent(BANK, response({ a: 5, b: 1, c: 3, d: 10 }), "x.json");
  assert.equal(r.principles.p1, 100);
  assert.equal(r.principles.p2, (50 * 3 + 100) / 4);
  assert.equal(r.overall, (100 + 62.5 * 3) / 4);
  assert.equal(r.level, "mid");
  assert.equal(r.answered, 4);
  assert.equal(r.total, 4);
  assert.deepEqual(Object.keys(r), ["source", "organisation", "role", "background", "principles", "groups", "overall", "level", "answered", "total"]);
});

test("don't know is not scored, and too few answers leave a principle and overall unscored", () => {
  const r = S.scoreRespondent(BANK, response({ a: 5, b: null, c: null, d: null }), "x.json");
  assert.equal(r.principles.p1, 100);
  assert.equal(r.principles.p2, null);
  assert.equal(r.overall, null);
  assert.equal(r.level, null);
  assert.equal(r.answered, 1);
});

test("a blank organisation is Unspecified and names are trimmed like Python's strip", () => {
  const blank = S.scoreRespondent(BANK, response({}, { organisation: " \u3000 " }), "x");
  assert.equal(blank.organisation, "Unspecified");
  const trimmed = S.scoreRespondent(BANK, response({}, { organisation: "\u00a0Trust ", role: "  " }), "x");
  assert.equal(trimmed.organisation, "Trust");
  assert.equal(trimmed.role, null);
});

test("the level is decided on the unrounded score; display rounds half up", () => {
  assert.equal(S.levelOf(BANK.levels, 39.999), "low");
  assert.equal(S.levelOf(BANK.levels, 40), "mid");
  assert.equal(S.levelOf(BANK.levels, null), null);
  assert.equal(S.roundHalfUp(62.5), 63);
  assert.equal(S.roundHalfUp(39.6), 40);
  assert.equal(S.roundHalfUp(0.49), 0);
});

test("organisations weigh the same in the partnership however many people answered", () => {
  const responses = [
    ...[1, 2, 3].map((i) => ({ source: `big${i}`, response: response({ a: 5, b: 1, c: 5, d: 10 }, { organisation: "Big" }) })),
    { source: "small", response: response({ a: 1, b: 5, c: 1, d: 0 }, { organisation: "Small" }) },
  ];
  const scores = S.scoreAll(BANK, responses);
  assert.equal(scores.partnership.principles.p1.score, 50);
  assert.equal(scores.partnership.principles.p1.weakest_organisation, "Small");
  assert.equal(scores.partnership.principles.p1.divergent, true);
  assert.equal(scores.partnership.n_organisations, 2);
  assert.deepEqual(Object.keys(scores.organisations), ["Big", "Small"]);
  assert.equal(scores.organisations.Big.n, 3);
});

test("consensus: median, interquartile range by linear interpolation, split at a third", () => {
  assert.deepEqual(plain(S.scoreConsensus([], 25)), { n: 0, median: null, iqr: null, split: false });
  const c = S.scoreConsensus([0, 50, 100, 75], 25);
  assert.equal(c.median, 62.5);
  assert.equal(c.iqr, 81.25 - 37.5);
  assert.equal(c.split, true);
  assert.equal(S.scoreConsensus([50, 50, 50, 90], 25).split, false);
});

test("validateResponse accepts a good file and returns the cleaned response", () => {
  const result = S.validateResponse(BANK, JSON.stringify(response({ a: 5, d: null })));
  assert.equal(result.ok, true);
  assert.deepEqual(plain(result.response.answers), { a: 5, d: null });
  assert.equal(result.problems.length, 0);
});

const REFUSALS = [
  ["text that is not JSON", "{not json", /^not JSON/],
  ["a JSON list", "[1, 2]", /expected a JSON object/],
  ["no format", JSON.stringify({ answers: {} }), /not a response file/],
  ["a wrong format", JSON.stringify({ format: "other/2" }), /wrong format 'other\/2'/],
  ["another questionnaire", JSON.stringify({ ...response({}), questionnaire: { id: "other" } }), /answers questionnaire 'other', not 't'/],
  ["an unknown question id", JSON.stringify(response({ zz: 3 })), /unknown question id 'zz'/],
  ["a near-miss question id", JSON.stringify(response({ aa: 3 })), /did you mean 'a'/],
  ["a value not on the scale", JSON.stringify(response({ a: 7 })), /7 is not on the scale of a/],
  ["a number in quotes", JSON.stringify(response({ a: "3" })), /expected a number from the scale or null/],
  ["a true/false answer", JSON.stringify(response({ a: true })), /expected a number from the scale or null/],
  ["no questionnaire", JSON.stringify({ format: "selfassess-response/1" }), /missing required key 'questionnaire'/],
];

for (const [what, text, reason] of REFUSALS) {
  test(`validateResponse refuses ${what}`, () => {
    const result = S.validateResponse(BANK, text);
    assert.equal(result.ok, false);
    assert.equal(result.response, null);
    assert.match(result.problems.map((p) => p.message).join("\n"), reason);
  });
}

test("validateResponse warns, but accepts, another version and stray comments", () => {
  const r = response({ a: 3 });
  r.questionnaire.version = "0.9";
  r.comments = { a: "fine", nowhere: "lost" };
  const result = S.validateResponse(BANK, r);
  assert.equal(result.ok, true);
  assert.deepEqual(plain(result.response.comments), { a: "fine" });
  assert.equal(result.warnings.length, 2);
});

// ---------------------------------------------------------------- question types and ask_if

const TYPED = {
  id: "t", version: "1", min_answered: 0.5, divergence_threshold: 25, consensus: 25,
  levels: BANK.levels, scale: LIKERT,
  background: [
    { id: "seniority", type: "choice", breakdown: true, options: [{ id: "board", label: "Board" }, { id: "staff", label: "Staff" }] },
    { id: "services", type: "multi", options: [{ id: "care", label: "Care" }, { id: "toString", label: "To string" }] },
    { id: "about", type: "text" }],
  principles: [
    { id: "p1", title: "P1", weight: 1, questions: [
      { id: "a", weight: 1, reverse: false },
      { id: "b", weight: 1, reverse: false, ask_if: { question: "seniority", any_of: ["board"] } },
      { id: "who", type: "multi", options: [{ id: "us", label: "Us" }, { id: "constructor", label: "Them" }] },
      { id: "note", type: "text" }] },
    { id: "p2", title: "P2", weight: 3, questions: [
      { id: "c", weight: 1, reverse: false, ask_if: { question: "services", any_of: ["toString"] } },
      { id: "d", weight: 1, reverse: false, ask_if: { question: "c", any_of: [4, 5] } }] },
  ],
};

function typed(background, answers, organisation) {
  return { format: "selfassess-response/2", questionnaire: { id: "t", version: "1" },
    respondent: { organisation: organisation || "Org" }, background, answers };
}

test("a question is asked when its condition holds, and only then", () => {
  const asked = S.questionsAsked(TYPED, typed({ seniority: "board", services: ["toString"] }, { c: 4 }));
  assert.deepEqual(Array.from(asked.keys()), ["seniority", "services", "about", "a", "b", "who", "note", "c", "d"]);
  assert.equal(asked.get("c"), 4);
  assert.equal(asked.get("a"), null);
  const staff = S.questionsAsked(TYPED, typed({ seniority: "staff", services: [] }, { c: 5, d: 5 }));
  assert.equal(staff.has("b"), false);
  assert.equal(staff.has("c"), false, "an empty multi holds for nothing");
  assert.equal(staff.has("d"), false, "an answer to a question not asked opens nothing");
});

test("a principle with no scale question asked is not applicable and leaves the overall", () => {
  const r = S.scoreRespondent(TYPED, typed({ seniority: "staff" }, { a: 5, b: 1, note: "words", who: ["us"] }), "x");
  assert.deepEqual(plain(r.principles), { p1: 100, p2: null });
  assert.equal(r.overall, 100);
  assert.equal(r.answered, 1);
  assert.equal(r.total, 1);
  assert.deepEqual(Array.from(r.notApplicable), ["p2"]);
  assert.equal(JSON.stringify(r).includes("notApplicable"), false, "the JSON is score --format json's");
});

test("a respondent's background holds the asked, answered background answers as given", () => {
  const r = S.scoreRespondent(TYPED, typed({ about: " kept as given ", services: [], seniority: null }, {}), "x");
  assert.deepEqual(plain(r.background), { about: " kept as given " });
  assert.deepEqual(plain(S.scoreRespondent(TYPED, typed({ about: "  " }, {}), "x").background), {});
});

test("breakdown groups average organisations, and list options nobody chose", () => {
  const result = S.scoreAll(TYPED, [
    { source: "1", response: typed({ seniority: "board" }, { a: 5, b: 5 }, "A") },
    { source: "2", response: typed({ seniority: "board" }, { a: 1, b: 1 }, "A") },
    { source: "3", response: typed({ seniority: "board" }, { a: 3, b: 3 }, "B") },
    { source: "4", response: typed({}, { a: 1 }, "B") }]);
  const board = result.partnership.breakdowns.seniority.board;
  assert.deepEqual(plain(board), { n_respondents: 3, n_organisations: 2, overall: 50, level: "mid",
    principles: { p1: 50, p2: null } });
  assert.deepEqual(plain(result.partnership.breakdowns.seniority.staff), { n_respondents: 0, n_organisations: 0,
    overall: null, level: null, principles: { p1: null, p2: null } });
  assert.deepEqual(Object.keys(result.partnership), ["n_respondents", "n_organisations", "overall", "level",
    "weakest_principle", "principles", "groups", "breakdowns", "choices"]);
});

test("choices count the respondents who picked each option, hostile ids included", () => {
  const result = S.scoreAll(TYPED, [
    { source: "1", response: typed({}, { who: ["constructor", "us"] }) },
    { source: "2", response: typed({}, { who: ["constructor"] }) },
    { source: "3", response: typed({}, { who: [] }) }]);
  assert.deepEqual(plain(result.partnership.choices), { who: { us: 1, constructor: 2 } });
});

const TYPED_REFUSALS = [
  ["an unknown option", { background: { seniority: "boar" } }, "background.seniority", /'boar' is not an option of seniority; did you mean 'board'\?/],
  ["an option far from any", { background: { seniority: "chair" } }, "background.seniority", /'chair' is not an option of seniority \(options: board, staff\)/],
  ["an option ticked twice", { answers: { who: ["us", "us"] } }, "answers.who", /'us' is ticked twice in who/],
  ["a multi given as text", { answers: { who: "us" } }, "answers.who", /expected a list of option ids of who, found text 'us'/],
  ["a choice given a number", { background: { seniority: 1 } }, "background.seniority", /expected one option id of seniority or null, found a number/],
  ["text given a list", { background: { about: ["x"] } }, "background.about", /expected text or null, found a list/],
  ["a background answer under answers", { answers: { seniority: "board" } }, "answers.seniority", /is a background question: its answer belongs under background/],
  ["background answers in a format 1 file", { format: "selfassess-response/1", background: { seniority: "board" } }, "background", /has no background answers/],
];

for (const [what, changes, path, reason] of TYPED_REFUSALS) {
  test(`validateResponse refuses ${what}, at its path`, () => {
    const result = S.validateResponse(TYPED, { ...typed({}, {}), ...changes });
    assert.equal(result.ok, false);
    assert.deepEqual(plain(result.problems.map((p) => p.path)), [path]);
    assert.match(result.problems[0].message, reason);
  });
}

test("validateResponse keeps format 2's background and reads format 1 still", () => {
  const two = S.validateResponse(TYPED, typed({ seniority: "board", services: ["care"] }, { who: [], note: "x" }));
  assert.equal(two.ok, true);
  assert.deepEqual(plain(two.response.background), { seniority: "board", services: ["care"] });
  const one = S.validateResponse(TYPED, { ...response({ a: 3 }), questionnaire: { id: "t", version: "1" } });
  assert.equal(one.ok, true);
  assert.deepEqual(plain(one.response.background), {});
});

// ---------------------------------------------------------------- shared vectors and Python parity

const TOLERANCE = 1e-9;

function assertClose(actual, expected, where) {
  if (typeof expected === "number" && typeof actual === "number") {
    assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${where}: ${actual} != ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${where}: expected an object, found ${JSON.stringify(actual)}`);
    // The same keys in the same order, as tests/test_vectors.py asks of the Python.
    assert.deepEqual(Object.keys(actual), Object.keys(expected), `${where}: keys`);
    for (const key of Object.keys(expected)) assertClose(actual[key], expected[key], `${where}.${key}`);
  } else {
    assert.equal(actual, expected, where);
  }
}

const casesFile = process.env.SELFASSESS_SCORING_CASES;
const cases = casesFile ? JSON.parse(fs.readFileSync(casesFile, "utf8")) : [];

test("scoreAll reproduces every shared vector and Python's own scores", { skip: casesFile ? false :
  "no SELFASSESS_SCORING_CASES: run through `pytest tests/test_scoring_js.py`, which converts the YAML vectors" }, async (t) => {
  assert.ok(cases.length > 0, "the cases file holds no cases");
  for (const c of cases) {
    // Through JSON, as `c.expected` came: a parsed object lists "0", "1" ... first whatever the
    // text said, so the order of such keys is checked on the Python side
    // (test_scoring_js.py: test_the_twin_writes_every_key_in_pythons_order).
    await t.test(c.name, () => assertClose(plain(S.scoreAll(c.bank, c.responses)), c.expected, c.name));
  }
});
