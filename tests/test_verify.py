"""`selfassess verify`: a fresh scorecard checks out; any change to its inputs, its manifest or
its pages is named; anything that is not a scorecard gets one line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_support import (
    BASELINE,
    PARTNERSHIP,
    RESPONSES,
    attachments_of,
    invoke,
    reader_of,
    report,
    with_attachment_changed,
    with_attachments,
)
from shared_scorecards import Made, Scorecards

from selfassess.core.scoring import score_all
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.report.page_comparison import page_problems
from selfassess.report.verify import GUARANTEE, GUARANTEE_SCORES_ONLY
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions

NOTES_AS_RECORDED = (
    "the lists of skipped files and of notes on the files are printed as the manifest records "
    "them: they describe files that are not attached"
)
RIVERSIDE = "riverside-care-homes-group-2026-11-04-care-home-manager-willow-court.json"


def make(folder: Path, *extra: str, files: tuple[str, ...] = (str(RESPONSES),)) -> Path:
    pdf = folder / "scorecard.pdf"
    code, _, err = report(*files, "--partnership", PARTNERSHIP, "-o", str(pdf), "--quiet", *extra)
    assert code == 0, err
    return pdf


@pytest.fixture(scope="module")
def example_with_baseline(scorecards: Scorecards) -> Made:
    """The example round against its baseline (made once per run: other modules read it too)."""
    return scorecards.example("--baseline", str(BASELINE))


@pytest.fixture(scope="module")
def scorecard(example_with_baseline: Made) -> Path:
    """Read only: a test that changes it writes its own copy (verify's `pdf` given as bytes)."""
    return example_with_baseline.pdf


def verify(pdf: Path | bytes, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    if isinstance(pdf, bytes):
        path = tmp_path / "changed.pdf"
        path.write_bytes(pdf)
        pdf = path
    return invoke("verify", str(pdf), *extra)


def test_a_fresh_scorecard_verifies_and_says_what_that_shows(
    scorecard: Path, example_with_baseline: Made, scorecards: Scorecards
) -> None:
    code, out, _ = scorecards.verify(example_with_baseline)
    assert code == 0
    pages = len(reader_of(scorecard).pages)
    assert out.splitlines() == [
        "verified: 45 inputs, bank collaboration-maturity 2.0, scores match",
        f"every figure, name, level and sentence on the {pages} page(s) matches the scorecard "
        "rebuilt from the inputs",
        NOTES_AS_RECORDED,  # the baseline answers version 1.0: a note on each of its files
        GUARANTEE,
    ]


@pytest.mark.parametrize("variant", ["pdf/a-3b", "none"])
def test_every_pdf_variant_verifies(variant: str, scorecards: Scorecards) -> None:
    code, out, _ = scorecards.verify(scorecards.example("--pdf-variant", variant))
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")


def test_a_tampered_answer_file_is_named_and_the_scores_it_moves(
    scorecard: Path, tmp_path: Path
) -> None:
    answers = json.loads(attachments_of(scorecard)[RIVERSIDE])
    answers["answers"] = {  # every rating 5; choices, ticks and text as they were
        k: 5 if isinstance(v, int | float) else v for k, v in answers["answers"].items()
    }
    changed = with_attachment_changed(scorecard, RIVERSIDE, json.dumps(answers).encode())
    code, out, _ = verify(changed, tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("not verified: ")
    assert f"- {RIVERSIDE}: the attached file differs from the one the report " in out
    assert (
        "- page 2: prints 'Summary OVERALL SCORE 49/100 Developing Some', the inputs give " in out
    )
    assert "- principle 'Putting hierarchies aside', score: printed 42, the inputs give 46" in lines


def test_a_figure_changed_in_the_manifest_is_named(scorecard: Path, tmp_path: Path) -> None:
    files = attachments_of(scorecard)
    manifest = json.loads(files["manifest.json"])
    manifest["printed"]["partnership"]["principles"]["parity"]["score"] = "48"
    files["manifest.json"] = json.dumps(manifest).encode()
    code, out, _ = verify(with_attachments(scorecard, files), tmp_path)
    assert code == 1
    assert out.splitlines()[1:] == [
        "- principle 'Putting hierarchies aside', score: printed 48, the inputs give 42",
        NOTES_AS_RECORDED,
    ]


def test_pages_that_do_not_match_their_attachments_are_caught(
    scorecard: Path, tmp_path: Path
) -> None:
    """Inputs and manifest agree with each other (both from another report) but not with the
    numbers on the page: only reading the text layer can tell."""
    other = make(tmp_path, files=tuple(str(p) for p in sorted(RESPONSES.glob("northshire-c*"))))
    overall = json.loads(attachments_of(other)["manifest.json"])["printed"]["partnership"]
    assert overall["overall"] != "49"
    code, out, _ = verify(with_attachments(scorecard, attachments_of(other)), tmp_path)
    assert code == 1
    lines = out.splitlines()
    given = len(list(RESPONSES.glob("northshire-c*")))  # the cover counts them first
    assert (
        f"- page 1: prints '20 November 2026 26 from 7', "
        f"the inputs give '20 November 2026 {given} from 7'"
    ) in lines
    assert not [line for line in lines if "printed" in line]  # manifest and inputs agree


def test_a_missing_attachment_is_named(scorecard: Path, tmp_path: Path) -> None:
    files = attachments_of(scorecard)
    del files[RIVERSIDE]
    code, out, _ = verify(with_attachments(scorecard, files), tmp_path)
    assert code == 1
    assert f"- {RIVERSIDE}: missing attachment {RIVERSIDE}" in out


def test_an_unlisted_attachment_is_named(scorecard: Path, tmp_path: Path) -> None:
    files = attachments_of(scorecard) | {"extra.json": b"{}"}
    code, out, _ = verify(with_attachments(scorecard, files), tmp_path)
    assert code == 1
    assert "- an attachment the manifest does not list: extra.json" in out


def test_a_pdf_that_is_not_a_scorecard_is_not_verified(
    tmp_path: Path, scorecards: Scorecards
) -> None:
    plain = scorecards.example("--pdf-variant", "none").pdf
    code, out, _ = verify(with_attachments(plain, {}), tmp_path)
    assert code == 1
    assert "not a selfassess scorecard: it carries no manifest.json" in out


def test_a_scorecard_made_with_no_attach_says_it_cannot_be_verified(
    tmp_path: Path, scorecards: Scorecards
) -> None:
    pdf = scorecards.example("--no-attach").pdf
    code, out, _ = verify(pdf, tmp_path)
    assert code == 1
    assert out.startswith("not verified: the answer files are not attached (--no-attach)")
    code, out, _ = verify(pdf, tmp_path, "--inputs", str(RESPONSES))
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")


def test_inputs_given_that_the_report_was_not_made_from_are_named(
    tmp_path: Path, scorecards: Scorecards
) -> None:
    pdf = scorecards.example("--no-attach").pdf
    code, out, _ = verify(pdf, tmp_path, "--inputs", str(BASELINE))
    assert code == 1
    assert "- 25 of the files the report was made from are not among those given: " in out
    assert "- 20 of the files given are not among those the report was made from: " in out


def test_an_anonymised_scorecard_verifies_its_partnership_figures_from_inputs_given(
    tmp_path: Path,
) -> None:
    pdf = make(tmp_path, "--anonymise-organisations")
    code, out, _ = verify(pdf, tmp_path)
    assert code == 1
    assert "(--anonymise-organisations: the answer files name the organisations)" in out
    code, out, _ = verify(pdf, tmp_path, "--inputs", str(RESPONSES))
    assert code == 0
    assert out.splitlines() == [
        "verified: 25 inputs, bank collaboration-maturity 2.0, scores match "
        "(partnership figures only: organisations are anonymised)",
        "the pages were compared for the overall and principle scores only: the organisations' "
        "letters were dealt at random and are not recorded",
        # not the whole text: the last line must not claim what was not compared
        GUARANTEE_SCORES_ONLY,
    ]
    assert "every page" not in GUARANTEE_SCORES_ONLY and "every page" in GUARANTEE


def test_privacy_settings_are_re_applied_when_verifying(scorecards: Scorecards) -> None:
    """--min-group-size 3 hides two organisations: with the original files given, every page
    is rebuilt with the same hidden cells and matches."""
    made = scorecards.example("--min-group-size", "3")
    code, out, _ = scorecards.verify(made, "--inputs", str(RESPONSES))
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda d: d / "missing.pdf", "missing.pdf: no such file"),
        (lambda d: d, "is a folder, not a PDF file"),
        (lambda d: (d / "x.pdf", (d / "x.pdf").write_text("hello"))[0], "x.pdf: is not a PDF file"),
        (
            lambda d: (d / "y.pdf", (d / "y.pdf").write_bytes(b"%PDF-1.7\nbroken"))[0],
            "y.pdf: cannot be read as a PDF",
        ),
    ],
)
def test_what_is_not_a_readable_pdf_gets_one_line(
    tmp_path: Path, make_file: object, message: str
) -> None:
    path = make_file(tmp_path)  # type: ignore[operator]
    code, out, err = invoke("verify", str(path))
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ") and message in err


def test_inputs_that_cannot_be_read_get_one_line(scorecard: Path, tmp_path: Path) -> None:
    code, out, err = invoke("verify", str(scorecard), "--inputs", str(tmp_path / "gone.json"))
    assert code == 1 and out == ""
    assert err.strip() == f"error: {tmp_path / 'gone.json'}: no such file or folder"


def test_every_place_the_summary_page_prints_a_score_is_checked() -> None:
    """The weakest-link box repeats its principle's score: editing one copy is caught."""
    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    loaded = load_responses(paths, bank)
    view = build_scorecard(
        bank, score_all(bank, loaded.responses), loaded.responses, ScorecardOptions()
    )
    table = " ".join(f"{row.number}. {row.title} {row.score} Developing" for row in view.principles)
    summary = f"SUMMARY OVERALL SCORE {view.overall}/100 {{box}} PRINCIPLE SCORE LEVEL {table}"
    baseline = "4. Putting hierarchies aside 43 42 ▼ −1"  # another page: not the summary
    honest = summary.format(box="THE WEAKEST LINK 4. Putting hierarchies aside 42 Developing")
    assert page_problems(["cover", honest, baseline], view) == []
    edited = summary.format(box="THE WEAKEST LINK 4. Putting hierarchies aside 55 Developing")
    assert page_problems(["cover", edited], view) == [
        "the page shows principle 'Putting hierarchies aside' at 55, the inputs give 42"
    ]
    assert page_problems(["no summary here"], view) == [
        "the page: cannot find the summary's overall score in the PDF's text"
    ]
