"""branding.py: WCAG contrast, the primary colour rule, and logo files checked by their content."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from selfassess.core.errors import SelfassessError
from selfassess.inputs.branding import (
    MAX_LOGO_BYTES,
    Branding,
    contrast_ratio,
    darker,
    format_ratio,
    make_branding,
    parse_brand_name,
    parse_primary_colour,
    read_logo,
    relative_luminance,
)

SVG_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect width="120" height="40" fill="#0b6e4f"/>'
    '<text x="10" y="27" font-size="20" fill="#fff">NHCP</text></svg>'
)


def png_bytes(width: int = 4, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG, made here so the tests need no image files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------- contrast (WCAG 2.x)


@pytest.mark.parametrize(
    "first,second,ratio",
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#005eb8", "#ffffff", 6.38),
        ("#ffb81c", "#ffffff", 1.73),
    ],
)
def test_contrast_ratio_follows_wcag_relative_luminance(
    first: str, second: str, ratio: float
) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(second, first) == contrast_ratio(first, second)


def test_relative_luminance_of_black_white_and_a_primary() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_a_ratio_just_under_the_minimum_never_prints_as_the_minimum() -> None:
    assert format_ratio(4.4999) == "4.4:1"
    assert format_ratio(2.96) == "2.9:1"


# ---------------------------------------------------------------- --primary-colour


def test_a_readable_primary_colour_is_accepted_and_normalised() -> None:
    assert parse_primary_colour(" #005EB8 ") == "#005eb8"


def test_a_pale_primary_colour_is_refused_with_its_measured_contrast() -> None:
    with pytest.raises(SelfassessError) as caught:
        parse_primary_colour("#ffb81c")
    assert "contrast 1.7:1 against white; needs at least 4.5:1" in str(caught.value)


def test_a_colour_just_under_the_minimum_is_refused() -> None:
    with pytest.raises(SelfassessError, match=r"contrast 4\.4:1 against white"):
        parse_primary_colour("#787878")  # 4.42:1


@pytest.mark.parametrize("text", ["005eb8", "#05eb8", "#00zz00", "blue", "#005eb8ff", ""])
def test_a_primary_colour_that_is_not_rrggbb_is_refused(text: str) -> None:
    with pytest.raises(SelfassessError, match="expected #RRGGBB"):
        parse_primary_colour(text)


def test_a_primary_colour_replaces_every_main_colour_of_the_theme() -> None:
    colours = Branding(primary_colour="#0b6e4f").colours()
    assert colours == {
        "primary": "#0b6e4f",
        "header": "#0b6e4f",
        "button": "#0b6e4f",
        "button-shadow": darker("#0b6e4f"),
    }
    assert darker("#0b6e4f") == "#053727"
    assert Branding().colours() == {}


# ---------------------------------------------------------------- --brand-name


def test_a_brand_name_is_trimmed_and_capped() -> None:
    assert parse_brand_name("  Northshire   ICS ") == "Northshire ICS"
    with pytest.raises(SelfassessError, match="is empty"):
        parse_brand_name("   ")
    with pytest.raises(SelfassessError, match="at most 100"):
        parse_brand_name("x" * 101)


# ---------------------------------------------------------------- --logo


def test_a_png_logo_is_embedded_as_a_data_uri(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(png_bytes())
    logo = read_logo(path)
    assert logo.media_type == "image/png"
    assert logo.data_uri == "data:image/png;base64," + base64.b64encode(png_bytes()).decode()


def test_an_svg_logo_is_recognised_by_its_root_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "logo.txt"
    path.write_text(SVG_LOGO, encoding="utf-8")
    assert read_logo(path).media_type == "image/svg+xml"


def test_a_logo_over_the_size_cap_names_the_file_and_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_bytes() + b"\x00" * (MAX_LOGO_BYTES + 20_000))
    with pytest.raises(SelfassessError) as caught:
        read_logo(path)
    assert str(caught.value) == (
        f"{path}: is 120 KB; a logo may be at most 100 KB, as every page carries it"
    )


BAD_LOGOS = {
    "a JPEG": (b"\xff\xd8\xff\xe0JFIF", "is neither a PNG nor an SVG image"),
    "text": (b"just some text", "is neither a PNG nor an SVG image"),
    "HTML with an svg inside": (
        b'<html><body><svg xmlns="http://www.w3.org/2000/svg"/></body></html>',
        "its root element is <html>",
    ),
    "an svg without its namespace": (b"<svg><rect/></svg>", "its root element is <svg>"),
    "broken XML": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
        "is not a well-formed SVG image: mismatched tag (column 48)",
    ),
    "a script": (
        SVG_LOGO.replace("</svg>", "<script>alert(1)</script></svg>").encode(),
        "carries a <script>",
    ),
    "an event handler": (
        SVG_LOGO.replace("<rect ", '<rect onload="alert(1)" ').encode(),
        "carries an event handler",
    ),
    "entities": (
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        "declares a DOCTYPE or entities",
    ),
}


@pytest.mark.parametrize("what", list(BAD_LOGOS))
def test_a_file_that_is_not_a_plain_png_or_svg_is_refused(tmp_path: Path, what: str) -> None:
    content, reason = BAD_LOGOS[what]
    path = tmp_path / "logo.svg"
    path.write_bytes(content)
    with pytest.raises(SelfassessError) as caught:
        read_logo(path)
    assert str(caught.value).startswith(f"{path}")
    assert reason in str(caught.value)


def test_a_missing_logo_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(SelfassessError, match="no such logo file"):
        read_logo(tmp_path / "nope.png")


def test_make_branding_checks_everything_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text(SVG_LOGO, encoding="utf-8")
    branding = make_branding("Northshire ICS", path, "#0B6E4F")
    assert branding.name == "Northshire ICS"
    assert branding.logo_uri.startswith("data:image/svg+xml;base64,")
    assert branding.logo_alt == ""  # the name is written beside the logo
    assert branding.primary_colour == "#0b6e4f"
    assert make_branding(None, None, None) == Branding()
    assert Branding(logo=branding.logo).logo_alt == "Logo"
