"""Importing WeasyPrint without its slow library search, and falling back when that fails.

Each case runs in a fresh interpreter: an import happens once per process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the shortcut is taken on Linux only"
)


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )


def test_weasyprint_loads_its_libraries_without_running_ldconfig_or_gcc() -> None:
    result = run(
        """
        import subprocess
        def refuse(*args, **kwargs):
            raise AssertionError(f"spawned {args[0]!r}")
        subprocess.Popen = refuse
        from selfassess.report.weasy import import_weasyprint
        weasyprint = import_weasyprint()
        pdf = weasyprint.HTML(string="<p>hello</p>").write_pdf()
        print(pdf[:5].decode())
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "%PDF-\n"


def test_when_the_shortcut_finds_no_library_the_ordinary_import_runs_quietly() -> None:
    """As on a system whose libraries are reachable only through find_library."""
    result = run(
        """
        import contextlib
        import cffi
        from selfassess.report import weasy

        @contextlib.contextmanager
        def no_library_loads():
            original = cffi.FFI.dlopen
            def refuse(self, name, flags=0):
                raise OSError(f"cannot load {name}")
            cffi.FFI.dlopen = refuse
            try:
                yield
            finally:
                cffi.FFI.dlopen = original

        weasy._without_library_search = no_library_loads
        weasyprint = weasy.import_weasyprint()
        print(weasyprint.HTML(string="<p>hello</p>").write_pdf()[:5].decode())
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "%PDF-\n"  # WeasyPrint's "could not import" notice was swallowed
