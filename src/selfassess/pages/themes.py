"""Finds a theme and builds its Jinja environment: user theme -> its parent(s) -> default.

A theme is untrusted input: its templates render in Jinja's immutable sandbox (no attribute that
starts with `_`, no changing the view-model it is handed), so a template can lay out but cannot
run code or change a number; its font values are CSS font-family lists of names only, so none
can end the inline <style> block or add rules of its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
import jinja2.sandbox
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from selfassess.core.errors import SelfassessError
from selfassess.inputs.branding import Branding
from selfassess.inputs.files import decode_utf8, read_file_bytes
from selfassess.inputs.messages import ErrorDetails, did_you_mean, problems_from_validation
from selfassess.inputs.yaml_text import LineMap, Loc, parse_yaml_mapping

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
        """A theme file (css/form.css, js/form.js ...) from the most specific theme that has it."""
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

    def _path(self, template: str) -> Path:
        parts = jinja2.loaders.split_template_path(template)  # refuses `..`
        return self.folder / "templates" / os.path.join(*parts)

    def has(self, template: str) -> bool:
        """Whether this theme has its own file for `template`."""
        try:
            return _present(self._path(template))
        except jinja2.TemplateNotFound:
            return False

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        # Not FileSystemLoader's own reading: it would read a file of any size whole.
        path = self._path(template)
        if not _present(path):
            raise jinja2.TemplateNotFound(template)
        source = read_theme_file(own_file(path, self.folder))
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


PARENT_PREFIX = "!"  # `{% extends "!default/form.html.j2" %}`: that template of the theme named
PARENT = "!parent/"  # `{% extends "!parent/form.html.j2" %}`: the next theme up the chain's
_AT = "!@"  # `!@2/name`: what `!parent/` becomes once the extending template's place is known


class ThemeChainLoader(jinja2.BaseLoader):
    """The templates of a theme chain: a plain name from the most specific theme that has it,
    `!NAME/name` from the theme called NAME in the chain (or the first of its parents that has
    it), `!parent/name` from the parents of the theme whose template asks for it; so a theme can
    extend its parent's template and override one block (pelican's `!simple/`).
    """

    def __init__(self, chain: tuple[ThemeFolder, ...]) -> None:
        self.names = [folder.settings.name for folder in chain]
        self.loaders = [ThemeLoader(folder.path) for folder in chain]

    def _start(self, template: str) -> tuple[int, str]:
        """Where in the chain to look for `template`, and its name within a theme."""
        if not template.startswith(PARENT_PREFIX):
            return 0, template
        name, _, rest = template[len(PARENT_PREFIX) :].partition("/")
        if template.startswith(_AT) and name[1:].isdigit():
            return int(name[1:]), rest
        if name not in self.names or not rest:
            raise jinja2.TemplateNotFound(template)
        # The last of that name: a user's theme called `default` still reaches the bundled one.
        return len(self.names) - 1 - self.names[::-1].index(name), rest

    def _served_by(self, template: str) -> int:
        """The place in the chain of the theme whose file `template` is."""
        start, name = self._start(template)
        for index in range(start, len(self.loaders)):
            if self.loaders[index].has(name):
                return index
        raise jinja2.TemplateNotFound(template)

    def parent_of(self, template: str, asking: str) -> str:
        """`!parent/name` asked for by the template `asking`: the same name one theme further up."""
        return f"{_AT}{self._served_by(asking) + 1}/{template[len(PARENT) :]}"

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        start, name = self._start(template)
        for loader in self.loaders[start:]:
            try:
                return loader.get_source(environment, name)
            except jinja2.TemplateNotFound:
                continue
        shown = PARENT + name if template.startswith(_AT) else template
        raise jinja2.TemplateNotFound(shown)


def bundled_themes_folder() -> Path:
    return Path(str(resources.files("selfassess") / "themes"))


def bundled_theme_names() -> list[str]:
    return sorted(p.name for p in bundled_themes_folder().iterdir() if (p / "theme.yaml").is_file())


def bundled_themes() -> list[ThemeSettings]:
    """The theme.yaml of every bundled theme, for `selfassess theme list`."""
    return [_read_settings(bundled_themes_folder() / name) for name in bundled_theme_names()]


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
                    f"unknown {section[:-1]} '{key}'{did_you_mean(str(key), known, otherwise='known')}",
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


def _colour_words(error: ErrorDetails) -> tuple[Loc, str] | None:
    """A colour that is not #RRGGBB, said with an example."""
    loc: Loc = tuple(error["loc"])
    if error["type"] == "string_pattern_mismatch" and loc[:1] == ("colours",):
        return loc, f"{error.get('input')!r} is not a colour: expected #RRGGBB, such as #005EB8"
    return None


def _settings_model(parent: Loc) -> type[BaseModel] | None:
    return ThemeSettings if not parent else None


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
        problems = problems_from_validation(
            exc, str(path), lines, model_of=_settings_model, listing="known", rewrite=_colour_words
        )
        raise SelfassessError(problems[:1]) from None
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
        + did_you_mean(name_or_path, bundled_theme_names(), otherwise="bundled"),
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
    hint = did_you_mean(parent, bundled_theme_names(), otherwise="bundled")
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
