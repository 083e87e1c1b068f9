"""What the scorecard tests share: run `report` through click, read a PDF's text, tags and files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

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


def attachments_of(pdf: Path | bytes) -> dict[str, bytes]:
    return {name: files[0] for name, files in reader_of(pdf).attachments.items()}


def with_attachments(pdf: Path | bytes, files: dict[str, bytes]) -> bytes:
    """The same PDF (pages, text, tags) carrying `files` instead of its own attachments."""
    writer = PdfWriter(clone_from=reader_of(pdf))
    names = writer._root_object.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        del names.get_object()[NameObject("/EmbeddedFiles")]
    for name, data in files.items():
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_attachment_changed(pdf: Path | bytes, name: str, data: bytes) -> bytes:
    """The same PDF with one embedded file's bytes replaced in place (a tampered input)."""
    writer = PdfWriter(clone_from=reader_of(pdf))
    tree = writer._root_object["/Names"].get_object()["/EmbeddedFiles"].get_object()["/Names"]
    found = False
    for i in range(0, len(tree), 2):
        if tree[i] == name:
            tree[i + 1].get_object()["/EF"]["/F"].get_object().set_data(data)
            found = True
    assert found, name
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
