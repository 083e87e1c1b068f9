"""The words of input errors, in one place: the near-miss hint and pydantic's errors made located.

Design: every reader of user files (banks, answer files, theme.yaml) validates with pydantic and
turns the failure into `Problem`s through `problems_from_validation`, so the same mistake reads
the same way wherever it is made. A reader that needs words of its own for one kind of error
passes a `rewrite` hook; everything else takes the shared wording. `did_you_mean` is the one
near-miss hint (difflib, as Python's own "Did you mean" does).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from selfassess.core.bank_rules import RuleViolations
from selfassess.core.errors import Problem, format_location
from selfassess.core.model import ScaleOption
from selfassess.core.question_types import UnknownQuestionType
from selfassess.inputs.yaml_text import COMMA_HINT, LineMap, Loc, yaml_type

ErrorDetails = Mapping[str, Any]  # one of ValidationError.errors(): loc, type, msg, input, ctx
Rewrite = Callable[[ErrorDetails], tuple[Loc, str] | None]
ModelOf = Callable[[Loc], type[BaseModel] | None]
MAX_SHOWN = 60  # a found value is quoted up to this many characters


def did_you_mean(word: str, known: Iterable[str], *, otherwise: str = "") -> str:
    """`; did you mean 'x'?` for a near miss; else ` (OTHERWISE: a, b)` when `otherwise` names
    the list, or nothing: the one hint every unknown key, id or name gets."""
    choices = list(known)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" ({otherwise}: {', '.join(choices)})" if otherwise else ""


def _no_model(_: Loc) -> type[BaseModel] | None:
    return None


def problems_from_validation(
    exc: ValidationError,
    file: str,
    lines: LineMap | None = None,
    *,
    model_of: ModelOf = _no_model,
    listing: str = "allowed",
    rewrite: Rewrite | None = None,
) -> list[Problem]:
    """pydantic's errors as located Problems (FILE:LINE when `lines` knows it, and the path),
    each said once. `model_of` finds the model an unknown key was given to, for the hint."""
    problems: dict[tuple[str, str], Problem] = {}

    def add(loc: Loc, message: str) -> None:
        line = lines.line_of(loc) if lines is not None else None
        problem = Problem(file, message, line, format_location(loc))
        problems.setdefault((problem.path, message), problem)

    for error in exc.errors():
        original = error.get("ctx", {}).get("error")
        if isinstance(original, RuleViolations):
            for loc, message in original.problems:
                add((*tuple(error["loc"]), *loc), message)
            continue
        if isinstance(original, UnknownQuestionType):
            hint = did_you_mean(original.name, original.known, otherwise="allowed")
            add(tuple(error["loc"]), f"unknown question type '{original.name}'{hint}")
            continue
        described = rewrite(error) if rewrite is not None else None
        add(*(described or describe_error(error, model_of, listing)))
    return list(problems.values())


def describe_error(error: ErrorDetails, model_of: ModelOf, listing: str) -> tuple[Loc, str]:
    """A pydantic error -> (location, message a person can act on)."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc, model_of(loc[:-1]), listing, error.get("input") is None)
    if kind == "missing":
        return loc, f"missing required key '{loc[-1]}'"
    found = error.get("input")
    shown = repr(found) if not isinstance(found, dict | list) else type(found).__name__
    if len(shown) > MAX_SHOWN:
        shown = shown[: MAX_SHOWN - 3] + "..."
    if kind in ("model_type", "dict_type"):
        return loc, f"expected a mapping (key: value), found {yaml_type(found)}"
    if kind == "list_type":
        return loc, f"expected a list, found {yaml_type(found)}"
    if kind == "string_type" and isinstance(found, dict):
        return loc, (
            "expected text, found a mapping; a text in several languages needs the bank's "
            "languages (languages: [en, cy])"
        )
    if kind == "string_type" and isinstance(found, bool):
        return (
            loc,
            f"expected text, found {str(found).lower()}; YAML reads yes/no/on/off as true/false, so put the text in quotes",
        )
    if kind == "string_pattern_mismatch" and (
        loc[-1:] == ("language",) or loc[:1] in (("languages",), ("translations",))
    ):
        return loc, f"{shown} is not a BCP 47 language tag (e.g. en, cy, pl, ar, en-GB)"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return loc, f"{shown} is not a valid id (expected to match {pattern})"
    message = str(error["msg"])
    if message.startswith("Value error, "):  # our own rule: its message says it all
        return loc, message.removeprefix("Value error, ")
    message = message.replace("Input should be", "must be", 1)
    message = f"{message[:1].lower()}{message[1:]}"
    if not isinstance(found, dict | list):
        message += f", found {shown}"
    return loc, message


def _unknown_key(loc: Loc, model: type[BaseModel] | None, listing: str, no_value: bool) -> str:
    key = str(loc[-1])
    message = f"unknown key '{key}'"
    if model is not None:
        message += did_you_mean(key, model.model_fields, otherwise=listing)
    if no_value:  # `{text: Partners, then others, agree}`: keys, no values
        message += COMMA_HINT
    return message


def number_text(value: float) -> str:
    """A scale value as people write it: 4, not 4.0."""
    return f"{value:g}"


def scale_text(scale: Sequence[ScaleOption]) -> str:
    """A scale's options for a message: `1 Not at all, 2 Partly, Don't know (empty)`."""
    return ", ".join(
        f"{number_text(o.value)} {o.label}" if o.value is not None else f"{o.label} (empty)"
        for o in scale
    )
