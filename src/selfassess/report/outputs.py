"""The files a report can write, in one table: today the PDF (`-o x.pdf`) and the HTML page
(`--html x.html`).

Every output starts from the same rendered scorecard (the view-model, its HTML page, the
theme) and turns it into bytes; the pipeline renders each requested output, then writes each
atomically, so a failure in any render leaves every earlier file as it was. A new output (say,
a slide deck or a spreadsheet of the printed figures) is one `register_output` call: the
pipeline loops over what was asked for and needs no change (datasette's
`register_output_renderer`, in miniature).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import SelfassessError
from selfassess.pages.themes import Theme
from selfassess.report.audit import AuditTrail
from selfassess.report.pdf import render_scorecard_pdf
from selfassess.scorecard.views import ScorecardView


@dataclass(frozen=True)
class RenderedScorecard:
    """What every output is made from: the facts, the page laid out by the theme, and how."""

    view: ScorecardView
    html: str
    theme: Theme
    pdf_variant: str
    audit_trail: Callable[[], AuditTrail]  # made only if an output embeds it (the PDF does)
    step: Callable[[str], None]  # reports progress: see pipeline.REPORT_STEPS


@dataclass(frozen=True)
class OutputFile:
    """An output's bytes, and one line on what it leaves out ("" when nothing)."""

    data: bytes
    withheld: str = ""


@dataclass(frozen=True)
class ScorecardOutput:
    """One kind of file a report writes."""

    suffix: str  # the file name it asks for ends so: ".pdf"
    render: Callable[[RenderedScorecard], OutputFile]


def html_file(rendered: RenderedScorecard) -> OutputFile:
    """The scorecard as one standalone HTML page: the rendered page itself."""
    return OutputFile(rendered.html.encode("utf-8"))


def pdf_file(rendered: RenderedScorecard) -> OutputFile:
    """The scorecard laid out as a PDF, the audit trail (inputs, manifest) embedded."""
    trail = rendered.audit_trail()
    data = render_scorecard_pdf(
        rendered.html,
        rendered.theme,
        step=rendered.step,
        variant=rendered.pdf_variant,
        attachments=trail.attachments,
    )
    return OutputFile(data, trail.withheld)


# Checked, rendered and written in this order; the command line's `wrote` lines follow it too.
OUTPUTS: dict[str, ScorecardOutput] = {
    "pdf": ScorecardOutput(".pdf", pdf_file),
    "html": ScorecardOutput(".html", html_file),
}


def register_output(name: str, output: ScorecardOutput) -> None:
    """Add (or replace) an output: the one place a new kind of scorecard file is declared."""
    OUTPUTS[name] = output


def chosen_outputs(requested: Mapping[str, Path]) -> list[tuple[ScorecardOutput, Path]]:
    """The outputs asked for (name -> file), in the table's order; refuses none or an unknown."""
    if not requested:
        raise SelfassessError.at("report", "nothing to write: give -o FILE.pdf and/or --html FILE")
    for name in requested:
        if name not in OUTPUTS:
            known = ", ".join(OUTPUTS)
            raise SelfassessError.at("report", f"no output called {name!r}; known: {known}")
    return [(output, requested[name]) for name, output in OUTPUTS.items() if name in requested]
