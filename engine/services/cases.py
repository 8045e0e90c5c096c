"""The historical case library (facts/cases/*.yaml): episodes with a scenario,
what the organisation actually did, the verdicts the law gives, and what the
seed paper says.

Law and practice are separate fields. The engine assesses only the scenario;
the recorded conduct is never fed to it. Comparing the two is presentation:
it flags where they diverge, which is the paper's theme.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..base.documents import read_document
from ..base.errors import InputError
from ..models.scenario import Scenario
from ..base.validation import raise_first
from ..models.verdict import Measure

Status = Literal["triggered", "not_triggered", "not_applicable", "contested", "breached", "complied",
                 "undetermined"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Period(_Strict):
    from_: dt.date = Field(alias="from")
    until: Optional[dt.date] = None


class Conduct(_Strict):
    """What the organisation did in fact."""
    organisation: Literal["CSTO", "NATO"]
    outcome: Literal["acted", "did_not_act", "other"]
    date: Optional[dt.date] = None
    organ: Optional[str] = Field(None, description="The organ that decided (facts/organisations.yaml).")
    decided: list[Measure] = []
    declined: list[Measure] = []
    description: str
    source: str
    concerns: list[str] = Field(default_factory=list, description=(
        "Provisions this conduct answers (e.g. nato_art4 for consultations); default: the provisions "
        "governing the organisation's collective action"))
    about: list[str] = Field(default_factory=list, description=(
        "The scenario's events this conduct answers (an episode's April and June kept apart); default: every one"))


class ExpectedVerdict(_Strict):
    """A verdict the law gives for this episode (asserted by the test suite)."""
    provision: str
    state: str
    about: str
    status: Status
    fails: list[str]
    unknown: list[str] = []
    open_questions: Optional[list[str]] = None
    contested_by: Optional[list[str]] = None   # readings that disagree
    why: str


class Claim(_Strict):
    """The paper's legal claim, in the engine's terms (for a practice or causal sentence, the
    legal question it touches: 'says' is then left out where the paper says nothing of the law)."""
    provision: str
    state: str
    about: str
    says: Optional[Status] = None


class Correction(_Strict):
    statement: str
    source: str


class PracticeClaim(_Strict):
    """What the paper says the organisation did: judged against the case's conduct."""
    organisation: Literal["CSTO", "NATO"]
    outcome: Literal["acted", "did_not_act"]
    date: Optional[dt.date] = Field(None, description="The conduct record's date (default: any).")


class TextClaim(_Strict):
    """What the paper says a text requires: judged against the encoded provisions."""
    instrument: str = Field(description="The instrument the paper names (facts/instruments.yaml id).")
    requires: str = Field(description="The element the paper says it requires (an element id).")
    as_of: dt.date = Field(description="The date of the text the paper describes.")


class PaperPassage(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    location: str
    turkish: str
    gloss: str
    kind: Optional[Literal["legal", "practice", "textual", "causal", "factual"]] = Field(
        None, description="What the sentence is about, so it is judged like with like: legal (a verdict), "
                          "practice (what the organisation did), textual (what a text requires), causal (motives, "
                          "causes, forecasts: not tested), factual. Default: legal with a claim, else factual.")
    claim: Optional[Claim] = Field(None, description="The legal claim; for practice and causal sentences, the "
                                                      "legal question they touch, reported as a note.")
    practice: Optional[PracticeClaim] = None
    text: Optional[TextClaim] = None
    corrections: list[Correction] = []

    @model_validator(mode="after")
    def _judged_by_its_kind(self):
        kind = self.judged_as
        if kind == "legal" and (self.claim is None or self.claim.says is None):
            raise ValueError("a legal passage needs 'claim' with what it 'says'")
        if kind == "practice" and self.practice is None:
            raise ValueError("a practice passage needs 'practice'")
        if kind == "textual" and self.text is None:
            raise ValueError("a textual passage needs 'text'")
        return self

    @property
    def judged_as(self) -> str:
        return self.kind or ("legal" if self.claim else "factual")


class Departure(_Strict):
    """Where the engine's verdict departs from a reading in the research, and why."""
    authority: str = Field(description="Whose reading: the research notes, a scholar, an organ.")
    their_reading: str
    why: str


class Case(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    period: Period
    summary: str
    questions: list[str] = Field(min_length=1)
    scenario: Scenario
    conduct: list[Conduct] = []
    verdicts: list[ExpectedVerdict] = Field(min_length=1)
    departures: list[Departure] = []
    paper: list[PaperPassage] = []


def load_case(path: Path) -> Case:
    doc = read_document(path, name=f"facts/cases/{path.name}")
    if not isinstance(doc.data, dict):
        raise InputError(doc.name, "is not a mapping", expected="a case (see facts/cases/README.md)")
    try:
        case = Case.model_validate(doc.data)
    except ValidationError as exc:
        raise_first(exc, doc)
    if case.id != path.stem:
        raise InputError(doc.name, f"has id '{case.id}'", field="id", line=doc.line_of(("id",)),
                         expected=f"the file name, '{path.stem}'")
    return case


def load_library(cases_dir: Path) -> dict[str, Case]:
    cases = {p.stem: load_case(p) for p in sorted(cases_dir.glob("*.yaml"))}
    seen: dict[str, str] = {}
    for case in cases.values():
        for passage in case.paper:
            if passage.id in seen:
                raise InputError(f"facts/cases/{case.id}.yaml", f"repeats the paper passage id '{passage.id}'",
                                 expected=f"ids unique across the library (also in {seen[passage.id]}.yaml)")
            seen[passage.id] = case.id
    return cases
