"""Scores -> the scorecard's view-model: every number rounded, every label looked up, charts drawn.

The scorecard templates (HTML and PDF alike) only lay this out. Pure: no files, no clock; the
caller passes the date to print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from selfassess.charts import Band, HeatRow, RadarSeries, band_colours, heat_map, radar_chart
from selfassess.formats import shown
from selfassess.model import Questionnaire, SourcedResponse
from selfassess.score import OrganisationScores, Score, Scores, item_score, mean, round_half_up
from selfassess.view import bank_view

DEFAULT_TITLE = "Partnership scorecard"
MOST_DISAGREED = 3  # questions listed per principle


@dataclass(frozen=True)
class ScorecardOptions:
    title: str | None = None
    partnership: str | None = None
    show_names: bool = False
    date: date | None = None  # printed on the cover; the caller reads the clock
    font_family: str = "sans-serif"
    highlight: str = "#1b1b1b"  # the partnership's line on the radar


@dataclass(frozen=True)
class LevelRef:
    id: str
    label: str
    description: str
    colour: str  # the level's fill, as in the heat maps


@dataclass(frozen=True)
class OrganisationScore:
    name: str
    score: str


@dataclass(frozen=True)
class PrincipleRow:
    """One line of the summary table."""

    number: int
    id: str
    anchor: str
    title: str
    score: str
    level: LevelRef | None
    lowest: OrganisationScore | None
    highest: OrganisationScore | None
    spread: str
    divergent: bool
    weakest_link: bool
    median: str  # of respondents' scores, not organisations'
    iqr: str
    split: bool


@dataclass(frozen=True)
class WeakestLink:
    number: int
    anchor: str
    title: str
    score: str
    level: LevelRef | None
    organisation: OrganisationScore | None
    divergent: bool
    spread: str


@dataclass(frozen=True)
class Disagreement:
    """A question on which organisations' mean answers lie furthest apart."""

    label: str
    text_html: str
    spread: str
    lowest: OrganisationScore
    highest: OrganisationScore
    divergent: bool


@dataclass(frozen=True)
class QuestionRow:
    label: str  # "Q7"
    text_html: str
    reverse: bool
    disagreement: Disagreement | None  # set on the principle's most disagreed questions


@dataclass(frozen=True)
class CommentView:
    text: str
    organisation: str
    role: str | None
    name: str | None  # only with show_names
    about: str  # "Q7", or "" for a comment on the whole principle


@dataclass(frozen=True)
class PrincipleSection:
    number: int
    id: str
    anchor: str
    title: str
    summary_html: str
    score: str
    level: LevelRef | None
    lowest: OrganisationScore | None
    highest: OrganisationScore | None
    spread: str
    divergent: bool
    weakest_link: bool
    respondents: int  # respondents with a score on this principle
    median: str
    iqr: str
    split: bool
    agreement: str  # one sentence: do organisations differ, do people differ, or both?
    heat_map_svg: str
    questions: list[QuestionRow]
    has_reverse: bool
    disagreements: list[Disagreement]
    advice_html: str
    comments: list[CommentView]


@dataclass(frozen=True)
class Change:
    before: str
    now: str
    delta: str  # "+5", "−3", "0", or "–" when either side has no score
    direction: str  # "up", "down", "same", "none"
    arrow: str


@dataclass(frozen=True)
class PrincipleChange:
    number: int
    title: str
    change: Change
    level_before: str
    level_now: str


@dataclass(frozen=True)
class OrganisationChange:
    name: str
    change: Change
    largest_principle: str  # the principle that moved most, with its delta; "" when none did


@dataclass(frozen=True)
class BaselineView:
    respondents: int
    organisations: int
    collected: str
    overall: Change
    level_before: str
    level_now: str
    principles: list[PrincipleChange]
    organisation_changes: list[OrganisationChange]  # biggest movement first
    moved_most: list[OrganisationChange]
    joined: list[str]
    left: list[str]


@dataclass(frozen=True)
class ScalePoint:
    label: str
    score: str


@dataclass(frozen=True)
class LevelRange:
    label: str
    range: str


@dataclass(frozen=True)
class OrganisationCount:
    name: str
    respondents: int
    answered: str  # share of questions answered, as "87%"
    baseline_respondents: int | None


@dataclass(frozen=True)
class MethodView:
    scale: list[ScalePoint]
    unscored: list[str]
    own_scales: bool
    reverse_questions: int
    min_answered: str
    divergence_threshold: str
    consensus_threshold: str
    equal_principle_weights: bool
    equal_question_weights: bool
    levels: list[LevelRange]
    organisations: list[OrganisationCount]
    skipped: list[str]
    notes: list[str]


@dataclass(frozen=True)
class ScorecardView:
    title: str
    partnership: str | None
    running_header: str
    language: str
    questionnaire_title: str
    questionnaire_id: str
    questionnaire_version: str
    date: str
    collected: str
    respondents: int
    organisations: int
    overall: str
    level: LevelRef | None
    levels: list[LevelRef]
    radar_svg: str
    principles: list[PrincipleRow]
    weakest_link: WeakestLink | None
    sections: list[PrincipleSection]
    baseline: BaselineView | None
    method: MethodView
    show_names: bool


def build_scorecard(
    bank: Questionnaire,
    scores: Scores,
    responses: Sequence[SourcedResponse],
    options: ScorecardOptions,
    *,
    baseline: Scores | None = None,
    baseline_responses: Sequence[SourcedResponse] = (),
    skipped: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> ScorecardView:
    """Everything the scorecard shows, ready to lay out."""
    bv = bank_view(bank)
    levels = {
        lv.id: LevelRef(lv.id, lv.label, lv.description, colour)
        for lv, colour in zip(bv.levels, band_colours(len(bv.levels)), strict=True)
    }
    p = scores.partnership
    organisations = list(scores.organisations.values())
    question_labels = {q.id: f"Q{q.number}" for pv in bv.principles for q in pv.questions}
    question_html = {q.id: q.text_html for pv in bv.principles for q in pv.questions}

    def level(level_id: str | None) -> LevelRef | None:
        return levels.get(level_id) if level_id else None

    def organisation_score(name: str | None, principle_id: str) -> OrganisationScore | None:
        if name is None:
            return None
        return OrganisationScore(name, shown(scores.organisations[name].principles[principle_id]))

    def extreme(principle_id: str, lowest: bool) -> OrganisationScore | None:
        scored = [
            (s, o.name) for o in organisations if (s := o.principles[principle_id]) is not None
        ]
        if not scored:
            return None
        # Ties go to the first name alphabetically, as the weakest organisation's do.
        s, name = min(scored) if lowest else min(scored, key=lambda pair: (-pair[0], pair[1]))
        return OrganisationScore(name, shown(s))

    rows = []
    sections = []
    comments = _comments_by_principle(bank, responses, question_labels, options.show_names)
    bands = [Band(lv.min, lv.label) for lv in bank.levels]
    for principle, pv in zip(bank.principles, bv.principles, strict=True):
        r = p.principles[principle.id]
        anchor = f"principle-{principle.id}"
        weakest = principle.id == p.weakest_principle
        lowest = extreme(principle.id, lowest=True)
        highest = extreme(principle.id, lowest=False)
        rows.append(
            PrincipleRow(
                number=pv.number,
                id=principle.id,
                anchor=anchor,
                title=principle.title,
                score=shown(r.score),
                level=level(r.level),
                lowest=lowest,
                highest=highest,
                spread=shown(r.spread),
                divergent=r.divergent,
                weakest_link=weakest,
                median=shown(r.consensus.median),
                iqr=shown(r.consensus.iqr),
                split=r.consensus.split,
            )
        )
        disagreements = _disagreements(
            bank, principle.id, organisations, question_labels, question_html
        )
        disagreement_of = {d.label: d for d in disagreements}
        questions = [
            QuestionRow(
                question_labels[q.id],
                q.text_html,
                q.reverse,
                disagreement_of.get(question_labels[q.id]),
            )
            for q in pv.questions
        ]
        heat_rows = [
            HeatRow(
                o.name,
                [o.items.get(q.id) for q in principle.questions] + [o.principles[principle.id]],
            )
            for o in organisations
        ]
        heat_rows.append(
            HeatRow(
                "Partnership",
                [_question_mean(organisations, q.id) for q in principle.questions] + [r.score],
                emphasis=True,
            )
        )
        heat_svg = heat_map(
            heat_rows,
            [q.label + ("*" if q.reverse else "") for q in questions] + ["Score"],
            bands,
            title=f"Heat map: {principle.title}, by organisation and question",
            id_prefix=f"heat-{principle.id}",
            font_family=options.font_family,
            emphasis_columns=1,
        )
        sections.append(
            PrincipleSection(
                number=pv.number,
                id=principle.id,
                anchor=anchor,
                title=principle.title,
                summary_html=pv.summary_html,
                score=shown(r.score),
                level=level(r.level),
                lowest=lowest,
                highest=highest,
                spread=shown(r.spread),
                divergent=r.divergent,
                weakest_link=weakest,
                respondents=r.consensus.n,
                median=shown(r.consensus.median),
                iqr=shown(r.consensus.iqr),
                split=r.consensus.split,
                agreement=agreement_sentence(
                    r.divergent,
                    r.consensus.split,
                    sum(o.principles[principle.id] is not None for o in organisations),
                    r.consensus.n,
                    bank.consensus,
                ),
                heat_map_svg=heat_svg,
                questions=questions,
                has_reverse=any(q.reverse for q in questions),
                disagreements=disagreements,
                advice_html=pv.advice_html.get(r.level or "", ""),
                comments=comments.get(principle.id, []),
            )
        )

    weakest_link = None
    if p.weakest_principle is not None:
        row = next(row for row in rows if row.id == p.weakest_principle)
        r = p.principles[p.weakest_principle]
        weakest_link = WeakestLink(
            number=row.number,
            anchor=row.anchor,
            title=row.title,
            score=row.score,
            level=row.level,
            organisation=organisation_score(r.weakest_organisation, p.weakest_principle),
            divergent=r.divergent,
            spread=row.spread,
        )

    axes = [f"{pv.number}. {pv.title}" for pv in bv.principles]
    radar = radar_chart(
        axes,
        [
            RadarSeries(o.name, [o.principles[pr.id] for pr in bank.principles])
            for o in organisations
        ],
        partnership=RadarSeries(
            "Partnership", [p.principles[pr.id].score for pr in bank.principles]
        ),
        rings=sorted({*(lv.min for lv in bank.levels if lv.min > 0), 100.0}),
        title="Radar chart: each principle's score, for the partnership and each organisation",
        id_prefix="radar",
        font_family=options.font_family,
        highlight=options.highlight,
    )
    title = options.title or DEFAULT_TITLE
    return ScorecardView(
        title=title,
        partnership=options.partnership,
        running_header=options.partnership or title,
        language=bank.language,
        questionnaire_title=bank.title,
        questionnaire_id=bank.id,
        questionnaire_version=bank.version,
        date=long_date(options.date) if options.date else "",
        collected=collection_period(responses),
        respondents=p.n_respondents,
        organisations=p.n_organisations,
        overall=shown(p.overall),
        level=level(p.level),
        levels=list(levels.values()),
        radar_svg=radar,
        principles=rows,
        weakest_link=weakest_link,
        sections=sections,
        baseline=(
            _baseline_view(bank, scores, baseline, baseline_responses)
            if baseline is not None
            else None
        ),
        method=_method_view(bank, scores, baseline, skipped, notes),
        show_names=options.show_names,
    )


# ---------------------------------------------------------------- pieces


def _question_mean(organisations: Sequence[OrganisationScores], question_id: str) -> Score:
    """The partnership's view of one question: every organisation's mean counts the same."""
    return mean([s for o in organisations if (s := o.items.get(question_id)) is not None])


def _disagreements(
    bank: Questionnaire,
    principle_id: str,
    organisations: Sequence[OrganisationScores],
    labels: dict[str, str],
    text_html: dict[str, str],
) -> list[Disagreement]:
    principle = next(pr for pr in bank.principles if pr.id == principle_id)
    found = []
    for order, question in enumerate(principle.questions):
        scored = [(s, o.name) for o in organisations if (s := o.items.get(question.id)) is not None]
        if len(scored) < 2:
            continue
        low = min(scored)
        high = min(scored, key=lambda pair: (-pair[0], pair[1]))
        spread = high[0] - low[0]
        if spread <= 0:
            continue
        found.append((-spread, order, question.id, low, high, spread))
    found.sort()
    return [
        Disagreement(
            label=labels[qid],
            text_html=text_html[qid],
            spread=shown(spread),
            lowest=OrganisationScore(low[1], shown(low[0])),
            highest=OrganisationScore(high[1], shown(high[0])),
            divergent=spread >= bank.divergence_threshold,
        )
        for _, _, qid, low, high, spread in found[:MOST_DISAGREED]
    ]


def _comments_by_principle(
    bank: Questionnaire,
    responses: Sequence[SourcedResponse],
    labels: dict[str, str],
    show_names: bool,
) -> dict[str, list[CommentView]]:
    """Comments grouped under their principle, in question order, then by organisation."""
    principle_of = {q.id: pr.id for pr, q in bank.questions()}
    principle_of.update({pr.id: pr.id for pr in bank.principles})
    order = {pr.id: i for i, pr in enumerate(bank.principles)}
    order.update({q.id: len(bank.principles) + i for i, (_, q) in enumerate(bank.questions())})
    keyed = []
    for sourced in responses:
        respondent = sourced.response.respondent
        organisation = (respondent.organisation or "").strip() or "Unspecified"
        role = (respondent.role or "").strip() or None
        name = (respondent.name or "").strip() or None
        for key, text in sourced.response.comments.items():
            if key not in principle_of or not text.strip():
                continue
            comment = CommentView(
                text=text.strip(),
                organisation=organisation,
                role=role,
                name=name if show_names else None,
                about=labels.get(key, ""),
            )
            keyed.append(
                ((order[principle_of[key]], order[key], organisation), principle_of[key], comment)
            )
    keyed.sort(key=lambda item: item[0])
    grouped: dict[str, list[CommentView]] = {}
    for _, principle_id, comment in keyed:
        grouped.setdefault(principle_id, []).append(comment)
    return grouped


def agreement_sentence(
    divergent: bool, split: bool, organisations: int, respondents: int, threshold: float
) -> str:
    """What the spread between organisations and the spread between people say together."""
    if respondents == 0:
        return ""
    far = f"at least a third of respondents are more than {threshold:g} points from the median"
    if organisations < 2:
        people = f"people are split: {far}." if split else "most respondents sit near the median."
        return f"Only one organisation scored this principle, so there is no spread between organisations; {people}"
    if divergent and split:
        return (
            f"Organisations see this principle differently, and so do people: {far}. "
            "Worth a conversation before any action plan."
        )
    if divergent:
        return (
            "Organisations see this principle differently, while most respondents sit near the "
            "median: the gap lies between organisations more than between people."
        )
    if split:
        return (
            f"Organisations' averages are close, but people are split: {far}. "
            "The averages hide a disagreement that runs through organisations."
        )
    return "Organisations' averages are close and most respondents sit near the median."


def change(before: Score, now: Score) -> Change:
    """A movement between rounds, on the whole numbers people read (so 43 -> 48 is +5)."""
    if before is None or now is None:
        return Change(shown(before), shown(now), "–", "none", "")
    delta = round_half_up(now) - round_half_up(before)
    if delta > 0:
        return Change(shown(before), shown(now), f"+{delta}", "up", "▲")
    if delta < 0:
        return Change(shown(before), shown(now), f"−{-delta}", "down", "▼")
    return Change(shown(before), shown(now), "0", "same", "▶")


def _delta_size(c: Change) -> int:
    return abs(int(c.delta.replace("−", "-"))) if c.direction != "none" else -1


def _baseline_view(
    bank: Questionnaire,
    scores: Scores,
    baseline: Scores,
    baseline_responses: Sequence[SourcedResponse],
) -> BaselineView:
    labels = {lv.id: lv.label for lv in bank.levels}
    now, before = scores.partnership, baseline.partnership
    principles = [
        PrincipleChange(
            number=index,
            title=pr.title,
            change=change(before.principles[pr.id].score, now.principles[pr.id].score),
            level_before=labels.get(before.principles[pr.id].level or "", "–"),
            level_now=labels.get(now.principles[pr.id].level or "", "–"),
        )
        for index, pr in enumerate(bank.principles, start=1)
    ]
    movements = []
    for name, org in scores.organisations.items():
        earlier = baseline.organisations.get(name)
        if earlier is None:
            continue
        per_principle = [
            (pr.title, change(earlier.principles[pr.id], org.principles[pr.id]))
            for pr in bank.principles
        ]
        moved = [(t, c) for t, c in per_principle if c.direction in ("up", "down")]
        largest = max(moved, key=lambda tc: _delta_size(tc[1]), default=None)
        movements.append(
            OrganisationChange(
                name=name,
                change=change(earlier.overall, org.overall),
                largest_principle=f"{largest[0]} {largest[1].delta}" if largest else "",
            )
        )
    movements.sort(key=lambda m: (-_delta_size(m.change), m.name))
    return BaselineView(
        respondents=before.n_respondents,
        organisations=before.n_organisations,
        collected=collection_period(baseline_responses),
        overall=change(before.overall, now.overall),
        level_before=labels.get(before.level or "", "–"),
        level_now=labels.get(now.level or "", "–"),
        principles=principles,
        organisation_changes=movements,
        moved_most=[m for m in movements if m.change.direction in ("up", "down")][:2],
        joined=sorted(set(scores.organisations) - set(baseline.organisations)),
        left=sorted(set(baseline.organisations) - set(scores.organisations)),
    )


def _method_view(
    bank: Questionnaire,
    scores: Scores,
    baseline: Scores | None,
    skipped: Sequence[str],
    notes: Sequence[str],
) -> MethodView:
    scale = [
        ScalePoint(o.label, shown(item_score(o.value, bank.scale)))
        for o in bank.scale
        if o.value is not None
    ]
    starts = [lv.min for lv in bank.levels]
    levels = []
    for i, lv in enumerate(bank.levels):
        if len(starts) == 1:
            text = "every score"
        elif i == 0:
            text = f"below {starts[1]:g}"
        elif i == len(starts) - 1:
            text = f"{lv.min:g} and above"
        else:
            text = f"{lv.min:g} to under {starts[i + 1]:g}"
        levels.append(LevelRange(lv.label, text))
    by_organisation: dict[str, list[float]] = {}
    for r in scores.respondents:
        by_organisation.setdefault(r.organisation, []).append(
            r.answered / r.total if r.total else 0
        )
    counts = [
        OrganisationCount(
            name=name,
            respondents=org.n,
            answered=f"{round_half_up(100 * sum(shares) / len(shares))}%"
            if (shares := by_organisation.get(name))
            else "–",
            baseline_respondents=(
                baseline.organisations[name].n
                if baseline is not None and name in baseline.organisations
                else None
            ),
        )
        for name, org in scores.organisations.items()
    ]
    questions = [q for _, q in bank.questions()]
    return MethodView(
        scale=scale,
        unscored=[o.label for o in bank.scale if o.value is None],
        own_scales=any(q.scale is not None for q in questions),
        reverse_questions=sum(q.reverse for q in questions),
        min_answered=f"{round_half_up(bank.min_answered * 100)}%",
        divergence_threshold=f"{bank.divergence_threshold:g}",
        consensus_threshold=f"{bank.consensus:g}",
        equal_principle_weights=len({pr.weight for pr in bank.principles}) == 1,
        equal_question_weights=len({q.weight for q in questions}) == 1,
        levels=levels,
        organisations=counts,
        skipped=list(skipped),
        notes=list(notes),
    )


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """29 November 2026: the way a British report prints a date, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def collection_period(responses: Sequence[SourcedResponse]) -> str:
    """When the answers were given, from the files' completed_at dates; "" when none say."""
    days = []
    for sourced in responses:
        stamp = sourced.response.completed_at or ""
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
        if match:
            try:
                days.append(date(int(match[1]), int(match[2]), int(match[3])))
            except ValueError:
                continue
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {long_date(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} to {long_date(last)}"
    return f"{long_date(first)} to {long_date(last)}"
