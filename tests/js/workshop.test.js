// Unit tests for src/selfassess/web/workshop.js (the partnership page's workshop files): every
// fixture of tests/vectors/workshop/ read as inputs/workshop.py reads it (the same first line
// for a refused file, the same warnings for an accepted one), the file's exact shape, and the
// page's draft <-> record rules. Run by `node --test tests/js/` (tests/test_scoring_js.py) and
// by tests/test_workshop_js.py. The bank and the words come from Python (the page's own data).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { execFileSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..", "..");
const JS = path.join(ROOT, "src", "selfassess", "web");
const VECTORS = path.join(ROOT, "tests", "vectors", "workshop");
const SCRIPTS = ["display.js", "scoring.js", "answer-file.js", "python-text.js", "csv.js", "responses.js", "workshop.js"];

/** The vectors' bank as the page carries it, and the page's English messages, from Python. */
function pageData() {
  const python = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python");
  const code = "import json, sys; from pathlib import Path\n" +
    "from selfassess.inputs.banks import load_questionnaire\n" +
    "from selfassess.pages.page_shell import page_palette_data\n" +
    "from selfassess.pages.page_messages import page_messages\n" +
    "from selfassess.pages.answer_file_messages import READING_MESSAGES\n" +
    "from selfassess.pages.workshop_messages import WORKSHOP_MESSAGES\n" +
    "bank = load_questionnaire(Path(sys.argv[1]))\n" +
    "print(json.dumps({'bank': page_palette_data(bank), 'messages': page_messages({**READING_MESSAGES, **WORKSHOP_MESSAGES}, 'en')}))";
  return JSON.parse(execFileSync(python, ["-c", code, path.join(VECTORS, "valid", "bank.yaml")], { encoding: "utf8" }));
}

const data = pageData();
const BANK = data.bank;
const page = { textContent: JSON.stringify(data.messages) };
const context = vm.createContext({ TextDecoder, document: { getElementById: () => page } });
for (const name of ["messages.js"].concat(SCRIPTS)) {
  vm.runInContext(fs.readFileSync(path.join(JS, name), "utf8"), context, { filename: name });
}
const W = context.SelfassessWorkshop;
const plain = (value) => JSON.parse(JSON.stringify(value));
const bytesOf = (file) => new Uint8Array(fs.readFileSync(file));
const readFixture = (folder, name) => {
  const bytes = bytesOf(path.join(VECTORS, folder, name));
  return W.readBytes(bytes, bytes.length, BANK, name);
};

const invalid = JSON.parse(fs.readFileSync(path.join(VECTORS, "invalid", "expected.json"), "utf8"));
const valid = JSON.parse(fs.readFileSync(path.join(VECTORS, "valid", "warnings.json"), "utf8"));

for (const [name, line] of Object.entries(invalid)) {
  test("a refused fixture gives the Python reader's first line: " + name, () => {
    const result = readFixture("invalid", name);
    assert.equal(result.record, undefined);
    assert.equal(result.error, line);
  });
}

for (const [name, warnings] of Object.entries(valid)) {
  test("an accepted fixture reads with the Python reader's warnings and writes back the same: " + name, () => {
    const result = readFixture("valid", name);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(plain(result.warnings), warnings);
    const written = W.write(result.record);
    const again = W.read(written, BANK, name);
    assert.equal(again.error, undefined, again.error);
    assert.equal(W.write(again.record), written, "writing is stable");
    // What was given is kept as given; only the defaults of left-out keys are added.
    const doc = JSON.parse(written);
    assert.deepEqual(doc.principles.map((p) => p.id), plain(result.record.principles.map((p) => p.id)));
    assert.deepEqual(doc.organisations, plain(result.record.organisations || []));
  });
}

test("every fixture is covered: each file in invalid/ and valid/ has its expected line or warnings", () => {
  const names = (folder) => fs.readdirSync(path.join(VECTORS, folder)).filter((n) => /^\d.*\.json$/.test(n)).sort();
  assert.deepEqual(names("invalid"), Object.keys(invalid).sort());
  assert.deepEqual(names("valid"), Object.keys(valid).sort());
});

test("the file is written with the format's keys in order, two-space JSON and a final new line", () => {
  const record = { principles: [{ actions: [{ update: "u", status: "done", due: null, owner: { role: "R" }, text: "T", id: "A1" }],
    note: "n", agreed_level: null, id: "shared-measures" }], organisations: ["O"], round: { date: "2026-11-25", label: "L" },
    questionnaire: { version: "2.0", id: BANK.id }, format: W.FORMAT };
  const text = W.write(record);
  assert.ok(text.endsWith("}\n"));
  assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "questionnaire", "round", "organisations", "principles"]);
  assert.deepEqual(Object.keys(JSON.parse(text).principles[0]), ["id", "agreed_level", "note", "actions"]);
  assert.deepEqual(Object.keys(JSON.parse(text).principles[0].actions[0]), ["id", "text", "owner", "due", "status", "update"]);
  assert.ok(text.includes('\n  "round": {\n    "label": "L",\n'));
});

test("a draft becomes a record in bank order with only the principles something was recorded for", () => {
  const draft = W.emptyDraft("2026-11-25");
  draft.round.label = "November";
  W.entry(draft, "governance").agreed = "defined";
  W.entry(draft, "shared-measures").note = "A note";
  W.entry(draft, "shared-measures").agreed = "";
  const record = W.record(BANK, draft);
  assert.deepEqual(plain(record.principles.map((p) => [p.id, p.agreed_level, p.note])),
    [["shared-measures", null, "A note"], ["governance", "defined", ""]]);
  assert.deepEqual(plain(W.check(record, BANK)), []);
  assert.equal(W.fileName(BANK, record), "workshop-" + BANK.id + "-2026-11-25.json");
});

test("a principle only opened, with nothing recorded, is not written", () => {
  const draft = W.emptyDraft("2026-11-25");
  draft.round.label = "R";
  W.entry(draft, "governance");
  assert.deepEqual(plain(W.record(BANK, draft).principles), []);
});

test("the page's record of a blank action is refused where a person can fix it", () => {
  const draft = W.emptyDraft("");
  draft.round.label = " ";
  const action = W.blankAction(W.nextActionId(draft));
  W.entry(draft, "governance").actions.push(action);
  const record = W.record(BANK, draft);
  const problems = plain(W.check(record, BANK));
  assert.deepEqual(problems.map((p) => W.place(p.loc)),
    ["round.label", "round.date", "principles[0].actions[0].text", "principles[0].actions[0].owner"]);
  assert.deepEqual(plain(W.fieldOf(record, problems[2].loc)), { principle: "governance", action: "A1", field: "text" });
  assert.deepEqual(plain(W.fieldOf(record, problems[3].loc)), { principle: "governance", action: "A1", field: "organisation" });
  assert.deepEqual(plain(W.fieldOf(record, problems[0].loc)), { principle: null, action: null, field: "label" });
});

test("action ids are the first free A<n> across the whole record", () => {
  const draft = W.emptyDraft("");
  W.entry(draft, "governance").actions.push(W.blankAction("A1"), W.blankAction("A3"));
  W.entry(draft, "shared-measures").actions.push(W.blankAction("A2"));
  assert.equal(W.nextActionId(draft), "A4");
});

test("the full fixture, written as the page writes files, is written back byte for byte", () => {
  const text = fs.readFileSync(path.join(VECTORS, "valid", "02-full.json"), "utf8");
  assert.equal(W.write(W.read(text, BANK, "02-full.json").record), text);
});

test("a loaded record becomes a draft that gives the same record back", () => {
  const result = readFixture("valid", "02-full.json");
  const draft = W.draftOf(BANK, result.record);
  assert.equal(W.write(W.record(BANK, draft)), W.write(result.record));
});

test("a saved draft keeps only values of the right kind: hostile ids and values are dropped", () => {
  const saved = JSON.parse('{"round": {"label": 5, "date": "2026-01-01"}, "organisations": ["A", 3, {"x": 1}],' +
    '"principles": {"__proto__": {"agreed": "x"}, "context": {"note": "n"}, "governance": {"agreed": "leading",' +
    '"note": ["n"], "actions": [{"id": "A1", "text": "t", "status": "later"}, {"id": "A1"}, "x", {"id": 7}]}}}');
  const draft = W.restore(BANK, saved, "2026-11-30");
  assert.deepEqual(plain(draft.round), { label: "", date: "2026-01-01" });
  assert.deepEqual(plain(draft.organisations), ["A"]);
  assert.deepEqual(Object.keys(draft.principles), ["governance"]);
  const g = plain(draft.principles.governance);
  assert.equal(g.agreed, "", "'leading' is not one of Governance's own levels");
  assert.equal(g.note, "");
  assert.deepEqual(g.actions, [{ id: "A1", text: "t", organisation: "", role: "", due: "", status: "planned", update: "" }]);
  assert.equal(Object.getPrototypeOf(draft.principles), null);
  assert.deepEqual(plain(W.restore(BANK, "nonsense", "2026-11-30")), plain(W.emptyDraft("2026-11-30")));
});

test("a file over 1 MB is refused on its size, unread", () => {
  assert.equal(W.readBytes(null, 2500000, BANK, "big.json").error, "big.json: is 3 MB; a workshop file may be at most 1 MB");
});

test("binary, UTF-16, empty and non-UTF-8 files are refused as the command line refuses them", () => {
  const at = (bytes) => W.readBytes(new Uint8Array(bytes), bytes.length, BANK, "w.json").error;
  assert.equal(at([0x7b, 0, 0x7d]), "w.json: is a binary file, not a workshop file");
  assert.equal(at([0xff, 0xfe, 0x7b, 0]), "w.json: is UTF-16 text, not UTF-8; save it as UTF-8");
  assert.equal(at([0x20, 0x0a]), "w.json: is empty; expected a workshop file");
  assert.equal(at([0x7b, 0xff, 0x7d]), "w.json: is not UTF-8 text (bad byte at offset 1)");
});

test("a key given twice, NaN and deep nesting are refused by the answer files' guards", () => {
  const doc = '{"format": "selfassess-workshop/1", "format": "x"}';
  assert.equal(W.read(doc, BANK, "w.json").error, "w.json: refused: the key 'format' appears twice in one object");
  assert.equal(W.read('{"a": NaN}', BANK, "w.json").error, "w.json: not JSON; a workshop file is the JSON text the partnership page saves");
  assert.equal(W.read("[".repeat(150) + "]".repeat(150), BANK, "w.json").error, "w.json: refused: nested more than 100 levels deep");
});
