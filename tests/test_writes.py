"""Every command that writes touches only the file or folder it was given, and atomically."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfassess.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples" / "responses"
SOURCE = Path(__file__).parent.parent / "src" / "selfassess"

# What writing a file by hand looks like: only pages/writing.py may do it.
HAND_WRITTEN = re.compile(
    r"\bfsync\(|os\.replace\(|mkstemp\(|\.write_(?:bytes|text)\(|open\([^)]*[\"'][wax]b?[\"']"
)


def test_every_output_file_is_written_by_the_one_writer() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path != SOURCE / "pages" / "writing.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_WRITTEN.search(line)
    ]
    assert found == []


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


def test_theme_new_into_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    target = unwritable_folder(tmp_path) / "brand"
    result = CliRunner().invoke(cli, ["theme", "new", str(target)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"error: {target}: cannot write the theme: ")
    assert len(result.output.splitlines()) == 1
    assert not target.exists()


# ---------------------------------------------------------------- the site folder


def build_into(out: Path, *banks: str) -> Result:
    return CliRunner().invoke(cli, ["build", *banks, "-o", str(out)])


# A build cut short at each step of its swap, by a real process exit (no cleanup runs): the
# name of the function that dies, and which call of it.
CRASHES = {
    "while writing the pages": ("_write_file", 3),
    "between the two renames": ("os.rename", 2),
    "before the old site is removed": ("_remove_site", 1),
}
CRASHING_BUILD = """
import os, sys
from pathlib import Path
from selfassess.pages import site
from selfassess.inputs.banks import bundled_banks
from selfassess.pages.themes import load_theme

where, nth = sys.argv[2], int(sys.argv[3])
owner = site.os if where == "os.rename" else site
name = where.split(".")[-1]
real, calls = getattr(owner, name), 0

def dying(*args):
    global calls
    calls += 1
    if calls == nth:
        os._exit(9)
    return real(*args)

setattr(owner, name, dying)
site.build_site([b.questionnaire for b in bundled_banks()][:1], Path(sys.argv[1]), load_theme())
"""


@pytest.mark.parametrize("crash", list(CRASHES))
def test_the_next_build_recovers_from_a_build_killed_mid_swap(tmp_path: Path, crash: str) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    (out / "scorecard.pdf").write_bytes(b"%PDF- a file of the user's, carried over")
    before = snapshot(out)
    where, nth = CRASHES[crash]
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_BUILD)
    died = subprocess.run([sys.executable, str(script), str(out), where, str(nth)], check=False)
    assert died.returncode == 9
    left = {p.name for p in tmp_path.iterdir()} - {"crash.py"}
    assert left != {"site"}  # the crash left something to recover from
    if crash == "between the two renames":
        assert not out.exists()  # no site at all until the next build
    result = build_into(out)
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {"site", "crash.py"}
    assert snapshot(out) == before


def test_a_site_stranded_between_the_renames_is_put_back_even_if_the_next_build_fails(
    tmp_path: Path, starter_text: str
) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    os.rename(out, tmp_path / ".site.old")  # what a crash between the two renames leaves
    bank = tmp_path / "index.yaml"
    bank.write_text(starter_text.replace("id: starter", "id: index"))
    result = build_into(out, str(bank))
    assert "would overwrite the landing page" in result.output and result.exit_code == 1
    assert {p.name for p in tmp_path.iterdir()} == {"site", "index.yaml"}
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_folder_in_the_way_that_is_not_a_site_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / ".site.old").mkdir()
    (tmp_path / ".site.old" / "thesis.docx").write_text("years of work")
    result = build_into(tmp_path / "site")
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path}/.site.old: is in the way")
    assert len(result.output.splitlines()) == 1
    assert (tmp_path / ".site.old" / "thesis.docx").read_text() == "years of work"
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("added", ["notes.txt", "collaboration-maturity.yaml", "scorecard.pdf"])
def test_a_rebuild_carries_over_a_file_it_did_not_write(tmp_path: Path, added: str) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    (out / added).write_text("mine")
    (out / added).chmod(0o600)
    result = build_into(out, "collaboration-pulse")
    assert result.exit_code == 0, result.output
    assert (out / added).read_text() == "mine"
    assert stat.S_IMODE((out / added).stat().st_mode) == 0o600
    assert not (out / "collaboration-maturity.html").exists()  # the old build's page went
    assert build_into(out).exit_code == 0  # and again: still not ours, still kept
    assert (out / added).read_text() == "mine"
    assert {p.name for p in tmp_path.iterdir()} == {"site"}


def test_make_demo_can_run_twice_with_the_scorecard_in_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    (out / "example-scorecard.pdf").write_bytes(b"%PDF-1.7 made by selfassess report")
    assert build_into(out).exit_code == 0
    assert (out / "example-scorecard.pdf").read_bytes() == b"%PDF-1.7 made by selfassess report"


@pytest.mark.parametrize("added", ["images/logo.png", "link.html"])
def test_a_rebuild_refuses_what_it_cannot_carry_over(tmp_path: Path, added: str) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    if added == "link.html":
        (out / added).symlink_to(tmp_path / "elsewhere.html")
    else:
        (out / added).parent.mkdir()
        (out / added).write_text("mine")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = build_into(out, "collaboration-pulse")
    assert result.exit_code == 1
    named = out / added.split("/")[0]
    assert result.output.startswith(f"error: {named}: was not written by selfassess and, ")
    assert len(result.output.splitlines()) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert {p.name for p in tmp_path.iterdir()} == {"site"}


def test_a_rebuild_refuses_a_file_of_the_users_that_a_new_page_would_overwrite(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    assert build_into(out, "collaboration-pulse").exit_code == 0
    mine = out / "collaboration-maturity.html"
    mine.write_text("my own page")
    result = build_into(out, "collaboration-maturity")
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {mine}: was not written by selfassess, and this ")
    assert mine.read_text() == "my own page"


def test_building_a_bank_kept_in_the_site_folder_keeps_the_bank(
    tmp_path: Path, starter_text: str
) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    bank = out / "starter.yaml"
    bank.write_text(starter_text)
    result = build_into(out, str(bank))
    assert result.exit_code == 0, result.output
    assert bank.read_text() == starter_text
    assert (out / "starter.html").is_file()


def test_a_site_built_before_the_marker_listed_its_pages_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_into(out).exit_code == 0
    (out / ".selfassess-site").write_text("built by selfassess 0.9.0\n")  # the old marker
    assert build_into(out, "collaboration-pulse").exit_code == 0
    marker = (out / ".selfassess-site").read_text().splitlines()
    assert sorted(marker[1:]) == sorted(p.name for p in out.iterdir() if p.suffix == ".html")


@pytest.mark.parametrize("mode", [0o700, 0o750, 0o755])
def test_building_and_rebuilding_keep_the_folders_mode(tmp_path: Path, mode: int) -> None:
    out = tmp_path / "site"
    out.mkdir()
    out.chmod(mode)
    assert build_into(out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert build_into(out, "collaboration-pulse").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_new_site_folder_gets_the_mode_mkdir_would_give(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        assert build_into(tmp_path / "site").exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o750


@pytest.mark.parametrize("given", [".", "..", "/"])
def test_build_refuses_the_current_folder_its_parents_and_the_root(
    tmp_path: Path, given: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The swap replaces the whole -o folder: the current folder would be swapped away under
    the user's shell (the next command there fails), and `/` has no name to build beside."""
    here = tmp_path / "site"
    here.mkdir()
    monkeypatch.chdir(here)
    result = build_into(Path(given))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    shown = os.path.abspath(given)
    assert result.output.startswith(f"error: {shown}: "), result.output
    assert "-o" in result.output and len(result.output.splitlines()) == 1
    assert list(here.iterdir()) == [] and here.is_dir() and Path.cwd() == here


def test_building_into_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    out = unwritable_folder(tmp_path) / "site"
    result = build_into(out)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {out}: cannot write the site: ")
    assert len(result.output.splitlines()) == 1
    assert not out.exists()
