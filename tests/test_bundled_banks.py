"""What the bundled questionnaires promise a partnership leader and a survey methodologist.

Version 2.0 of collaboration-maturity asks who answers (sector, seniority) so that the scores
break down by group, keeps statements short and single-barrelled, answers frequency and
problem statements on scales of their own, asks follow-ups only where they make sense, and
names its sources. The earlier round in examples/baseline (version 1.0, left as it was) must
still load against it, so every 1.0 question id is kept with its direction.

Both banks are offered in English and Welsh (#17): the English is word for word the
one-language bank it was (kept under tests/data/), every text has its Welsh, and the Welsh
says it is a draft until a fluent speaker has reviewed it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.bank_texts import Loc, text_slots, texts_by_language, value_at
from selfassess.core.model import Question, Questionnaire
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import BankSource, bundled_bank_files, bundled_banks, read_bank
from selfassess.inputs.responses import load_responses

ROOT = Path(__file__).parent.parent
BASELINE = ROOT / "examples" / "baseline"
RESPONSES = ROOT / "examples" / "responses"
# Version 1.0's problem statements, scored in reverse: the same ids keep that direction.
REVERSED_IN_1_0 = {"ca-5", "sm-5", "co-5", "pa-3", "re-3"}
BANK_SCALE_LABELS = ["Not yet", "Starting", "Partly", "Mostly", "Fully", "Don't know"]
DATA = ROOT / "tests" / "data"
BUNDLED_IDS = ["collaboration-maturity", "collaboration-pulse"]
WELSH_DRAFT_NOTE = {
    "en": "Welsh translation: draft, not yet reviewed",
    "cy": "Cyfieithiad Cymraeg: drafft, heb ei adolygu eto",
}
# What Markdown a text uses: its bold and italic runs, list items and link targets.
MARKDOWN_MARKS = re.compile(r"\*\*|(?<!\*)\*(?!\*)|^- |\]\([^)]*\)", re.MULTILINE)


def bundled(bank_id: str) -> Questionnaire:
    return next(b.questionnaire for b in bundled_banks() if b.questionnaire.id == bank_id)


def bundled_source(bank_id: str) -> BankSource:
    return next(b for b in bundled_banks() if b.questionnaire.id == bank_id)


def welsh_bank_files() -> list[Path]:
    """The bundled banks offering Welsh: every test of the Welsh covers a bank that adds it."""
    return [
        p
        for p in bundled_bank_files()
        if "cy" in read_bank(p, allow_untranslated=True).languages  # strict: the test below
    ]


def texts_of(path: Path) -> list[tuple[Loc, Mapping[str, Any]]]:
    """Every text slot of a bank file with its texts by language, read from the raw YAML."""
    data = yaml.safe_load(path.read_text("utf-8"))
    slots = [(loc, texts_by_language(value_at(data, loc), "en")) for loc in text_slots(data)]
    return [(loc, texts) for loc, texts in slots if texts is not None]


def scale_labels(bank: Questionnaire, question: Question) -> list[str]:
    return [o.label for o in bank.scale_of(question)]


@pytest.mark.parametrize("bank_id", ["collaboration-maturity", "collaboration-pulse"])
def test_both_bundled_banks_ask_sector_and_seniority_first_and_break_down_by_both(
    bank_id: str,
) -> None:
    bank = bundled(bank_id)
    assert [q.id for q in bank.background] == ["sector", "seniority"]
    assert [q.id for q in bank.breakdown_questions()] == ["sector", "seniority"]
    seniority = bank.background[1]
    assert seniority.option_ids() == ["board", "senior", "manager", "frontline", "other"]
    assert {"nhs", "council", "school", "voluntary", "police-fire", "other"} <= set(
        bank.background[0].option_ids()
    )
    assert bank.privacy.min_group_size == 3


def test_the_maturity_questionnaire_is_version_2_and_names_its_three_sources() -> None:
    bank = bundled("collaboration-maturity")
    assert bank.version == "2.0"
    sources = " ".join(bank.references)
    assert len(bank.references) == 3
    for source in ("Collaboration in a crisis", "Kania", "Kramer", "Mattessich", "Wilder"):
        assert source in sources


def test_every_statement_is_short_enough_to_read_at_a_glance() -> None:
    bank = bundled("collaboration-maturity")
    too_long = [q.id for q in bank.all_questions() if len(q.text.split()) > 17]
    assert too_long == []


def test_no_problem_statement_is_answered_on_the_not_yet_to_fully_scale() -> None:
    """Answering 'Fully' to a problem reads as a promise: problems ask how often or how far."""
    bank = bundled("collaboration-maturity")
    on_bank_scale = [
        q.id
        for _, q in bank.questions()
        if q.reverse and scale_labels(bank, q) == BANK_SCALE_LABELS
    ]
    assert on_bank_scale == []


@pytest.mark.parametrize("qid", ["co-5", "pa-4", "co-3", "re-2"])
def test_frequency_statements_are_answered_never_to_always(qid: str) -> None:
    bank = bundled("collaboration-maturity")
    question = bank.question_by_id(qid)
    assert question is not None
    assert scale_labels(bank, question) == [
        "Never",
        "Rarely",
        "Sometimes",
        "Often",
        "Always",
        "Don't know",
    ]


@pytest.mark.parametrize(
    ("qid", "depends_on"),
    [("ca-8", "ca-plan"), ("sm-7", "sm-1"), ("sm-9", "sm-1")],
)
def test_follow_up_statements_are_asked_only_where_they_make_sense(
    qid: str, depends_on: str
) -> None:
    question = bundled("collaboration-maturity").question_by_id(qid)
    assert question is not None and question.ask_if is not None
    assert question.ask_if.question == depends_on


def test_no_question_depends_on_a_question_the_scores_are_broken_down_by() -> None:
    """A group too small to show would then be needed to rebuild the scores: its members'
    files could not be attached, and verify could not check the scorecard alone."""
    bank = bundled("collaboration-maturity")
    broken_down = {q.id for q in bank.breakdown_questions()}
    assert [
        q.id for q in bank.all_questions() if q.ask_if and q.ask_if.question in broken_down
    ] == []


def test_the_maturity_questionnaire_has_an_open_question_and_a_tick_all_question() -> None:
    types = {q.type for _, q in bundled("collaboration-maturity").questions()}
    assert {"scale", "choice", "multi", "text"} <= types


def test_every_question_id_of_version_1_is_kept_so_the_baseline_still_loads() -> None:
    bank = bundled("collaboration-maturity")
    for path in sorted(BASELINE.glob("*.json")):
        answered = json.loads(path.read_text("utf-8"))["answers"]
        for qid in answered:
            question = bank.question_by_id(qid)
            assert question is not None and question.is_scored, (path.name, qid)
            assert question.reverse == (qid in REVERSED_IN_1_0), qid
            assert question.ask_if is None, qid  # a 1.0 answer is never dropped as not asked


def test_the_example_round_answers_version_2_with_a_small_seniority_group() -> None:
    files = sorted(RESPONSES.glob("*.json"))
    answers = [json.loads(p.read_text("utf-8")) for p in files]
    assert {a["questionnaire"]["version"] for a in answers} == {"2.0"}
    seniority = [a["background"]["seniority"] for a in answers]
    assert 1 <= seniority.count("other") < 3  # hidden in the scorecard: fewer than three
    assert len(set(seniority)) == 5
    assert len({a["background"]["sector"] for a in answers}) >= 5
    assert sum("ca-open" in a["answers"] for a in answers) >= 5


@pytest.mark.parametrize("bank_id", BUNDLED_IDS)
def test_the_english_of_each_bundled_bank_is_word_for_word_the_english_only_bank_it_was(
    bank_id: str,
) -> None:
    english = bundled_source(bank_id).in_language("en")
    before = read_bank(DATA / f"{bank_id}-2.0-english.yaml").questionnaire
    assert before.languages is None and before.translations is None
    added = {"languages", "translations"}
    assert english.model_dump(exclude=added) == before.model_dump(exclude=added)


@pytest.mark.parametrize("bank_id", BUNDLED_IDS)
def test_each_bundled_bank_is_offered_in_english_first_then_welsh(bank_id: str) -> None:
    source = bundled_source(bank_id)
    assert source.languages == ("en", "cy")
    assert source.questionnaire.language == "en"
    assert source.in_language("cy").language == "cy"


def test_both_bundled_banks_offer_welsh() -> None:
    assert [p.stem for p in welsh_bank_files()] == BUNDLED_IDS


@pytest.mark.parametrize("path", welsh_bank_files(), ids=lambda p: p.stem)
def test_every_text_of_a_bundled_bank_offering_welsh_is_in_welsh_so_strict_validate_passes(
    path: Path,
) -> None:
    result = CliRunner().invoke(cli, ["bank", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert read_bank(path).warnings == ()


@pytest.mark.parametrize("path", welsh_bank_files(), ids=lambda p: p.stem)
def test_a_translator_gets_every_welsh_text_and_an_unchanged_po_leaves_the_bank_byte_identical(
    path: Path, tmp_path: Path
) -> None:
    bank, po = tmp_path / path.name, tmp_path / "cy.po"
    bank.write_bytes(path.read_bytes())
    runner = CliRunner()
    exported = runner.invoke(cli, ["translate", "export", str(bank), "-l", "cy", "-o", str(po)])
    assert exported.exit_code == 0, exported.output
    with po.open("rb") as file:
        catalog = read_po(file)
    assert len(catalog) == len(texts_of(path))
    assert [m.context for m in catalog if not m.string] == []
    imported = runner.invoke(cli, ["translate", "import", str(bank), str(po)])
    assert imported.exit_code == 0, imported.output
    assert bank.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", welsh_bank_files(), ids=lambda p: p.stem)
def test_no_welsh_text_is_the_english_left_in_place(path: Path) -> None:
    copied = [loc for loc, texts in texts_of(path) if texts.get("cy") == texts.get("en")]
    assert copied == []


@pytest.mark.parametrize("path", welsh_bank_files(), ids=lambda p: p.stem)
def test_the_welsh_keeps_the_english_markdown(path: Path) -> None:
    """Bold terms, list items, italics and link targets survive translation, so the Welsh
    page and scorecard are laid out as the English ones are."""
    for loc, texts in texts_of(path):
        marks = {lang: sorted(MARKDOWN_MARKS.findall(texts[lang])) for lang in ("en", "cy")}
        assert marks["cy"] == marks["en"], loc


@pytest.mark.parametrize("path", welsh_bank_files(), ids=lambda p: p.stem)
def test_the_welsh_says_it_is_a_draft_until_a_fluent_speaker_has_reviewed_it(
    path: Path,
) -> None:
    for language in ("en", "cy"):
        assert read_bank(path).in_language(language).translations == WELSH_DRAFT_NOTE


def test_the_example_round_scores_the_same_read_against_the_welsh_bank() -> None:
    source = bundled_source("collaboration-maturity")
    english, welsh = source.in_language("en"), source.in_language("cy")
    files = sorted(RESPONSES.glob("*.json"))
    in_english = score_all(english, load_responses(files, english).responses)
    in_welsh = score_all(welsh, load_responses(files, welsh).responses)
    assert in_welsh == in_english
