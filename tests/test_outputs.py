"""The outputs table (report/outputs.py): the pipeline writes whatever entries were asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.report.outputs import (
    OUTPUTS,
    OutputFile,
    RenderedScorecard,
    ScorecardOutput,
    register_output,
)
from selfassess.report.pipeline import ReportRequest, write_report
from selfassess.scorecard.options import ScorecardOptions

RESPONSES = Path(__file__).parent.parent / "examples" / "responses"


def request(outputs: dict[str, Path]) -> ReportRequest:
    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    return ReportRequest(
        bank=bank,
        responses=load_responses(paths, bank),
        options=ScorecardOptions(partnership="Northshire"),
        outputs=outputs,
    )


@pytest.fixture
def summary_output() -> Iterator[str]:
    """A toy output, one line of text from the view, registered as a new one would be."""

    def summary(rendered: RenderedScorecard) -> OutputFile:
        view = rendered.view
        line = f"{view.title}: {view.overall} from {view.respondents} respondents\n"
        return OutputFile(line.encode("utf-8"), withheld="the summary leaves out the comments")

    register_output("summary", ScorecardOutput(".txt", summary))
    yield "summary"
    del OUTPUTS["summary"]


def test_a_registered_output_is_written_beside_the_html(
    tmp_path: Path, summary_output: str
) -> None:
    text, html = tmp_path / "summary.txt", tmp_path / "scorecard.html"
    withheld = write_report(request({summary_output: text, "html": html}))
    assert text.read_text(encoding="utf-8").startswith("Partnership scorecard: ")
    assert "respondents" in text.read_text(encoding="utf-8")
    assert "<html" in html.read_text(encoding="utf-8")
    assert withheld == "the summary leaves out the comments"


def test_an_output_is_checked_against_its_own_suffix(tmp_path: Path, summary_output: str) -> None:
    (tmp_path / "summary.txt").mkdir()
    with pytest.raises(SelfassessError, match=r"is a folder; give a file name ending in \.txt"):
        write_report(request({summary_output: tmp_path / "summary.txt"}))


def test_an_unknown_output_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(SelfassessError, match="no output called 'slides'; known: pdf, html"):
        write_report(request({"slides": tmp_path / "s.odp"}))
    assert list(tmp_path.iterdir()) == []


def test_the_bundled_outputs_are_the_pdf_and_the_html_page() -> None:
    assert {name: output.suffix for name, output in OUTPUTS.items()} == {
        "pdf": ".pdf",
        "html": ".html",
    }
