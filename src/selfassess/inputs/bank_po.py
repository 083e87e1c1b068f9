"""A bank's texts as a gettext PO file for translators, and a PO file read back.

One entry per text a person reads (core/bank_texts.text_slots, in the bank's order): the
context is the text's path in the bank (`principles[0].questions[1].text`), the source the
default language's text, the translation the text in the other language (empty where there is
none yet). So a bank can go through Poedit, Weblate or an agency and come back: the context
says where each translation goes, the source says whether the bank changed meanwhile.

The PO file is reproducible: no dates, nothing that changes between two exports of one bank.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from selfassess.core.bank_texts import Loc, text_slots, texts_by_language, value_at
from selfassess.core.errors import SelfassessError, cut_short, format_location
from selfassess.inputs.banks import BankSource
from selfassess.inputs.files import check_text_bytes, decode_text, read_checked_bytes
from selfassess.inputs.yaml_text import MAX_BANK_BYTES, parse_yaml

# Every text of the largest bank, each with its translation, quoted and wrapped: twice the
# bank's own limit is plenty, and a bound on what a hostile file can make us parse.
MAX_PO_BYTES = 2 * MAX_BANK_BYTES
# The bank's own rule for a language tag (core/model.py LanguageTag), kept short.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}")
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"\n]*"\n', re.MULTILINE)

_WHAT: dict[tuple[str, str], str] = {
    ("", "title"): "bank title",
    ("", "description"): "bank description",
    ("", "intro"): "introduction (Markdown)",
    ("", "references"): "reference (Markdown)",
    ("scale", "label"): "answer scale label",
    ("levels", "label"): "maturity level name",
    ("levels", "description"): "maturity level description",
    ("groups", "title"): "group title",
    ("groups", "summary"): "group summary",
    ("principles", "title"): "principle title",
    ("principles", "summary"): "principle summary",
    ("principles", "advice"): "advice at one level",
    ("questions", "text"): "question text",
    ("questions", "help"): "question help",
    ("background", "text"): "background question text",
    ("background", "help"): "background question help",
    ("options", "label"): "answer option label",
}


def check_language_tag(tag: str, where: str) -> str:
    """`tag` when it is a language tag a bank may use (`cy`, `pt-BR`), else a located error."""
    if not _LANGUAGE_TAG.fullmatch(tag):
        shown = cut_short(repr(tag), 40)
        raise SelfassessError.at(
            where, f"{shown} is not a language tag (BCP 47, such as cy, fr or pt-BR)"
        )
    return tag


def slot_description(loc: Loc) -> str:
    """What the text at `loc` is, for the translator: `question text`, `advice at one level`."""
    names = [part for part in loc if isinstance(part, str)]
    kind = names[-2] if len(names) > 1 else ""
    key = names[-1] if names else ""
    if kind == "advice":  # principles[0].advice.emerging: the level is the last name
        kind, key = (names[-3] if len(names) > 2 else ""), "advice"
    return _WHAT.get((kind, key), key)


@dataclass(frozen=True)
class BankTexts:
    """A bank's raw data and its languages (the default first), to find and read its texts."""

    data: dict[str, Any]
    languages: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.languages[0]

    def slots(self) -> Iterator[tuple[Loc, str, Any]]:
        """Each text slot with its default-language text and its texts by language."""
        for loc in text_slots(self.data):
            texts = texts_by_language(value_at(self.data, loc), self.default)
            source = texts.get(self.default) if texts is not None else None
            if isinstance(source, str) and source:
                yield loc, source, texts


def bank_texts(source: BankSource) -> BankTexts:
    """The raw data of a bank already read and validated (its YAML, parsed once more)."""
    data, _ = parse_yaml(source.text, source.name)
    if not isinstance(data, dict):  # read_bank refused it already; for the type checker
        raise SelfassessError.at(source.name, "expected a question bank")
    return BankTexts(data, source.languages)


def export_po(source: BankSource, language: str) -> bytes:
    """The PO file of `source`'s texts for translation into `language`."""
    check_language_tag(language, "--language")
    q = source.questionnaire
    if language == q.default_language:
        raise SelfassessError.at(
            source.name, f"'{language}' is the bank's default language; export another language"
        )
    texts = bank_texts(source)
    catalog = Catalog(
        locale=language.replace("-", "_"),
        project=q.id,
        version=q.version,
        header_comment=f"# Translations of the question bank {q.id} {q.version} "
        f"from {texts.default} into {language}.\n"
        "# Context: where the text is in the bank; translate the msgstr only.",
        revision_date="YEAR-MO-DA HO:MI+ZONE",
        language_team=language,  # the translator's tool fills in who they are
        fuzzy=False,
    )
    for loc, text, by_language in texts.slots():
        existing = by_language.get(language) if by_language is not None else None
        catalog.add(
            text,
            existing if isinstance(existing, str) else "",
            auto_comments=[slot_description(loc)],
            context=format_location(loc),
        )
    out = io.BytesIO()
    write_po(out, catalog, width=76, omit_header=False)
    return _CREATION_DATE.sub(b"", out.getvalue(), count=1)


@dataclass(frozen=True)
class PoEntry:
    """One entry of a PO file, with its line there."""

    context: str
    source: str
    translation: str
    fuzzy: bool
    line: int | None
    plural: bool = False  # msgid_plural: a bank's text never has one


@dataclass(frozen=True)
class PoFile:
    """A PO file's entries and its Language header (None where it has none)."""

    name: str
    language: str | None
    entries: Sequence[PoEntry]


def read_po_file(path: Path) -> PoFile:
    """A PO file from disk, bounded in size; anything else is a located error."""
    return parse_po_bytes(read_checked_bytes(path, "PO file", MAX_PO_BYTES), str(path))


def parse_po_bytes(data: bytes, name: str) -> PoFile:
    """A PO file's entries from its bytes (UTF-8, as every tool writes them today)."""
    text = decode_text(check_text_bytes(data, name, "PO file"), name, "PO file")
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True, ignore_obsolete=True)
    except PoFileError as exc:
        said = str(exc).rsplit(" on ", 1)[0]
        raise SelfassessError.at(name, f"not a valid PO file: {said}", exc.lineno) from None
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise SelfassessError.at(name, f"not a valid PO file: {exc}") from None
    entries: list[PoEntry] = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            entries.append(PoEntry(message.context or "", "", "", False, message.lineno, True))
            continue  # a plural entry: never one of ours; reported as not a text of the bank
        entries.append(
            PoEntry(
                message.context or "",
                message.id,
                message.string,
                message.fuzzy,
                message.lineno,
            )
        )
    raw = catalog.locale_identifier
    return PoFile(name, raw.replace("_", "-") if raw else None, entries)
