// How a bank says it is scored and shown (#16) in the page twin: the rules beyond what the shared
// vectors (tests/vectors/33-43, run by scoring.test.js) pin through scoreAll: the heat map's
// figures and colours, the "Lowest scores" ranking, and the order of an unscored principle's counts.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { loadScripts, plain, LIKERT } = require("./support.js");

const { SelfassessScoring: S, SelfassessHeatmap: H } = loadScripts(
  ["display.js", "scoring.js", "answer-file.js", "partnership-scoring.js", "heatmap.js"]);

const BANDS = [{ id: "concern", label: "Concern", min: 1 }, { id: "borderline", label: "Borderline", min: 3 },
  { id: "strength", label: "Strength", min: 4 }];
const OWN = [{ id: "low", label: "Low", min: 1 }, { id: "high", label: "High", min: 2 }];
const DOWN = [{ value: 2, label: "Often" }, { value: 1, label: "Sometimes" }, { value: 0, label: "Never" },
  { value: -1, label: "Less" }, { value: null, label: "Not sure" }];
const q = (id) => ({ id, weight: 1, reverse: false });

/** A Wilder-like bank: respondents count the same, figures on 1-5, groups, one principle with
    its own levels, one unscored, no overall and no weakest link; ids JavaScript's own names. */
const WILDER = {
  id: "w", version: "1", min_answered: 0.5, divergence_threshold: 1, consensus: 1, scale: LIKERT, levels: BANDS,
  scoring: { aggregate: "respondents", display: "scale", overall: false, weakest_link: false },
  groups: [{ id: "__proto__", title: "Environment" }, { id: "toString", title: "Process" }],
  principles: [
    { id: "history", title: "History", weight: 1, group: "__proto__", questions: [q("h1"), q("h2")] },
    { id: "climate", title: "Climate", weight: 1, group: "__proto__", levels: OWN, questions: [q("c1")] },
    { id: "roles", title: "Roles", weight: 1, group: "toString", questions: [q("o1")] },
    { id: "voice", title: "Voice", weight: 1, group: "toString", scored: false,
      questions: [q("v1"), { ...q("v2"), scale: DOWN }] },
  ],
};

const answer = (organisation, answers) => ({ source: organisation + ".json", response: {
  format: "selfassess-response/2", questionnaire: { id: "w", version: "1" }, respondent: { organisation },
  background: {}, answers } });

const RESPONSES = [
  answer("Big", { h1: 5, h2: 5, c1: 2, o1: 4, v1: 5, v2: -1 }),
  answer("Big", { h1: 5, h2: 4, c1: 2, o1: 4, v1: null, v2: 2 }),
  answer("Big", { h1: 4, h2: 4, c1: 2, o1: 1, v2: -1 }),
  answer("Small", { h1: 1, h2: 1, c1: 1, o1: 1, v1: 3 }),
];

test("a respondent's figures are written on the scale, and the 0-100 ones stay out of the JSON", () => {
  const r = S.scoreRespondent(WILDER, RESPONSES[0].response, "x");
  assert.deepEqual(plain(r.principles), { history: 5, climate: 2, roles: 4, voice: null });
  assert.deepEqual(plain(r.groups), { ["__proto__"]: { score: 3.5, level: "borderline" }, toString: { score: 4, level: "strength" } });
  assert.equal(Object.getPrototypeOf(r.groups), null, "group ids are only data");
  assert.equal(r.overall, null);
  assert.equal(r.raw.principles.history, 100);
  assert.equal(JSON.stringify(r).includes("raw"), false);
});

test("an unscored principle's counts list the scale's values in its own order, then null", () => {
  const result = S.scoreAll(WILDER, RESPONSES);
  const voice = result.partnership.principles.voice;
  assert.equal(voice.scored, false);
  assert.deepEqual(Object.keys(voice.answers.v2), ["2", "1", "0", "-1", "null"]);
  assert.equal(JSON.stringify(voice.answers.v2), '{"2":1,"1":0,"0":0,"-1":2,"null":1}');
  assert.deepEqual(plain(voice.answers.v1), { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1, null: 2 });
});

test("without a weakest link nothing is named weakest; the lowest scores rank scored principles", () => {
  const result = S.scoreAll(WILDER, RESPONSES);
  assert.equal(result.partnership.weakest_principle, null);
  assert.equal(result.partnership.principles.history.weakest_organisation, null);
  assert.equal(S.weakestPrinciple(WILDER, { history: 1, climate: 0 }), null);
  const scores = { history: 50, climate: 25, roles: 25, voice: null };
  assert.deepEqual(plain(S.rankedPrinciples(WILDER, scores)), ["climate", "roles", "history"]);
  assert.equal(S.weakestPrinciple({ ...WILDER, scoring: {} }, scores), "climate");
});

test("the heat map is in the displayed unit, its partnership row over respondents, coloured by the principle's levels", () => {
  const result = S.scoreAll(WILDER, RESPONSES);
  const map = H.heatMap(WILDER, result, RESPONSES, "history");
  assert.deepEqual(plain(map.rows.map((r) => r.name)), ["Big", "Small", "Partnership"]);
  // h1 over respondents: (5 + 5 + 4 + 1) / 4 = 3.75 (by organisations it would be (4.67 + 1) / 2).
  assert.deepEqual(plain(map.rows[2].cells.map((c) => [c.value, c.shown, c.level])),
    [[3.75, "3.8", "borderline"], [3.5, "3.5", "borderline"], [3.625, "3.6", "borderline"]]);
  assert.deepEqual(plain(map.levels), BANDS);
  const climate = H.heatMap(WILDER, result, RESPONSES, "climate");
  assert.deepEqual(plain(climate.rows.map((r) => r.cells[0].level)), ["high", "low", "low"]);
  assert.deepEqual(plain(climate.levels), OWN);
});

test("an unscored principle's heat map shows its figures without a level or a colour", () => {
  const map = H.heatMap(WILDER, S.scoreAll(WILDER, RESPONSES), RESPONSES, "voice");
  assert.equal(map.scored, false);
  assert.deepEqual(plain(map.levels), []);
  for (const row of map.rows) for (const cell of row.cells) assert.deepEqual([cell.level, cell.tone], [null, null]);
  assert.equal(map.rows[0].cells[0].shown, "5.0");
  assert.equal(map.rows[2].cells[2].shown, "\u2013", "no principle score");
});

test("a level is reached within 1e-9 in the displayed unit: 3.9999999999999996 is a strength", () => {
  assert.equal(S.levelOf(BANDS, 3.9999999999999996), "strength");
  assert.equal(S.levelOf(BANDS, 3.999999998), "borderline");
  assert.equal(S.principleLevel(WILDER, WILDER.principles[0], 74.99999999999999), "strength");
  assert.equal(S.principleLevel(WILDER, WILDER.principles[1], 25), "high", "its own levels: 2.0 is high");
  assert.equal(S.overallLevel(WILDER, 25), "concern", "the bank's levels: 2.0 is a concern");
});
