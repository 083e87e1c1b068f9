"""scoring.js, the page's copy of the rules, agrees with score.py: `node --test tests/js/`.

Node cannot read the YAML banks or the CSV responses, so this test converts every case of
tests/vectors/ (and a few hundred random respondents of every question type, background and
conditional questions included, scored by Python, on every bank there and in tests/data/, the
twenty-factor one among them) to plain JSON, each bank as a page carries it (page_bank_data), and
hands the file to the node tests in SELFASSESS_SCORING_CASES. The page's did-you-mean is checked
against difflib itself; the order of the twin's keys is checked here, where JSON keeps it.
"""

from __future__ import annotations

import difflib
import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from browser_support import node_env, require_node
from test_vectors import assert_matches
from vector_expectations import expected_of

from selfassess.core.model import Question, Questionnaire
from selfassess.core.response_model import (
    Answer,
    QuestionnaireRef,
    Respondent,
    Response,
    SourcedResponse,
)
from selfassess.core.scores import Scores
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import bundled_banks, load_questionnaire
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import load_responses
from selfassess.pages.bank_view import bank_scoring_data
from selfassess.pages.page_shell import page_bank_data
from selfassess.report.score_formats import scores_to_json

ROOT = Path(__file__).parent.parent
VECTORS = ROOT / "tests" / "vectors"
WEB = ROOT / "src" / "selfassess" / "web"
DATA = ROOT / "tests" / "data"  # whole test banks, e.g. twenty-factors (#16)
INSTRUMENTS = ROOT / "examples" / "instruments"  # docs/instruments.md's three patterns

ORGANISATIONS = ["Alpha Trust", " Alpha Trust ", "Beta Council", "", None, "Zeta", "Ärzte", "beta"]


def vector_cases() -> list[dict[str, Any]]:
    cases = []
    for folder in sorted(p for p in VECTORS.iterdir() if (p / "expected.json").is_file()):
        bank = load_questionnaire(folder / "bank.yaml")
        loaded = load_responses(expand_input_paths([str(folder / "responses")]), bank)
        prefix = f"{folder}/"
        responses = [
            {"source": r.source.removeprefix(prefix), "response": r.response.model_dump()}
            for r in loaded.responses
        ]
        cases.append(
            {
                "name": f"vector {folder.name}",
                "bank": page_bank_data(bank),
                "responses": responses,
                "expected": expected_of(folder),
            }
        )
    return cases


def data_cases() -> list[dict[str, Any]]:
    """The whole test banks of tests/data/ (the twenty-factor bank among them) and the example
    instruments of docs/instruments.md, with their answers, as Python scores them."""
    cases = []
    folders = [*DATA.iterdir(), *INSTRUMENTS.iterdir()]
    for folder in sorted(p for p in folders if (p / "responses").is_dir()):
        bank = load_questionnaire(folder / "bank.yaml")
        loaded = load_responses(expand_input_paths([str(folder / "responses")]), bank)
        cases.append(
            {
                "name": f"data {folder.name}",
                "bank": page_bank_data(bank),
                "responses": [
                    {"source": r.source, "response": r.response.model_dump()}
                    for r in loaded.responses
                ],
                "expected": scores_to_json(score_all(bank, loaded.responses)),
            }
        )
    return cases


def random_answer(bank: Questionnaire, question: Question, rng: random.Random) -> Answer:
    """A value of the question's own shape: a scale value, an option, some options, or text."""
    ids = question.option_ids()
    if question.type == "choice":
        return rng.choice([None, *ids])
    if question.type == "multi":
        return rng.sample(ids, rng.randint(0, len(ids)))
    if question.type == "text":
        return rng.choice(["", "   ", "Some words."])
    return rng.choice([o.value for o in bank.scale_of(question)])


def random_response(bank: Questionnaire, rng: random.Random, index: int) -> SourcedResponse:
    """Random answers, background included, some to questions not asked (both scorers ignore them)."""
    sections: dict[str, dict[str, Answer]] = {"background": {}, "answers": {}}
    skip = rng.random() * 0.6  # some respondents leave many questions blank
    for question in bank.all_questions():
        if rng.random() < skip:
            continue
        section = "background" if question in bank.background else "answers"
        sections[section][question.id] = random_answer(bank, question, rng)
    return SourcedResponse(
        source=f"random/{index}.json",
        response=Response(
            format="selfassess-response/2",
            questionnaire=QuestionnaireRef(id=bank.id, version=bank.version),
            respondent=Respondent(
                organisation=rng.choice(ORGANISATIONS), role=rng.choice([None, " Lead "])
            ),
            background=sections["background"],
            answers=sections["answers"],
        ),
    )


def random_cases(count: int = 120) -> list[dict[str, Any]]:
    """Python scores random partnerships; the node side must reproduce them, consensus included."""
    rng = random.Random(20261128)
    banks = [b.questionnaire for b in bundled_banks()]
    banks += [load_questionnaire(p) for p in sorted(VECTORS.glob("*/bank.yaml"))]
    banks += [load_questionnaire(p) for p in sorted(DATA.glob("*/bank.yaml"))]
    cases = []
    for n in range(count):
        bank = banks[n % len(banks)]
        responses = [random_response(bank, rng, i) for i in range(rng.randint(1, 12))]
        cases.append(
            {
                "name": f"random {n} ({bank.id}, {len(responses)} respondents)",
                "bank": page_bank_data(bank),
                "responses": [
                    {"source": r.source, "response": r.response.model_dump()} for r in responses
                ],
                "expected": scores_to_json(score_all(bank, responses)),
            }
        )
    return cases


def run_node_tests(folder: Path, cases: list[dict[str, Any]], work: Path) -> None:
    """`node --test` on a tests/js folder, the cases handed over in SELFASSESS_SCORING_CASES:
    every test must pass and none may skip (the vectors' test skips without its cases)."""
    cases_file = work / "cases.json"
    cases_file.write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(
        [require_node(), "--test", str(folder)],
        env={**node_env(work), "SELFASSESS_SCORING_CASES": str(cases_file)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
    assert "# skipped 0" in result.stdout


def test_scoring_js_passes_its_node_tests_and_matches_python_on_every_case(
    tmp_path: Path,
) -> None:
    run_node_tests(ROOT / "tests" / "js", vector_cases() + data_cases() + random_cases(), tmp_path)


TWIN = ("display.js", "scoring.js", "answer-file.js", "partnership-scoring.js")


def test_the_twin_writes_every_key_in_pythons_order(tmp_path: Path) -> None:
    """`JSON.stringify(scoreAll(...))` lists keys as `score --format json` does, "-1" before "0"
    in an unscored principle's counts too, which a parsed expected.json in node cannot show."""
    script = (
        "const fs = require('fs'), vm = require('vm'); const context = vm.createContext({});"
        "for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, 'utf8'), context);"
        "const cases = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "console.log('[' + cases.map((c) =>"
        " JSON.stringify(context.SelfassessScoring.scoreAll(c.bank, c.responses))).join(',') + ']');"
    )
    cases = vector_cases() + data_cases()
    result = subprocess.run(
        [require_node(), "-e", script, *(str(WEB / name) for name in TWIN)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for case, written in zip(cases, json.loads(result.stdout), strict=True):
        assert_matches(written, case["expected"], case["name"])


HEAT_BANKS = [
    DATA / "twenty-factors",
    VECTORS / "33-respondents-aggregate",
    VECTORS / "40-groups",
    INSTRUMENTS / "partnership-self-assessment",
]


def python_heat_rows(bank: Questionnaire, scores: Scores, pid: str) -> list[list[float | None]]:
    """A principle's heat map from the Python scores: each organisation's item means, then the
    partnership's (PartnershipScores.items), each row ending in the principle's score."""
    principle = next(p for p in bank.principles if p.id == pid)
    ids = [q.id for q in bank.scored_questions(principle)]
    shown = scores.display.score
    rows = [
        [shown(org.items.get(qid)) for qid in ids] + [shown(org.principles[pid])]
        for org in scores.organisations.values()
    ]
    total = scores.partnership
    rows.append([shown(total.items.get(qid)) for qid in ids] + [shown(total.principles[pid].score)])
    return rows


@pytest.mark.parametrize("folder", HEAT_BANKS, ids=[f.name for f in HEAT_BANKS])
def test_the_heat_maps_figures_are_pythons_item_means(folder: Path) -> None:
    """heatmap.js's rows are core's OrganisationScores.items and PartnershipScores.items (over
    respondents where the bank aggregates so), in the displayed unit, each with its score."""
    bank = load_questionnaire(folder / "bank.yaml")
    loaded = load_responses(expand_input_paths([str(folder / "responses")]), bank)
    responses = [
        {"source": r.source, "response": r.response.model_dump()} for r in loaded.responses
    ]
    script = (
        "const fs = require('fs'), vm = require('vm'); const context = vm.createContext({});"
        "for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, 'utf8'), context);"
        "const c = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "const result = context.SelfassessScoring.scoreAll(c.bank, c.responses);"
        "console.log(JSON.stringify(c.bank.principles.map((p) => context.SelfassessHeatmap"
        ".heatMap(c.bank, result, c.responses, p.id).rows.map((r) => r.cells.map((x) => x.value)))));"
    )
    result = subprocess.run(
        [require_node(), "-e", script, *(str(WEB / name) for name in (*TWIN, "heatmap.js"))],
        input=json.dumps({"bank": page_bank_data(bank), "responses": responses}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    scores = score_all(bank, loaded.responses)
    expected = [python_heat_rows(bank, scores, p.id) for p in bank.principles]
    assert_matches(json.loads(result.stdout), expected)


def close_match_cases(count: int = 400) -> list[list[Any]]:
    """Random words and candidates with difflib's own answer (long ones meet its autojunk)."""
    rng = random.Random(20261130)
    letters = "abcdeé😀-_"

    def word(low: int, high: int, alphabet: str = letters) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))

    cases = []
    for n in range(count):
        long = n % 40 == 0
        target = word(200, 260, "ab ") if long else word(0, 8)
        candidates = [
            word(150, 260, "ab c") if long else word(0, 8) for _ in range(rng.randint(1, 6))
        ]
        found = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
        cases.append([target, candidates, found[0] if found else None])
    return cases


def test_the_pages_did_you_mean_is_difflibs(tmp_path: Path) -> None:
    script = (
        "const fs = require('fs'), vm = require('vm'); const context = vm.createContext({});"
        "for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, 'utf8'), context);"
        "const cases = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(cases.map(([w, c]) =>"
        " context.SelfassessScoring.closeMatch(w, c))));"
    )
    cases = close_match_cases()
    result = subprocess.run(
        [
            require_node(),
            "-e",
            script,
            *(str(WEB / name) for name in ("scoring.js", "answer-file.js")),
        ],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout) == [expected for _, _, expected in cases]


def test_the_pages_bank_data_carries_types_options_and_conditions_compactly() -> None:
    bank = load_questionnaire(VECTORS / "29-csv-background" / "bank.yaml")
    data = bank_scoring_data(bank)
    assert [q["id"] for q in data["background"]] == ["sector", "services", "note"]
    assert data["background"][0] == {
        "id": "sector",
        "type": "choice",
        "options": [
            {"id": "nhs", "label": "NHS trust"},
            {"id": "council", "label": "Local council"},
        ],
        "breakdown": True,
    }
    assert data["background"][2] == {"id": "note", "type": "text"}
    a1, a2, who = data["principles"][0]["questions"]
    assert "type" not in a1 and set(a1) == {"id", "weight", "reverse", "scale"}
    assert a2["ask_if"] == {"question": "services", "any_of": ["care"]}
    assert who == {
        "id": "a-who",
        "type": "multi",
        "options": [
            {"id": "partners", "label": "Partners"},
            {"id": "public", "label": "The public"},
        ],
    }


def test_a_bank_without_background_gives_the_pages_the_data_it_gave_before() -> None:
    data = bank_scoring_data(load_questionnaire(VECTORS / "01-basic" / "bank.yaml"))
    assert "background" not in data
    for principle in data["principles"]:
        for question in principle["questions"]:
            assert set(question) == {"id", "weight", "reverse", "scale"}


def test_a_page_leaves_out_only_the_bank_scale_its_questions_share() -> None:
    data = page_bank_data(load_questionnaire(VECTORS / "29-csv-background" / "bank.yaml"))
    questions = [*data["background"], *data["principles"][0]["questions"]]
    assert [q["id"] for q in questions if "scale" in q] == []
    assert [q.get("type", "scale") for q in questions] == [
        "choice",
        "multi",
        "text",
        "scale",
        "scale",
        "multi",
    ]
