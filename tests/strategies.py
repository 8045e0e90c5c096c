"""Scenario generators shared by the property tests and the long fuzz run."""
from __future__ import annotations

import datetime as dt
import random

STATES = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "GEO", "UKR", "USA", "TUR", "FIN", "POL",
          "EST", "DEU", "FRA", "ESP", "GRC", "AFG", "SYR", "CHN", "IRN"]
PLACES = STATES + ["nagorno_karabakh", "crimea", "hawaii", "ceuta", "canary_islands", "mediterranean_sea",
                   "south_ossetia", "kursk_oblast", "armenia_border_areas_2021", "algerian_departments"]
INTERESTS = ["security", "stability", "territorial_integrity", "sovereignty"]


def random_scenario(rng: random.Random, n_events: int | None = None) -> dict:
    """A valid scenario: armed attacks, requests, decisions, threats and crises."""
    events = []
    n = n_events or rng.randint(1, 4)
    start = dt.date(1992, 1, 1)   # every State of STATES exists from 1991-12-26
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


def membership_scenario(rng: random.Random) -> dict:
    """A valid scenario with acts of membership (notices of withdrawal, freezes, the Council's
    decisions, deposits of accession) beside attacks on the states concerned: the rules derive
    when each takes effect, so briefs and full verdicts must agree on every day around it."""
    members = {"cst": ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"], "nato": ["NOR", "POL", "TUR", "FIN", "USA", "EST"]}
    events = []
    for i in range(rng.randint(1, 3)):
        treaty = rng.choice(["cst", "nato"])
        state = rng.choice(members[treaty])
        year, month = rng.randint(1995, 2030), rng.randint(1, 12)
        day = rng.choice([1, 15, 28, 29, 30, 31])   # month ends: the periods' hard cases
        while True:
            try:
                date = dt.date(year, month, day)
                break
            except ValueError:
                day -= 1
        kind = rng.choice(["withdrawal_notice", "withdrawal_notice", "participation_freeze", "membership_decision",
                           "accession"]) if treaty == "cst" or rng.random() < 0.7 else "accession"
        if treaty == "nato" and kind in ("participation_freeze", "membership_decision"):
            kind = "withdrawal_notice"
        ev = {"id": f"m{i}", "kind": kind, "date": date.isoformat()}
        if kind == "withdrawal_notice":
            ev.update(by=state, treaty=treaty)
            if rng.random() < 0.3:
                ev["takes_effect"] = (date + dt.timedelta(days=rng.randint(30, 500))).isoformat()
        elif kind == "participation_freeze":
            ev.update(by=state, organisation="CSTO")
        elif kind == "membership_decision":
            ev.update(organisation="CSTO", state=state, decided=rng.choice(["suspension", "exclusion"]))
            if rng.random() < 0.5:
                ev["ground"] = rng.choice(["non_compliance", "own_request"])
        else:
            ev.update(by=rng.choice(["FIN", "SWE", "UKR", "GEO"]), treaty="nato")
        events.append(ev)
        for j, months in enumerate(rng.sample([0, 5, 6, 7, 11, 12, 13], 2)):
            when = date + dt.timedelta(days=30 * months + rng.randint(-2, 2))
            events.append({"id": f"a{i}_{j}", "kind": "armed_attack", "date": when.isoformat(),
                           "attackers": [rng.choice(["AZE", "RUS", "CHN", "AFG"])], "place": state,
                           "threatens": "all"})
    return {"name": "generated membership acts", "events": events}


# --- The fuzzer's generators (bench/fuzz.py; its short form in tests/test_fuzz.py) ----------

MEASURES = ["collective_action", "armed_forces", "military_aid", "non_military_aid", "monitoring_mission",
            "consultations", "statement"]
CSTO_ORGANS = ["collective_security_council", "committee_of_secretaries_of_security_councils", "permanent_council"]
EVENT_KINDS = ["armed_attack", "request_for_assistance", "collective_decision", "threat", "crisis",
               "base_consultation", "base_objection", "joint_exercise"]
TEXTS = ["desc", "x\"). #show.", "ünïcödé", "a\nb", "p(X) :- q(X).", "%* comment", "名前"]


def edge_date(rng: random.Random, lo: int = 1946, hi: int = 2025) -> dt.date:
    """A date, now and then at the edges of the range foedus represents."""
    r = rng.random()
    if r < 0.03:
        return rng.choice([dt.date(1800, 1, 1), dt.date(9999, 12, 29), dt.date(1991, 12, 26), dt.date(2000, 2, 29)])
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def any_scenario(rng: random.Random, world) -> dict:
    """A valid scenario over every event kind, world additions and
    retractions, pinned readings and edge dates. `world`: what the engine
    knows (states, territories, bases, facts, readings), see World.of."""
    events, attacks = [], []
    for i in range(rng.randint(1, 6)):
        date = edge_date(rng)
        kind = rng.choices(EVENT_KINDS, [8, 3, 2, 1, 1, 1, 1, 1])[0]
        ev = {"id": rng.choice([f"e{i}", f"E-{i}.x", f"{i}a_b"]), "kind": kind, "date": date.isoformat()}
        if rng.random() < 0.3:
            ev["description"] = rng.choice(TEXTS)
        if rng.random() < 0.3:
            ev["source"] = rng.choice(TEXTS)
        if kind in ("request_for_assistance", "collective_decision") and attacks and rng.random() < 0.7:
            about, when = rng.choice(attacks)
            date = max(date, when)
            ev.update(date=date.isoformat(), concerning=about)
        states = world.states_on(date)   # the States that exist on the event's (final) date
        if kind == "armed_attack":
            ev["place"] = rng.choice(states + world.territories)
            if rng.random() < 0.2:
                group = {"name": rng.choice(["g", "al-Qaeda", "x). #show"])}
                r = rng.random()
                if r < 0.4:
                    group["directed_from"] = rng.choice(states)
                elif r < 0.55:
                    group["origin"] = rng.choice(["domestic", "foreign_unidentified"])
                if "origin" not in group and rng.random() < 0.3:
                    group["attributed_to"] = rng.choice(states + ["none"])
                ev["non_state_attacker"] = group
            else:
                ev["attackers"] = rng.sample(states, rng.randint(1, 3))
            if rng.random() < 0.3:
                ev["against"] = rng.sample(states, rng.randint(1, 2))
            if rng.random() < 0.2:
                ev["forces_of"] = rng.choice(states)
                if rng.random() < 0.5:
                    ev["forces_kind"] = rng.choice(["land", "naval", "air"])
            if rng.random() < 0.5:
                ev["threatens"] = rng.choice([rng.sample(INTERESTS, rng.randint(1, 4)), "all", []])
            if rng.random() < 0.1:
                ev["scale"] = "frontier_incident"
            attacks.append((ev["id"], date))
        elif kind == "request_for_assistance":
            ev.update(by=rng.choice(states),
                      addressed_to=rng.choice(["CSTO", "NATO", "csto", rng.choice(states)]))
            if rng.random() < 0.2:
                ev["invokes"] = rng.sample(world.provisions, 1)
            if rng.random() < 0.1:
                ev["authority"] = "ousted_government"
        elif kind == "collective_decision":
            org = rng.choice(["CSTO", "NATO"])
            ev.update(organisation=org)
            if rng.random() < 0.3:
                ev["outcome"] = rng.choice(["act", "decline"])   # schema 2.2's shorthand
            else:
                measures = rng.sample(MEASURES, 2)
                ev["decided" if rng.random() < 0.5 else "declined"] = measures[:1]
                if rng.random() < 0.5:
                    ev["declined" if "decided" in ev else "decided"] = measures[1:]
                if org == "CSTO" and rng.random() < 0.5:
                    ev["organ"] = rng.choice(CSTO_ORGANS)
            if rng.random() < 0.3:
                ev["objections"] = rng.sample(states, 1)
            if rng.random() < 0.3:
                ev["non_objections"] = rng.sample(states, 1)
        elif kind == "threat":
            ev.update(to=rng.sample(states, rng.randint(1, 2)),
                      interests=rng.sample(INTERESTS + ["political_independence"], 2))
            if rng.random() < 0.5:
                ev["asserted_by"] = rng.sample(states, 1)
        elif kind == "crisis":
            ev.update(state=rng.choice(states), threatens=rng.sample(INTERESTS, rng.randint(1, 3)),
                      internal=rng.random() < 0.7)
            attacks.append((ev["id"], date))
        elif kind == "base_consultation":
            ev.update(host=rng.choice(states), base=rng.choice(world.bases))
        elif kind == "base_objection":
            ev.update(by=rng.choice(states), base=rng.choice(world.bases))
        else:
            ev.update(state=rng.choice(states), **{"with": rng.choice(["NATO", "CSTO"])})
            if rng.random() < 0.3:
                ev["directed_against"] = rng.sample(states, 1)
        events.append(ev)
    scenario = {"name": rng.choice(["gen", "名前", "x\"). #show."]), "events": events}
    if rng.random() < 0.3:
        scenario["as_of"] = max(dt.date.fromisoformat(e["date"]) for e in events).isoformat()
    add: dict = {}
    if rng.random() < 0.2:
        add["memberships"] = [{"state": s, "treaty": t, "status": rng.choice(["party", "signatory", "suspended"]),
                               "from": edge_date(rng, 1990, 2020).isoformat()}
                              for s, t in rng.sample(world.free_pairs, rng.randint(1, 2))]
    if rng.random() < 0.15:
        add["territories"] = [{"id": "zz_t", "name": "Z", "art6_area": rng.choice(["europe", "outside"]),
                               "kind": rng.choice(["land", "sea"]), "sovereignty": [{"state": rng.choice(world.states)}],
                               "control": [{"controller": rng.choice(["NKR", rng.choice(world.states)])}]}]
        for e in events:
            if e["kind"] == "armed_attack" and rng.random() < 0.5:
                e["place"] = "zz_t"
    if rng.random() < 0.15:
        add["bases"] = [{"id": "zz_b", "name": "B", "deployer": rng.choice(world.states),
                         "host": rng.choice(world.states), "from": edge_date(rng, 1990, 2020).isoformat(),
                         **({"consultations": "none"} if rng.random() < 0.3 else {})}]
    if add:
        scenario["world"] = {"add": add}
    if rng.random() < 0.1:
        scenario.setdefault("world", {})["retract"] = rng.sample(world.facts, rng.randint(1, 3))
    if rng.random() < 0.2:
        name = rng.choice(sorted(world.readings))
        scenario["readings"] = {name: rng.choice(world.readings[name])}
    return scenario


def _first_key(ev: dict, keys: tuple) -> str:
    return next((k for k in keys if k in ev), keys[0])


# Each mutation makes a scenario invalid by construction: foedus must refuse it.
MUTATIONS: dict = {
    "unknown state": lambda s, ev, rng: ev.__setitem__(
        k := _first_key(ev, ("attackers", "to", "by", "state", "host")), ["ZZZ"] if isinstance(ev.get(k), list) else "ZZZ"),
    "impossible date": lambda s, ev, rng: ev.__setitem__("date", rng.choice(["2021-02-29", "2020-04-31", "2020-00-10"])),
    "date not ISO": lambda s, ev, rng: ev.__setitem__("date", rng.choice(["2020-9-1", "01.02.2020", "2020/01/02",
                                                                          "2020-01-01T00:00:00", "yesterday"])),
    "date as a number": lambda s, ev, rng: ev.__setitem__("date", rng.choice([0, 1601164800, 10 ** 30, 2020.5])),
    "date wrong type": lambda s, ev, rng: ev.__setitem__("date", rng.choice([[2020], {"y": 2020}, True, None])),
    "date out of range": lambda s, ev, rng: ev.__setitem__("date", rng.choice(["9999-12-31", "0001-01-01",
                                                                               "1799-12-31", "9999-12-30"])),
    "missing date": lambda s, ev, rng: ev.pop("date"),
    "missing kind": lambda s, ev, rng: ev.pop("kind"),
    "unknown kind": lambda s, ev, rng: ev.__setitem__("kind", rng.choice(["attack", "ArmedAttack", "", None])),
    "extra field": lambda s, ev, rng: ev.__setitem__(rng.choice(["colour", "Date", "attacker"]), 1),
    "id pattern": lambda s, ev, rng: ev.__setitem__("id", rng.choice(["a b", "#x", "-a", "a" * 70, "", "a:b"])),
    "id wrong type": lambda s, ev, rng: ev.__setitem__("id", rng.choice([[1], {"a": 1}, 2.5])),
    "duplicate id": lambda s, ev, rng: s["events"].append({**s["events"][0], "id": s["events"][0].setdefault("id", "dup")}),
    "name too long": lambda s, ev, rng: s.__setitem__("name", "n" * 301),
    "name empty": lambda s, ev, rng: s.__setitem__("name", ""),
    "name missing": lambda s, ev, rng: s.pop("name"),
    "events empty": lambda s, ev, rng: (s.__setitem__("events", []), s.pop("world", None)),
    "events not a list": lambda s, ev, rng: s.__setitem__("events", {"a": ev}),
    "event after as_of": lambda s, ev, rng: s.__setitem__("as_of", (min(
        dt.date.fromisoformat(e["date"]) for e in s["events"]) - dt.timedelta(days=1)).isoformat()),
    "as_of impossible": lambda s, ev, rng: s.__setitem__("as_of", "2019-02-29"),
    "concerning unknown": lambda s, ev, rng: s["events"].append({
        "kind": "request_for_assistance", "date": "2025-01-01", "by": "ARM", "addressed_to": "CSTO", "concerning": "nope"}),
    "request before its attack": lambda s, ev, rng: s["events"].extend([
        {"id": "zA", "kind": "armed_attack", "date": "2020-05-05", "attackers": ["AZE"], "place": "ARM"},
        {"kind": "request_for_assistance", "date": "2020-05-04", "by": "ARM", "addressed_to": "CSTO", "concerning": "zA"}]),
    "unknown place": lambda s, ev, rng: s["events"].append({
        "kind": "armed_attack", "date": "2020-05-05", "attackers": ["AZE"], "place": rng.choice(["atlantis", "A R M", "ARMX"])}),
    "no attacker": lambda s, ev, rng: s["events"].append({"kind": "armed_attack", "date": "2020-05-05", "place": "ARM"}),
    "forces_kind alone": lambda s, ev, rng: s["events"].append({
        "kind": "armed_attack", "date": "2020-05-05", "attackers": ["AZE"], "place": "ARM", "forces_kind": "air"}),
    "unknown reading": lambda s, ev, rng: s.__setitem__("readings", {rng.choice(["gravity", "nope"]): "zzz"}),
    "reading not a mapping": lambda s, ev, rng: s.__setitem__("readings", ["gravity"]),
    "membership inverted": lambda s, ev, rng: s.setdefault("world", {}).setdefault("add", {}).__setitem__(
        "memberships", [{"state": "ARM", "treaty": "nato", "status": "party", "from": "2020-01-01", "until": "2019-01-01"}]),
    "membership overlaps the world": lambda s, ev, rng: (s.setdefault("world", {}).pop("retract", None),
                                                         s["world"].setdefault("add", {}).__setitem__(
        "memberships", [{"state": "ARM", "treaty": "cst", "status": "party", "from": "2000-01-01"}])),
    "membership until the end of time": lambda s, ev, rng: s.setdefault("world", {}).setdefault("add", {}).__setitem__(
        "memberships", [{"state": "ARM", "treaty": "nato", "status": "party", "from": "2019-01-01", "until": "9999-12-31"}]),
    "retract unknown": lambda s, ev, rng: s.setdefault("world", {}).__setitem__("retract", ["membership:ZZZ:cst:2000-01-01"]),
    "unknown base": lambda s, ev, rng: s["events"].append({"kind": "base_objection", "date": "2020-01-01", "by": "RUS",
                                                           "base": "nowhere"}),
    "unknown organisation": lambda s, ev, rng: s["events"].append({"kind": "collective_decision", "date": "2020-01-01",
                                                                   "organisation": "SCO", "outcome": "act"}),
    "unknown organ": lambda s, ev, rng: s["events"].append({"kind": "collective_decision", "date": "2020-01-01",
                                                            "organisation": "CSTO", "organ": "politburo",
                                                            "decided": ["armed_forces"]}),
    "decision deciding nothing": lambda s, ev, rng: s["events"].append({"kind": "collective_decision",
                                                                        "date": "2020-01-01", "organisation": "NATO"}),
    "free-text organ": lambda s, ev, rng: s["events"].append({"kind": "collective_decision", "date": "2020-01-01",
                                                              "organisation": "CSTO", "outcome": "decline",
                                                              "body": "Committee of Secretaries"}),
    "unknown addressee": lambda s, ev, rng: s["events"].append({"kind": "request_for_assistance", "date": "2020-01-01",
                                                                "by": "ARM", "addressed_to": "UN"}),
    "unknown interest": lambda s, ev, rng: s["events"].append({"kind": "crisis", "date": "2020-01-01", "state": "KAZ",
                                                               "threatens": ["economy"]}),
    "unknown provision invoked": lambda s, ev, rng: s["events"].append({
        "kind": "request_for_assistance", "date": "2020-01-01", "by": "ARM", "addressed_to": "CSTO", "invokes": ["cst_art99"]}),
    "text field given a list": lambda s, ev, rng: s.__setitem__("description", [[[]]]),
    "float as state": lambda s, ev, rng: s["events"].append({"kind": "crisis", "date": "2020-01-01", "state": 1.5,
                                                             "threatens": ["security"]}),
    "threatens unknown": lambda s, ev, rng: s["events"].append({"kind": "armed_attack", "date": "2020-01-01",
                                                                "attackers": ["AZE"], "place": "ARM", "threatens": "most"}),
}


def mutate(scenario: dict, rng: random.Random) -> tuple[str, dict]:
    """(the mutation's name, an invalid copy of the scenario)."""
    import copy
    out = copy.deepcopy(scenario)
    name = rng.choice(sorted(MUTATIONS))
    MUTATIONS[name](out, rng.choice(out["events"]) if out["events"] else {}, rng)
    return name, out
