"""A theme template cannot reach Python or the file system: each attempt is one line naming the
theme file and its line (test_themes.py holds `__init__.__globals__`, `__class__` and `os.popen`;
these are the remaining ways in)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_themes import build, make_theme, report

HOSTILE_TEMPLATES = {
    "__subclasses__": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        r"a theme may only lay out the page, not run code: access to attribute '__class__'",
    ),
    "__globals__ of a filter": (
        "{{ lipsum.__globals__['os'].listdir('/') }}",
        r"a theme may only lay out the page, not run code: access to attribute '__globals__'",
    ),
    "an absolute path": (
        '{% include "/etc/passwd" %}',
        r"includes '/etc/passwd', which is not in this theme or its parents",
    ),
    "a path out of the theme": (
        '{% include "../../../../../../etc/passwd" %}',
        r"includes '\.\./\.\./\.\./\.\./\.\./\.\./etc/passwd', which is not in this theme",
    ),
    "a parent's path out of the theme": (
        '{% include "!default/../theme.yaml" %}',
        r"includes '!default/\.\./theme\.yaml', which is not in this theme or its parents",
    ),
}


@pytest.mark.parametrize("command", ["build", "report"])
@pytest.mark.parametrize("case", list(HOSTILE_TEMPLATES))
def test_a_template_reaching_outside_the_sandbox_is_one_line_naming_its_file(
    tmp_path: Path, case: str, command: str
) -> None:
    source, expected = HOSTILE_TEMPLATES[case]
    partial = "partials/header.html.j2" if command == "build" else "scorecard/cover.html.j2"
    theme = make_theme(
        tmp_path / "evil",
        {"theme.yaml": "name: evil\n", f"templates/{partial}": f"<div>\n{source}\n"},
    )
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {theme}/templates/{partial}:2: "), result.output
    assert re.search(expected, result.output), result.output
    assert len(result.output.splitlines()) == 1, result.output
    assert "root:" not in result.output
