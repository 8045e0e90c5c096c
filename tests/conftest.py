"""Test setup: one Engine per test session, and YAML case files collected as
tests (in the manner of OpenFisca's YAML tests), in the format `foedus test`
reads (foedus.services.casetest; README, "Case tests").

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

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine():
    import foedus
    return foedus.Engine()


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)


class CaseFile(pytest.File):
    """The project's case tests, read and run by `foedus test`'s own code (foedus.services.casetest)."""

    def collect(self):
        from foedus.services.casetest import load_cases
        for case in load_cases(self.path):
            yield CaseItem.from_parent(self, name=case.name, case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from foedus.api import default_engine
        from foedus.services.casetest import check_case
        assert self.case.why, "every case says why its expectation is right"
        failures = check_case(default_engine(), self.case, self.path.parent)
        assert not failures, "\n".join(failures)

    def repr_failure(self, excinfo):
        return f"case '{self.case.name}' ({self.path.name}): {excinfo.value}"

    def reportinfo(self):
        return self.path, 0, f"case: {self.name}"
