"""A principle's pages: its heat map, its most disagreed questions, its agreement sentence.

Design note: the section carries its summary-table row (the same figures, so the two never
disagree) and what only its pages show. Every organisation figure comes through the principle's
privacy `Grid`; sentences come from `wording`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from selfassess.core.privacy import GUARD
from selfassess.core.rounding import shown
from selfassess.core.scores import OrganisationScores, Score
from selfassess.core.scoring import is_divergent, mean
from selfassess.pages.bank_view import PrincipleView
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import Band, HeatRow
from selfassess.scorecard.choices import choice_counts
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.heat_map import HeatMap, heat_map
from selfassess.scorecard.views import (
    CommentView,
    Disagreement,
    OrganisationScore,
    PrincipleRow,
    PrincipleSection,
    QuestionRow,
)
from selfassess.scorecard.withholding import GUARD_MARK, NOT_ASKED, Grid

MOST_DISAGREED = 3  # questions listed per principle


def principle_section(
    ctx: BuildContext,
    pv: PrincipleView,
    row: PrincipleRow,
    comments: list[CommentView],
    comments_withheld: int,
) -> PrincipleSection:
    """A principle's pages, around its row of the summary table."""
    grid = ctx.grids[row.id]
    result = ctx.scores.partnership.principles[row.id]
    consensus = result.consensus
    disagreements = _disagreements(ctx, grid, pv)
    disagreement_of = {d.label: d for d in disagreements}
    scored = {q.id for q in grid.questions}
    questions = [
        QuestionRow(
            ctx.question_labels[q.id],
            q.text_html,
            q.reverse,
            disagreement_of.get(ctx.question_labels[q.id]),
            q.id in scored,
        )
        for q in pv.questions
    ]
    return PrincipleSection(
        **{f.name: getattr(row, f.name) for f in fields(row)},
        summary_html=pv.summary_html,
        respondents=consensus.n,
        agreement=wording.agreement_sentence(
            row.divergent,
            consensus.split,
            sum(o.principles[row.id] is not None for o in ctx.organisations),
            consensus.n,
            ctx.bank.consensus_threshold,
            shown=len(grid.visible(grid.score_column)),
        ),
        heat_map=_heat_map(ctx, grid, questions),
        hidden_note=wording.heat_map_hidden_note(
            grid.hidden_count, ctx.threshold, GUARD_MARK, bool(row.hidden_organisations)
        ),
        questions=questions,
        has_reverse=any(q.reverse for q in questions),
        disagreements=disagreements,
        advice_html=pv.advice_html.get(result.level or "", ""),
        comments=comments,
        comments_hidden_note=wording.comments_hidden_note(
            comments_withheld, ctx.privacy.min_group_size
        ),
        choices=choice_counts(ctx, grid.principle),
    )


def _heat_map(ctx: BuildContext, grid: Grid, questions: list[QuestionRow]) -> HeatMap:
    """The principle's heat map: organisations by question, then the partnership's row."""
    principle = grid.principle
    columns = range(grid.score_column + 1)
    rows = [
        HeatRow(ctx.names(o.name), [grid.cell(o, j) for j in columns]) for o in ctx.organisations
    ]
    rows.append(
        HeatRow(
            wording.partnership_label(),
            [
                ctx.marks[GUARD]
                if j in grid.hidden.totals
                else question_mean(ctx.organisations, q.id)
                for j, q in enumerate(grid.questions)
            ]
            + [
                ctx.marks[NOT_ASKED]
                if principle.id in ctx.scores.partnership.not_applicable
                else ctx.scores.partnership.principles[principle.id].score
            ],
            emphasis=True,
        )
    )
    return heat_map(
        rows,
        [q.label + ("*" if q.reverse else "") for q in questions if q.scored]
        + [wording.score_column_label()],
        [Band(lv.min, lv.label) for lv in ctx.bank.levels],
        title=wording.heat_map_title(principle.title),
        emphasis_columns=1,
    )


def question_mean(organisations: Sequence[OrganisationScores], question_id: str) -> Score:
    """The partnership's view of one question: every organisation's mean counts the same."""
    return mean([s for o in organisations if (s := o.items.get(question_id)) is not None])


def _disagreements(ctx: BuildContext, grid: Grid, pv: PrincipleView) -> list[Disagreement]:
    """The questions whose printed organisation means lie furthest apart."""
    text_html = {q.id: q.text_html for q in pv.questions}
    found = []
    for order, question in enumerate(grid.questions):
        scored = [(s, ctx.names(o.name)) for s, o in grid.visible(order)]
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
            label=ctx.question_labels[qid],
            text_html=text_html[qid],
            spread=shown(spread),
            lowest=OrganisationScore(low[1], shown(low[0])),
            highest=OrganisationScore(high[1], shown(high[0])),
            divergent=is_divergent(ctx.bank, spread),
        )
        for _, _, qid, low, high, spread in found[:MOST_DISAGREED]
    ]
