"""Scorecards made once per test run: `report` with the same arguments (on the same day) writes
the same scorecard, so every test that reads it reads one copy; and `verify` of an untampered
copy says the same thing each time, so its answer is shared too.

Laying out a scorecard takes seconds of CPU, and `verify` lays it out again: about forty tests
read the example scorecard. The copies live in the run's own temporary folder, which
pytest-xdist's workers share (the first worker to ask makes a scorecard while the other waits on
its lock file). A test that tampers with one works on its bytes and writes its own file; each
copy's SHA-256 is checked whenever it is handed out, so a test that changed one would fail. tests/conftest.py loads this module as a plugin: the fixture is `scorecards`.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_support import PARTNERSHIP, RESPONSES, invoke

Result = tuple[int, str, str]  # exit code, stdout, stderr


@dataclass(frozen=True)
class Made:
    """What one `report` wrote and said: its PDF and HTML (read-only), exit code and output."""

    pdf: Path
    html: Path
    code: int
    out: str
    err: str

    @property
    def result(self) -> Result:
        return self.code, self.out, self.err


class Scorecards:
    """`report` and `verify` run once per distinct command line in a test run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def report(self, *args: str, pdf: bool = True, html: bool = False) -> Made:
        """`selfassess report ARGS -o scorecard.pdf [--html scorecard.html]`, made once."""
        place = self._place("report", [*args, str(pdf), str(html)])
        outputs = ["-o", str(place / "scorecard.pdf")] if pdf else []
        outputs += ["--html", str(place / "scorecard.html")] if html else []

        def run() -> Result:
            return invoke("report", *args, *outputs)

        code, out, err = self._once(place, run)
        return Made(place / "scorecard.pdf", place / "scorecard.html", code, out, err)

    def example(self, *extra: str) -> Made:
        """The example round's scorecard, partnership named, as PDF and HTML, with `extra`
        options: `report examples/responses --partnership NAME EXTRA -o ... --html ...`."""
        return self.report(str(RESPONSES), "--partnership", PARTNERSHIP, *extra, html=True)

    def verify(self, made: Made, *args: str) -> Result:
        """`selfassess verify` of a shared, untampered scorecard, run once per ARGS."""
        place = self._place("verify", [str(made.pdf), *args])
        return self._once(place, lambda: invoke("verify", str(made.pdf), *args))

    def _place(self, command: str, key: list[str]) -> Path:
        digest = hashlib.sha256(json.dumps([command, *key]).encode()).hexdigest()[:20]
        return self.folder / f"{command}-{digest}"

    def _once(self, place: Path, run: Callable[[], Result]) -> Result:
        said = place / "said.json"
        with locked(place.with_suffix(".lock")):
            if not said.is_file():
                place.mkdir(exist_ok=True)
                result = run()
                files = {made.name: _sha256(made) for made in sorted(place.iterdir())}
                said.write_text(json.dumps({"result": result, "files": files}), encoding="utf-8")
            record = json.loads(said.read_text(encoding="utf-8"))
        for name, digest in record["files"].items():  # no test may change a shared copy
            assert _sha256(place / name) == digest, f"a test changed the shared {place / name}"
        code, out, err = record["result"]
        return code, out, err


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """`name` in this run's temporary folder, one for every pytest-xdist worker of the run."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's basetemp sits in the run's own
        base = base.parent
    return base / name


@pytest.fixture(scope="session")
def scorecards(tmp_path_factory: pytest.TempPathFactory) -> Scorecards:
    """The run's shared scorecards."""
    return Scorecards(run_folder(tmp_path_factory, "shared-scorecards"))
