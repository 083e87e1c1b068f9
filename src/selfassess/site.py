"""`build`: a landing page and one self-contained form page per bank, swapped into place atomically.

Every page carries its CSS and script inline and a Content-Security-Policy that allows exactly
those (by SHA-256 hash) and nothing else, so a page can make no network request at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import jinja2

from selfassess import __version__
from selfassess.errors import SelfassessError
from selfassess.model import Questionnaire
from selfassess.page_shell import inline_assets, json_for_html, page_bank_data, page_context
from selfassess.partnership_page import partnership_page_name, render_partnership_pages
from selfassess.themes import Theme, render_template, template_environment
from selfassess.view import bank_content_hash, bank_view

MARKER = ".selfassess-site"
FORM_SCRIPTS = ("js/scoring.js", "js/charts.js", "js/form.js")
FORM_STYLES = ("css/form.css",)


def answers_needed(count: int, bank: Questionnaire) -> int:
    """How many of a principle's `count` questions give it a score (score.py's min_answered rule)."""
    return next(k for k in range(1, count + 1) if k / count >= bank.min_answered)


def render_form(
    bank: Questionnaire,
    theme: Theme,
    env: jinja2.Environment | None = None,
    index_href: str = "",
    partnership_href: str = "",
) -> str:
    """The standalone form page of one bank: questions, results, import and export."""
    env = env or template_environment(theme)
    assets = inline_assets(theme, FORM_STYLES, FORM_SCRIPTS)
    view = bank_view(bank)
    context = {
        "page": page_context(assets, view.language, view.title),
        "bank": view,
        # `content` keys the answers the form saves in the browser (form.js).
        "bank_json": json_for_html({**page_bank_data(bank), "content": bank_content_hash(bank)}),
        "answers_needed": {p.id: answers_needed(len(p.questions), bank) for p in bank.principles},
        "index_href": index_href,
        "partnership_href": partnership_href,
    }
    return render_template(env, "form.html.j2", context)


def render_index(
    banks: Sequence[Questionnaire], theme: Theme, env: jinja2.Environment | None = None
) -> str:
    """The landing page: each questionnaire with its intro, size and a relative link."""
    env = env or template_environment(theme)
    assets = inline_assets(theme, FORM_STYLES, ())
    views = [bank_view(bank) for bank in banks]
    languages = {v.language for v in views}
    context = {
        "page": page_context(
            assets, languages.pop() if len(languages) == 1 else "en", "Questionnaires"
        ),
        "banks": [
            {"view": v, "href": f"{v.id}.html", "partnership_href": partnership_page_name(v.id)}
            for v in views
        ],
    }
    return render_template(env, "index.html.j2", context)


def render_site(banks: Sequence[Questionnaire], theme: Theme) -> dict[str, str]:
    """File name -> page text for a whole site, rendered in memory before anything is written."""
    seen: dict[str, str] = {}
    for bank in banks:
        if bank.id in seen:
            raise SelfassessError.at(
                bank.id, f"two banks have the id '{bank.id}'; each needs its own page"
            )
        seen[bank.id] = bank.title
        if bank.id == "index":
            raise SelfassessError.at(bank.id, "a bank id 'index' would overwrite the landing page")
    env = template_environment(theme)
    pages = {"index.html": render_index(banks, theme, env)}
    for bank in banks:
        pages[f"{bank.id}.html"] = render_form(
            bank,
            theme,
            env,
            index_href="index.html",
            partnership_href=partnership_page_name(bank.id),
        )
    pages.update(render_partnership_pages(banks, theme, env))
    return pages


def _check_output(out_dir: Path) -> None:
    """Never replace something selfassess did not build."""
    if out_dir.is_symlink():
        raise SelfassessError.at(out_dir, "is a symbolic link; give the real folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise SelfassessError.at(out_dir, "exists and is not a folder; not replacing it")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise SelfassessError.at(
            out_dir,
            f"is a folder that selfassess did not build (it has no {MARKER} file); "
            "not replacing it: choose another -o folder, or empty this one",
        )


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def build_site(banks: Sequence[Questionnaire], out_dir: Path, theme: Theme) -> list[Path]:
    """Render every page, write them beside `out_dir`, then swap the new folder in.

    A failure at any point leaves the previous site as it was.
    """
    if not banks:
        raise SelfassessError.at(out_dir, "no questionnaires to build")
    out_dir = Path(os.path.abspath(out_dir))
    _check_output(out_dir)
    pages = render_site(banks, theme)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise SelfassessError.at(out_dir, f"cannot create the output folder: {exc}") from None
    retired: Path | None = None
    try:
        staging.chmod(0o755)
        for name, text in pages.items():
            _write_file(staging / name, text.encode("utf-8"))
        _write_file(staging / MARKER, f"built by selfassess {__version__}\n".encode())
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=parent))
            os.rename(out_dir, retired / "site")
        os.rename(staging, out_dir)
    except BaseException as exc:
        if retired is not None and (retired / "site").exists() and not out_dir.exists():
            os.rename(retired / "site", out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
        if isinstance(exc, OSError):
            raise SelfassessError.at(out_dir, f"cannot write the site: {exc}") from None
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return [out_dir / name for name in pages]
