"""Themes: the chain (user -> parents -> default), the bundled nhs theme, branding on every
output, `selfassess themes` and `theme new`, and broken themes as located errors on both
`build` and `report`, never a traceback.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_branding import SVG_LOGO, png_bytes

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.core.rounding import shown
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import bundled_banks
from selfassess.inputs.branding import Branding, read_logo
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import bank_for_responses, load_responses
from selfassess.pages import form, site, theme_rendering
from selfassess.pages.form import render_form
from selfassess.pages.site import render_index
from selfassess.pages.theme_scaffold import TEMPLATE_VARIABLES
from selfassess.pages.themes import MAX_THEME_FILE_BYTES, bundled_theme_names, load_theme

ROOT = Path(__file__).parent.parent
RESPONSES = ROOT / "examples" / "responses"


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(
        b.questionnaire for b in bundled_banks() if b.questionnaire.id == "collaboration-maturity"
    )


def make_theme(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def build(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["build", "collaboration-pulse", "-o", str(tmp_path / "site"), *args]
    )


def report(tmp_path: Path, *args: str) -> Result:
    out = tmp_path / "scorecard.html"
    return CliRunner().invoke(cli, ["report", str(RESPONSES), "--html", str(out), "--quiet", *args])


# ---------------------------------------------------------------- the chain and the nhs theme


def test_bundled_themes_are_default_and_nhs() -> None:
    assert bundled_theme_names() == ["default", "nhs"]


def test_nhs_inherits_from_default_and_overrides_only_colours_fonts_and_its_css() -> None:
    theme = load_theme("nhs")
    assert [f.settings.name for f in theme.chain] == ["nhs", "default"]
    nhs_files = sorted(
        str(p.relative_to(theme.chain[0].path))
        for p in theme.chain[0].path.rglob("*")
        if p.is_file()
    )
    assert nhs_files == ["css/scorecard-theme.css", "css/theme.css", "theme.yaml"]
    assert theme.colours["primary"] == "#005eb8"
    assert theme.colours["focus"] == "#ffeb3b"
    assert theme.colours["surface"] == "#f0f4f5"
    assert theme.fonts["body"].startswith('"Frutiger W01", Arial')
    assert theme.colours["selected"] != load_theme().colours["selected"]


def test_nhs_pages_carry_its_variables_and_its_css_after_the_defaults(bank: Questionnaire) -> None:
    html = render_form(bank, load_theme("nhs"))
    assert "--colour-primary:#005eb8" in html
    assert "--colour-header:#003087" in html
    base, additions = html.index(".options{display:flex"), html.index(".options input{width:2.5rem")
    assert base < additions
    assert "<img" not in html and "<svg" not in header_of(html)  # no logo or other mark


def test_a_theme_without_a_parent_still_ends_in_default(tmp_path: Path) -> None:
    user = make_theme(tmp_path / "mine", {"theme.yaml": "name: mine\n"})
    assert [f.settings.name for f in load_theme(str(user)).chain] == ["mine", "default"]


def test_a_parent_may_be_a_folder_beside_the_theme(tmp_path: Path) -> None:
    make_theme(tmp_path / "base", {"theme.yaml": "name: base\nparent: nhs\n"})
    child = make_theme(tmp_path / "child", {"theme.yaml": "name: child\nparent: ../base\n"})
    assert [f.settings.name for f in load_theme(str(child)).chain] == [
        "child",
        "base",
        "nhs",
        "default",
    ]


def test_theme_css_stacks_along_the_chain(tmp_path: Path, bank: Questionnaire) -> None:
    """A child of nhs adds to nhs's CSS; it does not lose it."""
    child = make_theme(
        tmp_path / "child",
        {"theme.yaml": "name: child\nparent: nhs\n", "css/theme.css": ".child-rule{color:red}\n"},
    )
    html = render_form(bank, load_theme(str(child)))
    assert html.index(".options input{width:2.5rem") < html.index(".child-rule{color:red}")


def test_a_user_colour_overrides_its_parents(tmp_path: Path) -> None:
    child = make_theme(
        tmp_path / "child",
        {"theme.yaml": "name: child\nparent: nhs\ncolours:\n  primary: '#0b6e4f'\n"},
    )
    theme = load_theme(str(child))
    assert theme.colours["primary"] == "#0b6e4f"
    assert theme.colours["header"] == "#003087"  # still nhs's


# ---------------------------------------------------------------- branding


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.svg"
    path.write_text(SVG_LOGO, encoding="utf-8")
    return path


def header_of(html: str) -> str:
    match = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    assert match is not None
    return match.group(0)


def csp_of(html: str) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("theme_name", ["default", "nhs"])
def test_branding_puts_the_name_and_logo_in_every_pages_header(
    tmp_path: Path, logo: Path, theme_name: str
) -> None:
    result = build(
        tmp_path,
        "--theme",
        theme_name,
        "--brand-name",
        "Northshire <ICS>",
        "--logo",
        str(logo),
        "--primary-colour",
        "#0B6E4F",
    )
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "site").glob("*.html"))
    assert len(pages) == 6  # landing, form, partnership, in English and Welsh
    uri = read_logo(logo).data_uri
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = header_of(html)
        assert "Northshire &lt;ICS&gt;" in header
        assert f'<img src="{uri}" alt="">' in header
        assert "img-src data:" in csp_of(html)
        assert "--colour-primary:#0b6e4f" in html
        assert "--colour-header:#0b6e4f" in html


def test_without_a_logo_the_csp_allows_no_images(tmp_path: Path) -> None:
    assert build(tmp_path, "--brand-name", "Northshire ICS").exit_code == 0
    for page in (tmp_path / "site").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "img-src" not in csp_of(html)
        assert "<img" not in html
        assert "Northshire ICS" in header_of(html)


def test_a_png_logo_is_embedded_as_an_image_never_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(png_bytes())
    assert build(tmp_path, "--logo", str(path)).exit_code == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html and 'alt="Logo"' in html


def test_an_svg_logo_is_an_img_data_uri_so_nothing_in_it_can_run(
    tmp_path: Path, logo: Path
) -> None:
    assert build(tmp_path, "--logo", str(logo)).exit_code == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<svg xmlns" not in header_of(html)
    assert '<img src="data:image/svg+xml;base64,' in header_of(html)


@pytest.mark.parametrize("command", [build, report])
def test_a_pale_primary_colour_is_refused_with_its_contrast(tmp_path: Path, command: Any) -> None:
    result = command(tmp_path, "--primary-colour", "#ffb81c")
    assert result.exit_code == 1
    assert result.output == (
        "error: --primary-colour: #ffb81c: contrast 1.7:1 against white; needs at least 4.5:1 "
        "(white text sits on this colour, and links in it sit on white)\n"
    )


@pytest.mark.parametrize("command", [build, report])
def test_an_oversized_logo_is_refused_naming_the_file_and_size(
    tmp_path: Path, command: Any
) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(png_bytes() + bytes(150_000))
    result = command(tmp_path, "--logo", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"error: {path}: is 147 KB; a logo may be at most 100 KB, as every page carries it\n"
    )


def test_the_scorecard_shows_the_brand_on_its_cover(tmp_path: Path, logo: Path) -> None:
    result = report(
        tmp_path, "--theme", "nhs", "--brand-name", "Northshire ICS", "--logo", str(logo)
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "scorecard.html").read_text(encoding="utf-8")
    cover = html[html.index('<div class="cover-band">') :][:4000]
    assert "Northshire ICS" in cover
    assert '<img src="data:image/svg+xml;base64,' in cover
    assert "--colour-primary:#005eb8" in html  # the scorecard follows the theme


def test_the_scorecard_css_takes_its_colours_and_fonts_from_the_theme() -> None:
    css = load_theme().read_file("css/scorecard.css")
    without_fallbacks = re.sub(r",\s*#[0-9a-fA-F]{6}\)", ")", css)  # var(--colour-x, #fallback)
    colours = load_theme().colours
    for name in ("primary", "muted", "error", "background"):
        assert colours[name] not in without_fallbacks.lower(), name
    assert "var(--font-body" in css and "var(--colour-primary" in css


@pytest.mark.parametrize("theme_name", ["default", "nhs"])
def test_each_bundled_theme_makes_a_valid_scorecard_pdf(
    tmp_path: Path, logo: Path, theme_name: str
) -> None:
    from pypdf import PdfReader

    paths = expand_input_paths([str(RESPONSES)])
    bank = bank_for_responses(paths).questionnaire
    scores = score_all(bank, load_responses(paths, bank).responses)
    level = next(lv.label for lv in bank.levels if lv.id == scores.partnership.level)
    pdf = tmp_path / "scorecard.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(RESPONSES),
            "-o",
            str(pdf),
            "--quiet",
            "--theme",
            theme_name,
            "--partnership",
            "Northshire Health and Care Partnership",
            "--brand-name",
            "Northshire ICS",
            "--logo",
            str(logo),
        ],
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 4
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Northshire Health and Care Partnership" in text
    assert "Northshire ICS" in " ".join(reader.pages[0].extract_text().split())
    for principle in bank.principles:
        assert principle.title in text
    summary = " ".join(reader.pages[1].extract_text().split())
    assert f"{shown(scores.partnership.overall)}/100 {level}" in summary


# ---------------------------------------------------------------- selfassess themes / theme new


def test_themes_lists_each_bundled_theme_with_its_description_and_parent() -> None:
    result = CliRunner().invoke(cli, ["themes"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("default ") and "Neutral and accessible" in lines[0]
    assert lines[1].startswith("nhs ") and lines[1].endswith("(parent: default)")


def test_theme_new_writes_a_theme_that_overrides_one_partial(
    tmp_path: Path, bank: Questionnaire
) -> None:
    target = tmp_path / "Northshire Theme"
    result = CliRunner().invoke(cli, ["theme", "new", str(target), "--parent", "nhs"])
    assert result.exit_code == 0, result.output
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "css/theme.css",
        "templates/partials/header.html.j2",
        "theme.yaml",
    ]
    assert "parent: nhs\n" in (target / "theme.yaml").read_text("utf-8")
    assert "name: northshire-theme\n" in (target / "theme.yaml").read_text("utf-8")
    partial = target / "templates" / "partials" / "header.html.j2"
    assert partial.read_text("utf-8") == load_theme("nhs").read_file(
        "templates/partials/header.html.j2"
    )
    assert TEMPLATE_VARIABLES in (target / "README.md").read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["Northshire Theme"]  # no staging left

    partial.write_text(partial.read_text("utf-8").replace("<header", "<header data-trust"), "utf-8")
    theme = load_theme(str(target))
    assert [f.settings.name for f in theme.chain] == ["northshire-theme", "nhs", "default"]
    html = render_form(bank, theme)
    assert "<header data-trust" in html
    assert "--colour-primary:#005eb8" in html  # commented-out colours leave nhs's


def test_theme_new_refuses_a_folder_with_anything_in_it(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["theme", "new", str(target)])
    assert result.exit_code == 1
    assert (
        result.output == f"error: {target}: already exists and is not empty; not overwriting it\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_theme_new_fills_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    result = CliRunner().invoke(cli, ["theme", "new", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    assert "parent: default\n" in (tmp_path / "mine" / "theme.yaml").read_text("utf-8")


def test_theme_new_refuses_an_unknown_parent() -> None:
    result = CliRunner().invoke(cli, ["theme", "new", "x", "--parent", "nhss"])
    assert result.exit_code == 2
    assert "'nhss' is not one of 'default', 'nhs'" in result.output


def test_the_readme_documents_every_variable_a_page_template_gets(
    monkeypatch: pytest.MonkeyPatch, bank: Questionnaire
) -> None:
    contexts: dict[str, dict[str, Any]] = {}
    real = theme_rendering.render_template

    def recording(env: Any, name: str, context: dict[str, Any]) -> str:
        contexts[name] = context
        return real(env, name, context)

    monkeypatch.setattr(form, "render_template", recording)
    monkeypatch.setattr(site, "render_template", recording)
    render_form(bank, load_theme())
    render_index([bank], load_theme())
    for name, context in contexts.items():
        for key in context:
            assert f"`{key}" in TEMPLATE_VARIABLES, f"{name}: {key} is not documented"
        for key in context["page"]:
            assert f"`page.{key}" in TEMPLATE_VARIABLES, f"{name}: page.{key}"
    for key in ("name", "logo_uri", "logo_alt"):
        assert hasattr(Branding(), key)
        assert f"`page.brand.{key}`" in TEMPLATE_VARIABLES


def test_the_themes_guide_carries_the_same_variable_list() -> None:
    guide = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    assert TEMPLATE_VARIABLES in guide


# ---------------------------------------------------------------- broken user themes


BROKEN = {
    "a template syntax error": (
        {
            "theme.yaml": "name: broken\n",
            "templates/partials/header.html.j2": "<header>\n<p>\n{% if %}\n</header>\n",
            "templates/scorecard/cover.html.j2": "<section>\n{% for x in %}\n</section>\n",
        },
        {
            "build": r"templates/partials/header\.html\.j2:3: template syntax error: ",
            "report": r"templates/scorecard/cover\.html\.j2:2: template syntax error: ",
        },
    ),
    "an undefined variable": (
        {
            "theme.yaml": "name: broken\n",
            "templates/partials/header.html.j2": "<header>\n\n\n{{ page.brand.nmae }}\n</header>\n",
            "templates/scorecard/cover.html.j2": "<section>\n{{ view.titel }}\n</section>\n",
        },
        {
            "build": r"templates/partials/header\.html\.j2:4: template error: .*'nmae'",
            "report": r"templates/scorecard/cover\.html\.j2:2: template error: .*'titel'",
        },
    ),
    "a missing file": (
        {
            "theme.yaml": "name: broken\n",
            "templates/partials/header.html.j2": '<header>\n{% include "partials/logo.html.j2" %}\n',
            "templates/scorecard/cover.html.j2": '{% include "scorecard/brand.html.j2" %}\n',
        },
        {
            "build": r"templates/partials/header\.html\.j2:2: includes 'partials/logo\.html\.j2', "
            r"which is not in this theme or its parents",
            "report": r"templates/scorecard/cover\.html\.j2:1: includes 'scorecard/brand\.html\.j2'",
        },
    ),
    "an unknown parent": (
        {"theme.yaml": "name: broken\nparent: nhss\n"},
        r"theme\.yaml:2: unknown parent 'nhss': not a bundled theme nor a folder beside this "
        r"one; did you mean 'nhs'\? \(at parent\)",
    ),
    "no theme.yaml": (
        {"templates/partials/header.html.j2": "<header></header>\n"},
        r"theme\.yaml: missing: a theme folder needs a theme\.yaml",
    ),
    "a misspelt key": (
        {"theme.yaml": "name: broken\nparent: default\ncolour:\n  primary: '#005eb8'\n"},
        r"theme\.yaml:3: unknown key 'colour'; did you mean 'colours'\? \(at colour\)",
    ),
    "a misspelt colour name": (
        {"theme.yaml": "name: broken\ncolours:\n  text: '#000000'\n  primay: '#005eb8'\n"},
        r"theme\.yaml:4: unknown colour 'primay'; did you mean 'primary'\? \(at colours\.primay\)",
    ),
    "a colour that is not #RRGGBB": (
        {"theme.yaml": "name: broken\ncolours:\n  primary: blue\n"},
        r"theme\.yaml:3: 'blue' is not a colour: expected #RRGGBB",
    ),
    "a template that reaches for Python": (
        {
            "theme.yaml": "name: broken\n",
            "templates/partials/header.html.j2": "<header>\n{{ cycler.__init__.__globals__ }}\n",
            "templates/scorecard/cover.html.j2": "<section>\n\n{{ view.__class__.__mro__ }}\n",
        },
        {
            "build": r"templates/partials/header\.html\.j2:2: a theme may only lay out the page, "
            r"not run code: access to attribute '__init__' .* is unsafe",
            "report": r"templates/scorecard/cover\.html\.j2:3: a theme may only lay out the page, "
            r"not run code: access to attribute '__class__' .* is unsafe",
        },
    ),
    "a font that would end the style block": (
        {
            "theme.yaml": "name: broken\nfonts:\n  body: 'Arial</style><meta http-equiv=refresh "
            'content="0;url=https://example.org">\'\n',
        },
        r"theme\.yaml:3: 'Arial</style><meta .* is not a font list: expected a CSS font-family "
        r"list of names, .* \(at fonts\.body\)",
    ),
    "a font that would add a CSS rule": (
        {"theme.yaml": "name: broken\nfonts:\n  heading: 'Arial;}body{display:none'\n"},
        r"theme\.yaml:3: 'Arial;}body{display:none' is not a font list: .* \(at fonts\.heading\)",
    ),
    "scorecard CSS that would end the style block": (
        {
            "theme.yaml": "name: broken\n",
            "css/theme.css": "a{}</style><meta http-equiv=refresh content=0>\n",
            "css/scorecard-theme.css": "a{}</style><meta http-equiv=refresh content=0>\n",
        },
        r"/css: contains '</style', which would end the inline block",
    ),
    "YAML that does not parse": (
        {"theme.yaml": "name: broken\ncolours: [\n"},
        r"theme\.yaml:3: malformed YAML",
    ),
}


@pytest.mark.parametrize("command", ["build", "report"])
@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_theme_is_a_located_error_never_a_traceback(
    tmp_path: Path, case: str, command: str
) -> None:
    files, expected = BROKEN[case]
    theme = make_theme(tmp_path / "broken", files)
    run = build if command == "build" else report
    result = run(tmp_path, "--theme", str(theme))
    pattern = expected[command] if isinstance(expected, dict) else expected
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"error: {theme}/"), result.output
    assert re.search(pattern, result.output), result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists() and not (tmp_path / "scorecard.html").exists()


def test_an_unknown_theme_name_suggests_the_bundled_one(tmp_path: Path) -> None:
    result = build(tmp_path, "--theme", "nsh")
    assert result.exit_code == 1
    assert (
        result.output == "error: nsh: no such theme folder or bundled theme; did you mean 'nhs'?\n"
    )


def test_a_parent_chain_that_loops_is_refused(tmp_path: Path) -> None:
    make_theme(tmp_path / "a", {"theme.yaml": "name: a\nparent: ../b\n"})
    make_theme(tmp_path / "b", {"theme.yaml": "name: b\nparent: ../a\n"})
    with pytest.raises(SelfassessError, match="parent chain loops back"):
        load_theme(str(tmp_path / "a"))


def test_a_theme_whose_css_would_end_the_style_block_is_refused(
    tmp_path: Path, bank: Questionnaire
) -> None:
    theme = make_theme(
        tmp_path / "t", {"theme.yaml": "name: t\n", "css/theme.css": "a{}</style><script>x()\n"}
    )
    with pytest.raises(SelfassessError, match="would end the inline block"):
        render_form(bank, load_theme(str(theme)))


@pytest.mark.parametrize("command", ["build", "report"])
def test_a_theme_cannot_run_a_shell_command(tmp_path: Path, command: str) -> None:
    witness = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.popen('touch {witness}').read() }}}}\n"
    theme = make_theme(
        tmp_path / "evil",
        {
            "theme.yaml": "name: evil\n",
            "templates/partials/header.html.j2": payload,
            "templates/scorecard/cover.html.j2": payload,
        },
    )
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1, result.output
    assert "not run code" in result.output
    assert not witness.exists()


def test_a_theme_cannot_change_the_figures_it_is_given(tmp_path: Path) -> None:
    """The sandbox is immutable: a template may read the view-model, never append to it."""
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\n",
            "templates/scorecard/cover.html.j2": "{{ view.sections.append(1) }}\n",
        },
    )
    result = report(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert "cover.html.j2:1: a theme may only lay out the page, not run code" in result.output


def test_the_bundled_font_lists_are_accepted() -> None:
    assert load_theme("nhs").fonts["body"].startswith('"Frutiger W01"')
    assert "system-ui" in load_theme("default").fonts["body"]


def test_stderr_output_of_build_is_one_line_per_problem(tmp_path: Path) -> None:
    theme = make_theme(tmp_path / "t", BROKEN["a misspelt key"][0])  # type: ignore[arg-type]
    result = build(tmp_path, "--theme", str(theme))
    assert len(io.StringIO(result.output).readlines()) == 1


@pytest.mark.parametrize("command", ["build", "report"])
@pytest.mark.parametrize(
    "link",
    [
        "templates/partials/header.html.j2",
        "templates/scorecard/cover.html.j2",
        "css/theme.css",
        "css/scorecard-theme.css",
    ],
)
def test_a_theme_file_linked_out_of_the_theme_is_refused(
    tmp_path: Path, command: str, link: str
) -> None:
    """A symbolic link would copy the file it points to (a key, /etc/passwd) into the pages."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish")
    theme = make_theme(tmp_path / "t", {"theme.yaml": "name: t\n"})
    (theme / link).parent.mkdir(parents=True, exist_ok=True)
    (theme / link).symlink_to(secret)
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    used = ("scorecard" in link) == (command == "report")  # each command reads its own files
    if not used:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"error: {theme / link}: is a symbolic link out of its theme folder; "
        "a theme may use only its own files\n"
    )
    assert not (tmp_path / "site").exists() and not (tmp_path / "scorecard.html").exists()


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("build", "templates/partials/header.html.j2"),
        ("build", "css/theme.css"),
        ("report", "templates/scorecard/cover.html.j2"),
        ("report", "css/scorecard-theme.css"),
    ],
)
def test_an_oversized_theme_file_is_refused_without_reading_it_whole(
    tmp_path: Path, command: str, name: str
) -> None:
    """A theme is data someone downloaded: a file of gigabytes is one line, not a memory blow-up."""
    theme = make_theme(tmp_path / "t", {"theme.yaml": "name: t\n"})
    (theme / name).parent.mkdir(parents=True, exist_ok=True)
    with (theme / name).open("wb") as f:
        f.truncate(MAX_THEME_FILE_BYTES + 1)  # sparse: no disk used
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {theme / name}: ")
    assert "theme file" in result.output and len(result.output.splitlines()) == 1


@pytest.mark.parametrize("name", ["templates/partials/header.html.j2", "css/theme.css"])
def test_a_fifo_in_a_theme_is_refused_before_it_is_opened(tmp_path: Path, name: str) -> None:
    """A FIFO named like a template would block the build for ever if it were opened."""
    theme = make_theme(tmp_path / "t", {"theme.yaml": "name: t\n"})
    (theme / name).parent.mkdir(parents=True)
    os.mkfifo(theme / name)
    result = build(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert result.output == f"error: {theme / name}: is a FIFO (named pipe), not a regular file\n"


HOSTILE_EXPRESSIONS = {
    "a division by zero": ("{{ 1 / 0 }}", r"template error: ZeroDivisionError: division by zero"),
    "endless recursion": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        r"template error: RecursionError: maximum recursion depth exceeded",
    ),
    "a gigabyte string": ('{{ "a" * 2000000000 }}', r"'\*' would make 2,000,000,000 characters"),
    "a gigabyte list": ("{{ 2000000000 * [1] }}", r"'\*' would make 2,000,000,000 characters"),
    "a huge power": ("{{ 9 ** 999999999 }}", r"'\*\*' would make an integer over 4096 bits"),
    "a huge %-width": ('{{ "%0999999999d" % 1 }}', r"a width or precision of a million or more"),
    "a huge format filter width": (
        '{{ "%0999999999d"|format(1) }}',
        r"a width or precision of a million or more",
    ),
    "a huge str.format width": (
        "{{ '{:>999999999}'.format(1) }}",
        r"a width or precision of a million or more",
    ),
    "a huge center": ("{{ 'a'|center(999999999) }}", r"'center' would make 999,999,999"),
    "a huge indent": ("{{ 'a\\nb'|indent(999999999) }}", r"'indent' would make 999,999,999"),
}


@pytest.mark.parametrize("command", ["build", "report"])
@pytest.mark.parametrize("case", list(HOSTILE_EXPRESSIONS))
def test_a_theme_expression_that_fails_or_explodes_is_one_located_line(
    tmp_path: Path, command: str, case: str
) -> None:
    """Not only a reach for Python: arithmetic errors, recursion and values of gigabytes in a
    theme are a line naming the template, never a traceback, a stall or all the memory."""
    expression, pattern = HOSTILE_EXPRESSIONS[case]
    name = "partials/header" if command == "build" else "scorecard/cover"
    theme = make_theme(
        tmp_path / "t",
        {"theme.yaml": "name: t\n", f"templates/{name}.html.j2": f"<p>\n{expression}\n"},
    )
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"error: {theme}/templates/{name}.html.j2:2: ")
    assert re.search(pattern, result.output), result.output
    assert len(result.output.splitlines()) == 1, result.output


@pytest.mark.parametrize("extends", ["form.html.j2", "!t/form.html.j2"])
def test_a_template_that_extends_itself_is_one_line_saying_so(tmp_path: Path, extends: str) -> None:
    """Extending itself (by its own name, or through its own theme's prefix) loops for ever:
    one line naming the template and the loop, not a traceback."""
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\nparent: default\n",
            "templates/form.html.j2": f'{{% extends "{extends}" %}}\n',
        },
    )
    result = build(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"error: {theme}/templates/form.html.j2:1: "), result.output
    assert "extends or includes itself" in result.output
    assert len(result.output.splitlines()) == 1, result.output


def test_ordinary_arithmetic_and_formatting_still_work_in_a_theme(tmp_path: Path) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\n",
            "templates/partials/header.html.j2": "<p>{{ 2 * 3 }} {{ 'ab' * 3 }} {{ 2 ** 10 }} "
            "{{ '%5.1f' % 3.14159 }} {{ '%s-%s'|format(1, 2) }} {{ '{0:>3}'.format(7) }}</p>\n",
        },
    )
    result = build(tmp_path, "--theme", str(theme))
    assert result.exit_code == 0, result.output
    assert "<p>6 ababab 1024   3.1 1-2   7</p>" in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize("command", ["build", "report"])
def test_a_theme_that_renders_for_too_long_is_stopped_with_one_line(
    tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten billion loop turns: no bound on a value catches it, so a page has a time limit."""
    monkeypatch.setattr(theme_rendering, "RENDER_SECONDS", 1)
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    name = "partials/header" if command == "build" else "scorecard/cover"
    theme = make_theme(
        tmp_path / "t", {"theme.yaml": "name: t\n", f"templates/{name}.html.j2": loops}
    )
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"error: {theme}/templates/{name}.html.j2:1: took over 1 s to render; "
        "a theme may only lay out the page\n"
    )


@pytest.mark.parametrize("command", ["build", "report"])
def test_a_theme_that_prints_a_bounded_value_in_a_long_loop_is_stopped_by_the_pages_size(
    tmp_path: Path, command: str
) -> None:
    """Each value is within bounds; a thousand of them make a page of 100 million characters."""
    loop = "{% for i in range(1000) %}{{ 'x' * 100000 }}{% endfor %}"
    name = "partials/header" if command == "build" else "scorecard/cover"
    theme = make_theme(
        tmp_path / "t", {"theme.yaml": "name: t\n", f"templates/{name}.html.j2": loop}
    )
    result = (build if command == "build" else report)(tmp_path, "--theme", str(theme))
    assert result.exit_code == 1, result.output
    page = "index" if command == "build" else "scorecard"
    assert result.output == (
        f"error: {page}.html.j2: a theme may only lay out the page, not run code: "
        "the page would be over 50 million characters\n"
    )
