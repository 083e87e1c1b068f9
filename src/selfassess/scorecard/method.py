"""The method appendix: the scale, the levels, who answered, what was skipped, what was hidden.

Design note: file names usually name the organisation (the form saves them that way), so when
organisations are anonymised the skipped files and the loaders' notes are replaced by a count.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.core.question_types import has_options
from selfassess.core.rounding import round_half_up, shown
from selfassess.core.scores import Scores
from selfassess.core.scoring import item_score
from selfassess.pages.markdown import render_markdown
from selfassess.scorecard import wording
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import (
    LevelRange,
    MethodView,
    OrganisationCount,
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
    bank = ctx.bank
    starts = [lv.min for lv in bank.levels]
    if privacy.anonymised:
        skipped = [wording.files_withheld(len(skipped))] if skipped else []
        notes = [wording.notes_withheld(len(notes))] if notes else []
    questions = [q for _, q in bank.questions() if q.is_scored]
    return MethodView(
        scale=[
            ScalePoint(o.label, shown(item_score(o.value, bank.scale)))
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
        levels=[
            LevelRange(lv.label, wording.level_range(starts, i)) for i, lv in enumerate(bank.levels)
        ],
        organisations=_organisation_counts(ctx, baseline, privacy.min_organisation_size),
        skipped=list(skipped),
        notes=list(notes),
        privacy=privacy,
        references_html=[render_markdown(reference) for reference in bank.references],
        conditional=any(q.ask_if is not None for q in bank.all_questions()),
        groups_counted=bool(bank.breakdown_questions())
        or any(has_options(q.type) for _, q in bank.questions()),
    )


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
