"""The bank's rules that span several of its parts (a scale's options, the levels, the
options of a question, `ask_if` across questions), each problem reported at the key that breaks
it so that `validate` can name its line.

Pure: no I/O. Kept apart from model.py so the models read as the bank's shape and this as its
rules; the models call these from their validators.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfassess.core.model import AskIf, Level, Option, Question, Questionnaire, ScaleOption

MAX_SCALE_VALUE = 1_000_000  # scale values within a million of zero keep every sum exact
Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]


def finite_and_bounded(value: int | float | None) -> int | float | None:
    if value is None:
        return None
    if value != value or value in (float("inf"), float("-inf")):  # NaN is not equal to itself
        raise ValueError(f"a scale value must be a finite number, found {value}")
    if abs(value) > MAX_SCALE_VALUE:
        raise ValueError(
            f"a scale value must lie between -{MAX_SCALE_VALUE:,} and {MAX_SCALE_VALUE:,}, "
            f"found {_short_number(value)}"
        )
    return value


def _short_number(value: int | float) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    digits = str(abs(value))  # ints in YAML are bounded by Python's 4,300-digit limit
    return f"{value}" if len(digits) <= 12 else f"a {len(digits):,}-digit number"


class RuleViolations(ValueError):
    """Cross-field rule failures, each with its own location inside the model."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


def check_scale(scale: list[ScaleOption]) -> list[ScaleOption]:
    """Rules across the options, each reported at the option that breaks it."""
    values = [o.value for o in scale if o.value is not None]
    if len(set(values)) < 2:
        raise ValueError("a scale needs at least two distinct numeric values")
    problems: list[tuple[tuple[str | int, ...], str]] = []
    first_of: dict[object, int] = {}
    first_label: dict[str, int] = {}
    null_at: int | None = None
    for i, option in enumerate(scale):
        if option.value is None:
            if null_at is not None:
                problems.append(
                    (
                        (i, "value"),
                        f"a scale may have at most one unscored (null) option "
                        f"(scale[{null_at}] is one already)",
                    )
                )
            null_at = i if null_at is None else null_at
        elif option.value in first_of:
            problems.append(
                (
                    (i, "value"),
                    f"scale values must be distinct: {option.value:g} is also "
                    f"scale[{first_of[option.value]}]",
                )
            )
        else:
            first_of[option.value] = i
        label = option.label.strip().casefold()
        if label in first_label:
            problems.append(
                (
                    (i, "label"),
                    f"scale labels must be distinct (CSV cells are matched by label): "
                    f"'{option.label.strip()}' is also scale[{first_label[label]}]",
                )
            )
        else:
            first_label[label] = i
    if problems:
        raise RuleViolations(problems)
    return scale


def repeats(keys: Iterable[Hashable]) -> Iterator[tuple[int, int]]:
    """(position, position of its first occurrence) for each key met before, in order."""
    first: dict[Hashable, int] = {}
    for i, key in enumerate(keys):
        if key in first:
            yield i, first[key]
        else:
            first[key] = i


def check_options(options: list[Option]) -> list[Option]:
    """At least two options; ids unique, labels unique case-insensitively (CSV cells match
    either), each break reported at the option that makes it."""
    if len(options) < 2:
        raise ValueError("a question with options needs at least two")
    problems: list[Problem] = [
        ((i, "id"), f"option ids must be unique: '{options[i].id}' is also options[{first}]")
        for i, first in repeats(o.id for o in options)
    ]
    problems += [
        (
            (i, "label"),
            "option labels must be distinct (CSV cells are matched by label): "
            f"'{options[i].label.strip()}' is also options[{first}]",
        )
        for i, first in repeats(o.label.strip().casefold() for o in options)
    ]
    if problems:
        raise RuleViolations(problems)
    return options


def level_problems(levels: Sequence[Level], lowest: float = 0) -> list[Problem]:
    """Each rule across the levels, reported at the level's key that breaks it; the first
    starts at the lowest figure shown (0, or the scale's lowest value)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if levels[0].min != lowest:
        problems.append(
            ((0, "min"), f"the first level's min must be {lowest:g}, not {levels[0].min:g}")
        )
    for i in range(1, len(levels)):
        if levels[i].min <= levels[i - 1].min:
            problems.append(
                (
                    (i, "min"),
                    f"levels must ascend: levels[{i}].min {levels[i].min:g} is not above "
                    f"levels[{i - 1}].min {levels[i - 1].min:g}",
                )
            )
    problems += [
        ((i, "id"), f"level ids must be unique: '{levels[i].id}' is also levels[{first}]")
        for i, first in repeats(level.id for level in levels)
    ]
    return problems


def ask_if_problems(bank: Questionnaire) -> list[Problem]:
    """`ask_if` names a background question or an earlier one, of a type with answers to
    match, and values that question can take; never itself or a later question."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    earlier: dict[str, Question] = {}
    for loc, question in _located_questions(bank):
        condition = question.ask_if
        if condition is not None:
            problem = _ask_if_problem(bank, question, condition, earlier)
            if problem:
                problems.append(((*loc, "ask_if", *problem[0]), problem[1]))
        earlier[question.id] = question
    return problems


def _ask_if_problem(
    bank: Questionnaire, question: Question, condition: AskIf, earlier: dict[str, Question]
) -> tuple[tuple[str | int, ...], str] | None:
    named = earlier.get(condition.question)
    if condition.question == question.id:
        return ("question",), f"'{question.id}' cannot be asked depending on itself"
    if named is None:
        later = condition.question in {q.id for q in bank.all_questions()}
        return ("question",), (
            f"'{condition.question}' comes later in the bank; ask_if names a background "
            "question or an earlier one"
            if later
            else f"'{condition.question}' is not a question of this bank"
        )
    if named.type == "text":
        return (
            "question",
        ), f"'{named.id}' is a text question; ask_if needs choice, multi or scale"
    if named.is_scored:
        allowed: list[object] = [o.value for o in bank.scale_of(named) if o.value is not None]
    else:
        allowed = list(named.option_ids())
    for k, value in enumerate(condition.any_of):
        fits = (
            isinstance(value, int | float) and value in allowed
            if named.is_scored
            else isinstance(value, str) and value in allowed
        )
        if not fits:
            kind = "a value on the scale of" if named.is_scored else "an option id of"
            shown = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in allowed)
            return ("any_of", k), f"{value!r} is not {kind} '{named.id}' ({shown})"
    return None


def _located_questions(bank: Questionnaire) -> list[tuple[Loc, Question]]:
    """Every question in asking order, with where it sits in the bank."""
    located: list[tuple[tuple[str | int, ...], Question]] = [
        (("background", i), q) for i, q in enumerate(bank.background)
    ]
    for i, principle in enumerate(bank.principles):
        located += [
            (("principles", i, "questions", j), q) for j, q in enumerate(principle.questions)
        ]
    return located
