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

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .documents import read_document
from .errors import InputError
from .scenario import Scenario
from .validation import raise_first

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
    description: str
    source: str
    concerns: list[str] = Field(default_factory=list, description=(
        "Provisions this conduct answers (e.g. nato_art4 for consultations); default: the provisions "
        "governing the organisation's collective action"))


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
    """The paper's legal claim, in the engine's terms."""
    provision: str
    state: str
    about: str
    says: Status


class Correction(_Strict):
    statement: str
    source: str


class PaperPassage(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    location: str
    turkish: str
    gloss: str
    claim: Optional[Claim] = None
    corrections: list[Correction] = []


class Case(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    period: Period
    summary: str
    questions: list[str] = Field(min_length=1)
    scenario: Scenario
    conduct: list[Conduct] = []
    verdicts: list[ExpectedVerdict] = Field(min_length=1)
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
