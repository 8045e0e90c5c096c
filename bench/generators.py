"""Scenario generators for benchmarks and equality runs: the tests' own
(tests/strategies.random_scenario: 1-4 events, edge dates, every event kind)
and a second one written independently of it, after the performance review's
driver (../shared/reviews/perf/common.py): any number of armed attacks on
States with a membership or on territories, with requests and decisions.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

INTERESTS = ["security", "stability", "territorial_integrity", "sovereignty"]


def world_lists() -> tuple[list[str], list[str]]:
    """States with any membership, and territory ids, read from this checkout's facts
    (the same for a baseline package and this one)."""
    facts = Path(__file__).resolve().parent.parent / "facts"
    terr = yaml.safe_load((facts / "territories.yaml").read_text(encoding="utf-8"))
    mem = yaml.safe_load((facts / "memberships.yaml").read_text(encoding="utf-8"))
    territories = [t["id"] for t in (terr["territories"] if isinstance(terr, dict) else terr)]
    states = sorted({m["state"] for m in (mem["memberships"] if isinstance(mem, dict) else mem)})
    return states, territories


def large_scenario(rng: random.Random, states: list[str], territories: list[str], n_attacks: int | None = None,
                   lo: dt.date = dt.date(1992, 1, 1), hi: dt.date = dt.date(2026, 6, 30)) -> dict:
    """n_attacks armed attacks (1-8 when not given), each with a possible request and decision."""
    n = n_attacks or rng.randint(1, 8)
    events = []
    for i in range(n):
        date = (lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))).isoformat()
        victim = rng.choice(states)
        place = victim if rng.random() < 0.6 else rng.choice(territories)
        attacker = rng.choice([s for s in states if s != victim])
        ev = {"id": f"a{i}", "kind": "armed_attack", "date": date, "place": place}
        if rng.random() < 0.15:
            ev["non_state_attacker"] = {"name": "group", "directed_from": attacker}
        else:
            ev["attackers"] = [attacker]
        if place != victim and rng.random() < 0.5:
            ev["against"] = [victim]
        if rng.random() < 0.5:
            ev["threatens"] = rng.sample(INTERESTS, rng.randint(1, 4))
        events.append(ev)
        if rng.random() < 0.4:
            events.append({"id": f"r{i}", "kind": "request_for_assistance", "date": date, "by": victim,
                           "addressed_to": rng.choice(["CSTO", "NATO"]), "concerning": f"a{i}"})
        if rng.random() < 0.15:
            events.append({"id": f"d{i}", "kind": "collective_decision", "date": date,
                           "organisation": rng.choice(["CSTO", "NATO"]),
                           "outcome": rng.choice(["act", "decline"]), "concerning": f"a{i}"})
    return {"name": "generated (large)", "events": events}


def valid_large(engine, rng: random.Random, count: int, **kw) -> list[dict]:
    """count large scenarios the engine accepts (some places are not on a date: refused)."""
    from foedus import FoedusError
    states, territories = world_lists()
    out = []
    while len(out) < count:
        s = large_scenario(rng, states, territories, **kw)
        try:
            engine.resolve(s)
        except FoedusError:
            continue
        out.append(s)
    return out
