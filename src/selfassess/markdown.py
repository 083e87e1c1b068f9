"""The one Markdown renderer: markdown-it-py with raw HTML off and unsafe links dropped."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def _is_safe_url(url: str) -> bool:
    """Only web, mail and phone links, and relative links with no scheme at all."""
    cleaned = "".join(url.split()).lower()
    if cleaned.startswith(SAFE_SCHEMES) or cleaned.startswith(("#", "/", "./", "../")):
        return True
    return ":" not in cleaned.split("/", 1)[0]


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # pages are self-contained: no remote pictures
    md.validateLink = _is_safe_url  # type: ignore[method-assign]
    return md


def render_markdown(text: str | None) -> str:
    """Markdown -> HTML fragment that is safe to put in a page unescaped."""
    if not text:
        return ""
    html: str = _renderer().render(text)
    return html.strip()


def render_inline(text: str | None) -> str:
    """Markdown for one line (a question, a label): no surrounding paragraph."""
    if not text:
        return ""
    html: str = _renderer().renderInline(text)
    return html.strip()
