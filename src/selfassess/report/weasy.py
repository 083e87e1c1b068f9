"""Import WeasyPrint, skipping the slow library search it does not need on Linux.

WeasyPrint loads Pango, HarfBuzz and friends by trying several names for each. On Linux the
first names ("libgobject-2.0-0", "gobject-2.0-0", ...) are not file names, so cffi asks
ctypes.util.find_library about each, which runs `ldconfig -p` and gcc in subprocesses: about
0.2 s of the report's few seconds, to learn what the next name on the list (the soname,
"libgobject-2.0.so.0", which the dynamic loader finds by itself) gives straight away.

So on Linux the first import runs with find_library answering "not found" at once. Should
that leave a library unloaded (a system without the usual sonames), the import is tried again
the ordinary way, so nothing that worked before stops working.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator
from typing import Any


def import_weasyprint() -> Any:
    """The weasyprint module (untyped, hence Any), imported once."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    try:
        with _without_library_search(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        import weasyprint  # the ordinary, slower search: its own error if this fails too
    return weasyprint


@contextlib.contextmanager
def _without_library_search() -> Iterator[None]:
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = original
