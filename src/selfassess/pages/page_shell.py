"""The shell every standalone page shares: inline CSS and script, the CSP that admits exactly
them (by SHA-256 hash), the page context, and the bank as JSON for the page's script."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from markupsafe import Markup

from selfassess import __version__
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.palette import level_colours, palette_data
from selfassess.inputs.branding import Branding
from selfassess.pages.bank_view import bank_scoring_data, text_direction
from selfassess.pages.packing import pack_script, pack_style
from selfassess.pages.themes import Theme

# Each theme's additions to the page styles, after them: every theme in the chain that has
# this file adds its own, the base first, so a child of nhs keeps nhs's additions.
THEME_STYLES = "css/theme.css"
# The scripts that compute (scoring, reading answer files, chart geometry, the heat map) ship in
# the package, not in a theme: a theme changes how a page looks, never a number on it. Named as
# a string, not imported, since selfassess.web holds only JavaScript.
WEB_PACKAGE = "selfassess.web"


@dataclass(frozen=True)
class InlineAssets:
    """The one <style> and (optional) one <script> of a page, and the CSP that admits them."""

    style: str
    script: str
    brand: Branding = field(default_factory=Branding)

    @property
    def csp(self) -> str:
        rules = ["default-src 'none'", f"style-src '{sha256_source(self.style)}'"]
        if self.script:
            rules.append(f"script-src '{sha256_source(self.script)}'")
        if self.brand.logo is not None:
            rules.append("img-src data:")  # the logo, embedded; nothing else is an image
        rules += ["base-uri 'none'", "form-action 'none'"]
        return "; ".join(rules)


def sha256_source(text: str) -> str:
    """A CSP source expression for an inline block: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def web_script(name: str) -> str:
    """A computing script of selfassess.web (scoring.js, charts.js ...), never a theme's copy."""
    return resources.files(WEB_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def inline_assets(
    theme: Theme,
    styles: Sequence[str],
    scripts: Sequence[str],
    computing: Sequence[str] = (),
    generated_css: str = "",
) -> InlineAssets:
    """A page's packed CSS and script: the package's computing scripts first, then the theme's."""
    generated = [generated_css] if generated_css else []
    css = "\n".join(
        [theme.read_file(name) for name in styles] + generated + theme.read_each(THEME_STYLES)
    )
    style = pack_style(theme.css_variables() + "\n" + css)
    sources = [web_script(name) for name in computing] + [theme.read_file(n) for n in scripts]
    script = "\n".join(pack_script(source) for source in sources)
    refuse_block_end(theme, "css", style, "</style")
    refuse_block_end(theme, "js", script, "</script")
    return InlineAssets(style=style, script=script, brand=theme.branding)


def refuse_block_end(theme: Theme, name: str, text: str, closing: str) -> None:
    """A theme's CSS or script goes inline: refuse one that would end its <style> or <script>."""
    if closing in text.lower():
        raise SelfassessError.at(
            theme.chain[0].path / name,
            f"contains '{closing}', which would end the inline block",
        )


def json_for_html(data: Any) -> Markup:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' as is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def page_bank_data(bank: Questionnaire) -> dict[str, Any]:
    """bank_scoring_data for a page: questions on the bank's own scale leave it out (scoring.js
    falls back to `scale`), and a question on a scale of its own names it by its place in
    `scales`, where each such scale is listed once; a long questionnaire's page stays small."""
    data = bank_scoring_data(bank)
    shared = [{"value": o.value, "label": o.label} for o in bank.scale]
    data["scale"] = shared
    scales: list[list[dict[str, Any]]] = []
    for question in data.get("background", []) + [
        q for principle in data["principles"] for q in principle["questions"]
    ]:
        own = question.get("scale")
        if own == shared:
            del question["scale"]
        elif own is not None:
            if own not in scales:
                scales.append(own)
            question["scale"] = scales.index(own)
    if scales:
        data["scales"] = scales
    return data


def level_tone_css(level_count: int) -> str:
    """The heat map's level fills (tone-<index>) as CSS rules, from the palette the PDF uses."""
    return "".join(
        f".tone-{i}{{background:{colour}}}" for i, colour in enumerate(level_colours(level_count))
    )


def page_palette_data(bank: Questionnaire) -> dict[str, Any]:
    """page_bank_data plus the palette (core/palette.py), for a page that draws organisations."""
    return {**page_bank_data(bank), "palette": palette_data(len(bank.levels))}


@dataclass(frozen=True)
class LanguageLink:
    """One of the languages a page is offered in: its tag, its name in itself, the page in it."""

    lang: str
    name: str  # in the language itself: "Cymraeg", "English"
    href: str
    current: bool = False  # the page being shown
    dir: str = "ltr"  # how the language is written: ltr or rtl


def page_context(
    assets: InlineAssets, lang: str, title: str, languages: Sequence[LanguageLink] = ()
) -> dict[str, Any]:
    """The `page` every template gets: language, direction, title, CSP, inline style and script,
    and the page in each of its languages (none for a page in one language only)."""
    return {
        "lang": lang,
        "dir": text_direction(lang),
        "languages": list(languages),
        "title": title,
        "csp": assets.csp,
        "style": Markup(assets.style),
        "script": Markup(assets.script),
        "version": __version__,
        "brand": assets.brand,
    }
