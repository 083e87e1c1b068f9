"""What a scorecard PDF carries is what its page may show: no respondents' names without
--show-names, no files of organisations the page hides, no absolute paths; and `report` says in
one line what it left out."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pdf_support import BASELINE, PARTNERSHIP, RESPONSES, attachments_of, invoke, report
from shared_scorecards import Scorecards

from selfassess.report.attached_copies import WITHHELD_COMMENT
from selfassess.report.audit import without_absolute_folders

SCHOOLS = RESPONSES / "schools-survey-export.csv"
POLICE = "northshire-police-"  # two respondents: hidden with --min-group-size 3
RESPONDENT_NAMES = sorted(
    {
        json.loads(path.read_text(encoding="utf-8"))["respondent"].get("name") or ""
        for path in RESPONSES.glob("*.json")
    }
    - {""}
)


def make(folder: Path, *extra: str, files: tuple[str, ...] = (str(RESPONSES),)) -> tuple[Path, str]:
    pdf = folder / "scorecard.pdf"
    code, _, err = report(*files, "--partnership", PARTNERSHIP, "-o", str(pdf), *extra)
    assert code == 0, err
    return pdf, err


def manifest_of(pdf: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(attachments_of(pdf)["manifest.json"])
    return manifest


def test_attached_answer_files_carry_no_respondent_names_without_show_names(
    scorecards: Scorecards,
) -> None:
    assert len(RESPONDENT_NAMES) > 10
    made = scorecards.example()
    pdf, err = made.pdf, made.err
    files = attachments_of(pdf)
    everything = b"\n".join(files.values()).decode("utf-8")
    assert [name for name in RESPONDENT_NAMES if name in everything] == []
    riverside = json.loads(
        files["riverside-care-homes-group-2026-11-04-care-home-manager-willow-court.json"]
    )
    # one care home manager: a role the page never prints beside a comment
    assert riverside["respondent"] == {"organisation": "Riverside Care Homes Group"}
    assert "note: respondents' names removed from " in err
    code, out, _ = scorecards.verify(made)
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")
    code, out, _ = scorecards.verify(made, "--inputs", str(RESPONSES))  # the originals
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")


def test_with_show_names_the_answer_files_are_attached_as_read(tmp_path: Path) -> None:
    pdf, err = make(tmp_path, "--show-names")
    files = attachments_of(pdf)
    for path in RESPONSES.glob("*.json"):
        if path.name.startswith(POLICE):  # but for the comments the page withholds (below)
            continue
        if files[path.name] != path.read_bytes():  # an answer about them in a hidden group
            attached, original = json.loads(files[path.name]), json.loads(path.read_bytes())
            assert attached["background"].items() < original["background"].items()
            assert {**attached, "background": original["background"]} == original
    assert "names removed" not in err


def test_comments_the_page_withholds_are_not_attached_and_the_scorecard_still_verifies(
    scorecards: Scorecards,
) -> None:
    """Northshire Police has two respondents: below the bank's min_group_size of 3, so its
    comments are counted on the page but not printed; nor are an earlier round's comments."""
    police = sorted(RESPONSES.glob(POLICE + "*.json"))
    withheld_texts = [
        text
        for path in police + sorted(BASELINE.glob("*.json"))
        for text in json.loads(path.read_text(encoding="utf-8")).get("comments", {}).values()
        if text.strip()
    ]
    assert withheld_texts
    made = scorecards.example("--baseline", str(BASELINE))
    pdf, err = made.pdf, made.err
    files = attachments_of(pdf)
    everything = b"\n".join(files.values()).decode("utf-8")
    assert [text for text in withheld_texts if text in everything] == []
    attached = json.loads(files[police[0].name])
    assert set(attached["comments"].values()) == {WITHHELD_COMMENT}
    assert "the comments the scorecard does not print removed from " in err
    for args in ([], ["--inputs", str(RESPONSES), "--inputs", str(BASELINE)]):
        code, out, _ = scorecards.verify(made, *args)
        assert (code, out.split(",")[0]) == (0, "verified: 45 inputs"), out


def csv_cell(answer: Any) -> str:
    """One answer as a CSV cell: ticked option ids separated by ';', nothing for no answer."""
    if answer is None:
        return ""
    return ";".join(answer) if isinstance(answer, list) else str(answer)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (",", "cp1252"), (";", "cp1252")],
    ids=["comma-utf8", "semicolon-utf8", "comma-windows-1252", "semicolon-windows-1252"],
)
def test_a_csv_answer_file_is_attached_without_its_name_column(
    tmp_path: Path, delimiter: str, encoding: str
) -> None:
    """Whichever CSV Excel saved (semicolons, Windows-1252): what the reader accepts, the
    attachment loses its names from, and the scorecard still verifies."""
    rows = []
    for path in sorted(RESPONSES.glob("*.json")):
        response = json.loads(path.read_text(encoding="utf-8"))
        rows.append((response["respondent"], response["answers"]))
    rows[0][0]["role"] = "Directrice générale"  # a byte UTF-8 refuses, in Windows-1252
    questions = list(rows[0][1])
    lines = [delimiter.join(["organisation", "role", "name", *questions])]
    for respondent, answers in rows:
        cells = [respondent.get(k) or "" for k in ("organisation", "role", "name")]
        cells += [csv_cell(answers.get(q)) for q in questions]
        lines.append(delimiter.join(f'"{c}"' for c in cells))
    csv_file = tmp_path / "answers.csv"
    csv_file.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    pdf, _ = make(tmp_path, files=(str(csv_file),))
    attached = attachments_of(pdf)["answers.csv"].decode("utf-8")  # UTF-8, with commas
    header = attached.splitlines()[0].split(",")
    assert header[:3] == ["organisation", "role", questions[0]]
    assert "Directrice générale" not in attached  # a role no one else gave: not printed
    assert [name for name in RESPONDENT_NAMES if name in attached] == []
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out


def answers(organisation: str, role: str, comment: str) -> str:
    return json.dumps(
        {
            "format": "selfassess-response/1",
            "questionnaire": {"id": "collaboration-maturity", "version": "1.0"},
            "respondent": {"organisation": organisation, "role": role, "name": "Ann Other"},
            "answers": {"ca-1": 3, "ca-2": 4},
            "comments": {"ca-1": comment},
        }
    )


def test_attached_answer_files_carry_only_the_roles_the_page_prints(tmp_path: Path) -> None:
    """The page names a comment's role only when min_group_size people of the organisation
    share it: a lone role beside a printed comment would name the person in the attachment."""
    folder = tmp_path / "answers"
    folder.mkdir()
    for i in range(3):
        (folder / f"worker-{i}.json").write_text(
            answers("North Council", " social worker" if i else "Social Worker", f"Shared {i}")
        )
    (folder / "director.json").write_text(answers("North Council", "Director", "Only me"))
    pdf, err = make(tmp_path, files=(str(folder),))
    files = attachments_of(pdf)
    assert json.loads(files["director.json"])["respondent"] == {"organisation": "North Council"}
    assert json.loads(files["worker-1.json"])["respondent"] == {
        "organisation": "North Council",
        "role": " social worker",
    }
    assert "the roles the scorecard does not print removed from 1 of them" in err
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "utf-8"), (",", "cp1252"), (";", "cp1252")]
)
def test_a_semicolon_or_windows_1252_csv_is_attached_without_names(
    delimiter: str, encoding: str, tmp_path: Path
) -> None:
    """The CSV is read for the attachment as the loader reads it: a semicolon CSV kept its
    names, and a Windows-1252 CSV that score reads made report fail."""
    rows = list(csv.reader(io.StringIO(SCHOOLS.read_text(encoding="utf-8"))))
    names = {row[2] for row in rows[1:] if row[2]}
    rows[1][2] = "Zoë Ångström"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "export.csv").write_bytes(out.getvalue().encode(encoding))
    pdf, _ = make(tmp_path, files=(str(folder),))
    attached = attachments_of(pdf)["export.csv"].decode("utf-8")
    assert [name for name in [*names, "Zoë Ångström"] if name in attached] == []
    assert attached.splitlines()[0].startswith("organisation,role,sector,seniority,ca-1,")
    code, out_text, _ = invoke("verify", str(pdf))
    assert code == 0, out_text


def test_files_of_hidden_organisations_are_not_attached_but_keep_their_sha256(
    scorecards: Scorecards,
) -> None:
    made = scorecards.example("--min-group-size", "3")
    pdf, err = made.pdf, made.err
    files = attachments_of(pdf)
    assert [name for name in files if name.startswith(POLICE)] == []
    withheld = [entry for entry in manifest_of(pdf)["inputs"] if entry.get("withheld")]
    assert sorted(entry["file"] for entry in withheld) == sorted(
        path.name for path in RESPONSES.glob(POLICE + "*")
    )
    for entry in withheld:
        assert entry["attachment"] is None
        assert len(entry["sha256"]) == 64
    assert [line for line in err.splitlines() if line.startswith("note:")] == [
        "note: respondents' names removed from 20 of the attached answer files; the roles the "
        "scorecard does not print removed from 23 of them; the answers about the respondent "
        "that the scorecard does not show removed from 6 of them; 2 of 25 answer "
        "files not attached (organisations of fewer than 3 respondents, which the scorecard "
        "hides; their SHA-256 is in the manifest, so verify needs them given with --inputs)"
    ]
    # Their answers count in the partnership's figures: verify says it cannot check the page
    # from the attachments alone, and checks it with the originals.
    code, out, _ = scorecards.verify(made)
    assert code == 1
    assert out.splitlines() == [
        "not verified: 2 of 25 answer files are not attached (answers from an organisation of "
        "fewer than 3 respondents, which the scorecard hides), and the partnership's figures "
        "count them",
        "- to check the figures and every page, pass the original answer files: selfassess "
        "verify SCORECARD.pdf --inputs FILES (they are matched by SHA-256)",
        "the 23 attached files match the SHA-256 the manifest gives",
    ]
    code, out, _ = scorecards.verify(made, "--inputs", str(RESPONSES))
    assert (code, out.split(",")[0]) == (0, "verified: 25 inputs")


def test_the_manifest_holds_no_absolute_path(scorecards: Scorecards) -> None:
    made = scorecards.example()  # -o and --html given as absolute paths
    tmp_path = made.pdf.parent
    assert RESPONSES.is_absolute() and tmp_path.is_absolute()
    pdf = made.pdf
    text = attachments_of(pdf)["manifest.json"].decode("utf-8")

    def strings(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [s for value in node.values() for s in strings(value)]
        if isinstance(node, list):
            return [s for value in node for s in strings(value)]
        return [node] if isinstance(node, str) else []

    assert [s for s in strings(json.loads(text)) if s.startswith("/")] == []
    assert str(tmp_path) not in text and str(RESPONSES) not in text
    assert json.loads(text)["options"]["files"] == ["responses"]


@pytest.mark.parametrize("size", ["0", "-1"])
def test_a_min_group_size_below_one_is_refused(size: str, tmp_path: Path) -> None:
    code, out, err = report(str(RESPONSES), "--min-group-size", size, "-o", str(tmp_path / "s.pdf"))
    assert code == 2 and out == ""
    assert "--min-group-size" in err and "is not in the range x>=1" in err
    assert not (tmp_path / "s.pdf").exists()


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("/home/alice/answers/bad.json:1: not JSON", "bad.json:1: not JSON"),
        ("C:\\Users\\alice\\bad.json: empty", "bad.json: empty"),
        (
            "answers/bad.json: same content as answers/a.json",
            "answers/bad.json: same content as answers/a.json",
        ),
        (
            "x.json: same content as /srv/in/a.json; counted once",
            "x.json: same content as a.json; counted once",
        ),
    ],
)
def test_lines_naming_files_lose_the_folders_of_absolute_paths(line: str, shown: str) -> None:
    assert without_absolute_folders(line) == shown


def test_a_scorecard_that_skipped_a_file_verifies_and_says_the_list_is_the_manifests(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    pdf, _ = make(tmp_path, "--skip-invalid", files=(str(RESPONSES), str(bad)))
    assert manifest_of(pdf)["skipped"] == [
        "bad.json:1: not JSON: Expecting property name enclosed in double quotes"
    ]
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out
    assert (
        "the lists of skipped files and of notes on the files are printed as the manifest "
        "records them: they describe files that are not attached"
    ) in out.splitlines()


def test_a_csv_column_the_reader_ignores_is_not_attached(tmp_path: Path) -> None:
    """`Name` (not `name`) and `email` match no question: the reader ignores them, and the
    attachment carried them, names and addresses, although no page prints them."""
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "organisation,role,Name,email,ca-1,ca-2\n"
        "Riverside,Lead,Ann Secret,ann@example.org,3,4\n"
        "Northshire,Lead,Bob Secret,bob@example.org,2,4\n"
    )
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(str(answers), "--questionnaire", "collaboration-maturity", "-o", str(pdf))
    assert code == 0, err
    attached = attachments_of(pdf)["answers.csv"].decode("utf-8")
    assert attached.splitlines() == [  # one Lead each: roles the page does not print
        "organisation,role,ca-1,ca-2",
        "Riverside,,3,4",
        "Northshire,,2,4",
    ]
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out


def test_json_keys_the_reader_ignores_are_not_attached(tmp_path: Path) -> None:
    """An `email` beside the respondent's name, or a `contact` at the top of the file: the
    reader ignores both, and the attachment carried them into the PDF."""
    source = sorted(RESPONSES.glob("*.json"))[0]
    answers = json.loads(source.read_text(encoding="utf-8"))
    answers["respondent"]["email"] = "ann@example.org"
    answers["contact"] = "Ann Secret, 01234 567890"
    answers["questionnaire"]["note"] = "from Ann Secret"
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps(answers))
    pdf = tmp_path / "scorecard.pdf"
    code, _, err = report(str(extra), "-o", str(pdf))
    assert code == 0, err
    attached = json.loads(attachments_of(pdf)["extra.json"])
    assert set(attached) == set(answers) - {"contact"}
    assert set(attached["respondent"]) == {"organisation"}  # its lone role is not printed
    assert set(attached["questionnaire"]) == {"id", "version"}
    assert attached["answers"] == answers["answers"]
    code, out, _ = invoke("verify", str(pdf))
    assert code == 0, out
