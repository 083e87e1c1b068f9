"""The bank format's JSON Schema with room for several languages: wherever a bank gives a text a
person reads, a bilingual bank gives a mapping of language tag -> text (core/bank_texts.py),
and an editor checking the bank against the schema must accept both.

The model describes one language (each bank is validated one language at a time), so the
schema pydantic derives from it says `string`; this adds the other form at every text slot.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

# The tables of which keys hold a text, shared with the reading of banks (one list of slots).
from selfassess.core.bank_texts import _TEXT_LISTS, _TEXT_MAPS, _TEXTS

# The model that each part of a bank is, by the key of the list that holds it ("" the bank).
_DEF_OF_PART: Mapping[str, str] = {
    "scale": "ScaleOption",
    "levels": "Level",
    "groups": "Group",
    "principles": "Principle",
    "questions": "Question",
    "background": "Question",
    "options": "Option",
}
_LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
TEXTS_BY_LANGUAGE: Mapping[str, Any] = {
    "type": "object",
    "description": "The text in each of the bank's languages (see languages), such as "
    "{en: Not yet, cy: Dim eto}.",
    "propertyNames": {"pattern": _LANGUAGE_TAG},
    "additionalProperties": {"type": "string", "minLength": 1},
    "minProperties": 1,
}


def with_texts_by_language(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the bank schema where every text slot also takes texts by language."""
    out = copy.deepcopy(dict(schema))
    defs = out.get("$defs", {})
    for part in {**_TEXTS, **_TEXT_LISTS, **_TEXT_MAPS}:
        model = out if part == "" else defs.get(_DEF_OF_PART.get(part, ""), {})
        properties = model.get("properties", {})
        for key in (*_TEXTS.get(part, ()), *_TEXT_LISTS.get(part, ()), *_TEXT_MAPS.get(part, ())):
            if key in properties:
                properties[key] = _either(properties[key])
    return out


def _either(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with each `string` in it (directly, in anyOf, as items or values) widened."""
    if schema.get("type") == "string":
        title = {"title": schema["title"]} if "title" in schema else {}
        text = {k: v for k, v in schema.items() if k != "title"}
        return {**title, "anyOf": [text, dict(TEXTS_BY_LANGUAGE)]}
    out = dict(schema)
    if isinstance(out.get("anyOf"), list):
        options: list[Any] = []
        for option in out["anyOf"]:  # a widened string joins the list, not nested in it
            widened = _either(option)
            options.extend(widened["anyOf"] if option.get("type") == "string" else [widened])
        out["anyOf"] = options
    for key in ("items", "additionalProperties"):
        if isinstance(out.get(key), dict):
            out[key] = _either(out[key])
    return out
