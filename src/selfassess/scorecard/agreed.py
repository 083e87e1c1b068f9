"""The "What we agreed" section: the workshop record set beside the survey it discussed.

Design note: pure, from the build context (levels, printed names, the date's locale) and the
summary's rows (the survey's level per principle, as printed). A workshop file names
organisations and is written by hand: under --anonymise-organisations every name in it goes
through the same pseudonyms as the rest of the scorecard (an owner the survey never heard of
becomes "another organisation", and free text is scrubbed of the names it knows), so the file
cannot undo the anonymising.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.scoring import organisation_of
from selfassess.core.workshop import Action, PrincipleAgreement, WorkshopRecord
from selfassess.scorecard import agreed_wording as words
from selfassess.scorecard.agreed_views import (
    ActionGroup,
    AgreedAction,
    AgreedPrinciple,
    AgreedView,
)
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.dates import long_date
from selfassess.scorecard.views import LevelRef, PrincipleRow


def agreed_view(
    ctx: BuildContext, rows: Sequence[PrincipleRow], record: WorkshopRecord
) -> AgreedView:
    """The section for this round's workshop record."""
    scored = [row for row in rows if row.scored]
    principles = [_principle(ctx, row, record.agreement(row.id)) for row in scored]
    groups = [
        ActionGroup(row.number, row.title, [_action(ctx, a) for a in found.actions])
        for row in scored
        if (found := record.agreement(row.id)) is not None and found.actions
    ]
    names, others = _took_part(ctx, record.organisations)
    return AgreedView(
        round_label=ctx.names.scrub(record.round_label),
        date=long_date(record.round_date, ctx.date_locale),
        took_part=words.took_part(names, others),
        principles=principles,
        differences=sum(1 for p in principles if p.difference),
        actions=groups,
        action_count=sum(len(g.actions) for g in groups),
    )


def _principle(
    ctx: BuildContext, row: PrincipleRow, agreement: PrincipleAgreement | None
) -> AgreedPrinciple:
    """One principle's line: the survey's level, the agreed one, and a sentence if far apart."""
    levels = ctx.principle_levels[row.id]
    survey = row.level
    agreed: LevelRef | None = None
    status = "not-discussed"
    if agreement is not None:
        status = "agreed" if agreement.agreed_level is not None else "not-agreed"
        agreed = levels.get(agreement.agreed_level) if agreement.agreed_level else None
    label = {"not-discussed": words.not_discussed(), "not-agreed": words.not_agreed()}
    difference = ""
    if agreed is not None and survey is not None:
        order = list(levels)
        steps = order.index(agreed.id) - order.index(survey.id)
        if abs(steps) > 1:
            difference = words.level_difference(agreed.label, survey.label, steps)
    return AgreedPrinciple(
        number=row.number,
        id=row.id,
        title=row.title,
        survey=survey.label if survey is not None else words.no_survey_level(),
        survey_colour=survey.colour if survey is not None else "",
        agreed=agreed.label if agreed is not None else label.get(status, ""),
        agreed_colour=agreed.colour if agreed is not None else "",
        status=status,
        difference=difference,
        note=ctx.names.scrub(agreement.note) if agreement is not None else "",
    )


def _action(ctx: BuildContext, action: Action) -> AgreedAction:
    """One row of the plan, its owner's organisation printed as the scorecard prints names."""
    owner = action.owner
    return AgreedAction(
        id=action.id,
        text=ctx.names.scrub(action.text),
        organisation=_organisation(ctx, owner.organisation) if owner.organisation else "",
        role=ctx.names.scrub(owner.role or ""),
        due=long_date(action.due, ctx.date_locale) if action.due else words.not_set(),
        status=words.status_words(action.status),
        status_id=action.status,
        update=ctx.names.scrub(action.update),
    )


def _organisation(ctx: BuildContext, name: str) -> str:
    """An organisation named in the file, as the scorecard prints it."""
    pseudonym = _pseudonym(ctx, name)
    return name if ctx.names.pseudonyms is None else pseudonym or words.another_organisation()


def _pseudonym(ctx: BuildContext, name: str) -> str | None:
    """The pseudonym of a name as a person types it (any case, spaces around), or None."""
    wanted = organisation_of(name).casefold()
    pseudonyms = ctx.names.pseudonyms or {}
    return next((v for k, v in pseudonyms.items() if k.casefold() == wanted), None)


def _took_part(ctx: BuildContext, organisations: Sequence[str]) -> tuple[list[str], int]:
    """The organisations that took part as printed, and how many have no printed name."""
    if ctx.names.pseudonyms is None:
        return list(organisations), 0
    known = [found for name in organisations if (found := _pseudonym(ctx, name)) is not None]
    return sorted(set(known)), len(organisations) - len(known)
