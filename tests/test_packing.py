"""packing.py: theme CSS and JavaScript lose comments and spare whitespace, and nothing else.

Besides the table of tricky cases, the bundled scripts are packed and run through their own node
test suites, so the packed code that pages carry is the code that is tested.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_scoring_js import random_cases, run_node_tests, vector_cases

from selfassess.pages.packing import pack_lines, pack_script, pack_style
from selfassess.pages.themes import load_theme

ROOT = Path(__file__).parent.parent
WEB = ROOT / "src" / "selfassess" / "web"

SCRIPT_CASES = {
    "comments go, strings stay": (
        '/* about\n   this */\nfunction f() {\n  // why\n  return "a // b /* c */"; /* x */\n}\n',
        'function f(){return"a // b /* c */";}',
    ),
    "a line break that ends a statement stays": ("const a = {}\nfoo()\n", "const a={}\nfoo()"),
    "return on its own line stays apart": ("return\nx\n", "return\nx"),
    "a break inside an expression goes": ("f(a,\n  b)\n", "f(a,b)"),
    "minus minus and plus plus do not fuse": ("a - -b; c + +d; e++ + f\n", "a- -b;c+ +d;e++ +f"),
    "words keep one space": ("const  x = typeof  y\n", "const x=typeof y"),
    "a regular expression is copied as it is": (
        'x = s.replace(/[\\u0300-\\u036f/ ]+/g, " ") // strip\n',
        'x=s.replace(/[\\u0300-\\u036f/ ]+/g," ")',
    ),
    "a regular expression after return": ("return /a b/.test(s)\n", "return/a b/.test(s)"),
    "division is not a regular expression": ("y = (a + b) / 2 / c\n", "y=(a+b)/2/c"),
    "a template literal keeps its lines and spaces": (
        "t = `a  b\n  ${ x + `in ${ y }` }  c`\n",
        "t=`a  b\n  ${x+`in ${y}`}  c`",
    ),
    "a template literal with an object inside": ("t = `${ f({ a: 1 }) } z`\n", "t=`${f({a:1})} z`"),
    "a number before a dot keeps its space": ("n = 1 .toString()\n", "n=1 .toString()"),
    "optional chaining is not a conditional": ("v = a ? .5 : 1\n", "v=a? .5:1"),
}


@pytest.mark.parametrize("source,packed", SCRIPT_CASES.values(), ids=list(SCRIPT_CASES))
def test_pack_script_drops_only_comments_and_spare_whitespace(source: str, packed: str) -> None:
    assert pack_script(source) == packed


def test_a_script_the_tokenizer_cannot_follow_falls_back_to_line_packing() -> None:
    source = "// note\nconst s = 'unterminated\n  x = 1\n"
    assert pack_script(source) == pack_lines(source) == "const s = 'unterminated\nx = 1"


STYLE_CASES = {
    "comments and indentation go": (
        "/* a */\na {\n  color: red;\n  margin: 0 auto;\n}\n",
        "a{color:red;margin:0 auto}",
    ),
    "a descendant pseudo-class keeps its space": ("a :focus , b>c { x: y }", "a :focus,b>c{x:y}"),
    "strings are copied as they are": (
        'a::after { content: "  /* not */ ; " }',
        'a::after{content:"  /* not */ ; "}',
    ),
    "media queries keep the space before a bracket": (
        "@media screen and (max-width: 30em) { a { b: c } }",
        "@media screen and (max-width:30em){a{b:c}}",
    ),
}


@pytest.mark.parametrize("source,packed", STYLE_CASES.values(), ids=list(STYLE_CASES))
def test_pack_style_drops_only_comments_and_spare_whitespace(source: str, packed: str) -> None:
    assert pack_style(source) == packed


def test_line_packing_drops_comment_lines_and_indentation() -> None:
    source = '/* about\n   this */\nfunction f() {\n  // why\n  return "a // b"; /* kept */\n}\n'
    assert pack_lines(source) == 'function f() {\nreturn "a // b"; /* kept */\n}'
    assert pack_lines("a{b:c}\n/* x */\n//d{e:f}\n", line_comments=False) == "a{b:c}\n//d{e:f}"


def test_every_bundled_script_packs_smaller_with_its_tokens_intact() -> None:
    theme_js = load_theme().find_file("js/form.js").parent
    for path in sorted([*WEB.glob("*.js"), *theme_js.glob("*.js")]):
        source = path.read_text(encoding="utf-8")
        packed = pack_script(source)
        assert packed != pack_lines(source), f"{path.name} fell back to line packing"
        assert len(packed) < 0.95 * len(pack_lines(source)), path.name


def test_the_packed_scripts_pass_their_own_node_tests(tmp_path: Path) -> None:
    """Run tests/js/*.test.js (and the shared vectors) against packed copies of the scripts."""
    packed_js = tmp_path / "src" / "selfassess" / "web"
    packed_js.mkdir(parents=True)
    for path in WEB.glob("*.js"):
        (packed_js / path.name).write_text(pack_script(path.read_text("utf-8")), "utf-8")
    shutil.copytree(ROOT / "tests" / "js", tmp_path / "tests" / "js")
    (tmp_path / "tests" / "vectors").mkdir()
    for table in (ROOT / "tests" / "vectors").glob("*.json"):  # the node tests' shared tables
        shutil.copy(table, tmp_path / "tests" / "vectors" / table.name)
    shutil.copy(ROOT / "tests" / "trends_js_cases.py", tmp_path / "tests")  # trends.test.js's cases
    for folder in ("charts", "privacy", "trends", "workshop"):  # the node tests' vector folders
        shutil.copytree(
            ROOT / "tests" / "vectors" / folder, tmp_path / "tests" / "vectors" / folder
        )
    run_node_tests(tmp_path / "tests" / "js", vector_cases() + random_cases(20), tmp_path)
