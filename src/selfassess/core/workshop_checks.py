"""The checks of a workshop file against a bank (core/workshop.py holds the format), in the
order web/workshop.js follows word for word (tests/vectors/workshop/ pins both):
1. the document is an object; 2. `format`; 3. `questionnaire.id` is the bank's (a file for
another bank stops here: it would only add noise); 4. every object from the top: its unknown
keys in document order, then its keys in the order of the format, each missing or its value's
problems (children before the next key). Texts are counted in code points; "blank" is what
JavaScript's trim() removes. Pure: the caller reads the file (inputs/workshop.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from selfassess.core.errors import Location, Problem, SelfassessError, format_location
from selfassess.core.model import Principle, Questionnaire
from selfassess.core.workshop import (
    ACTION_KEYS,
    MAX_ACTION_ID,
    MAX_ACTION_TEXT,
    MAX_ACTIONS,
    MAX_LABEL,
    MAX_NOTE,
    MAX_ORGANISATION,
    MAX_ORGANISATIONS,
    MAX_OWNER,
    MAX_PROBLEMS,
    MAX_UPDATE,
    OWNER_KEYS,
    PRINCIPLE_KEYS,
    QUESTIONNAIRE_KEYS,
    ROUND_KEYS,
    STATUSES,
    TOP_KEYS,
    WORKSHOP_FORMAT,
    Action,
    Owner,
    PrincipleAgreement,
    WorkshopRecord,
    close_match,
    is_blank,
    kind,
    parse_date,
    quoted,
)


class _Walk:
    """The problems found so far, each at its place in the document."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, loc: Location, cause: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            place = format_location(loc)
            self.problems.append(Problem(self.file, f"{place}: {cause}" if place else cause))

    def fields(
        self, value: Any, loc: Location, keys: Mapping[str, bool], checks: Mapping[str, Checker]
    ) -> dict[str, Any] | None:
        """An object's known keys checked in the format's order; None when not an object."""
        if not isinstance(value, dict):
            self.add(loc, f"expected an object, found {kind(value)}")
            return None
        for key in value:
            if key not in keys:
                close = close_match(key, list(keys))
                hint = f"; did you mean '{close}'?" if close else f" (allowed: {', '.join(keys)})"
                self.add((*loc, key), f"unknown key {quoted(key)}{hint}")
        for key, required in keys.items():
            if key in value:
                checks[key](value[key], (*loc, key))
            elif required:
                self.add((*loc, key), "missing required key")
        return value

    def text(
        self,
        value: Any,
        loc: Location,
        most: int | None = None,
        *,
        blank_ok: bool = False,
        empty_ok: bool = False,
    ) -> bool:
        """Whether `value` is text within its bounds (not blank, or not empty, or any); else
        says why."""
        if not isinstance(value, str):
            self.add(loc, f"expected text, found {kind(value)}")
        elif (not value and not empty_ok) or (not blank_ok and is_blank(value)):
            self.add(loc, "must not be empty" if blank_ok else "must not be blank")
        elif most is not None and len(value) > most:
            self.add(loc, f"is {len(value)} characters long; at most {most}")
        else:
            return True
        return False

    def date(self, value: Any, loc: Location, *, null_ok: bool = False) -> None:
        if value is None and null_ok:
            return
        if not isinstance(value, str):
            expected = "a date (YYYY-MM-DD) or null" if null_ok else "a date (YYYY-MM-DD)"
            self.add(loc, f"expected {expected}, found {kind(value)}")
        elif parse_date(value) is None:
            self.add(loc, f"{quoted(value)} is not a date (expected YYYY-MM-DD, a real day)")

    def listed(self, value: Any, loc: Location, most: int | None, what: str) -> list[Any]:
        """The items of a list (of at most `most`), or nothing (and why)."""
        if not isinstance(value, list):
            self.add(loc, f"expected a list, found {kind(value)}")
            return []
        if most is not None and len(value) > most:
            self.add(loc, f"{len(value)} {what}; at most {most}")
            return []
        return value


Checker = Callable[[Any, Location], object]


def _ignore(value: Any, loc: Location) -> None:
    """A key checked elsewhere (format, questionnaire.id: before the walk)."""


def document_problems(document: Any, bank: Questionnaire, file: str) -> list[Problem]:
    """Everything wrong with a parsed workshop file for `bank`, in the order of the design note."""
    walk = _Walk(file)
    if not isinstance(document, dict):
        walk.add((), "not a workshop file: expected a JSON object")
        return walk.problems
    if "format" not in document:
        walk.add((), f'not a workshop file: no "format": "{WORKSHOP_FORMAT}"')
        return walk.problems
    found = document["format"]
    if found != WORKSHOP_FORMAT:
        shown = quoted(found) if isinstance(found, str) else kind(found)
        walk.add(("format",), f"wrong format {shown}; expected '{WORKSHOP_FORMAT}'")
        return walk.problems
    ref = document.get("questionnaire")
    wanted = ref.get("id") if isinstance(ref, dict) else None
    if isinstance(wanted, str) and wanted != bank.id:
        walk.add(
            ("questionnaire", "id"),
            f"the workshop is for questionnaire {quoted(wanted)}, not '{bank.id}'",
        )
        return walk.problems
    _PrincipleChecks(walk, bank).document(document)
    return walk.problems


class _PrincipleChecks:
    """The walk below the top: the round, the organisations, each principle and its actions."""

    def __init__(self, walk: _Walk, bank: Questionnaire) -> None:
        self.walk, self.bank = walk, bank
        self.principle_at: dict[str, Location] = {}
        self.action_at: dict[str, Location] = {}

    def document(self, document: dict[str, Any]) -> None:
        w = self.walk
        w.fields(document, (), TOP_KEYS, {
            "format": _ignore,
            "questionnaire": lambda v, loc: w.fields(v, loc, QUESTIONNAIRE_KEYS, {
                "id": lambda v, loc: w.text(v, loc, blank_ok=True, empty_ok=True),
                "version": lambda v, loc: w.text(v, loc, blank_ok=True, empty_ok=True)}),
            "round": lambda v, loc: w.fields(v, loc, ROUND_KEYS, {
                "label": lambda v, loc: w.text(v, loc, MAX_LABEL),
                "date": lambda v, loc: w.date(v, loc)}),
            "organisations": self.organisations,
            "principles": self.principles,
        })  # fmt: skip

    def organisations(self, value: Any, loc: Location) -> None:
        items = self.walk.listed(value, loc, MAX_ORGANISATIONS, "organisations")
        for index, name in enumerate(items):
            self.walk.text(name, (*loc, index), MAX_ORGANISATION, blank_ok=True)

    def principles(self, value: Any, loc: Location) -> None:
        items = self.walk.listed(value, loc, None, "principles")
        for index, item in enumerate(items):
            self.principle(item, (*loc, index))

    def principle(self, value: Any, loc: Location) -> None:
        w = self.walk
        found: list[Principle | None] = [None]

        def principle_id(v: Any, at: Location) -> None:
            found[0] = self.principle_named(v, at)

        def level(v: Any, at: Location) -> None:
            if found[0] is not None:
                self.agreed_level(v, at, found[0])

        w.fields(value, loc, PRINCIPLE_KEYS, {
            "id": principle_id,
            "agreed_level": level,
            "note": lambda v, at: w.text(v, at, MAX_NOTE, blank_ok=True, empty_ok=True),
            "actions": self.actions,
        })  # fmt: skip

    def principle_named(self, value: Any, loc: Location) -> Principle | None:
        """The bank's scored principle `value` names, once in the file; else None (and why)."""
        if not self.walk.text(value, loc, blank_ok=True, empty_ok=True):
            return None
        principle = next((p for p in self.bank.principles if p.id == value), None)
        if principle is None:
            ids = [p.id for p in self.bank.scored_principles()]
            close = close_match(value, ids)
            hint = f"; did you mean '{close}'?" if close else f" (principles: {', '.join(ids)})"
            self.walk.add(loc, f"{quoted(value)} is not a principle of the bank{hint}")
            return None
        if not principle.scored:
            self.walk.add(loc, f"'{principle.title}' is not scored, so it has no agreed level")
            return None
        if value in self.principle_at:
            before = format_location(self.principle_at[value])
            self.walk.add(loc, f"{quoted(value)} is listed twice (also at {before})")
            return None
        self.principle_at[value] = loc
        return principle

    def agreed_level(self, value: Any, loc: Location, principle: Principle) -> None:
        if value is None:
            return
        ids = [level.id for level in self.bank.levels_of(principle)]
        expected = f"expected one of: {', '.join(ids)}, or null"
        if not isinstance(value, str):
            self.walk.add(loc, f"expected a level id or null, found {kind(value)} ({expected})")
        elif value not in ids:
            self.walk.add(
                loc, f"{quoted(value)} is not a level of '{principle.title}' ({expected})"
            )

    def actions(self, value: Any, loc: Location) -> None:
        items = self.walk.listed(value, loc, MAX_ACTIONS, "actions")
        for index, item in enumerate(items):
            self.action(item, (*loc, index))

    def action(self, value: Any, loc: Location) -> None:
        w = self.walk
        w.fields(value, loc, ACTION_KEYS, {
            "id": self.action_id,
            "text": lambda v, at: w.text(v, at, MAX_ACTION_TEXT),
            "owner": self.owner,
            "due": lambda v, at: w.date(v, at, null_ok=True),
            "status": self.status,
            "update": lambda v, at: w.text(v, at, MAX_UPDATE, blank_ok=True, empty_ok=True),
        })  # fmt: skip

    def action_id(self, value: Any, loc: Location) -> None:
        if not self.walk.text(value, loc, MAX_ACTION_ID, blank_ok=True):
            return
        if value in self.action_at:
            before = format_location(self.action_at[value])
            self.walk.add(loc, f"the action id {quoted(value)} is used twice (also at {before})")
        else:
            self.action_at[value] = loc

    def owner(self, value: Any, loc: Location) -> None:
        w = self.walk
        given = w.fields(value, loc, OWNER_KEYS, {
            "organisation": lambda v, at: w.text(v, at, MAX_OWNER),
            "role": lambda v, at: w.text(v, at, MAX_OWNER),
        })  # fmt: skip
        if given is not None and not any(key in given for key in OWNER_KEYS):
            w.add(loc, "needs an organisation or a role (or both)")

    def status(self, value: Any, loc: Location) -> None:
        expected = f"expected one of: {', '.join(STATUSES)}"
        if not isinstance(value, str):
            self.walk.add(loc, f"expected text, found {kind(value)} ({expected})")
        elif value not in STATUSES:
            self.walk.add(loc, f"{quoted(value)} is not a status ({expected})")


def check_workshop(document: Any, bank: Questionnaire, file: str) -> WorkshopRecord:
    """The record in a parsed workshop file, or SelfassessError with every problem found."""
    problems = document_problems(document, bank, file)
    if problems:
        raise SelfassessError(problems)
    return _record(document)


def _record(document: dict[str, Any]) -> WorkshopRecord:
    """The dataclasses of a checked document (every key and value known good)."""
    ref, round_ = document["questionnaire"], document["round"]
    return WorkshopRecord(
        questionnaire_id=ref["id"],
        questionnaire_version=ref["version"],
        round_label=round_["label"],
        round_date=_day(round_["date"]),
        organisations=tuple(document.get("organisations", [])),
        principles=tuple(
            PrincipleAgreement(
                id=p["id"],
                agreed_level=p["agreed_level"],
                note=p.get("note", ""),
                actions=tuple(_action(a) for a in p.get("actions", [])),
            )
            for p in document["principles"]
        ),
    )


def _action(action: dict[str, Any]) -> Action:
    owner = action["owner"]
    return Action(
        id=action["id"],
        text=action["text"],
        owner=Owner(owner.get("organisation"), owner.get("role")),
        due=_day(action["due"]) if action["due"] is not None else None,
        status=action["status"],
        update=action.get("update", ""),
    )


def _day(text: str) -> datetime.date:
    day = parse_date(text)
    assert day is not None, "checked by document_problems"
    return day
