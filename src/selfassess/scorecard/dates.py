"""Dates as the scorecard prints them: "29 November 2026", "5 to 9 March 2026".

Design note: Babel formats them in the scorecard's language (`date_locale`: British English for
`en`, "30 Tachwedd 2026" for `cy`); it is imported only when a date is printed (`build` and
`score` start faster without it).
`wording` re-exports these with the scorecard's other sentences.
"""

from __future__ import annotations

from datetime import date

from selfassess.core.i18n import _

# The language dates are printed in; British English whatever the machine's locale.
DATE_LOCALE = "en_GB"


def date_locale(language: str) -> str:
    """The Babel locale a scorecard in `language` prints its dates in: `en` is British (as
    always), a tag Babel knows is itself, any other falls back to British English."""
    if language.lower() in ("", "en"):
        return DATE_LOCALE
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):  # a tag Babel has no data for, or cannot read
        return DATE_LOCALE


def _format_date(day: date, pattern: str, locale: str) -> str:
    """Babel's date in `pattern`; imported here, as only a scorecard prints dates (`build` and
    `score` start faster without it)."""
    from babel.dates import format_date

    return format_date(day, pattern, locale=locale)


def long_date(day: date, locale: str = DATE_LOCALE) -> str:
    """29 November 2026: the way a British report prints a date, whatever the machine's locale."""
    return _format_date(day, "d MMMM y", locale)


def date_range(first: date, last: date, locale: str = DATE_LOCALE) -> str:
    """A span of days, saying the month and year once where they are shared: "5 to 9 March 2026"."""
    if first == last:
        return long_date(first, locale)
    if (first.year, first.month) == (last.year, last.month):
        start = _format_date(first, "d", locale)
    elif first.year == last.year:
        start = _format_date(first, "d MMMM", locale)
    else:
        start = long_date(first, locale)
    return _("{first} to {last}").format(first=start, last=long_date(last, locale))
