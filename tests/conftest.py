"""Test setup: one Engine per test session, and YAML case files collected as
tests (in the manner of OpenFisca's YAML tests).

A case file (tests/cases/*.yaml) holds a list of cases:

    - name: what is being tested
      why: the legal reason the expectation is right (cited)
      scenario: {...}            # inline scenario, or
      scenario_file: ../../examples/karabakh_2020.yaml
      expect:
        - provision: cst_art4    # required
          state: ARM             # required (the state concerned; 'victim' is accepted too)
          about: offensive       # optional: the event or fact assessed ('event' is accepted too)
          version: v2010         # optional: the text applied
          status: not_triggered  # required
          fails: [on_victim_territory, request_by_victim]   # required: exact set
          open_questions: [party_as_aggressor]              # optional: exact set
          readings: {territory: de_jure}                    # optional: subset
          via: [territory_of_turkey]                        # optional: subset of clauses
          cites: [sovereignty:nagorno_karabakh:AZE:1991-12-26]  # optional: subset of fact ids
          bearers: {assistance: [BLR, KAZ]}                 # optional: subset
          not_bearers: {assistance: [ARM]}                  # optional: none of these
          decision: decided_to_act                          # optional
          contested_by: [intra_party_attack]                # optional: readings that disagree
          dissent_by: [non_state_attack]                    # optional: dissents from an authoritative reading
          robust: true                                      # optional: all readings agree
          unknown: [gravity]                                # required when any: exact set of unknown elements
          questions: [threats]                              # optional: exact set of questions of fact
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine():
    import foedus
    return foedus.Engine()


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)


class CaseFile(pytest.File):
    def collect(self):
        cases = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        for case in cases:
            yield CaseItem.from_parent(self, name=case["name"], case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from foedus.api import default_engine
        case = self.case
        assert case.get("why"), "every case says why its expectation is right"
        if "scenario_file" in case:
            scenario = (self.path.parent / case["scenario_file"]).resolve()
        else:
            scenario = case["scenario"]
        verdict = default_engine().assess(scenario)
        for expected in case["expect"]:
            check_assessment(verdict, expected)

    def repr_failure(self, excinfo):
        return f"case '{self.case['name']}' ({self.path.name}): {excinfo.value}"

    def reportinfo(self):
        return self.path, 0, f"case: {self.name}"


def check_assessment(verdict, expected: dict) -> None:
    state = expected.get("state", expected.get("victim"))
    matches = [a for a in verdict.assessments
               if a.provision.id == expected["provision"] and a.state.code == state
               and ("about" not in expected or a.about == expected["about"])
               and ("event" not in expected or a.about == expected["event"])]
    assert len(matches) == 1, (f"expected one assessment of {expected['provision']} for "
                               f"{state}, found {len(matches)}")
    a = matches[0]
    where = f"{a.provision.id}/{a.state.code}/{a.about}"
    assert a.status == expected["status"], f"{where}: status {a.status}, expected {expected['status']}"
    assert sorted(a.failing) == sorted(expected["fails"]), \
        f"{where}: failing elements {sorted(a.failing)}, expected {sorted(expected['fails'])}"
    assert sorted(a.unknown) == sorted(expected.get("unknown", [])), \
        f"{where}: unknown elements {sorted(a.unknown)}, expected {sorted(expected.get('unknown', []))}"
    if "questions" in expected:
        got = sorted(q.id for q in a.questions)
        assert got == sorted(expected["questions"]), f"{where}: questions {got}"
    for el in a.elements:   # the explanation agrees with the verdict
        assert (el.value == "fails") == (el.id in a.failing)
        assert (el.value == "unknown") == (el.id in a.unknown)
        assert el.statement and "{" not in el.statement, f"{where}: unfilled statement {el.statement!r}"
    if "version" in expected:
        assert a.provision.version == expected["version"], f"{where}: version {a.provision.version}"
    if "open_questions" in expected:
        got = sorted(q.id for q in a.open_questions)
        assert got == sorted(expected["open_questions"]), f"{where}: open questions {got}"
    for name, value in expected.get("readings", {}).items():
        got = {r.name: r.value for r in a.readings}
        assert got.get(name) == value, f"{where}: reading {name} = {got.get(name)}, expected {value}"
    clauses = {c.clause for el in a.elements for c in el.via}
    for clause in expected.get("via", []):
        assert clause in clauses, f"{where}: clause {clause} not among {sorted(clauses)}"
    cited = {f.id for el in a.elements for f in el.facts} | {f.id for q in a.open_questions for f in q.facts}
    for fid in expected.get("cites", []):
        assert fid in cited, f"{where}: fact {fid} not cited; cited: {sorted(cited)}"
    for k, states in expected.get("bearers", {}).items():
        got = next((c.bearers for c in a.consequences if c.id == k), None)
        assert got is not None, f"{where}: no consequence {k}"
        assert set(states) <= set(got), f"{where}: bearers of {k} are {got}"
    for k, states in expected.get("not_bearers", {}).items():
        got = next((c.bearers for c in a.consequences if c.id == k), [])
        assert not set(states) & set(got), f"{where}: {sorted(set(states) & set(got))} wrongly bear {k}"
    if "contested_by" in expected:   # the readings that disagree
        assert not a.robustness.robust, f"{where}: robust, expected contested by {expected['contested_by']}"
        assert set(expected["contested_by"]) <= set(a.robustness.readings), \
            f"{where}: readings varied {a.robustness.readings}"
        statuses = {o.status for o in a.robustness.outcomes}
        assert len(statuses) > 1
    if expected.get("robust"):
        assert a.robustness.robust, f"{where}: not robust: {a.summary}"
    if "dissent_by" in expected:   # readings whose departure from an authoritative value is shown
        got = {n for o in a.robustness.dissents for n in o.readings}
        assert set(expected["dissent_by"]) <= got and a.robustness.dissents, f"{where}: dissents {got}"
        assert "dissenting view" in a.summary
    if "decision" in expected:
        got = a.organisation_decision.status if a.organisation_decision else None
        assert got == expected["decision"], f"{where}: organisation decision {got}"
