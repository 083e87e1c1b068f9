"""Command-line arguments -> the files they mean: folders, files and globs the shell left alone.

Design: expanding arguments is separate from reading files, so banks and answer files share it
and a folder is read the same way by every command. Nothing here opens a file; a path that
does not exist is passed on, for the reader to refuse by name.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from selfassess.core.errors import SelfassessError
from selfassess.inputs.response_formats import known_suffixes


def expand_bank_paths(paths: Sequence[str]) -> list[Path]:
    """Bank arguments: files, and folders meaning every *.yaml inside them."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise SelfassessError.at(path, "folder holds no *.yaml question banks")
            out.extend(found)
        else:
            out.append(path)
    return out


def expand_input_paths(args: Sequence[str], suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """Response arguments: files, folders (every file of a known answer format inside them)
    and unexpanded globs. `suffixes` defaults to those of the registered answer formats."""
    if suffixes is None:
        suffixes = known_suffixes()
    out: list[Path] = []
    for raw in args:
        path = Path(raw)
        if path.is_dir():
            # Not only regular files: a FIFO or a looping link named *.json is then refused
            # by name (or skipped, saying so), not left out in silence. Sub-folders are not
            # answer files.
            out.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and not p.is_dir())
            )
        elif not path.exists() and glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            if not matches:
                raise SelfassessError.at(raw, "pattern matches no files")
            out.extend(m for m in matches if not m.is_dir())
        else:
            out.append(path)
    return out
