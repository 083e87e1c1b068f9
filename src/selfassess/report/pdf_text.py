"""Reading a scorecard PDF, bounded: its attachments, each page's text, and the properties,
bookmarks and alternative texts a viewer or a screen reader shows.

A PDF to verify comes from anyone: attachments are decompressed by our own code within
MAX_ATTACHED_BYTES, and pages, tags and bookmarks are counted. pypdf is imported only here, and
only when a PDF is read.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfassessError
from selfassess.inputs.files import read_file_bytes

MAX_PDF_BYTES = 200 * 1024 * 1024

MAX_ATTACHMENTS = 5000  # a scorecard carries one per answer file, plus the bank and manifest
MAX_ATTACHED_BYTES = 100 * 1024 * 1024  # all attachments together, decompressed
MAX_PAGES = 2000
MAX_NAME_TREE_DEPTH = 32


class PrintedText:
    """A PDF's document properties and each page's text, read when first asked for: reading
    every page's text is most of the cost of reading a PDF, and a scorecard refused for its
    attachments or its manifest never needs it."""

    def __init__(self, reader: Any, path: Path) -> None:
        self._reader = reader
        self._path = path
        self._read: tuple[dict[str, str], list[str]] | None = None

    def read(self) -> tuple[dict[str, str], list[str]]:
        """(properties, pages), or our one-line error for a PDF whose pages do not read."""
        if self._read is None:
            with _as_our_error(self._path):
                self._read = _reader_text(self._reader)
        return self._read


def read_pdf(path: Path) -> tuple[dict[str, bytes], PrintedText]:
    """A PDF's attachments (name -> bytes) and its pages' text and document properties (read
    when asked for), or our one-line error.

    The attachments are decompressed here, not by pypdf, so that a few megabytes of crafted
    streams cannot grow into gigabytes: past MAX_ATTACHMENTS files or MAX_ATTACHED_BYTES in all,
    the PDF is refused before the rest is read.
    """
    data = read_file_bytes(path, "PDF file", MAX_PDF_BYTES)
    if not data.lstrip()[:5] == b"%PDF-":
        raise SelfassessError.at(path, "is not a PDF file")
    from pypdf import PdfReader  # lazy: see the module docstring

    with _as_our_error(path):
        reader = PdfReader(io.BytesIO(data))
        attachments = _attachments(reader, path)
        if len(reader.pages) > MAX_PAGES:
            raise SelfassessError.at(
                path, f"has {len(reader.pages)} pages; a scorecard has at most {MAX_PAGES}"
            )
    return attachments, PrintedText(reader, path)


@contextmanager
def _as_our_error(path: Path) -> Iterator[None]:
    """pypdf's errors on a damaged or crafted PDF, as our one line."""
    from pypdf.errors import PyPdfError

    try:
        yield
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise SelfassessError.at(path, f"cannot be read as a PDF: {exc}") from None


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


def read_pages(pdf: bytes) -> tuple[dict[str, str], list[str]]:
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
