"""The parties' alliances in the audit: CST Art. 1 (second paragraph) and Art. 8 on
each reading, for the alliances of facts/organisations.yaml (issue 25)."""
import datetime as dt

import pytest

from foedus import Engine

DAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def engine():
    return Engine()


def statuses(engine, readings=None):
    report = engine.audit(DAY, readings=readings)
    return {(a.provision.id, a.state.code, a.about): a for a in report.assessments}


UNION_STATE = "membership:BLR:ru_by_2024:2025-03-13"
DPRK = "membership:RUS:ru_kp_2024:2024-12-04"


def test_union_state_guarantees_each_reading(engine):
    default = statuses(engine)
    art1, art8 = default[("cst_art1", "BLR", UNION_STATE)], default[("cst_art8", "BLR", UNION_STATE)]
    assert (art1.status, art8.status) == ("contested", "contested")
    assert "party_alliances" in art1.summary
    pinned = statuses(engine, {"alliance_ban": "general", "party_alliances": "outside_only"})
    assert pinned[("cst_art1", "BLR", UNION_STATE)].status == "complied"
    assert pinned[("cst_art1", "BLR", UNION_STATE)].failing == ["includes_a_non_party"]
    assert pinned[("cst_art8", "BLR", UNION_STATE)].failing == ["incompatible_with_the_treaty"]
    literal = statuses(engine, {"alliance_ban": "general", "party_alliances": "any_alliance"})
    assert literal[("cst_art1", "BLR", UNION_STATE)].status == "breached"
    assert literal[("cst_art8", "BLR", UNION_STATE)].status == "breached"
    narrow = statuses(engine, {"alliance_ban": "directed_only"})
    assert narrow[("cst_art1", "BLR", UNION_STATE)].failing == ["directed_against_a_party"]
    assert narrow[("cst_art8", "BLR", UNION_STATE)].status == "complied"


def test_union_state_treaty_of_1999_is_no_alliance(engine):
    got = statuses(engine, {"alliance_ban": "general", "party_alliances": "any_alliance"})
    a = got[("cst_art1", "RUS", "membership:RUS:union_state:2000-01-26")]
    assert a.status == "complied" and a.failing == ["joins_alliance_or_grouping"]


def test_russia_dprk_breaches_on_the_default_readings(engine):
    got = statuses(engine)
    art1, art8 = got[("cst_art1", "RUS", DPRK)], got[("cst_art8", "RUS", DPRK)]
    assert art1.status == art8.status == "contested"
    assert art1.summary.startswith("contested: breached on the default readings")
    report = engine.audit(DAY)
    kinds = {(f.kind, f.state.code, f.assessment.provision.id, f.assessment.about)
             for f in report.findings if f.assessment is not None}
    assert ("contested", "RUS", "cst_art8", DPRK) in kinds


def test_before_the_dprk_treaty_entered_into_force(engine):
    report = engine.audit(dt.date(2024, 12, 3))
    assert not [a for a in report.assessments if "ru_kp_2024" in a.about]


def test_force_by_a_state_that_is_not_a_party_is_not_assessed_under_art1(engine):
    """Art. 1 binds the States Parties: Azerbaijan, out since 1999, is no subject of it."""
    verdict = engine.assess({"name": "x", "events": [
        {"id": "offensive", "kind": "armed_attack", "date": "2020-09-27", "attackers": ["AZE"], "place": "ARM"}]})
    assert not [a for a in verdict.assessments if a.provision.id == "cst_art1_force"]
    before = engine.assess({"name": "x", "events": [
        {"id": "o", "kind": "armed_attack", "date": "1998-06-01", "attackers": ["AZE"], "place": "ARM"}]})
    (art1,) = [a for a in before.assessments if a.provision.id == "cst_art1_force"]
    assert art1.state.code == "AZE" and art1.status == "breached"   # a party until 1999-04-20
