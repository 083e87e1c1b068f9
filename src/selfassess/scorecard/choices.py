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
from selfassess.core.tallies import NULL_KEY, value_key
from selfassess.scorecard import wording
from selfassess.scorecard.chart_parts import coordinate
from selfassess.scorecard.context import BuildContext
from selfassess.scorecard.views import ChoiceBar, ChoiceCounts


def choice_counts(ctx: BuildContext, principle: Principle) -> list[ChoiceCounts]:
    """The principle's choice and multi questions, in the bank's order, as counts and bars."""
    found = []
    for question in principle.questions:
        if not has_options(question.type):
            continue
        counts_by_id = ctx.scores.partnership.choices.get(question.id, {})
        options = question.options or []
        found.append(
            _counted(
                ctx,
                question.id,
                question.type == "multi",
                [(o.label, counts_by_id.get(o.id, 0)) for o in options],
            )
        )
    return found


def answer_counts(ctx: BuildContext, principle: Principle) -> list[ChoiceCounts]:
    """An unscored principle's scale questions: how many respondents asked each one chose each
    option (labels from the question's scale), then how many chose none that is scored; counts
    withheld by the same rule as a choice question's."""
    if principle.scored:
        return []
    answers = ctx.scores.partnership.principles[principle.id].answers
    found = []
    for question in ctx.bank.scored_questions(principle):
        tally = answers.get(question.id, {})
        scale = ctx.bank.scale_of(question)
        bars = [(o.label, tally.get(value_key(o.value), 0)) for o in scale if o.value is not None]
        unscored = [o.label for o in scale if o.value is None]
        blank = wording.chose_or_blank(unscored[0]) if unscored else wording.left_blank()
        found.append(_counted(ctx, question.id, False, [*bars, (blank, tally.get(NULL_KEY, 0))]))
    return found


def _counted(
    ctx: BuildContext, question_id: str, multi: bool, counts: list[tuple[str, int]]
) -> ChoiceCounts:
    """A question's counts as bars, those standing for too few respondents withheld."""
    k = ctx.privacy.min_group_size
    hidden = hidden_groups([n for _, n in counts], k)
    longest = max((n for i, (_, n) in enumerate(counts) if i not in hidden), default=0)
    bars = [
        ChoiceBar(label, wording.group_hidden(k), True, "")
        if i in hidden
        else ChoiceBar(label, str(n), False, bar_width(n, longest))
        for i, (label, n) in enumerate(counts)
    ]
    return ChoiceCounts(
        label=ctx.question_labels[question_id],
        text_html=ctx.question_html[question_id],
        multi=multi,
        bars=bars,
        hidden_note=wording.counts_hidden_note(len(hidden), k),
    )


def bar_width(count: int, longest: int) -> str:
    """A bar's width as a share of the longest shown count's, for the template's CSS."""
    return f"{coordinate(100 * count / longest)}%" if longest else "0%"
