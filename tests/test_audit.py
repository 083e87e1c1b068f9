"""The audit trail inside the scorecard PDF: the exact inputs, the questionnaire, a manifest."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from pdf_support import (
    BASELINE,
    PARTNERSHIP,
    RESPONSES,
    ROOT,
    attachments_of,
    reader_of,
    report,
)
from shared_scorecards import Scorecards

from selfassess import __version__
from selfassess.inputs.paths import expand_input_paths
from selfassess.report.attached_copies import WITHHELD_ANSWER, WITHHELD_COMMENT
from selfassess.report.audit import differences, unique_name

BANK_FILE = ROOT / "src" / "selfassess" / "questionnaires" / "collaboration-maturity.yaml"
# The example's groups below three (police, two; seniority "other", one) and the one hidden
# with each (schools; senior managers): the scorecard does not show them, so the attached
# copies leave those answers out.
HIDDEN_GROUPS = {"sector": {"police-fire", "school"}, "seniority": {"senior", "other"}}
ORGANISATIONS = (
    "Northshire County Council",
    "Northshire Hospitals NHS Trust",
    "Northshire Community Health NHS Trust",
    "Northshire Police",
    "Northshire Schools Trust",
    "Northshire Voluntary Action",
    "Riverside",
)


def render(scorecards: Scorecards, *extra: str) -> dict[str, bytes]:
    """The files embedded in the example scorecard made with `extra` (made once per run)."""
    made = scorecards.example(*extra)
    assert made.code == 0, made.err
    return attachments_of(made.pdf)


@pytest.fixture(scope="module")
def attached(scorecards: Scorecards) -> dict[str, bytes]:
    return render(scorecards, "--baseline", str(BASELINE))


def manifest_of(files: dict[str, bytes]) -> dict[str, object]:
    manifest = json.loads(files["manifest.json"])
    assert isinstance(manifest, dict)
    return manifest


def test_the_answer_files_are_attached_as_read_less_the_respondents_names(
    attached: dict[str, bytes],
) -> None:
    """Byte for byte where the file names nobody and its comments are printed; otherwise the
    same JSON without respondent.name, without the roles the page does not print, and with the
    comments the page withholds replaced
    (see test_audit_privacy.py), its SHA-256 in the manifest too."""
    entries = {entry["attachment"]: entry for entry in manifest_of(attached)["inputs"]}  # type: ignore[attr-defined]
    rounds = [("", expand_input_paths([str(RESPONSES)]))]
    rounds += [("baseline-", expand_input_paths([str(BASELINE)]))]
    for prefix, paths in rounds:
        for path in paths:
            copy = attached[prefix + path.name]
            entry = entries[prefix + path.name]
            if path.suffix == ".csv":  # its name column goes: see test_audit_privacy.py
                header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
                assert copy.decode().splitlines()[0].split(",") == [
                    h for h in header if h.strip() != "name"
                ]
                continue
            original = json.loads(path.read_bytes())
            withheld = prefix == "baseline-" or path.name.startswith("northshire-police-")
            if withheld and "comments" in original:  # the page prints none (test_audit_privacy)
                original["comments"] = {
                    key: WITHHELD_COMMENT if text.strip() else text
                    for key, text in original.get("comments", {}).items()
                }
            if withheld and "ca-open" in original.get("answers", {}):  # text answers: likewise
                original["answers"]["ca-open"] = WITHHELD_ANSWER
            for question, hidden in HIDDEN_GROUPS.items():
                if original.get("background", {}).get(question) in hidden:
                    del original["background"][question]  # a group the page hides
            # no role in the examples is shared by 3 people of one organisation: the page prints
            # none, and the copies carry none (test_audit_privacy.py)
            unchanged = original == json.loads(path.read_bytes()) and not (
                {"name", "role"} & set(original["respondent"])
            )
            if unchanged:
                assert copy == path.read_bytes(), path.name
                assert "attached_sha256" not in entry
                continue
            original["respondent"].pop("name", None)
            original["respondent"].pop("role", None)
            assert json.loads(copy) == original, path.name
            assert entry["attached_sha256"] == hashlib.sha256(copy).hexdigest()
            assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_questionnaire_is_attached_as_it_was_read(attached: dict[str, bytes]) -> None:
    assert attached["collaboration-maturity.yaml"] == BANK_FILE.read_bytes()


def test_the_manifest_names_the_tool_bank_inputs_and_date(attached: dict[str, bytes]) -> None:
    manifest = manifest_of(attached)
    assert manifest["format"] == "selfassess-scorecard-manifest/1"
    assert manifest["tool"] == {"name": "selfassess", "version": __version__}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(manifest["created"]))
    assert manifest["questionnaire"] == {
        "id": "collaboration-maturity",
        "version": "2.0",
        "file": "collaboration-maturity.yaml",
        "sha256": hashlib.sha256(BANK_FILE.read_bytes()).hexdigest(),
        "attachment": "collaboration-maturity.yaml",
    }
    inputs = manifest["inputs"]
    assert isinstance(inputs, list)
    paths = expand_input_paths([str(RESPONSES)]) + expand_input_paths([str(BASELINE)])
    assert len(inputs) == len(paths)
    for entry, path in zip(inputs, paths, strict=True):
        assert entry["file"] == path.name  # given as absolute: the folder is not recorded
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
    assert {e["round"] for e in inputs} == {"responses", "baseline"}
    assert manifest["inputs_attached"] is True


def test_the_manifest_records_the_options_as_given(attached: dict[str, bytes]) -> None:
    options = manifest_of(attached)["options"]
    assert isinstance(options, dict)
    assert options["partnership"] == PARTNERSHIP
    assert options["baseline"] == [BASELINE.name]  # absolute paths: the file's name only
    assert options["files"] == [RESPONSES.name]
    assert options["min_group_size"] is None  # not given: the bank's own
    assert options["pdf_variant"] == "pdf/ua-1"
    assert (options["show_names"], options["no_attach"]) == (False, False)
    assert manifest_of(attached)["privacy"] == {
        "min_group_size": 3,
        "min_organisation_size": 1,
        "anonymised": False,
    }


def test_the_manifest_holds_the_figures_as_printed(attached: dict[str, bytes]) -> None:
    printed = manifest_of(attached)["printed"]
    assert isinstance(printed, dict)
    partnership = printed["partnership"]
    assert (partnership["overall"], partnership["level"]) == ("49", "Developing")
    assert partnership["principles"]["parity"]["score"] == "42"
    assert partnership["baseline"]["overall"] == {"baseline": "45", "now": "49", "change": "+4"}
    organisations = printed["organisations"]
    assert organisations["weakest_organisation"] == {
        "organisation": "Riverside Care Homes Group",
        "score": "27",
    }
    assert organisations["heat_maps"]["parity"]["Riverside Care Homes Group"]["Score"] == "27"


def test_without_attach_only_the_questionnaire_and_manifest_are_embedded(
    scorecards: Scorecards,
) -> None:
    files = render(scorecards, "--no-attach")
    assert sorted(files) == ["collaboration-maturity.yaml", "manifest.json"]
    manifest = manifest_of(files)
    assert manifest["inputs_attached"] is False
    assert manifest["inputs_withheld_because"] == "--no-attach"
    inputs = manifest["inputs"]
    assert isinstance(inputs, list) and len(inputs) == len(expand_input_paths([str(RESPONSES)]))
    assert all(e["attachment"] is None and len(e["sha256"]) == 64 for e in inputs)


def test_anonymised_the_inputs_stay_out_and_nothing_attached_names_an_organisation(
    scorecards: Scorecards,
) -> None:
    files = render(scorecards, "--anonymise-organisations", "--baseline", str(BASELINE))
    assert sorted(files) == ["collaboration-maturity.yaml", "manifest.json"]
    manifest = files["manifest.json"].decode("utf-8")
    for name in ORGANISATIONS:
        assert name.casefold() not in manifest.casefold()
    assert '"inputs_withheld_because": "--anonymise-organisations' in manifest
    assert '"file": "responses file 1.json"' in manifest
    assert '"file": "responses file 25.csv"' in manifest  # the suffix says how to read it


def test_a_report_without_a_pdf_embeds_nothing_anywhere(tmp_path: Path) -> None:
    html = tmp_path / "s.html"
    code, _, err = report(str(RESPONSES), "--html", str(html), "--quiet")
    assert code == 0, err
    assert "manifest" not in html.read_text(encoding="utf-8")


def test_attachments_are_embedded_in_the_archival_variant_too(scorecards: Scorecards) -> None:
    made = scorecards.example("--pdf-variant", "pdf/a-3b")
    assert made.code == 0, made.err
    pdf = made.pdf
    root = reader_of(pdf).trailer["/Root"]
    # PDF/A-3's associated files (WeasyPrint 70 lists each twice; the set is what counts)
    assert len({ref.idnum for ref in root["/AF"]}) == len(attachments_of(pdf))
    relationships = {
        str(f.get_object()["/UF"]): str(f.get_object()["/AFRelationship"]) for f in root["/AF"]
    }
    assert relationships["manifest.json"] == "/Supplement"
    assert relationships["collaboration-maturity.yaml"] == "/Source"


def test_a_second_file_of_the_same_name_gets_its_own_attachment_name() -> None:
    used: set[str] = set()
    assert [unique_name(n, used) for n in ("a.json", "a.json", "a.json", "b.csv")] == [
        "a.json",
        "a-2.json",
        "a-3.json",
        "b.csv",
    ]


def test_differences_name_the_path_to_each_figure_that_differs() -> None:
    printed = {"a": {"b": "1", "c": "2"}, "d": "x"}
    derived = {"a": {"b": "1", "c": "3"}, "e": "y"}
    assert differences(printed, derived) == [
        (("a", "c"), "2", "3"),
        (("d",), "x", None),
        (("e",), None, "y"),
    ]
