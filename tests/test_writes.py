"""Every command that writes touches only the file or folder it was given, and atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfassess.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples" / "responses"


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run(folder: Path, *args: str) -> int:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code


def top_level(paths: set[str]) -> set[str]:
    return {p.split("/")[0] for p in paths}


@pytest.mark.parametrize(
    ("args", "created"),
    [
        pytest.param(["new", "{d}/bank.yaml"], {"bank.yaml"}, id="new"),
        pytest.param(["build", "-o", "{d}/site"], {"site"}, id="build"),
        pytest.param(["theme", "new", "{d}/my-theme"], {"my-theme"}, id="theme-new"),
        pytest.param(
            ["report", str(EXAMPLES), "-o", "{d}/s.pdf", "--html", "{d}/s.html", "--quiet"],
            {"s.pdf", "s.html"},
            id="report",
        ),
    ],
)
def test_a_command_creates_exactly_what_it_was_asked_to_and_no_stray_files(
    tmp_path: Path, args: list[str], created: set[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    before = snapshot(tmp_path)
    assert run(tmp_path, *[a.format(d=tmp_path) for a in args]) == 0
    added = snapshot(tmp_path) - before
    assert top_level(added) == created
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["build", "{d}/missing-bank.yaml", "-o", "{d}/site"], id="build-bad-bank"),
        pytest.param(
            ["report", "{d}/nothing.json", "-o", "{d}/s.pdf", "--quiet"], id="report-bad-input"
        ),
        pytest.param(
            ["report", str(EXAMPLES), "-o", "{d}/no-such-folder/s.pdf", "--quiet"],
            id="report-bad-output",
        ),
        pytest.param(["new", "{d}/keep.txt"], id="new-existing"),
        pytest.param(["theme", "new", "{d}/full"], id="theme-new-non-empty"),
    ],
)
def test_a_failing_command_writes_nothing_and_keeps_what_was_there(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.md").write_text("mine too")
    before = snapshot(tmp_path)
    assert run(tmp_path, *[a.format(d=tmp_path) for a in args]) == 1
    assert snapshot(tmp_path) == before
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert (tmp_path / "full" / "notes.md").read_text() == "mine too"


def test_rebuilding_a_site_replaces_it_without_leaving_the_old_one_beside_it(
    tmp_path: Path,
) -> None:
    assert run(tmp_path, "build", "-o", str(tmp_path / "site")) == 0
    first = snapshot(tmp_path)
    assert run(tmp_path, "build", "collaboration-pulse", "-o", str(tmp_path / "site")) == 0
    assert top_level(snapshot(tmp_path)) == {"site"}
    assert not (tmp_path / "site" / "collaboration-maturity.html").exists()
    assert first != snapshot(tmp_path)


def test_build_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "thesis.docx").write_text("years of work")
    assert run(tmp_path, "build", "-o", str(tmp_path / "site")) == 1
    assert (tmp_path / "site" / "thesis.docx").read_text() == "years of work"


def test_a_bank_id_cannot_name_a_page_outside_the_site(tmp_path: Path, starter_text: str) -> None:
    bank = tmp_path / "evil.yaml"
    bank.write_text(starter_text.replace("id: starter", "id: ../../evil"))
    assert run(tmp_path, "build", str(bank), "-o", str(tmp_path / "site")) == 1
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.parent.glob("evil*"))
