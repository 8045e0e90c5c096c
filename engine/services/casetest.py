"""Case tests (`foedus test`): a user's expectations of verdicts, kept in
YAML files and checked against the engine — as OpenFisca's YAML tests or
Catala's `clerk test`. The project's own case tests (tests/cases/) are files
of the same format, run by the same code.

A case file is a list of cases:

    - name: what is being tested
      why: the legal reason the expectation is right (cited)      # optional for users
      scenario: {...}            # inline scenario, or
      scenario_file: ../../examples/karabakh_2020.yaml            # relative to the case file
      readings: {territory: de_facto}                             # optional: pinned
      expect:
        - provision: cst_art4    # required
          state: ARM             # required ('victim' is accepted too)
          about: offensive       # optional: the event or fact assessed ('event' is accepted too)
          status: not_triggered  # required
          fails: [on_victim_territory]   # required: the exact set of failing elements
          ...                    # the optional keys of Expectation below
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..base.documents import read_document
from ..base.errors import FoedusError, InputError
from ..base.validation import raise_first
from ..models.verdict import CaseTestReport, CaseTestResult, Status

if TYPE_CHECKING:
    from ..core.assess import Core
    from ..models.verdict import Assessment, Verdict


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    provision: str
    state: str
    about: Optional[str] = None
    status: Status
    fails: list[str] = Field(description="The exact set of failing elements.")
    unknown: list[str] = Field([], description="The exact set of unknown elements.")
    version: Optional[str] = None
    questions: Optional[list[str]] = Field(None, description="The exact set of questions of fact.")
    open_questions: Optional[list[str]] = Field(None, description="The exact set of open questions.")
    readings: dict[str, str] = Field({}, description="Readings applied under the default combination (a subset).")
    via: list[str] = Field([], description="Clauses among those an element went through (a subset).")
    cites: list[str] = Field([], description="Fact ids among those cited (a subset).")
    bearers: dict[str, list[str]] = Field({}, description="States among the bearers of each consequence.")
    not_bearers: dict[str, list[str]] = Field({}, description="States bearing none of these consequences.")
    decision: Optional[str] = None
    decision_organ: Optional[str] = None
    decision_measures: dict[str, str] = Field({}, description="Measures of the decision and their outcome (a subset).")
    contested_by: Optional[list[str]] = Field(None, description="Readings among those that disagree.")
    dissent_by: Optional[list[str]] = Field(None, description="Readings among the dissents shown.")
    robust: Optional[bool] = None
    says: list[str] = Field([], description="Phrases the explanation contains: its elements' statements, its open "
                                            "questions and its consequences (each a substring).")

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data):
        """'victim' for 'state' and 'event' for 'about', as earlier files wrote them."""
        if isinstance(data, dict):
            data = dict(data)
            if "victim" in data and "state" not in data:
                data["state"] = data.pop("victim")
            if "event" in data and "about" not in data:
                data["about"] = data.pop("event")
        return data


class CaseTest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    why: Optional[str] = None
    scenario: Optional[dict] = None
    scenario_file: Optional[str] = None
    readings: dict[str, str] = {}
    expect: list[Expectation] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_scenario(self):
        if (self.scenario is None) == (self.scenario_file is None):
            raise ValueError("give either 'scenario' (inline) or 'scenario_file' (a path), not both or neither")
        return self


def load_cases(path: Path) -> list[CaseTest]:
    """The cases of one file, validated: an error names the file, the case and the field."""
    doc = read_document(path)
    if not isinstance(doc.data, list):
        raise InputError(doc.name, "is not a list of cases", expected="a YAML list whose items have name, "
                                                                      "scenario or scenario_file, and expect")
    try:
        return TypeAdapter(list[CaseTest]).validate_python(doc.data)
    except ValidationError as exc:
        raise_first(exc, doc)


def gather_case_files(paths: list[Union[str, Path]]) -> list[Path]:
    """Files as given; folders to their *.yaml and *.yml files, sorted."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in (".yaml", ".yml") and f.is_file())
        else:
            out.append(p)
    return out


def run_cases(engine: "Core", paths: list[Union[str, Path]]) -> CaseTestReport:
    results = []
    files = gather_case_files(paths)
    if not files:
        raise InputError(", ".join(map(str, paths)) or "foedus test", "holds no case file",
                         expected="YAML files, each a list of cases")
    for path in files:
        for case in load_cases(path):
            results.append(CaseTestResult(file=str(path), name=case.name,
                                          failures=check_case(engine, case, path.parent)))
    passed = sum(1 for r in results if not r.failures)
    return CaseTestReport(results=results, passed=passed, failed=len(results) - passed)


def check_case(engine: "Core", case: CaseTest, base: Path) -> list[str]:
    """What differs from the case's expectations (nothing: it passes)."""
    scenario = (base / case.scenario_file).resolve() if case.scenario_file else case.scenario
    try:
        verdict = engine.assess(scenario, case.readings or None)
    except FoedusError as exc:
        return [f"the scenario is not assessed: {exc}"]
    out = []
    for expected in case.expect:
        out += check_assessment(verdict, expected)
    return out


def check_assessment(verdict: "Verdict", expected: Expectation) -> list[str]:
    matches = [a for a in verdict.assessments
               if a.provision.id == expected.provision and a.state.code == expected.state.upper()
               and (expected.about is None or a.about == expected.about)]
    if len(matches) != 1:
        found = sorted({f"{a.provision.id}/{a.state.code}/{a.about}" for a in verdict.assessments})
        return [f"expected one assessment of {expected.provision} for {expected.state}"
                + (f" about {expected.about}" if expected.about else "") + f", found {len(matches)}"
                + (f" (the verdict assesses: {', '.join(found)})" if not matches else "")]
    a = matches[0]
    where = f"{a.provision.id}/{a.state.code}/{a.about}"
    out = []

    def differ(what: str, got, want) -> None:
        if got != want:
            out.append(f"{where}: {what}: expected {want}, got {got}")

    def lacks(what: str, got: set, want) -> None:
        if not set(want) <= got:
            out.append(f"{where}: {what}: expected among them {sorted(set(want))}, got {sorted(got)}")

    differ("status", a.status, expected.status)
    differ("failing elements", sorted(a.failing), sorted(expected.fails))
    differ("unknown elements", sorted(a.unknown), sorted(expected.unknown))
    if expected.questions is not None:
        differ("questions of fact", sorted(q.id for q in a.questions), sorted(expected.questions))
    if expected.version is not None:
        differ("version", a.provision.version, expected.version)
    if expected.open_questions is not None:
        differ("open questions", sorted(q.id for q in a.open_questions), sorted(expected.open_questions))
    applied = {r.name: r.value for r in a.readings}
    for name, value in expected.readings.items():
        differ(f"reading {name}", applied.get(name), value)
    lacks("clauses", {c.clause for el in a.elements for c in el.via}, expected.via)
    lacks("facts cited", {f.id for el in a.elements for f in el.facts}
          | {f.id for q in a.open_questions for f in q.facts}, expected.cites)
    if expected.says:
        told = " ".join([el.statement for el in a.elements] + [q.statement for q in a.open_questions] +
                        [c.text for c in a.consequences])
        for phrase in expected.says:
            if phrase not in told:
                out.append(f"{where}: the explanation does not say {phrase!r}")
    for k, states in expected.bearers.items():
        lacks(f"bearers of {k}", set(next((c.bearers for c in a.consequences if c.id == k), [])), states)
    for k, states in expected.not_bearers.items():
        wrong = set(states) & set(next((c.bearers for c in a.consequences if c.id == k), []))
        if wrong:
            out.append(f"{where}: bearers of {k}: expected none of {sorted(states)}, got {sorted(wrong)}")
    if expected.contested_by is not None:
        if a.robustness.robust or len({o.status for o in a.robustness.outcomes}) < 2:
            out.append(f"{where}: robustness: expected contested by {expected.contested_by}, got robust")
        lacks("readings varied", set(a.robustness.readings), expected.contested_by)
    if expected.robust:
        differ("robust", a.robustness.robust, True)
    if expected.dissent_by is not None:
        lacks("dissenting readings", {n for o in a.robustness.dissents for n in o.readings}, expected.dissent_by)
    if expected.decision is not None:
        differ("organisation decision", a.organisation_decision.status if a.organisation_decision else None,
               expected.decision)
    if expected.decision_organ is not None:
        differ("deciding organ", a.organisation_decision.organ if a.organisation_decision else None,
               expected.decision_organ)
    if expected.decision_measures:
        got = {m.measure: m.outcome for m in a.organisation_decision.measures} if a.organisation_decision else {}
        for measure, outcome in sorted(expected.decision_measures.items()):
            differ(f"decision on {measure}", got.get(measure), outcome)
    return out + _explanation_agrees(a, where)


def _explanation_agrees(a: "Assessment", where: str) -> list[str]:
    """The explanation says what the verdict says (a defect of foedus, not of the case, if not)."""
    out = []
    for el in a.elements:
        if (el.value == "fails") != (el.id in a.failing) or (el.value == "unknown") != (el.id in a.unknown):
            out.append(f"{where}: element {el.id} reads {el.value} but the verdict disagrees (please report it)")
        if not el.statement or "{" in el.statement:
            out.append(f"{where}: element {el.id} has an unfilled statement {el.statement!r} (please report it)")
    return out
