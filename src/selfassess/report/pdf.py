"""The scorecard's PDF: WeasyPrint's options for each --pdf-variant, the layout, and the fetcher
that lets a page pull in its theme's files and nothing else.

WeasyPrint is imported inside the functions only: it costs most of a second to import, and
`build` and `score` never need it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from selfassess.core.errors import SelfassessError
from selfassess.pages.themes import Theme
from selfassess.report.attached_files import Attachment
from selfassess.report.pdf_tags import complete_tags
from selfassess.report.weasy import import_weasyprint

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

# What --pdf-variant offers: tagged PDF/UA-1 (the default), tagged PDF/A-3b (archival; PDF/A-3
# is the PDF/A that allows embedded files, so the audit trail stays inside), or untagged.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")
DEFAULT_PDF_VARIANT = "pdf/ua-1"


def pdf_options(variant: str) -> dict[str, Any]:
    """WeasyPrint's options for a --pdf-variant: every variant but "none" is tagged.

    PDF/A-3b does not require tags; we keep them so the archival copy stays readable by a
    screen reader (without claiming PDF/A-3a, which asks for more than we check).
    """
    if variant not in PDF_VARIANTS:
        raise SelfassessError.at(
            "--pdf-variant", f"'{variant}' is not one of {', '.join(PDF_VARIANTS)}"
        )
    if variant == "none":
        return {"pdf_tags": False}
    return {"pdf_variant": variant, "pdf_tags": True}


def render_scorecard_pdf(
    html: str,
    theme: Theme,
    step: Callable[[str], None] = lambda _: None,
    *,
    variant: str = DEFAULT_PDF_VARIANT,
    attachments: Sequence[Attachment] = (),
) -> bytes:
    """HTML -> PDF bytes; only the theme's own files can be pulled in.

    Title and language come from the page's <title> and <html lang> (the bank's language).
    `attachments` are embedded from memory, never fetched: the page itself cannot add any.
    """
    weasyprint = import_weasyprint()  # lazy: see the module docstring

    options = pdf_options(variant)
    fetcher = theme_url_fetcher(theme.folders())
    step("Laying out pages")
    document = lay_out(html, theme, variant)
    files = [
        weasyprint.Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            relationship=a.relationship,
            url_fetcher=fetcher,  # never used for a string; without it each builds its own
        )
        for a in attachments
    ]
    # complete_tags adds what WeasyPrint's tag tree lacks for PDF/UA-1 (see pdf_tags.py)
    pdf: bytes = document.write_pdf(attachments=files, finisher=complete_tags, **options)
    return pdf


def render_scorecard_reading(
    html: str, theme: Theme, variant: str = DEFAULT_PDF_VARIANT
) -> tuple[bytes, list[str]]:
    """The scorecard laid out as `report` lays it out, for `verify` to read back: the PDF (no
    attachments) and the text of every running header and footer (the page's margin boxes),
    which pagination may move. Tagged as the report was (`variant`): the tags' marked content
    changes how a PDF reader strings some fonts' text together, so an untagged copy of a tagged
    scorecard can read differently where nothing differs."""
    options = pdf_options(variant)
    document = lay_out(html, theme, variant)
    furniture: list[str] = []
    for page in document.pages:
        for box in page._page_box.children:  # WeasyPrint's layout: the body, then margin boxes
            if type(box).__name__ == "MarginBox":
                furniture.append(" ".join(_box_text(box)))
    pdf: bytes = document.write_pdf(**options)
    return pdf, furniture


def lay_out(html: str, theme: Theme, variant: str) -> Any:
    """WeasyPrint's layout of the scorecard's HTML (its Document), pulling in the theme's own
    files only. It depends on its arguments and the theme's files alone: `report` and `verify`
    both lay out here, and the test suite shares layouts (tests/shared_layouts.py)."""
    weasyprint = import_weasyprint()
    return weasyprint.HTML(
        string=html,
        base_url=theme.folders()[0].resolve().as_uri() + "/",
        url_fetcher=theme_url_fetcher(theme.folders()),
    ).render(**pdf_options(variant))


def _box_text(box: Any) -> list[str]:
    found = [box.text] if isinstance(getattr(box, "text", None), str) else []
    for child in getattr(box, "children", ()):
        found += _box_text(child)
    return found


def theme_url_fetcher(folders: Sequence[Path]) -> URLFetcher:
    """A WeasyPrint fetcher that serves files inside the theme folders and `data:` URLs only.

    Anything else (http, https, ftp, file:///etc/passwd, a symlink out of the theme) raises,
    so WeasyPrint skips the resource and embeds nothing.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [os.path.realpath(folder) for folder in folders]

    class ThemeOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and is_inside(file_url_path(url), allowed):
                return super().fetch(url, headers)
            raise ValueError(f"refused {url[:80]}: a scorecard may only use its theme's files")

    return ThemeOnlyFetcher(allowed_protocols=["file", "data"], allow_redirects=False)


def file_url_path(url: str) -> str:
    """The local path of a file: URL ("" when it names another host)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return ""
    return unquote(parts.path)


def is_inside(path: str, folders: Sequence[str]) -> bool:
    """True when `path`, symlinks resolved, lies inside one of the (resolved) folders."""
    if not path:
        return False
    real = os.path.realpath(path)
    return any(os.path.commonpath([real, folder]) == folder for folder in folders)
