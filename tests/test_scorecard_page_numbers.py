"""The PDF's page numbers: the catalogue's sentence around WeasyPrint's page counters, as CSS
that no translation can break out of."""

from __future__ import annotations

import gettext
import re

import pytest

from selfassess.core.i18n import use_translations
from selfassess.pages.translations import translations_for
from selfassess.scorecard.page_numbers import css_string, page_numbers_css


class Translated(gettext.NullTranslations):
    """A catalogue with one sentence translated as a test needs."""

    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence

    def gettext(self, message: str) -> str:
        return self.sentence


def test_english_page_numbers_read_page_2_of_7() -> None:
    assert 'content: "Page " counter(page) " of " counter(pages);' in page_numbers_css()


def test_welsh_page_numbers_come_from_the_welsh_catalogue() -> None:
    with use_translations(translations_for("cy")):
        css = page_numbers_css()
    assert 'content: "Tudalen " counter(page) " o " counter(pages);' in css


def test_a_translation_may_put_the_counters_in_another_order() -> None:
    with use_translations(Translated("{pages} / {page}")):
        css = page_numbers_css()
    assert 'content: counter(pages) " / " counter(page);' in css


@pytest.mark.parametrize(
    "hostile", ['"; } body { display: none', "</style><script>alert(1)</script>", "\\", "\n"]
)
def test_a_hostile_translation_stays_inside_its_css_string(hostile: str) -> None:
    quoted = css_string(hostile)
    assert quoted.startswith('"') and quoted.endswith('"')
    # inside: plain characters, or CSS escapes (a backslash, hex digits, a space)
    assert re.fullmatch(r'(?:[^"\\<>\n]|\\[0-9a-f]+ )*', quoted[1:-1])
    with use_translations(Translated(hostile + " {page}")):
        assert "</style" not in page_numbers_css()
