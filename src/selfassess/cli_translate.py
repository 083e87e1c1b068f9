"""`selfassess translate export|import`: a bank's texts out to a PO file for translators, and
their translations back into the bank file.

The work is in inputs/bank_po.py (PO <-> the bank's texts) and inputs/bank_edit.py (the bank
file edited in place); this module parses options, prints and writes.
"""

from __future__ import annotations

from pathlib import Path

import click

from selfassess.core.errors import SelfassessError
from selfassess.inputs.bank_edit import import_translations
from selfassess.inputs.bank_po import export_po, read_po_file
from selfassess.inputs.banks import bundled_bank_files, read_bank, resolve_bank
from selfassess.inputs.files import read_file_bytes
from selfassess.inputs.yaml_text import MAX_BANK_BYTES
from selfassess.pages.writing import write_atomic
from selfassess.terminal import QUIET, echo, reports_errors


@click.group()
def translate() -> None:
    """Translate a bank's texts with a PO file (Poedit, Weblate, an agency): export, import."""


@translate.command(name="export")
@click.argument("bank")
@click.option(
    "--language",
    "-l",
    required=True,
    metavar="LANG",
    help="The language to translate into (cy, fr, pt-BR).",
)
@click.option(
    "--output",
    "-o",
    default="-",
    metavar="FILE",
    help="The PO file to write; '-' (the default) prints it.",
)
@QUIET
@reports_errors
def export_command(bank: str, language: str, output: str, quiet: bool) -> None:
    """Write BANK's texts (a file or a bundled bank's id) as a PO file to translate into LANG."""
    source = resolve_bank(bank, allow_untranslated=True)
    data = export_po(source, language)
    if output == "-":
        echo(data.decode("utf-8"), lines=True, nl=False)
        return
    if source.data and _same_file(Path(output), Path(source.name)):
        raise SelfassessError.at(output, "is the bank itself; give the PO file another name")
    write_atomic(Path(output), data)
    if quiet:
        return
    bundled = _bundled_file(Path(bank))
    copy = f"copy the bank (cp {bundled} my-bank.yaml), then: " if bundled else ""
    target = "my-bank.yaml" if bundled else bank
    echo(
        f"wrote {output} ({language}); once translated, {copy}"
        f"selfassess translate import {target} {output}"
    )


@translate.command(name="import")
@click.argument("bank", type=click.Path(path_type=Path))
@click.argument("po_file", type=click.Path(path_type=Path))
@click.option(
    "--language", "-l", metavar="LANG", help="The PO file's language, if not its Language header."
)
@QUIET
@reports_errors
def import_command(bank: Path, po_file: Path, language: str | None, quiet: bool) -> None:
    """Write the translations in PO_FILE into the bank file BANK, keeping its layout."""
    _refuse_bundled(bank)
    source = read_bank(bank, allow_untranslated=True)
    result = import_translations(source, read_po_file(po_file), language)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    if result.text is not None:
        now = read_file_bytes(bank, "question bank", MAX_BANK_BYTES)
        if now != source.content:
            raise SelfassessError.at(bank, "changed while the translations were read; run again")
        write_atomic(bank, result.text.encode("utf-8"))
    if quiet:
        return
    echo(
        f"wrote {result.written} translations into {bank} "
        f"({result.unchanged} unchanged, {result.skipped} skipped)"
        + ("" if result.text is not None else "; the file was not changed")
    )


def _refuse_bundled(bank: Path) -> None:
    """A bundled bank is the package's: the translations go into the user's own copy."""
    path = _bundled_file(bank)
    if path is not None:
        raise SelfassessError.at(
            str(bank),
            f"is a bundled bank; copy it first (cp {path} my-bank.yaml) and import into the copy",
        )


def _bundled_file(bank: Path) -> Path | None:
    """The bundled bank `bank` names (by its id or its file), or None."""
    for path in bundled_bank_files():
        if bank.suffix not in (".yaml", ".yml") and not bank.exists() and str(bank) == path.stem:
            return path
        if _same_file(bank, path):
            return path
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and one.samefile(other)
    except OSError:
        return False
