"""The rules across a whole bank: unique ids, each principle's scale question and advice, its
groups, its levels and thresholds in the displayed unit, and what `display: scale` needs of the
scales. Each problem is reported at the key that breaks it so that `validate` names its line.

Pure: no I/O. Called by Questionnaire's validator (model.py) once every part has its shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from selfassess.core.bank_rules import Loc, Problem, ask_if_problems, level_problems, repeats
from selfassess.core.display import Display

# What the form page spends on a question and on each of its options beyond their own text
# (fieldset, radio, label, ids): the bound on the page is the bound on `build`'s memory.
FORM_CHARS_PER_QUESTION = 400
FORM_CHARS_PER_OPTION = 150
MAX_FORM_CHARS = 10_000_000

if TYPE_CHECKING:
    from selfassess.core.model import Level, Questionnaire, ScaleOption


def bank_problems(bank: Questionnaire) -> list[Problem]:
    return [
        *_id_problems(bank),
        *_principle_problems(bank),
        *_group_problems(bank),
        *_display_problems(bank),
        *ask_if_problems(bank),
    ]


def _where(loc: Loc) -> str:
    return str(loc[0]) + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:-1])


def _id_problems(bank: Questionnaire) -> list[Problem]:
    """Questions and principles share one namespace (answer files and CSV columns use them)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    located: list[tuple[str, Loc]] = [
        (q.id, ("background", i, "id")) for i, q in enumerate(bank.background)
    ]
    for i, principle in enumerate(bank.principles):
        located.append((principle.id, ("principles", i, "id")))
        located += [
            (q.id, ("principles", i, "questions", j, "id"))
            for j, q in enumerate(principle.questions)
        ]
    for identifier, loc in located:
        if identifier in seen:
            problems.append(
                (loc, f"duplicate id '{identifier}' (already used at {seen[identifier]})")
            )
        else:
            seen[identifier] = _where(loc)
    return problems


def _principle_problems(bank: Questionnaire) -> list[Problem]:
    problems: list[Problem] = []
    for i, principle in enumerate(bank.principles):
        for j, question in enumerate(principle.questions):
            if question.breakdown:
                problems.append(
                    (
                        ("principles", i, "questions", j, "breakdown"),
                        "breakdown applies to background questions only",
                    )
                )
        if not any(q.is_scored for q in principle.questions):
            problems.append(
                (
                    ("principles", i, "questions"),
                    f"principle '{principle.id}' needs at least one scale question "
                    "(only scale questions are scored)",
                )
            )
        level_ids = [level.id for level in bank.levels_of(principle)]
        whose = "its own levels" if principle.levels is not None else "levels"
        for key in principle.advice:
            if key not in level_ids:
                problems.append(
                    (
                        ("principles", i, "advice", key),
                        f"advice key '{key}' is not a level id ({whose}: {', '.join(level_ids)})",
                    )
                )
    if not any(p.scored for p in bank.principles):
        problems.append(
            (("principles",), "at least one principle must be scored (all say scored: false)")
        )
    return problems


def _group_problems(bank: Questionnaire) -> list[Problem]:
    problems: list[Problem] = [
        (
            ("groups", i, "id"),
            f"group ids must be unique: '{bank.groups[i].id}' is also groups[{f}]",
        )
        for i, f in repeats(g.id for g in bank.groups)
    ]
    group_ids = [g.id for g in bank.groups]
    for i, principle in enumerate(bank.principles):
        if principle.group is None:
            if group_ids:
                problems.append(
                    (
                        ("principles", i, "group"),
                        f"principle '{principle.id}' needs a group: when the bank has groups, "
                        f"every principle names one ({', '.join(group_ids)})",
                    )
                )
        elif principle.group not in group_ids:
            known = f"groups: {', '.join(group_ids)}" if group_ids else "the bank has no groups"
            problems.append(
                (
                    ("principles", i, "group"),
                    f"group '{principle.group}' is not a group of this bank ({known})",
                )
            )
    for i, group in enumerate(bank.groups):
        if not bank.principles_of(group):
            problems.append(
                (("groups", i, "id"), f"group '{group.id}' holds no principle; name it in one")
            )
    return problems


def _display_problems(bank: Questionnaire) -> list[Problem]:
    """Levels and thresholds lie within the displayed unit; on the scale, every scored
    question's scale spans the bank's lowest to highest value."""
    display = bank.display
    unit = _unit(display)
    problems: list[Problem] = []
    for i, principle in enumerate(bank.principles):
        if principle.levels is not None:
            problems += [
                (("principles", i, "levels", *loc), m)
                for loc, m in _levels_in(principle.levels, display, unit)
            ]
    for key in ("divergence_threshold", "consensus"):
        value = getattr(bank, key)
        if value is not None and value > display.range:
            problems.append(
                (
                    (key,),
                    f"{key} {value:g} is more than the whole range of {unit} ({display.range:g})",
                )
            )
    if display.on_scale:
        problems += _scales_span_the_bank(bank)
    return problems


def level_problems_within(levels: Sequence[Level], display: Display | None) -> list[Problem]:
    """The levels' own rules (first at the lowest figure, ascending, unique ids), and all
    within the displayed unit; without a display (its scale is broken), only those that need none."""
    if display is None:
        return level_problems(levels, levels[0].min)
    return _levels_in(levels, display, _unit(display))


def _unit(display: Display) -> str:
    return (
        f"the {display.lo:g}-{display.hi:g} scale (display: scale)"
        if display.on_scale
        else "the 0-100 score"
    )


def _levels_in(levels: Sequence[Level], display: Display, unit: str) -> list[Problem]:
    problems = level_problems(levels, display.lo)
    for i, level in enumerate(levels):
        if not display.lo <= level.min <= display.hi and (i > 0 or level.min == display.lo):
            problems.append(
                (
                    (i, "min"),
                    f"a level's min must lie within {unit}: greater than or equal to "
                    f"{display.lo:g} and less than or equal to {display.hi:g}, not {level.min:g}",
                )
            )
    return problems


def _scales_span_the_bank(bank: Questionnaire) -> list[Problem]:
    """Named at the first scale question of a scored principle whose lowest or highest value
    differs (an unscored principle is reported as counts of each answer, never on the scale)."""
    lo, hi = bank.display.lo, bank.display.hi
    for i, principle in enumerate(bank.principles):
        if not principle.scored:
            continue
        for j, question in enumerate(principle.questions):
            if not question.is_scored:
                continue
            numbers = [o.value for o in bank.scale_of(question) if o.value is not None]
            if (min(numbers), max(numbers)) != (lo, hi):
                where: Loc = ("principles", i, "questions", j)
                return [
                    (
                        (*where, "scale") if question.scale is not None else (*where, "id"),
                        f"display: scale shows figures on the bank's {lo:g}-{hi:g} scale, but "
                        f"question '{question.id}' is answered on {min(numbers):g}-"
                        f"{max(numbers):g}; give it a scale from {lo:g} to {hi:g} or use "
                        "display: percent",
                    )
                ]
    return []


def form_size_problem(bank: Questionnaire) -> Problem | None:
    """The form's estimated size past MAX_FORM_CHARS, as a problem at `principles`."""

    def cost(scale: list[ScaleOption]) -> int:
        return sum(len(o.label) + FORM_CHARS_PER_OPTION for o in scale)

    bank_scale = cost(bank.scale)
    size = 0
    for question in bank.all_questions():
        size += len(question.text) + len(question.help or "") + FORM_CHARS_PER_QUESTION
        if question.options is not None:
            size += sum(len(o.label) + FORM_CHARS_PER_OPTION for o in question.options)
        elif question.is_scored:
            size += bank_scale if question.scale is None else cost(question.scale)
    if size <= MAX_FORM_CHARS:
        return None
    return (
        ("principles",),
        f"the form would be about {size / 1e6:.0f} MB "
        f"({bank.question_count:,} questions, each with every option of its "
        f"scale); at most {MAX_FORM_CHARS / 1e6:.0f} MB: use fewer questions or "
        "options, or split the bank",
    )
