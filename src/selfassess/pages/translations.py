"""The catalogue of a page's language: `locales/<lang>/LC_MESSAGES/messages.po` in the package.

A page renders in its bank's `language`: its templates' `{% trans %}` text and its scripts'
messages both come through core.i18n, which this module hands the language's catalogue to
(`use_translations`). Adding a language is adding its .po file (started from
locales/messages.pot); a language without one stays English, as every page is today. The .po is
read as it is (compiled in memory), so there is no build step and no .mo to keep in step.
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources
from importlib.abc import Traversable

CATALOGUE = "messages.po"


def locales_folder() -> Traversable:
    """Where the catalogues are: beside the code, so they ship in the wheel."""
    return resources.files("selfassess") / "locales"


def _candidates(language: str) -> list[str]:
    """The folder names to try for a language tag, most specific first: pt-BR -> pt_BR, pt."""
    parts = language.replace("-", "_").split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


@functools.lru_cache(maxsize=32)
def translations_for(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`, or none (English) when selfassess has no such catalogue."""
    for name in _candidates(language):
        path = locales_folder() / name / "LC_MESSAGES" / CATALOGUE
        if path.is_file():  # Babel only then: no command pays for it while no .po exists
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            compiled = io.BytesIO()
            write_mo(compiled, read_po(io.BytesIO(path.read_bytes()), locale=name))
            compiled.seek(0)
            return gettext.GNUTranslations(fp=compiled)
    return gettext.NullTranslations()


@functools.lru_cache(maxsize=64)
def language_name(tag: str) -> str:
    """A language's name in that language ("Cymraeg", "English"), for the links between a
    page's languages; the tag itself for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    if not name:
        return tag
    return name[:1].upper() + name[1:]
