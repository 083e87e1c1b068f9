"""The layout rules of CONTRIBUTING.md as tests: a pure core, imports one way, short code.

Design note. Every rule walks the package (no list of files), so a module added or split later is
checked without touching this file; the one table to extend is `LAYERS` when a new sub-package
appears (an unknown one fails, so it cannot slip past). The checks read source with `ast` (and,
for JavaScript, a small tokenizer), never import it: they are fast and see code that never runs.

Choices, so they are not re-argued in review:
- Purity allows the standard library's modules that only compute (`PURE_STDLIB`) and pydantic.
  `hashlib` computes a digest of bytes handed in; `json` turns text into data (reading a file
  needs `open`, which is refused on its own); `gettext` is allowed for `NullTranslations` and
  its kind, but not its functions that find and read catalogues on disk; `datetime` for dates
  passed in, not `now()`/`today()`; `pathlib` only for its pure classes (`PurePath`...), which do
  no I/O. Imports under `if TYPE_CHECKING:` count like any other: a dependency in a type is
  still a dependency. Babel is not allowed: it reads its locale data from disk; dates are
  formatted by the stage that loads catalogues.
- A Python function's length runs from its `def` line to its last line (decorators left out:
  click's option declarations are not logic; the docstring and comments count, as in ESLint's
  `max-lines-per-function`, whose IIFE exemption we also follow for the JS module wrappers).
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "selfassess"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80

# Which groups each group may import. `selfassess/__init__.py` counts as core (it holds the
# version); other top-level modules (`__main__.py`) count as cli. `web` (the computing
# JavaScript) and `locales` (catalogues) hold data, no Python code to speak of.
_DATA = frozenset({"web", "locales"})
_ALL_BUT_CLI = frozenset({"core", "inputs", "pages", "scorecard", "report"}) | _DATA
LAYERS: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "web": frozenset({"web"}),
    "locales": frozenset({"locales"}),
    "inputs": frozenset({"core", "inputs"}),
    "pages": frozenset({"core", "inputs", "pages"}) | _DATA,
    "scorecard": frozenset({"core", "inputs", "pages", "scorecard"}) | _DATA,
    "report": _ALL_BUT_CLI,
    "cli": _ALL_BUT_CLI | {"cli"},
}

PURE_STDLIB = frozenset(
    {
        "__future__", "abc", "bisect", "collections", "contextlib", "contextvars", "copy",
        "dataclasses", "datetime", "decimal", "difflib", "enum", "fractions", "functools",
        "gettext", "hashlib", "heapq", "html", "itertools", "json", "keyword", "math", "numbers",
        "operator", "pathlib", "re", "statistics", "string", "textwrap", "types", "typing",
        "unicodedata",
    }
)  # fmt: skip
PURE_THIRD_PARTY = frozenset({"pydantic", "pydantic_core", "annotated_types"})
# Names that do I/O, read the clock or draw randomness although their module is allowed.
IMPURE_NAMES: dict[str, frozenset[str]] = {
    "datetime": frozenset({"now", "today", "utcnow"}),
    "gettext": frozenset({"translation", "find", "install", "bindtextdomain", "textdomain"}),
    "pathlib": frozenset({"Path", "PosixPath", "WindowsPath"}),
}
IMPURE_BUILTINS = frozenset({"open", "print", "input", "exec", "eval", "compile", "__import__"})
PASSED_BUILTINS = frozenset({"open", "__import__"})  # refused even when handed on, not called


@dataclass(frozen=True)
class Finding:
    """One broken rule, located for the message."""

    where: str  # path relative to the repository, and line
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def python_modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def group_of(module: str) -> str:
    """The layer a selfassess module belongs to ("core", "inputs", ..., "cli")."""
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    if len(parts) > 2 or (SRC / parts[1]).is_dir():
        return parts[1]
    return "cli"


def located(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}"


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every module an import names, made absolute; `from pkg import sub` yields `pkg.sub` too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                package = package if is_package else package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            yield node.lineno, base
            if base == "selfassess":  # `from selfassess import core`: the sub-package counts
                for alias in node.names:
                    if _is_submodule(alias.name):
                        yield node.lineno, f"{base}.{alias.name}"


def _is_submodule(name: str) -> bool:
    return (SRC / name).is_dir() or (SRC / f"{name}.py").is_file()


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def layering_findings(path: Path, tree: ast.AST) -> list[Finding]:
    """Imports of selfassess modules that run against the table."""
    module = module_name(path)
    group = group_of(module)
    if group not in LAYERS:
        return [Finding(located(path, 1), f"sub-package {group!r} is not in LAYERS")]
    found = []
    for line, target in imported_modules(tree, module, path.name == "__init__.py"):
        if target.split(".")[0] != "selfassess" or target == "selfassess":
            continue
        if group_of(target) not in LAYERS[group]:
            found.append(
                Finding(
                    located(path, line),
                    f"{group} may import only {sorted(LAYERS[group])}, not {target}",
                )
            )
    return found


def _allowed_outside(target: str) -> bool:
    top = target.split(".")[0]
    return top in PURE_STDLIB or top in PURE_THIRD_PARTY


def purity_findings(path: Path, tree: ast.AST) -> list[Finding]:
    """Imports outside core, the pure standard library and pydantic; I/O, clock, randomness."""
    module = module_name(path)
    found: list[Finding] = []
    bound: dict[str, str] = {}  # local name -> module it came from, for IMPURE_NAMES
    for line, target in imported_modules(tree, module, path.name == "__init__.py"):
        inside = target == "selfassess.core" or target.startswith("selfassess.core.")
        if not inside and not _allowed_outside(target):
            found.append(Finding(located(path, line), f"core imports {target}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound[alias.asname or alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            top = node.module.split(".")[0]
            for alias in node.names:
                bound[alias.asname or alias.name] = top
                if alias.name in IMPURE_NAMES.get(top, ()):
                    found.append(
                        Finding(located(path, node.lineno), f"core imports {top}.{alias.name}")
                    )
    calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    for node in ast.walk(tree):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Name) and called.id in IMPURE_BUILTINS:
            found.append(Finding(located(path, called.lineno), f"core calls {called.id}()"))
        elif isinstance(node, ast.Name) and node.id in PASSED_BUILTINS and id(node) not in calls:
            found.append(Finding(located(path, node.lineno), f"core uses {node.id}"))
        elif isinstance(node, ast.Attribute) and node.attr in IMPURE_NAMES.get(
            bound.get(_base_name(node), ""), ()
        ):
            found.append(Finding(located(path, node.lineno), f"core uses {ast.unparse(node)}"))
    return found


def _base_name(node: ast.expr) -> str:
    """`dt` for `dt.datetime.now`: the name an attribute chain starts from."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def python_function_findings(path: Path, tree: ast.AST) -> list[Finding]:
    """Functions and methods (nested ones too) longer than MAX_FUNCTION_LINES, def to end."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    Finding(
                        located(path, node.lineno),
                        f"function {node.name} is {length} lines (at most {MAX_FUNCTION_LINES})",
                    )
                )
    return found


# --- JavaScript: just enough of a tokenizer to match braces -------------------------------------

_JS_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<line_comment>//[^\n]*)|(?P<block_comment>/\*.*?\*/)
    |(?P<string>'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")
    |(?P<word>[A-Za-z_$][\w$]*)|(?P<number>\d[\w.]*)|(?P<arrow>=>)|(?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)
_REGEX_AFTER_WORDS = frozenset(
    [
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
        "yield",
        "await",
    ]
)
_NOT_FUNCTIONS = frozenset({"if", "for", "while", "switch", "catch", "with", "return"})


def _skip_regex(text: str, start: int) -> int:
    """The index just after the regex literal starting with the `/` at `start`."""
    i, in_class = start + 1, False
    while i < len(text) and text[i] != "\n":
        char = text[i]
        if char == "\\":
            i += 1
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            i += 1
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
            return i
        i += 1
    raise ValueError(f"unterminated regex literal at offset {start}")


def _skip_template(text: str, start: int) -> tuple[int, bool]:
    """From inside a template literal: the index after its end (False) or after a `${` (True)."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "`":
            return i + 1, False
        if text.startswith("${", i):
            return i + 2, True
        i += 1
    raise ValueError(f"unterminated template literal at offset {start}")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int


def js_tokens(text: str) -> Iterator[Token]:
    """Words, `=>`, and punctuation with their lines; strings, comments, regexes and template
    text skipped (a `${` inside a template yields a `{` so braces still match)."""
    i, previous, templates = 0, None, [0]  # brace depth of each open template's `${`
    newlines = [m.start() for m in re.finditer("\n", text)]
    while i < len(text):
        line = bisect.bisect_left(newlines, i) + 1
        if text[i] == "`" or (text[i] == "}" and len(templates) > 1 and templates[-1] == 0):
            if text[i] == "}":
                templates.pop()
            i, opened = _skip_template(text, i + 1)
            if opened:
                templates.append(0)
            previous = Token("string", "`", line)
            continue
        if text[i] == "/" and not text.startswith(("//", "/*"), i) and _regex_can_start(previous):
            i = _skip_regex(text, i)
            previous = Token("string", "/regex/", line)
            continue
        match = _JS_TOKEN.match(text, i)
        assert match is not None and match.lastgroup is not None
        i = match.end()
        if match.lastgroup in ("space", "line_comment", "block_comment"):
            continue
        token = Token(match.lastgroup, match.group(), line)
        if token.text in ("{", "}") and len(templates) > 1:
            templates[-1] += 1 if token.text == "{" else -1
        previous = token
        yield token


def _regex_can_start(previous: Token | None) -> bool:
    if previous is None:
        return True
    if previous.kind in ("word",):
        return previous.text in _REGEX_AFTER_WORDS
    return previous.kind == "punct" and previous.text not in ")]}"


def js_functions(text: str) -> Iterator[tuple[str, int, int]]:
    """(name, first line, last line) of every function with a block body, IIFEs left out."""
    tokens = list(js_tokens(text))
    opens: list[int] = []  # indexes of open parens
    paren_of: dict[int, int] = {}  # index of `)` -> index of its `(`
    braces: list[tuple[str, int] | None] = []  # per open brace: (name, first line) if a body
    for index, token in enumerate(tokens):
        if token.text == "(":
            opens.append(index)
        elif token.text == ")" and opens:
            paren_of[index] = opens.pop()
        elif token.text == "{":
            braces.append(_function_start(tokens, index, paren_of))
        elif token.text == "}" and braces:
            body = braces.pop()
            if body is not None and not _is_iife(tokens, index):
                yield body[0], body[1], token.line


def _function_start(
    tokens: list[Token], brace: int, paren_of: dict[int, int]
) -> tuple[str, int] | None:
    before = tokens[brace - 1] if brace else None
    if before is None:
        return None
    if before.kind == "arrow":
        return "arrow function", before.line
    if before.text != ")" or brace - 1 not in paren_of:
        return None
    opener = paren_of[brace - 1]
    name = tokens[opener - 1] if opener else None
    if name is not None and name.text == "*" and tokens[opener - 2].text == "function":
        name = tokens[opener - 2]  # function* (...) {
    if name is None or name.kind != "word" or name.text in _NOT_FUNCTIONS:
        return None
    return ("anonymous function" if name.text == "function" else name.text), name.line


def _is_iife(tokens: list[Token], close: int) -> bool:
    """`(function () {...})(...)`, `(() => {...})()`, `function () {...}(...)` or `.call(...)`."""
    after = [t.text for t in tokens[close + 1 : close + 4]]
    if after[:1] == [")"]:
        after = after[1:]
    return after[:1] == ["("] or after[:2] in ([".", "call"], [".", "apply"])


def js_files() -> list[Path]:
    return sorted(SRC.rglob("*.js"))


def js_function_findings(path: Path) -> list[Finding]:
    found = []
    for name, first, last in js_functions(path.read_text(encoding="utf-8")):
        length = last - first + 1
        if length > MAX_FUNCTION_LINES:
            found.append(
                Finding(
                    located(path, first),
                    f"{name} is {length} lines (at most {MAX_FUNCTION_LINES})",
                )
            )
    return found


def report(findings: list[Finding]) -> str:
    return f"{len(findings)} finding(s):\n" + "\n".join(map(str, findings))


# --- the rules on the package -------------------------------------------------------------------


def test_core_imports_only_core_pure_stdlib_and_pydantic_and_does_no_io() -> None:
    findings = [
        f
        for path in python_modules()
        if group_of(module_name(path)) == "core" and module_name(path) != "selfassess"
        for f in purity_findings(path, parsed(path))
    ]
    assert not findings, report(findings)


def test_imports_run_one_way_from_core_to_cli() -> None:
    findings = [f for path in python_modules() for f in layering_findings(path, parsed(path))]
    assert not findings, report(findings)


def test_no_module_is_over_400_lines() -> None:
    findings = [
        Finding(located(path, 1), f"{lines} lines (at most {MAX_MODULE_LINES})")
        for path in python_modules() + js_files()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not findings, report(findings)


def test_no_python_function_is_over_80_lines() -> None:
    findings = [
        f for path in python_modules() for f in python_function_findings(path, parsed(path))
    ]
    assert not findings, report(findings)


def test_no_javascript_function_is_over_80_lines() -> None:
    assert js_files(), "no JavaScript found under src/selfassess: is SRC right?"
    findings = [f for path in js_files() for f in js_function_findings(path)]
    assert not findings, report(findings)


# --- the checkers themselves can fail -----------------------------------------------------------

FAKE_CORE = SRC / "core" / "fake.py"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os", "core imports os"),
        ("from pathlib import Path", "core imports pathlib.Path"),
        ("from selfassess.pages import site", "core imports selfassess.pages"),
        ("from ..inputs import files", "core imports selfassess.inputs"),
        ("import jinja2", "core imports jinja2"),
        ("from datetime import date\nx = date.today()", "core uses date.today"),
        ("import datetime as dt\nx = dt.datetime.now()", "core uses dt.datetime.now"),
        ("x = open('f')", "core calls open()"),
        ("read = open", "core uses open"),
        ("print('hi')", "core calls print()"),
        ("import random", "core imports random"),
    ],
)
def test_purity_check_names_the_impure_import_or_call(source: str, expected: str) -> None:
    findings = purity_findings(FAKE_CORE, ast.parse(source))
    assert any(expected in str(f) for f in findings), findings


def test_purity_check_allows_pure_stdlib_pydantic_and_pure_paths() -> None:
    source = (
        "from __future__ import annotations\nimport math\nfrom pydantic import BaseModel\n"
        "from pathlib import PurePath\nfrom datetime import date\nx = date(2026, 1, 1)\n"
        "from . import model\nfrom selfassess.core.rounding import round_half_up\n"
    )
    assert purity_findings(FAKE_CORE, ast.parse(source)) == []


@pytest.mark.parametrize(
    ("module", "source", "allowed"),
    [
        ("inputs/x.py", "from selfassess.core import model", True),
        ("inputs/x.py", "from selfassess.pages import site", False),
        ("pages/x.py", "from ..scorecard import view", False),
        ("scorecard/x.py", "from selfassess.pages.themes import Theme", True),
        ("report/x.py", "from selfassess import cli", False),
        ("cli.py", "from selfassess.report.pipeline import write_report", True),
    ],
)
def test_layering_check_follows_the_table(module: str, source: str, allowed: bool) -> None:
    assert (layering_findings(SRC / module, ast.parse(source)) == []) is allowed


def test_layering_check_refuses_a_sub_package_missing_from_the_table() -> None:
    (finding,) = layering_findings(SRC / "plugins" / "x.py", ast.parse("import json"))
    assert "'plugins' is not in LAYERS" in str(finding)


def _long_js(opening: str, closing: str = "}", lines: int = MAX_FUNCTION_LINES) -> str:
    return opening + "\n" + "  x += 1;\n" * (lines - 1) + closing + "\n"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        (_long_js("function tooLong(a, b) {"), "tooLong"),
        (_long_js("const f = async (a) => {", "};"), "arrow function"),
        (_long_js("const g = function* (a) {", "};"), "anonymous function"),
        (_long_js("class A { method(a = g()) {", "} }"), "method"),
        (_long_js("const s = `${a}` + '{' + /[{]/.source; function braces() {"), "braces"),
        (_long_js("/* { */ // {\nfunction afterComments() {"), "afterComments"),
    ],
)
def test_js_scan_finds_every_kind_of_long_function(source: str, name: str) -> None:
    found = [(n, last - first + 1) for n, first, last in js_functions(source)]
    assert (name, MAX_FUNCTION_LINES + 1) in found, found


def test_js_scan_skips_module_wrappers_and_control_blocks() -> None:
    source = _long_js("(function (root) { if (root) {", "} })(this);", 200)
    assert list(js_functions(source)) == []


def test_js_scan_reads_template_literals_with_nested_braces() -> None:
    source = "function t() {\n  return `a ${ {b: 1}.b } ${`inner ${c}`} }`;\n}\nfunction u() {}\n"
    assert [(n, f, last) for n, f, last in js_functions(source)] == [("t", 1, 3), ("u", 4, 4)]


# --- CONTRIBUTING.md's map and table name files that exist --------------------------------------

_NAMED_FILE = re.compile(r"`([\w./*-]+\.(?:py|js|j2|md|pot|yaml|json|toml))`")
_SKIPPED_DIRS = frozenset({".git", ".venv", "node_modules", "site", "build", "dist"})


def _repository_files() -> set[Path]:
    return {
        path
        for path in ROOT.rglob("*")
        if path.is_file() and not _SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
    }


def _named_exists(name: str, files: set[Path]) -> bool:
    """A path from the root or from src/selfassess, a glob, or a bare name found anywhere."""
    for base in (ROOT, SRC):
        if any(path in files for path in base.glob(name)):
            return True
    return "/" not in name and any(path.name == name for path in files)


def test_contributing_names_only_files_that_exist() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    files = _repository_files()
    missing = sorted({n for n in _NAMED_FILE.findall(text) if not _named_exists(n, files)})
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"


def test_contributing_names_only_make_targets_that_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("$(VENV)", ".venv")
    targets = set(re.findall(r"^([\w./-]+):", makefile, re.MULTILINE))
    named = set(re.findall(r"`make ([\w./-]+)", (ROOT / "CONTRIBUTING.md").read_text("utf-8")))
    assert named and not named - targets, f"not in the Makefile: {sorted(named - targets)}"
