"""The PDF's page numbers in the scorecard's language: "Page 2 of 7", "Tudalen 2 o 7".

Design note: WeasyPrint counts the pages (`counter(page)`, `counter(pages)`), so the sentence
cannot be composed in Python. Its translation is split at its placeholders into CSS strings
around the counters, a rule the pipeline places before the theme's stylesheet (a theme that sets
its own page numbers keeps them).
"""

from __future__ import annotations

import re

from selfassess.core.i18n import _

_PLACEHOLDER = re.compile(r"(\{page\}|\{pages\})")
# Kept out of a CSS string: what would end it or the <style> element, and control characters.
_UNSAFE = re.compile(r'[\\"<>\x00-\x1f\x7f]')


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end early, nor end the <style> around it."""
    return '"' + _UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def page_numbers_css() -> str:
    """The rule that prints "Page 2 of 7" at the foot of each page, in the active language."""
    sentence = _("Page {page} of {pages}")
    content = " ".join(
        f"counter({part[1:-1]})" if _PLACEHOLDER.fullmatch(part) else css_string(part)
        for part in _PLACEHOLDER.split(sentence)
        if part
    )
    return f"@page {{\n  @bottom-right {{ content: {content}; }}\n}}"
