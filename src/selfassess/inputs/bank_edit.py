"""Translations from a PO file written back into a bank file, keeping its comments, key order,
quoting and layout (ruamel.yaml's round trip), so that an author's file stays the author's.

Only the text slots core/bank_texts.text_slots finds are ever written, and only with text: an
entry for anything else (an id, a weight, a path that is not in the bank) is skipped and said.
The result is checked as a bank before anyone writes it; with nothing to change there is no
result at all, so the file is not touched.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from selfassess.core.bank_texts import Loc, texts_by_language, value_at
from selfassess.core.errors import Problem, SelfassessError, format_location
from selfassess.inputs.bank_po import BankTexts, PoEntry, PoFile, bank_texts, check_language_tag
from selfassess.inputs.banks import BankSource, parse_bank
from selfassess.inputs.yaml_text import parse_yaml

# Indentations tried, in turn, until one writes the unchanged bank back byte for byte: the
# layout the author used (mapping, sequence, dash offset).
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))
_FLOW_PLAIN = frozenset("?:,[]{}#'\"&*!|>%@`")  # what plain text inside {...} must not hold
_HEAD = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?\n")
_FLOW_MAX = 100  # a one-line text and its translation longer than this go on lines of their own


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the bank's new text (None: nothing to change), and the counts."""

    text: str | None
    language: str
    written: int
    unchanged: int
    warnings: tuple[Problem, ...]

    @property
    def skipped(self) -> int:
        return sum(1 for w in self.warnings if w.path != "")


def import_translations(source: BankSource, po: PoFile, language: str | None) -> ImportResult:
    """The bank `source` with `po`'s translations into `language` (default: the PO's
    Language header) written in; checked as a bank, never written here."""
    lang = language or po.language
    if lang is None:
        raise SelfassessError.at(po.name, "has no Language header; give --language")
    check_language_tag(lang, po.name if language is None else "--language")
    texts = bank_texts(source)
    if lang == texts.default:
        raise SelfassessError.at(
            po.name, f"is in '{lang}', the bank's default language; its texts are the sources"
        )
    changes, unchanged, skipped = _plan(texts, po, lang)
    if not changes:
        return ImportResult(None, lang, 0, unchanged, tuple(skipped))
    text = source.text  # as decoded, without the byte order mark a file may start with
    if source.content.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    new_text, faithful = _edited(text, source.name, texts, lang, changes)
    try:
        parse_bank(new_text, source.name, allow_untranslated=True)
    except SelfassessError as exc:  # lines of the bank as it would be: say so; nothing written
        raise SelfassessError(
            Problem(p.file, f"{p.message} (with the translations; not written)", p.line, p.path)
            for p in exc.problems
        ) from None
    if not faithful:
        skipped.append(
            Problem(
                source.name,
                "its layout (indentation, spacing) is unusual; the rewrite evened it out",
            )
        )
    return ImportResult(new_text, lang, len(changes), unchanged, tuple(skipped))


def _plan(texts: BankTexts, po: PoFile, lang: str) -> tuple[dict[Loc, str], int, list[Problem]]:
    """The translations to write by slot, how many are there already, and what is skipped."""
    slots = {format_location(loc): (loc, source, by_lang) for loc, source, by_lang in texts.slots()}
    changes: dict[Loc, str] = {}
    unchanged = 0
    skipped: list[Problem] = []
    seen: set[str] = set()
    for entry in po.entries:
        found = slots.get(entry.context)
        why = _skip_reason(entry, found, seen, texts.default, lang)
        seen.add(entry.context)
        if why:
            skipped.append(
                Problem(po.name, f"{why}; skipped", entry.line, entry.context or "(no context)")
            )
        elif found is not None and found[2].get(lang) == entry.translation:
            unchanged += 1
        elif found is not None:
            changes[found[0]] = entry.translation
    return changes, unchanged, skipped


def _skip_reason(
    entry: PoEntry, found: tuple[Loc, str, Any] | None, seen: set[str], default: str, lang: str
) -> str:
    """Why an entry is not written into the bank ("" when it is)."""
    if found is None:
        return "not a text of the bank (the context names no text there)"
    if entry.context in seen:
        return "given twice; the first kept"
    if entry.plural:
        return "has plural forms, which a bank's text never has"
    if entry.source != found[1]:
        return f"the bank's {default} text changed since this file was exported"
    if entry.fuzzy:
        return "marked fuzzy (a guess to check)"
    if not entry.translation.strip():
        return f"no {lang} translation (an empty one never deletes a text)"
    return ""


@dataclass(frozen=True)
class _Envelope:
    """What a file has around its YAML that the YAML writer would not keep by itself: a byte
    order mark, Windows line ends, comments above a `---` line, `...` at the end, no newline
    at the end."""

    bom: bool
    crlf: bool
    final_newline: bool
    head: str  # comments and blank lines down to a `---` line, kept as they are
    end: bool

    @classmethod
    def of(cls, text: str) -> tuple[_Envelope, str]:
        """The envelope of `text`, and its YAML as the writer writes it (LF, final newline)."""
        bom = text.startswith("\ufeff")
        body = (text[1:] if bom else text).replace("\r\n", "\n")
        final_newline = body.endswith("\n")
        head = _HEAD.match(body)
        envelope = cls(
            bom,
            "\r\n" in text,
            final_newline,
            head.group() if head else "",
            body.rstrip().endswith("\n..."),
        )
        body = body[len(envelope.head) :]
        return envelope, body if final_newline else body + "\n"

    def yaml(self, layout: tuple[int, int, int]) -> YAML:
        yaml = YAML(typ="rt", pure=True)
        yaml.preserve_quotes = True
        yaml.width = 1_000_000  # never re-wrap an author's lines
        yaml.explicit_end = self.end
        mapping, sequence, offset = layout
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        return yaml

    def dump(self, data: Any, layout: tuple[int, int, int]) -> str:
        """`data` written with `layout`, in the YAML's form (LF, final newline)."""
        out = io.StringIO()
        self.yaml(layout).dump(data, out)
        return out.getvalue()

    def wrap(self, body: str) -> str:
        """The YAML written back in the file's own form."""
        if not self.final_newline:
            body = body.removesuffix("\n")
        body = self.head + body
        if self.crlf:
            body = body.replace("\n", "\r\n")
        return "\ufeff" + body if self.bom else body


def _edited(
    text: str, file: str, texts: BankTexts, lang: str, changes: Mapping[Loc, str]
) -> tuple[str, bool]:
    """The bank's text with `changes` in `lang`, and whether the rest kept its layout."""
    envelope, body = _Envelope.of(text)
    try:
        data = envelope.yaml(_LAYOUTS[0]).load(body)
    except YAMLError as exc:  # PyYAML read it; ruamel should too
        raise SelfassessError.at(file, f"cannot be rewritten: {exc}") from None
    layout = next((lay for lay in _LAYOUTS if envelope.dump(data, lay) == body), None)
    for loc, translation in changes.items():
        _set_text(data, loc, texts.default, lang, translation)
    _add_language(data, texts, lang)
    new_text = envelope.wrap(envelope.dump(data, layout or _LAYOUTS[0]))
    _check_rewrite(new_text, file, texts, lang, changes)
    return new_text, layout is not None


def _check_rewrite(
    new_text: str, file: str, texts: BankTexts, lang: str, changes: Mapping[Loc, str]
) -> None:
    """Refuse a rewrite that would read back as anything but the bank with the translations:
    the YAML writer must never change a text, a number or a key on the way."""
    expected = copy.deepcopy(texts.data)
    for loc, translation in changes.items():
        *parent, key = loc
        old = texts_by_language(value_at(texts.data, loc), texts.default) or {}
        value_at(expected, tuple(parent))[key] = {**old, lang: translation}
    listed = expected.get("languages")
    expected["languages"] = [*(listed if isinstance(listed, list) else [texts.default])]
    if lang not in expected["languages"]:
        expected["languages"].append(lang)
    try:
        got: Any = parse_yaml(new_text, file)[0]
    except SelfassessError:
        got = None
    if got != expected:
        raise SelfassessError.at(
            file,
            "cannot be rewritten without changing something else in it; not written "
            "(add the translations by hand, or simplify the YAML: aliases, merge keys)",
        )


def _set_text(data: Any, loc: Loc, default: str, lang: str, translation: str) -> None:
    *parent_loc, key = loc
    parent = value_at(data, tuple(parent_loc))
    current = parent[key]
    if isinstance(current, CommentedMap):
        current[lang] = _styled(translation, flow=bool(current.fa.flow_style()))
        return
    in_flow = isinstance(parent, CommentedMap | CommentedSeq) and bool(parent.fa.flow_style())
    block = isinstance(current, LiteralScalarString | FoldedScalarString) or "\n" in current
    flow = in_flow or (not block and "\n" not in translation)
    flow = flow and (in_flow or len(current) + len(translation) <= _FLOW_MAX)
    texts = CommentedMap()
    texts[default] = _styled(current, flow=flow)  # its quoting, or its | block, as it was
    texts[lang] = _styled(translation, flow=flow)
    if flow:
        texts.fa.set_flow_style()
    else:
        texts.fa.set_block_style()
    parent[key] = texts


def _styled(text: str, *, flow: bool) -> Any:
    """A text as the bank would write it: several lines as a `|` block where blocks may be;
    inside {...} in quotes wherever its plain form would read differently (yaml_text.py)."""
    if not flow:
        return LiteralScalarString(text) if "\n" in text and type(text) is str else text
    if isinstance(text, LiteralScalarString | FoldedScalarString):
        text = str(text)  # a | or > block cannot stand inside {...}: its text as such
    if type(text) is str and (
        not _FLOW_PLAIN.isdisjoint(text) or text != text.strip() or "\n" in text
    ):
        return DoubleQuotedScalarString(text)
    return text


def _add_language(data: Any, texts: BankTexts, lang: str) -> None:
    languages = data.get("languages")
    if isinstance(languages, list):
        if lang not in languages:
            languages.append(lang)
        return
    listed = CommentedSeq([texts.default, lang])
    listed.fa.set_flow_style()
    keys = list(data)
    after = "language" if "language" in data else "version" if "version" in data else None
    data.insert(keys.index(after) + 1 if after else 0, "languages", listed)
