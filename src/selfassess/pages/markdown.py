"""The one Markdown renderer: markdown-it-py with raw HTML off and only web, mail and in-page links.

The same HTML feeds the form pages and the scorecard, and WeasyPrint turns a relative link
(`../x`, `//host/share`, `/etc/passwd`) into a `file:` link in the PDF, so a bank may link only
to `http(s)://`, `mailto:` and `#anchor` targets. Any other link keeps its text and loses the
link: the words a reader needs stay, the target does not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

SAFE_LINK = re.compile(r"(?:https?://|mailto:|#)", re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """Only web pages (http, https), e-mail addresses (mailto) and anchors in the same page."""
    return SAFE_LINK.match(url.strip()) is not None


def _unlink_unsafe(state: StateCore) -> None:
    """Drop the <a> of every link whose target is not safe, keeping the words inside it."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept = []
        dropping = False  # CommonMark links do not nest, so one flag pairs open and close
        for token in block.children:
            if token.type == "link_open" and not is_safe_link(str(token.attrGet("href") or "")):
                dropping = True
                continue
            if token.type == "link_close" and dropping:
                dropping = False
                continue
            kept.append(token)
        block.children = kept


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # pages are self-contained: no remote pictures
    md.core.ruler.push("unlink_unsafe", _unlink_unsafe)
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
