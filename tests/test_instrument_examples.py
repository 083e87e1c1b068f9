"""The three example banks of docs/instruments.md (a factors inventory, a partnership
self-assessment, an integrated-care maturity model): they validate, `build` writes their forms,
`score --format json` gives the figures the guide prints (checked by hand there), and `report`
writes a PDF that `verify` passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.display import one_decimal
from selfassess.inputs.banks import load_questionnaire

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "instruments"
GUIDE = (ROOT / "docs" / "instruments.md").read_text(encoding="utf-8")
NAMES = ["factors", "partnership-self-assessment", "integrated-care-maturity"]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def bank_of(name: str) -> Path:
    return EXAMPLES / name / "bank.yaml"


def scored(name: str, bank: Path | None = None) -> dict[str, Any]:
    """`score --format json` of the example's answer files."""
    bank = bank or bank_of(name)
    code, out, err = invoke(
        "score", "--questionnaire", str(bank), "-f", "json", str(EXAMPLES / name / "responses")
    )
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_every_example_validates() -> None:
    code, out, err = invoke("validate", *(str(bank_of(n)) for n in NAMES))
    assert (code, err) == (0, "")
    assert out.count("ok ") == 3


def test_build_writes_a_form_and_a_partnership_page_for_each_example(tmp_path: Path) -> None:
    code, _, err = invoke("build", "-o", str(tmp_path / "site"), *(str(bank_of(n)) for n in NAMES))
    assert code == 0, err
    for bank_id in (
        "factors-example",
        "partnership-self-assessment-example",
        "integrated-care-maturity-example",
    ):
        form = (tmp_path / "site" / f"{bank_id}.html").read_text(encoding="utf-8")
        assert 'data-question="' in form
        assert (tmp_path / "site" / f"{bank_id}-partnership.html").is_file()


# The guide's tables: a principle's title, its figure as shown, its level's label (and for the
# factors, with organisations counted equally). The JSON gives the unrounded figures.
FACTORS = {
    "track-record": ("A track record of joint work", 43 / 12, "Borderline", "3.4 Borderline"),
    "local-support": ("Support from local leaders", 2.75, "Concern", "2.6 Concern"),
    "trust": ("Trust between members", 4.0, "Strength", "3.8 Borderline"),
    "give-and-take": ("Give and take", 23 / 6, "Borderline", "4.0 Strength"),
    "staff-time": ("Staff time for the joint work", 35 / 12, "Concern", "3.1 Borderline"),
    "money": ("Money for the joint work", 2.5, "Concern", "2.6 Concern"),
}
FACTOR_GROUPS = {
    "setting": ("The setting", 19 / 6, "Borderline"),
    "people": ("The people", 47 / 12, "Borderline"),
    "means": ("The means", 65 / 24, "Concern"),
}
SECTIONS = {
    "synergy": ("Working as more than the sum of the parts", 60.0, "Making headway"),
    "leadership": ("Leadership", 75.0, "Strong"),
    "resources": ("Resources", 50.0, "Making headway"),
}
DIMENSIONS = {
    "readiness": ("Readiness for change", 3.25, "rc-3"),
    "shared-records": ("Shared information systems", 2.75, "si-2"),
    "funding": ("Pooled funding", 1.0, "pf-1"),
    "citizens": ("People who use services involved", 3.0, "pi-3"),
}


def level_labels(name: str) -> dict[str, str]:
    """Every level id of the example's bank (its own and its principles') -> its label."""
    bank = load_questionnaire(bank_of(name))
    levels = [*bank.levels, *(lv for p in bank.principles for lv in p.levels or [])]
    return {level.id: level.label for level in levels}


def test_the_factors_are_means_over_respondents_on_the_1_to_5_scale() -> None:
    result = scored("factors")
    assert result["questionnaire"]["scoring"] == {
        "aggregate": "respondents",
        "display": "scale",
        "min": 1.0,
        "max": 5.0,
        "overall": False,
        "weakest_link": False,
    }
    partnership = result["partnership"]
    labels = level_labels("factors")
    for pid, (title, score, label, _) in FACTORS.items():
        figure = partnership["principles"][pid]
        assert figure["score"] == pytest.approx(score, abs=1e-9)
        assert labels[figure["level"]] == label
        text = one_decimal(score)
        assert f"| {title} | {text} | {label} |" in GUIDE
    for gid, (title, score, label) in FACTOR_GROUPS.items():
        group = partnership["groups"][gid]
        assert group["score"] == pytest.approx(score, abs=1e-9)
        assert labels[group["level"]] == label
        assert f"| {title} | {one_decimal(score)} | {label} |" in GUIDE
    assert partnership["overall"] is None and partnership["weakest_principle"] is None


def test_counting_organisations_equally_moves_three_factors_into_another_band(
    tmp_path: Path,
) -> None:
    """The guide's last column: the same answers under the default aggregate."""
    text = bank_of("factors").read_text(encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text.replace("aggregate: respondents", "aggregate: organisations"))
    principles = scored("factors", bank)["partnership"]["principles"]
    labels = level_labels("factors")
    moved = []
    for pid, (title, _, label, elsewhere) in FACTORS.items():
        figure = principles[pid]
        assert f"{one_decimal(figure['score'])} {labels[figure['level']]}" == elsewhere
        assert f"| {title} |" in GUIDE and f"| {elsewhere} |" in GUIDE
        moved += [pid] if labels[figure["level"]] != label else []
    assert moved == ["trust", "give-and-take", "staff-time"]


def test_the_sections_score_on_0_to_100_and_the_reported_ones_are_counts() -> None:
    partnership = scored("partnership-self-assessment")["partnership"]
    labels = level_labels("partnership-self-assessment")
    for pid, (title, score, label) in SECTIONS.items():
        figure = partnership["principles"][pid]
        assert figure["score"] == pytest.approx(score, abs=1e-9)
        assert labels[figure["level"]] == label
        assert f"| {title} | {score:.0f} | {label} |" in GUIDE
    assert partnership["principles"]["benefits"] == {
        "scored": False,
        "answers": {"be-1": {"0": 1, "1": 4, "null": 0}, "be-2": {"0": 1, "1": 3, "null": 1}},
    }
    assert partnership["principles"]["drawbacks"] == {
        "scored": False,
        "answers": {"dr-1": {"0": 3, "1": 2, "null": 0}},
    }
    assert "| Has taking part taught you new skills? | 3 | 1 | 1 |" in GUIDE
    assert partnership["groups"] == {} and partnership["overall"] is None


def test_the_sections_on_different_scales_are_refused_on_the_scale_as_the_guide_quotes(
    tmp_path: Path,
) -> None:
    text = bank_of("partnership-self-assessment").read_text(encoding="utf-8")
    for old, new in (
        ("display: percent ", "display: scale #"),
        ("min: 0,", "min: 1,"),
        ("min: 50,", "min: 3,"),
        ("min: 75,", "min: 4,"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    code, _, err = invoke("validate", str(bank))
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith(f"{bank}:")
    assert f"bank.yaml:{line.removeprefix(f'{bank}:')}" in GUIDE


def test_the_dimensions_take_their_own_described_levels_on_the_0_to_5_scale() -> None:
    bank = load_questionnaire(bank_of("integrated-care-maturity"))
    partnership = scored("integrated-care-maturity")["partnership"]
    for pid, (title, score, level_id) in DIMENSIONS.items():
        figure = partnership["principles"][pid]
        assert figure["score"] == pytest.approx(score, abs=1e-9)
        assert figure["level"] == level_id
        principle = next(p for p in bank.principles if p.id == pid)
        level = next(lv for lv in bank.levels_of(principle) if lv.id == level_id)
        row = f"| {title} | {one_decimal(score)} | {level.label} | {level.description} |"
        assert row in GUIDE


@pytest.fixture(scope="module", params=NAMES)
def scorecard(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    name: str = request.param
    pdf = tmp_path_factory.mktemp(name) / f"{name}.pdf"
    code, _, err = invoke(
        "report",
        "--questionnaire",
        str(bank_of(name)),
        str(EXAMPLES / name / "responses"),
        "--partnership",
        "Example partnership",
        "-o",
        str(pdf),
        "--quiet",
    )
    assert code == 0, err
    return pdf


def test_report_writes_a_pdf_that_verify_passes(scorecard: Path) -> None:
    assert scorecard.read_bytes().startswith(b"%PDF-")
    code, out, err = invoke("verify", str(scorecard))
    assert code == 0, out + err
    assert out.startswith("verified: ")


def test_the_guide_shows_a_picture_of_each_example() -> None:
    pictures = [f"{name}-{kind}" for name in NAMES for kind in ("scorecard", "partnership")]
    for picture in [*pictures, "integrated-care-maturity-form"]:
        path = f"images/instrument-{picture}.png"
        assert f"({path})" in GUIDE
        assert (ROOT / "docs" / path).is_file()


def test_the_guide_says_the_published_items_belong_to_their_owners() -> None:
    assert "**The published items belong to their owners.**" in GUIDE
    for name in NAMES:
        assert "belong to their owners" in bank_of(name).read_text(encoding="utf-8")
