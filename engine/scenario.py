"""Scenarios: dated events plus optional changes to the world, in YAML or JSON.

`Scenario` is the pydantic model users write (documented in the README);
`resolve` checks it against the world (states, territories, event references,
dates) and turns it into sourced facts of the same predicates as the world.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .documents import Document, parse_document, read_document
from .errors import InputError, did_you_mean
from .validation import raise_first
from .world import (Const, ControlModel, Fact, MembershipModel, TerritoryModel, TitleModel,
                    World, day, known_state, membership_fact, territory_facts)

EventId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Interest = Literal["security", "stability", "territorial_integrity", "sovereignty"]
ORGANISATIONS = {"csto": "cst", "cst": "cst", "nato": "nato"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NonStateAttacker(_Strict):
    name: str = Field(min_length=1, max_length=200)
    attributed_to: Optional[str] = None
    directed_from: Optional[str] = None


class ArmedAttack(_Strict):
    """A use of armed force at a place, by states or by a non-state actor."""
    kind: Literal["armed_attack"]
    id: Optional[EventId] = None
    date: dt.date
    attackers: list[str] = []
    non_state_attacker: Optional[NonStateAttacker] = None
    place: str
    forces_of: Optional[str] = None
    forces_kind: Optional[Literal["land", "naval", "air"]] = None
    against: list[str] = []
    threatens: list[Interest] = []
    scale: Literal["armed_attack", "frontier_incident"] = "armed_attack"
    description: Optional[str] = None
    source: Optional[str] = None


class RequestForAssistance(_Strict):
    """A request for assistance, to an organisation (CSTO, NATO) or to a state."""
    kind: Literal["request_for_assistance"]
    id: Optional[EventId] = None
    date: dt.date
    by: str
    addressed_to: str
    concerning: Optional[EventId] = None
    description: Optional[str] = None
    source: Optional[str] = None


class CollectiveDecision(_Strict):
    """What the organisation's body (CSTO Collective Security Council, North
    Atlantic Council) decided: an input, never assumed."""
    kind: Literal["collective_decision"]
    id: Optional[EventId] = None
    date: dt.date
    organisation: str
    outcome: Literal["act", "decline"]
    body: Optional[str] = None
    concerning: Optional[EventId] = None
    description: Optional[str] = None
    source: Optional[str] = None


Event = Annotated[Union[ArmedAttack, RequestForAssistance, CollectiveDecision],
                  Field(discriminator="kind")]


class ScenarioMembership(MembershipModel):
    source: Optional[str] = None


class ScenarioTitle(TitleModel):
    source: Optional[str] = None


class ScenarioControl(ControlModel):
    source: Optional[str] = None


class ScenarioTerritory(TerritoryModel):
    area_source: Optional[str] = None
    sovereignty: list[ScenarioTitle] = []
    control: list[ScenarioControl] = []
    claims: list[ScenarioTitle] = []


class WorldAdditions(_Strict):
    memberships: list[ScenarioMembership] = []
    territories: list[ScenarioTerritory] = []


class WorldChanges(_Strict):
    """Hypothetical changes to the built-in world, for this scenario only."""
    add: WorldAdditions = WorldAdditions()
    retract: list[str] = []


class Scenario(_Strict):
    name: str = Field(min_length=1, max_length=300)
    description: Optional[str] = None
    as_of: Optional[dt.date] = None
    events: list[Event] = Field(min_length=1)
    world: WorldChanges = WorldChanges()
    source: Optional[str] = None


@dataclass
class ResolvedScenario:
    """A scenario checked against the world, as facts ready for grounding."""
    name: str
    file: Optional[str]
    as_of: dt.date
    digest: str
    facts: list[Fact] = field(default_factory=list)     # events and world additions
    retracted: list[str] = field(default_factory=list)  # world fact ids removed
    events: list[dict] = field(default_factory=list)    # summaries for the verdict
    attack_context: dict[str, dict] = field(default_factory=dict)  # words for explanations


def load_scenario(path: Path | str) -> tuple[Scenario, Document]:
    """Read and validate a scenario file (YAML or JSON)."""
    doc = read_document(path)
    return validate_scenario(doc), doc


def parse_scenario(text: str | bytes, name: str = "<scenario>") -> tuple[Scenario, Document]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc = parse_document(raw, name)
    return validate_scenario(doc), doc


def validate_scenario(doc: Document) -> Scenario:
    if not isinstance(doc.data, dict):
        raise InputError(doc.name, "is not a mapping", line=1,
                         expected="a scenario with 'name' and 'events' (see README)")
    try:
        return Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise_first(exc, doc)


def resolve(scenario: Scenario, world: World, doc: Optional[Document] = None) -> ResolvedScenario:
    """Check the scenario against the world and express it as facts."""
    name = doc.name if doc else "<scenario>"

    def fail(message: str, path: tuple, **kw) -> InputError:
        from .validation import field_path
        return InputError(name, message, field=field_path(path),
                          line=doc.line_of(path) if doc else None, **kw)

    def state(code: str, path: tuple) -> str:
        try:
            return known_state(code, world, name, "")
        except InputError as exc:
            raise fail(exc.detail, path, expected=exc.expected, hint=exc.hint) from None

    def territory(place: str, path: tuple) -> str:
        if place.upper() in world.state_names and len(place) == 3:
            return place.lower()                  # a state code: its home territory
        if place in known_territories:
            return place
        raise fail(f"unknown place '{place}'", path,
                   expected="a territory id (see facts/territories.yaml) or a state code",
                   hint=did_you_mean(place, list(known_territories) + list(world.state_names)))

    known_territories = {k for k in world.territory_names if k.upper() not in world.state_names}
    for t in scenario.world.add.territories:
        known_territories.add(t.id)

    ids = [ev.id or f"event-{i + 1}" for i, ev in enumerate(scenario.events)]
    seen: dict[str, int] = {}
    for i, eid in enumerate(ids):
        if eid in seen:
            raise fail(f"the event id '{eid}' is used twice", ("events", i, "id"),
                       expected="a unique id per event")
        seen[eid] = i
    attacks = {ids[i] for i, ev in enumerate(scenario.events) if isinstance(ev, ArmedAttack)}
    last = max(ev.date for ev in scenario.events)
    as_of = scenario.as_of or last
    resolved = ResolvedScenario(scenario.name, doc.name if doc else None, as_of, _digest(scenario))
    facts = resolved.facts

    for i, ev in enumerate(scenario.events):
        eid, at = ids[i], ("events", i)
        if ev.date > as_of:
            raise fail(f"the event is dated {ev.date}, after the assessment date {as_of}",
                       at + ("date",), expected="events on or before 'as_of'")
        atoms: list[tuple] = []
        if isinstance(ev, ArmedAttack):
            place = territory(ev.place, at + ("place",))
            atoms.append(("armed_attack", eid, day(ev.date), Const(place)))
            if bool(ev.attackers) == bool(ev.non_state_attacker):
                raise fail("names no attacker" if not ev.attackers else "names both states and a non-state attacker",
                           at, expected="either 'attackers' (a list of state codes) or 'non_state_attacker'")
            for j, a in enumerate(ev.attackers):
                atoms.append(("attacker", eid, Const(state(a, at + ("attackers", j)))))
            if ev.non_state_attacker:
                ns, p = ev.non_state_attacker, at + ("non_state_attacker",)
                atoms.append(("non_state_attacker", eid, ns.name))
                if ns.attributed_to:
                    atoms.append(("attributed_to", eid, Const(state(ns.attributed_to, p + ("attributed_to",)))))
                if ns.directed_from:
                    atoms.append(("directed_from", eid, Const(state(ns.directed_from, p + ("directed_from",)))))
            if ev.forces_of:
                atoms.append(("forces_of", eid, Const(state(ev.forces_of, at + ("forces_of",)))))
            if ev.forces_kind:
                if not ev.forces_of:
                    raise fail("gives 'forces_kind' without 'forces_of'", at + ("forces_kind",),
                               expected="'forces_of: <state>' naming whose forces were hit")
                atoms.append(("forces_kind", eid, Const(ev.forces_kind)))
            if ev.scale == "frontier_incident":
                atoms.append(("frontier_incident", eid))
            for j, v in enumerate(ev.against):
                atoms.append(("against", eid, Const(state(v, at + ("against", j)))))
            for interest in sorted(set(ev.threatens)):
                atoms.append(("threatens", eid, Const(interest)))
            if ev.attackers:
                who = ", ".join(f"{world.state_name(a)} ({a.upper()})" for a in ev.attackers)
            else:
                ns = ev.non_state_attacker
                who = f"{ns.name} (a non-state actor"
                if ns.attributed_to:
                    who += f" sent by or on behalf of {world.state_name(ns.attributed_to)}"
                if ns.directed_from:
                    who += f", directed from {world.state_name(ns.directed_from)}"
                who += ")"
            kind = f"{ev.forces_kind} " if ev.forces_kind else ""
            target = f"{kind}forces of {ev.forces_of.upper()} at " if ev.forces_of else ""
            summary = f"Armed attack by {who} on {target}{world.place_name(place)}"
            if ev.scale == "frontier_incident":
                summary += " (described as a frontier incident)"
            resolved.attack_context[eid] = {
                "attacker": who, "place": world.place_name(place), "date": ev.date.isoformat(),
                "day": day(ev.date)}
        elif isinstance(ev, RequestForAssistance):
            by = state(ev.by, at + ("by",))
            org = ORGANISATIONS.get(ev.addressed_to.lower())
            addressee = org or state(ev.addressed_to, at + ("addressed_to",)).lower()
            atoms.append(("request", eid, day(ev.date), Const(by), Const(addressee)))
            if ev.concerning:
                _check_ref(ev.concerning, attacks, fail, at + ("concerning",))
                atoms.append(("request_concerns", eid, ev.concerning))
            summary = f"Request for assistance by {by} to {ev.addressed_to}"
        else:
            org = ORGANISATIONS.get(ev.organisation.lower())
            if org is None:
                raise fail(f"unknown organisation '{ev.organisation}'", at + ("organisation",),
                           expected="CSTO or NATO")
            atoms.append(("collective_decision", eid, day(ev.date), Const(org), Const(ev.outcome)))
            if ev.concerning:
                _check_ref(ev.concerning, attacks, fail, at + ("concerning",))
                atoms.append(("decision_concerns", eid, ev.concerning))
            body = ev.body or {"cst": "Collective Security Council", "nato": "North Atlantic Council"}[org]
            summary = f"{body} decided: {ev.outcome}"
        text = summary + (f" ({ev.description})" if ev.description else "")
        facts.append(Fact(eid, "event", f"{ev.date}: {text}.", (), ev.source, atoms=tuple(atoms)))
        resolved.events.append({"id": eid, "kind": ev.kind, "date": ev.date.isoformat(),
                                "summary": text, "source": ev.source})

    # hypothetical changes to the world
    for i, m in enumerate(scenario.world.add.memberships):
        where = ("world", "add", "memberships", i)
        facts.append(_scenario_fact(lambda: membership_fact(
            m, world, name, _dotted(where), (), m.source or "scenario (hypothetical)", "scenario:"),
            fail, where))
    for i, t in enumerate(scenario.world.add.territories):
        where = ("world", "add", "territories", i)
        made = _scenario_fact(lambda: territory_facts(
            t, world, name, _dotted(where), lambda v, w: (), "scenario:", t.area_source or "scenario (hypothetical)"),
            fail, where)
        facts.extend(made)
    for i, fid in enumerate(scenario.world.retract):
        if fid not in world.facts:
            raise fail(f"there is no world fact '{fid}' to retract", ("world", "retract", i),
                       expected="a fact id as shown by 'foedus world'",
                       hint=did_you_mean(fid, world.facts))
        resolved.retracted.append(fid)
    return resolved


def _scenario_fact(make, fail, where):
    """Run a world-record builder on a scenario record, re-raising its errors
    with the scenario's own file, line and field path."""
    try:
        return make()
    except InputError as exc:
        path = where + tuple(exc.field.split(".")[-1:]) if exc.field else where
        raise fail(exc.detail, path, expected=exc.expected, hint=exc.hint) from None


def _check_ref(ref: str, attacks: set[str], fail, path: tuple) -> None:
    if ref not in attacks:
        raise fail(f"'{ref}' is not the id of an armed attack in this scenario", path,
                   expected="the id of an armed_attack event", hint=did_you_mean(ref, attacks))


def _dotted(path: tuple) -> str:
    from .validation import field_path
    return field_path(path)


def _digest(scenario: Scenario) -> str:
    """A digest of the scenario's content, independent of key order, layout and
    the order in which events are listed."""
    data = scenario.model_dump(mode="json", by_alias=True)
    data["events"] = sorted(data["events"], key=lambda e: json.dumps(e, sort_keys=True))
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
