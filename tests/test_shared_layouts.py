"""The suite shares layouts (tests/shared_layouts.py): what a shared layout gives is what a
fresh one gives, and anything a layout depends on makes a new one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pdf_support import invoke
from shared_layouts import SharedLayouts, layout_key
from shared_scorecards import Scorecards

import selfassess.report.pdf
import selfassess.report.verify
from selfassess.pages.themes import load_theme


def test_verify_reads_back_from_a_shared_layout_what_a_fresh_layout_reads(
    scorecards: Scorecards, shared_layouts: SharedLayouts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example scorecard, verified twice (the second time from what the first kept),
    against a layout made from nothing shared and read back."""
    made = scorecards.example()
    asked: list[tuple[Any, ...]] = []
    shared = selfassess.report.verify.rebuilt_pages
    monkeypatch.setattr(
        selfassess.report.verify, "rebuilt_pages", lambda *a: asked.append(a) or shared(*a)
    )
    for _ in range(2):
        code, out, err = invoke("verify", str(made.pdf))
        assert code == 0, out + err
    assert len(asked) == 2 and asked[0] == asked[1]
    monkeypatch.setattr(selfassess.report.pdf, "lay_out", shared_layouts.fresh_lay_out)
    fresh = shared_layouts.fresh_rebuilt_pages(*asked[0])
    assert shared(*asked[0]) == fresh
    furniture, info, pages = fresh
    assert len(pages) > 1 and furniture and info


def test_a_layout_is_keyed_by_its_page_its_variant_and_every_file_of_its_theme(
    tmp_path: Path,
) -> None:
    bundled = load_theme("default")
    copy = tmp_path / "theme"
    shutil.copytree(bundled.folders()[0], copy)
    theme = load_theme(str(copy))
    key = layout_key("<p>page</p>", theme, "pdf/ua-1")
    assert layout_key("<p>page</p>", theme, "pdf/ua-1") == key
    assert layout_key("<p>page.</p>", theme, "pdf/ua-1") != key
    assert layout_key("<p>page</p>", theme, "pdf/a-3b") != key
    css = next(copy.rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: red }\n", encoding="utf-8")
    assert layout_key("<p>page</p>", theme, "pdf/ua-1") != key
