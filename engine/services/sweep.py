"""Sweeps: who was covered by whom, and when.

Time is a line of change points: every day on which something the rules read
can change — each date in the world's facts (memberships and statuses of any
State, titles, control and claims, bases, arrears, instruments and their
entry-into-force windows, the versions of the provisions) and each date the
rules themselves compare with (a reading's standing since a day), with the
day after it. Between two change points nothing the rules read changes, so
each interval is assessed once (on its first day), never day by day; a
property test samples the first, last and an inner day of every cell against
`foedus check`. Adjacent intervals with the same outcome are merged.

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
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

from .batch import Item, assess_many
from ..world.builtin import iso

if TYPE_CHECKING:
    from ..core.assess import Core

TREATY_OF = {"cst_art4": "cst", "nato_art5": "nato", "un_art51": "un_charter"}
SWEEPABLE = tuple(TREATY_OF)
FIRST_SWEPT = dt.date(1991, 12, 26)   # a sweep's first day unless asked: the USSR's end, the successor States' first   # the provisions a sweep's standard attack can engage
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


def change_points(engine: "Core", start: dt.date, end: dt.date) -> list[dt.date]:
    """start, and every day within [start, end] on which something the rules
    read can change (see the module's note)."""
    days: set[int] = set()
    for fact in engine.kb.world.facts.values():
        for atom in fact.atoms:
            days.update(v for v in atom[1:] if isinstance(v, int) and not isinstance(v, bool))
    days.update(int(n) for n in _DAY_LITERAL.findall(engine.kb.decision_text))
    points = {start}
    for n in days:
        try:
            day = dt.date.fromisoformat(iso(n))
        except ValueError:   # not a day: a count, a digit of a text
            continue
        if not start - _DAY <= day <= end:   # outside the sweep (the open end, 9999-12-31, among them)
            continue
        for point in (day, day + _DAY):   # a rule may compare with '>' as well as '>='
            if start < point <= end:
                points.add(point)
    return sorted(points)


_DAY = dt.timedelta(days=1)
# a day in the rules' own text, as the world writes it (YYYYMMDD)
_DAY_LITERAL = re.compile(r"(?<![\w.])((?:1[89]|[2-9]\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?![\w.])")


def sweep(engine: "Core", victims: list[str], attackers: list[str], start: dt.date, end: dt.date,
          provisions: list[str], jobs: int = 1, progress: Optional[Callable[[int], None]] = None) -> dict:
    points = change_points(engine, start, end)
    spans = list(zip(points, points[1:] + [None]))
    items, keys = [], []
    for victim in victims:
        for attacker in attackers:
            if attacker.upper() == victim.upper():
                continue
            for begin, finish in spans:
                if not all(engine.kb.world.states[code.upper()].exists_on(begin) for code in (victim, attacker)
                           if code.upper() in engine.kb.world.states):
                    continue   # not a State in this interval: no cell (statehood dates are change points)
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
    return {"rows": merged(rows), "intervals": len(spans), "days": days, "cells": len(items)}


def merged(rows: list[Row]) -> list[Row]:
    """Adjacent intervals of one victim, attacker and provision with the same status and version, as one."""
    out: list[Row] = []
    last: dict[tuple, Row] = {}
    for r in rows:
        key = (r.victim, r.attacker, r.provision)
        prev = last.get(key)
        if prev is not None and (prev.status, prev.version) == (r.status, r.version) and \
                dt.date.fromisoformat(prev.end) + dt.timedelta(days=1) == dt.date.fromisoformat(r.start):
            prev.end = r.end
            continue
        last[key] = r
        out.append(r)
    return out


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
    """Coverage over time: per victim and provision, the periods in which the standard attack
    triggered it (solid), was contested between readings (hatched) or undetermined (dotted), did
    not trigger it (grey), or in which the provision did not apply (no bar) — with a legend."""
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"   # text stays text in SVG: searchable, readable aloud
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    victims = sorted({r.victim for r in rows})
    provisions = sorted({r.provision for r in rows})
    colours = {"cst_art4": "#b2182b", "nato_art5": "#2166ac", "un_art51": "#4d9221"}
    styles = (("triggered", {"alpha": 1.0}), ("contested", {"alpha": 0.35, "hatch": "///"}),
              ("undetermined", {"alpha": 0.15, "hatch": "..."}), ("not_triggered", {"alpha": 1.0}))
    fig, ax = plt.subplots(figsize=(11, 0.55 * len(victims) * len(provisions) + 2.2))
    labels, y = [], 0
    for victim in victims:
        for p in provisions:
            for status, style in styles:
                spans = {(r.start, r.end) for r in rows if r.victim == victim and r.provision == p
                         and r.status == status}
                colour = "#d9d9d9" if status == "not_triggered" else colours.get(p, "grey")
                for begin, end in sorted(spans):
                    b, e = mdates.datestr2num(begin), mdates.datestr2num(end) + 1
                    ax.barh(y, e - b, left=b, height=0.7, color=colour, **style)
            labels.append(f"{victim} — {p}")
            y += 1
    ax.set_yticks(range(len(labels)), labels)
    ax.xaxis_date()
    ax.invert_yaxis()
    ax.set_title(title)
    ax.legend(handles=[Patch(color="#555555", label="triggered (in the provision's colour)"),
                       Patch(facecolor="#555555", alpha=0.35, hatch="///", label="contested between readings"),
                       Patch(facecolor="#555555", alpha=0.15, hatch="...", label="undetermined: a fact left open"),
                       Patch(color="#d9d9d9", label="not triggered: the provision applied, a condition failed"),
                       Patch(facecolor="white", edgecolor="#999999",
                             label="no bar: not applicable (the treaty did not bind the victim)")],
              loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize="small", frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None} if path.endswith(".png") else None, bbox_inches="tight")
    plt.close(fig)
