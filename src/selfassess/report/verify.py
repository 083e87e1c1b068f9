"""`selfassess verify`: rebuild a scorecard from its attached inputs and compare it with its pages.

Four things are compared, so that changing any one of them alone is caught:

1. the attached files against the SHA-256 the manifest recorded for them;
2. the figures the manifest says were printed against the figures the attached answers give,
   worked out by the same loader, scorer and view-model as `selfassess report`;
3. the text of every page (figures, names, levels, sentences) against the text of the scorecard
   rebuilt from the attached answers with the manifest's options and the same templates, laid
   out again by WeasyPrint and read back by the same PDF reader. The two texts are compared as
   sequences of words, so a scorecard passes however it paginates: line breaks, running headers
   and footers and page numbers are not part of what is compared; and the document's
   properties (title, author, subject, keywords), bookmarks and the tag tree's alternative
   texts, which a viewer or a screen reader shows;
4. the manifest's own fields, for type and range, before any of them is used.

What it does not show: who made the file, or that the attached answers are genuine. The lists
of skipped files and of notes on the files describe files that are not attached: they are taken
from the manifest as printed. pypdf (a pure-Python PDF reader) and WeasyPrint are imported here
only when `verify` runs: `score` and `build` never need them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfassessError
from selfassess.core.i18n import use_translations
from selfassess.inputs.banks import parse_bank_bytes
from selfassess.pages.themes import Theme
from selfassess.pages.translations import translations_for
from selfassess.report.attached_files import MANIFEST_FORMAT
from selfassess.report.audit import (
    MANIFEST_NAME,
    describe,
    differences,
    printed_figures,
)
from selfassess.report.manifest_fields import manifest_problems
from selfassess.report.page_comparison import (
    html_text,
    letters,
    page_differences,
    page_problems,
    viewer_differences,
)
from selfassess.report.pdf import DEFAULT_PDF_VARIANT, PDF_VARIANTS, render_scorecard_reading
from selfassess.report.pdf_text import PrintedText, read_pages, read_pdf
from selfassess.report.pipeline import (
    render_scorecard_html,
)
from selfassess.report.verify_inputs import attached_inputs, given_inputs, workshop_entries
from selfassess.report.verify_rebuild import AttachedBank, derive_view, manifest_theme
from selfassess.scorecard.views import ScorecardView

MAX_LISTED = 12  # differences named one by one; the rest are counted
GUARANTEE = (
    "what this shows: the text printed on every page agrees with the files it carries (or "
    "those given with --inputs); not the charts' shapes or colours, not who made the file, nor "
    "that those files are genuine answers"
)
GUARANTEE_SCORES_ONLY = (
    "what this shows: the partnership's figures and the overall and principle scores on the "
    "pages agree with the files it carries (or those given with --inputs); not the rest of the "
    "text, not the charts, not who made the file, nor that those files are genuine answers"
)


@dataclass
class Verification:
    """What `verify` found: `problems` empty means every check passed."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""
    notes: list[str] = field(default_factory=list)  # what was and was not compared
    compared_pages: int = 0  # pages whose whole text was compared

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.summary)

    def lines(self) -> list[str]:
        if self.ok:
            return [
                self.summary,
                *self.notes,
                GUARANTEE if self.compared_pages else GUARANTEE_SCORES_ONLY,
            ]
        head = self.summary or f"not verified: {len(self.problems)} problem(s)"
        shown = self.problems[: 2 * MAX_LISTED]
        rest = len(self.problems) - len(shown)
        more = [f"- ... and {rest} more"] if rest else []
        return [head, *(f"- {p}" for p in shown), *more, *self.notes]


def verify_scorecard(path: Path, inputs: Sequence[tuple[str, bytes]] | None = None) -> Verification:
    """Check a scorecard PDF against its embedded inputs (or `inputs` given separately)."""
    attachments, page_text = read_pdf(path)
    result = Verification()
    if MANIFEST_NAME not in attachments:
        result.problems.append(
            f"not a selfassess scorecard: it carries no {MANIFEST_NAME} "
            f"({len(attachments)} other attachment(s))"
        )
        return result
    manifest = _manifest(attachments[MANIFEST_NAME], result)
    if manifest is None:
        return result
    bank = _bank(manifest, attachments, result)
    entries: list[dict[str, Any]] = manifest["inputs"]
    if inputs is not None:
        files = given_inputs(entries, inputs, result.problems, workshop_entries(manifest))
    elif not manifest["inputs_attached"]:
        why = manifest.get("inputs_withheld_because") or "--no-attach"
        result.summary = f"not verified: the answer files are not attached ({why})"
        result.problems.append(_PASS_INPUTS)
        return result
    else:
        files = attached_inputs(entries, attachments, manifest, result.problems)
        withheld = [entry for entry in entries if entry.get("withheld")]
        if withheld:
            _say_withheld(withheld, len(entries), result)
            return result
    if bank is None:
        return result
    derived = derive_view(bank, files, manifest, result.problems)
    if derived is None:
        return result
    printed = manifest.get("printed") or {}
    fresh = printed_figures(derived)
    titles = {row.id: row.title for row in derived.principles}
    compared = ["partnership", "organisations"]
    anonymised = bool(manifest["privacy"].get("anonymised"))
    if anonymised:
        # The letters were dealt at random and never recorded: only the partnership's figures
        # can be matched without the names.
        compared = ["partnership"]
    found = [
        describe(where, was, now, titles)
        for part in compared
        for where, was, now in differences(printed.get(part), fresh.get(part), (part,))
    ]
    result.problems += found[:MAX_LISTED]
    if len(found) > MAX_LISTED:
        result.problems.append(f"... and {len(found) - MAX_LISTED} more figures that differ")
    on_pages = _compare_pages(page_text, derived, manifest, anonymised, result)
    result.problems += on_pages[:MAX_LISTED]
    if len(on_pages) > MAX_LISTED:
        result.problems.append(
            f"... and {len(on_pages) - MAX_LISTED} more differences on the pages"
        )
    if manifest.get("skipped") or manifest.get("notes"):
        result.notes.append(
            "the lists of skipped files and of notes on the files are printed as the manifest "
            "records them: they describe files that are not attached"
        )
    if not result.problems:
        count = files.count
        note = " (partnership figures only: organisations are anonymised)" if anonymised else ""
        result.summary = (
            f"verified: {count} inputs, bank {bank.read.id} {bank.read.version}, scores match{note}"
        )
        if result.compared_pages:
            result.notes.insert(
                0,
                f"every figure, name, level and sentence on the {result.compared_pages} page(s) "
                "matches the scorecard rebuilt from the inputs",
            )
    return result


_PASS_INPUTS = (
    "the manifest lists each file's SHA-256: check files you hold with sha256sum, "
    "or pass them with: selfassess verify SCORECARD.pdf --inputs FILES"
)


def _say_withheld(withheld: list[dict[str, Any]], total: int, result: Verification) -> None:
    """Some files were left out (hidden groups): the page cannot be rebuilt without them."""
    reasons = sorted({str(entry["withheld"]) for entry in withheld})
    result.summary = (
        f"not verified: {len(withheld)} of {total} answer files are not attached "
        f"({'; '.join(reasons)}), and the partnership's figures count them"
    )
    checked = total - len(withheld)
    if not result.problems:
        result.notes.append(f"the {checked} attached files match the SHA-256 the manifest gives")
    result.problems.append(
        "to check the figures and every page, pass the original answer files: "
        "selfassess verify SCORECARD.pdf --inputs FILES (they are matched by SHA-256)"
    )


def _manifest(data: bytes, result: Verification) -> dict[str, Any] | None:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        result.problems.append(f"{MANIFEST_NAME} is damaged: {exc}")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        result.problems.append(f"{MANIFEST_NAME} is not a {MANIFEST_FORMAT} manifest")
        return None
    wrong = manifest_problems(manifest)
    if wrong:
        result.summary = f"not verified: {MANIFEST_NAME} is not as selfassess writes it"
        result.problems += wrong[:MAX_LISTED]
        return None
    return manifest


def _bank(
    manifest: dict[str, Any], attachments: dict[str, bytes], result: Verification
) -> AttachedBank | None:
    entry = manifest["questionnaire"]
    name = entry["attachment"]
    data = attachments.get(name)
    if data is None:
        result.problems.append(f"the questionnaire ({name}) is not attached")
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        result.problems.append(
            f"the attached questionnaire {name} differs from the one the report was made with "
            "(its SHA-256 is not the manifest's)"
        )
    try:
        # A draft translation reads (the report was made with --allow-untranslated, or not:
        # either way its texts are the ones the pages were rebuilt from)
        source = parse_bank_bytes(data, str(name), allow_untranslated=True)
    except SelfassessError as exc:
        result.problems.append(f"the attached questionnaire does not read: {exc.problems[0]}")
        return None
    language = manifest.get("language")  # None before #17: the bank's default language
    if language is not None and language not in source.languages:
        shown = repr(language[:40]) + ("..." if len(language) > 40 else "")
        offered = ", ".join(source.languages)
        result.problems.append(
            f"the scorecard's language {shown} is not one its questionnaire is offered in "
            f"(only {offered})"
        )
        return None
    return AttachedBank(source.questionnaire, source.in_language(language))


# ---------------------------------------------------------------- the pages themselves


def _compare_pages(
    printed_text: PrintedText,
    view: ScorecardView,
    manifest: dict[str, Any],
    anonymised: bool,
    result: Verification,
) -> list[str]:
    """Every page's text against the scorecard rebuilt from the inputs, or, where it cannot be
    rebuilt word for word, the headline scores; `result.notes` says which was done."""
    info, pages = printed_text.read()
    theme = manifest_theme(manifest)
    why = ""
    if anonymised:
        why = "the organisations' letters were dealt at random and are not recorded"
    elif theme is None:
        why = f"the theme '{manifest['options'].get('theme')}' is not a bundled theme"
    if why:
        result.notes.append(
            f"the pages were compared for the overall and principle scores only: {why}"
        )
        return page_problems(pages, view)
    assert theme is not None
    variant = manifest["options"].get("pdf_variant")
    with use_translations(translations_for(view.language)):  # its {% trans %} text
        html = render_scorecard_html(view, theme)
    rebuilt, printed = letters(html_text(html)), letters(" ".join(pages))
    if rebuilt > 2 * printed + 20_000:
        # laying out text the pages do not hold costs time and memory for nothing
        return [
            f"the scorecard rebuilt from the inputs holds {rebuilt} characters of text, the "
            f"pages {printed}: not laid out"
        ]
    try:
        furniture, expected_info, expected = rebuilt_pages(
            html, theme, variant if variant in PDF_VARIANTS else DEFAULT_PDF_VARIANT
        )
    except Unreadable as exc:
        return [f"the scorecard rebuilt from the inputs cannot be read back: {exc}"]
    problems = viewer_differences(info, expected_info)
    problems += page_differences(pages, expected, furniture)
    result.compared_pages = len(pages)
    return problems


class Unreadable(Exception):
    """pypdf's own limits, met on the PDF just made from the inputs."""


def rebuilt_pages(
    html: str, theme: Theme, variant: str
) -> tuple[list[str], dict[str, str], list[str]]:
    """The scorecard rebuilt from `html`, laid out and read back as its pages are read: the
    running headers and footers, the document's properties and each page's text. It depends on
    its arguments and the theme's files alone: the test suite reads each distinct page back
    once (tests/shared_layouts.py)."""
    pdf, furniture = render_scorecard_reading(html, theme, variant)
    try:
        info, pages = read_pages(pdf)
    except Exception as exc:
        raise Unreadable(str(exc)) from exc
    return furniture, info, pages
