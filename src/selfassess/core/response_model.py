"""The pydantic model of a response file: one respondent's answers, as the form exports them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

Number = StrictInt | StrictFloat


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
    language: str | None = None  # the page's language it was given in; scores ignore it
    background: dict[str, Answer] = Field(default_factory=dict)
    answers: dict[str, Answer] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)


def response_json_schema() -> dict[str, Any]:
    return Response.model_json_schema()


class SourcedResponse(BaseModel):
    """A validated response and where it came from (`path`, or `path#row` for CSV)."""

    model_config = ConfigDict(frozen=True)

    source: str
    response: Response
