"""The form page's markup for every question type: the "About you" section, the control each
type is asked with, questions asked only of some respondents, and the Sources in the results.
(What the page does with them in a browser: tests/test_browser_form_types.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site import Tags

from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import load_questionnaire
from selfassess.pages.bank_view import MAX_RADIO_CHOICES, bank_view
from selfassess.pages.form import render_form
from selfassess.pages.themes import load_theme

BANK = Path(__file__).parent / "data" / "every-type-bank.yaml"
# Rated questions only, nothing asked of some respondents alone: collaboration-maturity 1.0.
RATED_ONLY = Path(__file__).parent / "data" / "collaboration-maturity-1.0.yaml"


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return load_questionnaire(BANK)


@pytest.fixture(scope="module")
def html(bank: Questionnaire) -> str:
    return render_form(bank, load_theme("default"))


def inputs_of(html: str, name: str) -> list[dict[str, str | None]]:
    return [a for t, a in Tags(html).tags if t == "input" and a.get("name") == name]


def test_about_you_comes_after_the_details_and_before_the_principles(html: str) -> None:
    details = html.index('<fieldset class="respondent">')
    about = html.index('<section class="background" id="background"')
    first_principle = html.index('<section class="principle"')
    assert details < about < first_principle
    assert re.search(r'<h2 id="background-title">About you</h2>', html)
    assert "<legend><h2>Your details</h2></legend>" in html


def test_a_bank_without_background_keeps_about_you_on_the_details() -> None:
    html = render_form(load_questionnaire(RATED_ONLY), load_theme("default"))
    assert "<legend><h2>About you</h2></legend>" in html
    assert 'id="background"' not in html


def test_a_short_choice_is_radios_named_by_question_with_option_ids(html: str) -> None:
    radios = inputs_of(html, "seniority")
    assert [(r["type"], r["value"]) for r in radios] == [
        ("radio", "board"),
        ("radio", "senior"),
        ("radio", "frontline"),
    ]


def test_a_choice_past_seven_options_is_a_labelled_list_box(bank: Questionnaire, html: str) -> None:
    sector = bank.question_by_id("sector")
    assert sector is not None and len(sector.options or []) == MAX_RADIO_CHOICES + 1
    tags = Tags(html).tags
    select = next(a for t, a in tags if t == "select")
    assert select == {"id": "qa-sector", "name": "sector"}
    assert '<label for="qa-sector">Which kind of organisation do you work for?</label>' in html
    values = [a["value"] for t, a in tags if t == "option"]
    assert values == [
        "",
        "nhs",
        "council",
        "housing",
        "police",
        "fire",
        "school",
        "charity",
        "other",
    ]


def test_a_multi_question_is_checkboxes_with_option_ids(html: str) -> None:
    boxes = inputs_of(html, "services")
    assert [(b["type"], b["value"]) for b in boxes] == [
        ("checkbox", "housing"),
        ("checkbox", "care"),
        ("checkbox", "schools"),
    ]
    assert [b["value"] for b in inputs_of(html, "a3")] == ["staff", "people"]


def test_a_text_question_is_a_text_area_labelled_by_its_question(html: str) -> None:
    areas = [a for t, a in Tags(html).tags if t == "textarea" and a.get("name")]
    assert [(a["id"], a["name"]) for a in areas] == [("qa-about", "about"), ("qa-a4", "a4")]
    assert '<label for="qa-a4">What one change would help most?</label>' in html


def test_scale_questions_keep_their_radio_names_and_values(html: str) -> None:
    assert [r["value"] for r in inputs_of(html, "a1")] == ["1", "2", "3", "4", "5", ""]


def test_every_question_is_one_fieldset_with_a_legend(bank: Questionnaire, html: str) -> None:
    found = re.findall(
        r'<fieldset class="question" data-question="([^"]+)"[^>]*>\n[^\n]*<legend>', html
    )
    assert found == [q.id for q in bank.all_questions()]


def test_help_on_a_background_question_is_rendered_markdown(html: str) -> None:
    assert (
        '<div class="hint" id="q-seniority-help"><p>Pick the <em>closest</em> one.</p></div>'
        in (html)
    )


def test_questions_asked_only_of_some_are_on_the_page_for_readers_without_script(
    html: str,
) -> None:
    """Hiding is the script's: without it, every question can be read and printed."""
    assert not re.search(r'<fieldset class="question"[^>]* hidden', html)
    assert '<p class="hint" id="hidden-note" role="status"></p>' in html


def test_a_bank_without_conditions_has_no_note_about_hidden_questions() -> None:
    html = render_form(load_questionnaire(RATED_ONLY), load_theme("default"))
    assert 'id="hidden-note"' not in html


def test_the_results_list_the_banks_sources(html: str) -> None:
    sources = re.search(r'<h2 id="sources">Sources</h2>\n<ul class="references">(.*?)</ul>', html)
    assert sources is not None
    assert sources.group(1).count("<li>") == 2
    assert "<em>Collective impact</em>" in sources.group(1)


def test_principle_rows_say_how_many_rated_questions_give_a_score_and_list_it_per_count_asked(
    html: str,
) -> None:
    # agenda has two rated questions (a1, a2) beside a multi and a text question
    row = re.search(r'<tr data-principle="agenda" data-needed="1 1">.*?</tr>', html, re.S)
    assert row is not None
    assert 'answer at least <span data-slot="needed">1</span> of its ' in row.group(0)
    assert '<span data-slot="total">2</span> questions' in row.group(0)
    assert "Not applicable" in row.group(0)


def test_the_view_numbers_principle_questions_and_not_background_ones(
    bank: Questionnaire,
) -> None:
    view = bank_view(bank)
    assert [q.number for q in view.background] == [0, 0, 0, 0]
    assert [q.control for q in view.background] == ["radio", "select", "checkbox", "textarea"]
    assert [q.number for q in view.principles[0].questions] == [1, 2, 3, 4]
    assert view.conditional


TWENTY = Path(__file__).parent / "data" / "twenty-factors" / "bank.yaml"


@pytest.fixture(scope="module")
def twenty() -> Questionnaire:
    return load_questionnaire(TWENTY)


def test_a_bank_with_groups_asks_its_principles_under_the_group_headings(
    twenty: Questionnaire,
) -> None:
    html = render_form(twenty, load_theme("default"))
    places = [html.index(f'id="g-{g.id}-title"') for g in twenty.groups]
    assert places == sorted(places)
    ends = [*places[1:], html.index('id="actions-title"')]
    for group, start, end in zip(twenty.groups, places, ends, strict=True):
        inside = re.findall(r'<section class="principle" id="p-([^"]+)"', html[start:end])
        assert inside == [p.id for p in twenty.principles_of(group)]
    assert f'<h3 id="p-{twenty.principles[0].id}-title">' in html


def test_without_overall_or_weakest_link_the_results_have_neither_but_a_lowest_scores_list(
    twenty: Questionnaire,
) -> None:
    html = render_form(twenty, load_theme("default"))
    assert 'id="overall"' not in html and 'id="weakest"' not in html
    assert '<div class="lowest" id="lowest" hidden><h3>Lowest scores</h3>' in html
    assert "Your score for each principle: mean on the 1–5 scale" in html


def test_each_level_has_the_advice_of_the_level_above_it_as_what_would_take_us_there(
    twenty: Questionnaire,
) -> None:
    principle = bank_view(twenty).principles[0]
    assert list(principle.next_advice_html) == ["concern"]  # the borderline advice
    assert "Agree one step" in principle.next_advice_html["concern"]
    html = render_form(twenty, load_theme("default"))
    assert (
        '<div class="next-level" data-level="concern" hidden><h4>What would take us there: '
        "Borderline</h4><p>3.0 to 3.9: worth discussing.</p>" in html
    )
    assert (
        '<p class="level-note" data-level="strength" hidden><strong>Strength</strong>: 4.0' in html
    )


def test_a_bank_that_says_nothing_of_its_scoring_shows_no_level_notes_or_next_level_advice() -> (
    None
):
    html = render_form(load_questionnaire(RATED_ONLY), load_theme("default"))
    assert "level-note" not in html and "What would take us there" not in html
    assert (
        'id="overall"' in html
        and 'id="weakest"' in html
        and "g-" not in html.split("<form")[1][:200]
    )
