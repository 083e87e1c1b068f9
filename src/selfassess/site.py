"""`build`: a landing page and one self-contained form page per bank, swapped into place atomically.

Every page carries its CSS and script inline and a Content-Security-Policy that allows exactly
those (by SHA-256 hash) and nothing else, so a page can make no network request at all.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import jinja2

from selfassess import __version__
from selfassess.errors import SelfassessError
from selfassess.model import Questionnaire
from selfassess.page_shell import inline_assets, json_for_html, page_bank_data, page_context
from selfassess.partnership_page import partnership_page_name, render_partnership_pages
from selfassess.themes import Theme, render_template, template_environment
from selfassess.view import bank_content_hash, bank_view

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

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


def _site_files(out_dir: Path) -> set[str] | None:
    """The files a previous build wrote into `out_dir`, from its marker; None if it has none.

    The marker's first line says which version built the site, every further line names a file
    it wrote. A marker of one line (a site built before the list was kept) stands for the pages
    such a build wrote: the *.html files at the top of the folder.
    """
    marker = out_dir / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SelfassessError.at(marker, f"cannot be read: {exc}") from None
    if len(lines) > 1:
        return {MARKER, *(line for line in lines[1:] if line)}
    return {MARKER} | {p.name for p in out_dir.glob("*.html") if p.is_file()}


def _foreign_entry(out_dir: Path) -> Path | None:
    """The first entry of an existing output folder that selfassess did not write, if any."""
    ours = _site_files(out_dir) or set()
    for entry in sorted(out_dir.iterdir()):
        if entry.name not in ours or entry.is_symlink() or not entry.is_file():
            return entry
    return None


def _check_output(out_dir: Path) -> None:
    """Never replace something selfassess did not build, nor a site with anything added to it.

    A rebuild swaps the whole folder, so a file someone put in a built site (notes, the bank
    being built) would go with the old site: the build is refused instead, naming that file.
    """
    if out_dir.is_symlink():
        raise SelfassessError.at(out_dir, "is a symbolic link; give the real folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise SelfassessError.at(out_dir, "exists and is not a folder; not replacing it")
    if not out_dir.is_dir():
        return
    try:
        if _site_files(out_dir) is None and any(out_dir.iterdir()):
            raise SelfassessError.at(
                out_dir,
                f"is a folder that selfassess did not build (it has no {MARKER} file); "
                "not replacing it: choose another -o folder, or empty this one",
            )
        foreign = _foreign_entry(out_dir)
    except OSError as exc:
        raise SelfassessError.at(out_dir, f"cannot be read: {exc.strerror or exc}") from None
    if foreign is not None:
        raise SelfassessError.at(
            foreign,
            "was not written by selfassess; a rebuild replaces the whole site folder, so it is "
            "not rebuilt: move this out of the folder, or choose another -o folder",
        )


def _siblings(out_dir: Path) -> tuple[Path, Path]:
    """Where the new site is written and where the old one waits during the swap."""
    return (
        out_dir.with_name(f".{out_dir.name}.new"),
        out_dir.with_name(f".{out_dir.name}.old"),
    )


def _is_ours_or_empty(folder: Path) -> bool:
    """A folder holding a site selfassess built and nothing else, or nothing at all."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if _site_files(folder) is None:
        return not any(folder.iterdir())
    return _foreign_entry(folder) is None


def _remove_site(folder: Path) -> None:
    """Remove a site folder, its marker last: if this is cut short, what is left is still
    known as ours, and the next build finishes the job."""
    for entry in folder.iterdir():
        if entry.name != MARKER:
            entry.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def _recover(out_dir: Path) -> None:
    """Finish or undo a build that stopped half-way (power cut, kill -9).

    A build writes `.NAME.new`, renames the site to `.NAME.old`, renames `.NAME.new` to the
    site and removes `.NAME.old`. So a `.NAME.old` with no site is the previous site, stranded
    between the two renames: it is put back. A `.NAME.old` beside a site, or any `.NAME.new`,
    is left over: removed. Either is touched only if it is a site selfassess built (or empty).
    """
    staging, retired = _siblings(out_dir)
    for leftover in (retired, staging):
        if not os.path.lexists(leftover):
            continue
        if not _is_ours_or_empty(leftover):
            raise SelfassessError.at(
                leftover,
                "is in the way (selfassess keeps the site being built or replaced there) and "
                "it is not a site selfassess built; move it away",
            )
        if leftover == retired and not os.path.lexists(out_dir):
            os.rename(retired, out_dir)
        else:
            _remove_site(leftover)


def _new_folder_mode(out_dir: Path) -> int:
    """The site folder's permissions: those it has now, else what mkdir would give (umask)."""
    try:
        return stat.S_IMODE(out_dir.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask


@contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """One build at a time per parent folder: they share the `.NAME.new`/`.NAME.old` names."""
    if fcntl is None:  # not on this platform: builds are not serialised
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder we may write in but not list: build unserialised
        yield
        return
    try:
        with suppress(OSError):  # a file system without locks: likewise
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def build_site(banks: Sequence[Questionnaire], out_dir: Path, theme: Theme) -> list[Path]:
    """Render every page, write them beside `out_dir`, then swap the new folder in.

    A failure at any point leaves the previous site as it was; a crash between the swap's two
    renames is put right by the next build (see _recover). The folder keeps its permissions.
    """
    if not banks:
        raise SelfassessError.at(out_dir, "no questionnaires to build")
    out_dir = Path(os.path.abspath(out_dir))
    _check_not_around_us(out_dir)
    parent = out_dir.parent
    try:
        if parent.is_dir():  # put right a build cut short first, whatever becomes of this one
            with _lock(parent):
                _recover(out_dir)
    except OSError as exc:
        raise SelfassessError.at(out_dir, f"cannot write the site: {exc}") from None
    _check_output(out_dir)  # before the slow part; again below, once no other build can run
    pages = render_site(banks, theme)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _lock(parent):
            _recover(out_dir)
            _check_output(out_dir)
            _swap_in(out_dir, pages)
    except OSError as exc:
        raise SelfassessError.at(out_dir, f"cannot write the site: {exc}") from None
    return [out_dir / name for name in pages]


def _check_not_around_us(out_dir: Path) -> None:
    """Refuse `/` (no name to build beside) and the current folder or one holding it: the swap
    replaces the whole folder, so the user's shell would be left in a deleted one."""
    if not out_dir.name:
        raise SelfassessError.at(
            out_dir, "is the root of the file system; give a folder for the site with -o"
        )
    here = os.path.realpath(os.curdir)
    target = os.path.realpath(out_dir)
    if os.path.commonpath([here, target]) == target:
        raise SelfassessError.at(
            out_dir,
            "is the current folder or holds it; a build replaces the whole folder, which would "
            "leave this shell in a deleted one: give a folder beside it with -o (-o ../site), "
            "or build from outside it",
        )


def _swap_in(out_dir: Path, pages: Mapping[str, str]) -> None:
    """Write `pages` into `.NAME.new`, then swap it with the site; undo on any failure."""
    staging, retired = _siblings(out_dir)
    mode = _new_folder_mode(out_dir)
    os.mkdir(staging, 0o700)
    moved = False
    try:
        # the marker first, listing every page: a half-written .new is then known as ours
        listing = "".join(f"{name}\n" for name in pages)
        _write_file(staging / MARKER, f"built by selfassess {__version__}\n{listing}".encode())
        for name, text in pages.items():
            _write_file(staging / name, text.encode("utf-8"))
        os.chmod(staging, mode)
        if out_dir.exists():
            os.rename(out_dir, retired)
            moved = True
        os.rename(staging, out_dir)
    except BaseException:
        if moved and not out_dir.exists():
            os.rename(retired, out_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if moved:
        with suppress(OSError):  # a site is in place; the next build removes what is left
            _remove_site(retired)
