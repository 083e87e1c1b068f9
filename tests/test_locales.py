"""The catalogue template (src/selfassess/locales/messages.pot) holds every message the code and
the bundled templates mark for translation: a new sentence cannot be forgotten by `make messages`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
POT = ROOT / "src" / "selfassess" / "locales" / "messages.pot"


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def _extract(out: Path) -> Catalog:
    """What `make messages` would write now (the Makefile's command, into `out`)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pybabel extract -F babel.cfg" in makefile
    config, source = str(ROOT / "babel.cfg"), str(ROOT / "src" / "selfassess")
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", config, "--omit-header", "-o", str(out), source]
    )
    with out.open("rb") as handle:
        return read_po(handle)


def test_the_committed_catalogue_template_holds_every_marked_message(tmp_path: Path) -> None:
    with POT.open("rb") as handle:
        committed = _ids(read_po(handle))
    current = _ids(_extract(tmp_path / "messages.pot"))
    missing, stale = current - committed, committed - current
    assert not missing and not stale, (
        f"run `make messages`: {len(missing)} new message(s) {sorted(map(str, missing))[:3]}, "
        f"{len(stale)} gone {sorted(map(str, stale))[:3]}"
    )


def test_the_catalogue_holds_template_text_python_text_and_plurals() -> None:
    text = POT.read_text(encoding="utf-8")
    assert 'msgid "Show my results"' in text  # a template's {% trans %}
    assert 'msgid "Questionnaires"' in text  # Python's _()
    assert re.search(r'msgid "%\(count\)s minute"\nmsgid_plural "%\(count\)s minutes"', text)


# ---------------------------------------------------------------- the translated catalogues

LOCALES = POT.parent
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}|</?[a-z]+>")


def _catalogues() -> dict[str, Catalog]:
    out = {}
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            out[po.parent.parent.name] = read_po(handle, locale=po.parent.parent.name)
    return out


def test_welsh_is_a_complete_catalogue_of_the_interface() -> None:
    assert "cy" in _catalogues()


@pytest.mark.parametrize("language", sorted(_catalogues()))
def test_a_catalogue_translates_every_message_without_fuzzy_entries(language: str) -> None:
    """A missing, empty or fuzzy entry would show English (or an unreviewed guess) on a page."""
    with POT.open("rb") as handle:
        wanted = _ids(read_po(handle))
    catalogue = _catalogues()[language]
    have = {m.id: m for m in catalogue if m.id}
    assert not sorted(map(str, wanted - set(have)))[:5], "missing: run `make messages`, translate"
    empty = [str(m.id) for m in have.values() if not all(_forms(m.string))]
    fuzzy = [str(m.id) for m in have.values() if m.fuzzy]
    assert not empty[:5] and not fuzzy[:5]


def _forms(string: object) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, tuple | list) else (str(string),)


@pytest.mark.parametrize("language", sorted(_catalogues()))
def test_a_catalogue_keeps_placeholders_and_its_languages_plural_forms(language: str) -> None:
    from babel.messages.plurals import get_plural

    catalogue = _catalogues()[language]
    assert catalogue.num_plurals == get_plural(language).num_plurals  # Welsh: six
    for message in catalogue:
        if not message.id:
            continue
        ids = _forms(message.id)
        wanted = set(PLACEHOLDER.findall(ids[-1])) - {"{count}", "%(count)s"}
        for form in _forms(message.string):
            missing = wanted - set(PLACEHOLDER.findall(form))
            assert not missing, f"{language}: {ids[0]!r} loses {sorted(missing)}"
        if isinstance(message.string, tuple | list):
            assert len(message.string) == catalogue.num_plurals, ids[0]
