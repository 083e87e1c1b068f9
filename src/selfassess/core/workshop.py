"""The workshop record (`selfassess-workshop/1`): what the partners agreed after seeing the
survey, per principle (an agreed level, a note, actions), and its checks against a bank.

Design: plain frozen dataclasses, built only from a document that passed the checks of
core/workshop_checks.py (written out by hand, not a pydantic model, so that their order, and so
the first error, is one web/workshop.js follows word for word). `record_json` writes the shape
the page writes (keys in the format's order), `workshop_schema` describes it for editors and
scripts. Pure: no I/O (inputs/workshop.py reads the file).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WORKSHOP_FORMAT = "selfassess-workshop/1"
STATUSES = ("planned", "in-progress", "done", "dropped")
MAX_LABEL, MAX_ORGANISATION, MAX_ORGANISATIONS = 80, 200, 200
MAX_NOTE, MAX_ACTIONS, MAX_ACTION_ID, MAX_ACTION_TEXT = 5000, 100, 40, 2000
MAX_OWNER, MAX_UPDATE = 200, 2000
MAX_PROBLEMS = 100  # a hostile file could hold thousands; the first hundred say enough
MAX_SHOWN = 60  # a found value is quoted up to this many characters

# The keys of each object, in the order the page writes them; True: required.
TOP_KEYS = {"format": True, "questionnaire": True, "round": True, "organisations": False,
            "principles": True}  # fmt: skip
QUESTIONNAIRE_KEYS = {"id": True, "version": True}
ROUND_KEYS = {"label": True, "date": True}
PRINCIPLE_KEYS = {"id": True, "agreed_level": True, "note": False, "actions": False}
ACTION_KEYS = {"id": True, "text": True, "owner": True, "due": True, "status": True,
               "update": False}  # fmt: skip
OWNER_KEYS = {"organisation": False, "role": False}

# What JavaScript's String.prototype.trim() removes (WhiteSpace and LineTerminator): the page
# tests for blank with trim(), so "blank" means the same here (not Python's str.isspace()).
_JS_SPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Owner:
    """Who carries an action: an organisation, a role, or both."""

    organisation: str | None
    role: str | None


@dataclass(frozen=True)
class Action:
    """One thing the partnership decided to do, and how far it has gone."""

    id: str
    text: str
    owner: Owner
    due: datetime.date | None  # None: not set yet
    status: str  # one of STATUSES
    update: str = ""


@dataclass(frozen=True)
class PrincipleAgreement:
    """What the partners agreed on one principle; `agreed_level` None: they did not agree."""

    id: str
    agreed_level: str | None
    note: str = ""
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class WorkshopRecord:
    """A checked workshop file; `principles` in the file's order, only those discussed."""

    questionnaire_id: str
    questionnaire_version: str
    round_label: str
    round_date: datetime.date
    organisations: tuple[str, ...]
    principles: tuple[PrincipleAgreement, ...]

    def agreement(self, principle_id: str) -> PrincipleAgreement | None:
        """The record of one principle, or None when it was not discussed."""
        return next((p for p in self.principles if p.id == principle_id), None)


def is_blank(text: str) -> bool:
    """Whether the page's trim() would leave nothing of `text`."""
    return _JS_SPACE.fullmatch(text) is not None


def quoted(text: str) -> str:
    """A value from the file, quoted (Python's repr) and cut short enough for one line."""
    return repr(text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "...")


def kind(value: Any) -> str:
    """What a JSON value is, in the words of the messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else "a number"


def close_match(word: str, known: Sequence[str]) -> str | None:
    """difflib's nearest known word (inputs/messages.did_you_mean's rule), or None."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def parse_date(text: str) -> datetime.date | None:
    """`YYYY-MM-DD` naming a real day, or None."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def version_warning(record: WorkshopRecord, bank_version: str) -> str | None:
    """The warning for a record made with another version of the bank (not an error: the
    principles it names were checked against this one)."""
    if record.questionnaire_version == bank_version:
        return None
    return f"answers version {record.questionnaire_version} of the bank; this is {bank_version}"


def label_warning(record: WorkshopRecord, earlier_labels: Sequence[str]) -> str | None:
    """The warning for this round's record labelled as an earlier round is: most likely that
    round's workshop file given as this round's, and the trends would show two rounds alike."""
    if record.round_label not in earlier_labels:
        return None
    return (
        f"its round is labelled {record.round_label!r}, as an earlier round is: the trends would "
        "show two rounds of that name (is this the workshop file of this round?)"
    )


def record_json(record: WorkshopRecord) -> dict[str, Any]:
    """The record as the page writes it: keys in the format's order, optional keys always."""
    return {
        "format": WORKSHOP_FORMAT,
        "questionnaire": {"id": record.questionnaire_id, "version": record.questionnaire_version},
        "round": {"label": record.round_label, "date": record.round_date.isoformat()},
        "organisations": list(record.organisations),
        "principles": [
            {
                "id": p.id,
                "agreed_level": p.agreed_level,
                "note": p.note,
                "actions": [_action_json(a) for a in p.actions],
            }
            for p in record.principles
        ],
    }


def _action_json(action: Action) -> dict[str, Any]:
    owner = {"organisation": action.owner.organisation, "role": action.owner.role}
    return {
        "id": action.id,
        "text": action.text,
        "owner": {key: value for key, value in owner.items() if value is not None},
        "due": action.due.isoformat() if action.due is not None else None,
        "status": action.status,
        "update": action.update,
    }


def workshop_schema() -> dict[str, Any]:
    """The file's JSON Schema (core/workshop_schema.py), for `bank schema --workshop`."""
    from selfassess.core.workshop_schema import workshop_schema as schema

    return schema()
