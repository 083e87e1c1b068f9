"""The pydantic models of a question bank; the validation rules live here (a response's are in
response_model.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.functional_validators import AfterValidator

from selfassess.core.bank_rules import (
    MAX_SCALE_VALUE,
    RuleViolations,
    check_options,
    check_scale,
    finite_and_bounded,
)
from selfassess.core.bank_schema import with_texts_by_language
from selfassess.core.bank_texts import MAX_LANGUAGES
from selfassess.core.display import SCALE, Display
from selfassess.core.instrument_rules import (
    bank_problems,
    form_size_problem,
    level_problems_within,
)
from selfassess.core.question_types import (
    DEFAULT_QUESTION_TYPE,
    answer_shape,
    has_options,
    is_scored,
    known_question_type,
    question_type_schema,
)

RESERVED_COLUMNS = ("organisation", "role", "name")
RESPONSE_FORMAT = "selfassess-response/2"  # what the form writes
READABLE_RESPONSE_FORMATS = ("selfassess-response/1", RESPONSE_FORMAT)  # every reader accepts both


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


Text = Annotated[str, AfterValidator(_not_blank)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
# Bounds that keep every sum, product and mean of scores finite and exact enough, here and in
# the page script: weights from 0.001 to a million, scale values within a million of zero.
MIN_WEIGHT = 0.001
MAX_WEIGHT = 1_000_000.0
Weight = Annotated[float, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT, allow_inf_nan=False)]
Number = StrictInt | StrictFloat
LanguageTag = Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]


Threshold = Annotated[float, Field(ge=0, le=2 * MAX_SCALE_VALUE, allow_inf_nan=False)]
ScaleValue = Annotated[Number | None, AfterValidator(finite_and_bounded)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleOption(_Frozen):
    """One answer option; a `null` value is offered but never scored (e.g. "Don't know")."""

    value: ScaleValue
    label: Text


Scale = Annotated[list[ScaleOption], AfterValidator(check_scale)]


class Level(_Frozen):
    """A maturity band from `min` up to the next level's `min`, in the displayed unit (0-100,
    or the bank's scale under `display: scale`); the range is checked with the bank."""

    id: Id
    label: Text
    min: Annotated[float, Field(allow_inf_nan=False, ge=-MAX_SCALE_VALUE, le=MAX_SCALE_VALUE)]
    description: Text | None = None


# A question's kind: one of the names registered in core/question_types.py.
QuestionTypeName = Annotated[
    str,
    AfterValidator(known_question_type),
    Field(json_schema_extra=question_type_schema),
]


class Option(_Frozen):
    """One option of a `choice` or `multi` question: the id answers give, the label people read."""

    id: Id
    label: Text


Options = Annotated[list[Option], AfterValidator(check_options)]
AskValue = Annotated[str, Field(max_length=64)] | Number


class AskIf(_Frozen):
    """Ask a question only of respondents whose answer to `question` is one of `any_of`."""

    question: Id
    any_of: Annotated[list[AskValue], Field(min_length=1, max_length=1000)]


class Question(_Frozen):
    id: Id
    type: QuestionTypeName = DEFAULT_QUESTION_TYPE
    text: Text
    help: Text | None = None
    weight: Weight = 1.0
    reverse: bool = False
    scale: Scale | None = None
    options: Options | None = None
    breakdown: bool = False
    ask_if: AskIf | None = None

    @field_validator("id")
    @classmethod
    def _not_a_reserved_column(cls, value: str) -> str:
        if value in RESERVED_COLUMNS:
            raise ValueError(f"'{value}' is reserved for the respondent's {value} in CSV files")
        return value

    @model_validator(mode="after")
    def _keys_fit_the_type(self) -> Question:
        """Options only where the type offers them; scale keys only on scale questions."""
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if has_options(self.type) and self.options is None:
            problems.append((("options",), f"a {self.type} question needs options (at least two)"))
        if not has_options(self.type) and self.options is not None:
            problems.append((("options",), f"a {self.type} question takes no options"))
        if not self.is_scored:
            for key in ("scale", "reverse", "weight"):
                if key in self.model_fields_set:
                    problems.append(
                        ((key,), f"'{key}' applies to scale questions only, not to {self.type}")
                    )
        if self.breakdown and self.type != "choice":
            problems.append(
                (("breakdown",), f"breakdown applies to choice questions only, not to {self.type}")
            )
        if problems:
            raise RuleViolations(problems)
        return self

    @property
    def is_scored(self) -> bool:
        """Whether answers to this question count towards the scores (type scale)."""
        return is_scored(self.type)

    @property
    def answer_shape(self) -> str:
        """What one answer is: number, option, options or text."""
        return answer_shape(self.type)

    def option_ids(self) -> list[str]:
        return [o.id for o in self.options or []]


class Principle(_Frozen):
    id: Id
    title: Text
    summary: Text | None = None
    weight: Weight = 1.0
    group: Id | None = None
    scored: bool = True  # false: answered and reported, never part of maturity
    levels: Annotated[list[Level], Field(min_length=1)] | None = None  # its own bands
    questions: Annotated[list[Question], Field(min_length=1)]
    advice: dict[str, Text] = Field(default_factory=dict)


class Group(_Frozen):
    """A heading above principles (a published instrument's categories)."""

    id: Id
    title: Text
    summary: Text | None = None


class Scoring(_Frozen):
    """How the bank is scored and shown; every default is the tool's behaviour before banks
    could say (docs/scoring.md)."""

    aggregate: Literal["organisations", "respondents"] = "organisations"
    display: Literal["percent", "scale"] = "percent"
    overall: bool = True
    weakest_link: bool = True


def display_of(scale: list[ScaleOption], scoring: Scoring) -> Display:
    if scoring.display != SCALE:
        return Display()
    numbers = [o.value for o in scale if o.value is not None]
    return Display(SCALE, float(min(numbers)), float(max(numbers)))


class Privacy(_Frozen):
    """Anonymity threshold for breakdowns and comments."""

    min_group_size: Annotated[int, Field(ge=1, le=1_000_000)] = 3


class Questionnaire(_Frozen):
    """A question bank: principles of questions answered on a shared scale, with maturity levels."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    version: Text
    title: Text
    # The language of this bank's texts; for a bank offered in several `languages` (the
    # default first), the one it was read in (core/bank_texts.py).
    language: LanguageTag = "en"
    languages: (
        Annotated[list[LanguageTag], Field(min_length=1, max_length=MAX_LANGUAGES)] | None
    ) = None
    # How far each language's texts may be trusted ("Welsh translation: draft, not yet
    # reviewed"), by language; shown whole on every language's page.
    translations: dict[LanguageTag, Text] | None = None
    description: Text | None = None
    intro: Text | None = None
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None
    authors: list[Text] = Field(default_factory=list)
    licence: Text | None = None
    scoring: Scoring = Field(default_factory=Scoring)  # before scale and levels: they read it
    scale: Scale
    levels: Annotated[list[Level], Field(min_length=1)]
    min_answered: Annotated[float, Field(gt=0, le=1)] = 0.5
    # In the displayed unit; unset: 25 on 0-100, a quarter of the scale's range on the scale.
    divergence_threshold: Threshold | None = None
    consensus: Threshold | None = None
    groups: list[Group] = Field(default_factory=list)
    privacy: Privacy = Field(default_factory=Privacy)
    references: list[Text] = Field(default_factory=list)
    background: list[Question] = Field(default_factory=list)
    principles: Annotated[list[Principle], Field(min_length=1)]

    @field_validator("levels")
    @classmethod
    def _levels_ascend_within_the_display(
        cls, levels: list[Level], info: ValidationInfo
    ) -> list[Level]:
        """Checked with the other keys (not after them) so that every problem is reported at
        once; the display is known when the scale and the settings were valid."""
        scale, scoring = info.data.get("scale"), info.data.get("scoring")
        display = display_of(scale, scoring) if scale and scoring else None
        problems = level_problems_within(levels, display)
        if problems:
            raise RuleViolations(problems)
        return levels

    @model_validator(mode="after")
    def _languages_offered(self) -> Questionnaire:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        offered = self.offered_languages
        if len({tag.casefold() for tag in offered}) != len(offered):  # cy and CY: one page name
            problems.append((("languages",), "a language is listed twice"))
        if self.language not in offered:
            problems.append((("language",), f"'{self.language}' is not in languages"))
        for tag in self.translations or {}:
            if tag not in offered:
                listed = ", ".join(offered)
                problems.append(
                    (("translations", tag), f"not one of the bank's languages ({listed})")
                )
        if problems:
            raise RuleViolations(problems)
        return self

    @property
    def offered_languages(self) -> tuple[str, ...]:
        """Every language the bank is offered in, the default first."""
        return tuple(self.languages) if self.languages else (self.language,)

    @property
    def default_language(self) -> str:
        return self.offered_languages[0]

    @model_validator(mode="after")
    def _form_of_bounded_size(self) -> Questionnaire:
        """Every question repeats its scale's options on the page: a bank with a small file
        but many questions times many options must not make `build` run out of memory."""
        problem = form_size_problem(self)
        if problem:
            raise RuleViolations([problem])
        return self

    @model_validator(mode="after")
    def _parts_agree(self) -> Questionnaire:
        """The rules across the bank's parts (ids, groups, levels, the display), reported
        together, each at the key that breaks it."""
        problems = bank_problems(self)
        if problems:
            raise RuleViolations(problems)
        return self

    # Derived lookups used everywhere downstream; cheap enough to compute on demand.
    def questions(self) -> list[tuple[Principle, Question]]:
        return [(p, q) for p in self.principles for q in p.questions]

    def scale_of(self, question: Question) -> list[ScaleOption]:
        return question.scale if question.scale is not None else self.scale

    def all_questions(self) -> list[Question]:
        """Every question in the order it is asked: background first, then the principles'."""
        return [*self.background, *(q for p in self.principles for q in p.questions)]

    def question_by_id(self, question_id: str) -> Question | None:
        return next((q for q in self.all_questions() if q.id == question_id), None)

    def breakdown_questions(self) -> list[Question]:
        """The background choice questions whose options the scores are broken down by."""
        return [q for q in self.background if q.breakdown]

    def scored_questions(self, principle: Principle) -> list[Question]:
        return [q for q in principle.questions if q.is_scored]

    @property
    def display(self) -> Display:
        """The unit figures are shown in (core/display.py)."""
        return display_of(self.scale, self.scoring)

    @property
    def spread_threshold(self) -> float:
        """`divergence_threshold` as applied, in the displayed unit."""
        if self.divergence_threshold is not None:
            return self.divergence_threshold
        return self.display.range / 4

    @property
    def consensus_threshold(self) -> float:
        """`consensus` as applied, in the displayed unit."""
        return self.consensus if self.consensus is not None else self.display.range / 4

    def levels_of(self, principle: Principle) -> list[Level]:
        """The bands a principle's score is read against: its own, else the bank's."""
        return principle.levels if principle.levels is not None else self.levels

    def scored_principles(self) -> list[Principle]:
        return [p for p in self.principles if p.scored]

    def principles_of(self, group: Group) -> list[Principle]:
        return [p for p in self.principles if p.group == group.id]

    @property
    def question_count(self) -> int:
        return sum(len(p.questions) for p in self.principles)


# Which model a key belongs to, by the key that holds it; used to suggest near-miss keys.
MODEL_BY_PARENT_KEY: dict[str, type[BaseModel]] = {
    "": Questionnaire,
    "principles": Principle,
    "questions": Question,
    "scale": ScaleOption,
    "options": Option,
    "ask_if": AskIf,
    "background": Question,
    "levels": Level,
    "privacy": Privacy,
    "scoring": Scoring,
    "groups": Group,
}


def questionnaire_json_schema() -> dict[str, Any]:
    """The bank format for editors: a text may be given by language (core/bank_schema.py)."""
    return with_texts_by_language(Questionnaire.model_json_schema())
