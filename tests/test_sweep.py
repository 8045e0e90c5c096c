"""Issue 14: a sweep equals `foedus check`. Generated sweeps over many victims
and attackers; every cell sampled on its first day, its last day and a day
inside, each against the brief verdict of the same attack on that day (brief
verdicts equal full ones: test_brief)."""
from __future__ import annotations

import datetime as dt
import random

from foedus.services.sweep import ORG, TREATY_OF, sweep

PROVISIONS = ["cst_art4", "nato_art5", "un_art51"]


def _scenario(victim: str, attacker: str, day: dt.date, provisions: list[str]) -> dict:
    """The cell's attack as a user would write it for `foedus check`."""
    events = [{"id": "attack", "kind": "armed_attack", "date": day.isoformat(), "attackers": [attacker],
               "place": victim, "threatens": ["security", "stability", "territorial_integrity", "sovereignty"]}]
    for org in sorted({TREATY_OF[p] for p in provisions} & set(ORG)):
        events.append({"id": f"request-{org}", "kind": "request_for_assistance", "date": day.isoformat(),
                       "by": victim, "addressed_to": ORG[org], "concerning": "attack"})
    return {"name": "check", "events": events}


def test_every_cell_of_generated_sweeps_equals_a_check(engine):
    rng = random.Random(14)
    states = sorted(engine.kb.world.state_names)
    core = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "GEO", "UKR", "FIN", "SWE", "TUR", "USA"]
    checked = 0
    for _ in range(6):
        victims = rng.sample(core, 3) + rng.sample(states, 1)
        attackers = rng.sample(core, 2) + rng.sample(states, 1)
        start = dt.date(rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28))
        end = start + dt.timedelta(days=rng.randint(2_000, 6_000))
        provisions = sorted(rng.sample(PROVISIONS, rng.randint(1, 3)))
        rows = sweep(engine, victims, attackers, start, end, provisions)["rows"]
        samples = []
        for r in rows:
            first, last = dt.date.fromisoformat(r.start), dt.date.fromisoformat(r.end)
            inside = first + dt.timedelta(days=rng.randint(0, (last - first).days))
            samples += [(r, day) for day in {first, last, inside}]
        briefs = engine.briefs([_scenario(r.victim, r.attacker, day, provisions) for r, day in samples])
        for (r, day), brief in zip(samples, briefs):
            (status,) = {a.status for a in brief.assessments
                         if a.provision == r.provision and a.state == r.victim and a.about == "attack"}
            assert status == r.status, (r, day)
            checked += 1
    assert checked > 300


def test_the_sweep_of_the_issue_sees_azerbaijan_leave(engine):
    """Azerbaijan left the CST on 20 Apr 1999: from the next day an attack by it on Armenia is no
    longer one party's attack on another (the reading intra_party_attack stops mattering)."""
    rows = sweep(engine, ["ARM"], ["AZE"], dt.date(1999, 1, 1), dt.date(2001, 1, 1), ["cst_art4"])["rows"]
    assert [(r.start, r.end, r.status) for r in rows] == [
        ("1999-01-01", "1999-04-20", "contested"), ("1999-04-21", "2001-01-01", "triggered")]
