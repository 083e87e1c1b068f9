"""Command-line arguments -> files: folders, plain files and globs the shell left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.paths import expand_bank_paths, expand_input_paths


def test_a_folder_of_answers_means_its_json_and_csv_files_in_order(tmp_path: Path) -> None:
    for name in ("b.csv", "a.JSON", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.json").mkdir()
    assert expand_input_paths([str(tmp_path)]) == [tmp_path / "a.JSON", tmp_path / "b.csv"]


def test_a_glob_the_shell_left_alone_is_expanded(tmp_path: Path) -> None:
    (tmp_path / "r1.json").write_text("x", encoding="utf-8")
    (tmp_path / "r2.json").write_text("x", encoding="utf-8")
    assert expand_input_paths([str(tmp_path / "r*.json")]) == [
        tmp_path / "r1.json",
        tmp_path / "r2.json",
    ]


def test_a_glob_that_matches_nothing_is_refused(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.json")
    with pytest.raises(SelfassessError, match="pattern matches no files"):
        expand_input_paths([pattern])


def test_a_missing_file_is_passed_on_for_the_reader_to_refuse(tmp_path: Path) -> None:
    assert expand_input_paths([str(tmp_path / "gone.json")]) == [tmp_path / "gone.json"]


def test_a_folder_of_banks_means_its_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "b.yml").write_text("x", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    assert expand_bank_paths([str(tmp_path)]) == [tmp_path / "a.yaml", tmp_path / "b.yml"]


def test_a_folder_without_banks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SelfassessError, match="folder holds no"):
        expand_bank_paths([str(tmp_path)])
