"""One near-miss hint and one pydantic-error mapper for every input: the same mistake reads the
same way in a bank, an answer file and a theme.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from selfassess.inputs.messages import ModelOf, Rewrite, did_you_mean, problems_from_validation
from selfassess.inputs.yaml_text import parse_yaml


@pytest.mark.parametrize(
    ("word", "otherwise", "expected"),
    [
        ("colour", "", "; did you mean 'colours'?"),
        ("zzz", "", ""),
        ("zzz", "known", " (known: colours, fonts)"),
        ("fnots", "bundled", "; did you mean 'fonts'?"),
    ],
)
def test_did_you_mean_names_a_near_miss_or_the_list(
    word: str, otherwise: str, expected: str
) -> None:
    assert did_you_mean(word, ["colours", "fonts"], otherwise=otherwise) == expected


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    size: int = 1


def problems_for(
    text: str, model_of: ModelOf | None = None, rewrite: Rewrite | None = None
) -> list[str]:
    data, lines = parse_yaml(text, "f.yaml")
    with pytest.raises(ValidationError) as caught:
        Settings.model_validate(data)
    found = problems_from_validation(
        caught.value, "f.yaml", lines, model_of=model_of or (lambda parent: None), rewrite=rewrite
    )
    return [str(p) for p in found]


def test_an_unknown_key_is_located_with_its_near_miss() -> None:
    problems = problems_for("name: a\nsiez: 2\n", model_of=lambda parent: Settings)
    assert problems == ["f.yaml:2: unknown key 'siez'; did you mean 'size'? (at siez)"]


def test_an_unknown_key_far_from_any_lists_the_allowed_keys() -> None:
    problems = problems_for("name: a\ncolour: 2\n", model_of=lambda parent: Settings)
    assert problems == ["f.yaml:2: unknown key 'colour' (allowed: name, size) (at colour)"]


def test_a_wrong_type_says_what_was_expected_and_found() -> None:
    assert problems_for("name: a\nsize: big\n") == [
        "f.yaml:2: must be a valid integer, unable to parse string as an integer, found 'big' (at size)"
    ]


def test_a_missing_key_is_named() -> None:
    assert problems_for("size: 2\n") == ["f.yaml:1: missing required key 'name' (at name)"]


def test_a_rewrite_gives_one_kind_of_error_words_of_its_own() -> None:
    def words(error: Mapping[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
        return ("size",), "a size is a whole number"

    assert problems_for("name: a\nsize: big\n", rewrite=words) == [
        "f.yaml:2: a size is a whole number (at size)"
    ]


def test_without_a_line_map_a_problem_has_its_path_only() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings.model_validate({"size": 2})
    problems = problems_from_validation(caught.value, "r.json")
    assert [str(p) for p in problems] == ["r.json: missing required key 'name' (at name)"]
