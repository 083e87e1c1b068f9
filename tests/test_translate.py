"""`selfassess translate export|import`: a bank's texts through a PO file and back into the bank
file, and the bank schema accepting texts by language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from selfassess.cli import cli
from selfassess.core.bank_texts import text_slots, value_at
from selfassess.core.errors import format_location
from selfassess.core.model import questionnaire_json_schema
from selfassess.inputs.bank_po import MAX_PO_BYTES, slot_description
from selfassess.inputs.banks import parse_bank

# A bank in one language, with comments, blank lines, quoting and block texts to keep.
ONE_LANGUAGE = """\
# A partnership bank.   Comments must survive an import.
id: odd-bank
version: "1.0"   # quoted on purpose
title: 'Working together'
language: en
intro: |
  First line of the intro.

  Second paragraph, with **Markdown**.
scale:
  - {value: 1, label: Not yet}    # flow items
  - {value: 2, label: "Partly, at least"}
  - value: 3
    label: Fully
levels:
  - {id: low, label: Low, min: 0}
  - {id: high, label: High, min: 50, description: "Working well together."}

principles:
  # the only principle
  - id: trust
    title: Trust
    summary: >-
      Partners rely on each other
      when it matters.
    weight: 2
    questions:
      - id: t-1
        text: Partners keep their promises.
        help: Think of the last three months.
      - id: t-2
        text: We share bad news early.
    advice:
      low: Start small.
      high: Keep going.
references:
  - Someone (2020). A book.
"""

# The same bank offered in Welsh too, its texts in every style a bank may use.
BILINGUAL = (
    ONE_LANGUAGE.replace("language: en\n", "language: en\nlanguages: [en, cy]  # both\n")
    .replace("title: 'Working together'", "title: {en: 'Working together', cy: Cydweithio}")
    .replace(
        "    title: Trust\n",
        '    title:\n      en: Trust    # the English\n      cy: "Ymddiriedaeth"\n',
    )
    .replace("  - {value: 1, label: Not yet}", "  - {value: 1, label: {en: Not yet, cy: Dim eto}}")
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def bank_file(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def export(bank: Path, language: str = "cy") -> Catalog:
    code, out, err = run("translate", "export", str(bank), "--language", language)
    assert code == 0, err
    return read_po(io.StringIO(out))


def write_catalog(path: Path, catalog: Catalog, **options: object) -> Path:
    with path.open("wb") as handle:
        write_po(handle, catalog, **options)  # type: ignore[arg-type]
    return path


def translate_all(catalog: Catalog, prefix: str = "CY ") -> Catalog:
    for message in catalog:
        if message.id:
            message.string = prefix + str(message.id)
    return catalog


# ---------------------------------------------------------------------------------- export


def test_export_has_one_entry_per_text_in_bank_order_with_its_path_as_context(
    tmp_path: Path,
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    data = yaml.safe_load(ONE_LANGUAGE)
    entries = [m for m in export(bank) if m.id]
    assert [m.context for m in entries] == [format_location(loc) for loc in text_slots(data)]
    assert [m.id for m in entries] == [value_at(data, loc) for loc in text_slots(data)]
    assert all(m.string == "" for m in entries)
    assert "principles[0].advice.low" in [m.context for m in entries]
    assert "principles[0].weight" not in [m.context for m in entries]


def test_export_says_what_each_text_is_for_the_translator(tmp_path: Path) -> None:
    entries = {m.context: m for m in export(bank_file(tmp_path, ONE_LANGUAGE)) if m.id}
    assert entries["principles[0].questions[0].text"].auto_comments == ["question text"]
    assert entries["principles[0].advice.low"].auto_comments == ["advice at one level"]
    assert slot_description(("scale", 0, "label")) == "answer scale label"


def test_export_carries_the_translations_a_bilingual_bank_has(tmp_path: Path) -> None:
    entries = {m.context: m for m in export(bank_file(tmp_path, BILINGUAL)) if m.id}
    assert entries["title"].id == "Working together"
    assert entries["title"].string == "Cydweithio"
    assert entries["principles[0].title"].string == "Ymddiriedaeth"
    assert entries["scale[0].label"].string == "Dim eto"
    assert entries["scale[1].label"].string == ""


def test_export_is_reproducible_with_language_and_plural_forms_in_its_header(
    tmp_path: Path,
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    first = run("translate", "export", str(bank), "-l", "cy")[1]
    assert first == run("translate", "export", str(bank), "-l", "cy")[1]
    assert "POT-Creation-Date" not in first
    assert not re.search(r"20\d\d-\d\d-\d\d", first)
    assert '"Language: cy\\n"' in first
    assert '"Project-Id-Version: odd-bank 1.0\\n"' in first
    assert "nplurals=6" in first


def test_export_writes_a_file_with_output(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    code, out, err = run(
        "translate", "export", str(bank), "-l", "cy", "-o", str(tmp_path / "cy.po")
    )
    assert code == 0 and err == ""
    assert f"selfassess translate import {bank} {tmp_path / 'cy.po'}" in out
    assert (tmp_path / "cy.po").read_text().startswith("# Translations of the question bank")


def test_export_of_a_bundled_bank_by_its_id(tmp_path: Path) -> None:
    code, out, _ = run("translate", "export", "collaboration-pulse", "-l", "cy")
    assert code == 0 and 'msgctxt "principles[0].questions[0].text"' in out


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "'en' is the bank's default language"),
        ("c y", "is not a language tag"),
        ("__proto__", "is not a language tag"),
        ("", "is not a language tag"),
    ],
)
def test_export_refuses_the_default_language_or_what_is_no_language_tag(
    tmp_path: Path, language: str, said: str
) -> None:
    code, out, err = run(
        "translate", "export", str(bank_file(tmp_path, ONE_LANGUAGE)), "-l", language
    )
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and said in err and err.startswith("error: ")


# ---------------------------------------------------------------------------------- import


@pytest.mark.parametrize("text", [ONE_LANGUAGE, BILINGUAL], ids=["one-language", "bilingual"])
def test_importing_an_unchanged_export_leaves_the_bank_byte_identical(
    tmp_path: Path, text: str
) -> None:
    bank = bank_file(tmp_path, text)
    po = write_catalog(tmp_path / "cy.po", export(bank))
    before = bank.stat().st_mtime_ns
    code, out, _ = run("translate", "import", str(bank), str(po))
    assert code == 0
    assert bank.read_bytes() == text.encode("utf-8")
    assert bank.stat().st_mtime_ns == before  # not rewritten at all
    assert "wrote 0 translations" in out and "not changed" in out


def test_a_whole_translation_round_trips_byte_identical_once_imported(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = write_catalog(tmp_path / "cy.po", translate_all(export(bank)))
    code, out, err = run("translate", "import", str(bank), str(po))
    assert code == 0 and err == ""
    count = len(list(text_slots(yaml.safe_load(ONE_LANGUAGE))))
    assert f"wrote {count} translations" in out
    once = bank.read_bytes()
    assert run("validate", str(bank))[0] == 0  # complete: valid without --allow-untranslated
    again = write_catalog(tmp_path / "again.po", export(bank))
    code, out, _ = run("translate", "import", str(bank), str(again))
    assert bank.read_bytes() == once
    assert f"wrote 0 translations into {bank} ({count} unchanged, 0 skipped)" in out


def test_import_into_a_one_language_bank_adds_languages_and_keeps_everything_else(
    tmp_path: Path,
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    catalog = export(bank)
    wanted = {
        "title": "Cydweithio",
        "scale[0].label": "Dim eto",
        "principles[0].advice.low": "Dechrau",
    }
    for message in catalog:
        message.string = wanted.get(str(message.context), "")
    code, out, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog))
    )
    assert code == 0 and "wrote 3 translations" in out
    after = bank.read_text()
    assert "title: {en: 'Working together', cy: Cydweithio}\n" in after
    assert "language: en\nlanguages: [en, cy]\n" in after
    assert re.search(
        r"\n  - \{value: 1, label: \{en: Not yet, cy: Dim eto\}\} +# flow items\n", after
    )
    assert "      low: {en: Start small., cy: Dechrau}\n" in after
    changed = {"title: 'Working together'", "  - {value: 1, label: Not yet}    # flow items"}
    changed.add("      low: Start small.")
    kept = [line for line in ONE_LANGUAGE.splitlines() if line not in changed]
    assert [line for line in after.splitlines() if line in kept] == kept  # in order, untouched
    cy = parse_bank(after, "bank.yaml", allow_untranslated=True).by_language["cy"]
    assert cy.title == "Cydweithio" and cy.scale[0].label == "Dim eto"
    assert cy.principles[0].title == "Trust"  # the English stands in for a draft
    assert err.count("warning: ") == err.count("no cy translation")


def test_languages_goes_after_version_when_the_bank_names_no_language(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE.replace("language: en\n", ""))
    catalog = export(bank)
    for message in catalog:
        message.string = "Cydweithio" if message.context == "title" else ""
    run("translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog)))
    assert 'version: "1.0"   # quoted on purpose\nlanguages: [en, cy]\n' in bank.read_text()


def test_a_further_language_joins_the_languages_of_a_bilingual_bank(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, BILINGUAL)
    catalog = translate_all(export(bank, "fr"), "FR ")
    code, _, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "fr.po", catalog))
    )
    assert code == 0, err
    text = bank.read_text()
    assert re.search(r"\nlanguages: \[en, cy, fr\] +# both\n", text)
    assert "title: {en: 'Working together', cy: Cydweithio, fr: FR Working together}" in text
    assert '      cy: "Ymddiriedaeth"\n      fr: FR Trust\n' in text


def test_a_text_of_several_lines_is_written_as_a_block(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    catalog = export(bank)
    for message in catalog:
        message.string = "Llinell un.\n\nAil baragraff.\n" if message.context == "intro" else ""
    run("translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog)))
    text = bank.read_text()
    assert "intro:\n  en: |\n    First line of the intro.\n" in text
    assert "  cy: |\n    Llinell un.\n\n    Ail baragraff.\n" in text
    cy = parse_bank(text, "bank.yaml", allow_untranslated=True).by_language["cy"]
    assert cy.intro == "Llinell un.\n\nAil baragraff.\n"


def test_a_po_rewrapped_and_reordered_by_another_tool_imports_the_same(tmp_path: Path) -> None:
    first = bank_file(tmp_path, ONE_LANGUAGE, "first.yaml")
    second = bank_file(tmp_path, ONE_LANGUAGE, "second.yaml")
    catalog = translate_all(export(first), "Cyfieithiad hir iawn sy'n mynd dros sawl llinell: ")
    plain = write_catalog(tmp_path / "plain.po", catalog)
    shuffled = Catalog(locale="cy")
    for message in reversed([m for m in catalog if m.id]):
        shuffled.add(message.id, message.string, context=message.context)
    edited = write_catalog(tmp_path / "edited.po", shuffled, width=30)
    assert edited.read_text().count("\n") > plain.read_text().count("\n")
    run("translate", "import", str(first), str(plain))
    run("translate", "import", str(second), str(edited))
    assert first.read_bytes() == second.read_bytes() != ONE_LANGUAGE.encode()


HOSTILE_ENTRIES = """\
msgid ""
msgstr ""
"Language: cy\\n"

msgctxt "__proto__"
msgid "x"
msgstr "y"

msgctxt "principles[999].title"
msgid "Trust"
msgstr "Ymddiriedaeth"

msgctxt "principles[0].weight"
msgid "2"
msgstr "9"

msgctxt "id"
msgid "odd-bank"
msgstr "banc"

msgctxt "principles[0].title"
msgid "Trust (old wording)"
msgstr "Ymddiriedaeth"

#, fuzzy
msgctxt "principles[0].summary"
msgid "Partners rely on each other when it matters."
msgstr "Dyfalu"

msgctxt "principles[0].questions[0].text"
msgid "Partners keep their promises."
msgstr ""

msgid "no context at all"
msgstr "dim cyd-destun"

msgctxt "title"
msgid "Working together"
msgstr "Cydweithio"
"""


def test_entries_that_are_not_the_banks_texts_are_skipped_one_warning_each(
    tmp_path: Path,
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = tmp_path / "cy.po"
    po.write_text(HOSTILE_ENTRIES)
    code, out, err = run("translate", "import", str(bank), str(po))
    assert code == 0
    assert out.strip() == f"wrote 1 translations into {bank} (0 unchanged, 8 skipped)"
    lines = err.splitlines()
    assert len(lines) == 8 and all(line.startswith(f"warning: {po}:") for line in lines)
    assert f"warning: {po}:6: not a text of the bank" in lines[0] and "(at __proto__)" in lines[0]
    assert "(at principles[999].title)" in lines[1]
    assert "(at principles[0].weight)" in lines[2] and "(at id)" in lines[3]
    assert "text changed since this file was exported" in lines[4]
    assert "fuzzy" in lines[5] and "no cy translation" in lines[6]
    assert "(at (no context))" in lines[7]
    data = yaml.safe_load(bank.read_text())
    assert data["id"] == "odd-bank" and data["principles"][0]["weight"] == 2
    assert data["principles"][0]["title"] == "Trust"
    assert data["title"] == {"en": "Working together", "cy": "Cydweithio"}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\x00\x01PO\xff" * 100, "is a binary file"),
        (b"", "is empty"),
        (b'msgid ""\nmsgstr ""\n"Language: cy\\n"\n\nmsgid "unterminated\n', "not a valid PO file"),
        (b'msgctxt "title"\nmsgid "Working together"\nmsgstr "Cydweithio"\n', "no Language header"),
        (b'msgid ""\nmsgstr ""\n"Language: x y\\n"\n', "'x y'"),
        (b'msgid ""\nmsgstr ""\n"Language: en\\n"\n', "the bank's default language"),
        (b"\xff\xfe" + "msgid".encode("utf-16-le"), "UTF-16"),
        (b"msgid \xe9\n", "UTF-8"),
    ],
    ids=[
        "binary",
        "empty",
        "malformed",
        "no-language",
        "bad-language",
        "default",
        "utf16",
        "latin1",
    ],
)
def test_a_hostile_po_file_is_a_one_line_error_and_the_bank_stays_as_it_was(
    tmp_path: Path, content: bytes, said: str
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = tmp_path / "cy.po"
    po.write_bytes(content)
    code, out, err = run("translate", "import", str(bank), str(po))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and said in err, err
    assert bank.read_text() == ONE_LANGUAGE


def test_a_huge_po_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = tmp_path / "huge.po"
    with po.open("wb") as handle:
        handle.truncate(MAX_PO_BYTES + 1)
    code, _, err = run("translate", "import", str(bank), str(po))
    assert code == 1 and len(err.splitlines()) == 1
    assert bank.read_text() == ONE_LANGUAGE


def test_language_overrides_the_po_files_header(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = tmp_path / "cy.po"
    po.write_text('msgctxt "title"\nmsgid "Working together"\nmsgstr "Travailler ensemble"\n')
    code, _, err = run("translate", "import", str(bank), str(po), "--language", "fr")
    assert code == 0, err
    assert "languages: [en, fr]" in bank.read_text()


def test_import_refuses_a_bundled_bank(tmp_path: Path) -> None:
    po = tmp_path / "cy.po"
    po.write_text(HOSTILE_ENTRIES)
    code, _, err = run("translate", "import", "collaboration-pulse", str(po))
    assert code == 1 and len(err.splitlines()) == 1 and "copy it first" in err


def test_a_result_that_is_not_a_valid_bank_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfassess.core.errors import SelfassessError
    from selfassess.inputs import bank_edit

    def refuse(*_: object, **__: object) -> None:
        raise SelfassessError.at("bank.yaml", "not valid", 3)

    monkeypatch.setattr(bank_edit, "parse_bank", refuse)
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    po = write_catalog(tmp_path / "cy.po", translate_all(export(bank)))
    code, _, err = run("translate", "import", str(bank), str(po))
    assert code == 1 and "not valid" in err
    assert bank.read_text() == ONE_LANGUAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.yaml", "cy.po"]


# ---------------------------------------------------------------------------------- schema


def test_the_schema_takes_a_text_or_texts_by_language_at_every_text_slot() -> None:
    schema = questionnaire_json_schema()
    defs = schema["$defs"]
    for slot in (
        schema["properties"]["title"],
        schema["properties"]["references"]["items"],
        defs["Question"]["properties"]["text"],
        defs["Principle"]["properties"]["advice"]["additionalProperties"],
        defs["ScaleOption"]["properties"]["label"],
    ):
        kinds = [option.get("type") for option in slot["anyOf"]]
        assert "string" in kinds and "object" in kinds
    assert "languages" in schema["properties"] and "translations" in schema["properties"]
    assert defs["Question"]["properties"]["id"]["type"] == "string"  # ids are never translated


def test_a_bilingual_bank_passes_the_schema_and_a_broken_one_does_not() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(questionnaire_json_schema())
    assert list(validator.iter_errors(yaml.safe_load(ONE_LANGUAGE))) == []
    assert list(validator.iter_errors(yaml.safe_load(BILINGUAL))) == []
    broken = yaml.safe_load(BILINGUAL)
    broken["title"] = {"en": ""}
    broken["principles"][0]["weight"] = {"en": 2}
    assert len(list(validator.iter_errors(broken))) == 2


@pytest.mark.parametrize(
    "translation",
    [
        "Dim eto? Ie, {efallai}: #1 [a] & *b !c |d >e %f @g `h'",
        ' "dyfynnu" ',
        "__proto__",
        "- nid rhestr",
        "yes",
        "1.0",
        "Llinell\nArall",
    ],
)
def test_a_translation_reads_back_exactly_whatever_characters_it_holds(
    tmp_path: Path, translation: str
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    catalog = export(bank)
    places = ("title", "scale[0].label", "principles[0].summary", "principles[0].advice.low")
    for message in catalog:
        message.string = f"{translation} {message.context}" if message.context in places else ""
    code, _, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog))
    )
    assert code == 0, err
    cy = parse_bank(bank.read_text(), "bank.yaml", allow_untranslated=True).by_language["cy"]
    assert cy.title == f"{translation} title"
    assert cy.scale[0].label == f"{translation} scale[0].label"
    assert cy.principles[0].summary == f"{translation} principles[0].summary"
    assert cy.principles[0].advice["low"] == f"{translation} principles[0].advice.low"
    en = parse_bank(bank.read_text(), "bank.yaml", allow_untranslated=True).questionnaire
    assert en.principles[0].summary == "Partners rely on each other when it matters."


def test_an_indentation_the_writer_cannot_keep_is_evened_out_and_said(tmp_path: Path) -> None:
    odd = (
        ONE_LANGUAGE.replace("scale:\n  - {value: 1", "scale:\n    - {value: 1")
        .replace("\n  - {value: 2", "\n    - {value: 2")
        .replace("\n  - value: 3\n    label: Fully", "\n    - value: 3\n      label: Fully")
    )
    bank = bank_file(tmp_path, odd)
    catalog = export(bank)
    for message in catalog:
        message.string = "Cydweithio" if message.context == "title" else ""
    code, out, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog))
    )
    assert code == 0 and "wrote 1 translations" in out
    assert "layout (indentation, spacing) is unusual; the rewrite evened it out" in err
    assert (
        parse_bank(bank.read_text(), "b", allow_untranslated=True).by_language["cy"].title
        == "Cydweithio"
    )


@pytest.mark.parametrize(
    "text",
    [
        ONE_LANGUAGE.replace("\n", "\r\n"),
        "\ufeff" + ONE_LANGUAGE,
        "\ufeff" + ONE_LANGUAGE.replace("\n", "\r\n"),
        "---\n" + ONE_LANGUAGE,
        ONE_LANGUAGE.replace("id: odd-bank", "---   # the bank\nid: odd-bank"),
        ONE_LANGUAGE + "...\n",
        ONE_LANGUAGE.rstrip("\n"),
        ONE_LANGUAGE + "\n\n",
    ],
    ids=[
        "crlf",
        "bom",
        "bom-crlf",
        "start",
        "comment-then-start",
        "end",
        "no-final-newline",
        "blank",
    ],
)
def test_an_import_changes_only_the_lines_of_the_texts_it_translates(
    tmp_path: Path, text: str
) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(text.encode("utf-8"))
    catalog = export(bank)
    for message in catalog:
        message.string = "Cyfarch" if message.context == "principles[0].questions[1].text" else ""
    code, _, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog))
    )
    assert code == 0 and "unusual" not in err
    newline = "\r\n" if "\r\n" in text else "\n"
    before, after = text.split(newline), bank.read_bytes().decode("utf-8").split(newline)
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert removed == ["        text: We share bad news early."]
    assert added == [
        "languages: [en, cy]",
        "        text: {en: We share bad news early., cy: Cyfarch}",
    ]


def test_export_never_writes_over_the_bank_itself(tmp_path: Path) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    code, _, err = run("translate", "export", str(bank), "-l", "cy", "-o", str(bank))
    assert code == 1 and "is the bank itself" in err
    assert bank.read_text() == ONE_LANGUAGE


def test_translations_that_make_the_bank_invalid_are_located_and_not_written(
    tmp_path: Path,
) -> None:
    bank = bank_file(tmp_path, ONE_LANGUAGE)
    catalog = export(bank)
    for message in catalog:  # two scale labels the same in Welsh: answers could not be told apart
        message.string = "Dim" if str(message.context).startswith("scale[") else ""
    code, out, err = run(
        "translate", "import", str(bank), str(write_catalog(tmp_path / "cy.po", catalog))
    )
    assert code == 1 and "wrote" not in out
    assert "scale labels must be distinct" in err and "(with the translations; not written)" in err
    assert bank.read_text() == ONE_LANGUAGE
