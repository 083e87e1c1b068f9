"""The JSON Schema (draft 2020-12) of the workshop file, for `selfassess bank schema --workshop`.

Design: written out beside the format (core/workshop.py) from the same bounds, since the file is
not a pydantic model. A schema cannot know a bank, so what depends on one (a principle is the
bank's and scored, a level is the principle's, an action id is unique in the file, a date is a
real day) is said in descriptions and checked by `load_workshop`; tests check every example and
fixture against this schema with jsonschema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from selfassess.core.workshop import (
    MAX_ACTION_ID,
    MAX_ACTION_TEXT,
    MAX_ACTIONS,
    MAX_LABEL,
    MAX_NOTE,
    MAX_ORGANISATION,
    MAX_ORGANISATIONS,
    MAX_OWNER,
    MAX_UPDATE,
    STATUSES,
    WORKSHOP_FORMAT,
)


def _text(most: int | None = None, *, blank_ok: bool = False, doc: str = "") -> dict[str, Any]:
    """A text slot: at least one character (not only white space unless `blank_ok`)."""
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if not blank_ok:
        schema["pattern"] = r"[^\s\ufeff]"
    if most is not None:
        schema["maxLength"] = most
    return {**schema, "description": doc} if doc else schema


_DATE_SCHEMA = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}


def _object(properties: dict[str, Any], required: Sequence[str], doc: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def workshop_schema() -> dict[str, Any]:
    """The workshop file's format for editors and scripts (bank-specific rules in words)."""
    owner = _object(
        {
            "organisation": _text(MAX_OWNER, doc="The organisation that carries the action"),
            "role": _text(MAX_OWNER, doc="The role that carries it (e.g. Head of Insight)"),
        },
        [],
        "Who carries the action: an organisation, a role, or both",
    )
    owner["minProperties"] = 1
    action = _object(
        {
            "id": _text(MAX_ACTION_ID, blank_ok=True, doc="Unique in the whole file (e.g. A1)"),
            "text": _text(MAX_ACTION_TEXT, doc="What will be done"),
            "owner": owner,
            "due": {
                "anyOf": [_DATE_SCHEMA, {"type": "null"}],
                "description": "By when (YYYY-MM-DD, a real day), or null: not set yet",
            },
            "status": {"enum": list(STATUSES), "description": "How far it has gone"},
            "update": {"type": "string", "maxLength": MAX_UPDATE, "description": "The latest news"},
        },
        ["id", "text", "owner", "due", "status"],
        "One thing the partnership decided to do",
    )
    principle = _object(
        {
            "id": {"type": "string", "description": "A scored principle of the bank, at most once"},
            "agreed_level": {
                "type": ["string", "null"],
                "description": "A level id of that principle (its own levels where it has "
                "them, else the bank's), or null: the partners did not agree",
            },
            "note": {"type": "string", "maxLength": MAX_NOTE, "description": "What was said"},
            "actions": {"type": "array", "items": action, "maxItems": MAX_ACTIONS},
        },
        ["id", "agreed_level"],
        "What the partners agreed on one principle (principles not listed were not discussed)",
    )
    schema = _object(
        {
            "format": {"const": WORKSHOP_FORMAT},
            "questionnaire": _object(
                {"id": {"type": "string"}, "version": {"type": "string"}},
                ["id", "version"],
                "The bank the workshop discussed: its id, and the version the survey used",
            ),
            "round": _object(
                {
                    "label": _text(MAX_LABEL, doc="The round's name (e.g. November 2026)"),
                    "date": {**_DATE_SCHEMA, "description": "The workshop's day (YYYY-MM-DD)"},
                },
                ["label", "date"],
                "The round of the survey the workshop discussed",
            ),
            "organisations": {
                "type": "array",
                "description": "Who took part",
                "items": _text(MAX_ORGANISATION, blank_ok=True),
                "maxItems": MAX_ORGANISATIONS,
            },
            "principles": {"type": "array", "items": principle},
        },
        ["format", "questionnaire", "round", "principles"],
        "A partnership workshop's record: agreed levels, notes and actions by principle",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"selfassess workshop record ({WORKSHOP_FORMAT})",
        **schema,
    }
