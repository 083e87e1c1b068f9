"""The form page of one bank: its questions, the respondent's results, loading and saving answers.

One self-contained HTML file: the theme's form template laid over the bank's view, the bank as
inert JSON for the page script, and the shell every page shares (page_shell.py). Building a
whole site of these pages, beside a landing page, is site.py's job.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from selfassess.core.i18n import use_translations
from selfassess.core.model import Questionnaire
from selfassess.pages.answer_file_messages import ANSWER_FILE_MESSAGES
from selfassess.pages.bank_view import bank_content_hash, bank_view
from selfassess.pages.page_messages import FORM_MESSAGES, page_messages
from selfassess.pages.page_shell import (
    LanguageLink,
    inline_assets,
    json_for_html,
    page_bank_data,
    page_context,
)
from selfassess.pages.theme_rendering import render_template, template_environment
from selfassess.pages.themes import Theme
from selfassess.pages.translations import translations_for

# From selfassess.web, never from the theme: the page's words by key, scoring, the chart.
FORM_COMPUTING = (
    "messages.js",
    "display.js",
    "scoring.js",
    "answer-file.js",
    "charts.js",
    "form-answers.js",
)
FORM_SCRIPTS = ("js/form-results.js", "js/form.js")
FORM_STYLES = ("css/form.css",)


def answers_needed(count: int, bank: Questionnaire) -> int:
    """How many of a principle's `count` questions give it a score (score.py's min_answered rule)."""
    return next(k for k in range(1, count + 1) if k / count >= bank.min_answered)


def render_form(
    bank: Questionnaire,
    theme: Theme,
    env: jinja2.Environment | None = None,
    index_href: str = "",
    partnership_href: str = "",
    languages: Sequence[LanguageLink] = (),
    content: str | None = None,
) -> str:
    """The standalone form page of one bank: questions, results, import and export.

    `languages`: the page in each of the bank's languages; `content`: the key of the answers it
    saves (the default language's content hash, so answers follow across languages)."""
    env = env or template_environment(theme)
    assets = inline_assets(theme, FORM_STYLES, FORM_SCRIPTS, FORM_COMPUTING)
    view = bank_view(bank)
    with use_translations(translations_for(view.language)):  # the page's words, its script's too
        context = {
            "page": page_context(assets, view.language, view.title, languages),
            "bank": view,
            # `content` keys the answers the form saves in the browser (form.js).
            "bank_json": json_for_html(
                {**page_bank_data(bank), "content": content or bank_content_hash(bank)}
            ),
            "messages_json": json_for_html(
                page_messages({**FORM_MESSAGES, **ANSWER_FILE_MESSAGES}, view.language)
            ),
            # Over the rated (scale) questions only: the others are never scored.
            "answers_needed": {
                p.id: answers_needed(len(bank.scored_questions(p)), bank) for p in bank.principles
            },
            "answers_total": {p.id: len(bank.scored_questions(p)) for p in bank.principles},
            # When some are asked of some respondents only: the answers needed if 1, 2 ... of
            # them are asked, for the script to pick from (it counts those asked).
            "answers_needed_when_asked": {
                p.id: " ".join(
                    str(answers_needed(n, bank))
                    for n in range(1, len(bank.scored_questions(p)) + 1)
                )
                for p in bank.principles
            },
            "index_href": index_href,
            "partnership_href": partnership_href,
        }
        return render_template(env, "form.html.j2", context)
