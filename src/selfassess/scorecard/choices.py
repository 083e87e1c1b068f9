"""Choice and multi questions inside a principle: how many respondents picked each option.

Design note: the counts are core/scoring.py's (`partnership.choices`); a count standing for
fewer than the bank's `min_group_size` respondents is withheld by the same rule as a breakdown
group (`hidden_groups`, complementary hiding included). Each bar is a decorative block whose
width Python gives and whose colour the theme's CSS gives (its accent): the label and the count
beside it are text, so the PDF's text layer, `verify` and a screen reader read the figures from
the table, not from the drawing. (WeasyPrint draws inline SVG without the page's CSS, so an SVG
bar could not take the theme's colour.)
"""

from __future__ import annotations

from selfassess.core.model import Principle
from selfassess.core.privacy import hidden_groups
from selfassess.core.question_types import has_options
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import coordinate
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import ChoiceBar, ChoiceCounts


def choice_counts(ctx: BuildContext, principle: Principle) -> list[ChoiceCounts]:
    """The principle's choice and multi questions, in the bank's order, as counts and bars."""
    k = ctx.privacy.min_group_size
    found = []
    for question in principle.questions:
        if not has_options(question.type):
            continue
        counts_by_id = ctx.scores.partnership.choices.get(question.id, {})
        options = question.options or []
        counts = [counts_by_id.get(o.id, 0) for o in options]
        hidden = hidden_groups(counts, k)
        longest = max((n for i, n in enumerate(counts) if i not in hidden), default=0)
        bars = [
            ChoiceBar(option.label, wording.group_hidden(k), True, "")
            if i in hidden
            else ChoiceBar(option.label, str(n), False, bar_width(n, longest))
            for i, (option, n) in enumerate(zip(options, counts, strict=True))
        ]
        found.append(
            ChoiceCounts(
                label=ctx.question_labels[question.id],
                text_html=ctx.question_html[question.id],
                multi=question.type == "multi",
                bars=bars,
                hidden_note=wording.counts_hidden_note(len(hidden), k),
            )
        )
    return found


def bar_width(count: int, longest: int) -> str:
    """A bar's width as a share of the longest shown count's, for the template's CSS."""
    return f"{coordinate(100 * count / longest)}%" if longest else "0%"
