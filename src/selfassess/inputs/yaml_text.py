"""YAML from untrusted text, with the line of every key and value: one grammar whatever parser
runs (LibYAML is only the fast path; the pure-Python parser decides where they differ), a key
given twice refused, alias expansion bounded, lone surrogates refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from selfassess.core.errors import SelfassessError, format_location
from selfassess.inputs.files import read_text_file
from selfassess.inputs.json_text import SURROGATE, lone_surrogate_at, printable

MAX_BANK_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # far beyond any real bank; stops alias bombs before validation
# Aliases may not make a document's text longer than a file may be: the bound every command
# shares (validate refuses what build would choke on), and no bank without aliases meets it.
MAX_EXPANDED_CHARS = MAX_BANK_BYTES
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # LibYAML, where PyYAML was built with it
Loc = tuple[str | int, ...]


# ---------------------------------------------------------------- YAML with line numbers


class LineMap:
    """Line numbers (1-based) of every node of a YAML document, keyed by its path."""

    def __init__(self) -> None:
        self.lines: dict[Loc, int] = {}
        self.key_lines: dict[Loc, int] = {}
        self.expanded_chars = 0  # text of every value, an alias's counted each time it is used

    def record(self, node: yaml.Node, loc: Loc = (), seen: frozenset[int] = frozenset()) -> None:
        self.lines[loc] = node.start_mark.line + 1
        if id(node) in seen:
            raise ValueError("a YAML alias refers to itself")
        if len(self.lines) > MAX_NODES:
            raise ValueError(
                f"the document expands to more than {MAX_NODES:,} values (YAML aliases?)"
            )
        if isinstance(node, yaml.ScalarNode):
            self.expanded_chars += len(node.value)
            if self.expanded_chars > MAX_EXPANDED_CHARS:
                raise ValueError(
                    f"the document expands to more than {MAX_EXPANDED_CHARS / 1e6:.0f} MB of "
                    "text, the most a file may hold (YAML aliases?)"
                )
        seen = seen | {id(node)}
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                self.key_lines[(*loc, key)] = key_node.start_mark.line + 1
                self.record(value_node, (*loc, key), seen)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.record(item, (*loc, i), seen)

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc` (its key's line, if it has one), or of its nearest ancestor."""
        while loc:
            if loc in self.key_lines:
                return self.key_lines[loc]
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


# One grammar: the pure-Python parser decides what a bank may say; LibYAML only makes reading
# faster. The two differ on plain (unquoted) text inside {...} or [...]: LibYAML reads
# `{text: Do partners agree?, weight: 1}` and the pure parser refuses the `?`. Such text sends
# the document to the pure parser, so the same bank gets the same answer wherever it is checked.
_FLOW_PLAIN_DIFFERS = frozenset("?:,[]{}#")
_FLOW_HINT = (
    "; inside {...} or [...], text with a comma or a ? must be in quotes: "
    'text: "Do partners agree, and how?"'
)


COMMA_HINT = (
    "; if it is part of a text, a comma inside {...} ended that text: put the text in quotes"
)


def _grammars_may_differ(text: str) -> bool:
    """Whether LibYAML's tokens show plain text in a flow collection holding a character the
    two parsers treat differently (a false alarm only costs the slower parse)."""
    assert _FAST_LOADER is not None
    scanner = _FAST_LOADER(text)
    depth = 0
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken):
                depth += 1
            elif isinstance(token, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken):
                depth -= 1
            elif (
                depth
                and isinstance(token, yaml.ScalarToken)
                and token.plain
                and not _FLOW_PLAIN_DIFFERS.isdisjoint(token.value)
            ):
                return True
    finally:
        scanner.dispose()
    return False


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _refuse_duplicate_keys_in(node: yaml.Node, file: str) -> None:
    """A key given twice in one mapping, before YAML keeps the last silently (as answer files
    refuse it in JSON). A merge key (`<<: *defaults`) may be overridden: that is what it is for.
    Each node is visited once, so aliases cost nothing here."""
    seen: set[int] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in current.value:
                pending += [key, value]
                if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
                    continue
                line = key.start_mark.line + 1
                earlier = first.get((key.tag, key.value))
                first.setdefault((key.tag, key.value), line)
                if earlier is not None:
                    raise SelfassessError.at(
                        file,
                        f"the key {printable(key.value)!r} appears twice in one mapping "
                        f"(first at line {earlier}); YAML would keep only the last",
                        line,
                    )
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value


def _compose_fast(text: str) -> tuple[yaml.Node, Any] | None:
    """The document's node tree and data through LibYAML (ten times faster), or None when it
    is not there, finds anything wrong, or reads text the pure-Python parser may read
    otherwise: the pure-Python parser then decides, and says what is wrong and where."""
    if _FAST_LOADER is None:
        return None
    try:
        yaml.reader.Reader(text)  # the pure-Python reader's refusal of control characters
        if _grammars_may_differ(text):
            return None
        loader = _FAST_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _refuse_duplicate_keys_in(node, "")
            return node, loader.construct_document(node)
        finally:
            loader.dispose()
    except Exception:  # any failure at all: the careful parser below reports it
        return None


def parse_yaml(text: str, file: str) -> tuple[Any, LineMap]:
    data, lines = _parse_yaml_unchecked(text, file)
    where = lone_surrogate_at(data)
    if where is not None:
        shown = format_location([printable(part) for part in where])
        raise SelfassessError.at(file, SURROGATE, lines.line_of(where), shown)
    return data, lines


def _parse_yaml_unchecked(text: str, file: str) -> tuple[Any, LineMap]:
    fast = _compose_fast(text)
    if fast is not None:
        return fast[1], _line_map(fast[0], file)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        raise SelfassessError.at(file, f"malformed YAML: {getattr(exc, 'reason', exc)}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise SelfassessError.at(file, "is empty")
        _refuse_duplicate_keys_in(node, file)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "malformed YAML"
        if (exc.context or "").startswith("while parsing a flow"):
            problem += _FLOW_HINT
        raise SelfassessError.at(file, f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise SelfassessError.at(file, f"malformed YAML: {exc}") from None
    except RecursionError:
        raise SelfassessError.at(file, "malformed YAML: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a value's constructor: int(), date(), ...
        reason = "a number too long to read" if "digits" in str(exc) else str(exc)
        raise SelfassessError.at(file, f"malformed YAML: {reason}") from None
    finally:
        loader.dispose()
    return data, _line_map(node, file)


def _line_map(node: yaml.Node, file: str) -> LineMap:
    lines = LineMap()
    try:
        lines.record(node)
    except RecursionError:
        raise SelfassessError.at(file, "malformed YAML: nested too deeply") from None
    except ValueError as exc:  # aliases that loop or expand beyond the bounds above
        raise SelfassessError.at(file, str(exc)) from None
    return lines


def parse_yaml_mapping(path: Path, what: str) -> tuple[dict[str, Any], LineMap]:
    """A small YAML file that must hold a mapping (theme.yaml and the like), with its lines."""
    data, lines = parse_yaml(read_text_file(path, what, MAX_BANK_BYTES), str(path))
    if not isinstance(data, dict):
        raise SelfassessError.at(path, f"expected a mapping of keys, found {yaml_type(data)}", 1)
    return data, lines


def yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    return repr(value)
