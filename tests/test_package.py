"""The wheel carries the bundled banks and themes: they work from an installed package."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_validates_and_builds_from_any_folder(
    tmp_path: Path,
) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(dist.glob("selfassess-*.whl"))
    env_dir = tmp_path / "fresh-venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    # The dependencies (pydantic, jinja2 ...) come from this interpreter's library folder, added
    # after the fresh venv's own site-packages; that folder's .pth files (among them the
    # editable install of this checkout) are not processed, so only the wheel can be imported.
    site_packages = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site_packages / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def selfassess(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [env_dir / "bin" / "selfassess", *args],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            check=False,
        )

    validated = selfassess("bank", "validate")
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.count("ok ") == 2
    assert str(site_packages) in validated.stdout
    assert str(ROOT) not in validated.stdout
    built = selfassess("build", "-o", "site", "--theme", "nhs")
    assert built.returncode == 0, built.stderr
    form = (elsewhere / "site" / "collaboration-maturity.html").read_text("utf-8")
    assert "root.SelfassessScoring=" in form  # the wheel carries selfassess/web/*.js
    assert "nhs" in selfassess("theme", "list").stdout
    welsh = subprocess.run(
        [
            python,
            "-c",
            "from selfassess.pages.translations import translations_for; "
            "print(translations_for('cy').gettext('Show my results'))",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert welsh.stdout.strip() == "Dangos fy nghanlyniadau"  # the wheel carries locales/cy
