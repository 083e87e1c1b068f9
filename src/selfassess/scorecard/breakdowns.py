"""The breakdown pages: the partnership's scores by the answers to a background question.

Design note: the figures are core/scoring.py's (`partnership.breakdowns`), rounded as every
other score is; which groups are withheld is core/privacy.py's `hidden_groups` (small groups,
and the complementary hiding that stops a withheld group being worked out from the others), so
the scorecard and the partnership page hide the same groups. The largest-gap sentence compares
shown groups only, on the figures as printed, so a reader can check it against the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from selfassess.core.display import Display
from selfassess.core.model import Question
from selfassess.core.privacy import hidden_groups
from selfassess.core.rounding import round_half_up
from selfassess.core.scores import GroupScores
from selfassess.pages.markdown import render_inline
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import BreakdownRow, BreakdownView, PrincipleRow


def breakdown_views(ctx: BuildContext) -> list[BreakdownView]:
    """A page per background question marked `breakdown: true`, in the bank's order."""
    return [_breakdown(ctx, question) for question in ctx.bank.breakdown_questions()]


def _breakdown(ctx: BuildContext, question: Question) -> BreakdownView:
    """One question's table: a row per option, withheld groups said in place."""
    groups = ctx.scores.partnership.breakdowns.get(question.id, {})
    options = question.options or []
    scores = [groups.get(o.id) for o in options]
    k = ctx.privacy.min_group_size
    hidden = hidden_groups([g.n_respondents if g else 0 for g in scores], k)
    principles = ctx.bank.scored_principles()
    has_overall = ctx.bank.scoring.overall
    rows: list[BreakdownRow] = []
    shown_groups: list[tuple[str, GroupScores]] = []
    not_asked = False
    for index, (option, group) in enumerate(zip(options, scores, strict=True)):
        if index in hidden or group is None:
            rows.append(BreakdownRow(option.label, "", [], wording.group_hidden(k)))
            continue
        figures = [
            wording.not_asked()
            if p.id in group.not_applicable
            else ctx.display.text(group.principles.get(p.id))
            for p in principles
        ]
        not_asked = not_asked or wording.not_asked() in figures
        if has_overall:
            figures.append(ctx.display.text(group.overall))
        rows.append(BreakdownRow(option.label, str(group.n_respondents), figures, ""))
        shown_groups.append((option.label, group))
    return BreakdownView(
        id=question.id,
        anchor=f"breakdown-{question.id}",
        title_html=render_inline(question.text),
        columns=[p.title for p in principles]
        + ([wording.overall_column_label()] if has_overall else []),
        rows=rows,
        gap=_largest_gap(ctx, shown_groups),
        not_asked=not_asked,
        hidden_note=wording.breakdown_hidden_note(sum(1 for r in rows if r.hidden), k),
        has_overall=has_overall,
    )


def _largest_gap(ctx: BuildContext, groups: Sequence[tuple[str, GroupScores]]) -> str:
    """The widest gap, on the printed figures (whole numbers, or tenths on the bank's scale),
    between two shown groups on one principle; ties go to the first principle, then the first
    groups in the bank's order."""
    display = ctx.display
    best: tuple[int, str, str, str] | None = None
    for principle in ctx.bank.scored_principles():
        printed = [
            (_printed_units(display, score), label)
            for label, group in groups
            if (score := group.principles.get(principle.id)) is not None
        ]
        if len(printed) < 2:
            continue
        high = max(printed, key=lambda pair: pair[0])
        low = min(printed, key=lambda pair: pair[0])
        gap = high[0] - low[0]
        if gap > 0 and (best is None or gap > best[0]):
            best = (gap, high[1], principle.title, low[1])
    if best is None:
        return ""
    gap, high_label, title, low_label = best
    if display.on_scale:
        return wording.largest_gap_on_scale(high_label, title, f"{gap / 10:.1f}", low_label)
    return wording.largest_gap(high_label, title, gap, low_label)


def _printed_units(display: Display, score: float) -> int:
    """A score as printed, in its smallest printed step: whole points on 0-100, tenths on the
    scale (so a gap is the difference a reader works out from the table)."""
    if not display.on_scale:
        return round_half_up(score)
    return round_half_up(float(display.text(score)) * 10)


def printed_breakdowns(
    breakdowns: Sequence[BreakdownView], principles: Sequence[PrincipleRow]
) -> dict[str, Any]:
    """Each group's figures as printed, by principle id and "overall", or why it is withheld:
    for the manifest, which `verify` compares with the inputs."""
    return {
        b.id: {
            row.label: {"hidden": row.hidden}
            if row.hidden
            else {
                "respondents": row.respondents,
                **dict(
                    zip(
                        [r.id for r in principles if r.scored]
                        + (["overall"] if b.has_overall else []),
                        row.figures,
                        strict=True,
                    )
                ),
            }
            for row in b.rows
        }
        for b in breakdowns
    }
