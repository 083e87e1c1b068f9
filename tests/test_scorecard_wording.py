"""The sentences the scorecard composes: one module, through the i18n door, in unchanged English."""

from __future__ import annotations

import ast
import gettext
import re
from datetime import date
from pathlib import Path

import pytest
from scorecard_support import SMALL, Example, example_round, view_of

from selfassess.core.i18n import use_translations
from selfassess.scorecard import wording
from selfassess.scorecard.dates import date_locale
from selfassess.scorecard.wording import agreement_sentence, long_date

SCORECARD = Path(wording.__file__).parent


@pytest.mark.parametrize(
    ("divergent", "split", "organisations", "expected"),
    [
        (True, True, 3, "Organisations see this principle differently, and so do people"),
        (True, False, 3, "the gap lies between organisations more than between people"),
        (False, True, 3, "Organisations’ averages are close, but people are split"),
        (False, False, 3, "Organisations’ averages are close and most respondents sit near"),
        (False, True, 1, "Only one organisation scored this principle"),
    ],
)
def test_the_agreement_sentence_tells_organisations_apart_from_people(
    divergent: bool, split: bool, organisations: int, expected: str
) -> None:
    sentence = agreement_sentence(divergent, split, organisations, 12, 25.0)
    assert expected in sentence
    assert ("more than 25 points from the median" in sentence) == split


@pytest.mark.parametrize("split", [False, True])
def test_close_averages_with_divergent_questions_say_both(split: bool) -> None:
    """ "Averages are close", then questions marked DIVERGENT, read as a contradiction: the
    sentence says the organisations are close as a whole and far apart on those questions."""
    sentence = agreement_sentence(False, split, 3, 12, 25.0, divergent_questions=2)
    assert "close" in sentence
    assert "far apart on 2 questions marked divergent below" in sentence
    one = agreement_sentence(False, split, 3, 12, 25.0, divergent_questions=1)
    assert "far apart on 1 question marked divergent below" in one


def test_the_agreement_sentence_does_not_compare_organisations_whose_scores_are_hidden() -> None:
    sentence = agreement_sentence(False, False, 3, 12, 25.0, shown=1)
    assert sentence.startswith("Too few organisations’ scores are shown to compare organisations")


def test_no_agreement_sentence_when_nobody_scored_the_principle() -> None:
    assert agreement_sentence(False, False, 0, 0, 25.0) == ""


def test_long_date_is_british_whatever_the_locale() -> None:
    assert long_date(date(2026, 5, 7)) == "7 May 2026"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 3, 5), date(2026, 3, 5), "5 March 2026"),
        (date(2026, 3, 5), date(2026, 3, 9), "5 to 9 March 2026"),
        (date(2026, 3, 5), date(2026, 4, 9), "5 March to 9 April 2026"),
        (date(2025, 12, 30), date(2026, 1, 4), "30 December 2025 to 4 January 2026"),
    ],
)
def test_a_date_range_says_the_shared_month_and_year_once(
    first: date, last: date, expected: str
) -> None:
    assert wording.date_range(first, last) == expected


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("en", "en_GB"),  # English dates stay British
        ("cy", "cy"),
        ("pt-BR", "pt_BR"),
        ("tlh", "en_GB"),  # a language Babel has no data for
        ("x-private", "en_GB"),
        ("", "en_GB"),
    ],
)
def test_a_scorecards_dates_follow_its_language_else_british_english(
    language: str, locale: str
) -> None:
    assert date_locale(language) == locale


def test_a_welsh_scorecard_names_the_month_in_welsh() -> None:
    assert long_date(date(2026, 11, 30), date_locale("cy")) == "30 Tachwedd 2026"
    assert wording.date_range(date(2026, 3, 5), date(2026, 3, 9), "cy").endswith("9 Mawrth 2026")


def test_dates_are_formatted_by_babel_in_the_locale_passed() -> None:
    assert long_date(date(2026, 3, 5), locale="de_DE") == "5 März 2026"
    assert wording.DATE_LOCALE == "en_GB"


@pytest.mark.parametrize(
    ("sentence", "one", "two"),
    [
        (
            wording.comments_hidden_note,
            "1 comment not shown: it comes from organisations with fewer than 3 responses.",
            "2 comments not shown: they come from organisations with fewer than 3 responses.",
        ),
        (
            wording.summary_note,
            "1 organisation score is hidden to protect small groups; lowest, highest and spread "
            "cover the organisations whose score is shown.",
            "2 organisation scores are hidden to protect small groups; lowest, highest and "
            "spread cover the organisations whose score is shown.",
        ),
    ],
)
def test_counted_sentences_agree_with_their_count(sentence: object, one: str, two: str) -> None:
    assert callable(sentence)
    args = (3,) if sentence is wording.comments_hidden_note else ()
    assert (sentence(1, *args), sentence(2, *args)) == (one, two)
    assert sentence(0, *args) == ""


def test_a_heat_map_note_counts_its_cells_and_explains_both_marks() -> None:
    assert wording.heat_map_hidden_note(1, 3, "×", False) == (
        "1 cell of this heat map is hidden to protect small groups: <3 marks fewer than 3 "
        "responses, × a value hidden so that another cannot be worked out from the averages."
    )
    two = wording.heat_map_hidden_note(2, 3, "×", True)
    assert two.startswith("2 cells of this heat map are hidden")
    assert two.endswith(
        " Lowest, highest and spread cover only the organisations whose score is shown."
    )
    assert wording.heat_map_hidden_note(0, 3, "×", True) == ""


def _shout(message: str) -> str:
    """The message in capitals, its {placeholders} and %(placeholders)s left as they are."""
    return "".join(
        part if part.startswith(("{", "%(")) else part.upper()
        for part in re.split(r"(\{[^}]*\}|%\([^)]*\)[sd])", message)
    )


class Shouting(gettext.NullTranslations):
    """A stand-in language: every message in capitals, so text that bypassed it shows."""

    def gettext(self, message: str) -> str:
        return _shout(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _shout(msgid1 if n == 1 else msgid2)


def test_the_scorecards_sentences_follow_the_active_language() -> None:
    example: Example = example_round()
    with use_translations(Shouting()):
        view = view_of(example, privacy=SMALL)
    assert view.title == "PARTNERSHIP SCORECARD"
    assert view.summary_note.startswith("10 ORGANISATION SCORES ARE HIDDEN")
    assert view.radar_note == view.radar_note.upper() != ""
    assert all(s.agreement == s.agreement.upper() for s in view.sections)
    assert all(s.hidden_note == s.hidden_note.upper() for s in view.sections)
    assert view.method.privacy.hidden.startswith("IN THIS REPORT")
    police = next(o for o in view.method.organisations if o.name == "Northshire Police")
    assert police.answered == "HIDDEN"
    assert [r.label for r in view.sections[0].heat_map.rows][-1] == "PARTNERSHIP"


SECTION_BUILDERS = [
    "summary.py",
    "principles.py",
    "comments.py",
    "baseline.py",
    "method.py",
    "build.py",
    "context.py",
    "withholding.py",
    "views.py",
    "options.py",
]
# Error messages are the CLI's, not the scorecard's: they stay where they are raised (today
# none is raised in these modules; the one refusal lives in core/privacy.py).
NOT_PRINTED: set[str] = set()


def _sentences(path: Path) -> list[str]:
    """String literals of two words or more, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and len(node.value.split()) >= 2
        and node.value not in NOT_PRINTED
    ]


@pytest.mark.parametrize("module", SECTION_BUILDERS)
def test_the_section_builders_compose_no_sentence_of_their_own(module: str) -> None:
    assert _sentences(SCORECARD / module) == []
