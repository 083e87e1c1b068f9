"""A principle's pages: its heat map, its most disagreed questions, its agreement sentence.

Design note: the section carries its summary-table row (the same figures, so the two never
disagree) and what only its pages show. Every organisation figure comes through the principle's
privacy `Grid`; sentences come from `wording`.
"""

from __future__ import annotations

from dataclasses import fields

from selfassess.core.model import Principle
from selfassess.core.privacy import GUARD
from selfassess.core.scoring import is_divergent
from selfassess.pages.bank_view import PrincipleView, says_how_scored
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import Band, HeatRow
from selfassess.scorecard.choices import answer_counts, choice_counts
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.heat_map import HeatMap, heat_map, tone_set
from selfassess.scorecard.views import (
    CommentView,
    Disagreement,
    LevelRef,
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
    # An unscored principle is reported by its counts: no organisation means to compare.
    disagreements = _disagreements(ctx, grid, pv) if grid.principle.scored else []
    disagreement_of = {d.label: d for d in disagreements}
    next_level = _next_level(ctx, grid.principle, result.level)
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
            ctx.display.number_text(ctx.bank.consensus_threshold),
            shown=len(grid.visible(grid.score_column)),
            divergent_questions=sum(d.divergent for d in disagreements),
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
        next_level=next_level,
        next_advice_html=pv.advice_html.get(next_level.id, "") if next_level else "",
        answers=answer_counts(ctx, grid.principle),
        scale_note=scale_note(ctx),
    )


def scale_note(ctx: BuildContext) -> str:
    """Said once where figures on the bank's scale are read; "" on 0-100."""
    display = ctx.display
    if not display.on_scale:
        return ""
    return wording.scale_note(f"{display.lo:g}", f"{display.hi:g}")


def _next_level(ctx: BuildContext, principle: Principle, level_id: str | None) -> LevelRef | None:
    """The level above the one a principle reached, in its own levels; None at the top, and
    None for a bank that does not say how it is scored: its advice is written for the level a
    principle is at (the form shows the same, pages/bank_view.says_how_scored)."""
    ids = [lv.id for lv in ctx.bank.levels_of(principle)]
    if (
        not says_how_scored(ctx.bank)
        or level_id is None
        or level_id not in ids
        or ids.index(level_id) + 1 == len(ids)
    ):
        return None
    return ctx.principle_level(principle.id, ids[ids.index(level_id) + 1])


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
                else ctx.scores.partnership.items.get(q.id)
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
    levels = ctx.bank.levels_of(principle)
    own = principle.levels is not None and len(levels) != len(ctx.bank.levels)
    return heat_map(
        rows,
        [q.label + ("*" if q.reverse else "") for q in questions if q.scored]
        + [wording.score_column_label()],
        [Band(lv.min, lv.label) for lv in levels],
        title=wording.heat_map_title(principle.title),
        emphasis_columns=1,
        display=ctx.display,
        tones=tone_set(len(levels)) if own else "",
    )


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
            spread=ctx.display.difference_text(spread),
            lowest=OrganisationScore(low[1], ctx.display.text(low[0])),
            highest=OrganisationScore(high[1], ctx.display.text(high[0])),
            divergent=is_divergent(ctx.bank, spread),
        )
        for _, _, qid, low, high, spread in found[:MOST_DISAGREED]
    ]
