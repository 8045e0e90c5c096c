"""Sweeps: who was covered by whom, and when.

Time is a line of change points — accessions, withdrawals, suspensions, and
the entry into force of each version of the provisions swept. Between two
change points nothing the rules read changes, so each interval is assessed
once (on its first day), never day by day.

Each cell of the grid is a standard scenario: an armed attack by the attacker
on the victim's own territory, threatening all four interests, with the
victim's request to the organisation — so that "triggered" means the treaty
would answer such an attack in that period.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

from .batch import Item, assess_many
from .world import OPEN_END, iso

if TYPE_CHECKING:
    from .api import Engine

TREATY_OF = {"cst_art4": "cst", "nato_art5": "nato", "un_art51": "un_charter"}
ORG = {"cst": "CSTO", "nato": "NATO"}


@dataclass
class Row:
    victim: str
    attacker: str
    provision: str
    start: str
    end: Optional[str]
    status: str
    version: Optional[str]


def change_points(engine: "Engine", victims: list[str], provisions: list[str],
                  start: dt.date, end: dt.date) -> list[dt.date]:
    points = {start}
    for (p, _), v in engine.catalogue.versions.items():
        if (p in provisions or p == "nato_art6") and v["from"]:
            points.add(dt.date.fromisoformat(v["from"]))
    codes = {v.upper() for v in victims}
    for fact in engine.kb.world.facts.values():
        if fact.kind == "membership" and fact.atoms and str(fact.atoms[0][2]).upper() in codes:
            begin, until = fact.atoms[0][5], fact.atoms[0][6]
            points.add(dt.date.fromisoformat(iso(begin)))
            if until != OPEN_END:
                points.add(dt.date.fromisoformat(iso(until)))
            for atom in fact.atoms[1:]:   # where the start was not located: the day it is proven
                if atom[0] == "membership_start_unlocated":
                    points.add(dt.date.fromisoformat(iso(atom[2])))
    return sorted(p for p in points if start <= p <= end)


def sweep(engine: "Engine", victims: list[str], attackers: list[str], start: dt.date, end: dt.date,
          provisions: list[str], jobs: int = 1, progress: Optional[Callable[[int], None]] = None) -> dict:
    points = change_points(engine, victims, provisions, start, end)
    spans = list(zip(points, points[1:] + [None]))
    items, keys = [], []
    for victim in victims:
        for attacker in attackers:
            if attacker.upper() == victim.upper():
                continue
            for begin, finish in spans:
                events = [{"id": "attack", "kind": "armed_attack", "date": begin.isoformat(),
                           "attackers": [attacker.upper()], "place": victim.upper(),
                           "threatens": ["security", "stability", "territorial_integrity", "sovereignty"]}]
                for org in sorted({TREATY_OF[p] for p in provisions} & set(ORG)):
                    events.append({"id": f"request-{org}", "kind": "request_for_assistance",
                                   "date": begin.isoformat(), "by": victim.upper(), "addressed_to": ORG[org],
                                   "concerning": "attack"})
                items.append(Item(f"{victim}/{attacker}/{begin}", data={"name": "sweep", "events": events}))
                keys.append((victim.upper(), attacker.upper(), begin, finish))
    rows: list[Row] = []
    # only outcomes are tabulated: brief verdicts, grounded a chunk of cells at a time
    for n, ((label, payload, error), key) in enumerate(zip(assess_many(items, jobs=jobs, engine=engine,
                                                                      brief=True), keys), 1):
        if progress:
            progress(n)
        if error:
            raise ValueError(error)
        verdict = json.loads(payload)
        victim, attacker, begin, finish = key
        for a in verdict["assessments"]:
            if a["provision"] in provisions and a["state"] == victim and a["about"] == "attack":
                rows.append(Row(victim, attacker, a["provision"], begin.isoformat(),
                                (finish - dt.timedelta(days=1)).isoformat() if finish else end.isoformat(),
                                a["status"], a["version"]))
    days = (end - start).days + 1
    return {"rows": rows, "intervals": len(spans), "days": days, "cells": len(items)}


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["victim", "attacker", "provision", "from", "until", "status", "version"])
    for r in rows:
        writer.writerow([r.victim, r.attacker, r.provision, r.start, r.end, r.status, r.version or ""])
    return out.getvalue()


def to_jsonl(rows: list[Row]) -> str:
    return "".join(json.dumps(r.__dict__, sort_keys=True) + "\n" for r in rows)


def plot(rows: list[Row], path: str, title: str) -> None:
    """Coverage over time: per victim, the periods in which an attack on it
    triggered each provision (for at least one of the attackers swept)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    victims = sorted({r.victim for r in rows})
    provisions = sorted({r.provision for r in rows})
    colours = {"cst_art4": "#b2182b", "nato_art5": "#2166ac", "un_art51": "#4d9221"}
    fig, ax = plt.subplots(figsize=(11, 0.55 * len(victims) * len(provisions) + 1.5))
    labels, y = [], 0
    for victim in victims:
        for p in provisions:
            for status, style in (("triggered", {"alpha": 1.0}),
                                  ("contested", {"alpha": 0.35, "hatch": "///"}),
                                  ("undetermined", {"alpha": 0.15, "hatch": "..."})):
                spans = {(r.start, r.end) for r in rows if r.victim == victim and r.provision == p
                         and r.status == status}
                for begin, end in sorted(spans):
                    b, e = mdates.datestr2num(begin), mdates.datestr2num(end) + 1
                    ax.barh(y, e - b, left=b, height=0.7, color=colours.get(p, "grey"), **style)
            labels.append(f"{victim} — {p}")
            y += 1
    ax.set_yticks(range(len(labels)), labels)
    ax.xaxis_date()
    ax.invert_yaxis()
    ax.set_title(title + "\n(solid: triggered; hatched: contested between readings; dotted: undetermined, "
                         "a fact left open)")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None} if path.endswith(".png") else None)
    plt.close(fig)
