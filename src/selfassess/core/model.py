"""The pydantic models of a question bank and of a response; the validation rules live here."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic.functional_validators import AfterValidator

from selfassess.core.bank_rules import (
    RuleViolations,
    ask_if_problems,
    check_options,
    check_scale,
    finite_and_bounded,
    level_problems,
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


# What the form page spends on a question and on each of its options beyond their own text
# (fieldset, radio, label, ids): the bound on the page is the bound on `build`'s memory.
FORM_CHARS_PER_QUESTION = 400
FORM_CHARS_PER_OPTION = 150
MAX_FORM_CHARS = 10_000_000


ScaleValue = Annotated[Number | None, AfterValidator(finite_and_bounded)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleOption(_Frozen):
    """One answer option; a `null` value is offered but never scored (e.g. "Don't know")."""

    value: ScaleValue
    label: Text


Scale = Annotated[list[ScaleOption], AfterValidator(check_scale)]


class Level(_Frozen):
    """A maturity band on the 0-100 score, from `min` up to the next level's `min`."""

    id: Id
    label: Text
    min: Annotated[float, Field(ge=0, le=100)]
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
    questions: Annotated[list[Question], Field(min_length=1)]
    advice: dict[str, Text] = Field(default_factory=dict)


class Privacy(_Frozen):
    """Anonymity threshold for breakdowns and comments."""

    min_group_size: Annotated[int, Field(ge=1, le=1_000_000)] = 3


class Questionnaire(_Frozen):
    """A question bank: principles of questions answered on a shared scale, with maturity levels."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    version: Text
    title: Text
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")] = "en"
    description: Text | None = None
    intro: Text | None = None
    estimated_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None
    authors: list[Text] = Field(default_factory=list)
    licence: Text | None = None
    scale: Scale
    levels: Annotated[list[Level], Field(min_length=1)]
    min_answered: Annotated[float, Field(gt=0, le=1)] = 0.5
    divergence_threshold: Annotated[float, Field(ge=0, le=100)] = 25.0
    consensus: Annotated[float, Field(ge=0, le=100)] = 25.0
    privacy: Privacy = Field(default_factory=Privacy)
    references: list[Text] = Field(default_factory=list)
    background: list[Question] = Field(default_factory=list)
    principles: Annotated[list[Principle], Field(min_length=1)]

    @field_validator("levels")
    @classmethod
    def _levels_ascend_from_zero(cls, levels: list[Level]) -> list[Level]:
        """Each rule across the levels is reported at the level's key that breaks it."""
        problems = level_problems(levels)
        if problems:
            raise RuleViolations(problems)
        return levels

    @model_validator(mode="after")
    def _form_of_bounded_size(self) -> Questionnaire:
        """Every question repeats its scale's options on the page: a bank with a small file
        but many questions times many options must not make `build` run out of memory."""

        def cost(scale: list[ScaleOption]) -> int:
            return sum(len(o.label) + FORM_CHARS_PER_OPTION for o in scale)

        bank_scale = cost(self.scale)
        size = 0
        for question in self.all_questions():
            size += len(question.text) + len(question.help or "") + FORM_CHARS_PER_QUESTION
            if question.options is not None:
                size += sum(len(o.label) + FORM_CHARS_PER_OPTION for o in question.options)
            elif question.is_scored:
                size += bank_scale if question.scale is None else cost(question.scale)
        if size > MAX_FORM_CHARS:
            raise RuleViolations(
                [
                    (
                        ("principles",),
                        f"the form would be about {size / 1e6:.0f} MB "
                        f"({self.question_count:,} questions, each with every option of its "
                        f"scale); at most {MAX_FORM_CHARS / 1e6:.0f} MB: use fewer questions or "
                        "options, or split the bank",
                    )
                ]
            )
        return self

    @model_validator(mode="after")
    def _ids_unique_and_advice_known(self) -> Questionnaire:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        seen: dict[str, str] = {}

        def claim(identifier: str, loc: tuple[str | int, ...]) -> None:
            where = str(loc[0]) + "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:-1]
            )
            if identifier in seen:
                problems.append(
                    (loc, f"duplicate id '{identifier}' (already used at {seen[identifier]})")
                )
            else:
                seen[identifier] = where

        level_ids = [level.id for level in self.levels]
        for i, question in enumerate(self.background):
            claim(question.id, ("background", i, "id"))
        for i, principle in enumerate(self.principles):
            claim(principle.id, ("principles", i, "id"))
            for j, question in enumerate(principle.questions):
                claim(question.id, ("principles", i, "questions", j, "id"))
                if question.breakdown:
                    problems.append(
                        (
                            ("principles", i, "questions", j, "breakdown"),
                            "breakdown applies to background questions only",
                        )
                    )
            if not any(q.is_scored for q in principle.questions):
                problems.append(
                    (
                        ("principles", i, "questions"),
                        f"principle '{principle.id}' needs at least one scale question "
                        "(only scale questions are scored)",
                    )
                )
            for key in principle.advice:
                if key not in level_ids:
                    problems.append(
                        (
                            ("principles", i, "advice", key),
                            f"advice key '{key}' is not a level id (levels: {', '.join(level_ids)})",
                        )
                    )
        problems += ask_if_problems(self)
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
}


class QuestionnaireRef(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    version: str | None = None


class Respondent(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    organisation: str | None = None
    role: str | None = None
    name: str | None = None


# One answer, by its question's type: a scale value, an option id, option ids, or text.
Answer = Number | str | list[str] | None


class Response(BaseModel):
    """One respondent's answers, as the form exports them and `score` reads them."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    format: Literal["selfassess-response/1", "selfassess-response/2"]
    questionnaire: QuestionnaireRef
    respondent: Respondent = Field(default_factory=Respondent)
    completed_at: str | None = None
    background: dict[str, Answer] = Field(default_factory=dict)
    answers: dict[str, Answer] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)


def response_json_schema() -> dict[str, Any]:
    return Response.model_json_schema()


def questionnaire_json_schema() -> dict[str, Any]:
    return Questionnaire.model_json_schema()


class SourcedResponse(BaseModel):
    """A validated response and where it came from (`path`, or `path#row` for CSV)."""

    model_config = ConfigDict(frozen=True)

    source: str
    response: Response
