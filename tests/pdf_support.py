"""What the scorecard tests share: run `report` through click, read a PDF's text, tags and files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from selfassess.cli import cli

ROOT = Path(__file__).parent.parent
RESPONSES = ROOT / "examples" / "responses"
BASELINE = ROOT / "examples" / "baseline"
VECTORS = ROOT / "tests" / "vectors"
PARTNERSHIP = "Northshire Health and Care Partnership"


def invoke(*args: str) -> tuple[int, str, str]:
    """Any selfassess command; a traceback in its output fails the test."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def report(*args: str) -> tuple[int, str, str]:
    return invoke("report", *args)


def reader_of(pdf: Path | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def pdf_text(pdf: Path | bytes) -> str:
    """The text layer of every page, whitespace collapsed (headings wrap across lines)."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader_of(pdf).pages)


def struct_elements(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every element of the tag tree, depth first, in reading order."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return

    def walk(node: DictionaryObject) -> Iterator[DictionaryObject]:
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), DictionaryObject):
                yield from walk(kid.get_object())

    yield from walk(root.get_object())


def xmp_packet(reader: PdfReader) -> str:
    metadata = reader.trailer["/Root"].get("/Metadata")
    return "" if metadata is None else metadata.get_object().get_data().decode("utf-8")
