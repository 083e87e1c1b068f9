"""`selfassess verify`: re-score a scorecard's attached inputs and compare with what it prints.

Three things are compared, so that changing any one of them alone is caught:

1. the attached files against the SHA-256 the manifest recorded for them;
2. the figures the manifest says were printed against the figures the attached answers give,
   worked out by the same loader, scorer and view-model as `selfassess report`;
3. the headline numbers on the page (the text layer: overall score and each principle's
   score in the summary) against the figures the attached answers give.

pypdf (a pure-Python PDF reader) is imported here only: `score` and `build` never need it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.audit import (
    BASELINE_ROUND,
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    describe,
    differences,
    printed_figures,
)
from selfassess.errors import SelfassessError
from selfassess.load import (
    LoadedResponses,
    load_response_data,
    parse_bank_bytes,
    read_file_bytes,
)
from selfassess.model import Questionnaire
from selfassess.privacy import PrivacyOptions
from selfassess.report import scorecard_view
from selfassess.scorecard import ScorecardOptions, ScorecardView

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_LISTED = 12  # figure differences named one by one; the rest are counted


@dataclass
class Verification:
    """What `verify` found: `problems` empty means every check passed."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.summary)

    def lines(self) -> list[str]:
        if self.ok:
            return [self.summary]
        head = self.summary or f"not verified: {len(self.problems)} problem(s)"
        shown = self.problems[: 2 * MAX_LISTED]
        rest = len(self.problems) - len(shown)
        return [head, *(f"- {p}" for p in shown)] + ([f"- ... and {rest} more"] if rest else [])


def verify_scorecard(path: Path, inputs: Sequence[tuple[str, bytes]] | None = None) -> Verification:
    """Check a scorecard PDF against its embedded inputs (or `inputs` given separately)."""
    attachments, pages = read_pdf(path)
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
    entries: list[dict[str, Any]] = list(manifest.get("inputs") or [])
    if inputs is not None:
        files = _given_inputs(entries, inputs, result)
    elif not manifest.get("inputs_attached"):
        why = manifest.get("inputs_withheld_because") or "--no-attach"
        result.summary = f"not verified: the answer files are not attached ({why})"
        result.problems.append(
            "the manifest lists each file's SHA-256: check files you hold with sha256sum, "
            "or pass them with: selfassess verify SCORECARD.pdf --inputs FILES"
        )
        return result
    else:
        files = _attached_inputs(entries, attachments, manifest, result)
    if bank is None:
        return result
    derived = _derive(bank, files, manifest, result)
    if derived is None:
        return result
    printed = manifest.get("printed") or {}
    fresh = printed_figures(derived)
    titles = {row.id: row.title for row in derived.principles}
    compared = ["partnership", "organisations"]
    if manifest.get("privacy", {}).get("anonymised"):
        # The letters were dealt at random and never recorded: only the partnership's figures
        # can be matched without the names.
        compared = ["partnership"]
    result.problems += _page_problems(pages, derived)
    found = [
        describe(where, was, now, titles)
        for part in compared
        for where, was, now in differences(printed.get(part), fresh.get(part), (part,))
    ]
    result.problems += found[:MAX_LISTED]
    if len(found) > MAX_LISTED:
        result.problems.append(f"... and {len(found) - MAX_LISTED} more figures that differ")
    if not result.problems:
        q = bank
        count = len(files[0]) + len(files[1])
        note = (
            " (partnership figures only: organisations are anonymised)"
            if len(compared) == 1
            else ""
        )
        result.summary = f"verified: {count} inputs, bank {q.id} {q.version}, scores match{note}"
    return result


# ---------------------------------------------------------------- reading the PDF


def read_pdf(path: Path) -> tuple[dict[str, bytes], list[str]]:
    """A PDF's attachments (name -> bytes) and each page's text, or our one-line error."""
    data = read_file_bytes(path, "PDF file", MAX_PDF_BYTES)
    if not data.lstrip()[:5] == b"%PDF-":
        raise SelfassessError.at(path, "is not a PDF file")
    from pypdf import PdfReader  # lazy: see the module docstring
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = {name: files[0] for name, files in reader.attachments.items() if files}
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise SelfassessError.at(path, f"cannot be read as a PDF: {exc}") from None
    return attachments, pages


def _manifest(data: bytes, result: Verification) -> dict[str, Any] | None:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.problems.append(f"{MANIFEST_NAME} is damaged: {exc}")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        result.problems.append(f"{MANIFEST_NAME} is not a {MANIFEST_FORMAT} manifest")
        return None
    return manifest


def _bank(
    manifest: dict[str, Any], attachments: dict[str, bytes], result: Verification
) -> Questionnaire | None:
    entry = manifest.get("questionnaire") or {}
    name = entry.get("attachment")
    data = attachments.get(name or "")
    if data is None:
        result.problems.append(f"the questionnaire ({name}) is not attached")
        return None
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        result.problems.append(
            f"the attached questionnaire {name} differs from the one the report was made with "
            "(its SHA-256 is not the manifest's)"
        )
    try:
        return parse_bank_bytes(data, str(name)).questionnaire
    except SelfassessError as exc:
        result.problems.append(f"the attached questionnaire does not read: {exc.problems[0]}")
        return None


Files = tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]  # this round, baseline


def _attached_inputs(
    entries: list[dict[str, Any]],
    attachments: dict[str, bytes],
    manifest: dict[str, Any],
    result: Verification,
) -> Files:
    files: Files = ([], [])
    expected = {MANIFEST_NAME, (manifest.get("questionnaire") or {}).get("attachment")}
    for entry in entries:
        name = entry.get("attachment")
        expected.add(name)
        data = attachments.get(name or "")
        if data is None:
            result.problems.append(f"{entry.get('file')}: missing attachment {name}")
            continue
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            result.problems.append(
                f"{entry.get('file')}: the attached file differs from the one the report was "
                f"made from (SHA-256 mismatch in {name})"
            )
        _round_of(files, entry).append((str(entry.get("file")), data))
    for name in sorted(set(attachments) - expected):
        result.problems.append(f"an attachment the manifest does not list: {name}")
    return files


def _round_of(files: Files, entry: dict[str, Any]) -> list[tuple[str, bytes]]:
    return files[1] if entry.get("round") == BASELINE_ROUND else files[0]


def _given_inputs(
    entries: list[dict[str, Any]], inputs: Sequence[tuple[str, bytes]], result: Verification
) -> Files:
    """Files given with --inputs, matched to the manifest by their SHA-256."""
    by_hash = {hashlib.sha256(data).hexdigest(): (name, data) for name, data in inputs}
    files: Files = ([], [])
    missing = []
    for entry in entries:
        found = by_hash.pop(entry.get("sha256", ""), None)
        if found is None:
            missing.append(str(entry.get("file")))
            continue
        _round_of(files, entry).append(found)  # its own name: .csv or .json decides the reader
    if missing:
        result.problems.append(
            f"{len(missing)} of the files the report was made from are not among those given: "
            + _some(missing)
        )
    if by_hash:
        result.problems.append(
            f"{len(by_hash)} of the files given are not among those the report was made from: "
            + _some([name for name, _ in by_hash.values()])
        )
    return files


def _some(names: list[str], shown: int = 3) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _derive(
    bank: Questionnaire, files: Files, manifest: dict[str, Any], result: Verification
) -> ScorecardView | None:
    """The scorecard view the inputs give, with the report's own privacy settings."""
    this_round, earlier = files
    try:
        loaded = load_response_data(this_round, bank, skip_invalid=True)
        baseline = load_response_data(earlier, bank, skip_invalid=True) if earlier else None
    except SelfassessError as exc:
        result.problems.append(f"the attached answers cannot be scored: {exc.problems[0]}")
        return None
    for problem in _skipped(loaded) + (_skipped(baseline) if baseline else []):
        result.problems.append(f"an attached answer file no longer reads: {problem}")
    options = manifest.get("options") or {}
    privacy = manifest.get("privacy") or {}
    view_options = ScorecardOptions(
        title=options.get("title"),
        partnership=options.get("partnership"),
        privacy=PrivacyOptions(
            min_group_size=int(privacy.get("min_group_size", bank.privacy.min_group_size)),
            min_organisation_size=int(privacy.get("min_organisation_size", 1)),
        ),
    )
    return scorecard_view(bank, loaded, view_options, baseline)


def _skipped(loaded: LoadedResponses) -> list[str]:
    return [str(p) for p in loaded.skipped]


# ---------------------------------------------------------------- the page itself


def _page_problems(pages: list[str], view: ScorecardView) -> list[str]:
    """The summary page's headline numbers, as its text layer shows them, against the inputs.

    Every place a principle's score is printed there counts (the table, and the weakest-link
    box for that principle): changing one and not the other is caught too.
    """
    overall_score = re.compile(r"OVERALL SCORE (\d+|–) ?/100", re.IGNORECASE)
    summary = next((page for page in pages if overall_score.search(page)), None)
    if summary is None:
        return ["the page: cannot find the summary's overall score in the PDF's text"]
    problems = []
    shown_overall = {m[1] for m in overall_score.finditer(summary)}
    for number in sorted(shown_overall - {view.overall}):
        problems.append(
            f"the page shows an overall score of {number}, the inputs give {view.overall}"
        )
    for row in view.principles:
        pattern = (
            re.escape(f"{row.number}. {row.title}")
            + r"(?: (?:WEAKEST LINK|DIVERGENT|SPLIT))* (\d+|–)(?![.\d])"
        )
        shown = {m[1] for m in re.finditer(pattern, summary, re.IGNORECASE)}
        if not shown:
            problems.append(f"the page: cannot find the score of principle '{row.title}'")
        for number in sorted(shown - {row.score}):
            problems.append(
                f"the page shows principle '{row.title}' at {number}, the inputs give {row.score}"
            )
    return problems
