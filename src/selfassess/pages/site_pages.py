"""A site's pages in every language its banks are offered in: names, links between languages.

A bank offered in several `languages` gets its form `<bank-id>.html` in the default language
and `<bank-id>.<lang>.html` in each other one, and its partnership page likewise; the landing
page is `index.html` plus `index.<lang>.html` for every other language some bank offers. Each
page names its others in their own language ("Cymraeg", "English"): the links are worked out
here and handed to the templates, which only lay them out. A site of one-language banks gets
the pages it always had, with no links between languages.

Answers saved on the device must follow the respondent from one language's page to another,
so every language's form keys them with the default language's content hash.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2

from selfassess.core.errors import SelfassessError
from selfassess.core.model import Questionnaire
from selfassess.inputs.banks import BankSource
from selfassess.pages.bank_view import bank_content_hash, text_direction
from selfassess.pages.form import render_form
from selfassess.pages.page_shell import LanguageLink
from selfassess.pages.partnership import partnership_page_name, render_partnership_page
from selfassess.pages.themes import Theme
from selfassess.pages.translations import language_name

# A bank as build gets it: read from its file in all its languages, or one Questionnaire.
SiteBank = Questionnaire | BankSource

INDEX = "index"


def bank_languages(bank: SiteBank) -> dict[str, Questionnaire]:
    """The bank in each language there are pages for, the default first."""
    if isinstance(bank, Questionnaire):
        return {bank.language: bank}
    return {lang: bank.in_language(lang) for lang in bank.languages}


def page_name(stem: str, lang: str, default: str) -> str:
    """`stem.html` in the default language, `stem.<lang>.html` in any other."""
    return f"{stem}.html" if lang == default else f"{stem}.{lang}.html"


def language_links(hrefs: Mapping[str, str], current: str) -> list[LanguageLink]:
    """A page's links to itself in every language (`current` marked); none for one language."""
    if len(hrefs) < 2:
        return []
    return [
        LanguageLink(lang, language_name(lang), href, lang == current, text_direction(lang))
        for lang, href in hrefs.items()
    ]


@dataclass(frozen=True)
class SiteLanguages:
    """The landing page's languages, the default first: one, unless some bank has several."""

    languages: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.languages[0]

    def index_href(self, lang: str) -> str:
        """The landing page in `lang`, or the default one where the site has none in it."""
        return page_name(INDEX, lang, self.default) if lang in self.languages else "index.html"

    def index_names(self) -> dict[str, str]:
        return {lang: page_name(INDEX, lang, self.default) for lang in self.languages}


def site_languages(banks: Sequence[Mapping[str, Questionnaire]]) -> SiteLanguages:
    """A site of one-language banks keeps its one landing page (in their language if they
    share one, else English); otherwise every language some bank offers, the first bank's
    default first."""
    if all(len(langs) == 1 for langs in banks):
        shared = {lang for langs in banks for lang in langs}
        return SiteLanguages((shared.pop() if len(shared) == 1 else "en",))
    return SiteLanguages(tuple(dict.fromkeys(lang for langs in banks for lang in langs)))


@dataclass(frozen=True)
class BankPages:
    """One bank's form and partnership page names by language, the default first."""

    forms: dict[str, str]
    partnerships: dict[str, str]


def bank_pages(langs: Mapping[str, Questionnaire]) -> BankPages:
    default = next(iter(langs.values()))
    stem = partnership_page_name(default.id).removesuffix(".html")
    return BankPages(
        {lang: page_name(default.id, lang, default.language) for lang in langs},
        {lang: page_name(stem, lang, default.language) for lang in langs},
    )


def href_in(names: Mapping[str, str], lang: str) -> str:
    """A bank's page in `lang` where it is offered in it, else in its default language."""
    return names.get(lang) or next(iter(names.values()))


def _add(pages: dict[str, str], name: str, bank_id: str, text: str) -> None:
    """One page into the site; never one over another (ids may hold dots: `a.cy`)."""
    if name in pages:
        raise SelfassessError.at(
            bank_id, f"the page {name} of '{bank_id}' would overwrite another page of the site"
        )
    pages[name] = text


def render_bank_pages(
    banks: Sequence[Mapping[str, Questionnaire]],
    theme: Theme,
    env: jinja2.Environment,
    site: SiteLanguages,
    pages: dict[str, str],
) -> None:
    """Every bank's form pages, then their partnership pages, in each language, into `pages`."""
    for langs in banks:
        names = bank_pages(langs)
        default = next(iter(langs.values()))
        content = bank_content_hash(default)  # one key for the answers in every language
        for lang, bank in langs.items():
            page = render_form(
                bank,
                theme,
                env,
                index_href=site.index_href(lang),
                partnership_href=names.partnerships[lang],
                languages=language_links(names.forms, lang),
                content=content,
            )
            _add(pages, names.forms[lang], bank.id, page)
    for langs in banks:
        names = bank_pages(langs)
        for lang, bank in langs.items():
            name = names.partnerships[lang]
            if name in pages and name.endswith("-partnership.html"):
                raise SelfassessError.at(
                    bank.id,
                    f"the partnership page of '{bank.id}' would overwrite the form {name}; "
                    "give one of the banks another id",
                )
            page = render_partnership_page(
                bank,
                theme,
                env,
                index_href=site.index_href(lang),
                form_href=names.forms[lang],
                languages=language_links(names.partnerships, lang),
            )
            _add(pages, name, bank.id, page)
