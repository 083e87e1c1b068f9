"""`selfassess verify` on hostile PDFs: too many attachments, attachments that inflate without
bound, and manifests with fields of the wrong type or out of range get one line, never a
traceback or gigabytes of memory."""

from __future__ import annotations

import io
import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from pdf_support import attachments_of, invoke, with_attachments
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, NumberObject
from shared_scorecards import Scorecards

import selfassess.report.pdf_text


@pytest.fixture(scope="module")
def scorecard(scorecards: Scorecards) -> Path:
    """The example scorecard, made once per run: each test changes its own copy of the bytes."""
    made = scorecards.example()
    assert made.code == 0, made.err
    return made.pdf


def verify(pdf: bytes, tmp_path: Path) -> tuple[int, str, str]:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(pdf)
    return invoke("verify", str(path))


def deflated_zeros(megabytes: int) -> bytes:
    """`megabytes` MB of zero bytes, deflated (about a thousandth of the size)."""
    squeeze = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    return b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()


def pdf_with_bombs(count: int, megabytes: int) -> bytes:
    """A one-page PDF with `count` attachments, each inflating to `megabytes` MB."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    bomb = deflated_zeros(megabytes)
    for i in range(count):
        writer.add_attachment(f"answers-{i}.json", b"{}")
    tree = writer._root_object["/Names"].get_object()["/EmbeddedFiles"].get_object()["/Names"]
    for i in range(1, len(tree), 2):
        stream = tree[i].get_object()["/EF"]["/F"].get_object()
        stream.set_data(b"")
        raw = DecodedStreamObject()
        raw.set_data(bomb)
        raw[NameObject("/Filter")] = NameObject("/FlateDecode")
        raw[NameObject("/Length")] = NumberObject(len(bomb))
        tree[i].get_object()["/EF"][NameObject("/F")] = writer._add_object(raw)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_attachments_that_inflate_past_the_cap_are_refused_in_one_line(tmp_path: Path) -> None:
    pdf = pdf_with_bombs(40, 70)  # 40 x 70 MB: 2.8 GB decompressed, from about 3 MB
    assert len(pdf) < 4 * 1024 * 1024
    code, out, err = verify(pdf, tmp_path)
    assert (code, out) == (1, "")
    assert err.strip() == (
        f"error: {tmp_path / 'hostile.pdf'}: its attachments come to more than 100 MB "
        "decompressed (at answers-1.json); refused unread"
    )


def test_more_attachments_than_the_cap_are_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selfassess.report.pdf_text, "MAX_ATTACHMENTS", 40)
    code, out, err = verify(pdf_with_bombs(41, 0), tmp_path)
    assert (code, out) == (1, "")
    assert err.strip() == (
        f"error: {tmp_path / 'hostile.pdf'}: carries more than 40 attachments; refused unread"
    )


def changed_manifest(scorecard: Path, change: Any) -> bytes:
    files = attachments_of(scorecard)
    manifest = json.loads(files["manifest.json"])
    change(manifest)
    files["manifest.json"] = json.dumps(manifest).encode()
    return with_attachments(scorecard, files)


def setter(path: str, value: Any) -> Any:
    def change(manifest: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = manifest
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (
            "privacy.min_group_size",
            0,
            "privacy.min_group_size should be a whole number of 1 or more, not 0",
        ),
        (
            "privacy.min_organisation_size",
            -2,
            "privacy.min_organisation_size should be a whole number of 1 or more, not -2",
        ),
        (
            "privacy.min_group_size",
            "3",
            "privacy.min_group_size should be a whole number of 1 or more, not '3'",
        ),
        (
            "privacy.min_group_size",
            True,
            "privacy.min_group_size should be a whole number of 1 or more, not true",
        ),
        ("privacy.anonymised", "no", "privacy.anonymised should be true or false, not 'no'"),
        ("inputs", "all of them", "inputs should be a list, not 'all of them'"),
        ("inputs.0", 7, "inputs[0] should be a table of fields, not 7"),
        ("inputs.0.sha256", 12, "inputs[0].sha256 should be text, not 12"),
        ("inputs.3.round", None, "inputs[3].round is missing; expected text"),
        ("options", ["--quiet"], "options should be a table of fields, not a list"),
        ("options.title", {"a": 1}, "options.title should be text, not a table of fields"),
        ("questionnaire", None, "questionnaire is missing; expected a table of fields"),
        ("skipped", [1], "skipped[0] should be text, not 1"),
        ("inputs_attached", "yes", "inputs_attached should be true or false, not 'yes'"),
    ],
)
def test_a_manifest_field_of_the_wrong_type_is_not_verified_with_its_place(
    scorecard: Path, tmp_path: Path, path: str, value: Any, problem: str
) -> None:
    code, out, err = verify(changed_manifest(scorecard, setter(path, value)), tmp_path)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "not verified: manifest.json is not as selfassess writes it",
        f"- {problem}",
    ]


def test_two_attachments_of_one_name_are_refused_in_one_line(
    scorecard: Path, tmp_path: Path
) -> None:
    """A viewer lists both; verify read only the first, so a second copy with other answers
    (the one a reader opens, perhaps) passed unseen."""
    files = attachments_of(scorecard)
    name = next(n for n in files if n.endswith(".json") and n != "manifest.json")
    altered = json.loads(files[name])
    altered["answers"] = {key: 1 for key in altered["answers"]}
    writer = PdfWriter(clone_from=io.BytesIO(with_attachments(scorecard, files)))
    writer.add_attachment(name, json.dumps(altered).encode())
    out = io.BytesIO()
    writer.write(out)
    code, stdout, err = verify(out.getvalue(), tmp_path)
    assert (code, stdout) == (1, "")
    assert err.strip() == (
        f"error: {tmp_path / 'hostile.pdf'}: carries two attachments named {name}: which one "
        "the report was made from cannot be told; refused"
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("options.title", "Scorecard " * 20_000),  # printed on the cover and in every footer
        ("skipped", ["x.json: not JSON"] * 50_000),  # the method page lists each
    ],
)
def test_a_manifest_asking_for_far_more_text_than_the_pages_print_is_not_laid_out(
    scorecard: Path, tmp_path: Path, path: str, value: Any
) -> None:
    """Fields that are of the right type but would make the rebuilt scorecard hundreds of
    pages long: refused before WeasyPrint lays it out (a list of 100,000 skipped files ran for
    over five minutes; a long title ended in a traceback from the PDF reader)."""
    code, out, err = verify(changed_manifest(scorecard, setter(path, value)), tmp_path)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "not verified: 1 problem(s)"
    assert re.fullmatch(
        r"- the scorecard rebuilt from the inputs holds \d+ characters of text, "
        r"the pages \d+: not laid out",
        lines[1],
    )


def test_a_manifest_listing_one_attachment_for_two_files_is_not_verified(
    scorecard: Path, tmp_path: Path
) -> None:
    """Scoring counts identical files once, so the figures still matched and verify said
    "verified: 26 inputs" of a scorecard made from 25."""

    def twice(manifest: dict[str, Any]) -> None:
        manifest["inputs"].append(dict(manifest["inputs"][0], file="another.json"))

    code, out, _ = verify(changed_manifest(scorecard, twice), tmp_path)
    name = json.loads(attachments_of(scorecard)["manifest.json"])["inputs"][0]["attachment"]
    assert code == 1
    assert out.splitlines()[:2] == [
        "not verified: 1 problem(s)",
        f"- another.json: its attachment {name} is listed for another file too",
    ]
