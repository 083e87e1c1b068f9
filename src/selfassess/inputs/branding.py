"""Branding without a theme: a name, a logo and a primary colour laid over any theme.

Everything is checked here, once, at the edge: the colour must be #RRGGBB and readable in white
on it (and as links on white: WCAG 2.x contrast of at least 4.5:1); the logo must really be a
PNG or an SVG image, small enough to embed in every page as a data: URI. An SVG logo is shown
only through <img>, which never runs scripts or loads anything, but one that carries script or
declares entities is refused anyway: a logo has no use for either.
"""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import SelfassessError
from selfassess.inputs.files import read_file_bytes

MIN_CONTRAST = 4.5  # WCAG 2.x AA for normal text
MAX_LOGO_BYTES = 100 * 1024
MAX_BRAND_NAME = 100
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
WHITE = "#ffffff"


@dataclass(frozen=True)
class Logo:
    """A checked logo image, ready to embed."""

    media_type: str  # image/png or image/svg+xml
    data: bytes

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Branding:
    """A brand name, logo and primary colour for the pages and the scorecard; all optional."""

    name: str = ""
    logo: Logo | None = None
    primary_colour: str = ""  # "#rrggbb", checked by parse_primary_colour

    @property
    def logo_uri(self) -> str:
        return self.logo.data_uri if self.logo is not None else ""

    @property
    def logo_alt(self) -> str:
        """The logo's text alternative: empty when the brand name is written beside it."""
        return "" if self.name else "Logo"

    def colours(self) -> dict[str, str]:
        """Theme colours this branding replaces: everything drawn in the theme's main colour."""
        if not self.primary_colour:
            return {}
        colour = self.primary_colour
        return {
            "primary": colour,
            "header": colour,
            "button": colour,
            "button-shadow": darker(colour),
        }


def parse_primary_colour(text: str) -> str:
    """A primary colour from the command line: #RRGGBB with enough contrast against white."""
    value = text.strip()
    if not COLOUR_PATTERN.fullmatch(value):
        raise SelfassessError.at(
            "--primary-colour", f"{text!r} is not a colour: expected #RRGGBB, such as #005EB8"
        )
    ratio = contrast_ratio(value, WHITE)
    if ratio < MIN_CONTRAST:
        raise SelfassessError.at(
            "--primary-colour",
            f"{value}: contrast {format_ratio(ratio)} against white; needs at least "
            f"{MIN_CONTRAST}:1 (white text sits on this colour, and links in it sit on white)",
        )
    return value.lower()


def parse_brand_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise SelfassessError.at("--brand-name", "is empty; give the name to show in the header")
    if len(name) > MAX_BRAND_NAME:
        raise SelfassessError.at(
            "--brand-name",
            f"is {len(name)} characters; a brand name may be at most {MAX_BRAND_NAME}",
        )
    return name


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour (0 black to 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two #RRGGBB colours, from 1 to 21."""
    lighter, darker_ = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker_ + 0.05)


def format_ratio(ratio: float) -> str:
    """`2.9:1`, rounded down, so a ratio just under the minimum never prints as the minimum."""
    return f"{math.floor(ratio * 10) / 10:.1f}:1"


def darker(colour: str) -> str:
    """The colour halfway to black: the shadow under a button of that colour."""
    return "#" + "".join(f"{int(colour[i : i + 2], 16) // 2:02x}" for i in (1, 3, 5))


def read_logo(path: Path) -> Logo:
    """A PNG or SVG logo file, checked by its content (not its name) and its size."""
    data = read_file_bytes(
        path,
        "logo",
        MAX_LOGO_BYTES,
        missing="no such logo file",
        folder="is a folder; give a PNG or SVG logo file",
        too_large=lambda size: (
            f"is {size / 1024:.0f} KB; a logo may be at most {MAX_LOGO_BYTES // 1024} KB, "
            "as every page carries it"
        ),
    )
    if data.startswith(PNG_MAGIC):
        return Logo("image/png", data)
    return Logo("image/svg+xml", _checked_svg(path, data))


def _checked_svg(path: Path, data: bytes) -> bytes:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SelfassessError.at(path, "is neither a PNG nor an SVG image") from None
    if "<svg" not in text:
        raise SelfassessError.at(path, "is neither a PNG nor an SVG image")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise SelfassessError.at(
            path, "declares a DOCTYPE or entities; save the SVG logo without them"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc.msg).split(": line ")[0]
        raise SelfassessError.at(
            path, f"is not a well-formed SVG image: {reason} (column {column})", line
        ) from None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise SelfassessError.at(
            path,
            f'is not an SVG image: its root element is <{root.tag}>, expected <svg xmlns="{SVG_NAMESPACE}">',
        )
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1].lower() in ("script", "foreignobject"):
            raise SelfassessError.at(
                path, "carries a <script> or <foreignObject>; a logo must be a plain image"
            )
        if any(name.rsplit("}", 1)[-1].lower().startswith("on") for name in element.attrib):
            raise SelfassessError.at(
                path, "carries an event handler (on...=); a logo must be a plain image"
            )
    return data


def make_branding(name: str | None, logo: Path | None, primary_colour: str | None) -> Branding:
    """Branding from the command line's --brand-name, --logo and --primary-colour, all checked."""
    return Branding(
        name=parse_brand_name(name) if name is not None else "",
        logo=read_logo(logo) if logo is not None else None,
        primary_colour=parse_primary_colour(primary_colour) if primary_colour is not None else "",
    )
