"""Atomic writes: a temporary sibling, fsync, then rename; nothing half-written is ever seen."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from selfassess.errors import SelfassessError
from selfassess.starter import STARTER_BANK


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SelfassessError.at(path, f"folder {folder} does not exist")
    if path.is_dir():
        raise SelfassessError.at(path, "is a folder; give a file name")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp's 0600 would hide a shared report from others
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        if overwrite:
            os.replace(tmp_name, path)
        else:
            try:
                os.link(tmp_name, path)  # fails if path exists, unlike rename
            except FileExistsError:
                raise SelfassessError.at(path, "already exists; not overwriting it") from None
            os.unlink(tmp_name)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def _mode_for(path: Path) -> int:
    """The file's current permissions when replacing it, else what open() would give (umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_new_bank(path: Path) -> None:
    if path.exists():
        raise SelfassessError.at(path, "already exists; not overwriting it")
    bank_id = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-") or "my-bank"
    text = STARTER_BANK.format(bank_id=bank_id, filename=path.name)
    write_atomic(path, text.encode("utf-8"), overwrite=False)
