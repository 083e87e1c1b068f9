"""The command line, driven through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from selfassess import __version__
from selfassess.cli import cli


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
    assert "collaboration-maturity" in out and "30 questions" in out
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
        "principles",
        "overall",
        "level",
        "answered",
        "total",
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
    code, out, err = run("score", str(EXAMPLES), str(bad), "-q", "collaboration-maturity")
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
        "score", str(EXAMPLES), str(bad), "--skip-invalid", "-q", "collaboration-maturity"
    )
    assert code == 0
    assert f"skipped: {bad}:1: not JSON" in err
    assert "Overall" in out


def test_score_names_a_missing_bank() -> None:
    code, _, err = run("score", str(EXAMPLES), "-q", "collaboration-maturty")
    assert code == 1
    assert "did you mean 'collaboration-maturity'?" in err
