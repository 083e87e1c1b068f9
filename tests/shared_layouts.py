"""Scorecard layouts shared within a worker, and read-backs shared across a test run.

Laying out a scorecard is most of what `report` and `verify` cost, and most tests that verify a
scorecard lay out a page another test (or `report`, a moment before) already laid out: a
tampered PDF is checked against the scorecard rebuilt from its untouched inputs, which is the
genuine scorecard's page. Both steps depend on what they are given and the theme's files alone:

- `selfassess.report.pdf.lay_out(html, theme, variant)`: WeasyPrint's layout (its Document).
  The last few are kept in this worker's memory, so a `verify` that follows `report` in the
  same test writes its PDF from the layout `report` made.
- `selfassess.report.verify.rebuilt_pages(html, theme, variant)`: the rebuilt scorecard's
  headers and footers, properties and page texts, as `verify` reads them back. Kept in the
  run's temporary folder, which pytest-xdist's workers share (as tests/shared_scorecards.py
  shares scorecards), so each distinct page is read back once in the whole run.

Each key is the page's whole HTML, the variant and the bytes of every file in the theme's
folders: a different page, option or theme file is laid out anew. What is compared, and every
message, is the same as without sharing; tests/test_shared_layouts.py checks that a shared
answer is the one a fresh layout gives. tests/conftest.py loads this module as a plugin.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from shared_scorecards import locked, run_folder

import selfassess.report.pdf
import selfassess.report.verify
from selfassess.pages.themes import Theme

KEPT_LAYOUTS = 3  # a Document of the example scorecard holds tens of megabytes

Pages = tuple[list[str], dict[str, str], list[str]]


def layout_key(html: str, theme: Theme, variant: str) -> str:
    """What a layout depends on: the page, the variant, and every file its theme may pull in."""
    digest = hashlib.sha256()
    for part in (html, variant):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for folder in theme.folders():
        digest.update(str(folder.resolve()).encode() + b"\0")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class SharedLayouts:
    """`lay_out` kept in memory, `rebuilt_pages` kept on disk, for one test run; `fresh_...`
    are the functions themselves."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.documents: OrderedDict[str, Any] = OrderedDict()
        self.fresh_lay_out = selfassess.report.pdf.lay_out
        self.fresh_rebuilt_pages = selfassess.report.verify.rebuilt_pages

    def lay_out(self) -> Callable[..., Any]:
        fresh = self.fresh_lay_out

        def shared(html: str, theme: Theme, variant: str) -> Any:
            key = layout_key(html, theme, variant)
            if key in self.documents:
                self.documents.move_to_end(key)
                return self.documents[key]
            document = fresh(html, theme, variant)
            self.documents[key] = document
            while len(self.documents) > KEPT_LAYOUTS:
                self.documents.popitem(last=False)
            return document

        return shared

    def rebuilt_pages(self) -> Callable[..., Pages]:
        fresh = self.fresh_rebuilt_pages

        def shared(html: str, theme: Theme, variant: str) -> Pages:
            place = self.folder / f"pages-{layout_key(html, theme, variant)[:24]}.json"
            with locked(place.with_suffix(".lock")):
                if place.is_file():
                    furniture, info, pages = json.loads(place.read_text(encoding="utf-8"))
                    return furniture, info, pages
                made = fresh(html, theme, variant)  # an Unreadable PDF is not kept
                partial = place.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(json.dumps(made), encoding="utf-8")
                partial.replace(place)
                return made

        return shared


@pytest.fixture(scope="session", autouse=True)
def shared_layouts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedLayouts]:
    """Every test lays out and reads back through the run's shared layouts."""
    shared = SharedLayouts(run_folder(tmp_path_factory, "shared-layouts"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(selfassess.report.pdf, "lay_out", shared.lay_out())
        patch.setattr(selfassess.report.verify, "rebuilt_pages", shared.rebuilt_pages())
        yield shared
