"""The view dataclasses are the template context themes rely on: frozen, and each documented."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from selfassess.scorecard import views
from selfassess.scorecard.options import ScorecardOptions

VIEWS = [
    cls
    for _, cls in inspect.getmembers(views, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == views.__name__
]


def test_every_view_of_the_scorecard_is_listed() -> None:
    assert {cls.__name__ for cls in VIEWS} >= {"ScorecardView", "PrincipleSection", "MethodView"}


@pytest.mark.parametrize("cls", [*VIEWS, ScorecardOptions], ids=lambda cls: cls.__name__)
def test_a_view_cannot_be_changed_once_built(cls: type) -> None:
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", [*VIEWS, ScorecardOptions], ids=lambda cls: cls.__name__)
def test_a_view_says_what_it_is_for(cls: type) -> None:
    # A dataclass without a docstring gets its signature as one: "LevelRef(id: str, ...)".
    doc = cls.__doc__ or ""
    assert doc and not doc.startswith(f"{cls.__name__}("), cls.__name__
