"""The one guarded file reader: a regular file's bytes within a size bound, UTF-8 text, and a
one-line error naming the file for everything people actually pass instead (a folder, a FIFO,
a device, a huge file, a binary or UTF-16 file, an empty one).

Design: every file a user names (banks, answer files, theme files, logos, scorecards to verify)
is read by `read_file_bytes`; a caller chooses only the words (what the file is, the hint for a
folder, the message for a size) and the bound, never the checks.
"""

from __future__ import annotations

import math
import stat
from collections.abc import Callable
from pathlib import Path

from selfassess.core.errors import SelfassessError


def read_checked_bytes(
    path: Path, what: str, max_bytes: int, *, folder_hint: str = "", missing: str = "no such file"
) -> bytes:
    """A file's bytes, or our error for what people actually pass: folders, huge, binary, empty."""
    data = read_file_bytes(path, what, max_bytes, folder_hint=folder_hint, missing=missing)
    return check_text_bytes(data, path, what)


def read_file_bytes(
    path: Path,
    what: str,
    max_bytes: int,
    *,
    folder_hint: str = "",
    missing: str = "no such file",
    folder: str = "",
    too_large: Callable[[int], str] | None = None,
) -> bytes:
    """A file's bytes, or a one-line error: missing, a folder, not a regular file, too large,
    unreadable. Never more than `max_bytes` are read, whatever the file does meanwhile.
    `folder` replaces the whole refusal of a folder, and `too_large` words the refusal of a
    file of that many bytes (in megabytes by default)."""
    try:
        if path.is_dir():
            raise SelfassessError.at(path, folder or f"is a folder, not a {what}{folder_hint}")
        require_regular_file(path)
        size = path.stat().st_size
        if size > max_bytes:
            raise SelfassessError.at(
                path,
                too_large(size)
                if too_large is not None
                else f"is {math.ceil(size / 1e6)} MB; a {what} may be at most {max_bytes / 1e6:.0f} MB",
            )
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:  # it grew after we looked
            raise SelfassessError.at(
                path,
                too_large(len(data))
                if too_large is not None
                else f"is over {max_bytes / 1e6:.0f} MB; a {what} may be at most that",
            )
    except FileNotFoundError:
        raise SelfassessError.at(path, missing) from None
    except PermissionError:
        raise SelfassessError.at(path, "permission denied") from None
    except OSError as exc:
        raise SelfassessError.at(path, f"cannot be read: {exc.strerror or exc}") from None
    return data


def require_regular_file(path: Path) -> None:
    """Refuse, before opening it, what is not a regular file: /dev/zero never ends and a FIFO
    blocks until someone writes to it, whatever their names say."""
    mode = path.stat().st_mode  # follows symbolic links, as opening does
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a special file"
        )
        raise SelfassessError.at(path, f"is {kind}, not a regular file")


# The byte-order marks UTF-16 text starts with (little- and big-endian): such a file is text,
# not a binary file, and the message says how to save it (responses.js's bytesProblem: the same).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_text_bytes(data: bytes, path: Path | str, what: str) -> bytes:
    """Refuse what is clearly not a text file of ours, wherever the bytes came from."""
    if data[:2] in UTF16_BOMS:  # Excel's "Unicode Text", or a Windows editor's "Unicode"
        hint = ' (in Excel: "CSV UTF-8 (Comma delimited)")' if what == "response file" else ""
        raise SelfassessError.at(path, f"is UTF-16 text, not UTF-8; save it as UTF-8{hint}")
    if b"\x00" in data[:8192]:
        raise SelfassessError.at(path, f"is a binary file, not a {what}")
    if not data.strip():
        raise SelfassessError.at(path, f"is empty; expected a {what}")
    return data


def decode_utf8(data: bytes, file: Path | str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or our error naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SelfassessError.at(
            file, f"is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None


def decode_text(data: bytes, path: Path | str, what: str) -> str:
    text = decode_utf8(data, path)
    if not text.strip():
        raise SelfassessError.at(path, f"is empty; expected a {what}")
    return text


def read_text_file(path: Path, what: str, max_bytes: int) -> str:
    return decode_text(read_checked_bytes(path, what, max_bytes), path, what)
