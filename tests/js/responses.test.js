// Unit tests for src/selfassess/web/responses.js (reading answer files in the partnership page)
// and web/heatmap.js. Run by `node --test tests/js/`; tests/test_responses_js.py also checks,
// case by case, that responses.js and load.py accept, refuse and word things identically.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { loadScripts, plain, LIKERT } = require("./support.js");

const { SelfassessScoring: S, SelfassessResponses: R, SelfassessHeatmap: H } = loadScripts(
  ["display.js", "scoring.js", "answer-file.js", "partnership-scoring.js", "python-text.js", "csv.js", "responses.js", "heatmap.js"], { TextDecoder });
const bytes = (text) => new Uint8Array(Buffer.from(text, "utf8"));

const BANK = {
  id: "t", version: "1", min_answered: 0.5, divergence_threshold: 25, consensus: 25,
  levels: [{ id: "low", label: "Low", min: 0 }, { id: "mid", label: "Mid", min: 40 }, { id: "high", label: "High", min: 80 }],
  principles: [
    { id: "p1", title: "P1", weight: 1, questions: [
      { id: "a", weight: 1, reverse: false, scale: LIKERT },
      { id: "b", weight: 1, reverse: true, scale: LIKERT }] },
    { id: "p2", title: "P2", weight: 1, questions: [{ id: "c", weight: 1, reverse: false, scale: LIKERT }] },
  ],
};

function json(answers, organisation, extra) {
  return JSON.stringify({ format: "selfassess-response/1", questionnaire: { id: "t", version: "1" },
    respondent: { organisation }, answers, ...extra });
}

function file(name, text) {
  const data = bytes(text);
  return { name, size: data.length, bytes: data };
}

test("the scripts touch no page: they load in a bare context and expose one object each", () => {
  assert.equal(typeof R.collect, "function");
  assert.equal(typeof R.combinedCsv, "function");
  assert.equal(typeof H.heatMap, "function");
});

test("CSV rows follow Python's csv module: quotes, doubled quotes, newlines in quotes, CR/LF", () => {
  assert.deepEqual(plain(R.csvRows('a,"b, c","say ""hi"""\r\n"two\nlines",x\n')),
    [["a", "b, c", 'say "hi"'], ["two\nlines", "x"]]);
  assert.deepEqual(plain(R.csvRows("a\rb\n\nc")), [["a"], ["b"], [], ["c"]]);
  assert.deepEqual(plain(R.csvRows('"ab"c,d"e')), [["abc", 'd"e']]);
  assert.deepEqual(plain(R.csvRows('x,"open')), [["x", "open"]]);
});

test("a CSV's delimiter is a semicolon only when its header has semicolons and no comma", () => {
  assert.equal(R.csvDelimiter("organisation;role;a\n1;2;3\n"), ";");
  assert.equal(R.csvDelimiter(";;;\r\n  \r\norganisation;a\r\n"), ";");
  assert.equal(R.csvDelimiter("organisation,a\nVale; North,3\n"), ",");
  assert.equal(R.csvDelimiter('"Trust; Council",a;b\n'), ",");
  assert.equal(R.csvDelimiter("a\n"), ",");
  assert.equal(R.csvDelimiter(""), ",");
  assert.deepEqual(plain(R.csvRows('a;"b;c";d\n', ";")), [["a", "b;c", "d"]]);
});

test("Excel's Windows-1252 CSV with semicolons is read, with a warning that says so", () => {
  // "Café;Zoë’s lead" in Windows-1252: é 0xe9, ë 0xeb, ’ 0x92.
  const data = new Uint8Array([...Buffer.from("organisation;role;a;c\r\nCaf"), 0xe9, ...Buffer.from(";Zo"), 0xeb, 0x92,
    ...Buffer.from("s lead;4;Mostly\r\n")]);
  const result = R.collect(BANK, [{ name: "excel.csv", size: data.length, bytes: data }]);
  assert.deepEqual(plain(result.responses.map((r) => [r.response.respondent, r.response.answers])),
    [[{ organisation: "Café", role: "Zoë’s lead", name: null }, { a: 4, c: 4 }]]);
  assert.deepEqual(plain(result.warnings), ["excel.csv: is not UTF-8 text (bad byte at offset 26), so it was read as " +
    "Windows-1252, as Excel's \"CSV (Comma delimited)\" saves it; check accented names, or save it as \"CSV UTF-8\" instead"]);
});

test("a CSV cell may hold a scale value or its label in any case; empty is unanswered", () => {
  const text = "organisation,a,b,c\nTrust,NOT YET,5.0,\n";
  const result = R.readCsv(BANK, text, "team.csv");
  assert.equal(result.ok, true);
  assert.deepEqual(plain(result.responses), [{ source: "team.csv#1", response: {
    format: S.FORMAT, questionnaire: { id: "t", version: "1" },
    respondent: { organisation: "Trust", role: null, name: null }, completed_at: null,
    background: {}, answers: { a: 1, b: 5, c: null }, comments: {} } }]);
});

test("a CSV with a cell off the scale is refused whole, naming row, column and the scale", () => {
  const result = R.readCsv(BANK, "a,b\n3,4\n9,often\n", "team.csv");
  assert.equal(result.ok, false);
  assert.deepEqual(plain(result.problems.map(R.problemText)), [
    "team.csv:3: row 2, column a: '9' is neither a value nor a label of the scale (1 Not yet, 2 Starting, 3 Partly, 4 Mostly, 5 Fully, Don't know (empty))",
    "team.csv:3: row 2, column b: 'often' is neither a value nor a label of the scale (1 Not yet, 2 Starting, 3 Partly, 4 Mostly, 5 Fully, Don't know (empty))",
  ]);
});

test("unknown CSV columns are named in one warning and ignored", () => {
  const result = R.readCsv(BANK, "Timestamp,a,Email\n2026,3,x@y\n", "s.csv");
  assert.equal(result.ok, true);
  assert.deepEqual(plain(result.warnings), ["s.csv: columns that match no question ignored: Timestamp, Email"]);
});

test("files are refused before parsing when too large, empty or binary", () => {
  const limits = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "size-limit.json"), "utf8"));
  for (const [size, message] of limits.cases) {
    const refused = R.sizeProblem("big.json", size);
    assert.equal(refused && R.problemText(refused), message, String(size));
  }
  const result = R.collect(BANK, [
    { name: "huge.json", size: 60e6, bytes: null },
    file("empty.json", " \n"),
    { name: "x.csv", size: 3, bytes: new Uint8Array([0x61, 0, 0x62]) },
    { name: "latin.json", size: 3, bytes: new Uint8Array([0x61, 0xe9, 0x62]) },
    { name: "unicode.csv", size: 4, bytes: new Uint8Array([0xff, 0xfe, 0x61, 0]) },
  ]);
  assert.deepEqual(plain(result.files.map((f) => f.problems.map(R.problemText))), [
    ["huge.json: is 60 MB; a response file may be at most 50 MB"],
    ["empty.json: is empty; expected a response file"],
    ["x.csv: is a binary file, not a response file"],
    ["latin.json: is not UTF-8 text (bad byte at offset 1)"],
    ['unicode.csv: is UTF-16 text, not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")'],
  ]);
  assert.deepEqual(plain(result.files.map((f) => f.status)), ["rejected", "rejected", "rejected", "rejected", "rejected"]);
});

test("a file with the same content as an earlier one is counted once and reported", () => {
  const text = json({ a: 5 }, "Trust");
  const result = R.collect(BANK, [file("a.json", text), file("copy of a.json", text), file("b.json", json({ a: 4 }, "Trust"))]);
  assert.equal(result.responses.length, 2);
  assert.deepEqual(plain(result.files.map((f) => f.status)), ["read", "duplicate", "read"]);
  assert.equal(result.files[1].sameAs, "a.json");
  assert.deepEqual(plain(result.warnings), ["copy of a.json: same content as a.json; counted once"]);
});

test("a file from another questionnaire is rejected by name; version mismatches only warn", () => {
  const other = JSON.stringify({ format: "selfassess-response/1", questionnaire: { id: "pulse" }, answers: {} });
  const result = R.collect(BANK, [file("other.json", other), file("old.json", json({}, "X", { questionnaire: { id: "t", version: "0" } }))]);
  assert.deepEqual(plain(result.files[0].problems.map(R.problemText)),
    ["other.json: answers questionnaire 'pulse', not 't' (at questionnaire.id)"]);
  assert.equal(result.files[1].status, "read");
  assert.deepEqual(plain(result.warnings), ["old.json: answers version 0 of t; scoring it with version 1"]);
});

test("one respondent answering twice is warned about by file, name left out, and counted twice", () => {
  const who = (name, role) => ({ respondent: { organisation: "Vale", role, name } });
  const result = R.collect(BANK, [
    file("may.json", json({ a: 1 }, "Vale", who("Ann", "Chair"))),
    file("nov.json", json({ a: 5 }, "Vale", who(" Ann ", "Chair"))),
    file("other.json", json({ a: 3 }, "Vale", who("Ann", "Lead"))),
    file("nameless.csv", "organisation,role,a\nVale,Chair,2\nVale,Chair,4\n"),
  ]);
  assert.equal(result.responses.length, 5);
  assert.deepEqual(plain(result.warnings), ["may.json, nov.json: the same respondent (Vale, Chair, the same name) answers " +
    "2 times, and every answer is counted; if one is from an earlier round, give that round with `selfassess report --baseline`"]);
});

test("the combined CSV has one row per respondent and reads back to the same answers", () => {
  const collected = R.collect(BANK, [
    file("a.json", json({ a: 5, b: 1, c: null }, "=Trust")),
    file("team.csv", 'organisation,role,name,a,c\n"Vale, Council",Chair, Ann ,2,Fully\n'),
  ]);
  const result = S.scoreAll(BANK, collected.responses);
  const text = R.combinedCsv(BANK, collected.responses, result);
  assert.ok(text.startsWith("\ufeff"), "a BOM, so spreadsheets read it as UTF-8");
  const rows = R.csvRows(text.slice(1));
  assert.deepEqual(plain(rows[0]), ["organisation", "role", "name", "a", "b", "c", "score p1", "score p2",
    "score overall", "overall level", "questions answered", "questions total", "source file"]);
  assert.deepEqual(plain(rows[1]), ["'=Trust", "", "", "5", "1", "", "100", "", "", "", "2", "3", "a.json"]);
  assert.deepEqual(plain(rows[2]), ["Vale, Council", "Chair", "Ann", "2", "", "5", "25", "100", "62.5", "mid", "2", "3", "team.csv#1"]);
  const back = R.readCsv(BANK, text.slice(1), "combined.csv");
  assert.equal(back.ok, true);
  assert.deepEqual(plain(back.responses.map((r) => r.response.answers)),
    [{ a: 5, b: 1, c: null }, { a: 2, b: null, c: 5 }]);
});

const TYPED = {
  id: "typed", version: "2", scale: LIKERT, min_answered: 0.5, divergence_threshold: 25, consensus: 25,
  levels: BANK.levels,
  background: [
    { id: "sector", type: "choice", breakdown: true, options: [{ id: "nhs", label: "NHS trust" }, { id: "constructor", label: "Other" }] },
    { id: "services", type: "multi", options: [{ id: "housing", label: "Housing" }, { id: "care", label: "Social care" }] },
  ],
  principles: [{ id: "p1", title: "P1", weight: 1, questions: [
    { id: "a", weight: 1, reverse: false, scale: LIKERT },
    { id: "open", type: "text" },
    { id: "who", type: "multi", options: [{ id: "board", label: "The board" }, { id: "staff", label: "Staff" }] }] }],
};

test("a CSV reads choice, multi and text columns: ids or labels in any case, `;` lists, text as is", () => {
  const text = "organisation,sector,services,a,open,who\nVale,nhs TRUST,CARE; housing;care,3,\" as is \",board;\n" +
    "Upton,constructor,,1,  ,\n";
  const result = R.readCsv(TYPED, text, "typed.csv");
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.deepEqual(plain(result.responses.map((r) => [r.response.background, r.response.answers])), [
    [{ sector: "nhs", services: ["care", "housing"] }, { a: 3, open: " as is ", who: ["board"] }],
    [{ sector: "constructor", services: null }, { a: 1, open: null, who: null }],
  ]);
});

test("a CSV cell naming no option is refused at its row, listing the options", () => {
  const result = R.readCsv(TYPED, "sector,who\nnhs,board; chair\n", "typed.csv");
  assert.deepEqual(plain(result.problems.map(R.problemText)), [
    "typed.csv:2: row 1, column who: 'chair' is neither an id nor a label of the options of who (board The board, staff Staff)"]);
});

test("the combined CSV carries background and typed answers, and reads back to the same", () => {
  const responses = R.readCsv(TYPED, "organisation,sector,services,a,open,who\nVale,nhs,care;housing,3,=sum; x,staff\n",
    "t.csv").responses;
  const result = { respondents: [{ organisation: "Vale", role: null, principles: { p1: 50 }, overall: 50, level: "mid",
    answered: 1, total: 1, source: "t.csv#1" }] };
  const text = R.combinedCsv(TYPED, responses, result);
  const rows = R.csvRows(text.slice(1));
  assert.deepEqual(plain(rows[0].slice(0, 9)), ["organisation", "role", "name", "sector", "services", "a", "open", "who", "score p1"]);
  assert.deepEqual(plain(rows[1].slice(3, 8)), ["nhs", "care;housing", "3", "'=sum; x", "staff"]);
  const back = R.readCsv(TYPED, text.slice(1), "combined.csv");
  assert.deepEqual(plain(back.responses.map((r) => [r.response.background, r.response.answers])),
    [[{ sector: "nhs", services: ["care", "housing"] }, { a: 3, open: "'=sum; x", who: ["staff"] }]]);
});

test("text that a spreadsheet would run as a formula is kept as text, by the shared rule", () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "spreadsheet-text.json"), "utf8"));
  for (const [text, written] of vectors.cases) assert.equal(R.textCell(text), written, JSON.stringify(text));
});

test("CSV fields are quoted by the shared rule: a semicolon or a tab too, not only a comma", () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "vectors", "spreadsheet-text.json"), "utf8"));
  for (const [text, written] of vectors.quoting) assert.equal(R.csvCell(text), written, JSON.stringify(text));
});

test("the heat map averages each organisation's answers per question; the partnership weighs organisations equally", () => {
  const collected = R.collect(BANK, [
    file("1.json", json({ a: 5, b: 1 }, "Big")),
    file("2.json", json({ a: 3, b: null }, "Big")),
    file("3.json", json({ a: 1 }, "Small")),
  ]);
  const result = S.scoreAll(BANK, collected.responses);
  const map = H.heatMap(BANK, result, collected.responses, "p1");
  // The scorecard's orientation: a row per organisation, then the partnership's.
  assert.deepEqual(plain(map.rows.map((r) => [r.name, r.n, r.partnership])),
    [["Big", 2, false], ["Small", 1, false], ["Partnership", null, true]]);
  const values = plain(map.rows.map((r) => r.cells.map((c) => c.value)));
  assert.deepEqual(values.map((v) => v.slice(0, 2)), [[75, 100], [0, null], [37.5, 100]]);
  assert.deepEqual(plain(map.rows.map((r) => r.cells.map((c) => c.shown).slice(0, 2))), [["75", "100"], ["0", "–"], ["38", "100"]]);
  assert.deepEqual(values.map((v) => v[2]),
    [result.organisations.Big.principles.p1, result.organisations.Small.principles.p1, result.partnership.principles.p1.score]);
  assert.deepEqual(plain(map.rows.map((r) => r.cells[0].level)), ["mid", "low", "low"]);
  assert.deepEqual(plain(map.questions), [{ id: "a", reverse: false }, { id: "b", reverse: true }]);
});

test("a heat-map cell's tone is its level's index, which the palette colours", () => {
  assert.deepEqual(plain(H.legend(BANK.levels).map((l) => l.tone)), [0, 1, 2]);
  assert.deepEqual(plain(BANK.levels.map((l) => H.cell(BANK.levels, l.min).tone)), [0, 1, 2]);
  assert.deepEqual(plain(H.cell(BANK.levels, null)), { value: null, shown: "–", level: null, tone: null });
});
