"""Bank -> what templates and page scripts need: pre-rendered Markdown and plain scoring data.

Templates only lay this out; they never compute scores.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from selfassess.core.model import (
    Level,
    Principle,
    Question,
    Questionnaire,
    ScaleOption,
    Scoring,
)
from selfassess.pages.markdown import render_inline, render_markdown


@dataclass(frozen=True)
class OptionView:
    value: str  # the input's value: the scale number as text ("" unscored), or the option's id
    label: str


# Past this many options a `choice` question is a list box rather than a row of radios.
MAX_RADIO_CHOICES = 7


@dataclass(frozen=True)
class QuestionView:
    id: str
    number: int  # its place among the principles' questions; 0 for a background question
    text_html: str
    help_html: str
    reverse: bool
    options: list[OptionView]  # the scale's, or a choice/multi question's own
    type: str = "scale"
    control: str = "radio"  # how it is asked: radio, select, checkbox or textarea
    scored: bool = True
    conditional: bool = False  # asked only of some respondents (ask_if)


@dataclass(frozen=True)
class LevelView:
    id: str
    label: str
    min: float
    description: str


@dataclass(frozen=True)
class PrincipleView:
    id: str
    number: int
    title: str
    summary_html: str
    questions: list[QuestionView]
    advice_html: dict[str, str]  # level id -> HTML
    group: str = ""  # its group's id; "" in a bank without groups
    scored: bool = True  # false: answered and reported (answer counts), never scored
    levels: list[LevelView] = field(default_factory=list)  # what its score is read against
    own_levels: bool = False  # its levels are its own, not the bank's
    # level id -> the advice of the next level up, where the principle has some ("What would
    # take us there"); nothing for the top level
    next_advice_html: dict[str, str] = field(default_factory=dict)
    next_level: dict[str, LevelView] = field(default_factory=dict)  # level id -> the one above


@dataclass(frozen=True)
class GroupView:
    """A heading over principles (a published instrument's categories), in bank order."""

    id: str
    title: str
    summary_html: str
    principles: list[PrincipleView]


@dataclass(frozen=True)
class TranslationNote:
    """The bank's note on one language's translation ("Welsh translation: draft, not yet
    reviewed"), shown in that language whatever the page's language."""

    lang: str
    dir: str  # rtl or ltr where the note's language is written otherwise than the page's, else ""
    text: str


@dataclass(frozen=True)
class BankView:
    id: str
    version: str
    title: str
    language: str
    description: str
    intro_html: str
    estimated_minutes: int
    question_count: int
    levels: list[LevelView]
    principles: list[PrincipleView]
    background: list[QuestionView] = field(default_factory=list)
    references_html: list[str] = field(default_factory=list)  # each one source, inline Markdown
    conditional: bool = False  # some question is asked only of some respondents
    groups: list[GroupView] = field(default_factory=list)  # none: the principles stand alone
    overall: bool = True  # false: no overall score anywhere (`scoring.overall`)
    weakest_link: bool = True  # false: "Lowest scores" in place of the weakest link
    by_respondent: bool = False  # `aggregate: respondents`: every respondent counts the same
    scale_range: str = ""  # "1–5" when figures are shown on the scale, else ""
    # The bank says how it is scored and shown (scoring, groups, own levels, unscored
    # principles): its pages show each level's description and the advice for the next level.
    own_scoring: bool = False
    scored_count: int = 0  # the principles that are scored (all, in a bank without `scored`)
    # Levels with a description, the bank's or a principle's own: the pages give a key to them.
    described_levels: bool = False
    # The bank's `translations` note, every language of it (each in its own), bank order.
    translations: list[TranslationNote] = field(default_factory=list)


# Scripts written right to left; a page in one of these languages is laid out rtl.
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)


def text_direction(language: str) -> str:
    """`rtl` for a BCP 47 tag whose language is written right to left, else `ltr`."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _other_direction(language: str, page_language: str) -> str:
    """How `language` is written, where a page in `page_language` is written the other way."""
    own = text_direction(language)
    return own if own != text_direction(page_language) else ""


def option_value(option: ScaleOption) -> str:
    if option.value is None:
        return ""
    return f"{option.value:g}" if isinstance(option.value, float) else str(option.value)


def estimated_minutes(bank: Questionnaire) -> int:
    """The bank's own estimate, else about 20 seconds a question."""
    return bank.estimated_minutes or max(1, round(bank.question_count / 3))


def control_of(question: Question) -> str:
    """The form control a question is asked with: radios for a scale or a short choice, a list
    box past seven choices, checkboxes for multi, a text area for text."""
    if question.type == "choice" and len(question.options or []) > MAX_RADIO_CHOICES:
        return "select"
    return {"multi": "checkbox", "text": "textarea"}.get(question.type, "radio")


def question_view(bank: Questionnaire, question: Question, number: int) -> QuestionView:
    """One question as the form asks it and the pages list it."""
    if question.options is not None:
        options = [OptionView(o.id, o.label) for o in question.options]
    elif question.is_scored:
        options = [OptionView(option_value(o), o.label) for o in bank.scale_of(question)]
    else:
        options = []
    return QuestionView(
        id=question.id,
        number=number,
        text_html=render_inline(question.text),
        help_html=render_markdown(question.help),
        reverse=question.reverse,
        options=options,
        type=question.type,
        control=control_of(question),
        scored=question.is_scored,
        conditional=question.ask_if is not None,
    )


def level_views(levels: list[Level]) -> list[LevelView]:
    return [LevelView(lv.id, lv.label, lv.min, lv.description or "") for lv in levels]


def next_advice(levels: list[Level], advice: dict[str, str]) -> dict[str, str]:
    """Level id -> the advice of the level above it, where the principle gives that advice."""
    return {
        lower.id: render_markdown(advice[upper.id])
        for lower, upper in pairwise(levels)
        if upper.id in advice
    }


def principle_view(
    bank: Questionnaire, principle: Principle, number: int, first: int
) -> PrincipleView:
    """One principle as the pages show it; its questions numbered on from `first`."""
    levels = bank.levels_of(principle)
    return PrincipleView(
        id=principle.id,
        number=number,
        title=principle.title,
        summary_html=render_markdown(principle.summary),
        questions=[question_view(bank, q, first + k) for k, q in enumerate(principle.questions)],
        advice_html={k: render_markdown(v) for k, v in principle.advice.items()},
        group=principle.group or "",
        scored=principle.scored,
        levels=level_views(levels),
        own_levels=principle.levels is not None,
        next_advice_html=next_advice(levels, principle.advice),
        next_level=dict(zip([lv.id for lv in levels], level_views(levels)[1:], strict=False)),
    )


def says_how_scored(bank: Questionnaire) -> bool:
    """Whether the bank uses any of the keys that say how it is scored and shown."""
    return (
        bank.scoring != Scoring()
        or bool(bank.groups)
        or any(p.levels is not None or not p.scored for p in bank.principles)
    )


def scale_range(bank: Questionnaire) -> str:
    """ "1–5" for a bank shown on its scale, "" for one shown on 0-100."""
    display = bank.display
    return f"{display.lo:g}–{display.hi:g}" if display.on_scale else ""


def bank_view(bank: Questionnaire) -> BankView:
    number = 0
    principles = []
    for p_index, principle in enumerate(bank.principles, start=1):
        principles.append(principle_view(bank, principle, p_index, number + 1))
        number += len(principle.questions)
    groups = [
        GroupView(
            g.id,
            g.title,
            render_markdown(g.summary),
            [p for p in principles if p.group == g.id],
        )
        for g in bank.groups
    ]
    return BankView(
        id=bank.id,
        version=bank.version,
        title=bank.title,
        language=bank.language,
        description=bank.description or "",
        intro_html=render_markdown(bank.intro),
        estimated_minutes=estimated_minutes(bank),
        question_count=bank.question_count,
        levels=level_views(bank.levels),
        principles=principles,
        background=[question_view(bank, q, 0) for q in bank.background],
        references_html=[render_inline(r) for r in bank.references],
        conditional=any(q.ask_if is not None for q in bank.all_questions()),
        groups=groups,
        overall=bank.scoring.overall,
        weakest_link=bank.scoring.weakest_link,
        by_respondent=bank.scoring.aggregate == "respondents",
        scale_range=scale_range(bank),
        own_scoring=says_how_scored(bank),
        scored_count=len(bank.scored_principles()),
        described_levels=any(
            lv.description for p in bank.principles for lv in [*bank.levels_of(p), *bank.levels]
        ),
        translations=[
            TranslationNote(lang, _other_direction(lang, bank.language), text)
            for lang, text in (bank.translations or {}).items()
        ],
    )


def question_scoring_data(bank: Questionnaire, question: Question) -> dict[str, Any]:
    """One question for scoring.js: a scale question as before (no `type`, the default, to keep
    pages small); any other its type and options; either its `ask_if` when it has one."""
    data: dict[str, Any] = {"id": question.id}
    if question.is_scored:
        data["weight"] = question.weight
        data["reverse"] = question.reverse
        data["scale"] = [{"value": o.value, "label": o.label} for o in bank.scale_of(question)]
    else:
        data["type"] = question.type
    if question.options is not None:
        data["options"] = [{"id": o.id, "label": o.label} for o in question.options]
    if question.breakdown:
        data["breakdown"] = True
    if question.ask_if is not None:
        data["ask_if"] = {"question": question.ask_if.question, "any_of": question.ask_if.any_of}
    return data


def bank_scoring_data(bank: Questionnaire) -> dict[str, Any]:
    """The bank as plain data for scoring.js: everything the rules need, nothing else."""
    data: dict[str, Any] = {
        "id": bank.id,
        "version": bank.version,
        "min_answered": bank.min_answered,
        "divergence_threshold": bank.spread_threshold,
        "consensus": bank.consensus_threshold,
        "levels": [{"id": lv.id, "label": lv.label, "min": lv.min} for lv in bank.levels],
    }
    if bank.scoring != Scoring():  # left out at the defaults, to keep pages small
        data["scoring"] = bank.scoring.model_dump()
    if bank.groups:
        data["groups"] = [{"id": g.id, "title": g.title} for g in bank.groups]
    if bank.background:
        data["background"] = [question_scoring_data(bank, q) for q in bank.background]
    data["principles"] = [principle_scoring_data(bank, p) for p in bank.principles]
    return data


def principle_scoring_data(bank: Questionnaire, principle: Principle) -> dict[str, Any]:
    """One principle for scoring.js: `group`, `scored` and `levels` only where the bank sets them."""
    data: dict[str, Any] = {
        "id": principle.id,
        "title": principle.title,
        "weight": principle.weight,
    }
    if principle.group is not None:
        data["group"] = principle.group
    if not principle.scored:
        data["scored"] = False
    if principle.levels is not None:
        data["levels"] = [
            {"id": lv.id, "label": lv.label, "min": lv.min} for lv in principle.levels
        ]
    data["questions"] = [question_scoring_data(bank, q) for q in principle.questions]
    return data


def _question_content(bank: Questionnaire, question: Question) -> dict[str, Any]:
    """What of one question makes an answer to it mean something: a scale question as before
    (so saved answers to an existing bank still restore), and for the others their type, their
    options and, for any question, when it is asked."""
    if question.is_scored:
        content: dict[str, Any] = {
            "id": question.id,
            "text": question.text,
            "reverse": question.reverse,
            "scale": [[o.value, o.label] for o in bank.scale_of(question)],
        }
    else:
        content = {
            "id": question.id,
            "text": question.text,
            "type": question.type,
            "options": [[o.id, o.label] for o in question.options or []],
        }
    if question.ask_if is not None:
        content["ask_if"] = [question.ask_if.question, list(question.ask_if.any_of)]
    return content


def bank_content_hash(bank: Questionnaire) -> str:
    """What makes answers belong to one questionnaire, hashed: its principles, questions (id,
    text, reverse, type, options, ask_if) and their scales (value and label), its background
    questions. The form keys its saved answers with it,
    so two banks with the same id and version never restore each other's answers. The same
    bank gives the same hash on every build; the version, title and wording around the
    questions do not count."""
    content: list[Any] = [
        {"id": p.id, "questions": [_question_content(bank, q) for q in p.questions]}
        for p in bank.principles
    ]
    if bank.background:
        content.append({"background": [_question_content(bank, q) for q in bank.background]})
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
