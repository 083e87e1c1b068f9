"""What every section builder of the scorecard needs, worked out once per scorecard.

Design note: the sections (summary, principle pages, baseline, method, comments) share the
bank, its view, the printed names, the levels and the privacy grids. Building them once here,
before any section, keeps each builder a plain function of this context and keeps privacy in
one place: a builder sees organisations only through `names` and `grids`.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.display import Display
from selfassess.core.i18n import _
from selfassess.core.model import Level, Questionnaire
from selfassess.core.palette import level_colours
from selfassess.core.privacy import PrivacyOptions, refuse_names_with_pseudonyms
from selfassess.core.scores import OrganisationScores, Scores
from selfassess.pages.bank_view import BankView, bank_view
from selfassess.scorecard.chart_parts import Hidden
from selfassess.scorecard.dates import date_locale
from selfassess.scorecard.options import ScorecardOptions
from selfassess.scorecard.views import LevelRef
from selfassess.scorecard.withholding import Grid, Names, hidden_marks, principle_grids


@dataclass(frozen=True)
class BuildContext:
    """One round's scores with the bank, the printed names and the privacy grids around them."""

    bank: Questionnaire
    bank_view: BankView
    scores: Scores
    privacy: PrivacyOptions
    names: Names
    organisations: list[OrganisationScores]  # in printed order
    levels: dict[str, LevelRef]
    principle_levels: dict[str, dict[str, LevelRef]]  # principle id -> its levels (own or bank's)
    marks: dict[str, Hidden]
    grids: dict[str, Grid]
    question_labels: dict[str, str]  # question id -> "Q7"
    question_html: dict[str, str]  # question id -> its text, rendered from Markdown
    group_titles: dict[str, str]  # group id -> its title

    @property
    def threshold(self) -> int:
        """The fewest respondents an organisation figure may stand for."""
        return self.privacy.min_organisation_size

    @property
    def display(self) -> Display:
        """The unit every figure is printed in (0-100, or the bank's scale)."""
        return self.bank.display

    @property
    def date_locale(self) -> str:
        """The locale dates are printed in: the scorecard's language (its bank's texts)."""
        return date_locale(self.bank.language)

    def level(self, level_id: str | None) -> LevelRef | None:
        """The level an overall or group score reached, or None when it has none."""
        return self.levels.get(level_id) if level_id else None

    def principle_level(self, principle_id: str, level_id: str | None) -> LevelRef | None:
        """The level a principle's score reached, in that principle's own levels if it has
        them: their label and colour, not the bank's."""
        return self.principle_levels[principle_id].get(level_id) if level_id else None

    def printed_order(self, scores: Scores) -> list[OrganisationScores]:
        """A round's organisations in the order of the names people read."""
        # Pseudonyms must not follow real names, so sort on what is printed.
        return sorted(scores.organisations.values(), key=lambda o: self.names(o.name))


def build_context(bank: Questionnaire, scores: Scores, options: ScorecardOptions) -> BuildContext:
    """The shared context, once the privacy options are known to make sense together."""
    privacy = options.privacy or PrivacyOptions(min_group_size=bank.privacy.min_group_size)
    refuse_names_with_pseudonyms(options.show_names, privacy.anonymised)
    names = Names(dict(privacy.pseudonyms) if privacy.pseudonyms is not None else None)
    bv = bank_view(bank)
    levels = level_refs(bank.levels)
    organisations = sorted(scores.organisations.values(), key=lambda o: names(o.name))
    threshold = privacy.min_organisation_size
    marks = hidden_marks(threshold)
    return BuildContext(
        bank=bank,
        bank_view=bv,
        scores=scores,
        privacy=privacy,
        names=names,
        organisations=organisations,
        levels=levels,
        principle_levels={
            p.id: levels if p.levels is None else level_refs(p.levels) for p in bank.principles
        },
        marks=marks,
        grids=principle_grids(bank, scores, organisations, threshold, marks),
        question_labels={
            q.id: _("Q%(number)s") % {"number": q.number}  # "C7" in Welsh
            for pv in bv.principles
            for q in pv.questions
        },
        question_html={q.id: q.text_html for pv in bv.principles for q in pv.questions},
        group_titles={g.id: g.title for g in bank.groups},
    )


def level_refs(levels: list[Level]) -> dict[str, LevelRef]:
    """Levels as printed, each with its fill from the ramp of that many levels."""
    return {
        lv.id: LevelRef(lv.id, lv.label, lv.description or "", colour)
        for lv, colour in zip(levels, level_colours(len(levels)), strict=True)
    }
