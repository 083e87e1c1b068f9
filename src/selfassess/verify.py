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

import difflib
import hashlib
import html as htmllib
import io
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
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
from selfassess.branding import Branding
from selfassess.errors import SelfassessError
from selfassess.load import (
    LoadedResponses,
    load_response_data,
    parse_bank_bytes,
    read_file_bytes,
)
from selfassess.model import Questionnaire
from selfassess.privacy import PrivacyOptions
from selfassess.report import (
    DEFAULT_PDF_VARIANT,
    PDF_VARIANTS,
    render_scorecard_html,
    render_scorecard_reading,
    scorecard_view,
)
from selfassess.scorecard import ScorecardOptions, ScorecardView
from selfassess.themes import Theme, bundled_theme_names, load_theme

MAX_PDF_BYTES = 200 * 1024 * 1024
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
    attachments, pages, info = read_pdf(path)
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
        files = _given_inputs(entries, inputs, result)
    elif not manifest["inputs_attached"]:
        why = manifest.get("inputs_withheld_because") or "--no-attach"
        result.summary = f"not verified: the answer files are not attached ({why})"
        result.problems.append(_PASS_INPUTS)
        return result
    else:
        files = _attached_inputs(entries, attachments, manifest, result)
        withheld = [entry for entry in entries if entry.get("withheld")]
        if withheld:
            _say_withheld(withheld, len(entries), result)
            return result
    if bank is None:
        return result
    derived = _derive(bank, files, manifest, result)
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
    on_pages = _compare_pages(pages, info, derived, manifest, anonymised, result)
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
        count = len(files[0]) + len(files[1])
        note = " (partnership figures only: organisations are anonymised)" if anonymised else ""
        result.summary = (
            f"verified: {count} inputs, bank {bank.id} {bank.version}, scores match{note}"
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


# ---------------------------------------------------------------- reading the PDF

MAX_ATTACHMENTS = 5000  # a scorecard carries one per answer file, plus the bank and manifest
MAX_ATTACHED_BYTES = 100 * 1024 * 1024  # all attachments together, decompressed
MAX_PAGES = 2000
MAX_NAME_TREE_DEPTH = 32


def read_pdf(path: Path) -> tuple[dict[str, bytes], list[str], dict[str, str]]:
    """A PDF's attachments (name -> bytes), each page's text and its document properties, or
    our one-line error.

    The attachments are decompressed here, not by pypdf, so that a few megabytes of crafted
    streams cannot grow into gigabytes: past MAX_ATTACHMENTS files or MAX_ATTACHED_BYTES in all,
    the PDF is refused before the rest is read.
    """
    data = read_file_bytes(path, "PDF file", MAX_PDF_BYTES)
    if not data.lstrip()[:5] == b"%PDF-":
        raise SelfassessError.at(path, "is not a PDF file")
    from pypdf import PdfReader  # lazy: see the module docstring
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = _attachments(reader, path)
        if len(reader.pages) > MAX_PAGES:
            raise SelfassessError.at(
                path, f"has {len(reader.pages)} pages; a scorecard has at most {MAX_PAGES}"
            )
        info, pages = _reader_text(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise SelfassessError.at(path, f"cannot be read as a PDF: {exc}") from None
    return attachments, pages, info


def _attachments(reader: Any, path: Path) -> dict[str, bytes]:
    """The embedded files of the PDF's /EmbeddedFiles name tree, within the limits above."""
    from pypdf.generic import ArrayObject, DictionaryObject

    names = reader.trailer["/Root"].get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
    found: dict[str, bytes] = {}
    total = 0
    seen: set[int] = set()
    pending = [(tree, 0)] if tree is not None else []
    while pending:
        node, depth = pending.pop()
        node = node.get_object()
        if (
            id(node) in seen
            or depth > MAX_NAME_TREE_DEPTH
            or not isinstance(node, DictionaryObject)
        ):
            raise SelfassessError.at(
                path, "cannot be read as a PDF: its list of attachments is damaged"
            )
        seen.add(id(node))
        kids = node.get("/Kids")
        if isinstance(kids, ArrayObject):
            pending += [(kid, depth + 1) for kid in reversed(kids)]
        pairs = node.get("/Names")
        if not isinstance(pairs, ArrayObject):
            continue
        for i in range(0, len(pairs) - 1, 2):
            if len(found) >= MAX_ATTACHMENTS:
                raise SelfassessError.at(
                    path, f"carries more than {MAX_ATTACHMENTS} attachments; refused unread"
                )
            name = str(pairs[i])
            stream = pairs[i + 1].get_object()["/EF"]["/F"].get_object()
            content = _decompressed(stream, MAX_ATTACHED_BYTES - total, path, name)
            total += len(content)
            if name in found:
                raise SelfassessError.at(
                    path,
                    f"carries two attachments named {name}: which one the report was made "
                    "from cannot be told; refused",
                )
            found[name] = content
    return found


def _decompressed(stream: Any, room: int, path: Path, name: str) -> bytes:
    """One embedded file's bytes, decompressing no more than `room` bytes."""
    filters = stream.get("/Filter")
    filters = [filters] if filters is not None and not isinstance(filters, list) else filters or []
    raw = stream._data  # the stream as stored: pypdf's get_data() would inflate it unbounded
    if [str(f) for f in filters] not in ([], ["/FlateDecode"]) or stream.get("/DecodeParms"):
        raise SelfassessError.at(
            path, f"attachment {name}: compressed in a way selfassess never writes ({filters})"
        )
    if filters:
        inflate = zlib.decompressobj()
        try:
            raw = inflate.decompress(raw, room + 1)
        except zlib.error as exc:
            raise SelfassessError.at(path, f"attachment {name} is damaged: {exc}") from None
    if len(raw) > room:
        raise SelfassessError.at(
            path,
            f"its attachments come to more than {MAX_ATTACHED_BYTES // (1024 * 1024)} MB "
            f"decompressed (at {name}); refused unread",
        )
    return bytes(raw)


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


TEXT, FLAG, COUNT, MAP, LIST = "text", "true or false", "a whole number of 1 or more", "{}", "[]"
KINDS: dict[str, tuple[type, ...]] = {
    TEXT: (str,),
    FLAG: (bool,),
    COUNT: (int,),
    MAP: (dict,),
    LIST: (list,),
}
# Each field verify reads: (path, kind, may it be missing or null?). "*" is each item of a list.
MANIFEST_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("questionnaire", MAP, False),
    ("questionnaire.attachment", TEXT, False),
    ("questionnaire.sha256", TEXT, False),
    ("inputs_attached", FLAG, False),
    ("inputs_withheld_because", TEXT, True),
    ("inputs", LIST, False),
    ("inputs.*", MAP, False),
    ("inputs.*.round", TEXT, False),
    ("inputs.*.file", TEXT, False),
    ("inputs.*.sha256", TEXT, False),
    ("inputs.*.attachment", TEXT, True),
    ("inputs.*.attached_sha256", TEXT, True),
    ("inputs.*.withheld", TEXT, True),
    ("options", MAP, False),
    ("options.title", TEXT, True),
    ("options.partnership", TEXT, True),
    ("options.show_names", FLAG, True),
    ("options.theme", TEXT, True),
    ("options.brand_name", TEXT, True),
    ("options.primary_colour", TEXT, True),
    ("options.pdf_variant", TEXT, True),
    ("privacy", MAP, False),
    ("privacy.min_group_size", COUNT, False),
    ("privacy.min_organisation_size", COUNT, False),
    ("privacy.anonymised", FLAG, False),
    ("printed", MAP, False),
    ("skipped", LIST, True),
    ("skipped.*", TEXT, False),
    ("notes", LIST, True),
    ("notes.*", TEXT, False),
    ("report_date", TEXT, True),
    ("created", TEXT, True),
)


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    """Each field of the manifest that is missing, of the wrong type or out of range."""
    problems = []
    for path, kind, optional in MANIFEST_FIELDS:
        for where, value in _values_at(manifest, path.split(".")):
            if value is None:
                if not optional:
                    problems.append(f"{where} is missing; expected {_kind_name(kind)}")
                continue
            bad = not isinstance(value, KINDS[kind])
            if kind == COUNT:
                bad = isinstance(value, bool) or not isinstance(value, int) or value < 1
            if bad:
                problems.append(f"{where} should be {_kind_name(kind)}, not {_shown(value)}")
    return problems


def _values_at(node: Any, keys: list[str], where: str = "") -> list[tuple[str, Any]]:
    """The values at a dotted path ("inputs.*.sha256"), each with where it is; parents that are
    missing or of the wrong type yield nothing (they are reported at their own path)."""
    if not keys:
        return [(where, node)]
    key, rest = keys[0], keys[1:]
    if key == "*":
        if not isinstance(node, list):
            return []
        return [
            found
            for i, item in enumerate(node)
            for found in _values_at(item, rest, f"{where}[{i}]")
        ]
    if not isinstance(node, dict):
        return []
    return _values_at(node.get(key), rest, f"{where}.{key}" if where else key)


def _kind_name(kind: str) -> str:
    return {MAP: "a table of fields", LIST: "a list"}.get(kind, kind)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, dict | list):
        return "a table of fields" if isinstance(value, dict) else "a list"
    return json.dumps(value)


def _bank(
    manifest: dict[str, Any], attachments: dict[str, bytes], result: Verification
) -> Questionnaire | None:
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
    """The attached answer files, each checked against the SHA-256 of what was attached (names
    removed, unless --show-names) or, for older manifests, of the file as read."""
    files: Files = ([], [])
    expected = {MANIFEST_NAME, manifest["questionnaire"]["attachment"]}
    for entry in entries:
        name = entry.get("attachment")
        if name is None:
            if not entry.get("withheld"):
                result.problems.append(f"{entry['file']}: listed without an attachment")
            continue
        if name in expected:
            result.problems.append(
                f"{entry['file']}: its attachment {name} is listed for another file too"
            )
            continue
        expected.add(name)
        data = attachments.get(name)
        if data is None:
            result.problems.append(f"{entry['file']}: missing attachment {name}")
            continue
        if hashlib.sha256(data).hexdigest() != entry.get("attached_sha256", entry["sha256"]):
            result.problems.append(
                f"{entry['file']}: the attached file differs from the one the report was "
                f"made from (SHA-256 mismatch in {name})"
            )
        _round_of(files, entry).append((name, data))
    for name in sorted(set(attachments) - expected):
        result.problems.append(f"an attachment the manifest does not list: {name}")
    return files


def _round_of(files: Files, entry: dict[str, Any]) -> list[tuple[str, bytes]]:
    return files[1] if entry["round"] == BASELINE_ROUND else files[0]


def _given_inputs(
    entries: list[dict[str, Any]], inputs: Sequence[tuple[str, bytes]], result: Verification
) -> Files:
    """Files given with --inputs, matched to the manifest by their SHA-256 as read."""
    by_hash = {hashlib.sha256(data).hexdigest(): (name, data) for name, data in inputs}
    files: Files = ([], [])
    missing = []
    for entry in entries:
        found = by_hash.pop(entry["sha256"], None)
        if found is None:
            missing.append(str(entry["file"]))
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
    """The scorecard view the inputs give, with the report's own options and privacy settings."""
    this_round, earlier = files
    try:
        loaded = load_response_data(this_round, bank, skip_invalid=True)
        baseline = load_response_data(earlier, bank, skip_invalid=True) if earlier else None
    except SelfassessError as exc:
        result.problems.append(f"the attached answers cannot be scored: {exc.problems[0]}")
        return None
    for problem in _skipped(loaded) + (_skipped(baseline) if baseline else []):
        result.problems.append(f"an attached answer file no longer reads: {problem}")
    options = manifest["options"]
    privacy = manifest["privacy"]
    view_options = ScorecardOptions(
        title=options.get("title"),
        partnership=options.get("partnership"),
        show_names=bool(options.get("show_names")) and not privacy["anonymised"],
        date=_report_date(manifest),
        privacy=PrivacyOptions(
            min_group_size=privacy["min_group_size"],
            min_organisation_size=privacy["min_organisation_size"],
        ),
    )
    theme = _theme(manifest)
    if theme is not None:
        view_options = replace(
            view_options,
            font_family=theme.fonts.get("body", view_options.font_family),
            highlight=theme.colours.get("text", view_options.highlight),
        )
    try:
        return scorecard_view(
            bank,
            loaded,
            view_options,
            baseline,
            skipped=manifest.get("skipped") or [],
            notes=manifest.get("notes") or [],
        )
    except SelfassessError as exc:
        result.problems.append(f"the manifest's options do not make a scorecard: {exc.problems[0]}")
        return None


def _report_date(manifest: dict[str, Any]) -> date | None:
    """The date on the cover: recorded since manifests carry report_date, else the day made."""
    text = manifest.get("report_date") or (manifest.get("created") or "")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _theme(manifest: dict[str, Any]) -> Theme | None:
    """The report's theme and branding when it is a bundled theme; None for a theme folder,
    which verify does not load from a name in a file it was handed."""
    options = manifest["options"]
    name = options.get("theme") or "default"
    if name not in bundled_theme_names():
        return None
    branding = Branding(
        name=options.get("brand_name") or "", primary_colour=options.get("primary_colour") or ""
    )
    try:
        return load_theme(name).branded(branding)
    except SelfassessError:
        return None


def _skipped(loaded: LoadedResponses) -> list[str]:
    return [str(p) for p in loaded.skipped]


# ---------------------------------------------------------------- the pages themselves


def _compare_pages(
    pages: list[str],
    info: dict[str, str],
    view: ScorecardView,
    manifest: dict[str, Any],
    anonymised: bool,
    result: Verification,
) -> list[str]:
    """Every page's text against the scorecard rebuilt from the inputs, or, where it cannot be
    rebuilt word for word, the headline scores; `result.notes` says which was done."""
    theme = _theme(manifest)
    why = ""
    if anonymised:
        why = "the organisations' letters were dealt at random and are not recorded"
    elif theme is None:
        why = f"the theme '{manifest['options'].get('theme')}' is not a bundled theme"
    if why:
        result.notes.append(
            f"the pages were compared for the overall and principle scores only: {why}"
        )
        return _page_problems(pages, view)
    assert theme is not None
    variant = manifest["options"].get("pdf_variant")
    html = render_scorecard_html(view, theme)
    rebuilt, printed = _letters(_html_text(html)), _letters(" ".join(pages))
    if rebuilt > 2 * printed + 20_000:
        # laying out text the pages do not hold costs time and memory for nothing
        return [
            f"the scorecard rebuilt from the inputs holds {rebuilt} characters of text, the "
            f"pages {printed}: not laid out"
        ]
    pdf, furniture = render_scorecard_reading(
        html, theme, variant if variant in PDF_VARIANTS else DEFAULT_PDF_VARIANT
    )
    try:
        expected_info, expected = _read_pages(pdf)
    except Exception as exc:  # pypdf's own limits, on a PDF we just made from the inputs
        return [f"the scorecard rebuilt from the inputs cannot be read back: {exc}"]
    problems = [
        f"the document's properties: its {key.lower()} is '{info.get(key, '')[:80]}', "
        f"the inputs give '{expected_info.get(key, '')[:80]}'"
        for key in DOCUMENT_PROPERTIES
        if info.get(key, "") != expected_info.get(key, "")
    ]
    printed_alts = info.get("Alternative texts", "").split("\n")
    rebuilt_alts = expected_info.get("Alternative texts", "").split("\n")
    for number, (was, now) in enumerate(
        zip(printed_alts, rebuilt_alts + [""] * len(printed_alts), strict=False), start=1
    ):
        if was != now:
            at = next(
                (i for i, pair in enumerate(zip(was, now, strict=False)) if pair[0] != pair[1]),
                min(len(was), len(now)),
            )
            start = max(0, at - 40)
            problems.append(
                f"alternative text {number} (what a screen reader reads for a chart) reads "
                f"'...{was[start : at + 20]}...', the inputs give '...{now[start : at + 20]}...'"
            )
            break
    else:
        if len(rebuilt_alts) > len(printed_alts):
            problems.append("an alternative text the inputs give is missing from the tag tree")
    if info.get("Bookmarks") != expected_info.get("Bookmarks"):
        printed_marks = info.get("Bookmarks", "").split(" | ")
        rebuilt_marks = expected_info.get("Bookmarks", "").split(" | ")
        first = next(
            (
                i
                for i, pair in enumerate(zip(printed_marks, rebuilt_marks, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(printed_marks), len(rebuilt_marks)),
        )
        problems.append(
            f"bookmark {first + 1} (a viewer's sidebar) reads "
            f"'{(printed_marks[first:] or [''])[0][:80]}', "
            f"the inputs give '{(rebuilt_marks[first:] or [''])[0][:80]}'"
        )
    problems += page_differences(pages, expected, furniture)
    result.compared_pages = len(pages)
    return problems


def _html_text(html: str) -> str:
    """The text of a page's HTML: no styles, comments or tags."""
    text = re.sub(r"(?s)<style.*?</style>|<!--.*?-->", "", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", text))


def _letters(text: str) -> int:
    return sum(len(word) for word in text.split())


def _read_pages(pdf: bytes) -> tuple[dict[str, str], list[str]]:
    from pypdf import PdfReader

    return _reader_text(PdfReader(io.BytesIO(pdf)))


DOCUMENT_PROPERTIES = ("Title", "Author", "Subject", "Keywords")  # what the page's <head> sets


def _reader_text(reader: Any) -> tuple[dict[str, str], list[str]]:
    """The document properties a viewer shows and each page's text, whitespace collapsed."""
    metadata = reader.metadata or {}
    info = {key: str(metadata.get(f"/{key}") or "") for key in DOCUMENT_PROPERTIES}
    info["Bookmarks"] = " | ".join(_bookmarks(reader.outline))
    info["Alternative texts"] = "\n".join(_alternative_texts(reader))
    return info, [" ".join(page.extract_text().split()) for page in reader.pages]


MAX_TAGS = 500_000  # elements of the tag tree walked for alternative texts


def _alternative_texts(reader: Any) -> list[str]:
    """The /Alt of each element of the tag tree, in order: what a screen reader reads for a
    chart, which carries its figures."""
    from pypdf.generic import ArrayObject, DictionaryObject

    root = reader.trailer["/Root"].get("/StructTreeRoot")
    found: list[str] = []
    pending = [root] if root is not None else []
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > MAX_TAGS:
            raise ValueError(f"its tag tree has more than {MAX_TAGS} elements")
        if "/Alt" in node:
            found.append(" ".join(str(node["/Alt"]).split()))
        kids = node.get("/K")
        if kids is not None:
            pending += list(reversed(kids)) if isinstance(kids, ArrayObject) else [kids]
    return found


def _bookmarks(outline: Any, depth: int = 0) -> list[str]:
    """The titles of the PDF's bookmarks (a viewer's sidebar), in order."""
    if depth > MAX_NAME_TREE_DEPTH:
        raise ValueError("its bookmarks are nested too deep")
    found: list[str] = []
    for item in outline:
        if isinstance(item, list):
            found += _bookmarks(item, depth + 1)
        else:
            found.append(" ".join(str(item.title).split()))
    return found


Word = tuple[str, int]  # a word and the page (from 1) it is on


def page_differences(
    printed: Sequence[str], expected: Sequence[str], furniture: Sequence[str]
) -> list[str]:
    """Where the words of `printed` pages differ from those of `expected` pages, by page.

    Pagination is no difference: each page's running headers and footers (`furniture`, the text
    of the margin boxes; page numbers as any number) are taken off its end, the rest is compared
    as one sequence of words, and a stretch that differs only in where lines broke (the same
    letters, split into other words) counts as the same.
    """
    pieces = sorted({tuple(text.split()) for text in furniture if text.split()}, key=len)[::-1]
    ours = _words(printed, pieces)
    theirs = _words(expected, pieces)
    a = [w for w, _ in ours]
    b = [w for w, _ in theirs]
    if len(a) > 2 * len(b) + 2000:  # a diff of very unequal texts costs their product
        return [f"the pages hold {len(a)} words, the scorecard rebuilt from the inputs {len(b)}"]
    problems = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or _rewrapped(a[i1:i2], b[j1:j2]):
            continue
        page = ours[min(i1, len(ours) - 1)][1] if ours else 1
        before = a[max(0, i1 - 3) : i1]
        after = a[i2 : i2 + 2]
        problems.append(
            f"page {page}: prints '{_quote(before, a[i1:i2], after)}', "
            f"the inputs give '{_quote(before, b[j1:j2], after)}'"
        )
    return problems


def _rewrapped(ours: list[str], theirs: list[str]) -> bool:
    """True when two runs of words hold the same letters split at other places, and no split
    that one has and the other lacks falls between two digits: "Riverside Care" may be
    "RiversideCare" where a line broke, but "40 60 80" is not "406 080"."""
    joined = "".join(ours)
    if joined != "".join(theirs):
        return False
    moved = _splits(ours) ^ _splits(theirs)
    return not any(joined[i - 1].isdigit() and joined[i].isdigit() for i in moved)


def _splits(words: list[str]) -> set[int]:
    """Where, in the words run together, one word ends and the next begins."""
    ends, at = set(), 0
    for word in words[:-1]:
        at += len(word)
        ends.add(at)
    return ends


def _quote(before: list[str], middle: list[str], after: list[str], most: int = 16) -> str:
    shown = middle if len(middle) <= most else [*middle[: most // 2], "...", *middle[-most // 2 :]]
    return " ".join([*before, *shown, *after])


def _words(pages: Sequence[str], pieces: Sequence[tuple[str, ...]]) -> list[Word]:
    found: list[Word] = []
    for number, text in enumerate(pages, start=1):
        words = text.split()
        for _ in range(4):  # a page has at most four running texts: two headers, two footers
            piece = next((p for p in pieces if _ends_with(words, p)), None)
            if piece is None:
                break
            words = words[: len(words) - len(piece)]
        found += [(word, number) for word in words]
    return found


def _ends_with(words: list[str], piece: tuple[str, ...]) -> bool:
    """True when `words` ends with `piece`, any number standing for any other (page numbers)."""
    if len(piece) > len(words):
        return False
    tail = words[len(words) - len(piece) :]
    return all(w == p or (w.isdigit() and p.isdigit()) for w, p in zip(tail, piece, strict=True))


def _page_problems(pages: list[str], view: ScorecardView) -> list[str]:
    """The headline numbers, wherever the text layer shows them, against the inputs: used
    when the page cannot be rebuilt word for word (see `_compare_pages`).

    Every place a principle's score is printed beside its title counts (the table, and the
    weakest-link box for that principle), on every page: changing one and not the other is
    caught too, and a summary table that runs onto a second page is read whole.
    """
    text = " ".join(pages)
    overall_score = re.compile(r"OVERALL SCORE (\d+|–) ?/100", re.IGNORECASE)
    if overall_score.search(text) is None:
        return ["the page: cannot find the summary's overall score in the PDF's text"]
    problems = []
    shown_overall = {m[1] for m in overall_score.finditer(text)}
    for number in sorted(shown_overall - {view.overall}):
        problems.append(
            f"the page shows an overall score of {number}, the inputs give {view.overall}"
        )
    for row in view.principles:
        pattern = (
            re.escape(f"{row.number}. {row.title}")
            + r"(?: (?:WEAKEST LINK|DIVERGENT|SPLIT))* (\d+|–) (?:"
            + "|".join(re.escape(level) for level in _levels(view))
            + ")"
        )
        shown = {m[1] for m in re.finditer(pattern, text, re.IGNORECASE)}
        if not shown:
            problems.append(f"the page: cannot find the score of principle '{row.title}'")
        for number in sorted(shown - {row.score}):
            problems.append(
                f"the page shows principle '{row.title}' at {number}, the inputs give {row.score}"
            )
    return problems


def _levels(view: ScorecardView) -> list[str]:
    return sorted({level.label for level in view.method.levels} | {"–"})
