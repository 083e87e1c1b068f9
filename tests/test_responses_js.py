"""responses.js reads answer files as inputs/ does: same responses, same refusals, same words.

The partnership page reads files with responses.js; `selfassess score` with inputs/responses.py. Each case
here is fed to both (Python: load_responses with skip_invalid; node: SelfassessResponses.collect)
and the responses, every skipped-file problem and every warning must come out identical.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_support import node_env, require_node

from selfassess.inputs.banks import load_questionnaire
from selfassess.inputs.responses import load_responses
from selfassess.pages.bank_view import bank_scoring_data
from selfassess.pages.page_shell import page_bank_data

ROOT = Path(__file__).parent.parent
JS = ROOT / "src" / "selfassess" / "web"
VECTORS = ROOT / "tests" / "vectors"

# Loads messages.js (the catalogue's words, handed over as the page's JSON would be), scoring.js and
# the file readers (python-text.js, csv.js, responses.js) as the page does, then answers each case on stdout.
DRIVER = """
const fs = require("node:fs"), vm = require("node:vm");
const page = { textContent: fs.readFileSync(process.env.SELFASSESS_MESSAGES, "utf8") };
const context = vm.createContext({ TextDecoder, document: { getElementById: () => page } });
for (const name of ["messages.js", "display.js", "scoring.js", "answer-file.js", "python-text.js", "csv.js", "responses.js"]) {
  vm.runInContext(fs.readFileSync(process.env.JS_DIR + "/" + name, "utf8"), context, { filename: name });
}
const R = context.SelfassessResponses;
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map((c) => {
  const files = c.files.map((f) => {
    const bytes = new Uint8Array(Buffer.from(f.data, "base64"));
    return { name: f.name, size: bytes.length, bytes };
  });
  const result = R.collect(c.bank, files);
  return {
    responses: result.responses.map((r) => ({ source: r.source, respondent: r.response.respondent,
      background: r.response.background || {}, answers: r.response.answers })),
    problems: result.files.flatMap((f) => f.problems.map(R.problemText)),
    warnings: result.warnings,
  };
});
process.stdout.write(JSON.stringify(out));
"""

CSV_BANK = VECTORS / "13-csv-labels" / "bank.yaml"
SCALES_BANK = VECTORS / "03-per-question-scales" / "bank.yaml"
HOSTILE_BANK = VECTORS / "22-hostile-names" / "bank.yaml"
CASEFOLD_BANK = ROOT / "tests" / "data" / "casefold-bank.yaml"
HEADER = "organisation,role,name,c1,c2,c3,m1,m2\n"


def good_json(bank: str = "vec-csv", **changes: Any) -> bytes:
    data: dict[str, Any] = {
        "format": "selfassess-response/1",
        "questionnaire": {"id": bank, "version": "1.0"},
        "respondent": {"organisation": "Upton Trust", "role": "Lead"},
        "answers": {"c1": 4, "c2": None, "m1": 2},
    }
    data.update(changes)
    return json.dumps(data).encode()


# (case name, bank, [(file name, bytes)])
CASES: list[tuple[str, Path, list[tuple[str, bytes]]]] = [
    ("the vector's CSV of labels", CSV_BANK, [("team.csv", (CSV_BANK.parent / "responses" / "team.csv").read_bytes())]),
    ("a big CSV of one organisation", VECTORS / "07-org-weighting" / "bank.yaml",
     [("big.csv", (VECTORS / "07-org-weighting" / "responses" / "big.csv").read_bytes())]),
    ("CRLF, a BOM, quoted newlines and commas", CSV_BANK,
     [("crlf.csv", b'\xef\xbb\xbf' + HEADER.replace("\n", "\r\n").encode()
       + b'"Vale, North","Chief\r\nOfficer",,1,2,4,4,5\r\n"Q ""Trust""",,Ann,  Fully ,partly,,,\r\n')]),
    ("blank rows, short rows and spreadsheet padding", CSV_BANK,
     [("padded.csv", (",,,,\n" + HEADER + ",,,,,,,\nA,,,1,2\n\n  ,  ,\nB,,,5\n").encode())]),
    ("columns that match no question", CSV_BANK,
     [("extra.csv", b"organisation,Timestamp,c1,notes,,c2\nA,2026,3,hello,,4\n")]),
    ("a lone carriage return ends a line; an open quote runs to the end", CSV_BANK,
     [("cr.csv", b'organisation,c1\rA,3\rB,"4')]),
    ("cells that are not on the scale", CSV_BANK,
     [("bad.csv", HEADER.encode() + b"A,,,7,Sometimes,don't,3.0,1e0\nB,,,\"it's \"\"odd\"\"\",nan,inf,1_0,0x1\n")]),
    ("numbers written as Python's float() reads them", SCALES_BANK,
     [("numbers.csv", b"organisation,c2,c3,m1,m2\nA,+10,3.,2.5e0, -2 \nB,1_0,.3e1,4.000,+0\nC,1e1,0003,25e-1,-0\n")]),
    ("a header that names no question", CSV_BANK, [("other.csv", b"organisation,x1,x2\nA,1,2\n")]),
    ("a question column twice", CSV_BANK, [("twice.csv", b"c2,c1,organisation,c2,c1\n1,2,A,3,4\n")]),
    ("a header and no respondents", CSV_BANK, [("header.csv", HEADER.encode() + b",,,\n")]),
    ("empty, blank and binary files", CSV_BANK,
     [("empty.csv", b""), ("blank.json", b" \n\t\r\n"), ("binary.csv", b"c1\x00\x01"), ("nothing.csv", b",,\n,\n")]),
    ("UTF-16 text, as Excel's Unicode Text saves it, with either byte order", CSV_BANK,
     [("utf16.csv", "organisation,c1\r\nSt Äbbe,3\r\n".encode("utf-16")),
      ("utf16be.json", b"\xfe\xff" + good_json().decode().encode("utf-16-be")),
      ("bom-only.csv", b"\xff\xfe")]),
    ("text that is not UTF-8", CSV_BANK,
     [("latin1.csv", "organisation,c1\nSt Äbbe,3\n".encode("latin-1")),
      ("bom-then-bad.json", b"\xef\xbb\xbf{\"a\": \"\xe2\x82\"}"),
      ("truncated.csv", b"organisation,c1\nA\xf0\x9f\x98")]),
    ("UK Excel's CSV (Comma delimited): Windows-1252, bytes cp1252 leaves undefined too", CSV_BANK,
     [("excel.csv", "organisation,role,name,c1,c2\r\nSt Äbbe’s Trust,Café lead – North,Zoë,3,Partly\r\n"
       .encode("cp1252") + b"Vale,Odd \x81\x8d\x8f\x90\x9d bytes,,4,\r\n")]),
    ("European Excel's semicolons, with a Windows-1252 name and a quoted semicolon", CSV_BANK,
     [("semicolons.csv", "organisation;role;name;c1;c2;m1\r\nNordstadt Gemeinde;\"Leitung; Pflege\";Jürgen;4;Mostly;1\r\n"
       .encode("cp1252")),
      ("utf8-semicolons.csv", "\ufefforganisation;c1;c2\n;;\nA;5;\n".encode())]),
    ("a comma header keeps its commas, whatever the rows hold", CSV_BANK,
     [("commas.csv", b"organisation,c1\nVale; North,3\n")]),
    ("labels in any case, folded as str.casefold() folds them: ẞ is ss, ı is not i", CASEFOLD_BANK,
     [("folded.csv", "q1,q2,q3,q4,q5\nSTRAẞE,KıSMEN,σοφοσ,OFFICE,WEISS NICHT\nstrasse,kısmen,σοφος,oﬃce,weiß nicht\n".encode()),
      ("dotted.csv", b"q2\nKISMEN\n")]),
    ("fullwidth, Arabic-Indic and other decimal digits", CSV_BANK,
     [("digits.csv", "organisation,c1,c2,c3,m1,m2\nA,３,٣,٤,۴,१\nB,𝟓,１.０,０,５e０,２_\n".encode()),
      ("off-scale.csv", "organisation,c1,c2\nC,１０,١_٠\n".encode())]),
    ("one respondent in two files and twice in a CSV; no name, no comparison", CSV_BANK,
     [("may.json", good_json(respondent={"organisation": " Upton Trust", "role": "Lead", "name": "Ann Lee"})),
      ("nov.json", good_json(respondent={"organisation": "Upton Trust", "role": "Lead ", "name": " Ann Lee"},
                             answers={"c1": 5})),
      ("team.csv", HEADER.encode() + b"Vale,,Bo,1\nVale,,Bo,2\nVale,,,3\nVale,,,4\nVale,Chair,Bo,5\n"),
      ("other.json", good_json(respondent={"organisation": "Upton Trust", "role": "Lead", "name": "ann lee"},
                               answers={"c1": 1}))]),
    ("a file from another questionnaire", CSV_BANK,
     [("pulse.json", good_json("collaboration-pulse")), ("mine.json", good_json())]),
    ("an unknown question and a value off the scale", CSV_BANK,
     [("unknown.json", good_json(answers={"zz9": 3, "c1": 9, "m2": None}))]),
    ("not JSON at all", CSV_BANK, [("notes.json", b"Dear facilitator,\nhere are my answers")]),
    ("a file named neither .json nor .csv is read as JSON only when it is JSON", CSV_BANK,
     [("notes.txt", b"organisation,c1\nA,3\n"), ("README", b"# Answers\n"), ("latin.txt", b"\xe9t\xe9"),
      ("answers.txt", good_json()), ("twice.txt", good_json()[:-1] + b', "answers": {}}')]),
    ("a wrong format", CSV_BANK, [("other.json", good_json(format="other/2"))]),
    ("another version, stray comments", CSV_BANK,
     [("old.json", good_json(questionnaire={"id": "vec-csv", "version": "0.9"},
                             comments={"c1": "fine", "elsewhere": "lost"}))]),
    ("the same content twice, under any name", CSV_BANK,
     [("a.json", good_json()), ("b.json", good_json()), ("c.csv", HEADER.encode() + b"A,,,1\n"),
      ("d.csv", HEADER.encode() + b"A,,,1\n"), ("e.json", good_json() + b" ")]),
    ("JavaScript's own property names as organisations, ids and columns", HOSTILE_BANK,
     [("team.csv", (HOSTILE_BANK.parent / "responses" / "team.csv").read_bytes()),
      ("r01.json", (HOSTILE_BANK.parent / "responses" / "r01.json").read_bytes()),
      ("twice.csv", b"organisation,constructor,toString,constructor\n__proto__,1,2,3\n")]),
    ("a rejected file is still a duplicate's original", CSV_BANK,
     [("x.json", b"{oops"), ("y.json", b"{oops")]),
    ("JSON that parses but is refused: a key twice, numbers, nesting, lone surrogates", CSV_BANK,
     [("twice.json", good_json()[:-1] + b', "answers": {}}'),
      ("twice-inside.json", good_json().replace(b'"c1": 4', b'"c1": 4, "m2": 1, "c1": 3')),
      ("twice-long-key.json", b'{"' + b"k" * 80 + b'": 1, "' + b"k" * 80 + b'": 2}'),
      ("long-number.json", good_json().replace(b'"c1": 4', b'"c1": ' + b"9" * 5000)),
      ("long-fraction.json", good_json().replace(b'"c1": 4', b'"c1": 4.' + b"0" * 40)),
      ("infinite.json", good_json().replace(b'"c1": 4', b'"c1": -1e999')),
      ("deep.json", b"[" * 100_000 + b"]" * 100_000),
      ("deep-101.json", good_json(extra=json.loads("[" * 101 + "]" * 101))),
      ("deep-100.json", good_json(extra=json.loads("[" * 100 + "]" * 100))),
      ("surrogate-name.json", good_json(respondent={"organisation": "A", "name": "\ud800"})),
      ("surrogate-key.json", good_json(comments={"ok": "fine", "c\udfff1": "x"})),
      ("surrogates-in-order.json", good_json(comments={"c1": ["ok", "a\udc00"], "c2": "\ud800"})),
      ("a-pair-is-fine.json", good_json(comments={"c1": "\ud83d\ude00"}))]),
    ("a question id and a comment key 100,000 characters long: the line is cut short", CSV_BANK,
     [("long-id.json", good_json(answers={"k" * 100_000: 3})),
      ("long-key.json", good_json(comments={"c1": "fine", "é" * 100_000: "x"}))]),
    ("NaN, which JSON does not allow", CSV_BANK,
     [("nan.json", good_json().replace(b'"c1": 4', b'"c1": NaN'))]),
]  # fmt: skip

TYPED_BANK = ROOT / "tests" / "data" / "typed-bank.yaml"
TYPED_HEADER = "organisation,sector,services,about,a1,a-who,a-open,board-role,a2,a3,a4\n"
SCORING_JS = (JS / "scoring.js").read_text(encoding="utf-8") + (JS / "answer-file.js").read_text(
    encoding="utf-8"
)
# scoring.js reads format 2 (validateResponse's answerProblems) and says which questions were asked: until both
# are in, the cases that need them wait (the scoring engineer's half of issue #15).
READS_FORMAT_2 = "answerProblems" in SCORING_JS and "questionsAsked" in SCORING_JS


def typed_json(**changes: Any) -> bytes:
    data: dict[str, Any] = {
        "format": "selfassess-response/2",
        "questionnaire": {"id": "typed", "version": "2.0"},
        "respondent": {"organisation": "Vale", "role": "Chair"},
        "background": {"sector": "nhs", "services": ["care", "toString"], "board-role": "yes"},
        "answers": {"a1": 3, "a-open": "  More time ", "a-who": [], "a2": 2, "a3": None, "a4": 1},
    }
    data.update(changes)
    return json.dumps(data).encode()


def random_typed_csv(seed: int, bad: bool) -> bytes:
    """Rows of ids and labels in any case, `;` lists with spaces and gaps, free text with
    quotes and formulas; with `bad`, now and then a cell that names no option."""
    import csv
    import io
    import random

    rng = random.Random(seed)
    sectors = [
        "nhs",
        "NHS",
        "nhs trust",
        " NHS TRUST ",
        "council",
        "Local Council",
        "constructor",
        "CONSTRUCTOR'S OWN",
        "",
        "  ",
    ] + (["bogus", "nhs;council"] if bad else [])
    services = ["housing", "Housing", "care", "social CARE", "toString", "other", "OTHER", "", " "]
    whos = ["board", "The Board", "STAFF", "staff", ""] + (["chair"] if bad else [])
    scale = ["1", "2", "3", "Fully", "not yet", "", "don't know", "3.0", " 2 "] + (
        ["7", "often"] if bad else []
    )
    texts = ["", "  ", "plain", ' "quoted", text ', "=1+1", "line\nbreak", "semi; colon", "ünïcödé"]

    def listed(pool: list[str]) -> str:
        return rng.choice([";", "; ", " ;"]).join(
            rng.choice(pool) for _ in range(rng.randint(0, 3))
        )

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["organisation", "sector", "services", "about", "a1", "a-who", "a-open", "a4"])
    for row in range(60):
        writer.writerow(
            [
                f"Org {row % 7}",
                rng.choice(sectors),
                listed(services),
                rng.choice(texts),
                rng.choice(scale),
                listed(whos),
                rng.choice(texts),
                rng.choice(scale),
            ]
        )
    return out.getvalue().encode()


# Cases that read format 2 or a bank with ask_if: through collect() once scoring.js has its half.
TYPED_CASES: list[tuple[str, Path, list[tuple[str, bytes]]]] = [
    ("CSV choice, multi and text columns: ids or labels in any case, `;` lists, text as is", TYPED_BANK,
     [("typed.csv", (TYPED_HEADER + 'Vale,local COUNCIL,housing; Social Care;;,  ,3,BOARD," free, text ",Yes,2,,\n'
       "Upton,CONSTRUCTOR,other,x,Fully,staff;board;STAFF,,,,,\n").encode()),
      ("semi.csv", b"organisation;sector;services\r\nVale;nhs;\"care; housing\"\r\n")]),
    ("seeded random CSVs of typed cells, good and bad", TYPED_BANK,
     [(f"random-{seed}-{bad}.csv", random_typed_csv(seed, bad)) for seed in range(4) for bad in (False, True)]),
    ("CSV cells naming no option", TYPED_BANK,
     [("bad.csv", (TYPED_HEADER + "Vale,bogus,care;chair,,3,,,maybe,,,\n").encode())]),
    ("CSV answers to questions not asked are dropped, row by row", TYPED_BANK,
     [("asked.csv", (TYPED_HEADER + "Vale,,,,1,,,yes,3,2,3\nUpton,nhs,care,,3,,,no,3,2,3\n").encode())]),
    ("a format 2 file: background, typed answers, a not-asked answer dropped", TYPED_BANK,
     [("good.json", typed_json()), ("chain.json", typed_json(background={"board-role": "yes"}))]),
    ("format 2 refusals: placement, types, options, a format 1 file with background", TYPED_BANK,
     [("place.json", typed_json(background={"a1": 3, "sectr": "nhs"}, answers={"sector": "nhs"})),
      ("types.json", typed_json(background={"sector": 4, "services": "care", "about": ["x"]},
                                answers={"a-who": [1], "a1": "3", "a-open": {"a": 1}, "a2": True})),
      ("options.json", typed_json(background={"sector": "nsh", "services": ["care", "care"]},
                                  answers={"a-who": ["zzz"]})),
      ("one.json", typed_json(format="selfassess-response/1"))]),
    ("format 2 refusals, each said by its question's type; hostile and long ids", TYPED_BANK,
     [("wrong-place.json", typed_json(background={"a1": 3, "sectr": "nhs", "zz": 1}, answers={"sector": "nhs", "a1x": 2})),
      ("misfits.json", typed_json(background={"sector": 4, "services": "care", "about": ["x"], "board-role": None},
                                  answers={"a-who": ["board"], "a1": "3", "a3": 2.5})),
      ("model-misfits.json", typed_json(answers={"a-who": [1], "a-open": {"a": 1}, "a2": True, "a1": [1]})),
      ("near-misses.json", typed_json(background={"sector": "nsh", "services": ["care", "care", "Care"]},
                                      answers={"a-who": ["zzz", "boar"], "a-open": "\u00e9" * 50, "a4": 1.0})),
      ("quoted.json", typed_json(background={"sector": "x\n\t'" + "y" * 80})),
      ("hostile.json", typed_json(background={"sector": "constructor", "services": ["toString"]},
                                  answers={"__proto__": 1, "toString": "x", "constructor": []})),
      ("empty-background.json", typed_json(format="selfassess-response/1", background={})),
      ("long-ids.json", typed_json(answers={"k" * 300: 1, "a" * 250 + "1": 2, "a1": 7}))]),
]  # fmt: skip


def with_sentinel(bank_path: Path, files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The case's files and a last valid one, so load_responses never stops at "no valid responses"."""
    bank = load_questionnaire(bank_path)
    sentinel = json.dumps(
        {"format": "selfassess-response/1", "questionnaire": {"id": bank.id}, "answers": {}}
    )
    return [*files, (SENTINEL, sentinel.encode())]


SENTINEL = "zz-sentinel.json"


def python_side(bank_path: Path, files: list[tuple[str, bytes]], folder: Path) -> dict[str, Any]:
    bank = load_questionnaire(bank_path)
    files = with_sentinel(bank_path, files)
    for name, data in files:
        (folder / name).write_bytes(data)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        loaded = load_responses([Path(name) for name, _ in files], bank, skip_invalid=True)
    finally:
        os.chdir(cwd)
    return {
        "responses": [
            {
                "source": r.source,
                "respondent": r.response.respondent.model_dump(),
                "background": r.response.background,
                "answers": r.response.answers,
            }
            for r in loaded.responses
        ],
        "problems": [str(p) for p in loaded.skipped],
        "warnings": loaded.warnings,
    }


@pytest.fixture(scope="module")
def js_answers(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    node = require_node()
    payload = [
        {
            # The typed cases get the bank as the partnership page gets it (shared scale left out).
            "bank": (page_bank_data if index >= len(CASES) else bank_scoring_data)(
                load_questionnaire(bank)
            ),
            "files": [
                {"name": n, "data": base64.b64encode(d).decode()}
                for n, d in with_sentinel(bank, files)
            ],
        }
        for index, (_, bank, files) in enumerate(CASES + (TYPED_CASES if READS_FORMAT_2 else []))
    ]
    result = subprocess.run(
        [node, "-e", DRIVER],
        input=json.dumps(payload),
        env={**node_env(tmp_path_factory.mktemp("messages")), "JS_DIR": str(JS)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers: list[dict[str, Any]] = json.loads(result.stdout)
    return answers


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0] for c in CASES])
def test_responses_js_reads_files_as_the_python_readers_do(
    index: int, js_answers: list[dict[str, Any]], tmp_path: Path
) -> None:
    _, bank, files = CASES[index]
    expected = python_side(bank, files, tmp_path)
    actual = js_answers[index]
    assert actual["responses"] == expected["responses"]
    assert actual["warnings"] == expected["warnings"]
    if any("not JSON" in p for p in expected["problems"]):
        # The JSON parsers word their complaint differently; both start "not JSON".
        assert [p.split(": not JSON")[0] for p in actual["problems"]] == [
            p.split(":")[0] for p in expected["problems"]
        ]
    else:
        assert actual["problems"] == expected["problems"]


@pytest.mark.skipif(not READS_FORMAT_2, reason="waits for scoring.js to read format 2 (#15)")
@pytest.mark.parametrize("index", range(len(TYPED_CASES)), ids=[c[0] for c in TYPED_CASES])
def test_responses_js_reads_format_2_and_typed_csv_as_the_python_readers_do(
    index: int, js_answers: list[dict[str, Any]], tmp_path: Path
) -> None:
    _, bank, files = TYPED_CASES[index]
    expected = python_side(bank, files, tmp_path)
    actual = js_answers[len(CASES) + index]
    assert actual["responses"] == expected["responses"]
    assert actual["warnings"] == expected["warnings"]
    for said, meant in zip(actual["problems"], expected["problems"], strict=False):
        assert said == meant
    assert len(actual["problems"]) == len(expected["problems"])
