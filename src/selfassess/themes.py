"""Finds a theme and builds its Jinja environment: user theme -> its parent(s) -> default."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import jinja2
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from selfassess.errors import SelfassessError
from selfassess.load import parse_yaml_mapping

DEFAULT_THEME = "default"
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class ThemeSettings(BaseModel):
    """The `theme.yaml` of a theme folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    parent: str | None = None
    colours: dict[str, Colour] = Field(default_factory=dict)
    fonts: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class ThemeFolder:
    path: Path
    settings: ThemeSettings


@dataclass(frozen=True)
class Theme:
    """A theme and its ancestors, most specific first; the last one is always `default`."""

    chain: tuple[ThemeFolder, ...]

    @property
    def name(self) -> str:
        return self.chain[0].settings.name

    @property
    def colours(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for folder in reversed(self.chain):
            merged.update(folder.settings.colours)
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
            if candidate.is_file():
                return candidate
        raise SelfassessError.at(
            self.chain[0].path / relative, "missing theme file (not in this theme or its parents)"
        )

    def read_file(self, relative: str) -> str:
        path = self.find_file(relative)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SelfassessError.at(path, f"cannot be read: {exc}") from None

    def folders(self) -> list[Path]:
        return [folder.path for folder in self.chain]


def bundled_themes_folder() -> Path:
    return Path(str(resources.files("selfassess") / "themes"))


def bundled_theme_names() -> list[str]:
    return sorted(p.name for p in bundled_themes_folder().iterdir() if (p / "theme.yaml").is_file())


def _read_settings(folder: Path) -> ThemeSettings:
    path = folder / "theme.yaml"
    if not path.is_file():
        raise SelfassessError.at(
            path, "missing: a theme folder needs a theme.yaml (name, parent ...)"
        )
    data = parse_yaml_mapping(path, "theme.yaml")
    try:
        return ThemeSettings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise SelfassessError.at(path, f"{error['msg']} (at {where})") from None


def _theme_folder(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name_or_path):
        bundled = bundled_themes_folder() / name_or_path
        if (bundled / "theme.yaml").is_file():
            return bundled
    raise SelfassessError.at(
        name_or_path,
        f"no such theme folder or bundled theme (bundled: {', '.join(bundled_theme_names())})",
    )


def load_theme(name_or_path: str | None = None) -> Theme:
    """A bundled theme by name, or a user's theme folder, with its chain of parents."""
    chain: list[ThemeFolder] = []
    current: str | None = name_or_path or DEFAULT_THEME
    seen: set[Path] = set()
    while current is not None:
        folder = _theme_folder(current)
        resolved = folder.resolve()
        if resolved in seen:
            raise SelfassessError.at(
                folder / "theme.yaml", f"parent chain loops back to '{current}'"
            )
        seen.add(resolved)
        settings = _read_settings(folder)
        chain.append(ThemeFolder(folder, settings))
        if (
            settings.parent is None
            and resolved != (bundled_themes_folder() / DEFAULT_THEME).resolve()
        ):
            current = DEFAULT_THEME  # every theme ends in default, so every template exists
        else:
            current = settings.parent
    return Theme(tuple(chain))


def template_environment(theme: Theme, *, strict: bool = True) -> jinja2.Environment:
    """Jinja over the theme chain; a user's theme overrides single templates of its parents."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(folder / "templates")) for folder in theme.folders()]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template_line(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template frame of a traceback: where in a theme a render failed."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; a broken theme becomes our error with its file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise SelfassessError.at(
            exc.filename or name, f"template syntax error: {exc.message}", exc.lineno
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise SelfassessError.at(name, f"template not found in the theme: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(file, f"template error: {exc.message}", line) from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc.__traceback__)
        file, line = where if where else (name, None)
        raise SelfassessError.at(file, f"template error: {exc}", line) from None
