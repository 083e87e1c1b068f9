"""The command line, driven through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfassess import __version__
from selfassess.cli import cli
from selfassess.core.model import Questionnaire
from selfassess.core.scores import Scores
from selfassess.report.score_formats import SCORE_FORMATS, csv_field, register_score_format
from selfassess.terminal import escape_controls

RESPONSES = Path(__file__).parent.parent / "examples" / "responses"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_version_is_printed() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_validate_without_paths_checks_the_bundled_banks() -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert out.count("ok ") == 2
    assert "collaboration-maturity.yaml" in out


def test_validate_reports_every_problem_as_file_line_message(starter_file: Path) -> None:
    starter_file.write_text(
        starter_file.read_text()
        .replace("    questions:\n", "    questons:\n", 1)
        .replace("weight: 2", "weight: 0")
    )
    code, out, err = run("validate", str(starter_file))
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert (
        f"{starter_file}:33: unknown key 'questons'; did you mean 'questions'? (at principles[0].questons)"
        in lines
    )
    assert any(line.startswith(f"{starter_file}:54: ") for line in lines)


def test_validate_a_folder_checks_every_yaml_inside(tmp_path: Path, starter_text: str) -> None:
    (tmp_path / "a.yaml").write_text(starter_text)
    (tmp_path / "b.yaml").write_text("- not a bank")
    code, out, err = run("validate", str(tmp_path))
    assert code == 1
    assert f"ok {tmp_path / 'a.yaml'}" in out
    assert err.startswith(f"{tmp_path / 'b.yaml'}:1: ")


def test_validate_missing_file_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert err.strip() == f"{tmp_path / 'nope.yaml'}: no such file"


def test_schema_is_json_schema_of_the_bank() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert "principles" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_schema_response_describes_the_response_file() -> None:
    code, out, _ = run("schema", "--response")
    assert code == 0
    assert {"format", "questionnaire", "answers"} <= set(json.loads(out)["properties"])


def test_new_writes_a_valid_starter_bank(tmp_path: Path) -> None:
    target = tmp_path / "our-bank.yaml"
    code, _, _ = run("new", str(target))
    assert code == 0
    code, out, _ = run("validate", str(target))
    assert code == 0 and "ok" in out
    assert "id: our-bank" in target.read_text()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "bank.yaml"
    target.write_text("precious")
    code, _, err = run("new", str(target))
    assert code == 1
    assert "already exists" in err
    assert target.read_text() == "precious"


def test_list_shows_bundled_banks_with_question_counts() -> None:
    code, out, _ = run("list")
    assert code == 0
    assert "collaboration-maturity" in out and "47 questions" in out
    assert "collaboration-pulse" in out and "10 questions" in out


EXAMPLES = Path(__file__).parent.parent / "examples" / "responses"


def test_score_prints_a_table_of_the_partnership_and_organisations() -> None:
    code, out, _ = run("score", str(EXAMPLES))
    assert code == 0
    assert "Putting hierarchies aside" in out
    assert "Riverside Care Homes Group" in out
    assert "divergent" in out


def test_score_json_has_the_documented_keys() -> None:
    code, out, _ = run("score", str(EXAMPLES), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"questionnaire", "respondents", "organisations", "partnership"}
    assert set(data["respondents"][0]) == {
        "source",
        "organisation",
        "role",
        "background",
        "principles",
        "groups",
        "overall",
        "level",
        "answered",
        "total",
    }
    assert set(data["partnership"]) == {
        "n_respondents",
        "n_organisations",
        "overall",
        "level",
        "weakest_principle",
        "principles",
        "groups",
        "breakdowns",
        "choices",
    }
    assert {
        "score",
        "level",
        "min",
        "max",
        "spread",
        "divergent",
        "weakest_organisation",
        "consensus",
    } == set(data["partnership"]["principles"]["parity"])
    assert any(r["source"].endswith(".csv#1") for r in data["respondents"])


@pytest.fixture
def names_format() -> Iterator[str]:
    """A toy `score -f names` format, registered the way a new one would be, removed after."""

    def names_only(bank: Questionnaire, scores: Scores) -> str:
        return f"{bank.id}: " + ", ".join(sorted(scores.organisations)) + "\n"

    register_score_format("names", names_only)
    yield "names"
    del SCORE_FORMATS["names"]


def test_score_offers_a_format_registered_after_import(names_format: str) -> None:
    code, out, _ = run("score", str(EXAMPLES), "-f", names_format)
    assert code == 0
    assert out.startswith("collaboration-maturity: ") and "Riverside Care Homes Group" in out
    _, help_text, _ = run("score", "--help")
    assert "[table|json|csv|names]" in help_text


def test_score_refuses_a_format_not_in_the_table() -> None:
    code, _, err = run("score", str(EXAMPLES), "-f", "xml")
    assert code == 2
    assert "'xml' is not one of 'table', 'json', 'csv'" in err


def test_score_csv_has_one_row_per_respondent() -> None:
    code, out, _ = run("score", str(EXAMPLES), "--format", "csv")
    lines = out.strip().splitlines()
    _, json_out, _ = run("score", str(EXAMPLES), "--format", "json")
    assert code == 0
    assert lines[0].startswith("source,organisation,role,common-agenda")
    assert len(lines) - 1 == len(json.loads(json_out)["respondents"])


SPREADSHEET_TEXT = json.loads(
    (Path(__file__).parent / "vectors" / "spreadsheet-text.json").read_text(encoding="utf-8")
)["cases"]


def test_score_csv_keeps_formulas_from_answer_files_as_text(tmp_path: Path) -> None:
    # Organisations and roles are trimmed before they are written: the cases that survive that.
    cases = [(text, written) for text, written in SPREADSHEET_TEXT if text and text == text.strip()]
    for i, (text, _) in enumerate(cases):
        response = {
            "format": "selfassess-response/1",
            "questionnaire": {"id": "collaboration-maturity"},
            "respondent": {"organisation": text, "role": text},
            "answers": {},
        }
        (tmp_path / f"{i:02}.json").write_text(json.dumps(response), encoding="utf-8")
    code, out, _ = run("score", str(tmp_path), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert [(row[1], row[2]) for row in rows] == [(written, written) for _, written in cases]


SPREADSHEET_QUOTING = json.loads(
    (Path(__file__).parent / "vectors" / "spreadsheet-text.json").read_text(encoding="utf-8")
)["quoting"]


@pytest.mark.parametrize(("text", "written"), SPREADSHEET_QUOTING)
def test_csv_fields_are_quoted_by_the_shared_rule(text: str, written: str) -> None:
    assert csv_field(text) == written


def test_score_csv_quotes_a_semicolon_so_a_semicolon_spreadsheet_finds_no_formula(
    tmp_path: Path,
) -> None:
    response = {
        "format": "selfassess-response/1",
        "questionnaire": {"id": "collaboration-maturity"},
        "respondent": {"organisation": "Trust;=1+1", "role": "Leitung; Pflege"},
        "answers": {},
    }
    (tmp_path / "a.json").write_text(json.dumps(response), encoding="utf-8")
    code, out, _ = run("score", str(tmp_path), "--format", "csv")
    assert code == 0
    assert ',"Trust;=1+1","Leitung; Pflege",' in out.splitlines()[1]


def test_score_warns_when_one_respondent_answers_in_two_files_and_counts_both() -> None:
    baseline = EXAMPLES.parent / "baseline"
    code, out, err = run("score", str(EXAMPLES), str(baseline), "--format", "json")
    assert code == 0
    assert json.loads(out)["partnership"]["n_respondents"] == 46  # a warning, not a correction
    now = EXAMPLES / "northshire-police-2026-11-09-chief-inspector-neighbourhood-policing.json"
    nurse = "northshire-community-health-nhs-trust-{}-head-of-district-nursing.json"
    assert (
        f"warning: {EXAMPLES / nurse.format('2026-11-03')}, {baseline / nurse.format('2026-05-17')}: "
        "the same respondent (Northshire Community Health NHS Trust, Head of District Nursing, "
        "the same name) answers 2 times, and every answer is counted; if one is from an earlier "
        "round, give that round with `selfassess report --baseline`"
    ) in err.splitlines()
    assert str(now) not in err  # police answered in one round only
    assert "Steve Carrick" not in err  # the name stays out of warnings (and scorecard notes)
    _, _, alone = run("score", str(EXAMPLES), "--format", "json")
    assert "the same respondent" not in alone


def test_score_expands_globs_the_shell_left_alone() -> None:
    code, out, _ = run("score", str(EXAMPLES / "*.json"), "-f", "json")
    assert code == 0
    assert all(r["source"].endswith(".json") for r in json.loads(out)["respondents"])


def test_score_fails_on_a_bad_file_with_one_line_and_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    code, out, err = run(
        "score", str(EXAMPLES), str(bad), "--questionnaire", "collaboration-maturity"
    )
    assert code == 1
    assert out == ""
    assert (
        err.strip()
        == f"error: {bad}:1: not JSON: Expecting property name enclosed in double quotes"
    )


def test_score_skip_invalid_lists_what_it_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    code, out, err = run(
        "score",
        str(EXAMPLES),
        str(bad),
        "--skip-invalid",
        "--questionnaire",
        "collaboration-maturity",
    )
    assert code == 0
    assert f"skipped: {bad}:1: not JSON" in err
    assert "Overall" in out


def test_score_names_a_missing_bank() -> None:
    code, _, err = run("score", str(EXAMPLES), "--questionnaire", "collaboration-maturty")
    assert code == 1
    assert "did you mean 'collaboration-maturity'?" in err


# ---------------------------------------------------------------- control characters


RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),  # clear screen
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # window title
        ("a\rb\tc\x00", "a\\x0db\\x09c\\x00"),
        ("del\x7f", "del\\u007f"),
        ("csi\x9b2J", "csi\\u009b2J"),  # the C1 form of ESC [
        ("\u202egnp.exe", "\\u202egnp.exe"),  # right-to-left override
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("two\nlines", "two\\x0alines"),
        ("Café Ωmega مستشفى 🙂 \u200f", "Café Ωmega مستشفى 🙂 \u200f"),  # text, not controls
    ],
)
def test_control_characters_are_printed_escaped(text: str, shown: str) -> None:
    assert escape_controls(text) == shown
    assert escape_controls(f"{text}\n{text}", lines=True) == f"{shown}\n{shown}".replace(
        "\\x0a", "\n"
    )


HOSTILE_ORGANISATION = "\x1b[2J\x1b]0;pwned\x07Evil \u202eOrg"
HOSTILE_FILE = "evil\x1b]0;title\x07\x1b[2J.json"


@pytest.fixture
def hostile_answers(tmp_path: Path) -> Path:
    """An answer file whose name, organisation and comment key carry escape sequences."""
    folder = tmp_path / "answers"
    folder.mkdir()
    example = sorted(RESPONSES.glob("*.json"))[0]
    data = json.loads(example.read_text(encoding="utf-8"))
    data["respondent"]["organisation"] = HOSTILE_ORGANISATION
    data["comments"] = {"\x1b[31mca-99": "a comment on no question"}
    (folder / HOSTILE_FILE).write_text(json.dumps(data), encoding="utf-8")
    (folder / "broken\x1b[2J.json").write_text("{", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_score_prints_names_from_answer_files_with_controls_escaped(
    hostile_answers: Path, fmt: str
) -> None:
    code, out, err = run(
        "score",
        str(hostile_answers),
        "--questionnaire",
        "collaboration-maturity",
        "-f",
        fmt,
        "--skip-invalid",
    )
    assert not RAW_CONTROLS.search(out + err), repr(out + err)
    assert "broken\\x1b[2J.json" in err  # the skipped file, named
    assert "evil\\x1b]0;title\\x07\\x1b[2J.json" in err  # the stray comment's file, named
    assert "\\x1b[31mca-99" in err  # and the stray comment key
    assert code == 0
    if fmt == "json":
        organisations = json.loads(out)["organisations"]
        assert HOSTILE_ORGANISATION in organisations  # the same name, once parsed
    else:
        assert "\\x1b[2J\\x1b]0;pwned\\x07Evil \\u202eOrg" in out


def test_an_error_naming_a_hostile_file_is_one_escaped_line(hostile_answers: Path) -> None:
    code, out, err = run("score", str(hostile_answers / "broken\x1b[2J.json"))
    assert code == 1 and out == ""
    assert not RAW_CONTROLS.search(err), repr(err)
    assert err.startswith(f"error: {hostile_answers}/broken\\x1b[2J.json")
    assert len(err.splitlines()) == 1


def test_validate_names_a_hostile_bank_file_escaped(tmp_path: Path, starter_text: str) -> None:
    (tmp_path / "bank\u202e.yaml").write_text(starter_text, encoding="utf-8")
    code, out, err = run("validate", str(tmp_path))
    assert code == 0, err
    assert out == f"ok {tmp_path}/bank\\u202e.yaml\n"


def test_the_command_line_prints_only_through_its_escaping_echo() -> None:
    """Every module of the command line (the top level of the package) prints through echo."""
    top_level = sorted((Path(__file__).parent.parent / "src" / "selfassess").glob("*.py"))
    sources = {path.name: path.read_text() for path in top_level}
    assert sum(source.count("click.echo(") for source in sources.values()) == 1
    assert "click.echo(escape_controls(" in sources["terminal.py"]  # inside echo()
    assert not [name for name, source in sources.items() if "print(" in source]


PNG_START = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def test_score_and_report_say_the_real_cause_before_asking_for_the_questionnaire(
    tmp_path: Path,
) -> None:
    (tmp_path / "README.md").write_text("# Our answers\n\nSee the folder.\n")
    (tmp_path / "logo.png").write_bytes(PNG_START)
    (tmp_path / "unicode.csv").write_bytes("organisation,ca-p1\nA,3\n".encode("utf-16"))
    cases = {
        str(tmp_path / "answrs"): "no such file or folder",
        str(tmp_path / "README.md"): "is not a JSON or CSV answer file",
        str(tmp_path / "logo.png"): "is a binary file, not a response file",
        str(tmp_path / "unicode.csv"): "is UTF-16 text, not UTF-8; save it as UTF-8 "
        '(in Excel: "CSV UTF-8 (Comma delimited)")',
    }
    for given, cause in cases.items():
        for command in (["score"], ["report", "--html", str(tmp_path / "s.html")]):
            for bank in ([], ["--questionnaire", "collaboration-pulse"]):
                code, out, err = run(*command, given, *bank)
                assert (code, out) == (1, ""), (given, command, bank)
                assert err.splitlines() == [f"error: {given}: {cause}"], (command, bank)


def test_a_readable_file_naming_no_questionnaire_asks_for_it_after_the_real_causes(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone.json"
    unnamed = tmp_path / "unnamed.json"
    unnamed.write_text('{"format": "selfassess-response/1", "answers": {}}')
    code, _, err = run("score", str(missing), str(unnamed))
    assert code == 1
    assert err.splitlines() == [
        f"error: {missing}: no such file or folder",
        f"error: {unnamed}: cannot tell which questionnaire these answers belong to; "
        "pass --questionnaire",
    ]
