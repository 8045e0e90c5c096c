"""Joining and leaving: the periods the rules count, the accession protocols'
entry into force derived from the acceptances, the world view's changes under
way, what-if's leave_treaty, and the input errors of the new events."""
from __future__ import annotations

import datetime as dt

import pytest

from foedus.base.errors import InputError
from tests.test_rule_units import derive

PERIODS = ["contract.lp", "provisions.lp", "time.lp"]


@pytest.mark.parametrize("start, months, end", [
    (20260301, 6, 20260901),      # the same day six months on
    (20260831, 6, 20270301),      # no 31 February: six months before 28 Feb is 28 Aug, so 1 March
    (20230831, 6, 20240301),      # ... in a leap year too (no 31 February)
    (20230829, 6, 20240229),      # 29 February exists in 2024
    (20240229, 12, 20250301),     # a year from 29 February
    (20261015, 6, 20270415),      # across the year's end
    (19490824, 240, 19690824),    # NAT Art. 13: twenty years in force
])
def test_a_period_in_months_takes_effect_on_the_same_day_or_the_first_after_a_short_month(start, months, end):
    atoms = derive(PERIODS, f"period_asked({start}, {months}).")
    assert f"months_after({start},{months},{end})" in atoms
    assert len([a for a in atoms if a.startswith("months_after(")]) == 1


@pytest.mark.parametrize("day, before", [
    (20121219, 20121218), (20240301, 20240229), (20230301, 20230228), (20270101, 20261231), (20261001, 20260930)])
def test_the_eve_of_a_day(day, before):
    assert f"day_before({day},{before})" in derive(PERIODS, f"day_before_asked({day}).")


def _completed(engine):
    """The rules' answer: each accession protocol's entry into force and last acceptance."""
    from foedus.models.scenario import ResolvedScenario
    from foedus.solve.solver import solve
    empty = ResolvedScenario("protocols", None, dt.date(2025, 1, 1), "")
    (answer,) = solve(engine.kb, engine.symbols(empty), outputs=("protocol_completed/2", "last_acceptance/4"))[:1]
    return dict(answer.get("protocol_completed", [])), {p: s for p, s, _, _ in answer.get("last_acceptance", [])}


def test_each_protocol_enters_into_force_on_the_last_acceptance_as_the_record_says(engine):
    completed, last = _completed(engine)
    world = engine.kb.world
    protocols = [i for i in world.instruments if i.startswith("nato_accession_protocol_")]
    assert protocols, "the accession protocols are in facts/instruments.yaml"
    for p in protocols:
        recorded = world.instruments[p].in_force.date
        assert completed[p] == int(recorded.strftime("%Y%m%d")), p
    assert last == {"nato_accession_protocol_finland_2022": "tur", "nato_accession_protocol_sweden_2022": "hun"}


def test_the_world_shows_accessions_under_way_and_what_they_await(engine):
    view = engine.world(dt.date(2023, 3, 1))
    pending = {(c.kind, c.state): c for c in view.pending}
    assert set(pending) == {("accession", "FIN"), ("accession", "SWE")}
    fin = pending[("accession", "FIN")]
    assert fin.protocol_in_force == "2023-04-04" and fin.takes_effect == "2023-04-04"
    assert {a.party: a.notified_on for a in fin.awaiting} == {"HUN": "2023-03-31", "TUR": "2023-04-04",
                                                               "others": None}
    later = engine.world(dt.date(2023, 4, 4))
    assert [(c.kind, c.state) for c in later.pending] == [("accession", "SWE")]
    assert engine.world(dt.date(2024, 3, 7)).pending == []
    assert engine.world(dt.date(2021, 1, 1)).pending == []


def test_the_world_with_a_scenario_shows_a_withdrawal_under_way_then_done(engine):
    scenario = {"name": "notice", "events": [
        {"id": "notice", "kind": "withdrawal_notice", "by": "ARM", "treaty": "cst", "date": "2026-08-31"}]}
    during = engine.world(dt.date(2026, 12, 1), scenario)
    assert [(c.kind, c.state, c.takes_effect) for c in during.pending] == [("withdrawal", "ARM", "2027-03-01")]
    cst = next(t for t in during.treaties if t.treaty == "cst")
    assert "ARM" in {m.code for m in cst.parties}
    after = engine.world(dt.date(2027, 3, 1), scenario)
    assert after.pending == []
    assert "ARM" not in {m.code for m in next(t for t in after.treaties if t.treaty == "cst").parties}


def test_what_if_offers_leaving_the_treaty(engine):
    scenario = {"name": "attack on Norway", "events": [
        {"id": "attack", "kind": "armed_attack", "attackers": ["RUS"], "place": "NOR", "date": "2027-12-01",
         "threatens": "all"}]}
    report = engine.what_if(scenario, provision="nato_art5", state="NOR")
    kinds = {c.kind for f in report.findings for a in f.answers for c in a.changes}
    assert "leave_treaty" in kinds
    leave = next(a for f in report.findings for a in f.answers for c in a.changes if c.kind == "leave_treaty")
    assert leave.status_after == "not_applicable" and leave.total_cost == 5 and leave.confirmed


@pytest.mark.parametrize("event, field, words", [
    ({"kind": "withdrawal_notice", "by": "ARM", "treaty": "cst", "date": "2026-08-31", "takes_effect": "2026-08-01"},
     "events[0].takes_effect", "not after the notice"),
    ({"kind": "withdrawal_notice", "by": "ARM", "treaty": "un_charter", "date": "2026-08-31"},
     "events[0].treaty", "cst"),
    ({"kind": "participation_freeze", "by": "ARM", "organisation": "NATO", "date": "2024-02-22"},
     "events[0].organisation", "unknown organisation"),
    ({"kind": "membership_decision", "organisation": "CSTO", "organ": "parliament", "state": "UZB",
      "decided": "suspension", "date": "2012-12-19"}, "events[0].organ", "unknown organ"),
    ({"kind": "accession", "by": "XYZ", "treaty": "nato", "date": "2030-01-01"}, "events[0].by", "XYZ"),
])
def test_acts_of_membership_refuse_bad_input_with_the_field(engine, event, field, words):
    with pytest.raises(InputError) as err:
        engine.assess({"name": "bad", "events": [event]})
    assert err.value.field == field
    assert words in str(err.value)
