"""Unit tests per shared rule file: each file grounded alone (with the files it
builds on) over a few hand-written facts, and its derived atoms checked."""
from __future__ import annotations

import clingo
import pytest

from foedus.load.files import data_dir

COMMON = data_dir("rules") / "common"


def derive(files: list[str], facts: str) -> set[str]:
    ctl = clingo.Control(["--warn=none"])
    for name in files:
        ctl.load(str(COMMON / name))
    ctl.add("base", [], facts)
    ctl.ground([("base", [])])
    atoms: set[str] = set()
    ctl.solve(on_model=lambda m: atoms.update(str(s) for s in m.symbols(atoms=True)))
    return atoms


TIME = ["contract.lp", "provisions.lp", "time.lp"]
VERSIONS = """
version(p, old, i1). version(p, new, i2). supersedes(p, new, old).
instrument_in_force(i1, 19940420, "f1"). instrument_in_force(i2, 20121219, "f2").
"""


@pytest.mark.parametrize("day, expected", [
    (19940419, "old"),      # before entry into force: the first text is shown (and fails in_force)
    (19940420, "old"), (20121218, "old"), (20121219, "new"), (20250101, "new")])
def test_time_selects_the_version_governing_a_date(day, expected):
    atoms = derive(TIME, VERSIONS + f"as_of({day}).")
    assert f"governing_version(p,{expected},{day})" in atoms
    assert len([a for a in atoms if a.startswith("governing_version(")]) == 1


def test_time_derives_half_open_intervals():
    atoms = derive(TIME, VERSIONS)
    assert 'in_force(p,old,19940420,20121219,"f1")' in atoms
    assert 'in_force(p,new,20121219,99991231,"f2")' in atoms


MEMBERS = ["contract.lp", "time.lp", "readings.lp", "membership.lp"]


@pytest.mark.parametrize("status, bound", [
    ("party", True), ("party_not_participating", True), ("suspended", False), ("signatory", False)])
def test_membership_binding_statuses(status, bound):
    atoms = derive(MEMBERS, f'membership("m", s, cst, {status}, 20000101, 20100101). as_of(20050101). '
                            'state(s). census_date(20050101).')
    assert ("party(s,cst,20050101)" in atoms) == bound
    assert f'status_on(s,cst,{status},20050101,"m")' in atoms


@pytest.mark.parametrize("day, inside", [(19991231, False), (20000101, True), (20091231, True), (20100101, False)])
def test_membership_interval_is_half_open(day, inside):
    atoms = derive(MEMBERS, f'membership("m", s, cst, party, 20000101, 20100101). as_of({day}). '
                            f'state(s). census_date({day}).')
    assert (f"party(s,cst,{day})" in atoms) == inside


def test_standing_is_looked_up_only_where_a_rule_asks():
    """Membership is read for the (state, date) pairs some rule consults, not for every state."""
    facts = ('membership("m", s, cst, party, 20000101, 20100101). membership("n", t, cst, party, 20000101, 20100101). '
             'state(s). state(t). as_of(20050101).')
    assert not any(a.startswith("party(") for a in derive(MEMBERS, facts))
    atoms = derive(MEMBERS, facts + " asked(s, 20050101).")
    assert "party(s,cst,20050101)" in atoms and "party(t,cst,20050101)" not in atoms


TERRITORY = ["contract.lp", "time.lp", "readings.lp", "territory.lp"]


def test_territory_title_control_and_claims_on_a_date():
    """Only attacked places are looked up, on the dates of the attacks."""
    facts = """territory(t, land). sovereignty("s", t, a, 0, 99991231).
               control("c", t, "rebels", 19910902, 20230921). claim("k", t, b, 20140318, 99991231).
               armed_attack("e", 20200101, t)."""
    atoms = derive(TERRITORY, facts)
    assert 'sovereign(t,a,20200101,"s")' in atoms
    assert 'controlled_by(t,"rebels",20200101,"c")' in atoms
    assert 'claimed_by(t,b,20200101,"k")' in atoms
    assert {a for a in atoms if a.startswith("territory_status(")} == {
        'territory_status(t,20200101,"s")', 'territory_status(t,20200101,"c")', 'territory_status(t,20200101,"k")'}


EVENTS = ["contract.lp", "time.lp", "readings.lp", "territory.lp", "events.lp"]
WORLD = 'sovereignty("sa", ta, a, 0, 99991231). sovereignty("sb", tb, b, 0, 99991231). '


def test_potential_victims_exclude_the_attacker():
    atoms = derive(EVENTS, WORLD + 'armed_attack("e", 20200101, ta). attacker("e", a). against("e", b).')
    assert 'potential_victim("e",b)' in atoms
    assert 'potential_victim("e",a)' not in atoms      # fighting on its own territory


def test_attack_origin_for_non_state_attackers():
    base = WORLD + 'armed_attack("e", 20200101, ta). non_state_attacker("e", "x"). '
    assert 'attack_origin("e",a,unstated)' in derive(EVENTS, base)    # silence is not "domestic"
    assert 'attack_origin("e",a,non_state_domestic)' in derive(EVENTS, base + 'origin_stated("e", domestic).')
    assert 'attack_origin("e",a,directed_from_abroad)' in derive(
        EVENTS, base + 'origin_stated("e", foreign_unidentified).')
    assert 'attack_origin("e",a,directed_from_abroad)' in derive(EVENTS, base + 'directed_from("e", b).')
    assert 'attack_origin("e",a,non_state_domestic)' in derive(EVENTS, base + 'directed_from("e", a).')
    sent = derive(EVENTS, base + 'attributed_to("e", b).')
    assert 'attack_origin("e",a,attributed_to_state)' in sent and 'responsible_state("e",b)' in sent


def test_responds_to_an_earlier_attack_by_the_victim():
    facts = WORLD + """armed_attack("e0", 20200101, tb). attacker("e0", a).
                       armed_attack("e1", 20200105, ta). attacker("e1", b)."""
    atoms = derive(EVENTS, facts)
    assert 'responds_to("e1",a,"e0")' in atoms
    assert not any(x.startswith('responds_to("e0"') for x in atoms)


def test_requests_without_a_named_attack_answer_the_latest_earlier_attack():
    facts = WORLD + """armed_attack("e0", 19990105, ta). attacker("e0", b).
                       armed_attack("e1", 20200105, ta). attacker("e1", b).
                       armed_attack("e1b", 20200105, ta). attacker("e1b", b).
                       armed_attack("e2", 20200110, ta). attacker("e2", b).
                       request("r", 20200107, a, cst)."""
    atoms = derive(EVENTS, facts)
    answered = sorted(x for x in atoms if x.startswith('request_for("r"'))
    assert answered == ['request_for("r","e1")', 'request_for("r","e1b")']


ELEMENTS = ["contract.lp", "provisions.lp", "time.lp", "readings.lp", "membership.lp", "territory.lp",
            "events.lp", "decisions.lp", "elements.lp"]
SHAPE = WORLD + """provision(p, i, "Art. 0", "test"). version(p, v, i). instrument_in_force(i, 19000101, "f").
    element(p, v, in_force, gate). element(p, v, g, gate). element(p, v, c, condition).
    armed_attack("e", 20200101, ta). attacker("e", b).
    assessment(p, v, "e", a) :- potential_victim("e", a).
"""


@pytest.mark.parametrize("extra, status", [
    ('holds(p, "e", a, g). holds(p, "e", a, c).', "triggered"),
    ('holds(p, "e", a, g).', "not_triggered"),
    ('holds(p, "e", a, c).', "not_applicable"),
    ("", "not_applicable"),
    ('holds(p, "e", a, g). holds(p, "e", a, c). open_question(p, "e", a, q).', "contested"),
    ('holds(p, "e", a, g). open_question(p, "e", a, q).', "not_triggered"),
])
def test_elements_give_one_status(extra, status):
    atoms = derive(ELEMENTS, SHAPE + extra)
    statuses = [a for a in atoms if a.startswith("status(")]
    assert statuses == [f'status(p,"e",a,{status})']


def test_a_successor_without_a_known_date_does_not_cut_the_old_version_short():
    atoms = derive(TIME, """version(p, old, i1). version(p, new, i2). supersedes(p, new, old).
                            instrument_in_force(i1, 19940420, "f1"). as_of(20250101).""")
    assert "governing_version(p,old,20250101)" in atoms


@pytest.mark.parametrize("kind, extra, status", [
    ("prohibition", 'holds(p, "e", a, g). holds(p, "e", a, c).', "breached"),
    ("prohibition", 'holds(p, "e", a, g).', "complied"),
    ("prohibition", 'holds(p, "e", a, g). holds(p, "e", a, c). open_question(p, "e", a, q).', "contested"),
    ("requirement", 'holds(p, "e", a, g). holds(p, "e", a, c).', "complied"),
    ("requirement", 'holds(p, "e", a, g).', "breached"),
    ("requirement", 'holds(p, "e", a, g). open_question(p, "e", a, q).', "contested"),
    ("requirement", 'holds(p, "e", a, c).', "not_applicable"),
])
def test_prohibitions_and_requirements_have_their_own_polarity(kind, extra, status):
    atoms = derive(ELEMENTS, SHAPE + f"provision_kind(p, {kind}). " + extra)
    assert [a for a in atoms if a.startswith("status(")] == [f'status(p,"e",a,{status})']


CSC = 'collective_decision("c", 20220106, cst, collective_security_council). '
CSSC = 'collective_decision("c", 20100614, cst, committee_of_secretaries_of_security_councils). '
RESERVED = 'reserved_measure(cst, armed_forces, collective_security_council, "CST Art. 6"). '


@pytest.mark.parametrize("facts, outcome", [
    (CSC + 'decision_measure("c", armed_forces, decided).', "decided"),
    (CSC + 'decision_measure("c", armed_forces, decided). decision_objection("c", b).', "blocked"),
    (CSC + 'decision_measure("c", armed_forces, decided). decision_objection("c", z).', "decided"),   # z not a member
    (CSC + 'decision_measure("c", armed_forces, decided). decision_non_objection("c", b).', "decided"),
    (CSC + 'decision_measure("c", armed_forces, declined).', "declined"),
    # only the Council decides on armed forces (CST Art. 6): another organ's word on them is its position
    (CSSC + 'decision_measure("c", armed_forces, declined).', "beyond_competence"),
    (CSSC + 'decision_measure("c", armed_forces, decided).', "beyond_competence"),
    (CSSC + 'decision_measure("c", non_military_aid, decided).', "decided"),
])
def test_consensus_one_member_objection_blocks_and_only_the_competent_organ_decides(facts, outcome):
    members = 'membership("m", b, cst, party, 19940420, 99991231). ' + RESERVED
    atoms = derive(["contract.lp", "time.lp", "readings.lp", "membership.lp", "events.lp", "decisions.lp"], members + facts)
    assert {a for a in atoms if a.startswith("measure_outcome(")} == {
        f'measure_outcome("c",{facts.split("decision_measure(")[1].split(",")[1].strip()},{outcome})'}
    assert ('decided_assistance("c")' in atoms) == (outcome == "decided")


@pytest.mark.parametrize("pinned, holder", [("de_jure", "a"), ("de_facto", "b")])
def test_the_territory_reading_decides_whose_land_it_is(pinned, holder):
    facts = """territory(t, land). sovereignty("s", t, a, 0, 99991231).
               control("c", t, "B", 20140318, 99991231). state_control("c", t, b, 20140318, 99991231).
               armed_attack("e", 20200101, t). """ + f"reading_pinned(territory, {pinned})."
    atoms = derive(TERRITORY, facts)
    assert {x for x in atoms if x.startswith("held_by(")} == {f"held_by(t,{holder},20200101)"}


def test_readings_are_choices_only_where_they_can_matter():
    program = """reading(r, x, "x"). reading(r, y, "y"). reading_default(r, x).
                                  reading(q, x, "x"). reading(q, y, "y"). reading_default(q, x).
                                  reading_relevant(r)."""
    ctl = clingo.Control(["0", "--warn=none"])
    ctl.load(str(COMMON / "contract.lp"))
    ctl.load(str(COMMON / "readings.lp"))
    ctl.add("base", [], program)
    ctl.ground([("base", [])])
    models = []
    ctl.solve(on_model=lambda m: models.append(sorted(str(s) for s in m.symbols(atoms=True)
                                                       if s.name == "selected_reading")))
    assert sorted(models) == [["selected_reading(q,x)", "selected_reading(r,x)"],
                              ["selected_reading(q,x)", "selected_reading(r,y)"]]
