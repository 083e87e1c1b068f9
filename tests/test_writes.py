"""Every command that writes touches only the file or folder it was given, and atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

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


# ---------------------------------------------------------------- output files


def report_to(option: str, target: Path | str) -> Result:
    return CliRunner().invoke(cli, ["report", str(EXAMPLES), option, str(target), "--quiet"])


def special_outputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Paths that exist and are not regular files, with what the refusal calls each."""
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    (tmp_path / "real.pdf").write_bytes(b"mine")
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "real.pdf")
    device_link = tmp_path / "null.pdf"
    device_link.symlink_to("/dev/null")
    return {
        "fifo": (fifo, "is a named pipe (FIFO), not a regular file; not replacing it"),
        "device": (Path("/dev/null"), "is a device, not a regular file; not replacing it"),
        "folder": (folder, "is a folder; give a file name ending in"),
        "symlink to a file": (link, "is a symbolic link, not a regular file"),
        "symlink to a device": (device_link, "is a symbolic link, not a regular file"),
    }


@pytest.mark.parametrize("option", ["-o", "--html"])
@pytest.mark.parametrize(
    "kind", ["fifo", "device", "folder", "symlink to a file", "symlink to a device"]
)
def test_report_replaces_only_a_regular_file_or_nothing(
    tmp_path: Path, option: str, kind: str
) -> None:
    """Refused before anything is opened: /dev/null is only ever lstat-ed here."""
    target, reason = special_outputs(tmp_path)[kind]
    before = {p.name: os.lstat(p).st_mode for p in tmp_path.iterdir()}
    result = report_to(option, target)
    assert result.exit_code == 1, result.output
    assert result.output == f"error: {target}: {result.output.split(': ', 2)[2]}"
    assert reason in result.output
    assert len(result.output.splitlines()) == 1
    assert {p.name: os.lstat(p).st_mode for p in tmp_path.iterdir()} == before
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert (tmp_path / "real.pdf").read_bytes() == b"mine"


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder no file can be created in: a read-only one, or for root (who ignores
    permissions) /sys/kernel, which the kernel keeps closed to everyone."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        return folder
    if not Path("/sys/kernel").is_dir():
        pytest.skip("running as root and no /sys/kernel to stand for an unwritable folder")
    return Path("/sys/kernel")


@pytest.mark.parametrize("option", ["-o", "--html"])
def test_an_unwritable_folder_is_one_line_not_a_traceback(tmp_path: Path, option: str) -> None:
    target = unwritable_folder(tmp_path) / "scorecard.out"
    result = report_to(option, target)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"error: {target}: cannot be written: folder ")
    assert "Permission denied" in result.output or "Read-only" in result.output
    assert len(result.output.splitlines()) == 1
    assert not target.exists()


def test_new_into_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    target = unwritable_folder(tmp_path) / "bank.yaml"
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {target}: cannot be written: ")
    assert len(result.output.splitlines()) == 1
