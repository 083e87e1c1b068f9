"""The one door for interface text: every sentence the tool composes passes through gettext here.

English is the only language today. Adding one later means a catalogue under
`src/selfassess/locales/`, not code: the stage that loads catalogues (pages) activates them with
`use_translations`, and this module never reads a file itself, so the core stays pure.
Strings are marked `_("...")` (or `N_` where they are only collected), so Babel's extractor finds them.
"""

from __future__ import annotations

import gettext as stdlib_gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ENGLISH = stdlib_gettext.NullTranslations()
_ACTIVE: ContextVar[stdlib_gettext.NullTranslations | None] = ContextVar(
    "selfassess_translations", default=None
)


def _active() -> stdlib_gettext.NullTranslations:
    return _ACTIVE.get() or _ENGLISH


def gettext(message: str) -> str:
    """The message in the active language (English today)."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, in the active language."""
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later, at the point of use."""
    return message


_ = gettext


def active_translations() -> stdlib_gettext.NullTranslations:
    """The translations Jinja's i18n extension should use, so templates and Python agree."""
    return _active()


@contextmanager
def use_translations(translations: stdlib_gettext.NullTranslations) -> Iterator[None]:
    """Renders everything inside the block in the language of `translations`."""
    token = _ACTIVE.set(translations)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
