"""The scorecard's opening pages: the summary table's rows, the weakest link, the radar, the dates.

Design note: these builders return facts (rounded scores, levels, flags, counts) into the view
dataclasses; the sentences under the table and the radar come from `wording`. Spread and
divergence are computed over the printed scores only, so a withheld lowest score is never one
subtraction away from the highest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from selfassess.core.model import Principle
from selfassess.core.response_model import SourcedResponse
from selfassess.core.scoring import is_divergent
from selfassess.pages.bank_view import PrincipleView
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import RadarSeries
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.dot_plot import DotRow, chart_kind, dot_plot_chart
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.radar import radar_chart, radar_rings
from selfassess.scorecard.radar_shapes import shape_chart
from selfassess.scorecard.views import (
    GroupRow,
    LowestScore,
    OrganisationScore,
    OrganisationShape,
    PrincipleRow,
    WeakestLink,
)
from selfassess.scorecard.withholding import Grid


def extreme(ctx: BuildContext, grid: Grid, lowest: bool) -> OrganisationScore | None:
    """The lowest (or highest) printed organisation score on a principle."""
    scored = [(s, ctx.names(o.name)) for s, o in grid.visible(grid.score_column)]
    if not scored:
        return None
    # Ties go to the first name alphabetically, as the weakest organisation's do.
    s, name = min(scored) if lowest else min(scored, key=lambda pair: (-pair[0], pair[1]))
    return OrganisationScore(name, ctx.display.text(s))


def principle_row(ctx: BuildContext, principle: Principle, number: int) -> PrincipleRow:
    """One principle's line of the summary table."""
    r = ctx.scores.partnership.principles[principle.id]
    grid = ctx.grids[principle.id]
    display = ctx.display
    visible_scores = [s for s, _ in grid.visible(grid.score_column)]
    spread = max(visible_scores) - min(visible_scores) if visible_scores else None
    return PrincipleRow(
        number=number,
        id=principle.id,
        anchor=f"principle-{principle.id}",
        title=principle.title,
        score=(
            wording.not_asked()
            if principle.id in ctx.scores.partnership.not_applicable
            else display.text(r.score)
        ),
        level=ctx.principle_level(principle.id, r.level),
        lowest=extreme(ctx, grid, lowest=True),
        highest=extreme(ctx, grid, lowest=False),
        spread=display.difference_text(spread),
        divergent=len(visible_scores) >= 2 and is_divergent(ctx.bank, spread),
        weakest_link=principle.id == ctx.scores.partnership.weakest_principle,
        median=display.text(r.consensus.median),
        iqr=display.difference_text(r.consensus.iqr),
        split=r.consensus.split,
        hidden_organisations=grid.hidden_rows(grid.score_column),
        scored=principle.scored,
        group=ctx.group_titles.get(principle.group or "", ""),
    )


def group_rows(ctx: BuildContext, rows: Sequence[PrincipleRow]) -> list[GroupRow]:
    """The summary's groups in the bank's order, each over its principles in bank order."""
    by_id = {row.id: row for row in rows}
    results = ctx.scores.partnership.groups
    found = []
    for group in ctx.bank.groups:
        result = results.get(group.id)
        score = result.score if result else None
        found.append(
            GroupRow(
                id=group.id,
                title=group.title,
                score=ctx.display.text(score),
                level=ctx.level(result.level if result else None),
                principles=[by_id[p.id] for p in ctx.bank.principles_of(group)],
            )
        )
    return found


LOWEST_LISTED = 3  # lines of "Lowest scores"


def lowest_scores(ctx: BuildContext, rows: Sequence[PrincipleRow]) -> list[LowestScore]:
    """A bank without a weakest link: its scored principles, lowest first (ties in the bank's
    order), as a plain ranked list of three."""
    if ctx.bank.scoring.weakest_link:
        return []
    results = ctx.scores.partnership.principles
    ranked = sorted(
        (
            (score, index, row)
            for index, row in enumerate(rows)
            if row.scored and (score := results[row.id].score) is not None
        ),
        key=lambda found: (found[0], found[1]),
    )
    return [
        LowestScore(row.number, row.anchor, row.title, row.score, row.level)
        for _, _, row in ranked[:LOWEST_LISTED]
    ]


def weakest_link(rows: Sequence[PrincipleRow]) -> WeakestLink | None:
    """The call-out for the partnership's weakest principle, when it has one."""
    row = next((row for row in rows if row.weakest_link), None)
    if row is None:
        return None
    return WeakestLink(
        number=row.number,
        anchor=row.anchor,
        title=row.title,
        score=row.score,
        level=row.level,
        organisation=row.lowest,
        divergent=row.divergent,
        spread=row.spread,
    )


def radar(ctx: BuildContext, options: ScorecardOptions) -> str:
    """The summary's chart of every scored principle's score, for the partnership and each
    organisation: the radar for 3 to 10 of them, else the ranked dot plot (`chart_kind`)."""
    bank, grids, display = ctx.bank, ctx.grids, ctx.display
    principles = [
        (pr, pv)
        for pr, pv in zip(bank.principles, ctx.bank_view.principles, strict=True)
        if pr.scored
    ]
    partnership = ctx.scores.partnership
    if chart_kind(len(principles)) == "dots":
        return dot_plot_chart(
            [
                DotRow(
                    f"{pv.number}. {pv.title}",
                    partnership.principles[pr.id].score,
                    [grids[pr.id].cell(o, grids[pr.id].score_column) for o in ctx.organisations],
                    [lv.min for lv in bank.levels_of(pr)],
                )
                for pr, pv in principles
            ],
            [ctx.names(o.name) for o in ctx.organisations],
            partnership_label=wording.partnership_label(),
            display=display,
            ticks=[lv.min for lv in bank.levels],
            font_family=options.font_family,
            highlight=options.highlight,
        )
    return radar_chart(
        [f"{pv.number}. {pv.title}" for _, pv in principles],
        _organisation_series(ctx, principles),
        partnership=_partnership_series(ctx, principles),
        rings=radar_rings([lv.min for lv in bank.levels], display),
        title=wording.radar_title(),
        id_prefix="radar",
        font_family=options.font_family,
        highlight=options.highlight,
        display=display,
    )


def organisation_shapes(ctx: BuildContext, options: ScorecardOptions) -> list[OrganisationShape]:
    """Each organisation's own small radar, in the heat maps' order and palette: none beside a
    dot plot (it has a dot per organisation already) or with fewer than two organisations."""
    principles = _scored(ctx)
    if chart_kind(len(principles)) == "dots" or len(ctx.organisations) < 2:
        return []
    partnership = _partnership_series(ctx, principles)
    rings = radar_rings([lv.min for lv in ctx.bank.levels], ctx.display)
    return [
        OrganisationShape(
            series.label,
            shape_chart(
                [str(pv.number) for _, pv in principles],
                series,
                index,
                partnership=partnership,
                rings=rings,
                axes=[f"{pv.number}. {pv.title}" for _, pv in principles],
                id_prefix=f"shape-{index + 1}",
                font_family=options.font_family,
                display=ctx.display,
            ),
        )
        for index, series in enumerate(_organisation_series(ctx, principles))
    ]


def _scored(ctx: BuildContext) -> list[tuple[Principle, PrincipleView]]:
    """The scored principles, each with its view (number, title)."""
    return [
        (pr, pv)
        for pr, pv in zip(ctx.bank.principles, ctx.bank_view.principles, strict=True)
        if pr.scored
    ]


def _organisation_series(
    ctx: BuildContext, principles: Sequence[tuple[Principle, PrincipleView]]
) -> list[RadarSeries]:
    """Each organisation's printed score per principle (withheld ones stay Hidden)."""
    grids = ctx.grids
    return [
        RadarSeries(
            ctx.names(o.name),
            [grids[pr.id].cell(o, grids[pr.id].score_column) for pr, _ in principles],
        )
        for o in ctx.organisations
    ]


def _partnership_series(
    ctx: BuildContext, principles: Sequence[tuple[Principle, PrincipleView]]
) -> RadarSeries:
    partnership = ctx.scores.partnership
    return RadarSeries(
        wording.partnership_label(),
        [partnership.principles[pr.id].score for pr, _ in principles],
    )


def summary_chart_kind(ctx: BuildContext) -> str:
    """Which chart the summary draws: "radar" or "dots"."""
    return chart_kind(len(ctx.bank.scored_principles()))


def collection_days(responses: Sequence[SourcedResponse]) -> list[date]:
    """The days the answers were given, from the files' completed_at dates."""
    days = []
    for sourced in responses:
        stamp = sourced.response.completed_at or ""
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
        if match:
            try:
                days.append(date(int(match[1]), int(match[2]), int(match[3])))
            except ValueError:
                continue
    return days


def collection_period(
    responses: Sequence[SourcedResponse], locale: str = wording.DATE_LOCALE
) -> str:
    """When the answers were given, as "5 to 9 March 2026"; "" when no file says."""
    days = collection_days(responses)
    return wording.date_range(min(days), max(days), locale) if days else ""
