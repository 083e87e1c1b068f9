"""`report --workshop` (and rounds) in the audit trail: the workshop file attached and listed in
the manifest, `verify` rebuilding "What we agreed" from it and naming it when it is missing or
changed; under --anonymise-organisations withheld as the answer files are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_support import (
    RESPONSES,
    ROOT,
    attachments_of,
    invoke,
    pdf_text,
    report,
    with_attachment_changed,
    with_attachments,
)

WORKSHOP = ROOT / "examples" / "workshops" / "2026-11-workshop.json"
ATTACHED = "workshop-2026-11-workshop.json"


def make(folder: Path, *extra: str) -> Path:
    pdf = folder / "scorecard.pdf"
    code, _, err = report(str(RESPONSES), "-o", str(pdf), "-q", "--workshop", str(WORKSHOP), *extra)
    assert code == 0, err
    return pdf


@pytest.fixture(scope="module")
def scorecard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("workshop"))


def verify(pdf: Path | bytes, tmp_path: Path, *extra: str) -> tuple[int, str]:
    if isinstance(pdf, bytes):
        path = tmp_path / "changed.pdf"
        path.write_bytes(pdf)
        pdf = path
    code, out, _ = invoke("verify", str(pdf), *extra)
    return code, out


def test_the_workshop_file_is_attached_as_read_and_listed_in_the_manifest(
    scorecard: Path,
) -> None:
    files = attachments_of(scorecard)
    assert files[ATTACHED] == WORKSHOP.read_bytes()
    manifest = json.loads(files["manifest.json"])
    [entry] = manifest["workshops"]
    assert (entry["round"], entry["file"], entry["attachment"]) == (
        "responses",
        WORKSHOP.name,  # an absolute path cut to the file's name
        ATTACHED,
    )
    assert manifest["options"]["workshop"] == WORKSHOP.name  # absolute paths cut to the name


def test_the_pages_say_what_the_partners_agreed(scorecard: Path) -> None:
    text = pdf_text(scorecard)
    assert "What we agreed November 2026: the partners’ workshop on 26 November 2026." in text
    assert (
        "The partners agreed Emerging, two levels below what the survey shows (Established)."
        in text
    )
    assert "Not agreed" in text and "Not set" in text and "In progress" in text


def test_a_scorecard_with_a_workshop_verifies_page_for_page(
    scorecard: Path, tmp_path: Path
) -> None:
    code, out = verify(scorecard, tmp_path)
    assert code == 0, out
    assert out.startswith("verified: 26 inputs")  # 25 answer files and the workshop file
    assert "every figure, name, level and sentence on the" in out


def test_a_changed_workshop_file_is_named(scorecard: Path, tmp_path: Path) -> None:
    changed = WORKSHOP.read_bytes().replace(b'"emerging"', b'"established"')
    code, out = verify(with_attachment_changed(scorecard, ATTACHED, changed), tmp_path)
    assert code == 1
    assert (
        f"- {WORKSHOP.name}: the attached file differs from the one the report was made from "
        f"(SHA-256 mismatch in {ATTACHED})"
    ) in out


def test_a_missing_workshop_file_is_named(scorecard: Path, tmp_path: Path) -> None:
    files = attachments_of(scorecard)
    del files[ATTACHED]
    code, out = verify(with_attachments(scorecard, files), tmp_path)
    assert code == 1
    assert f"missing attachment {ATTACHED}" in out


def test_anonymised_the_workshop_file_is_withheld_and_names_no_organisation(
    tmp_path: Path,
) -> None:
    pdf = make(tmp_path, "--anonymise-organisations")
    files = attachments_of(pdf)
    assert ATTACHED not in files
    manifest = json.loads(files["manifest.json"])
    assert manifest["workshops"][0]["file"] == "workshop file 1.json"
    assert manifest["options"]["workshop"] == "1 argument, withheld"
    assert "and so do the workshop files" in manifest["inputs_withheld_because"]
    text = pdf_text(pdf)
    agreed = text[text.index("What we agreed November 2026") :]
    assert "Northshire" not in agreed and "Riverside" not in agreed
    assert "Partner" in agreed
    code, out = verify(pdf, tmp_path, "--inputs", str(RESPONSES), "--inputs", str(WORKSHOP))
    assert code == 0, out
