"""Changes since the earlier round (the baseline): the partnership's, each principle's, each
organisation's.

Design note: movements are measured on the whole numbers people read (43 -> 48 is +5), so a
printed change always matches the printed scores. An organisation with any principle score
withheld in either round has its changes withheld too: its overall would give the score away.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.display import Display
from selfassess.core.response_model import SourcedResponse
from selfassess.core.scores import Score, Scores
from selfassess.core.trends import movement
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.summary import collection_period
from selfassess.scorecard.views import BaselineView, Change, OrganisationChange, PrincipleChange
from selfassess.scorecard.withholding import organisations_withheld, principle_grids

NO_VALUE = wording.NO_VALUE
PERCENT = Display()


def change(before: Score, now: Score, display: Display = PERCENT) -> Change:
    """A movement between rounds, on the figures people read (so 43 -> 48 is +5, and on a
    1-5 scale 3.4 -> 3.9 is +0.5)."""
    was, is_now = display.text(before), display.text(now)
    moved = movement(before, now, display)  # the rule core/trends.py holds for every round
    if moved is None:
        return Change(was, is_now, NO_VALUE, "none", "")
    step = 10 if display.on_scale else 1
    delta = round(moved * step)
    size = f"{abs(delta) / 10:.1f}" if display.on_scale else str(abs(delta))
    if delta > 0:
        return Change(was, is_now, f"+{size}", "up", "▲")
    if delta < 0:
        return Change(was, is_now, f"−{size}", "down", "▼")
    return Change(was, is_now, "0", "same", "▶")


def _delta_size(c: Change) -> float:
    return abs(float(c.delta.replace("−", "-"))) if c.direction != "none" else -1


def baseline_view(
    ctx: BuildContext, baseline: Scores, baseline_responses: Sequence[SourcedResponse]
) -> BaselineView:
    """What changed since the earlier round, with withheld organisations listed last."""
    bank, names, scores, display = ctx.bank, ctx.names, ctx.scores, ctx.display
    labels = {lv.id: lv.label for lv in bank.levels}
    now, before = scores.partnership, baseline.partnership

    def label(principle_id: str, level_id: str | None) -> str:
        level = ctx.principle_level(principle_id, level_id)
        return level.label if level else NO_VALUE

    principles = [
        PrincipleChange(
            number=index,
            title=pr.title,
            change=change(before.principles[pr.id].score, now.principles[pr.id].score, display),
            level_before=label(pr.id, before.principles[pr.id].level),
            level_now=label(pr.id, now.principles[pr.id].level),
        )
        for index, pr in enumerate(bank.principles, start=1)
        if pr.scored
    ]
    movements = _organisation_changes(ctx, baseline)
    shown_changes = [m for m in movements if not m.hidden]
    return BaselineView(
        respondents=before.n_respondents,
        organisations=before.n_organisations,
        collected=collection_period(baseline_responses, ctx.date_locale),
        overall=change(before.overall, now.overall, display),
        level_before=labels.get(before.level or "", NO_VALUE),
        level_now=labels.get(now.level or "", NO_VALUE),
        principles=principles,
        organisation_changes=movements,
        moved_most=[m for m in shown_changes if m.change.direction in ("up", "down")][:2],
        joined=sorted(names(n) for n in set(scores.organisations) - set(baseline.organisations)),
        left=sorted(names(n) for n in set(baseline.organisations) - set(scores.organisations)),
    )


def _organisation_changes(ctx: BuildContext, baseline: Scores) -> list[OrganisationChange]:
    """Each organisation in both rounds: biggest movement first, withheld ones last."""
    earlier_grids = principle_grids(
        ctx.bank, baseline, ctx.printed_order(baseline), ctx.threshold, ctx.marks
    )
    hidden = organisations_withheld(ctx.grids) | organisations_withheld(earlier_grids)
    movements = []
    withheld = []
    for name, org in ctx.scores.organisations.items():
        earlier = baseline.organisations.get(name)
        if earlier is None:
            continue
        if name in hidden:
            nothing = Change(NO_VALUE, NO_VALUE, NO_VALUE, "none", "")
            withheld.append(
                OrganisationChange(
                    ctx.names(name), nothing, "", hidden=wording.baseline_withheld_reason()
                )
            )
            continue
        per_principle = [
            (pr.title, change(earlier.principles[pr.id], org.principles[pr.id], ctx.display))
            for pr in ctx.bank.scored_principles()
        ]
        moved = [(t, c) for t, c in per_principle if c.direction in ("up", "down")]
        largest = max(moved, key=lambda tc: _delta_size(tc[1]), default=None)
        movements.append(
            OrganisationChange(
                name=ctx.names(name),
                change=change(earlier.overall, org.overall, ctx.display),
                largest_principle=(
                    wording.principle_movement(largest[0], largest[1].delta) if largest else ""
                ),
            )
        )
    movements.sort(key=lambda m: (-_delta_size(m.change), m.name))
    withheld.sort(key=lambda m: m.name)
    return movements + withheld
