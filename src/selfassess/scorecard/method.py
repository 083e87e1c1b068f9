"""The method appendix: the scale, the levels, who answered, what was skipped, what was hidden.

Design note: file names usually name the organisation (the form saves them that way), so when
organisations are anonymised the skipped files and the loaders' notes are replaced by a count.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.model import Level
from selfassess.core.question_types import has_options
from selfassess.core.rounding import round_half_up
from selfassess.core.scores import Scores
from selfassess.core.scoring import item_score
from selfassess.pages.markdown import render_markdown
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import (
    LevelRange,
    MethodView,
    OrganisationCount,
    PrincipleLevels,
    PrivacyView,
    ScalePoint,
)


def method_view(
    ctx: BuildContext,
    baseline: Scores | None,
    skipped: Sequence[str],
    notes: Sequence[str],
    privacy: PrivacyView,
) -> MethodView:
    """The appendix's facts, with file names withheld when organisations are anonymised."""
    bank, display = ctx.bank, ctx.display
    if privacy.anonymised:
        skipped = [wording.files_withheld(len(skipped))] if skipped else []
        notes = [wording.notes_withheld(len(notes))] if notes else []
    questions = [q for _, q in bank.questions() if q.is_scored]
    return MethodView(
        scale=[
            ScalePoint(o.label, display.text(item_score(o.value, bank.scale)))
            for o in bank.scale
            if o.value is not None
        ],
        unscored=[o.label for o in bank.scale if o.value is None],
        own_scales=any(q.scale is not None for q in questions),
        reverse_questions=sum(q.reverse for q in questions),
        min_answered=f"{round_half_up(bank.min_answered * 100)}%",
        divergence_threshold=bank.display.number_text(bank.spread_threshold),
        consensus_threshold=bank.display.number_text(bank.consensus_threshold),
        equal_principle_weights=len({pr.weight for pr in bank.principles}) == 1,
        equal_question_weights=len({q.weight for q in questions}) == 1,
        levels=level_ranges(ctx, bank.levels),
        organisations=_organisation_counts(ctx, baseline, privacy.min_organisation_size),
        skipped=list(skipped),
        notes=list(notes),
        privacy=privacy,
        references_html=[render_markdown(reference) for reference in bank.references],
        conditional=any(q.ask_if is not None for q in bank.all_questions()),
        groups_counted=bool(bank.breakdown_questions())
        or any(has_options(q.type) for _, q in bank.questions())
        or any(not p.scored for p in bank.principles),
        by_respondent=bank.scoring.aggregate == "respondents",
        scale_range=f"{display.lo:g}–{display.hi:g}" if display.on_scale else "",
        scale_low=f"{display.lo:g}" if display.on_scale else "",
        scale_high=f"{display.hi:g}" if display.on_scale else "",
        overall=bank.scoring.overall,
        weakest_link=bank.scoring.weakest_link,
        principle_levels=[
            PrincipleLevels(p.title, level_ranges(ctx, p.levels))
            for p in bank.principles
            if p.levels is not None and p.scored
        ],
        unscored_principles=[p.title for p in bank.principles if not p.scored],
        groups=bool(bank.groups),
    )


def level_ranges(ctx: BuildContext, levels: Sequence[Level]) -> list[LevelRange]:
    """Levels and the figures each covers, in the displayed unit, with their descriptions."""
    starts = [lv.min for lv in levels]
    number = ctx.display.number_text if ctx.display.on_scale else None
    return [
        LevelRange(lv.label, wording.level_range(starts, i, number), lv.description or "")
        for i, lv in enumerate(levels)
    ]


def _organisation_counts(
    ctx: BuildContext, baseline: Scores | None, threshold: int
) -> list[OrganisationCount]:
    """Each organisation's respondents and share of questions answered, by printed name."""
    by_organisation: dict[str, list[float]] = {}
    for r in ctx.scores.respondents:
        by_organisation.setdefault(r.organisation, []).append(
            r.answered / r.total if r.total else 0
        )

    def answered(name: str, n: int) -> str:
        shares = by_organisation.get(name)
        if not shares:
            return wording.NO_VALUE
        if n < threshold:
            return wording.answered_hidden()
        return f"{round_half_up(100 * sum(shares) / len(shares))}%"

    return sorted(
        (
            OrganisationCount(
                name=ctx.names(name),
                respondents=org.n,
                answered=answered(name, org.n),
                baseline_respondents=(
                    baseline.organisations[name].n
                    if baseline is not None and name in baseline.organisations
                    else None
                ),
            )
            for name, org in ctx.scores.organisations.items()
        ),
        key=lambda count: count.name,
    )
