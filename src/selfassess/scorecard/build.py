"""Scores -> the scorecard's view-model: the one entry point that puts the sections together.

Design note: pure, no files, no clock, no randomness; the caller passes the date to print and,
to anonymise, the pseudonyms (in `ScorecardOptions.privacy`). The HTML and PDF scorecards, the
audit trail and `verify` all start from what this returns. Privacy is applied once, in
`context.build_context`; each section is built by its own module and worded by `wording`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from selfassess.core.model import Questionnaire
from selfassess.core.response_model import SourcedResponse
from selfassess.core.scores import Scores
from selfassess.core.trends import RoundScores
from selfassess.core.workshop import WorkshopRecord
from selfassess.pages.bank_view import text_direction
from selfassess.scorecard import wording
from selfassess.scorecard.agreed import agreed_view
from selfassess.scorecard.baseline import baseline_view
from selfassess.scorecard.breakdowns import breakdown_views
from selfassess.scorecard.comments import comments_by_principle
from selfassess.scorecard.context import BuildContext, build_context
from selfassess.scorecard.heat_map import heat_tones
from selfassess.scorecard.method import method_view
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.principles import principle_section, scale_note
from selfassess.scorecard.summary import (
    collection_period,
    group_rows,
    lowest_scores,
    organisation_shapes,
    principle_row,
    radar,
    summary_chart_kind,
    weakest_link,
)
from selfassess.scorecard.trend_views import TrendsView
from selfassess.scorecard.trends import trends_view
from selfassess.scorecard.views import (
    BreakdownView,
    PrincipleSection,
    PrivacyView,
    ScorecardView,
)


def build_scorecard(
    bank: Questionnaire,
    scores: Scores,
    responses: Sequence[SourcedResponse],
    options: ScorecardOptions,
    *,
    baseline: Scores | None = None,
    baseline_responses: Sequence[SourcedResponse] = (),
    skipped: Sequence[str] = (),
    notes: Sequence[str] = (),
    rounds: Sequence[RoundScores] = (),
    round_workshops: Mapping[str, WorkshopRecord] | None = None,
    workshop: WorkshopRecord | None = None,
) -> ScorecardView:
    """Everything the scorecard shows, ready to lay out."""
    ctx = build_context(bank, scores, options)
    comments, withheld = comments_by_principle(ctx, responses, options.show_names)
    rows = [
        principle_row(ctx, principle, pv.number)
        for principle, pv in zip(bank.principles, ctx.bank_view.principles, strict=True)
    ]
    sections = [
        principle_section(ctx, pv, row, comments.get(row.id, []), withheld.get(row.id, 0))
        for row, pv in zip(rows, ctx.bank_view.principles, strict=True)
    ]
    hidden_scores = sum(row.hidden_organisations for row in rows)
    breakdowns = breakdown_views(ctx)
    title = options.title or wording.default_title()
    p = scores.partnership
    display = bank.display
    return ScorecardView(
        title=title,
        partnership=options.partnership,
        running_header=options.partnership or title,
        language=bank.language,
        direction=text_direction(bank.language),
        questionnaire_title=bank.title,
        questionnaire_id=bank.id,
        questionnaire_version=bank.version,
        date=wording.long_date(options.date, ctx.date_locale) if options.date else "",
        collected=collection_period(responses, ctx.date_locale),
        respondents=p.n_respondents,
        organisations=p.n_organisations,
        overall=display.text(p.overall),
        level=ctx.level(p.level),
        levels=list(ctx.levels.values()),
        tones=heat_tones(
            len(bank.levels), [len(pr.levels) for pr in bank.principles if pr.levels is not None]
        ),
        radar_svg=radar(ctx, options),
        chart_kind=summary_chart_kind(ctx),
        shapes=organisation_shapes(ctx, options),
        radar_note=wording.radar_note(hidden_scores, summary_chart_kind(ctx) == "dots"),
        principles=rows,
        summary_note=wording.summary_note(hidden_scores),
        weakest_link=weakest_link(rows),
        sections=sections,
        breakdowns=breakdowns,
        baseline=(
            baseline_view(ctx, baseline, baseline_responses) if baseline is not None else None
        ),
        method=method_view(
            ctx, baseline, skipped, notes, _privacy_view(ctx, withheld, sections, breakdowns)
        ),
        show_names=options.show_names,
        anonymised=ctx.privacy.anonymised,
        show_overall=bank.scoring.overall,
        out_of=(
            wording.out_of_scale(f"{display.lo:g}", f"{display.hi:g}")
            if display.on_scale
            else "/100"
        ),
        scale_note=scale_note(ctx),
        groups=group_rows(ctx, rows),
        lowest_scores=lowest_scores(ctx, rows),
        trends=_trends(ctx, rounds, round_workshops or {}, options),
        agreed=agreed_view(ctx, rows, workshop) if workshop is not None else None,
    )


def _trends(
    ctx: BuildContext,
    rounds: Sequence[RoundScores],
    workshops: Mapping[str, WorkshopRecord],
    options: ScorecardOptions,
) -> TrendsView | None:
    """The trends page, with two rounds or more."""
    return trends_view(ctx, rounds, workshops, options.font_family) if len(rounds) >= 2 else None


def _privacy_view(
    ctx: BuildContext,
    comments_withheld: dict[str, int],
    sections: list[PrincipleSection],
    breakdowns: list[BreakdownView],
) -> PrivacyView:
    """The anonymity rules applied, and how much they withheld, for the method appendix."""
    cells = sum(g.hidden_count for g in ctx.grids.values())
    comments = sum(comments_withheld.values())
    groups = sum(1 for b in breakdowns for row in b.rows if row.hidden)
    counts = sum(1 for s in sections for c in s.choices for bar in c.bars if bar.hidden)
    return PrivacyView(
        min_group_size=ctx.privacy.min_group_size,
        min_organisation_size=ctx.threshold,
        anonymised=ctx.privacy.anonymised,
        hidden_cells=cells,
        hidden_comments=comments,
        hidden=wording.privacy_hidden(cells, comments, groups, counts),
    )
