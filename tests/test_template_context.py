"""docs/template-context.md is what docs/template_context.py writes from today's view-model."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("template_context", DOCS / "template_context.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_template_context_page_is_current(generator: ModuleType) -> None:
    written = (DOCS / "template-context.md").read_text(encoding="utf-8")
    assert generator.template_context_page() == written, (
        "docs/template-context.md is out of date: run `make golden` and review the diff"
    )


def test_template_context_lists_every_field_of_every_reachable_view(generator: ModuleType) -> None:
    page = generator.template_context_page()
    classes = generator.reachable(generator.view_type())
    assert classes[0].__name__ == "ScorecardView" and len(classes) > 5
    for cls in classes:
        section = page.split(f"\n## {cls.__name__}\n", 1)[1].split("\n## ", 1)[0]
        for field in dataclasses.fields(cls):
            assert f"| `{field.name}` |" in section, f"{cls.__name__}.{field.name} not listed"


def test_a_dataclass_named_only_inside_a_generic_is_reached(generator: ModuleType) -> None:
    names = {cls.__name__ for cls in generator.reachable(generator.view_type())}
    assert {"PrincipleRow", "LevelRef"} <= names  # list[PrincipleRow], LevelRef | None
