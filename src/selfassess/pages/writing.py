"""Atomic writes: a temporary sibling, fsync, then rename; nothing half-written is ever seen.

The one writer of output files. A file goes through `write_atomic`; a folder (the site, a new
theme) is built beside its place and renamed in, and each file inside it goes through
`write_synced`, the same write-and-fsync step without a rename of its own (the folder's rename
is the atomic step).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from selfassess.core.errors import SelfassessError
from selfassess.pages.starter_bank import STARTER_BANK


def check_output_file(path: Path, hint: str = "give a file name") -> None:
    """Refuse an output path we must not replace: only a regular file, or nothing, may be there.

    A FIFO, a device (`/dev/null`), a socket, a folder or a symbolic link (to anything) is
    refused before it is opened or written: replacing it with a regular file would break what
    the user had, and as root `-o /dev/null` would replace /dev/null for everyone.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise SelfassessError.at(path, f"cannot be checked: {exc.strerror or exc}") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if stat.S_ISDIR(found.st_mode):
            raise SelfassessError.at(path, f"is a folder; {hint}")
        raise SelfassessError.at(
            path, f"is {_kind_of(found.st_mode)}, not a regular file; not replacing it: {hint}"
        )
    if not folder.is_dir():
        raise SelfassessError.at(path, f"folder {folder} does not exist")


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix."""
    check_output_file(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SelfassessError.at(
            path, f"cannot be written: folder {folder}: {exc.strerror or exc}"
        ) from None
    try:
        os.fchmod(fd, mode_for(path))  # mkstemp's 0600 would hide a shared report from others
        with os.fdopen(fd, "wb") as tmp:
            _write_and_sync(tmp, data)
        if overwrite:
            check_output_file(path)  # once more, just before: it may have changed meanwhile
            os.replace(tmp_name, path)
        else:
            try:
                os.link(tmp_name, path)  # fails if path exists, unlike rename
            except FileExistsError:
                raise SelfassessError.at(path, "already exists; not overwriting it") from None
            os.unlink(tmp_name)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise SelfassessError.at(path, f"cannot be written: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp_name)
        raise


def write_synced(path: Path, data: bytes) -> None:
    """Write a file inside a folder being built, on disk before the folder is swapped in.

    Errors stay `OSError`: the caller knows which folder it was building and says so.
    """
    with open(path, "wb") as handle:
        _write_and_sync(handle, data)


def _write_and_sync(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def _remove_quietly(name: str) -> None:
    if os.path.exists(name):
        os.unlink(name)


def mode_for(path: Path, fresh: int = 0o666) -> int:
    """The permissions of what is at `path` when replacing it, else what creating it would
    give under the umask (`fresh`: 0o666 for open(), 0o777 for mkdir())."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return fresh & ~umask


def write_new_bank(path: Path) -> None:
    """`selfassess bank new`: the starter bank, its id from the file name, never over a file."""
    if path.exists():
        raise SelfassessError.at(path, "already exists; not overwriting it")
    bank_id = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-") or "my-bank"
    text = STARTER_BANK.format(bank_id=bank_id, filename=path.name)
    write_atomic(path, text.encode("utf-8"), overwrite=False)
