"""Changes since the earlier round (the baseline): the partnership's, each principle's, each
organisation's.

Design note: movements are measured on the whole numbers people read (43 -> 48 is +5), so a
printed change always matches the printed scores. An organisation with any principle score
withheld in either round has its changes withheld too: its overall would give the score away.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.model import SourcedResponse
from selfassess.core.rounding import round_half_up, shown
from selfassess.core.scores import Score, Scores
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.summary import collection_period
from selfassess.scorecard.views import BaselineView, Change, OrganisationChange, PrincipleChange
from selfassess.scorecard.withholding import organisations_withheld, principle_grids

NO_VALUE = wording.NO_VALUE


def change(before: Score, now: Score) -> Change:
    """A movement between rounds, on the whole numbers people read (so 43 -> 48 is +5)."""
    if before is None or now is None:
        return Change(shown(before), shown(now), NO_VALUE, "none", "")
    delta = round_half_up(now) - round_half_up(before)
    if delta > 0:
        return Change(shown(before), shown(now), f"+{delta}", "up", "▲")
    if delta < 0:
        return Change(shown(before), shown(now), f"−{-delta}", "down", "▼")
    return Change(shown(before), shown(now), "0", "same", "▶")


def _delta_size(c: Change) -> int:
    return abs(int(c.delta.replace("−", "-"))) if c.direction != "none" else -1


def baseline_view(
    ctx: BuildContext, baseline: Scores, baseline_responses: Sequence[SourcedResponse]
) -> BaselineView:
    """What changed since the earlier round, with withheld organisations listed last."""
    bank, names, scores = ctx.bank, ctx.names, ctx.scores
    labels = {lv.id: lv.label for lv in bank.levels}
    now, before = scores.partnership, baseline.partnership
    principles = [
        PrincipleChange(
            number=index,
            title=pr.title,
            change=change(before.principles[pr.id].score, now.principles[pr.id].score),
            level_before=labels.get(before.principles[pr.id].level or "", NO_VALUE),
            level_now=labels.get(now.principles[pr.id].level or "", NO_VALUE),
        )
        for index, pr in enumerate(bank.principles, start=1)
    ]
    movements = _organisation_changes(ctx, baseline)
    shown_changes = [m for m in movements if not m.hidden]
    return BaselineView(
        respondents=before.n_respondents,
        organisations=before.n_organisations,
        collected=collection_period(baseline_responses),
        overall=change(before.overall, now.overall),
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
            (pr.title, change(earlier.principles[pr.id], org.principles[pr.id]))
            for pr in ctx.bank.principles
        ]
        moved = [(t, c) for t, c in per_principle if c.direction in ("up", "down")]
        largest = max(moved, key=lambda tc: _delta_size(tc[1]), default=None)
        movements.append(
            OrganisationChange(
                name=ctx.names(name),
                change=change(earlier.overall, org.overall),
                largest_principle=(
                    wording.principle_movement(largest[0], largest[1].delta) if largest else ""
                ),
            )
        )
    movements.sort(key=lambda m: (-_delta_size(m.change), m.name))
    withheld.sort(key=lambda m: m.name)
    return movements + withheld
