"""A bank offered in several languages: each text a mapping by language, read into one valid bank
per language; what a translation misses is located, an error or (for a draft) a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.bank_texts import project, text_slots
from selfassess.core.errors import SelfassessError, format_location
from selfassess.core.response_model import Response, SourcedResponse
from selfassess.core.scoring import score_all
from selfassess.inputs.banks import parse_bank, parse_bank_bytes
from selfassess.inputs.yaml_text import parse_yaml

BILINGUAL = """\
id: pulse
version: "1"
language: en
languages: [en, cy]
translations:
  en: "Welsh translation: draft, not yet reviewed"
  cy: "Cyfieithiad Cymraeg: drafft, heb ei adolygu eto"
title: {en: Partnership pulse, cy: Curiad y bartneriaeth}
intro:
  en: |
    How the partnership works.
  cy: |
    Sut mae'r bartneriaeth yn gweithio.
references:
  - {en: Kania and Kramer (2011), cy: Kania a Kramer (2011)}
scale:
  - {value: 1, label: {en: Not yet, cy: Dim eto}}
  - {value: 5, label: {en: Fully, cy: Yn llawn}}
  - {value: null, label: {en: "Don't know", cy: Ddim yn gwybod}}
levels:
  - {id: low, min: 0, label: {en: Emerging, cy: Yn dod i'r amlwg}}
  - {id: high, min: 50, label: {en: Embedded, cy: Wedi ymwreiddio}}
background:
  - id: sector
    type: choice
    text: {en: Your sector, cy: Eich sector}
    options:
      - {id: health, label: {en: Health, cy: Iechyd}}
      - {id: council, label: {en: Council, cy: Cyngor}}
principles:
  - id: agenda
    title: {en: Common agenda, cy: Agenda gyffredin}
    advice:
      low: {en: Agree the problem., cy: Cytunwch ar y broblem.}
    questions:
      - id: a1
        text: {en: We share one goal., cy: Mae gennym un nod.}
        help: {en: Think of this year., cy: Meddyliwch am eleni.}
      - id: a2
        text: {en: We plan together., cy: Rydym yn cynllunio gyda'n gilydd.}
"""


def problems_of(text: str, **options: bool) -> list[str]:
    with pytest.raises(SelfassessError) as caught:
        parse_bank(text, "bank.yaml", **options)
    return [str(p) for p in caught.value.problems]


def test_a_bilingual_bank_reads_into_one_bank_per_language_the_default_first() -> None:
    parsed = parse_bank(BILINGUAL, "bank.yaml")
    english, welsh = parsed.by_language.values()
    assert (english.language, welsh.language) == ("en", "cy")
    assert parsed.questionnaire is english
    assert english.title == "Partnership pulse" and welsh.title == "Curiad y bartneriaeth"
    assert welsh.principles[0].advice == {"low": "Cytunwch ar y broblem."}
    assert welsh.background[0].options[1].label == "Cyngor"  # type: ignore[index]
    assert welsh.references == ["Kania a Kramer (2011)"]
    assert welsh.offered_languages == ("en", "cy") and welsh.default_language == "en"
    # The note is shown whole on every page: never narrowed to one language.
    assert welsh.translations == english.translations
    assert parsed.warnings == ()


def test_ids_values_and_weights_are_the_same_in_every_language_so_answers_score_alike() -> None:
    source = parse_bank_bytes(BILINGUAL.encode(), "bank.yaml")
    english, welsh = source.in_language("en"), source.in_language("cy")
    assert [q.id for q in english.all_questions()] == [q.id for q in welsh.all_questions()]
    assert [o.value for o in english.scale] == [o.value for o in welsh.scale]
    answers = SourcedResponse(
        source="a.json",
        response=Response.model_validate(
            {
                "format": "selfassess-response/2",
                "questionnaire": {"id": "pulse", "version": "1"},
                "language": "cy",
                "respondent": {"organisation": "Cyngor Sir"},
                "answers": {"a1": 5, "a2": 1},
            }
        ),
    )
    assert score_all(english, [answers]) == score_all(welsh, [answers])


def test_a_language_the_bank_does_not_offer_is_a_located_error() -> None:
    source = parse_bank_bytes(BILINGUAL.encode(), "bank.yaml")
    with pytest.raises(SelfassessError, match=r"bank.yaml: is not offered in 'fr' \(only en, cy\)"):
        source.in_language("fr")


def test_a_text_without_one_of_the_languages_is_an_error_at_its_line() -> None:
    text = BILINGUAL.replace(
        "{en: We plan together., cy: Rydym yn cynllunio gyda'n gilydd.}", "{en: We plan together.}"
    )
    assert problems_of(text) == ["bank.yaml:40: no 'cy' text (at principles[0].questions[1].text)"]


def test_a_plain_text_in_a_bilingual_bank_is_the_default_languages_only() -> None:
    text = BILINGUAL.replace("{en: Common agenda, cy: Agenda gyffredin}", "Common agenda")
    assert problems_of(text) == ["bank.yaml:32: no 'cy' text (at principles[0].title)"]


def test_allow_untranslated_turns_a_missing_language_into_a_warning_and_falls_back() -> None:
    text = BILINGUAL.replace("{en: Common agenda, cy: Agenda gyffredin}", "{en: Common agenda}")
    parsed = parse_bank(text, "bank.yaml", allow_untranslated=True)
    assert [str(w) for w in parsed.warnings] == [
        "bank.yaml:32: no 'cy' text (at principles[0].title)"
    ]
    assert parsed.by_language["cy"].principles[0].title == "Common agenda"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("cy: Agenda gyffredin}", "cy: Agenda gyffredin, fr: Programme}"),
            "bank.yaml:32: 'fr' is not one of the bank's languages (en, cy) (at principles[0].title)",
            id="unknown-language",
        ),
        pytest.param(
            ("{en: Common agenda, cy: Agenda gyffredin}", "{cy: Agenda gyffredin}"),
            "bank.yaml:32: no 'en' text (the default language) (at principles[0].title)",
            id="no-default-text",
        ),
        pytest.param(
            ("cy: Agenda gyffredin}", 'cy: "  "}'),
            "bank.yaml:32: must not be empty (at principles[0].title.cy)",
            id="blank-translation",
        ),
        pytest.param(
            ("cy: Agenda gyffredin}", "__proto__: x}"),
            "bank.yaml:32: '__proto__' is not one of the bank's languages (en, cy) (at principles[0].title)",
            id="proto-key",
        ),
    ],
)
def test_what_a_draft_may_not_leave_out_stays_an_error(
    change: tuple[str, str], expected: str
) -> None:
    text = BILINGUAL.replace(*change)
    assert expected in problems_of(text, allow_untranslated=True)


def test_the_default_language_leads_the_languages() -> None:
    text = BILINGUAL.replace("languages: [en, cy]", "languages: [cy, en]")
    assert problems_of(text) == [
        "bank.yaml:4: the default language ('en', from language:) must come first in languages "
        "(at languages)"
    ]


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        ("[en, en]", "a language is listed twice"),
        ("[en, cy, CY]", "a language is listed twice"),
        ("[en, 'cy fr']", "is not a BCP 47 language tag"),
        ("[en, __proto__]", "is not a BCP 47 language tag"),
        ("[]", "languages"),
        (str(["en"] + [f"x{i:02d}"[:3] for i in range(40)]).replace("'", ""), "at most 30"),
    ],
)
def test_languages_must_be_distinct_language_tags(languages: str, expected: str) -> None:
    text = BILINGUAL.replace("languages: [en, cy]", f"languages: {languages}")
    assert any(expected in problem for problem in problems_of(text, allow_untranslated=True))


def test_texts_by_language_in_a_bank_without_languages_say_what_is_missing() -> None:
    text = "\n".join(line for line in BILINGUAL.splitlines() if not line.startswith("languages"))
    problems = problems_of(text)
    assert (
        "bank.yaml:7: expected text, found a mapping; a text in several languages needs the "
        "bank's languages (languages: [en, cy]) (at title)"
    ) in problems


def test_a_translations_note_names_only_the_banks_languages() -> None:
    text = BILINGUAL.replace('  cy: "Cyfieithiad', '  fr: "Cyfieithiad')
    assert problems_of(text) == [
        "bank.yaml:7: not one of the bank's languages (en, cy) (at translations.fr)"
    ]


def test_projection_leaves_shared_yaml_aliases_as_they_were() -> None:
    text = BILINGUAL.replace(
        "title: {en: Partnership pulse, cy: Curiad y bartneriaeth}",
        "title: &t {en: Partnership pulse, cy: Curiad y bartneriaeth}\ndescription: *t",
    )
    data, _ = parse_yaml(text, "bank.yaml")
    welsh = project(data, "cy", ["en", "cy"])
    assert welsh["title"] == welsh["description"] == "Curiad y bartneriaeth"
    assert data["title"] == {"en": "Partnership pulse", "cy": "Curiad y bartneriaeth"}


def test_every_text_a_person_reads_is_a_slot_in_bank_order() -> None:
    data, _ = parse_yaml(BILINGUAL, "bank.yaml")
    assert [format_location(loc) for loc in text_slots(data)] == [
        "title",
        "intro",
        "references[0]",
        "scale[0].label",
        "scale[1].label",
        "scale[2].label",
        "levels[0].label",
        "levels[1].label",
        "background[0].text",
        "background[0].options[0].label",
        "background[0].options[1].label",
        "principles[0].title",
        "principles[0].advice.low",
        "principles[0].questions[0].text",
        "principles[0].questions[0].help",
        "principles[0].questions[1].text",
    ]


def test_validate_prints_warnings_for_a_draft_and_passes(tmp_path: Path) -> None:
    bank = tmp_path / "draft.yaml"
    bank.write_text(BILINGUAL.replace(", cy: Agenda gyffredin", ""), encoding="utf-8")
    strict = CliRunner().invoke(cli, ["validate", str(bank)])
    assert strict.exit_code == 1
    assert strict.stderr.strip() == f"{bank}:32: no 'cy' text (at principles[0].title)"
    draft = CliRunner().invoke(cli, ["validate", "--allow-untranslated", str(bank)])
    assert draft.exit_code == 0, draft.output
    assert draft.stderr.strip() == f"warning: {bank}:32: no 'cy' text (at principles[0].title)"
    assert draft.stdout.strip() == f"ok {bank}"
