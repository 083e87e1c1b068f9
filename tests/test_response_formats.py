"""Answer files are read through a registry of formats keyed by name: JSON and CSV are two
entries, and a third plugs in without touching responses.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.core.model import RESPONSE_FORMAT, Questionnaire
from selfassess.core.response_model import QuestionnaireRef, Respondent, Response, SourcedResponse
from selfassess.inputs.banks import parse_questionnaire
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.response_formats import (
    BY_CONTENT,
    RESPONSE_FORMATS,
    BankClue,
    ResponseFormat,
    format_for,
    known_suffixes,
)
from selfassess.inputs.response_json import NOT_AN_ANSWER_FILE
from selfassess.inputs.responses import bank_for_responses, load_responses


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.json", "JSON"), ("B.JSON", "JSON"), ("team.csv", "CSV"), ("Team.CSV", "CSV")],
)
def test_a_file_is_read_by_the_format_its_suffix_names(name: str, expected: str) -> None:
    assert format_for(name).name == expected


def test_a_file_of_no_registered_suffix_is_read_as_json_by_content() -> None:
    assert format_for("notes.txt") is BY_CONTENT
    assert known_suffixes() == (".json", ".csv")


def test_a_file_of_no_registered_suffix_keeps_todays_refusal(
    tmp_path: Path, starter_text: str
) -> None:
    bank = parse_questionnaire(starter_text, "bank.yaml")
    notes = tmp_path / "notes.txt"
    notes.write_text("organisation,ca-1\nA,3\n", encoding="utf-8")
    with pytest.raises(SelfassessError) as caught:
        load_responses([notes], bank)
    assert [str(p) for p in caught.value.problems] == [f"{notes}: {NOT_AN_ANSWER_FILE}"]


def _read_toy(
    data: bytes, file: str, bank: Questionnaire, warnings: list[str]
) -> list[SourcedResponse]:
    """A toy format: `organisation` on the first line, then `question=value` lines."""
    organisation, *lines = data.decode("utf-8").splitlines()
    answers: dict[str, float | None] = {}
    for line in lines:
        key, value = line.split("=")
        answers[key] = float(value)
    response = Response(
        format=RESPONSE_FORMAT,
        questionnaire=QuestionnaireRef(id=bank.id),
        respondent=Respondent(organisation=organisation),
        answers=answers,
    )
    return [SourcedResponse(source=file, response=response)]


def _toy_clue(data: bytes, file: str) -> BankClue:
    return BankClue(named="collaboration-pulse")


TOY = ResponseFormat("toy", (".toy",), _read_toy, _toy_clue)


def test_a_registered_format_is_read_through_the_same_entry_point(
    tmp_path: Path, starter_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(RESPONSE_FORMATS, TOY.name, TOY)
    bank = parse_questionnaire(starter_text, "bank.yaml")
    (tmp_path / "a.toy").write_text("Vale Trust\nca-1=4\nco-2=5\n", encoding="utf-8")
    (tmp_path / "ignored.txt").write_text("not answers", encoding="utf-8")
    paths = expand_input_paths([str(tmp_path)])  # a folder lists the new suffix too
    assert paths == [tmp_path / "a.toy"]
    loaded = load_responses(paths, bank)
    assert [r.source for r in loaded.responses] == [str(tmp_path / "a.toy")]
    assert loaded.responses[0].response.respondent.organisation == "Vale Trust"
    assert loaded.responses[0].response.answers == {"ca-1": 4, "co-2": 5}
    assert [f.name for f in loaded.files] == [str(tmp_path / "a.toy")]
    assert bank_for_responses(paths).questionnaire.id == "collaboration-pulse"


def test_the_toy_format_is_gone_after_its_test() -> None:
    """monkeypatch undid the registration above: no test leaks a format into another."""
    assert "toy" not in RESPONSE_FORMATS
    assert format_for("a.toy") is BY_CONTENT


def test_the_response_schema_describes_format_2_and_still_admits_format_1() -> None:
    from selfassess.inputs.response_json import response_schema

    schema = response_schema()
    assert schema["properties"]["format"]["enum"] == [
        "selfassess-response/1",
        "selfassess-response/2",
    ]
    answer = schema["properties"]["answers"]["additionalProperties"]["anyOf"]
    assert {"type": "array", "items": {"type": "string"}} in answer
    assert {"type": "string"} in answer
    assert "background" in schema["properties"]
    assert "option id" in schema["properties"]["background"]["description"]
    assert schema["if"] == {"properties": {"format": {"const": "selfassess-response/1"}}}
    assert schema["then"] == {"properties": {"background": {"maxProperties": 0}}}
