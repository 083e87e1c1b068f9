"""The catalogue template (src/selfassess/locales/messages.pot) holds every message the code and
the bundled templates mark for translation: a new sentence cannot be forgotten by `make messages`.
"""

from __future__ import annotations

import re
from pathlib import Path

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
