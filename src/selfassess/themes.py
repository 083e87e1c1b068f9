"""Finds a theme and builds its Jinja environment: user theme -> its parent(s) -> default.

A theme is untrusted input: its templates render in Jinja's immutable sandbox (no attribute that
starts with `_`, no changing the view-model it is handed), so a template can lay out but cannot
run code or change a number; its font values are CSS font-family lists of names only, so none
can end the inline <style> block or add rules of its own.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import jinja2
import jinja2.sandbox
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from selfassess.branding import Branding
from selfassess.errors import SelfassessError
from selfassess.files import decode_utf8, read_file_bytes
from selfassess.yaml_input import LineMap, parse_yaml_mapping

DEFAULT_THEME = "default"
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]

# The colours and fonts a theme.yaml may set, each a CSS variable (--colour-NAME, --font-NAME)
# that the bundled CSS uses. A name not listed here would do nothing, so it is refused.
MAX_FONT_LIST = 300
MAX_THEME_FILE_BYTES = 2 * 1024 * 1024  # a template, stylesheet or script; far beyond any real one
FONT_RULE = (
    'expected a CSS font-family list of names, such as "Frutiger W01", Arial, sans-serif '
    "(letters, digits, spaces, '-', '.', '_', quotes and commas only)"
)
COLOURS = {
    "primary": "links, the header band, buttons, score bars, chart lines (white text sits on it)",
    "text": "body text, borders of inputs",
    "background": "the page",
    "muted": "hints, captions, the footer",
    "focus": "the keyboard focus highlight",
    "error": "error messages and the Start again button",
    "header": "the header band, when it differs from primary",
    "header-text": "text in the header band",
    "button": "buttons, when they differ from primary",
    "button-shadow": "the line under buttons",
    "surface": "panels, notices, the footer band",
    "selected": "a chosen answer's box",
    "border": "answer boxes and table rules",
}
# A CSS font-family list: family names, bare or quoted, separated by commas. Nothing else (no
# ';', '{', '<', backslash or url()), so a font value cannot end its declaration or the page's
# <style> block, whether it goes into a form page or the HTML scorecard.
_FONT_NAME = r"""(?:"[\w .-]+"|'[\w .-]+'|[\w-][\w .-]*)"""
FONT_LIST = re.compile(rf"\s*{_FONT_NAME}(?:\s*,\s*{_FONT_NAME})*\s*")
FONTS = {
    "body": "all text (a CSS font-family list)",
    "heading": "headings, when they differ from body (a CSS font-family list)",
}


class ThemeSettings(BaseModel):
    """The `theme.yaml` of a theme folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    parent: str | None = None
    colours: dict[str, Colour] = Field(default_factory=dict)
    fonts: dict[str, str] = Field(default_factory=dict)

    @field_validator("colours", "fonts", mode="before")
    @classmethod
    def _nothing_is_empty(cls, value: Any) -> Any:
        """`colours:` with every line commented out (as `theme new` writes it) means none."""
        return {} if value is None else value


@dataclass(frozen=True)
class ThemeFolder:
    path: Path
    settings: ThemeSettings


@dataclass(frozen=True)
class Theme:
    """A theme and its ancestors, most specific first; the last one is always `default`.

    `branding` (name, logo, primary colour from the command line) is laid over the whole chain.
    """

    chain: tuple[ThemeFolder, ...]
    branding: Branding = field(default_factory=Branding)

    @property
    def name(self) -> str:
        return self.chain[0].settings.name

    def branded(self, branding: Branding) -> Theme:
        return replace(self, branding=branding)

    @property
    def colours(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for folder in reversed(self.chain):
            merged.update(folder.settings.colours)
        merged.update(self.branding.colours())
        return merged

    @property
    def fonts(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for folder in reversed(self.chain):
            merged.update(folder.settings.fonts)
        return merged

    def css_variables(self) -> str:
        """`:root{--colour-primary:#...;--font-body:...}` from theme.yaml, for every page and the PDF."""
        declarations = [f"--colour-{k}:{v}" for k, v in self.colours.items()]
        declarations += [f"--font-{k}:{v}" for k, v in self.fonts.items()]
        return ":root{" + ";".join(declarations) + "}"

    def find_file(self, relative: str) -> Path:
        """A theme file (css/form.css, js/scoring.js ...) from the most specific theme that has it."""
        for folder in self.chain:
            candidate = folder.path / relative
            if _present(candidate):
                return own_file(candidate, folder.path)
        raise SelfassessError.at(
            self.chain[0].path / relative, "missing theme file (not in this theme or its parents)"
        )

    def read_file(self, relative: str) -> str:
        return read_theme_file(self.find_file(relative))

    def read_each(self, relative: str) -> list[str]:
        """The file from every theme in the chain that has one, the base theme's first: for
        additions that stack (css/theme.css) rather than replace."""
        texts = []
        for folder in reversed(self.chain):
            path = folder.path / relative
            if _present(path):
                texts.append(read_theme_file(own_file(path, folder.path)))
        return texts

    def folders(self) -> list[Path]:
        return [folder.path for folder in self.chain]


def own_file(path: Path | str, folder: Path | str) -> Path:
    """`path`, if it really lies in the theme `folder`: a theme file that is a symbolic link out
    of its theme (to /etc/passwd, a key, /dev/zero) would copy that file into every page."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, root]) != root:
        raise SelfassessError.at(
            path, "is a symbolic link out of its theme folder; a theme may use only its own files"
        )
    return Path(path)


def _present(path: Path) -> bool:
    """A theme has this file: anything there but a folder, so that a FIFO or a device is
    refused by name (read_theme_file) rather than passed over for the parent's file."""
    return path.exists() and not path.is_dir()


def read_theme_file(path: Path) -> str:
    """A theme file's text through the one guarded reader: a regular file, at most
    MAX_THEME_FILE_BYTES, UTF-8; anything else is one line naming the file."""
    return decode_utf8(read_file_bytes(path, "theme file", MAX_THEME_FILE_BYTES), path)


class ThemeLoader(jinja2.FileSystemLoader):
    """The templates/ of one theme folder, none of them a symbolic link out of the theme."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder / "templates"))
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        # Not FileSystemLoader's own reading: it would read a file of any size whole.
        path = (
            self.folder / "templates" / os.path.join(*jinja2.loaders.split_template_path(template))
        )
        if not _present(path):
            raise jinja2.TemplateNotFound(template)
        source = read_theme_file(own_file(path, self.folder))
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


def bundled_themes_folder() -> Path:
    return Path(str(resources.files("selfassess") / "themes"))


def bundled_theme_names() -> list[str]:
    return sorted(p.name for p in bundled_themes_folder().iterdir() if (p / "theme.yaml").is_file())


def bundled_themes() -> list[ThemeSettings]:
    """The theme.yaml of every bundled theme, for `selfassess themes`."""
    return [_read_settings(bundled_themes_folder() / name) for name in bundled_theme_names()]


def _did_you_mean(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"


def _check_names(data: dict[str, Any], path: Path, lines: LineMap) -> None:
    """Refuse a colour or font name the CSS does not use (it would silently do nothing) and a
    font value that is more than a list of font names."""
    for section, known in (("colours", COLOURS), ("fonts", FONTS)):
        values = data.get(section)
        if not isinstance(values, dict):
            continue
        for key in values:
            if key not in known:
                raise SelfassessError.at(
                    path,
                    f"unknown {section[:-1]} '{key}'{_did_you_mean(str(key), list(known))}",
                    lines.line_of((section, key)),
                    f"{section}.{key}",
                )
            font = values[key]
            if section == "fonts" and (len(font) > MAX_FONT_LIST or not FONT_LIST.fullmatch(font)):
                raise SelfassessError.at(
                    path,
                    f"{font[:60]!r} is not a font list: {FONT_RULE}",
                    lines.line_of((section, key)),
                    f"{section}.{key}",
                )


def _settings_message(error: Any) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'{_did_you_mean(str(loc[-1]), list(ThemeSettings.model_fields))}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "string_pattern_mismatch" and loc[:1] == ("colours",):
        return f"{error.get('input')!r} is not a colour: expected #RRGGBB, such as #005EB8"
    message = str(error["msg"]).replace("Input should be", "must be", 1)
    return f"{message[:1].lower()}{message[1:]}, found {error.get('input')!r}"


def _read_settings(folder: Path) -> ThemeSettings:
    path = folder / "theme.yaml"
    if not path.is_file():
        raise SelfassessError.at(
            path, "missing: a theme folder needs a theme.yaml (name, parent ...)"
        )
    data, lines = parse_yaml_mapping(path, "theme.yaml")
    try:
        settings = ThemeSettings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        raise SelfassessError.at(
            path,
            _settings_message(error),
            lines.line_of(loc),
            ".".join(str(p) for p in loc),
        ) from None
    _check_names(data, path, lines)
    return settings


def _bundled_folder(name: str) -> Path | None:
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        bundled = bundled_themes_folder() / name
        if (bundled / "theme.yaml").is_file():
            return bundled
    return None


def _theme_folder(name_or_path: str) -> Path:
    """The theme the user named: a folder first, then a bundled theme."""
    path = Path(name_or_path)
    if path.is_dir():
        return path
    bundled = _bundled_folder(name_or_path)
    if bundled is not None:
        return bundled
    raise SelfassessError.at(
        name_or_path,
        "no such theme folder or bundled theme"
        + _did_you_mean(name_or_path, bundled_theme_names()).replace(" (known:", " (bundled:"),
    )


def _parent_folder(parent: str, child: ThemeFolder) -> Path:
    """A theme's parent: a bundled theme by name, else a folder relative to the child theme."""
    bundled = _bundled_folder(parent)
    if bundled is not None:
        return bundled
    folder = child.path / parent
    if folder.is_dir():
        return folder
    path = child.path / "theme.yaml"
    _, lines = parse_yaml_mapping(path, "theme.yaml")
    hint = _did_you_mean(parent, bundled_theme_names()).replace(" (known:", " (bundled:")
    raise SelfassessError.at(
        path,
        f"unknown parent '{parent}': not a bundled theme nor a folder beside this one{hint}",
        lines.line_of(("parent",)),
        "parent",
    )


def load_theme(name_or_path: str | None = None) -> Theme:
    """A bundled theme by name, or a user's theme folder, with its chain of parents."""
    chain: list[ThemeFolder] = []
    folder = _theme_folder(name_or_path or DEFAULT_THEME)
    seen: set[Path] = set()
    default = (bundled_themes_folder() / DEFAULT_THEME).resolve()
    while True:
        resolved = folder.resolve()
        if resolved in seen:
            raise SelfassessError.at(
                chain[-1].path / "theme.yaml", f"parent chain loops back to '{folder}'"
            )
        seen.add(resolved)
        current = ThemeFolder(folder, _read_settings(folder))
        chain.append(current)
        parent = current.settings.parent
        if parent is None:
            if resolved == default:
                break
            parent = DEFAULT_THEME  # every theme ends in default, so every template exists
        folder = _parent_folder(parent, current)
    return Theme(tuple(chain))


# A theme lays out a page of a few hundred kilobytes: nothing it computes needs to be bigger
# than this, and no page takes long to render. Beyond either, it is stuck or hostile.
MAX_TEMPLATE_VALUE = 1_000_000  # characters or items from one `*`, `%`, format, center, indent
MAX_POWER_BITS = 4096  # an integer `**` result at most this wide
MAX_PAGE_CHARS = 50_000_000  # one rendered page; the largest real form is a few MB
RENDER_SECONDS = 60  # one page's rendering, loops and all (enforced in the main thread only)
_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format spec


class TemplateTooBig(jinja2.exceptions.SecurityError):
    """A template asked for a value far larger than any page needs."""


def _bounded_size(size: int, what: str) -> None:
    if size > MAX_TEMPLATE_VALUE:
        raise TemplateTooBig(
            f"{what} would make {size:,} characters or items (at most {MAX_TEMPLATE_VALUE:,})"
        )


def _format_spec(spec: object) -> None:
    if isinstance(spec, str) and _WIDTH.search(spec):
        raise TemplateTooBig(f"a width or precision of a million or more in {spec[:40]!r}")


class ThemeEnvironment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox, with bounds on what one expression may build: `'a' * 10**9` or
    `9 ** 9 ** 9` would stall a build or take all memory before any check saw the page."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any
    ) -> Any:
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    _bounded_size(len(seq) * max(times, 0), "'*'")
        elif operator_ == "**":
            ints = isinstance(left, int) and isinstance(right, int) and right > 0
            if ints and abs(left).bit_length() * right > MAX_POWER_BITS:
                raise TemplateTooBig(f"'**' would make an integer over {MAX_POWER_BITS} bits")
        elif operator_ == "%":
            _format_spec(left)
        return super().call_binop(context, operator_, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if isinstance(getattr(value, "__self__", None), str):
            _format_spec(value.__self__)  # '{:>999999999}'.format(1)
        return super().wrap_str_format(value)


def _bounded_filter(name: str, width_arg: str) -> Callable[..., Any]:
    """A Jinja filter whose width argument is bounded: `'x'|center(10**9)` builds 1 GB."""
    original = jinja2.filters.FILTERS[name]

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        width = kwargs.get(width_arg, args[0] if args else 0)
        if isinstance(width, int):
            _bounded_size(width, f"'{name}'")
        if name == "format":
            _format_spec(value)
        return original(value, *args, **kwargs)

    return bounded


def template_environment(theme: Theme) -> jinja2.Environment:
    """Jinja over the theme chain; a user's theme overrides single templates of its parents.

    Sandboxed (see the module docstring); a name the view-model lacks is an error, not a blank.
    """
    loader = jinja2.ChoiceLoader([ThemeLoader(folder) for folder in theme.folders()])
    env = ThemeEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name, width_arg in (("center", "width"), ("indent", "width"), ("format", "")):
        env.filters[name] = _bounded_filter(name, width_arg)
    return env


class _RenderTimeout(Exception):
    """Rendering one page ran past RENDER_SECONDS."""


class _RenderClock:
    """Stops a render that runs past RENDER_SECONDS (nested loops over a long range), through
    SIGALRM: only in the main thread, and only when no other timer is set."""

    def __enter__(self) -> None:
        self.armed = (
            threading.current_thread() is threading.main_thread()
            and hasattr(signal, "setitimer")
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        )
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    @staticmethod
    def _expire(signum: int, frame: object) -> None:
        raise _RenderTimeout


def _template_line(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template frame of a traceback: where in a theme a render failed."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _render_bounded(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """The page, piece by piece, stopped once it passes MAX_PAGE_CHARS: each value is bounded
    (ThemeEnvironment), but a loop could still print a bounded value a million times."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_PAGE_CHARS:
            raise TemplateTooBig(
                f"the page would be over {MAX_PAGE_CHARS / 1e6:.0f} million characters"
            )
        pieces.append(piece)
    return "".join(pieces)


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; a broken theme becomes our error with its file and line."""
    try:
        with _RenderClock():
            return _render_bounded(env.get_template(name), context)
    except jinja2.TemplateSyntaxError as exc:
        raise SelfassessError.at(
            exc.filename or name, f"template syntax error: {exc.message}", exc.lineno
        ) from None
    except jinja2.TemplateNotFound as exc:
        where = _template_line(exc.__traceback__)
        if where is None:
            raise SelfassessError.at(name, f"template not found in the theme: {exc.name}") from None
        raise SelfassessError.at(
            where[0],
            f"includes '{exc.name}', which is not in this theme or its parents",
            where[1],
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(
            file, f"a theme may only lay out the page, not run code: {exc}", line
        ) from None
    except jinja2.UndefinedError as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(file, f"template error: {exc.message}", line) from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(file, f"template error: {exc}", line) from None
    except _RenderTimeout as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(
            file, f"took over {RENDER_SECONDS} s to render; a theme may only lay out the page", line
        ) from None
    except SelfassessError:
        raise  # a theme file refused by name while included (a link out, too big)
    except Exception as exc:  # 1/0, int overflow, endless recursion ... in a theme's expression
        where = _template_line(exc.__traceback__)
        if where is None:
            raise  # not the theme's doing: our own bug, shown as such
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise SelfassessError.at(
            where[0], f"template error: {type(exc).__name__}: {message}".rstrip(": "), where[1]
        ) from None
