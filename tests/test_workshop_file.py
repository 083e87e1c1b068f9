"""The workshop file `selfassess-workshop/1`: what it holds, what it refuses and in which words,
and its JSON Schema (contract 1; the fixtures in tests/vectors/workshop/ also pin web/workshop.js).
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.workshop import (
    MAX_PROBLEMS,
    WORKSHOP_FORMAT,
    Owner,
    is_blank,
    record_json,
    workshop_schema,
)
from selfassess.inputs.banks import bundled_banks, load_questionnaire
from selfassess.inputs.workshop import (
    MAX_WORKSHOP_BYTES,
    LoadedWorkshop,
    load_workshop,
    parse_workshop_data,
)

FIXTURES = Path(__file__).parent / "vectors" / "workshop"
VALID = sorted((FIXTURES / "valid").glob("[0-9]*.json"))
INVALID = sorted((FIXTURES / "invalid").glob("[0-9]*.json"))
EXPECTED: dict[str, str] = json.loads((FIXTURES / "invalid" / "expected.json").read_text())
WARNINGS: dict[str, list[str]] = json.loads((FIXTURES / "valid" / "warnings.json").read_text())
# Invalid only against a bank (which principle, which level, unique ids, this questionnaire):
# a schema knows no bank, so it accepts these; the invalid JSON is not a document at all.
BANK_RULES = {
    "02-invalid-json.json",
    "04-wrong-questionnaire.json",
    "06-unknown-principle.json",
    "07-unscored-principle.json",
    "08-duplicate-principle.json",
    "09-bad-level.json",
    "12-duplicate-action-id.json",
}


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return load_questionnaire(FIXTURES / "valid" / "bank.yaml")


def minimal() -> dict[str, Any]:
    return json.loads((FIXTURES / "valid" / "01-minimal.json").read_text())


def with_principles(*principles: dict[str, Any]) -> dict[str, Any]:
    document = minimal()
    document["principles"] = list(principles)
    return document


def action(**changes: Any) -> dict[str, Any]:
    base = {"id": "A1", "text": "Publish", "owner": {"role": "Chair"}, "due": None}
    return {**base, "status": "planned", **changes}


def read(document: Any, bank: Questionnaire, name: str = "w.json") -> LoadedWorkshop:
    return parse_workshop_data(json.dumps(document).encode(), name, bank)


def problems(document: Any, bank: Questionnaire) -> list[str]:
    with pytest.raises(SelfassessError) as caught:
        read(document, bank)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_each_invalid_fixture_is_refused_first_with_its_pinned_line(
    path: Path, bank: Questionnaire
) -> None:
    with pytest.raises(SelfassessError) as caught:
        parse_workshop_data(path.read_bytes(), path.name, bank)
    assert str(caught.value.problems[0]) == EXPECTED[path.name]


def test_every_invalid_fixture_has_an_expected_line_and_every_line_a_fixture() -> None:
    assert sorted(EXPECTED) == [p.name for p in INVALID]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_each_valid_fixture_loads_with_its_pinned_warnings(path: Path, bank: Questionnaire) -> None:
    loaded = parse_workshop_data(path.read_bytes(), path.name, bank)
    assert list(loaded.warnings) == WARNINGS[path.name]
    assert sorted(WARNINGS) == [p.name for p in VALID]


def test_load_workshop_reads_a_file_and_keeps_its_bytes(bank: Questionnaire) -> None:
    path = FIXTURES / "valid" / "02-full.json"
    loaded = load_workshop(path, bank)
    assert loaded.file.data == path.read_bytes() and loaded.file.name == str(path)
    assert loaded.record.round_label == "November 2026"


def test_the_full_fixture_becomes_the_record_it_says(bank: Questionnaire) -> None:
    record = load_workshop(FIXTURES / "valid" / "02-full.json", bank).record
    assert record.questionnaire_id == "vec-workshop" and record.questionnaire_version == "2.0"
    assert record.round_date == datetime.date(2026, 11, 25)
    assert record.organisations == ("Northshire County Council", "Riverside Care Homes Group")
    assert [p.id for p in record.principles] == ["shared-measures", "governance"]
    measures = record.agreement("shared-measures")
    assert measures is not None and measures.agreed_level == "developing"
    first, second = measures.actions
    assert first.owner == Owner("Northshire County Council", "Head of Insight")
    assert first.due == datetime.date(2027, 3, 31) and first.status == "in-progress"
    assert second.owner == Owner(None, "Partnership manager") and second.due is None
    assert record.agreement("context") is None  # not discussed


def test_the_record_is_written_back_exactly_as_the_page_writes_the_full_file(
    bank: Questionnaire,
) -> None:
    path = FIXTURES / "valid" / "02-full.json"
    record = load_workshop(path, bank).record
    text = json.dumps(record_json(record), indent=2, ensure_ascii=False) + "\n"
    assert text == path.read_text(encoding="utf-8")


def test_optional_keys_take_their_defaults(bank: Questionnaire) -> None:
    document = with_principles({"id": "governance", "agreed_level": None})
    record = read(document, bank).record
    assert record.organisations == ()
    assert record.principles[0].note == "" and record.principles[0].actions == ()
    written = record_json(record)
    assert read(written, bank).record == record


def test_a_null_agreed_level_means_the_partners_did_not_agree(bank: Questionnaire) -> None:
    record = load_workshop(FIXTURES / "valid" / "03-null-agreed-level.json", bank).record
    assert record.principles[0].agreed_level is None


def test_hostile_names_are_kept_as_text(bank: Questionnaire) -> None:
    record = load_workshop(FIXTURES / "valid" / "04-hostile-names.json", bank).record
    assert record.organisations == ("__proto__", "constructor", "toString")
    assert record.principles[0].actions[0].owner == Owner("__proto__", "constructor")


def test_strings_are_kept_as_given_not_trimmed(bank: Questionnaire) -> None:
    document = minimal()
    document["round"]["label"] = "  Spring  "
    document["principles"] = [
        {"id": "governance", "agreed_level": None, "actions": [action(text=" Do it ")]}
    ]
    record = read(document, bank).record
    assert record.round_label == "  Spring  "
    assert record.principles[0].actions[0].text == " Do it "


def test_another_version_of_the_bank_is_a_warning_not_an_error(bank: Questionnaire) -> None:
    document = minimal()
    document["questionnaire"]["version"] = "1.0"
    loaded = read(document, bank)
    assert loaded.warnings == ("w.json: answers version 1.0 of the bank; this is 2.0",)


def test_a_principle_with_its_own_levels_takes_only_those(bank: Questionnaire) -> None:
    read(with_principles({"id": "governance", "agreed_level": "managed"}), bank)
    found = problems(with_principles({"id": "governance", "agreed_level": "developing"}), bank)
    assert found == [
        "w.json: principles[0].agreed_level: 'developing' is not a level of 'Governance' "
        "(expected one of: ad-hoc, defined, managed, optimised, or null)"
    ]


def test_an_unknown_principle_far_from_any_lists_the_scored_ones(bank: Questionnaire) -> None:
    found = problems(with_principles({"id": "zzz", "agreed_level": "nope"}), bank)
    assert found == [  # and its level is not checked: there is nothing to check it against
        "w.json: principles[0].id: 'zzz' is not a principle of the bank "
        "(principles: shared-measures, governance)"
    ]


def test_every_problem_is_reported_in_document_order(bank: Questionnaire) -> None:
    document = with_principles(
        {"id": "governance", "agreed_level": 3, "extra": 1, "actions": [action(status=None)]}
    )
    document["round"] = {"label": "", "date": None}
    assert problems(document, bank) == [
        "w.json: round.label: must not be blank",
        "w.json: round.date: expected a date (YYYY-MM-DD), found null",
        "w.json: principles[0].extra: unknown key 'extra' (allowed: id, agreed_level, note, "
        "actions)",
        "w.json: principles[0].agreed_level: expected a level id or null, found a number "
        "(expected one of: ad-hoc, defined, managed, optimised, or null)",
        "w.json: principles[0].actions[0].status: expected text, found null "
        "(expected one of: planned, in-progress, done, dropped)",
    ]


def test_problems_stop_at_a_bound_however_many_there_are(bank: Questionnaire) -> None:
    document = with_principles(*({"id": "nope", "agreed_level": None} for _ in range(500)))
    assert len(problems(document, bank)) == MAX_PROBLEMS


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("questionnaire"), "w.json: questionnaire: missing required key"),
        (lambda d: d["round"].pop("date"), "w.json: round.date: missing required key"),
        (lambda d: d.update(round=[]), "w.json: round: expected an object, found a list"),
        (
            lambda d: d["round"].update(label="x" * 81),
            "w.json: round.label: is 81 characters long; at most 80",
        ),
        (
            lambda d: d.update(organisations=["x"] * 201),
            "w.json: organisations: 201 organisations; at most 200",
        ),
        (
            lambda d: d.update(organisations=["x" * 201]),
            "w.json: organisations[0]: is 201 characters long; at most 200",
        ),
        (lambda d: d.update(organisations=[""]), "w.json: organisations[0]: must not be empty"),
        (
            lambda d: d.update(organisations="Harbour Trust"),
            "w.json: organisations: expected a list, found text",
        ),
        (
            lambda d: d["round"].update(date="2026-1-5"),
            "w.json: round.date: '2026-1-5' is not a date (expected YYYY-MM-DD, a real day)",
        ),
        (
            lambda d: d["round"].update(date="0000-01-01"),
            "w.json: round.date: '0000-01-01' is not a date (expected YYYY-MM-DD, a real day)",
        ),
        (
            lambda d: d.update(format=2),
            "w.json: format: wrong format a number; expected 'selfassess-workshop/1'",
        ),
        (
            lambda d: d.pop("format"),
            'w.json: not a workshop file: no "format": "selfassess-workshop/1"',
        ),
        (
            lambda d: d.update(principle=[]),
            "w.json: principle: unknown key 'principle'; did you mean 'principles'?",
        ),
    ],
)
def test_the_top_of_the_file_is_checked(change: Any, expected: str, bank: Questionnaire) -> None:
    document = minimal()
    change(document)
    assert problems(document, bank)[0] == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": "x" * 41}, "id: is 41 characters long; at most 40"),
        ({"id": ""}, "id: must not be empty"),
        ({"text": "x" * 2001}, "text: is 2001 characters long; at most 2000"),
        ({"text": "\u2028\u3000\ufeff"}, "text: must not be blank"),
        ({"owner": {"role": None}}, "owner.role: expected text, found null"),
        ({"owner": {"organisation": " "}}, "owner.organisation: must not be blank"),
        ({"owner": {"role": "x" * 201}}, "owner.role: is 201 characters long; at most 200"),
        ({"owner": {"name": "Ann", "role": "Chair"}}, "owner.name: unknown key 'name' (allowed: organisation, role)"),
        ({"owner": "Chair"}, "owner: expected an object, found text"),
        ({"due": "2027-02-29"}, "due: '2027-02-29' is not a date (expected YYYY-MM-DD, a real day)"),
        ({"due": 20270331}, "due: expected a date (YYYY-MM-DD) or null, found a number"),
        ({"update": "x" * 2001}, "update: is 2001 characters long; at most 2000"),
        ({"status": "Done"}, "status: 'Done' is not a status (expected one of: planned, "
         "in-progress, done, dropped)"),
    ],
)  # fmt: skip
def test_each_action_field_is_checked(
    changes: dict[str, Any], expected: str, bank: Questionnaire
) -> None:
    document = with_principles(
        {"id": "governance", "agreed_level": None, "actions": [action(**changes)]}
    )
    assert problems(document, bank) == [f"w.json: principles[0].actions[0].{expected}"]


def test_an_action_without_its_required_keys_names_each(bank: Questionnaire) -> None:
    document = with_principles({"id": "governance", "agreed_level": None, "actions": [{}]})
    assert problems(document, bank) == [
        f"w.json: principles[0].actions[0].{key}: missing required key"
        for key in ("id", "text", "owner", "due", "status")
    ]


def test_a_principle_may_hold_at_most_a_hundred_actions(bank: Questionnaire) -> None:
    actions = [action(id=f"A{n}") for n in range(101)]
    document = with_principles({"id": "governance", "agreed_level": None, "actions": actions})
    assert problems(document, bank) == ["w.json: principles[0].actions: 101 actions; at most 100"]
    document["principles"][0]["actions"] = actions[:100]
    assert len(read(document, bank).record.principles[0].actions) == 100


def test_optional_texts_may_be_empty_or_blank(bank: Questionnaire) -> None:
    document = with_principles(
        {"id": "governance", "agreed_level": None, "note": " ", "actions": [action(update="")]}
    )
    assert read(document, bank).record.principles[0].note == " "


def test_blank_is_what_the_pages_trim_removes_not_pythons_isspace() -> None:
    assert is_blank("") and is_blank(" \t\n\u00a0\u2028\u3000\ufeff")
    assert not is_blank("\x1c") and not is_blank("\x85")  # Python's whitespace, not JavaScript's


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"format": 1, "format": 2}', "w.json: refused: the key 'format' appears twice in one object"),
        (b'{"format": NaN}', "w.json: not JSON; a workshop file is the JSON text the partnership page saves"),
        (b"[" * 102 + b"]" * 102, "w.json: refused: nested more than 100 levels deep"),
        (b"\xff\xfe{}", "w.json: is UTF-16 text, not UTF-8; save it as UTF-8"),
        (b"  \n", "w.json: is empty; expected a workshop file"),
        (b"{\x00}", "w.json: is a binary file, not a workshop file"),
        (b"\xc3(", "w.json: is not UTF-8 text (bad byte at offset 0)"),
    ],
)  # fmt: skip
def test_hostile_bytes_are_refused_in_one_line(
    data: bytes, expected: str, bank: Questionnaire
) -> None:
    with pytest.raises(SelfassessError) as caught:
        parse_workshop_data(data, "w.json", bank)
    assert str(caught.value.problems[0]) == expected


def test_malformed_json_also_says_where_for_a_person_at_a_terminal(bank: Questionnaire) -> None:
    with pytest.raises(SelfassessError) as caught:
        parse_workshop_data(b'{\n  "format": ,\n}', "w.json", bank)
    assert [str(p) for p in caught.value.problems][1] == "w.json:2: not JSON: Expecting value"


def test_a_file_over_one_megabyte_is_refused_unread(tmp_path: Path, bank: Questionnaire) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_WORKSHOP_BYTES + 1))
    with pytest.raises(SelfassessError) as caught:
        load_workshop(path, bank)
    assert str(caught.value) == f"{path}: is 2 MB; a workshop file may be at most 1 MB"
    with pytest.raises(SelfassessError, match="over 1 MB"):
        parse_workshop_data(b" " * (MAX_WORKSHOP_BYTES + 1), "w.json", bank)


def test_a_folder_or_a_missing_file_is_one_line(tmp_path: Path, bank: Questionnaire) -> None:
    with pytest.raises(SelfassessError, match="is a folder, not a workshop file"):
        load_workshop(tmp_path, bank)
    with pytest.raises(SelfassessError, match="no such file"):
        load_workshop(tmp_path / "nope.json", bank)


def schema_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = workshop_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_the_schema_accepts_every_valid_fixture(path: Path) -> None:
    assert list(schema_validator().iter_errors(json.loads(path.read_text()))) == []


@pytest.mark.parametrize(
    "path", [p for p in INVALID if p.name not in BANK_RULES], ids=lambda p: p.name
)
def test_the_schema_refuses_every_invalid_fixture_that_needs_no_bank(path: Path) -> None:
    assert list(schema_validator().iter_errors(json.loads(path.read_text()))) != []


def test_the_schema_names_the_format_and_its_draft() -> None:
    schema = workshop_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["format"] == {"const": WORKSHOP_FORMAT}
    assert schema["required"] == ["format", "questionnaire", "round", "principles"]


def test_the_schema_accepts_what_the_record_writes(bank: Questionnaire) -> None:
    record = load_workshop(FIXTURES / "valid" / "04-hostile-names.json", bank).record
    assert list(schema_validator().iter_errors(record_json(record))) == []


@pytest.mark.parametrize("command", [["bank", "schema"], ["schema"]])
def test_schema_workshop_prints_the_workshop_schema(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--workshop"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == workshop_schema()


def test_schema_takes_one_of_response_and_workshop() -> None:
    result = CliRunner().invoke(cli, ["bank", "schema", "--response", "--workshop"])
    assert result.exit_code == 2 and "not both" in result.stderr


def test_fixtures_are_not_changed_by_reading_them(bank: Questionnaire) -> None:
    document = json.loads((FIXTURES / "valid" / "02-full.json").read_text())
    before = copy.deepcopy(document)
    read(document, bank)
    assert document == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths_into(document: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value sits, for replacing one of them."""
    found = [at]
    if isinstance(document, dict):
        for key, value in document.items():
            found += paths_into(value, (*at, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += paths_into(value, (*at, index))
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.data(), value=JSON_VALUES)
def test_any_value_anywhere_in_a_good_file_is_refused_in_lines_or_read(
    data: st.DataObject, value: Any
) -> None:
    """Whatever a hand-edited file holds in any slot: a record or located lines, no traceback."""
    bank = load_questionnaire(FIXTURES / "valid" / "bank.yaml")
    document = json.loads((FIXTURES / "valid" / "02-full.json").read_text())
    path = data.draw(st.sampled_from(paths_into(document)))
    if not path:
        document = value
    else:
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = value
    try:
        read(document, bank)
    except SelfassessError as exc:
        assert exc.problems and all(str(p).startswith("w.json: ") for p in exc.problems)


def test_the_documented_example_and_its_messages_are_what_the_tool_does() -> None:
    """docs/workshop.md's example reads against the bundled bank it names, and its broken
    version gives exactly the lines the page shows."""
    page = (Path(__file__).parent.parent / "docs" / "workshop.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json\n")[1].split("```")[0])
    shown = page.split("```text\n")[1].split("```")[0].splitlines()
    bank = next(
        b.questionnaire for b in bundled_banks() if b.questionnaire.id == "collaboration-maturity"
    )
    assert read(example, bank).record.principles[0].agreed_level == "developing"
    broken = copy.deepcopy(example)
    broken["principles"][0]["agreed_level"] = "mature"
    broken["principles"][0]["actons"] = []
    again = {"id": "parity", "agreed_level": None, "actions": example["principles"][0]["actions"]}
    broken["principles"].append(again)
    assert problems(broken, bank) == shown
