"""The partnership page as rendered: one self-contained file, one file input, a strict CSP,
nothing from elsewhere, the shared scoring script, and a hostile bank rendered inert.
(tests/test_browser_partnership.py runs the page itself.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site import Tags, sha256

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_banks, load_questionnaire, parse_questionnaire
from selfassess.pages.answer_file_messages import READING_MESSAGES
from selfassess.pages.form import render_form
from selfassess.pages.packing import pack_script
from selfassess.pages.page_messages import PARTNERSHIP_MESSAGES
from selfassess.pages.page_shell import web_script
from selfassess.pages.partnership import (
    PARTNERSHIP_COMPUTING,
    partnership_groups_data,
    partnership_page_name,
    render_partnership_page,
)
from selfassess.pages.site import build_site
from selfassess.pages.themes import Theme, load_theme

VECTORS = Path(__file__).parent / "vectors"
EVERY_TYPE = Path(__file__).parent / "data" / "partnership-every-type" / "bank.yaml"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(
        b.questionnaire for b in bundled_banks() if b.questionnaire.id == "collaboration-maturity"
    )


@pytest.fixture(scope="module")
def html(bank: Questionnaire, theme: Theme) -> str:
    return render_partnership_page(bank, theme, index_href="index.html", form_href="x.html")


def test_the_page_is_named_after_its_bank() -> None:
    assert partnership_page_name("collaboration-maturity") == (
        "collaboration-maturity-partnership.html"
    )


def test_the_page_has_one_labelled_file_input_for_this_round_and_one_for_an_earlier_round(
    html: str,
) -> None:
    """This round's files, and (in the form that adds an earlier round, a <template> put on the
    page only while it is used) an earlier round's: each many JSON and CSV files, labelled."""
    tags = Tags(html).tags
    inputs = [a for t, a in tags if t == "input" and a.get("type") == "file"]
    assert [i["id"] for i in inputs] == ["answer-files", "round-files"]
    for found in inputs:
        assert "multiple" in found
        assert found["accept"] == ".json,.csv"
        labels = [a for t, a in tags if t == "label" and a.get("for") == found["id"]]
        assert len(labels) == 1


def test_the_page_carries_a_csp_that_admits_exactly_its_own_inline_code(html: str) -> None:
    parsed = Tags(html)
    metas = [
        a
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(metas) == 1
    policy = metas[0]["content"] or ""
    assert policy.startswith("default-src 'none';")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert len(parsed.styles) == 1 and f"style-src '{sha256(parsed.styles[0])}'" in policy
    code = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 1 and f"script-src '{sha256(code[0])}'" in policy
    assert not any("style" in attrs for _, attrs in parsed.tags), 'inline style="" is blocked'
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)


def test_nothing_is_loaded_from_elsewhere(html: str) -> None:
    parsed = Tags(html)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, f"<{tag} src=...>"
        assert tag not in ("link", "iframe", "object", "embed", "img"), f"<{tag}>"
        href = attrs.get("href")
        if href is not None:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", href), href
    for style in parsed.styles:
        assert "url(" not in style and "@import" not in style
    code = "".join(text for _, text in parsed.scripts)
    for call in ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon", "import("):
        assert call not in code, call
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", code)


def test_the_page_links_back_to_the_landing_page_and_the_form(html: str) -> None:
    hrefs = [a.get("href") for t, a in Tags(html).tags if t == "a"]
    assert "index.html" in hrefs and "x.html" in hrefs


def test_the_page_inlines_the_forms_own_scoring_script(
    html: str, bank: Questionnaire, theme: Theme
) -> None:
    """One scoring script for both pages: the same text, inlined at build time."""
    scoring = pack_script(web_script("scoring.js"))
    assert "scoring.js" in PARTNERSHIP_COMPUTING
    assert scoring in html
    assert scoring in render_form(bank, theme)
    assert html.count("root.SelfassessScoring=") == 1
    # Organisations and the partnership are scored by a script the form page does not carry.
    partnership = pack_script(web_script("partnership-scoring.js"))
    assert partnership in html and partnership not in render_form(bank, theme)


def test_without_javascript_the_page_says_it_needs_it_and_hides_its_controls(html: str) -> None:
    assert re.search(r"<noscript>.*This page needs JavaScript", html)
    assert re.search(r'<section class="files js-only"[^>]* hidden>', html)
    assert re.search(r'<section class="results[^"]*"[^>]* hidden>', html)


def test_every_principle_has_a_row_and_a_heat_map_with_its_questions(
    html: str, bank: Questionnaire
) -> None:
    for principle in bank.principles:
        assert f'<tr data-principle="{principle.id}">' in html
        assert f'<table class="heat" id="heat-{principle.id}">' in html
        for question in principle.questions:
            column = f'<th scope="col" data-question="{question.id}">'
            assert (column in html) == question.is_scored  # only scale questions are scored


def test_the_page_is_one_file_of_a_reasonable_size(
    html: str, bank: Questionnaire, theme: Theme
) -> None:
    """Everything inline: the form's scripts and style, the readers, the heat map, the groups and
    this page's own; a budget of fixed overhead (a four-question bank's page, about 82 KB) and
    bytes per question (about 420-530: a heat-map column, its text, its scoring data), so that a
    longer questionnaire may make a longer page but new code must fit the overhead. Banks that
    say how they are scored and shown (#16) took the overhead from 90 KB to 106 KB: the
    displayed unit and the twin's new rules (display.js, scoring.js: about 4 KB), the ranked dot
    plot (charts.js: 7.5 KB) and the page's groups, own levels, lowest scores and answer counts
    (partnership-results.js and their words: about 5 KB). #19 added 1.3 KB: the wide tables'
    scroll shadows and phone layout, the options row and the compact radar, curly apostrophes.
    #18's earlier rounds and trends took 23 KB: trends.js and trend-chart.js (5 KB),
    partnership-trends.js (10.7 KB: the round list, the form that adds a round, the two trend
    tables, the charts), its markup (3.7 KB, the form in a <template>), its style (2.5 KB) and
    words (1.5 KB). #18's Workshop view added 36 KB: web/workshop.js (the workshop file's reader
    and checks, word for word the command line's, and the draft's rules: 12.6 KB), its page
    script (11.3 KB), its markup (the switch, the round, a template for actions and about 1.5 KB
    a principle), its words (2.6 KB) and its style (3 KB)."""
    small = parse_questionnaire((VECTORS / "01-basic" / "bank.yaml").read_text(), "basic.yaml")
    overhead = len(render_partnership_page(small, theme).encode())
    assert overhead < 170_000
    assert len(html.encode()) < overhead + 700 * bank.question_count


# ---------------------------------------------------------------- in the built site


def test_build_writes_a_partnership_page_per_bank_linked_both_ways(
    tmp_path: Path, theme: Theme
) -> None:
    banks = [b.questionnaire for b in bundled_banks()]
    written = {p.name for p in build_site(banks, tmp_path / "site", theme)}
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for bank in banks:
        name = f"{bank.id}-partnership.html"
        assert name in written
        page = (tmp_path / "site" / name).read_text(encoding="utf-8")
        hrefs = [a.get("href") for t, a in Tags(page).tags if t == "a"]
        assert "index.html" in hrefs and f"{bank.id}.html" in hrefs
        assert f'<a href="{name}">' in index
        form = (tmp_path / "site" / f"{bank.id}.html").read_text(encoding="utf-8")
        assert f'<a href="{name}">partnership page</a>' in form


def test_a_form_rendered_alone_does_not_link_to_a_page_that_is_not_there(
    bank: Questionnaire, theme: Theme
) -> None:
    assert "-partnership.html" not in render_form(bank, theme)


def test_a_bank_id_that_would_overwrite_a_partnership_page_is_refused(
    tmp_path: Path, theme: Theme, starter_text: str
) -> None:
    first = parse_questionnaire(starter_text, "starter.yaml")
    second = parse_questionnaire(
        starter_text.replace("id: starter", "id: starter-partnership", 1), "other.yaml"
    )
    with pytest.raises(
        SelfassessError, match=r"would overwrite the form starter-partnership\.html"
    ):
        build_site([first, second], tmp_path / "site", theme)
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------- groups, choices, open answers


@pytest.fixture(scope="module")
def every_type() -> Questionnaire:
    return load_questionnaire(EVERY_TYPE)


@pytest.fixture(scope="module")
def every_html(every_type: Questionnaire, theme: Theme) -> str:
    return render_partnership_page(every_type, theme)


def test_each_breakdown_question_has_a_table_with_a_column_per_principle_and_overall(
    every_html: str,
) -> None:
    for qid in ("sector", "seniority"):
        table = every_html.split(f'<table class="scores breakdown" data-breakdown="{qid}">')[1]
        head = table.split("</thead>")[0]
        assert re.findall(r'<th scope="col">([^<]*)</th>', head) == [
            "Answer",
            "Respondents",
            "Common agenda",
            "Shared measures",
            "Overall",
        ]
    assert "services" not in re.findall(r'data-breakdown="([^"]*)"', every_html)


def test_each_choice_and_multi_question_inside_a_principle_has_a_table_of_its_options(
    every_html: str,
) -> None:
    assert re.findall(r'data-choice="([^"]*)"', every_html) == ["a-who", "m-pick"]
    assert '<caption id="choice-1-caption">Q4. Who sets the agenda?</caption>' in every_html


def test_text_questions_and_comments_have_a_place_under_their_principle(
    every_html: str,
) -> None:
    assert re.findall(r'data-about="([^"]*)"', every_html) == ["agenda", "a-open", "measures"]


def test_a_bank_without_background_or_choice_questions_gets_no_empty_tables(
    theme: Theme,
) -> None:
    basic = parse_questionnaire((VECTORS / "01-basic" / "bank.yaml").read_text(), "basic.yaml")
    page = render_partnership_page(basic, theme)
    assert "data-breakdown" not in page and "data-choice" not in page
    assert 'class="groups"' not in page and 'class="choice-counts"' not in page


def test_the_page_scripts_messages_and_the_file_readers_messages_use_distinct_keys() -> None:
    """The page gets both catalogues in one object: a key in both would say the wrong thing."""
    assert not set(PARTNERSHIP_MESSAGES) & set(READING_MESSAGES)


def test_the_page_script_gets_options_as_data_and_the_privacy_threshold(
    every_type: Questionnaire,
) -> None:
    data = partnership_groups_data(every_type)
    assert data["min_group_size"] == 2
    assert [b["id"] for b in data["breakdowns"]] == ["sector", "seniority"]
    assert data["breakdowns"][0]["options"][2] == {
        "id": "toString",
        "label": "<script>alert(1)</script> voluntary",
    }
    assert [c["id"] for c in data["choices"]] == ["a-who", "m-pick"]
    assert data["texts"] == ["a-open"]


def test_hostile_option_labels_reach_the_page_only_as_inert_json(every_html: str) -> None:
    assert "<script>alert(1)</script>" not in every_html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e voluntary" in every_html


UNSCORED_BANK = """\
id: counted
version: "1"
title: Counted
scoring: {display: scale, overall: false}
scale:
  - {value: 1, label: Low}
  - {value: 2, label: High}
  - {value: null, label: Don't know}
levels:
  - {id: a, label: A, min: 1}
principles:
  - {id: p1, title: Scored one, questions: [{id: q1, text: One}]}
  - {id: p2, title: Reported one, scored: false, questions: [{id: q2, text: Two}]}
"""


def test_an_unscored_principle_gets_a_table_of_answer_counts_and_no_score_column(
    theme: Theme,
) -> None:
    html = render_partnership_page(parse_questionnaire(UNSCORED_BANK, "counted.yaml"), theme)
    table = html[html.index('<table class="scores counts" data-counted="p2" data-question="q2">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr data-answer="([^"]+)"><th scope="row">([^<]+)</th>', table)
    assert rows == [("1", "Low"), ("2", "High"), ("null", "Don&#39;t know, or no answer")]
    organisations = html[html.index('id="organisations"') :]
    head = organisations[: organisations.index("</thead>")]
    assert "Scored one" in head and "Reported one" not in head and "Overall" not in head
    assert "mean on the 1–2 scale" in html


def test_a_bank_describing_its_levels_gets_a_key_to_them_and_an_older_bank_none(
    theme: Theme, html: str
) -> None:
    twenty = load_questionnaire(Path(__file__).parent / "data" / "twenty-factors" / "bank.yaml")
    page = render_partnership_page(twenty, theme)
    key = page[page.index('<div class="level-key"') :]
    key = key[: key.index("</div>")]
    assert re.findall(r"<dt>([^<]+)</dt>", key) == [lv.label for lv in twenty.levels]
    assert "<dd>4.0 and above: a strength to build on.</dd>" in key
    assert 'id="level-key"' not in html
