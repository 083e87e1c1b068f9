"""The trends page: the partnership's figures in every round, each organisation's direction
since the round before, and how the actions an earlier workshop agreed have gone.

Design note: the figures come from core/trends.py (which rounds had which principle, each
organisation's direction, whether its respondents' roles changed); this module only prints them
as the scorecard prints scores (through the bank's display, from each round's own scores) and
applies the scorecard's privacy rules round by round: an organisation withheld in a round
(scorecard/withholding.py's rule, on that round's grids) shows no score there, and no direction
into or out of it, as scorecard/baseline.py does for two rounds. A principle a round did not ask
is "Not asked", never 0. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from selfassess.core.scores import Score
from selfassess.core.trends import RoundScores, Trends, trends
from selfassess.core.workshop import Action, WorkshopRecord
from selfassess.scorecard import trends_wording as words
from selfassess.scorecard import wording
from selfassess.scorecard.baseline import change
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.round_wording import this_round
from selfassess.scorecard.trend_chart import trend_chart
from selfassess.scorecard.trend_views import (
    ActionLine,
    ActionProgress,
    DirectionCell,
    OrganisationDirections,
    RoundActions,
    RoundRow,
    TrendFigure,
    TrendSeries,
    TrendsView,
)
from selfassess.scorecard.views import Change, LevelRef
from selfassess.scorecard.withholding import organisations_withheld, principle_grids

DIRECTIONS = {"up": "up", "down": "down", "same": "level"}  # baseline.change's -> the page's


def trends_view(
    ctx: BuildContext,
    rounds: Sequence[RoundScores],
    round_workshops: Mapping[str, WorkshopRecord],
    font_family: str = "sans-serif",
) -> TrendsView:
    """The trends page of `rounds` (oldest first, this scorecard's round last)."""
    figures = trends(ctx.bank, rounds)
    labels = [r.label for r in rounds]
    series = [
        _principle_series(ctx, rounds, figures, index, font_family)
        for index in range(len(figures.principles))
    ]
    overall = None
    if ctx.bank.scoring.overall:
        overall = _series(
            ctx,
            "overall",
            0,
            wording.overall_column_label(),
            labels,
            [r.scores.partnership.overall for r in rounds],
            [True] * len(rounds),
            [ctx.level(r.scores.partnership.level) for r in rounds],
            [lv.min for lv in ctx.bank.levels],
            font_family,
        )
    organisations, notes, any_withheld = _directions(ctx, rounds, figures)
    return TrendsView(
        rounds=[
            RoundRow(
                label=summary.label,
                respondents=summary.respondents,
                organisations=summary.organisations,
                versions=", ".join(summary.versions),
                current=index == len(rounds) - 1,
                marked=index == len(rounds) - 1 and summary.label != this_round(),
            )
            for index, summary in enumerate(figures.rounds)
        ],
        labels=labels,
        overall=overall,
        principles=series,
        organisations=organisations if ctx.bank.scoring.overall else [],
        roles_notes=notes if ctx.bank.scoring.overall else [],
        withheld_note=(
            words.withheld_note(wording.baseline_withheld_reason())
            if any_withheld and ctx.bank.scoring.overall
            else ""
        ),
        actions=_round_actions(ctx, rounds, figures, round_workshops),
    )


def _principle_series(
    ctx: BuildContext,
    rounds: Sequence[RoundScores],
    figures: Trends,
    index: int,
    font_family: str,
) -> TrendSeries:
    """One scored principle's series, with its own levels where it has them."""
    trend = figures.principles[index]
    principle = next(p for p in ctx.bank.principles if p.id == trend.id)
    number = next(pv.number for pv in ctx.bank_view.principles if pv.id == trend.id)
    present = [r.present for r in trend.rounds]
    scores = [
        round_.scores.partnership.principles[trend.id].score if here else None
        for round_, here in zip(rounds, present, strict=True)
    ]
    return _series(
        ctx,
        trend.id,
        number,
        principle.title,
        [r.label for r in rounds],
        scores,
        present,
        [
            ctx.principle_level(trend.id, round_.scores.partnership.principles[trend.id].level)
            if here
            else None
            for round_, here in zip(rounds, present, strict=True)
        ],
        [lv.min for lv in ctx.bank.levels_of(principle)],
        font_family,
    )


def _series(
    ctx: BuildContext,
    series_id: str,
    number: int,
    title: str,
    labels: Sequence[str],
    scores: Sequence[Score],
    present: Sequence[bool],
    levels: Sequence[LevelRef | None],
    level_mins: Sequence[float],
    font_family: str,
) -> TrendSeries:
    """A series' table rows and its chart (0-100 values; None leaves a gap)."""
    display = ctx.display
    figures = []
    for index, (label, score, here, level) in enumerate(
        zip(labels, scores, present, levels, strict=True)
    ):
        moved = None
        if index and here and present[index - 1]:
            moved = change(scores[index - 1], score, display)
        shown = moved is not None and moved.direction != "none"
        figures.append(
            TrendFigure(
                round=label,
                score=display.text(score) if here else words.not_asked(),
                present=here,
                level=level.label if level else "",
                level_colour=level.colour if level else "",
                change=moved.delta if shown and moved else "",
                direction=DIRECTIONS[moved.direction] if shown and moved else "",
                arrow=moved.arrow if shown and moved else "",
            )
        )
    alternative = words.chart_alternative(
        words.chart_title(title), [(f.round, f.score) for f in figures]
    )
    return TrendSeries(
        id=series_id,
        anchor=f"trend-{series_id}" if number else "trend-overall",
        number=number,
        title=title,
        figures=figures,
        chart_svg=trend_chart(
            list(scores),
            labels,
            level_mins,
            display,
            alternative=alternative,
            id_prefix=f"trend-{number}",
            font_family=font_family,
        ),
    )


def _withheld_by_round(ctx: BuildContext, rounds: Sequence[RoundScores]) -> list[set[str]]:
    """The organisations each round withholds (any principle score withheld), by that round's
    own grids: the current round's are the scorecard's."""
    found = []
    for index, round_ in enumerate(rounds):
        if index == len(rounds) - 1:
            found.append(organisations_withheld(ctx.grids))
            continue
        grids = principle_grids(
            round_.bank,
            round_.scores,
            ctx.printed_order(round_.scores),
            ctx.threshold,
            ctx.marks,
        )
        found.append(organisations_withheld(grids))
    return found


def _directions(
    ctx: BuildContext, rounds: Sequence[RoundScores], figures: Trends
) -> tuple[list[OrganisationDirections], list[str], bool]:
    """Each organisation's row, the roles notes, and whether anything was withheld."""
    withheld = _withheld_by_round(ctx, rounds)
    rows = []
    notes: list[tuple[str, int, str]] = []
    any_withheld = False
    for trend in figures.organisations:
        name = ctx.names(trend.name)
        cells = []
        for index, cell in enumerate(trend.rounds):
            hidden = cell.present and trend.name in withheld[index]
            before_hidden = index > 0 and trend.name in withheld[index - 1]
            any_withheld |= hidden
            direction = cell.direction or ""
            if hidden or (before_hidden and direction != "new"):
                direction = ""
            amount = _amount(ctx, cell.change)
            score = ""
            if cell.present:
                organisation = rounds[index].scores.organisations[trend.name]
                score = words.withheld() if hidden else ctx.display.text(organisation.overall)
            roles = cell.roles_changed and direction in ("up", "down", "level")
            if roles:
                notes.append((name, index, words.roles_note_for(name, rounds[index].label)))
            cells.append(
                DirectionCell(
                    score=score,
                    direction=direction,
                    arrow=words.ARROWS.get(direction, ""),
                    word=words.direction_word(direction, amount),
                    roles_changed=roles,
                    withheld=hidden,
                )
            )
        rows.append(OrganisationDirections(name, cells))
    rows.sort(key=lambda row: row.name)
    notes.sort(key=lambda note: (note[0], note[1]))
    return rows, [text for _, _, text in notes], any_withheld


def _amount(ctx: BuildContext, moved: float | None) -> str:
    """A change's size as people read it: a whole number, or one decimal on the scale."""
    if moved is None:
        return ""
    return f"{abs(moved):.1f}" if ctx.display.on_scale else str(round(abs(moved)))


def _round_actions(
    ctx: BuildContext,
    rounds: Sequence[RoundScores],
    figures: Trends,
    round_workshops: Mapping[str, WorkshopRecord],
) -> list[RoundActions]:
    """Each earlier round's workshop actions, per principle, beside the score's change since."""
    found = []
    current = len(rounds) - 1
    for index, round_ in enumerate(rounds[:-1]):
        record = round_workshops.get(round_.label)
        if record is None:
            continue
        progress = []
        for trend in figures.principles:
            agreement = record.agreement(trend.id)
            if agreement is None or not agreement.actions:
                continue
            then, now = trend.rounds[index], trend.rounds[current]
            scores = [r.scores.partnership.principles.get(trend.id) for r in (round_, rounds[-1])]
            moved: Change | None = None
            if then.present and now.present and scores[0] is not None and scores[1] is not None:
                moved = change(scores[0].score, scores[1].score, ctx.display)
            progress.append(_progress(ctx, trend.id, agreement.actions, moved))
        found.append(
            RoundActions(
                round=round_.label,
                date=wording.long_date(record.round_date, ctx.date_locale),
                principles=progress,
            )
        )
    return found


def _progress(
    ctx: BuildContext, principle_id: str, actions: Sequence[Action], moved: Change | None
) -> ActionProgress:
    """One principle's actions: done of those not dropped, the dropped apart, the score since."""
    principle = next(p for p in ctx.bank.principles if p.id == principle_id)
    number = next(pv.number for pv in ctx.bank_view.principles if pv.id == principle_id)
    kept = [a for a in actions if a.status != "dropped"]
    done = sum(a.status == "done" for a in kept)
    direction = DIRECTIONS.get(moved.direction, "") if moved else ""
    score = words.score_moved(direction, moved.delta.lstrip("+−") if moved else "")
    return ActionProgress(
        principle=principle.title,
        number=number,
        summary=words.progress(words.actions_done(principle.title, done, len(kept)), score),
        dropped=words.dropped(len(actions) - len(kept)) if len(kept) < len(actions) else "",
        actions=[_action_line(ctx, action) for action in actions],
    )


def _action_line(ctx: BuildContext, action: Action) -> ActionLine:
    """An action as printed; free text scrubbed of real names when the scorecard anonymises."""
    organisation = action.owner.organisation
    if organisation is not None and ctx.names.pseudonyms is not None:
        organisation = ctx.names.pseudonyms.get(organisation.strip(), words.another_organisation())
    return ActionLine(
        id=action.id,
        text=ctx.names.scrub(action.text),
        owner=words.owner(organisation, ctx.names.scrub(action.owner.role or "") or None),
        due=wording.long_date(action.due, ctx.date_locale) if action.due else words.not_set(),
        status=action.status,
        status_word=words.status_word(action.status),
        status_mark=words.STATUS_MARKS[action.status],
        update=ctx.names.scrub(action.update),
    )
