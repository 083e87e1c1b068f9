"""Rendering a theme's templates: Jinja's immutable sandbox over the theme chain, with bounds
on what one expression may build, on a page's size and on its rendering time, and every failure
one line naming the template file and its line. A theme lays pages out; it never runs code.

Interface text in templates goes through Jinja's i18n extension (`{% trans %}`, `_()`), wired
to core.i18n's gettext so templates and Python speak the language active when a page renders.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import jinja2
import jinja2.sandbox

from selfassess.core import i18n
from selfassess.core.errors import SelfassessError
from selfassess.pages.themes import PARENT, Theme, ThemeChainLoader

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

    def join_path(self, template: str, parent: str) -> str:
        """`!parent/name` in a theme's template: the same name from the next theme up the chain."""
        if template.startswith(PARENT) and isinstance(self.loader, ThemeChainLoader):
            return self.loader.parent_of(template, parent)
        return template

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
    """Jinja over the theme chain; a user's theme overrides single templates of its parents,
    or extends one (`{% extends "!default/form.html.j2" %}`) and overrides a block of it.

    Sandboxed (see the module docstring); a name the view-model lacks is an error, not a blank.
    """
    env = ThemeEnvironment(
        loader=ThemeChainLoader(theme.chain),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # core.i18n's functions rather than one catalogue object: they read the active translations
    # (core.i18n.active_translations) at render time, so an environment built once serves any.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True
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
        if isinstance(exc, RecursionError):
            message += " (a macro that calls itself, or a template that extends or includes itself)"
        raise SelfassessError.at(
            where[0], f"template error: {type(exc).__name__}: {message}".rstrip(": "), where[1]
        ) from None
