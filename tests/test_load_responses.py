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


# ---------------------------------------------------------------- format 2: typed answers, background

TYPED_BANK = Path(__file__).parent / "data" / "typed-bank.yaml"


@pytest.fixture(scope="module")
def typed() -> Questionnaire:
    return resolve_bank(str(TYPED_BANK)).questionnaire


def typed_response(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "selfassess-response/2",
        "questionnaire": {"id": "typed", "version": "2.0"},
        "respondent": {"organisation": "Vale"},
        "background": {"sector": "council", "services": ["care"], "about": "Mostly housing"},
        "answers": {"a1": 2, "a-open": "More time", "a-who": ["board", "staff"], "a3": None},
    }
    data.update(overrides)
    return data


def read_one(bank: Questionnaire, name: str, data: bytes) -> Any:
    return load_response_data([(name, data)], bank)


def test_a_format_2_file_keeps_background_and_typed_answers(typed: Questionnaire) -> None:
    loaded = read_one(typed, "a.json", json.dumps(typed_response()).encode())
    answer = loaded.responses[0].response
    assert answer.background == {
        "sector": "council",
        "services": ["care"],
        "about": "Mostly housing",
    }
    assert answer.answers == {
        "a1": 2,
        "a-open": "More time",
        "a-who": ["board", "staff"],
        "a3": None,
    }
    assert loaded.warnings == []


def test_a_format_1_file_is_still_read(typed: Questionnaire) -> None:
    old = {
        "format": "selfassess-response/1",
        "questionnaire": {"id": "typed"},
        "answers": {"a1": 3},
    }
    assert read_one(typed, "old.json", json.dumps(old).encode()).responses[0].response.answers == {
        "a1": 3
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"background": {"a1": 3}},
            "'a1' is a principle question: its answer belongs under answers (at background.a1)",
            id="principle-id-under-background",
        ),
        pytest.param(
            {"answers": {"sector": "nhs"}},
            "'sector' is a background question: its answer belongs under background "
            "(at answers.sector)",
            id="background-id-under-answers",
        ),
        pytest.param(
            {"background": {"sectr": "nhs"}},
            "unknown background question id 'sectr' for typed; did you mean 'sector'? "
            "(at background.sectr)",
            id="unknown-background-id",
        ),
        pytest.param(
            {"background": {"sector": "nsh"}},
            "'nsh' is not an option of sector; did you mean 'nhs'? (at background.sector)",
            id="near-miss-option",
        ),
        pytest.param(
            {"answers": {"a-who": ["chair"]}},
            "'chair' is not an option of a-who (options: board, staff) (at answers.a-who)",
            id="unknown-option-lists-the-options",
        ),
        pytest.param(
            {"answers": {"a-who": ["board", "board"]}},
            "'board' is ticked twice in a-who (at answers.a-who)",
            id="option-ticked-twice",
        ),
        pytest.param(
            {"background": {"sector": 4}},
            "expected one option id of sector or null, found a number (at background.sector)",
            id="choice-given-a-number",
        ),
        pytest.param(
            {"background": {"sector": ["nhs"]}},
            "expected one option id of sector or null, found a list (at background.sector)",
            id="choice-given-a-list",
        ),
        pytest.param(
            {"answers": {"a-who": "board"}},
            "expected a list of option ids of a-who, found text 'board' (at answers.a-who)",
            id="multi-given-text",
        ),
        pytest.param(
            {"answers": {"a-who": ["board", 2]}},
            "expected a list of option ids of a-who, found a list holding a number "
            "(at answers.a-who)",
            id="multi-given-a-number-in-its-list",
        ),
        pytest.param(
            {"answers": {"a-open": {"text": "x"}}},
            "expected text or null, found a mapping (at answers.a-open)",
            id="text-given-a-mapping",
        ),
        pytest.param(
            {"answers": {"a1": "3"}},
            "expected a number from the scale or null, found '3' (at answers.a1)",
            id="scale-given-text",
        ),
        pytest.param(
            {"answers": {"a1": True}},
            "expected a number from the scale or null, found True (at answers.a1)",
            id="scale-given-true",
        ),
        pytest.param(
            {"format": "selfassess-response/1"},
            'a selfassess-response/1 file has no background answers; write "format": '
            '"selfassess-response/2" (at background)',
            id="format-1-with-background",
        ),
    ],
)
def test_a_format_2_answer_that_does_not_fit_its_question_is_refused_where_it_is(
    typed: Questionnaire, changes: dict[str, Any], expected: str
) -> None:
    with pytest.raises(SelfassessError) as caught:
        read_one(typed, "bad.json", json.dumps(typed_response(**changes)).encode())
    assert [str(p) for p in caught.value.problems] == [f"bad.json: {expected}"]


def test_every_misfit_answer_is_reported_at_once_background_first(typed: Questionnaire) -> None:
    bad = typed_response(
        background={"sector": 4, "about": 3}, answers={"a-who": "x", "a1": 9, "zz": 1}
    )
    with pytest.raises(SelfassessError) as caught:
        read_one(typed, "bad.json", json.dumps(bad).encode())
    assert [p.path for p in caught.value.problems] == [
        "background.sector",
        "background.about",
        "answers.a-who",
        "answers.a1",
        "answers.zz",
    ]


def test_a_value_no_answer_can_be_is_refused_with_the_files_other_type_errors_first(
    typed: Questionnaire,
) -> None:
    """true or a mapping is no answer to any question: refused with the model's other errors
    (as scoring.js's typeProblems does), before the answers are checked against the bank."""
    bad = typed_response(
        respondent={"organisation": 5}, background={"sector": True}, answers={"a1": "x"}
    )
    with pytest.raises(SelfassessError) as caught:
        read_one(typed, "bad.json", json.dumps(bad).encode())
    problems = caught.value.problems
    assert [p.path for p in problems] == ["respondent.organisation", "background.sector"]
    assert problems[1].message == "expected one option id of sector or null, found true"


def test_an_answer_to_a_question_not_asked_is_dropped_with_a_warning(typed: Questionnaire) -> None:
    answers = {"a1": 2, "a2": 3, "a4": 1, "a3": None}
    loaded = read_one(
        typed, "a.json", json.dumps(typed_response(background={}, answers=answers)).encode()
    )
    assert loaded.responses[0].response.answers == {"a1": 2}
    assert loaded.warnings == [
        "a.json: answer to a2 ignored: not asked of this respondent "
        "(it is asked when board-role is yes)",
        "a.json: answer to a4 ignored: not asked of this respondent (it is asked when a1 is 3)",
    ]


def test_a_multi_condition_is_said_as_includes(typed: Questionnaire) -> None:
    bad = typed_response(background={"services": ["housing"]}, answers={"a1": 3, "a3": 2})
    loaded = read_one(typed, "a.json", json.dumps(bad).encode())
    assert loaded.warnings == [
        "a.json: answer to a3 ignored: not asked of this respondent "
        "(it is asked when services includes care or toString)"
    ]


def test_a_chain_of_conditions_drops_every_answer_downstream(typed: Questionnaire) -> None:
    """board-role is asked only of nhs/council; a2 only when board-role is yes: with no sector,
    both answers are dropped, though board-role's own answer would make a2's condition hold."""
    chained = typed_response(background={"board-role": "yes"}, answers={"a1": 1, "a2": 3})
    loaded = read_one(typed, "a.json", json.dumps(chained).encode())
    assert loaded.responses[0].response.background == {}
    assert loaded.responses[0].response.answers == {"a1": 1}
    assert len(loaded.warnings) == 2


TYPED_CSV = (
    "organisation,sector,services,about,a1,a-who,a-open,board-role,a2\n"
    'Vale,local COUNCIL,housing; Social Care;,  ,3,BOARD," free, text ",Yes,2\n'
    "Upton,constructor,,,1,,,,\n"
)


def test_csv_choice_multi_and_text_columns_take_ids_or_labels_in_any_case(
    typed: Questionnaire,
) -> None:
    loaded = read_one(typed, "team.csv", TYPED_CSV.encode())
    first, second = (r.response for r in loaded.responses)
    assert first.background == {
        "sector": "council",
        "services": ["housing", "care"],
        "about": None,
        "board-role": "yes",
    }
    assert first.answers == {"a1": 3, "a-who": ["board"], "a-open": " free, text ", "a2": 2}
    assert second.background == {"sector": "constructor", "services": None, "about": None}
    assert loaded.warnings == []


def test_a_csv_cell_naming_no_option_is_refused_at_its_row(typed: Questionnaire) -> None:
    bad = "organisation,sector,a-who\nVale,bogus,board; chair\n"
    with pytest.raises(SelfassessError) as caught:
        read_one(typed, "team.csv", bad.encode())
    assert [str(p) for p in caught.value.problems] == [
        "team.csv:2: row 1, column sector: 'bogus' is neither an id nor a label of the options "
        "of sector (nhs NHS trust, council Local council, constructor Constructor's own)",
        "team.csv:2: row 1, column a-who: 'chair' is neither an id nor a label of the options "
        "of a-who (board The board, staff Staff)",
    ]


def test_a_csv_answer_to_a_question_not_asked_is_dropped_with_its_row_named(
    typed: Questionnaire,
) -> None:
    csv_text = "organisation,sector,board-role,a1\nVale,,yes,2\n"
    loaded = read_one(typed, "team.csv", csv_text.encode())
    assert loaded.responses[0].response.background == {"sector": None}
    assert loaded.warnings == [
        "team.csv#1: answer to board-role ignored: not asked of this respondent "
        "(it is asked when sector is nhs or council)"
    ]


def test_the_bundled_bank_is_guessed_from_background_columns_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfassess.inputs import responses
    from selfassess.inputs.banks import read_bank, resolve_bank

    banks = [resolve_bank("collaboration-pulse"), read_bank(TYPED_BANK)]
    monkeypatch.setattr(responses, "bundled_banks", lambda: banks)
    path = write(tmp_path, "about.csv", "organisation,sector,services\nVale,nhs,care\n")
    assert bank_for_responses([path]).questionnaire.id == "typed"


def test_a_semicolon_csv_keeps_a_quoted_multi_cell_whole(typed: Questionnaire) -> None:
    """European Excel separates cells with `;`, so a multi cell listing two options is quoted."""
    csv_text = 'organisation;sector;services\r\nVale;nhs;"care; Housing"\r\n'
    loaded = read_one(typed, "semi.csv", csv_text.encode())
    assert loaded.responses[0].response.background == {
        "sector": "nhs",
        "services": ["care", "housing"],
    }


def test_a_long_text_answer_is_read_whole(typed: Questionnaire) -> None:
    long = "word " * 50_000
    loaded = read_one(
        typed, "a.json", json.dumps(typed_response(answers={"a-open": long})).encode()
    )
    assert loaded.responses[0].response.answers["a-open"] == long
