"""Response files (JSON and CSV): what is read, what is refused, and how it is reported."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import resolve_bank
from selfassess.inputs.responses import bank_for_responses, load_response_data, load_responses


@pytest.fixture(scope="module")
def pulse() -> Questionnaire:
    return resolve_bank("collaboration-pulse").questionnaire


def response(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "selfassess-response/1",
        "questionnaire": {"id": "collaboration-pulse", "version": "2.0"},
        "respondent": {"organisation": "Northshire Council", "role": "Director"},
        "answers": {"ca-p1": 4, "ca-p2": None},
        "comments": {},
    }
    data.update(overrides)
    return data


def write(folder: Path, name: str, content: str | bytes | dict[str, Any]) -> Path:
    path = folder / name
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def test_a_form_export_is_read(tmp_path: Path, pulse: Questionnaire) -> None:
    loaded = load_responses([write(tmp_path, "a.json", response())], pulse)
    assert loaded.responses[0].response.answers == {"ca-p1": 4, "ca-p2": None}
    assert loaded.responses[0].source == str(tmp_path / "a.json")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param("{not json", "not JSON", id="not-json"),
        pytest.param(b"\xff\xfe{}", "not UTF-8", id="not-utf8"),
        pytest.param("[1, 2]", "expected a JSON object", id="json-list"),
        pytest.param(response(format="other/2"), "wrong format 'other/2'", id="wrong-format"),
        pytest.param({"answers": {}}, "not a response file", id="no-format"),
        pytest.param(
            response(questionnaire={"id": "collaboration-maturity", "version": "1.0"}),
            "answers questionnaire 'collaboration-maturity', not 'collaboration-pulse'",
            id="other-questionnaire",
        ),
        pytest.param(
            response(answers={"ca-p9": 3}), "unknown question id 'ca-p9'", id="unknown-question"
        ),
        pytest.param(
            response(answers={"ca-p1": 7}), "7 is not on the scale of ca-p1", id="off-scale"
        ),
        pytest.param(
            response(answers={"ca-p1": "four"}),
            "expected a number from the scale or null, found 'four'",
            id="non-numeric",
        ),
        pytest.param(response(answers={"ca-p1": True}), "expected a number", id="boolean"),
        pytest.param("", "is empty", id="empty"),
    ],
)
def test_bad_json_files_are_refused_by_name(
    tmp_path: Path, pulse: Questionnaire, content: Any, fragment: str
) -> None:
    path = write(tmp_path, "bad.json", content)
    with pytest.raises(SelfassessError) as caught:
        load_responses([path], pulse)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert fragment in message


def test_a_version_mismatch_is_only_a_warning(tmp_path: Path, pulse: Questionnaire) -> None:
    path = write(
        tmp_path,
        "old.json",
        response(questionnaire={"id": "collaboration-pulse", "version": "0.9"}),
    )
    loaded = load_responses([path], pulse)
    assert len(loaded.responses) == 1
    assert "version 0.9" in loaded.warnings[0]


def test_skip_invalid_scores_the_rest_and_lists_what_it_skipped(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    good = write(tmp_path, "good.json", response())
    bad = write(tmp_path, "bad.json", "{")
    loaded = load_responses([good, bad], pulse, skip_invalid=True)
    assert [r.source for r in loaded.responses] == [str(good)]
    assert [p.file for p in loaded.skipped] == [str(bad)]


def test_one_bad_file_fails_the_lot_by_default(tmp_path: Path, pulse: Questionnaire) -> None:
    with pytest.raises(SelfassessError):
        load_responses(
            [write(tmp_path, "good.json", response()), write(tmp_path, "bad.json", "{")], pulse
        )


def test_the_same_file_twice_is_counted_once(tmp_path: Path, pulse: Questionnaire) -> None:
    a = write(tmp_path, "a.json", response())
    b = write(tmp_path, "copy.json", a.read_bytes())
    loaded = load_responses([a, b], pulse)
    assert len(loaded.responses) == 1
    assert "same content" in loaded.warnings[0]


CSV = "organisation,role,name,ca-p1,ca-p2,sm-p1,colour\nNorthshire Council,Director,Ann,Mostly,FULLY,3,blue\nRiverside Care,,,,don't know,1,red\n"


def test_csv_cells_hold_values_or_labels_in_any_case(tmp_path: Path, pulse: Questionnaire) -> None:
    loaded = load_responses([write(tmp_path, "export.csv", CSV)], pulse)
    first, second = (r.response for r in loaded.responses)
    assert first.answers == {"ca-p1": 4, "ca-p2": 5, "sm-p1": 3}
    assert first.respondent.name == "Ann"
    assert second.answers == {"ca-p1": None, "ca-p2": None, "sm-p1": 1}
    assert [r.source for r in loaded.responses] == [
        f"{tmp_path / 'export.csv'}#1",
        f"{tmp_path / 'export.csv'}#2",
    ]


def test_csv_columns_that_match_nothing_are_named_in_one_warning(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    loaded = load_responses([write(tmp_path, "export.csv", CSV)], pulse)
    assert loaded.warnings == [
        f"{tmp_path / 'export.csv'}: columns that match no question ignored: colour"
    ]


def test_csv_cell_off_the_scale_is_refused_with_its_row(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    path = write(tmp_path, "export.csv", "organisation,ca-p1\nA,4\nB,Sometimes\n")
    with pytest.raises(SelfassessError) as caught:
        load_responses([path], pulse)
    assert str(caught.value).startswith(f"{path}:3: row 2, column ca-p1: 'Sometimes' is neither")


def test_csv_without_question_columns_is_refused(tmp_path: Path, pulse: Questionnaire) -> None:
    with pytest.raises(SelfassessError, match="names none of"):
        load_responses([write(tmp_path, "x.csv", "a,b\n1,2\n")], pulse)


def test_bank_is_found_from_the_files(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", response())
    assert bank_for_responses([path]).questionnaire.id == "collaboration-pulse"
    csv_only = write(tmp_path, "b.csv", CSV)
    assert bank_for_responses([csv_only]).questionnaire.id == "collaboration-pulse"


def test_bank_of_an_unknown_questionnaire_is_asked_for(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", response(questionnaire={"id": "elsewhere", "version": "1"}))
    with pytest.raises(SelfassessError, match="pass --questionnaire"):
        bank_for_responses([path])


def test_the_files_used_are_kept_byte_for_byte_for_the_audit_trail(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    a = write(tmp_path, "a.json", response())
    again = write(tmp_path, "again.json", response())  # same bytes: counted once, kept once
    bad = write(tmp_path, "bad.json", "{not json")
    loaded = load_responses([a, again, bad], pulse, skip_invalid=True)
    assert [(f.name, f.data) for f in loaded.files] == [(str(a), a.read_bytes())]
    assert loaded.files[0].sha256 == hashlib.sha256(a.read_bytes()).hexdigest()


def test_files_in_memory_read_exactly_as_files_on_disk(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    csv = "organisation,role,ca-p1\nCouncil,Director,Fully\n"
    paths = [
        write(tmp_path, "a.json", response()),
        write(tmp_path, "b.csv", csv),
        write(tmp_path, "c.json", "   "),
    ]
    from_disk = load_responses(paths, pulse, skip_invalid=True)
    in_memory = load_response_data(
        [(str(p), p.read_bytes()) for p in paths], pulse, skip_invalid=True
    )
    assert in_memory.responses == from_disk.responses
    assert [str(p) for p in in_memory.skipped] == [str(p) for p in from_disk.skipped]
    assert in_memory.files == from_disk.files


def test_a_file_of_another_name_is_read_as_json_only_when_it_is_json(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    good = write(tmp_path, "answers.txt", response())
    assert load_responses([good], pulse).responses[0].source == str(good)
    for name, content, cause in [
        ("README.md", "# Our answers\n", "is not a JSON or CSV answer file"),
        ("twice.txt", json.dumps(response())[:-1] + ', "answers": {}}', "appears twice"),
    ]:
        with pytest.raises(SelfassessError) as caught:
            load_responses([write(tmp_path, name, content)], pulse)
        assert str(caught.value).startswith(f"{tmp_path / name}: ") and cause in str(caught.value)


SIZE_LIMIT = json.loads(
    (Path(__file__).parent / "vectors" / "size-limit.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize(("size", "message"), SIZE_LIMIT, ids=[str(c[0]) for c in SIZE_LIMIT])
def test_the_size_limit_is_said_in_the_partnership_pages_unit(
    size: int,
    message: str | None,
    tmp_path: Path,
    pulse: Questionnaire,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.write(b"{")
        handle.truncate(size)  # sparse: takes no disk space; refused before it is read
    good = write(tmp_path, "good.json", response())
    loaded = load_responses([Path("big.json"), good], pulse, skip_invalid=True)
    if message is None:  # read, and refused for what it holds, not for its size
        assert all("MB" not in str(p) for p in loaded.skipped)
    else:
        assert [str(p) for p in loaded.skipped] == [message]


def test_excels_windows_1252_and_semicolon_csv_is_read_with_a_warning(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    text = "organisation;role;ca-p1;ca-p2\r\nCafé Trust;Zoë’s lead;4;Mostly\r\n"
    path = write(tmp_path, "excel.csv", text.encode("cp1252"))
    loaded = load_responses([path], pulse)
    respondent = loaded.responses[0].response.respondent
    assert (respondent.organisation, respondent.role) == ("Café Trust", "Zoë’s lead")
    assert loaded.responses[0].response.answers == {"ca-p1": 4, "ca-p2": 4}
    assert loaded.warnings == [
        f"{path}: is not UTF-8 text (bad byte at offset 34), so it was read as Windows-1252, "
        'as Excel\'s "CSV (Comma delimited)" saves it; check accented names, '
        'or save it as "CSV UTF-8" instead'
    ]
    assert bank_for_responses([path]).questionnaire.id == "collaboration-pulse"


def test_csv_numbers_in_any_decimal_digits_are_read_as_python_reads_them(
    tmp_path: Path, pulse: Questionnaire
) -> None:
    path = write(tmp_path, "digits.csv", "ca-p1,ca-p2\n３,٤\n")
    assert load_responses([path], pulse).responses[0].response.answers == {"ca-p1": 3, "ca-p2": 4}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_is_refused_as_utf16_text_with_how_to_save_it(
    tmp_path: Path, pulse: Questionnaire, encoding: str
) -> None:
    text = "\ufefforganisation,ca-p1\r\nCafé Trust,4\r\n"
    path = write(tmp_path, "unicode.csv", text.encode(encoding))
    with pytest.raises(SelfassessError) as caught:
        load_responses([path], pulse)
    assert str(caught.value) == (
        f"{path}: is UTF-16 text, not UTF-8; save it as UTF-8 "
        '(in Excel: "CSV UTF-8 (Comma delimited)")'
    )
    with pytest.raises(SelfassessError) as caught:
        bank_for_responses([path])
    assert "is UTF-16 text" in str(caught.value)
