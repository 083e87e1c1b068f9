"""The partnership page: a facilitator's offline view of many answer files, in one HTML file.

The page reads the partners' response files (JSON, and CSV as `selfassess score` reads them) in
the browser, scores them with the same scoring.js as the form (selfassess.web, not the theme)
and shows the partnership's results; nothing is uploaded. Its shell (inline assets, hashed Content-Security-Policy) is the
form's, from page_shell.py.

Beside the bank's scoring data the page gets `partnership_groups_data`: the options of breakdown
and choice questions and the privacy threshold, which web/breakdowns.js needs to say which
groups, counts and open answers may be shown. Question texts are Markdown, so the template
renders the tables' captions and headings here; the script only fills in rows, as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import jinja2

from selfassess.core.i18n import _, use_translations
from selfassess.core.model import Question, Questionnaire
from selfassess.core.palette import level_colours
from selfassess.core.tallies import NULL_KEY, value_key
from selfassess.inputs.responses import MAX_RESPONSE_BYTES
from selfassess.pages.answer_file_messages import READING_MESSAGES
from selfassess.pages.bank_view import BankView, PrincipleView, bank_view
from selfassess.pages.markdown import render_inline
from selfassess.pages.page_messages import PARTNERSHIP_MESSAGES, page_messages
from selfassess.pages.page_shell import (
    LanguageLink,
    inline_assets,
    json_for_html,
    level_tone_css,
    page_context,
    page_palette_data,
)
from selfassess.pages.theme_rendering import render_template, template_environment
from selfassess.pages.themes import Theme
from selfassess.pages.translations import translations_for
from selfassess.pages.trends_messages import TRENDS_MESSAGES
from selfassess.pages.workshop_messages import WORKSHOP_MESSAGES

# The computing scripts come from selfassess.web, never from the theme; then the theme's UI.
PARTNERSHIP_COMPUTING = (
    "messages.js",
    "display.js",
    "scoring.js",
    "answer-file.js",
    "partnership-scoring.js",
    "charts.js",
    "python-text.js",
    "csv.js",
    "responses.js",
    "heatmap.js",
    "breakdowns.js",
    "trends.js",
    "trend-chart.js",
    "workshop.js",
)
PARTNERSHIP_SCRIPTS = (
    "js/partnership-results.js",
    "js/partnership.js",
    "js/partnership-trends.js",
    "js/partnership-workshop.js",
)
PARTNERSHIP_STYLES = ("css/form.css", "css/partnership.css")


def heat_tone_css(bank: Questionnaire) -> str:
    """The heat map's level fills: the bank's levels' colours, and for a principle with levels
    of its own, theirs, on its map and on the key while it is shown (partnership.js marks it)."""
    css = level_tone_css(len(bank.levels))
    for principle in bank.principles:
        if principle.levels is None or not principle.scored:
            continue
        for i, colour in enumerate(level_colours(len(principle.levels))):
            on_map = f'[data-heat="{principle.id}"] .tone-{i}'
            on_key = f'.heat-legend[data-principle="{principle.id}"] .tone-{i}'
            css += f"{on_map},{on_key}{{background:{colour}}}"
    return css


def partnership_page_name(bank_id: str) -> str:
    """The page's file name in a built site, beside the form `<bank-id>.html`."""
    return f"{bank_id}-partnership.html"


@dataclass(frozen=True)
class AskedView:
    """A question the page shows a table or answers for: its id and its text as HTML."""

    id: str
    text_html: str
    number: int | None = None  # the question's number on the form; None for a background one


@dataclass(frozen=True)
class OpenPrincipleView:
    """A principle's place for its comments (on it or any of its questions) and the answers to
    its text questions."""

    id: str
    title: str
    questions: list[AskedView]


@dataclass(frozen=True)
class AnswerRowView:
    """One row of an unscored question's counts: the answer's key in `answers` and its label."""

    key: str
    label: str


@dataclass(frozen=True)
class CountedQuestionView:
    """A question of an unscored principle: how many chose each value of its scale."""

    id: str
    number: int
    text_html: str
    rows: list[AnswerRowView]


@dataclass(frozen=True)
class CountedPrincipleView:
    """A principle the bank reports without scoring (`scored: false`), with its questions."""

    id: str
    title: str
    questions: list[CountedQuestionView]


def _counted(bank: Questionnaire, view: BankView) -> list[CountedPrincipleView]:
    """The unscored principles' scale questions, each value's row labelled from its scale; the
    unscored option ("Don't know") shares the row of those who left the question blank."""
    views = {p.id: p for p in view.principles}
    counted = []
    for principle in bank.principles:
        if principle.scored:
            continue
        pv = views[principle.id]
        texts = {q.id: (q.number, q.text_html) for q in pv.questions}
        questions = []
        for question in bank.scored_questions(principle):
            scale = bank.scale_of(question)
            rows = [
                AnswerRowView(value_key(o.value), o.label) for o in scale if o.value is not None
            ]
            blank = [o.label for o in scale if o.value is None]
            rows.append(AnswerRowView(NULL_KEY, _no_answer(blank)))
            number, text = texts[question.id]
            questions.append(CountedQuestionView(question.id, number, text, rows))
        counted.append(CountedPrincipleView(principle.id, principle.title, questions))
    return counted


def _no_answer(unscored_labels: list[str]) -> str:
    """The label of the "null" row: no answer, or the scale's unscored option."""
    if not unscored_labels:
        return _("No answer")
    return _("%(option)s, or no answer") % {"option": "; ".join(unscored_labels)}


def _score_columns(view: BankView) -> tuple[list[PrincipleView], list[tuple[str, int]]]:
    """The scored principles as the score tables' columns, in group order, and each group's
    title with the number of columns under it (none without groups)."""
    if not view.groups:
        return [p for p in view.principles if p.scored], []
    columns: list[PrincipleView] = []
    spans: list[tuple[str, int]] = []
    for group in view.groups:
        own = [p for p in group.principles if p.scored]
        columns += own
        if own:
            spans.append((group.title, len(own)))
    return columns, spans


def partnership_groups_data(bank: Questionnaire) -> dict[str, Any]:
    """What web/breakdowns.js needs beside the scores: options (ids and labels, shown as text),
    the text questions whose answers go with the comments, and the privacy threshold."""

    def options(question: Question) -> list[dict[str, str]]:
        return [{"id": o.id, "label": o.label} for o in question.options or []]

    inside = [q for _, q in bank.questions()]
    return {
        "min_group_size": bank.privacy.min_group_size,
        "breakdowns": [{"id": q.id, "options": options(q)} for q in bank.breakdown_questions()],
        "choices": [
            {"id": q.id, "options": options(q)} for q in inside if q.type in ("choice", "multi")
        ],
        "texts": [q.id for q in inside if q.type == "text"],
    }


def _group_views(bank: Questionnaire, view: BankView) -> dict[str, Any]:
    """The template's share of the breakdowns, choices, open answers and heat maps."""
    numbers = {q.id: q.number for p in view.principles for q in p.questions}
    texts = {q.id: q.text_html for p in view.principles for q in p.questions}
    scored = {q.id for _, q in bank.questions() if q.is_scored}
    inside = [q for _, q in bank.questions()]
    written = {q.id for q in inside if q.type == "text"}
    return {
        "min_group_size": bank.privacy.min_group_size,
        "breakdowns": [AskedView(q.id, render_inline(q.text)) for q in bank.breakdown_questions()],
        "choice_questions": [
            AskedView(q.id, texts[q.id], numbers[q.id])
            for q in inside
            if q.type in ("choice", "multi")
        ],
        "open_principles": [
            OpenPrincipleView(
                p.id,
                p.title,
                [AskedView(q.id, q.text_html, q.number) for q in p.questions if q.id in written],
            )
            for p in view.principles
        ],
        # An unscored principle has its answer counts instead of a heat map.
        "heat_principles": [_scored_only(p, scored) for p in view.principles if p.scored],
        "counted_principles": _counted(bank, view),
    }


def _scored_only(principle: PrincipleView, scored: set[str]) -> PrincipleView:
    """A principle with only its scale questions: the heat map's columns."""
    return replace(principle, questions=[q for q in principle.questions if q.id in scored])


def render_partnership_page(
    bank: Questionnaire,
    theme: Theme,
    env: jinja2.Environment | None = None,
    *,
    index_href: str = "",
    form_href: str = "",
    languages: Sequence[LanguageLink] = (),
) -> str:
    """The partnership page of one bank: pick answer files, see the partnership's results."""
    env = env or template_environment(theme)
    assets = inline_assets(
        theme,
        PARTNERSHIP_STYLES,
        PARTNERSHIP_SCRIPTS,
        PARTNERSHIP_COMPUTING,
        generated_css=heat_tone_css(bank),  # the heat map's level fills
    )
    view = bank_view(bank)
    columns, spans = _score_columns(view)
    with use_translations(translations_for(view.language)):  # the page's words, its script's too
        context = {
            "page": page_context(
                assets,
                view.language,
                _("%(title)s: the partnership’s results") % {"title": view.title},
                languages,
            ),
            "bank": view,
            "bank_json": json_for_html(page_palette_data(bank)),
            "messages_json": json_for_html(
                page_messages(
                    {
                        **PARTNERSHIP_MESSAGES,
                        **READING_MESSAGES,
                        **TRENDS_MESSAGES,
                        **WORKSHOP_MESSAGES,
                    },
                    view.language,
                )
            ),
            "index_href": index_href,
            "form_href": form_href,
            "divergence_threshold": bank.display.number_text(bank.spread_threshold),
            "max_megabytes": MAX_RESPONSE_BYTES // (1024 * 1024),
            "groups_json": json_for_html(partnership_groups_data(bank)),
            "score_columns": columns,
            "column_groups": spans,
            **_group_views(bank, view),
        }
        return render_template(env, "partnership.html.j2", context)
