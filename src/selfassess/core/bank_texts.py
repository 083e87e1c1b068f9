"""The texts a person reads in a bank, and a bilingual bank seen in one of its languages.

A bank with `languages: [en, cy]` gives every text a person reads (the slots below) as a mapping
from each language to its text; ids, values, weights and rules are given once. `project` turns
the raw data of such a bank into the raw data of an ordinary one-language bank, which the model
then validates as any bank: so every later stage (scoring, pages, the scorecard) sees one
language at a time, and an answer scores the same whatever language it was given in.

Works on the parsed YAML before validation (data may be of any shape: what is not where a text
belongs is left for the model to report); pure, and it never changes the data it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]

# Which keys of each part of a bank hold a text; each part by the key of the list that holds it.
_TEXTS: Mapping[str, tuple[str, ...]] = {
    "": ("title", "description", "intro"),
    "scale": ("label",),
    "levels": ("label", "description"),
    "groups": ("title", "summary"),
    "principles": ("title", "summary"),
    "questions": ("text", "help"),
    "background": ("text", "help"),
    "options": ("label",),
}
_TEXT_LISTS: Mapping[str, tuple[str, ...]] = {"": ("references",)}  # a list of texts
_TEXT_MAPS: Mapping[str, tuple[str, ...]] = {"principles": ("advice",)}  # level id -> text
# The lists of parts inside each part.
_PARTS: Mapping[str, tuple[str, ...]] = {
    "": ("scale", "levels", "groups", "background", "principles"),
    "principles": ("levels", "questions"),
    "questions": ("scale", "options"),
    "background": ("scale", "options"),
}
MAX_LANGUAGES = 30  # each language is a whole bank to check and a page to write


def text_slots(data: Any) -> Iterator[Loc]:
    """The location of every text a person reads that `data` gives, in the bank's order."""
    yield from _slots_of(data, "", ())


def _slots_of(part: Any, kind: str, loc: Loc) -> Iterator[Loc]:
    if not isinstance(part, dict):
        return
    for key in _TEXTS.get(kind, ()):
        if part.get(key) is not None:
            yield (*loc, key)
    for key in _TEXT_LISTS.get(kind, ()):
        if isinstance(part.get(key), list):
            yield from ((*loc, key, i) for i in range(len(part[key])))
    for key in _TEXT_MAPS.get(kind, ()):
        if isinstance(part.get(key), dict):
            yield from ((*loc, key, name) for name in part[key])
    for key in _PARTS.get(kind, ()):
        if isinstance(part.get(key), list):
            for i, child in enumerate(part[key]):
                yield from _slots_of(child, key, (*loc, key, i))


def value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


@dataclass(frozen=True)
class Untranslated:
    """A text without one of the bank's languages, or with a language the bank does not offer."""

    loc: Loc
    message: str
    fallback: bool  # True: the default language's text can stand in (a draft translation)


def texts_by_language(value: Any, default: str) -> Mapping[str, Any] | None:
    """A slot's texts by language: its mapping, or a single text taken as the default's."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {default: value}
    return None  # not a text at all: the model says what is wrong with it


def untranslated(data: Any, languages: Sequence[str]) -> list[Untranslated]:
    """Every text of a bank offered in `languages` (the default first) that misses one of them."""
    problems: list[Untranslated] = []
    default = languages[0]
    for loc in text_slots(data):
        texts = texts_by_language(value_at(data, loc), default)
        if texts is None:
            continue
        unknown = [str(k) for k in texts if k not in languages]
        if unknown:
            listed = ", ".join(languages)
            problems.append(
                Untranslated(
                    loc,
                    f"'{unknown[0]}' is not one of the bank's languages ({listed})",
                    fallback=False,
                )
            )
        for lang, text in texts.items():
            if lang in languages and (not isinstance(text, str) or not text.strip()):
                said = "must not be empty" if isinstance(text, str) else "expected a text"
                problems.append(Untranslated((*loc, lang), said, False))
        missing = [lang for lang in languages if lang not in texts]
        if default in missing:
            problems.append(Untranslated(loc, f"no '{default}' text (the default language)", False))
            missing.remove(default)
        if missing:
            named = ", ".join(f"'{lang}'" for lang in missing)
            problems.append(Untranslated(loc, f"no {named} text", fallback=True))
    return problems


def project(data: dict[str, Any], language: str, languages: Sequence[str]) -> dict[str, Any]:
    """The raw data of the bank in one of its languages: each text its `language` text (the
    default's where it has none, for a draft), `language` set to it; `data` is not changed."""
    default = languages[0]
    out: dict[str, Any] = _copy_parts(data, "")
    for loc in text_slots(data):
        texts = texts_by_language(value_at(data, loc), default)
        if texts is not None:
            *parent, key = loc
            value_at(out, tuple(parent))[key] = texts.get(language, texts.get(default))
    out["language"] = language
    return out


def _copy_parts(part: Any, kind: str) -> Any:
    """A copy of every mapping and list that holds a text, deep enough that setting a text in
    the copy leaves the original (and any YAML alias sharing it) as it was."""
    if not isinstance(part, dict):
        return part
    copy = dict(part)
    for key in (*_TEXT_LISTS.get(kind, ()), *_TEXT_MAPS.get(kind, ())):
        if isinstance(copy.get(key), list | dict):
            copy[key] = type(copy[key])(copy[key])
    for key in _PARTS.get(kind, ()):
        if isinstance(copy.get(key), list):
            copy[key] = [_copy_parts(child, key) for child in copy[key]]
    return copy
