"""The one guarded file reader: every file a user names is refused the same way when it is not
a regular file of a sensible size, whatever kind of file the caller expects."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.branding import read_logo
from selfassess.inputs.files import read_file_bytes
from selfassess.inputs.responses import read_response_file


def refusal(read: Callable[[Path], object], path: Path) -> str:
    with pytest.raises(SelfassessError) as caught:
        read(path)
    return str(caught.value)


@pytest.mark.parametrize("read", [read_logo, read_response_file], ids=["logo", "answer file"])
def test_a_fifo_is_refused_by_every_reader_before_it_is_opened(
    tmp_path: Path, read: Callable[[Path], object]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert refusal(read, fifo) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_a_logo_keeps_its_own_words_for_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    assert refusal(read_logo, tmp_path) == f"{tmp_path}: is a folder; give a PNG or SVG logo file"
    missing = tmp_path / "logo.png"
    assert refusal(read_logo, missing) == f"{missing}: no such logo file"


def test_an_answer_file_that_is_a_folder_is_pointed_to_the_folder_argument(tmp_path: Path) -> None:
    assert refusal(read_response_file, tmp_path) == (
        f"{tmp_path}: is a folder, not a response file; pass it as a folder argument"
    )


def test_no_more_than_the_bound_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 2_000_001)
    with pytest.raises(SelfassessError) as caught:
        read_file_bytes(big, "response file", 1_000_000)
    assert str(caught.value) == f"{big}: is 3 MB; a response file may be at most 1 MB"
