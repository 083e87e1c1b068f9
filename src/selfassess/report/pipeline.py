"""`selfassess report`: responses -> scorecard view -> HTML (theme) -> PDF (WeasyPrint), atomically.

WeasyPrint is imported inside the PDF functions only: it costs most of a second to import, and
`build` and `score` never need it.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.privacy import PrivacyOptions, pseudonyms
from selfassess.core.scoring import Scores, score_all
from selfassess.inputs.banks import BankSource
from selfassess.inputs.branding import Branding
from selfassess.inputs.responses import LoadedResponses
from selfassess.pages.page_shell import refuse_block_end
from selfassess.pages.theme_rendering import render_template, template_environment
from selfassess.pages.themes import Theme, load_theme
from selfassess.pages.writing import check_output_file, write_atomic
from selfassess.report.audit import Attachment, AuditTrail, audit_trail, without_absolute_folders
from selfassess.report.pdf_tags import complete_tags
from selfassess.report.weasy import import_weasyprint
from selfassess.scorecard.build import build_scorecard
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import ScorecardView
from selfassess.scorecard.wording import from_baseline

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

SCORECARD_TEMPLATE = "scorecard.html.j2"
SCORECARD_CSS = "css/scorecard.css"
SCORECARD_THEME_CSS = "css/scorecard-theme.css"  # each theme's additions, stacked along its chain
REPORT_STEPS = ("Scoring", "Drawing charts", "Writing HTML", "Laying out pages", "Writing files")
# What --pdf-variant offers: tagged PDF/UA-1 (the default), tagged PDF/A-3b (archival; PDF/A-3
# is the PDF/A that allows embedded files, so the audit trail stays inside), or untagged.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")
DEFAULT_PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class ReportRequest:
    """What `selfassess report` was asked for, after its inputs were loaded."""

    bank: Questionnaire
    responses: LoadedResponses
    options: ScorecardOptions
    theme: str | None = None  # bundled theme name or folder; None means the default theme
    branding: Branding = field(default_factory=Branding)  # --brand-name, --logo, --primary-colour
    pdf: Path | None = None
    html: Path | None = None
    baseline: LoadedResponses | None = None
    pdf_variant: str = DEFAULT_PDF_VARIANT
    min_group_size: int | None = None  # None: the bank's privacy.min_group_size (and 1 for orgs)
    anonymise_organisations: bool = False
    bank_source: BankSource | None = None  # the bank's file, to embed byte for byte
    attach_inputs: bool = True  # False: --no-attach
    command_options: Mapping[str, Any] = field(default_factory=dict)  # as given, for the manifest
    created: datetime | None = None  # None: now (UTC)


def privacy_options(
    bank: Questionnaire,
    min_group_size: int | None,
    anonymise: bool,
    rounds: Sequence[Scores],
    shuffle: Callable[[list[str]], None] | None = None,
) -> PrivacyOptions:
    """The anonymity rules for --min-group-size and --anonymise-organisations.

    Without --min-group-size, comment groups and roles need the bank's privacy.min_group_size
    and organisations are shown from one respondent; with it, N applies to both. Pseudonyms
    are dealt in a random order, the same for both rounds, so "Partner A" says nothing about
    the name behind it (an alphabetical order could be undone from the list of partners).
    """
    if min_group_size is not None and min_group_size < 1:
        raise SelfassessError.at("--min-group-size", f"must be 1 or more, not {min_group_size}")
    names = None
    if anonymise:
        order = sorted({name for scores in rounds for name in scores.organisations})
        (shuffle or random.SystemRandom().shuffle)(order)
        names = pseudonyms(order)
    return PrivacyOptions(
        min_group_size=min_group_size or bank.privacy.min_group_size,
        min_organisation_size=min_group_size or 1,
        pseudonyms=names,
    )


@dataclass(frozen=True)
class ScoredRounds:
    """This round and the baseline scored, with the privacy rules (pseudonyms drawn) for both."""

    scores: Scores
    baseline: Scores | None
    options: ScorecardOptions  # its privacy is always set


def score_rounds(
    bank: Questionnaire,
    responses: LoadedResponses,
    options: ScorecardOptions,
    baseline: LoadedResponses | None = None,
    *,
    min_group_size: int | None = None,
    anonymise_organisations: bool = False,
) -> ScoredRounds:
    """Score this round (and the baseline), and settle the privacy rules `build_scorecard` needs.

    Options that already carry privacy rules (`verify` passes the manifest's) keep them.
    """
    scores = score_all(bank, responses.responses)
    baseline_scores = score_all(bank, baseline.responses) if baseline is not None else None
    if options.privacy is None:
        rounds = [scores] + ([baseline_scores] if baseline_scores is not None else [])
        options = replace(
            options,
            privacy=privacy_options(bank, min_group_size, anonymise_organisations, rounds),
        )
    return ScoredRounds(scores, baseline_scores, options)


def skipped_lines(responses: LoadedResponses, baseline: LoadedResponses | None) -> list[str]:
    """The files skipped, as the scorecard and its manifest list them."""
    lines = [str(p) for p in responses.skipped]
    lines += [from_baseline(str(p)) for p in baseline.skipped] if baseline else []
    return [without_absolute_folders(line) for line in lines]


def note_lines(responses: LoadedResponses, baseline: LoadedResponses | None) -> list[str]:
    """The loaders' notes on the files, as the scorecard and its manifest list them."""
    lines = list(responses.warnings)
    lines += [from_baseline(w) for w in baseline.warnings] if baseline else []
    return [without_absolute_folders(line) for line in lines]


def render_scorecard_html(view: ScorecardView, theme: Theme) -> str:
    """The scorecard as one standalone HTML page: CSS inline, charts inline, no script."""
    css = "\n".join(
        [
            theme.css_variables(),
            theme.read_file(SCORECARD_CSS),
            *theme.read_each(SCORECARD_THEME_CSS),
        ]
    )
    refuse_block_end(theme, "css", css, "</style")
    env = template_environment(theme)
    return render_template(
        env, SCORECARD_TEMPLATE, {"view": view, "css": css, "brand": theme.branding}
    )


def pdf_options(variant: str) -> dict[str, Any]:
    """WeasyPrint's options for a --pdf-variant: every variant but "none" is tagged.

    PDF/A-3b does not require tags; we keep them so the archival copy stays readable by a
    screen reader (without claiming PDF/A-3a, which asks for more than we check).
    """
    if variant not in PDF_VARIANTS:
        raise SelfassessError.at(
            "--pdf-variant", f"'{variant}' is not one of {', '.join(PDF_VARIANTS)}"
        )
    if variant == "none":
        return {"pdf_tags": False}
    return {"pdf_variant": variant, "pdf_tags": True}


def render_scorecard_pdf(
    html: str,
    theme: Theme,
    step: Callable[[str], None] = lambda _: None,
    *,
    variant: str = DEFAULT_PDF_VARIANT,
    attachments: Sequence[Attachment] = (),
) -> bytes:
    """HTML -> PDF bytes; only the theme's own files can be pulled in.

    Title and language come from the page's <title> and <html lang> (the bank's language).
    `attachments` are embedded from memory, never fetched: the page itself cannot add any.
    """
    weasyprint = import_weasyprint()  # lazy: see the module docstring

    options = pdf_options(variant)
    fetcher = theme_url_fetcher(theme.folders())
    step("Laying out pages")
    document = weasyprint.HTML(
        string=html,
        base_url=theme.folders()[0].resolve().as_uri() + "/",
        url_fetcher=fetcher,
    ).render(**options)
    files = [
        weasyprint.Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            relationship=a.relationship,
            url_fetcher=fetcher,  # never used for a string; without it each builds its own
        )
        for a in attachments
    ]
    # complete_tags adds what WeasyPrint's tag tree lacks for PDF/UA-1 (see pdf_tags.py)
    pdf: bytes = document.write_pdf(attachments=files, finisher=complete_tags, **options)
    return pdf


def render_scorecard_reading(
    html: str, theme: Theme, variant: str = DEFAULT_PDF_VARIANT
) -> tuple[bytes, list[str]]:
    """The scorecard laid out as `report` lays it out, for `verify` to read back: the PDF (no
    attachments) and the text of every running header and footer (the page's margin boxes),
    which pagination may move. Tagged as the report was (`variant`): the tags' marked content
    changes how a PDF reader strings some fonts' text together, so an untagged copy of a tagged
    scorecard can read differently where nothing differs."""
    weasyprint = import_weasyprint()
    options = pdf_options(variant)
    fetcher = theme_url_fetcher(theme.folders())
    document = weasyprint.HTML(
        string=html,
        base_url=theme.folders()[0].resolve().as_uri() + "/",
        url_fetcher=fetcher,
    ).render(**options)
    furniture: list[str] = []
    for page in document.pages:
        for box in page._page_box.children:  # WeasyPrint's layout: the body, then margin boxes
            if type(box).__name__ == "MarginBox":
                furniture.append(" ".join(_box_text(box)))
    pdf: bytes = document.write_pdf(**options)
    return pdf, furniture


def _box_text(box: Any) -> list[str]:
    found = [box.text] if isinstance(getattr(box, "text", None), str) else []
    for child in getattr(box, "children", ()):
        found += _box_text(child)
    return found


def report_audit_trail(request: ReportRequest, view: ScorecardView) -> AuditTrail:
    """The files and manifest this report embeds (see audit.py)."""
    bank = request.bank_source or BankSource(
        request.bank,
        f"{request.bank.id}.yaml",
        yaml.safe_dump(request.bank.model_dump(mode="json"), sort_keys=False, allow_unicode=True),
    )
    withheld = ""
    if view.anonymised:
        withheld = "--anonymise-organisations: the answer files name the organisations"
    elif not request.attach_inputs:
        withheld = "--no-attach"
    return audit_trail(
        bank,
        request.responses,
        request.baseline,
        view,
        options=request.command_options,
        created=request.created or datetime.now(UTC),
        attach_inputs=not withheld,
        withheld_because=withheld,
        show_names=request.options.show_names,
        report_date=request.options.date,
    )


def theme_url_fetcher(folders: Sequence[Path]) -> URLFetcher:
    """A WeasyPrint fetcher that serves files inside the theme folders and `data:` URLs only.

    Anything else (http, https, ftp, file:///etc/passwd, a symlink out of the theme) raises,
    so WeasyPrint skips the resource and embeds nothing.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [os.path.realpath(folder) for folder in folders]

    class ThemeOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and is_inside(file_url_path(url), allowed):
                return super().fetch(url, headers)
            raise ValueError(f"refused {url[:80]}: a scorecard may only use its theme's files")

    return ThemeOnlyFetcher(allowed_protocols=["file", "data"], allow_redirects=False)


def file_url_path(url: str) -> str:
    """The local path of a file: URL ("" when it names another host)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return ""
    return unquote(parts.path)


def is_inside(path: str, folders: Sequence[str]) -> bool:
    """True when `path`, symlinks resolved, lies inside one of the (resolved) folders."""
    if not path:
        return False
    real = os.path.realpath(path)
    return any(os.path.commonpath([real, folder]) == folder for folder in folders)


def check_output(path: Path, suffix: str) -> None:
    """Fail before the slow part when an output cannot be written where asked."""
    check_output_file(path, f"give a file name ending in {suffix}")


def write_report(request: ReportRequest, step: Callable[[str], None] = lambda _: None) -> str:
    """Render the requested outputs, then write each atomically: a failure keeps old files.

    Returns one line on what the PDF's attachments leave out ("" when nothing, or no PDF).
    """
    if request.pdf is None and request.html is None:
        raise SelfassessError.at("report", "nothing to write: give -o FILE.pdf and/or --html FILE")
    for path, suffix in ((request.pdf, ".pdf"), (request.html, ".html")):
        if path is not None:
            check_output(path, suffix)
    theme = load_theme(request.theme).branded(request.branding)
    options = replace(
        request.options,
        font_family=theme.fonts.get("body", request.options.font_family),
        highlight=theme.colours.get("text", request.options.highlight),
    )
    step("Scoring")
    rounds = score_rounds(
        request.bank,
        request.responses,
        options,
        request.baseline,
        min_group_size=request.min_group_size,
        anonymise_organisations=request.anonymise_organisations,
    )
    step("Drawing charts")
    view = build_scorecard(
        request.bank,
        rounds.scores,
        request.responses.responses,
        rounds.options,
        baseline=rounds.baseline,
        baseline_responses=request.baseline.responses if request.baseline is not None else (),
        skipped=skipped_lines(request.responses, request.baseline),
        notes=note_lines(request.responses, request.baseline),
    )
    step("Writing HTML")
    html = render_scorecard_html(view, theme)
    pdf = None
    withheld = ""
    if request.pdf is not None:
        trail = report_audit_trail(request, view)
        withheld = trail.withheld
        pdf = render_scorecard_pdf(
            html, theme, step=step, variant=request.pdf_variant, attachments=trail.attachments
        )
    step("Writing files")
    if request.html is not None:
        write_atomic(request.html, html.encode("utf-8"))
    if request.pdf is not None and pdf is not None:
        write_atomic(request.pdf, pdf)
    return withheld
