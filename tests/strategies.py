"""Scenario generators shared by the property tests and the long fuzz run."""
from __future__ import annotations

import datetime as dt
import random

STATES = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "GEO", "UKR", "USA", "TUR", "FIN", "POL",
          "EST", "DEU", "FRA", "ESP", "GRC", "AFG", "SYR", "CHN", "IRN"]
PLACES = STATES + ["nagorno_karabakh", "crimea", "hawaii", "ceuta", "canary_islands", "mediterranean_sea",
                   "south_ossetia", "kursk_oblast", "armenia_border_areas_2021_2022", "algerian_departments"]
INTERESTS = ["security", "stability", "territorial_integrity", "sovereignty"]


def random_scenario(rng: random.Random, n_events: int | None = None) -> dict:
    """A valid scenario: armed attacks, requests, decisions, threats and crises."""
    events = []
    n = n_events or rng.randint(1, 4)
    start = dt.date(1990, 1, 1)
    for i in range(n):
        date = start + dt.timedelta(days=rng.randint(0, 35 * 365))
        kind = rng.choices(["armed_attack", "threat", "crisis"], weights=[6, 1, 1])[0]
        eid = f"e{i}"
        if kind == "armed_attack":
            ev = {"id": eid, "kind": kind, "date": date.isoformat(), "place": rng.choice(PLACES)}
            if rng.random() < 0.2:
                ev["non_state_attacker"] = {"name": "armed group"}
                r = rng.random()
                if r < 0.4:
                    ev["non_state_attacker"]["directed_from"] = rng.choice(STATES)
                elif r < 0.55:
                    ev["non_state_attacker"]["origin"] = rng.choice(["domestic", "foreign_unidentified"])
                elif r < 0.65:
                    ev["non_state_attacker"]["attributed_to"] = rng.choice(STATES)
                if "origin" not in ev["non_state_attacker"] and rng.random() < 0.2:
                    ev["non_state_attacker"]["attributed_to"] = "none"
            else:
                ev["attackers"] = [rng.choice(STATES)]
            if rng.random() < 0.3:
                ev["against"] = [rng.choice(STATES)]
            if rng.random() < 0.5:
                ev["threatens"] = rng.choice([rng.sample(INTERESTS, rng.randint(1, 4)), "all", []])
            if rng.random() < 0.1:
                ev["scale"] = "frontier_incident"
            events.append(ev)
            if rng.random() < 0.4:
                events.append({"id": f"r{i}", "kind": "request_for_assistance", "date": date.isoformat(),
                               "by": rng.choice(STATES), "addressed_to": rng.choice(["CSTO", "NATO"]),
                               "concerning": eid})
            if rng.random() < 0.2:
                events.append({"id": f"d{i}", "kind": "collective_decision", "date": date.isoformat(),
                               "organisation": rng.choice(["CSTO", "NATO"]),
                               "outcome": rng.choice(["act", "decline"]), "concerning": eid})
        elif kind == "threat":
            events.append({"id": eid, "kind": kind, "date": date.isoformat(), "to": [rng.choice(STATES)],
                           "interests": rng.sample(INTERESTS + ["political_independence"], 2)})
        else:
            events.append({"id": eid, "kind": kind, "date": date.isoformat(), "state": rng.choice(STATES),
                           "threatens": rng.sample(INTERESTS, rng.randint(1, 3))})
    return {"name": "generated", "events": events}
