"""Counts rather than scores: how many respondents picked each option of a choice or multi
question, and how many gave each value to a question of an unscored principle.

Pure: no I/O. The keys are pinned with web/partnership-scoring.js by tests/vectors/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfassess.core.model import Principle, Questionnaire

NULL_KEY = "null"  # the unscored option ("Don't know") or no answer


def value_key(value: float) -> str:
    """A scale value as a JSON key, written as JavaScript's String(value) writes it: 3, 2.5,
    -1, 0.00005 (scale values lie within a million of zero, so never with a large exponent)."""
    if float(value).is_integer():
        return str(int(value))
    shortest = repr(float(value))  # the shortest text that reads back as the same number
    if abs(value) >= 1e-6:
        return format(Decimal(shortest), "f")
    mantissa, exponent = f"{Decimal(shortest):e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}e{int(exponent)}"


def count_answers(
    bank: Questionnaire, principle: Principle, rated: Sequence[Mapping[str, float | None]]
) -> dict[str, dict[str, int]]:
    """For each scale question of an unscored principle, how many of the respondents asked it
    gave each value (every value of its scale listed, in scale order), and under "null" how
    many chose the unscored option or left it blank."""
    counts: dict[str, dict[str, int]] = {}
    for question in bank.scored_questions(principle):
        values = [o.value for o in bank.scale_of(question) if o.value is not None]
        asked = [r[question.id] for r in rated if question.id in r]
        tally = {value_key(v): sum(1 for a in asked if a == v) for v in values}
        tally[NULL_KEY] = sum(1 for a in asked if a is None)
        counts[question.id] = tally
    return counts


def count_choices(
    bank: Questionnaire, picked: Sequence[Mapping[str, frozenset[str]]]
) -> dict[str, dict[str, int]]:
    """For each choice or multi question inside the principles, how many respondents picked
    each option (every option listed)."""
    return {
        question.id: {
            option.id: sum(1 for p in picked if option.id in p.get(question.id, ()))
            for option in question.options or []
        }
        for _, question in bank.questions()
        if question.type in ("choice", "multi")
    }
