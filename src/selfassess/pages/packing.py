"""Theme CSS and JavaScript made small for inlining in a page: comments and spare whitespace out.

The theme files keep their explanations; a page carries only what runs. This is not a minifier:
no token is renamed, reordered or rewritten. Each packer reads the source as tokens (strings,
template literals and regular expressions are copied exactly) and only drops comments and the
whitespace between tokens that changes nothing. Line breaks that automatic semicolon insertion
may depend on are kept. JavaScript the tokenizer cannot follow (an unterminated string, say)
falls back to the cautious line-by-line packing, so a user's theme is never refused for it.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z0-9_$\\\u0080-\uffff]")
# After these, a `/` starts a regular expression; after anything else it divides.
_REGEX_AFTER = frozenset("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORDS = frozenset(
    {"return", "typeof", "case", "do", "else", "in", "of", "void", "throw", "new", "delete"}
    | {"instanceof", "yield", "await"}
)
# A line break after one of these, or before one of those, never ends a statement.
_JOINS_NEXT_LINE = frozenset("{;,([=:?&|*<>!")
_JOINS_PREVIOUS_LINE = frozenset("})],;.?:&|=")
# Pairs that would fuse into another token (`a - -b`, `a / /re/`, `a-- >b`, `a ? .5 : 1`) if joined.
_FUSING = frozenset({"++", "+-", "-+", "--", "//", "/+", "/-", "+/", "-/", "->", "<!", "/*", "*/"})
_FUSING |= {"&&", "||", "==", "=>", "??", "**", "?."}


def _fuses(a: str, b: str) -> bool:
    """Whether two characters, written side by side, would read as another token."""
    pair = a + b
    return bool(_WORD.match(a) and _WORD.match(b)) or pair in _FUSING or (a.isdigit() and b == ".")


class _Unfollowable(ValueError):
    """Source the tokenizer cannot follow; the caller falls back to line packing."""


@functools.lru_cache(maxsize=32)
def pack_script(source: str) -> str:
    """JavaScript without comments and spare whitespace; same tokens, same line-break semantics.

    Packed once per process for each distinct source: every page of a site carries the same
    scripts, and packing them again for each page was a third of `build`'s time."""
    try:
        return _pack_script_tokens(source)
    except (_Unfollowable, IndexError):
        return pack_lines(source)


def pack_style(source: str) -> str:
    """CSS without comments, indentation and the whitespace around `{ } ; ,` and after `:`."""
    out: list[str] = []
    i, n = 0, len(source)
    space = False
    while i < n:
        c = source[i]
        if c in " \t\r\n\f":
            space = True
            i += 1
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = n if end == -1 else end + 2
            space = True
        else:
            if c in "'\"":
                end = _string_end(source, i)
                token = source[i:end]
            else:
                end = i + 1
                token = c
            # A space after `:` never matters: a pseudo-class follows its colon directly.
            if out and space and out[-1][-1] not in "{};,:" and token not in "{};,":
                out.append(" ")
            if token == "}" and out and out[-1] == ";":
                out.pop()
            out.append(token)
            space = False
            i = end
    return "".join(out)


def pack_lines(text: str, *, line_comments: bool = True) -> str:
    """The cautious packing: drop whole comment lines, blank lines and indentation only.

    Safe for any script without a multi-line template literal, and for CSS with
    `line_comments=False`, as `//` means nothing there.
    """
    kept = []
    in_comment = False
    for raw in text.splitlines():
        line = raw.strip()
        if in_comment:
            if "*/" in line:
                in_comment = False
                line = line.split("*/", 1)[1].strip()
                if line:
                    kept.append(line)
            continue
        if not line or (line_comments and line.startswith("//")):
            continue
        if line.startswith("/*"):
            end = line.find("*/", 2)
            if end == -1:
                in_comment = True
                continue
            line = line[end + 2 :].strip()
            if not line:
                continue
        kept.append(line)
    return "\n".join(kept)


def _string_end(source: str, start: int) -> int:
    """Index just past the quoted string that starts at `start`."""
    quote = source[start]
    i = start + 1
    while source[i] != quote:
        if source[i] == "\\":
            i += 1
        elif source[i] == "\n":
            raise _Unfollowable("line break inside a string")
        i += 1
    return i + 1


def _template_end(source: str, start: int) -> tuple[int, bool]:
    """Index past a template literal's text from `start` (after "`" or "}"), and whether it
    stopped at a `${` substitution rather than at the closing backquote."""
    i = start
    while True:
        c = source[i]
        if c == "\\":
            i += 2
        elif c == "`":
            return i + 1, False
        elif source.startswith("${", i):
            return i + 2, True
        else:
            i += 1


def _regex_end(source: str, start: int) -> int:
    """Index past the regular expression literal (and its flags) that starts at `start`."""
    i = start + 1
    in_class = False
    while True:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            raise _Unfollowable("line break inside a regular expression")
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            break
        i += 1
    i += 1
    while i < len(source) and _WORD.match(source[i]):
        i += 1
    return i


def _pack_script_tokens(source: str) -> str:
    out: list[str] = []
    previous = ""  # the last token, to tell a regular expression from a division
    gap = ""  # "", " " or "\n": the whitespace seen since the last token
    substitutions: list[int] = []  # brace depth at each open `${` of a template literal
    depth = 0
    i, n = 0, len(source)

    def emit(token: str) -> None:
        nonlocal gap, previous
        if gap and out:
            a, b = out[-1][-1], token[0]
            if gap == "\n" and a not in _JOINS_NEXT_LINE and b not in _JOINS_PREVIOUS_LINE:
                out.append("\n")
            elif _fuses(a, b):
                out.append(" ")
        out.append(token)
        previous = token
        gap = ""

    while i < n:
        c = source[i]
        if c in " \t\r\n\f\v\ufeff\u00a0":
            gap = "\n" if c == "\n" or gap == "\n" else " "
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end == -1 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end == -1:
                raise _Unfollowable("unterminated comment")
            gap = "\n" if "\n" in source[i:end] or gap == "\n" else " "
            i = end + 2
        elif c in "'\"":
            end = _string_end(source, i)
            emit(source[i:end])
            i = end
        elif c == "`" or (c == "}" and substitutions and substitutions[-1] == depth):
            if c == "}":
                substitutions.pop()
            end, opened = _template_end(source, i + 1)
            if opened:
                substitutions.append(depth)
            emit(source[i:end])
            i = end
        elif c == "/" and (
            not previous or previous[-1] in _REGEX_AFTER or previous in _REGEX_KEYWORDS
        ):
            end = _regex_end(source, i)
            emit(source[i:end])
            i = end
        elif _WORD.match(c):
            end = i + 1
            while end < n and _WORD.match(source[end]):
                end += 1
            emit(source[i:end])
            i = end
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            emit(c)
            i += 1
    if substitutions:
        raise _Unfollowable("unterminated template literal")
    return "".join(out)
