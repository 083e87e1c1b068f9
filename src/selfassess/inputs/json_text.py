"""Answer files' JSON from untrusted bytes: one reader that refuses, in one located line, what
Python's json would keep silently or choke on (a key twice, a lone surrogate, an absurd or
infinite number, NaN, deep nesting). responses.js makes the same refusals in the same words.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from selfassess.core.errors import SelfassessError, format_location
from selfassess.inputs.files import decode_utf8

Loc = tuple[str | int, ...]

MAX_NUMBER_CHARS = 32  # "-1.2345678901234567e-308" fits; a 5,000-digit answer does not


class _JSONRefusal(ValueError):
    """What the JSON hooks below refuse; the message is the whole reason."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JSONRefusal(f"the key {shown_id(key)} appears twice in one object")
        result[key] = value
    return result


def _bounded_length(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise _JSONRefusal(
            f"a number {len(text):,} characters long ({text[:12]}...); "
            f"numbers may be at most {MAX_NUMBER_CHARS} characters"
        )


def _bounded_int(text: str) -> int:
    _bounded_length(text)
    return int(text)


def _bounded_float(text: str) -> float:
    _bounded_length(text)
    number = float(text)
    if number in (math.inf, -math.inf):
        raise _JSONRefusal(f"the number {text} is too large")
    return number


def _refuse_constant(name: str) -> Any:
    raise _JSONRefusal(f"not JSON: {name} is not a number JSON allows")


MAX_JSON_DEPTH = 100  # an answer file is three deep; the page script checks the same bound
_TOO_DEEP = f"refused: nested more than {MAX_JSON_DEPTH} levels deep"


def _too_deep(document: Any) -> bool:
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
    return False


def lone_surrogate_at(document: Any) -> Loc | None:
    """Where the first text (value or key, in document order) holds half of a UTF-16 pair:
    JSON's and YAML's "\\ud800" escapes make one, and no file, page or PDF can hold it."""
    stack: list[tuple[Any, Loc]] = [(document, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, str):
            if _has_surrogate(node):
                return loc
        elif isinstance(node, dict):
            for key, value in reversed(node.items()):
                stack.append((value, (*loc, key)))
                if isinstance(key, str) and _has_surrogate(key):
                    stack.append((key, loc))  # the key itself, before its value, at its mapping
        elif isinstance(node, list):
            stack.extend((value, (*loc, i)) for i, value in reversed(list(enumerate(node))))
    return None


SURROGATE = "text holds a lone UTF-16 surrogate (\\ud800-\\udfff escape)"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_json_document(data: bytes, file: str) -> Any:
    """A JSON document from untrusted bytes, or one located line saying why not: not UTF-8,
    malformed, nested too deeply, a key twice in one object (never keep the last silently),
    an absurdly long or infinite number, NaN, or a lone UTF-16 surrogate in any text."""
    text = decode_utf8(data, file)
    try:
        document = json.loads(
            text,
            object_pairs_hook=_refuse_duplicate_keys,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise SelfassessError.at(file, f"not JSON: {exc.msg}", exc.lineno) from None
    except _JSONRefusal as exc:
        reason = str(exc)
        raise SelfassessError.at(
            file, reason if reason.startswith("not JSON") else f"refused: {reason}"
        ) from None
    except RecursionError:
        raise SelfassessError.at(file, _TOO_DEEP) from None
    # Each walk runs only when the text could hold what it looks for: a file of ordinary answers
    # has a handful of brackets and no surrogate escape (UTF-8 text cannot hold one otherwise).
    brackets = text.count("{") + text.count("[")
    if brackets > MAX_JSON_DEPTH and _too_deep(document):
        raise SelfassessError.at(file, _TOO_DEEP)
    where = lone_surrogate_at(document) if _SURROGATE_ESCAPE.search(text) else None
    if where is not None:
        shown = where and format_location([printable(part) for part in where])
        raise SelfassessError.at(file, f"refused: {SURROGATE}", path=shown or "(the document)")
    return document


def printable(part: str | int) -> str | int:
    return part.encode("utf-8", "replace").decode() if isinstance(part, str) else part


def shown_id(text: str) -> str:
    """An id from an answer file, quoted and cut short enough for one line."""
    return repr(text if len(text) <= 60 else text[:57] + "...")
