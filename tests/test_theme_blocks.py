"""A theme extends one block of its parent's template (`{% extends "!default/form.html.j2" %}`)
instead of copying the file, and the bundled templates' blocks change nothing by being there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_themes import make_theme

from selfassess.cli import cli
from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import bundled_banks
from selfassess.pages.form import render_form
from selfassess.pages.themes import load_theme

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return next(
        b.questionnaire for b in bundled_banks() if b.questionnaire.id == "collaboration-pulse"
    )


def _without(html: str, start: str, end: str) -> str:
    """The page with everything from `start` up to (not including) `end` cut out."""
    head, found, rest = html.partition(start)
    assert found, start
    return head + end + rest.partition(end)[2]


def test_a_theme_overriding_the_intro_block_changes_that_block_only(
    tmp_path: Path, bank: Questionnaire
) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\nparent: default\n",
            "templates/form.html.j2": '{% extends "!default/form.html.j2" %}'
            "{% block intro %}<h1>Our own intro</h1>\n{% endblock %}",
        },
    )
    ours = render_form(bank, load_theme(str(theme)))
    plain = render_form(bank, load_theme("default"))
    assert "<h1>Our own intro</h1>" in ours
    assert f"<h1>{bank.title}</h1>" not in ours
    rest = _without(plain, f"<h1>{bank.title}</h1>", "<noscript>")
    assert rest == _without(ours, "<h1>Our own intro</h1>", "<noscript>")


def test_a_theme_can_call_super_to_add_to_a_parents_block(
    tmp_path: Path, bank: Questionnaire
) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\n",
            "templates/base.html.j2": '{% extends "!default/base.html.j2" %}'
            '{% block footer %}{{ super() }}<p class="ours">Questions? Ask Sam.</p>\n{% endblock %}',
        },
    )
    ours = render_form(bank, load_theme(str(theme)))
    plain = render_form(bank, load_theme("default"))
    assert ours.replace('<p class="ours">Questions? Ask Sam.</p>\n', "") == plain
    assert ours.index("</footer>") < ours.index('<p class="ours">')


def test_a_principle_block_sees_each_principle_in_turn(tmp_path: Path, bank: Questionnaire) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\n",
            "templates/form.html.j2": '{% extends "!default/form.html.j2" %}'
            '{% block principle %}<p class="p">{{ principle.number }}</p>\n{% endblock %}',
        },
    )
    ours = render_form(bank, load_theme(str(theme)))
    numbers = re.findall(r'<p class="p">(\d+)</p>', ours)
    assert numbers == [str(n) for n in range(1, len(bank.principles) + 1)]


def test_a_scorecard_block_can_be_overridden_the_same_way(tmp_path: Path) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\nparent: nhs\n",
            "templates/scorecard.html.j2": '{% extends "!default/scorecard.html.j2" %}'
            '{% block cover %}<p class="our-cover">{{ view.title }}</p>\n{% endblock %}',
        },
    )
    out = tmp_path / "scorecard.html"
    args = ["report", str(ROOT / "examples" / "responses"), "--html", str(out), "--quiet"]
    result = CliRunner().invoke(cli, [*args, "--theme", str(theme)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<p class="our-cover">Partnership scorecard</p>' in html
    assert 'class="cover"' not in html and 'id="summary"' in html


def test_a_named_parent_is_reached_even_when_the_child_shares_its_name(
    tmp_path: Path, bank: Questionnaire
) -> None:
    """A user's theme called `default` extending `!default/` gets the bundled one, not itself."""
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: default\nparent: default\n",
            "templates/form.html.j2": '{% extends "!default/form.html.j2" %}'
            "{% block results %}{% endblock %}",
        },
    )
    html = render_form(bank, load_theme(str(theme)))
    assert 'id="selfassess-form"' in html and 'id="results"' not in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("!nosuch/form.html.j2", r"includes '!nosuch/form\.html\.j2', which is not in this theme"),
        ("!default/../../theme.yaml", r"includes '!default/\.\./\.\./theme\.yaml', which is not"),
        ("!default/", r"includes '!default/', which is not in this theme"),
    ],
)
def test_a_parent_name_that_leads_nowhere_is_one_located_line(
    tmp_path: Path, bank: Questionnaire, name: str, expected: str
) -> None:
    theme = make_theme(
        tmp_path / "t",
        {"theme.yaml": "name: t\n", "templates/form.html.j2": f'\n{{% extends "{name}" %}}\n'},
    )
    with pytest.raises(SelfassessError) as raised:
        render_form(bank, load_theme(str(theme)))
    message = str(raised.value)
    assert message.startswith(f"{theme}/templates/form.html.j2:2: "), message
    assert re.search(expected, message), message


def test_parent_reaches_the_next_theme_up_at_each_step_of_the_chain(
    tmp_path: Path, bank: Questionnaire
) -> None:
    """`!parent/` is relative to the theme asking: the child's reaches mid, mid's reaches default."""
    make_theme(
        tmp_path / "mid",
        {
            "theme.yaml": "name: mid\nparent: nhs\n",
            "templates/form.html.j2": '{% extends "!parent/form.html.j2" %}'
            '{% block intro %}<p class="mid"></p>\n{{ super() }}{% endblock %}',
        },
    )
    child = make_theme(
        tmp_path / "child",
        {
            "theme.yaml": "name: child\nparent: ../mid\n",
            "templates/form.html.j2": '{% extends "!parent/form.html.j2" %}'
            '{% block intro %}<p class="child"></p>\n{{ super() }}{% endblock %}',
        },
    )
    html = render_form(bank, load_theme(str(child)))
    plain = render_form(bank, load_theme("nhs"))
    assert html.replace('<p class="child"></p>\n<p class="mid"></p>\n', "") == plain


def test_parent_with_no_such_template_up_the_chain_names_it(
    tmp_path: Path, bank: Questionnaire
) -> None:
    theme = make_theme(
        tmp_path / "t",
        {
            "theme.yaml": "name: t\n",
            "templates/form.html.j2": '\n{% extends "!parent/nothing.html.j2" %}\n',
        },
    )
    with pytest.raises(SelfassessError) as raised:
        render_form(bank, load_theme(str(theme)))
    assert str(raised.value).startswith(
        f"{theme}/templates/form.html.j2:2: includes '!parent/nothing.html.j2', which is not"
    ), str(raised.value)
