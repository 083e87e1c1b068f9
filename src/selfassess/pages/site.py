"""`build`: the site of every bank (landing page, form pages, partnership pages), swapped into place atomically.

Files someone else put in a built site (a scorecard beside the pages, the bank) are carried
over into the rebuilt one, and the folder keeps its permissions; a build cut short is finished
or undone by the next one.

Every page carries its CSS and script inline and a Content-Security-Policy that allows exactly
those (by SHA-256 hash) and nothing else, so a page can make no network request at all. The form
page itself is form.py's; this module renders the landing page and owns the folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import jinja2

from selfassess import __version__
from selfassess.core.errors import SelfassessError
from selfassess.core.i18n import _, use_translations
from selfassess.core.model import Questionnaire
from selfassess.pages.bank_view import bank_view, text_direction
from selfassess.pages.form import FORM_STYLES
from selfassess.pages.page_shell import inline_assets, page_context
from selfassess.pages.site_pages import (
    SiteBank,
    bank_languages,
    bank_pages,
    href_in,
    language_links,
    render_bank_pages,
    site_languages,
)
from selfassess.pages.theme_rendering import render_template, template_environment
from selfassess.pages.themes import Theme
from selfassess.pages.translations import translations_for
from selfassess.pages.writing import mode_for, write_synced

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MARKER = ".selfassess-site"
KEPT = "kept: "  # a marker line naming a file someone else put in the site, carried over


def render_index(
    banks: Sequence[SiteBank],
    theme: Theme,
    env: jinja2.Environment | None = None,
    language: str | None = None,
) -> str:
    """The landing page (in `language`, default: the site's): each questionnaire with its
    description, size, languages and a relative link to its page in the landing page's language."""
    env = env or template_environment(theme)
    assets = inline_assets(theme, FORM_STYLES, ())
    sets = [bank_languages(bank) for bank in banks]
    languages = site_languages(sets)
    language = language or languages.default
    with use_translations(translations_for(language)):
        context = {
            "page": page_context(
                assets,
                language,
                _("Questionnaires"),
                language_links(languages.index_names(), language),
            ),
            "banks": [_bank_card(langs, language) for langs in sets],
        }
        return render_template(env, "index.html.j2", context)


def _bank_card(langs: Mapping[str, Questionnaire], language: str) -> dict[str, Any]:
    """One bank on the landing page in `language`: in it where the bank is offered in it."""
    names = bank_pages(langs)
    bank = langs.get(language) or next(iter(langs.values()))
    return {
        "view": bank_view(bank),
        "href": href_in(names.forms, language),
        "partnership_href": href_in(names.partnerships, language),
        # the bank's pages in each of its languages (none for a bank in one language)
        "languages": language_links(names.forms, bank.language),
        # the card's language where it is not the page's (a bank not offered in it), else ""
        "lang": "" if bank.language == language else bank.language,
        "dir": text_direction(bank.language),
    }


def render_site(banks: Sequence[SiteBank], theme: Theme) -> dict[str, str]:
    """File name -> page text for a whole site, rendered in memory before anything is written:
    every page in each language its bank is offered in (site_pages.py)."""
    sets = [bank_languages(bank) for bank in banks]
    seen: dict[str, str] = {}
    for langs in sets:
        bank = next(iter(langs.values()))
        if bank.id in seen:
            raise SelfassessError.at(
                bank.id, f"two banks have the id '{bank.id}'; each needs its own page"
            )
        seen[bank.id] = bank.title
        if bank.id == "index":
            raise SelfassessError.at(bank.id, "a bank id 'index' would overwrite the landing page")
    env = template_environment(theme)
    languages = site_languages(sets)
    pages = {
        name: render_index(banks, theme, env, lang)
        for lang, name in languages.index_names().items()
    }
    render_bank_pages(sets, theme, env, languages, pages)
    return pages


def _marker_lines(out_dir: Path) -> list[str] | None:
    marker = out_dir / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        return marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SelfassessError.at(marker, f"cannot be read: {exc}") from None


def _site_files(out_dir: Path) -> set[str] | None:
    """The files a previous build wrote into `out_dir`, from its marker; None if it has none.

    The marker's first line says which version built the site, every further line names a file
    it wrote, or (after `kept: `) a file someone else put there that the build carried over.
    A marker of one line (a site built before the list was kept) stands for the pages such a
    build wrote: the *.html files at the top of the folder.
    """
    lines = _marker_lines(out_dir)
    if lines is None:
        return None
    if len(lines) > 1:
        return {MARKER, *(line for line in lines[1:] if line and not line.startswith(KEPT))}
    return {MARKER} | {p.name for p in out_dir.glob("*.html") if p.is_file()}


def _kept_files(out_dir: Path) -> set[str]:
    """The files a build carried over from the site it replaced (its marker's `kept:` lines)."""
    lines = _marker_lines(out_dir) or []
    return {line[len(KEPT) :] for line in lines[1:] if line.startswith(KEPT)}


def _is_plain_file(entry: Path) -> bool:
    return not entry.is_symlink() and entry.is_file()


def _foreign_files(out_dir: Path) -> list[str]:
    """The plain files of a built site that selfassess did not write (a scorecard put beside
    the pages, the bank itself): a rebuild carries them over into the new site."""
    ours = _site_files(out_dir) or set()
    return sorted(e.name for e in out_dir.iterdir() if e.name not in ours and _is_plain_file(e))


def _foreign_entry(out_dir: Path) -> Path | None:
    """The first entry of an existing output folder that a rebuild could not carry over: a
    folder, a symbolic link or a special file that selfassess did not write."""
    ours = _site_files(out_dir) or set()
    for entry in sorted(out_dir.iterdir()):
        if not _is_plain_file(entry) or (entry.name not in ours and entry.is_symlink()):
            return entry
    return None


def _check_output(out_dir: Path, pages: Mapping[str, str] | None = None) -> None:
    """Never replace something selfassess did not build, nor lose what was added to a site.

    A rebuild swaps the whole folder: plain files someone put in a built site (a scorecard,
    notes, the bank being built) are carried over into the new one; a folder, a link or a
    special file cannot be, and a file a new page would overwrite must not be: the build is
    refused instead, naming it.
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
            "was not written by selfassess and, not being a plain file, cannot be carried over "
            "into the rebuilt site: move this out of the folder, or choose another -o folder",
        )
    for name in _foreign_files(out_dir):
        if pages is not None and name in pages:
            raise SelfassessError.at(
                out_dir / name,
                "was not written by selfassess, and this build writes a page of that name: "
                "move it out of the folder, or choose another -o folder",
            )


def _siblings(out_dir: Path) -> tuple[Path, Path]:
    """Where the new site is written and where the old one waits during the swap."""
    return (
        out_dir.with_name(f".{out_dir.name}.new"),
        out_dir.with_name(f".{out_dir.name}.old"),
    )


def _is_ours_or_empty(folder: Path, site: Path | None = None) -> bool:
    """A folder holding a site selfassess built and nothing else, or nothing at all. A file
    that is also in `site` (the same file: a build carried it over by a second link) counts."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if _site_files(folder) is None:
        return not any(folder.iterdir())
    ours = (_site_files(folder) or set()) | _kept_files(folder)

    def carried(entry: Path) -> bool:
        twin = None if site is None else site / entry.name
        return twin is not None and _is_plain_file(twin) and os.path.samefile(entry, twin)

    return all(
        _is_plain_file(entry) and (entry.name in ours or carried(entry))
        for entry in folder.iterdir()
    )


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
        stranded = leftover == retired and not os.path.lexists(out_dir)
        beside = out_dir if leftover == retired and os.path.isdir(out_dir) else None
        built = (
            not leftover.is_symlink() and leftover.is_dir() and _site_files(leftover) is not None
        )
        # Putting a stranded site back loses nothing, files carried into it included; removing
        # a leftover only ever removes what a build wrote or a second link to a kept file.
        if not (built if stranded else _is_ours_or_empty(leftover, beside)):
            raise SelfassessError.at(
                leftover,
                "is in the way (selfassess keeps the site being built or replaced there) and "
                "it is not a site selfassess built; move it away",
            )
        if stranded:
            os.rename(retired, out_dir)
        else:
            _remove_site(leftover)


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
    """One page into the folder being built (tests cut a build short here)."""
    write_synced(path, data)


def build_site(banks: Sequence[SiteBank], out_dir: Path, theme: Theme) -> list[Path]:
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
            _check_output(out_dir, pages)
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
    mode = mode_for(out_dir, fresh=0o777)  # the folder keeps its permissions
    kept = _foreign_files(out_dir) if out_dir.is_dir() else []
    os.mkdir(staging, 0o700)
    moved = False
    try:
        # the marker first, listing every page: a half-written .new is then known as ours
        listing = "".join(f"{name}\n" for name in pages)
        listing += "".join(f"{KEPT}{name}\n" for name in kept)
        _write_file(staging / MARKER, f"built by selfassess {__version__}\n{listing}".encode())
        for name, text in pages.items():
            _write_file(staging / name, text.encode("utf-8"))
        for name in kept:  # a second link to the same file: the original stays until the swap
            try:
                os.link(out_dir / name, staging / name)
            except OSError:  # a file system without hard links
                shutil.copy2(out_dir / name, staging / name)
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
