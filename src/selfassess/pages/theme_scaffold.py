"""`selfassess theme new`: a starter theme folder that overrides one partial of its parent.

The folder is written beside its final place and renamed into it, so it appears whole or not
at all, and an existing folder with anything in it is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from selfassess.core.errors import SelfassessError
from selfassess.pages.themes import COLOURS, FONTS, load_theme
from selfassess.pages.writing import write_synced

HEADER_PARTIAL = "templates/partials/header.html.j2"

# What templates receive; docs/themes.md has the same list (a test keeps the two in step).
TEMPLATE_VARIABLES = """\
## Template variables

Templates run in Jinja's immutable sandbox with `StrictUndefined`: a misspelt variable stops
the build with the template's file and line instead of printing nothing, and a template can lay
out what it is given but cannot run code (no attribute starting with `_`, so no way from a
template to Python's internals) nor change a figure (no `append`, `update` and the like on the
variables); a template that tries stops `build` and `report` with one line naming its file and
line. So does one that fails or runs away: a division by zero or endless recursion, a value of
more than a million characters or items (`'a' * 10**9`, a `center`, `indent` or format width of a
million), an integer `**` of more than 4096 bits, a page of over 50 million characters, or a
page that takes over 60 seconds to render (loops within loops). Every file a theme uses must lie in the theme's own folder: a template or
CSS file that is a symbolic link out of it is refused, as it would copy that file into the pages.
Text is escaped unless the name ends in `_html` (Markdown rendered at build time, raw HTML off) or `_svg`.
Interface text goes through `{% trans %}...{% endtrans %}` or `_("...")` (Jinja's i18n extension), so
it is translated with the bundled templates' own; a template can extend its parent's
(`{% extends "!default/form.html.j2" %}`) and override one `{% block %}`.

### Every page (`base.html.j2` and every partial it includes)

| Variable | What it holds |
|---|---|
| `page.title` | the page's title |
| `page.lang` | the language of the page (the bank's `language`, or the page's one of its `languages`) |
| `page.languages` | the page in each of its bank's languages, for a bank offered in several (empty otherwise): each with `lang`, `name` (in that language: "Cymraeg", "English"), `href`, `dir` and `current` (this page); `partials/languages.html.j2` links the others at the top and `base.html.j2` lists them all as `<link rel="alternate" hreflang>` |
| `page.dir` | `rtl` for a right-to-left language (Arabic, Hebrew, Persian, Urdu ...), else `ltr` |
| `page.csp` | the Content-Security-Policy; keep it in `base.html.j2` |
| `page.style`, `page.script` | the inline CSS and script (already in `base.html.j2`) |
| `page.version` | the selfassess version |
| `page.brand.name` | `--brand-name`, or empty |
| `page.brand.logo_uri` | `--logo` as a `data:` URI, or empty |
| `page.brand.logo_alt` | the logo's text alternative (empty when the name is shown beside it) |

### The form page (`form.html.j2`; partials `respondent`, `background`, `principle`, `question`, `comment`, `actions`, `results`)

| Variable | What it holds |
|---|---|
| `bank.id`, `bank.version`, `bank.title`, `bank.language`, `bank.description` | the bank |
| `bank.intro_html` | the bank's intro |
| `bank.question_count`, `bank.estimated_minutes` | its size |
| `bank.levels` | each with `id`, `label`, `min`, `description` |
| `bank.principles` | each with `id`, `number`, `title`, `summary_html`, `questions`, `advice_html` (level id -> HTML) |
| `principle.questions` | each with `id`, `number` (0 for a background question), `text_html`, `help_html`, `reverse`, `options` (`value`: the scale number or the option id; `label`), `type` (`scale`, `choice`, `multi`, `text`), `control` (`radio`, `select` past seven choices, `checkbox`, `textarea`), `scored`, `conditional` (asked only of some: the script hides it until then) |
| `bank.background` | the questions about the respondent ("About you"), the same fields |
| `bank.references_html` | the bank's sources, each inline HTML (the results' "Sources") |
| `bank.conditional` | whether some question is asked only of some respondents |
| `bank.translations` | the bank's note on its translations ("Welsh translation: draft, not yet reviewed"), every language of it: each with `lang`, `text` and `dir` (`rtl` or `ltr` where it is written otherwise than the page, else empty) (`partials/translation-notes.html.j2`, given them as `notes`) |
| `bank_json` | the bank's scoring data for the script; keep it |
| `messages_json` | the words the page's script shows, by key (`base.html.j2` puts it in the page); keep it |
| `answers_needed`, `answers_total` | principle id -> rated answers needed for a score, and its rated questions |
| `answers_needed_when_asked` | principle id -> the answers needed when 1, 2 ... of its rated questions are asked, space-separated (the script picks from it) |
| `index_href`, `partnership_href` | links to the landing and partnership pages (empty for a lone page) |

Inside the loops of `form.html.j2` and its partials: `principle`, `question`, `option`.

### The landing page (`index.html.j2`, partial `bank-card`)

| Variable | What it holds |
|---|---|
| `banks` | each with `view` (as `bank` above, in the page's language where the bank is offered in it), `href`, `partnership_href` (its pages in that language, else in its default), `languages` (its form in each of its languages, as `page.languages`; empty for one), `lang` and `dir` (the card's language where it is not the page's, else empty) |
| `item` | one of `banks`, inside `partials/bank-card.html.j2` |

### The partnership page (`partnership.html.j2`)

`bank`, `bank_json`, `messages_json`, `index_href` as on the form page, and `form_href`, `divergence_threshold`,
`max_megabytes`.

### The scorecard (`scorecard.html.j2`, `scorecard/*.html.j2`)

| Variable | What it holds |
|---|---|
| `view` | the scorecard: `title`, `partnership`, `date`, `respondents`, `organisations`, `overall`, `level`, `levels`, `tones` (the heat maps' fills, one CSS class each), `radar_svg`, `principles`, `weakest_link`, `sections`, `baseline`, `method` ... (`selfassess.scorecard.views.ScorecardView`) |
| `css` | the scorecard's CSS, already in `scorecard.html.j2` |
| `brand` | as `page.brand` above |
"""


def _theme_yaml(name: str, parent: str) -> str:
    parent_theme = load_theme(parent)
    colours = "\n".join(
        f'  # {key}: "{parent_theme.colours[key]}"  # {meaning}'
        if key in parent_theme.colours
        else f'  # {key}: "#rrggbb"  # {meaning}'
        for key, meaning in COLOURS.items()
    )
    fonts = "\n".join(
        f"  # {key}: '{parent_theme.fonts.get(key, parent_theme.fonts['body'])}'  # {meaning}"
        for key, meaning in FONTS.items()
    )
    return f"""\
# A selfassess theme. Use it with: selfassess build --theme PATH (and report --theme PATH).
# It inherits everything from its parent and overrides only the files in this folder.
name: {name}
description: My organisation's theme, based on {parent}.
parent: {parent}
# Uncomment and change what you need. Colours are #RRGGBB; white text sits on primary,
# header and button, so keep their contrast against white at 4.5:1 or more.
colours:
{colours}
fonts:
{fonts}
"""


THEME_CSS = """\
/* This theme's additions to the page styles (form, landing and partnership pages). They come
   after the parent theme's styles and additions, so a rule here wins. For example:

.site-header{border-bottom:6px solid var(--colour-focus)}
*/
"""


def _readme(name: str, parent: str) -> str:
    return f"""\
# Theme `{name}`

A selfassess theme based on the bundled theme `{parent}`. Build with it:

    selfassess build --theme {name} -o site
    selfassess report responses/ --theme {name} -o scorecard.pdf

## How it works

A theme overrides only the files it contains; everything else comes from its parent (and in
the end from the bundled `default` theme), as mkdocs' `custom_dir` does.

- `theme.yaml`: name, description, parent, colours and fonts (CSS variables `--colour-NAME`
  and `--font-NAME`).
- `{HEADER_PARTIAL}`: the header band of every page, copied from the parent to edit.
  Copy any other template of the parent the same way to override it: `form.html.j2`,
  `index.html.j2`, `partials/footer.html.j2`, `scorecard/cover.html.j2` ...
- `css/theme.css`: CSS added after the parent's, for the form, landing and partnership pages.
  `css/scorecard-theme.css` does the same for the PDF scorecard.

Keep pages self-contained: no links to fonts, images or scripts elsewhere (the pages'
Content-Security-Policy blocks them anyway). Use `--logo` for a logo.

{TEMPLATE_VARIABLES}"""


def _theme_name(path: Path) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", path.name.lower()).strip("-") or "my-theme"


def write_new_theme(path: Path, parent: str) -> list[Path]:
    """Write a starter theme at `path`; the files written, relative to it."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SelfassessError.at(path, "already exists and is not empty; not overwriting it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SelfassessError.at(path, f"folder {folder} does not exist")
    source = load_theme(parent)
    name = _theme_name(path)
    files = {
        Path("theme.yaml"): _theme_yaml(name, parent),
        Path(HEADER_PARTIAL): source.read_file(HEADER_PARTIAL),
        Path("css/theme.css"): THEME_CSS,
        Path("README.md"): _readme(name, parent),
    }
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".new", dir=folder))
    except OSError as exc:
        raise SelfassessError.at(
            path, f"cannot write the theme: folder {folder}: {exc.strerror or exc}"
        ) from None
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_synced(target, text.encode("utf-8"))
        staging.chmod(0o755)
        os.rename(staging, path)  # replaces only an empty folder; fails on anything else
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SelfassessError.at(path, f"cannot write the theme: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return list(files)
