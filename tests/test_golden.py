"""The golden outputs under tests/golden/ are what the tool renders today.

A failure shows the first lines of a unified diff: if the change is intended, `make golden`
rewrites the files and the review diff shows a reader's view of it. The outputs are rendered
once for the module (the PDF is the slow part) and shared by the three comparisons.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from golden.regenerate import GOLDEN, NAMES, ROOT, normalised_html, render_outputs

from selfassess import __version__

MAX_DIFF_LINES = 60


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_outputs(tmp_path_factory.mktemp("golden"))


def short_diff(expected: str, actual: str, name: str) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"tests/golden/{name}", "rendered now",
            lineterm="",
        )
    )  # fmt: skip
    more = (
        f"\n... and {len(lines) - MAX_DIFF_LINES} more diff lines"
        if len(lines) > MAX_DIFF_LINES
        else ""
    )
    return "\n".join(lines[:MAX_DIFF_LINES]) + more


@pytest.mark.parametrize("name", NAMES)
def test_rendered_output_matches_its_golden_file(rendered: dict[str, str], name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    if rendered[name] != expected:  # pytest.fail: one short diff, not pytest's long repr
        pytest.fail(
            f"{name} differs from the golden file:\n{short_diff(expected, rendered[name], name)}\n"
            "run `make golden` if this change is intended, and review the diff",
            pytrace=False,
        )


@pytest.mark.parametrize(
    ("name", "placeholder"), [("scorecard.html", "DATE"), ("form.html", "VERSION")]
)
def test_golden_html_carries_no_date_version_or_folder_of_a_run(
    name: str, placeholder: str
) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    assert placeholder in text
    assert f"selfassess {__version__}" not in text
    assert "/tmp/" not in text and str(ROOT) not in text


def test_normalising_puts_one_tag_or_text_per_line_and_keeps_figures() -> None:
    html = (
        '<p class="x">Score <strong>49</strong> on 3 March 2026</p>'
        '<script>const a = "<b>";</script><style>a{color:red;b:c}</style>'
    )
    lines = normalised_html(html, date(2026, 3, 3), Path("/nowhere")).splitlines()
    assert lines[:6] == ['<p class="x">', "Score", "<strong>", "49", "</strong>", "on DATE"]
    assert '"<b>"' not in "\n".join(lines)
    assert lines[-5:] == ["<style>", "a{", "color:red;", "b:c}", "</style>"]
