"""report/request.py: the choices the `report` command makes, without a terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from selfassess.report.request import ReportOptions, options_as_given, prepare_report

RESPONSES = Path(__file__).parent.parent / "examples" / "responses"
BASELINE = Path(__file__).parent.parent / "examples" / "baseline"

OPTIONS = ReportOptions(
    files=(str(RESPONSES),),
    questionnaire=None,
    pdf=None,
    html=None,
    title=None,
    partnership=None,
    baseline=(),
    theme=None,
    brand_name=None,
    logo=None,
    primary_colour=None,
    show_names=False,
    min_group_size=None,
    anonymise_organisations=False,
    no_attach=False,
    pdf_variant="pdf/ua-1",
    skip_invalid=False,
    quiet=True,
)


def test_outputs_name_only_the_files_asked_for() -> None:
    assert OPTIONS.outputs == {}
    assert replace(OPTIONS, html=Path("s.html")).outputs == {"html": Path("s.html")}
    both = replace(OPTIONS, pdf=Path("s.pdf"), html=Path("s.html"))
    assert list(both.outputs) == ["pdf", "html"]


def test_answer_files_are_withheld_from_an_anonymised_pdf_unless_no_attach_says_so() -> None:
    anonymised = replace(OPTIONS, pdf=Path("s.pdf"), anonymise_organisations=True)
    assert anonymised.withholds_answer_files
    assert not replace(anonymised, no_attach=True).withholds_answer_files
    assert not replace(anonymised, pdf=None, html=Path("s.html")).withholds_answer_files


def test_options_as_given_withhold_the_paths_when_organisations_are_anonymised() -> None:
    given = {"files": ("a/Riverside.json", "b"), "baseline": (), "logo": Path("logo.svg")}
    assert options_as_given(given, False) == {
        "files": ["a/Riverside.json", "b"],
        "baseline": [],
        "logo": "logo.svg",
    }
    assert options_as_given(given, True)["files"] == "2 argument(s), withheld"


def test_prepare_report_tells_of_each_round_as_it_is_loaded() -> None:
    told: list[tuple[str, int]] = []
    request = prepare_report(
        replace(OPTIONS, html=Path("s.html"), baseline=(str(BASELINE),)),
        given={},
        today=date(2026, 3, 5),
        tell=lambda loaded, what: told.append((what, len(loaded.responses))),
    )
    assert [what for what, _ in told] == ["answers", "baseline"]
    assert request.baseline is not None and len(request.baseline.responses) == told[1][1]
    assert request.options.date == date(2026, 3, 5)
    assert request.outputs == {"html": Path("s.html")}
