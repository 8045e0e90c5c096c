"""Scenarios: dated events plus optional changes to the world, in YAML or JSON.

`Scenario` is the pydantic model users write (documented in the README);
`resolve` checks it against the world (states, territories, event references,
dates) and turns it into sourced facts of the same predicates as the world.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..base.documents import Document, parse_document, read_document
from ..base.errors import InputError, did_you_mean
from ..base.validation import raise_first
from .verdict import Measure, measure_words
from ..world.builtin import (
    BaseModel_,
    Const,
    Day,
    ControlModel,
    Fact,
    MembershipModel,
    OrganisationKind,
    OrganisationModel,
    StateModel,
    TerritoryModel,
    TitleModel,
    WindowModel,
    World,
    base_fact,
    day,
    find_places,
    iso,
    known_state,
    membership_fact,
    organisation_fact,
    state_facts,
    state_record,
    territory_facts,
)

EventId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Interest = Literal["security", "stability", "territorial_integrity", "sovereignty"]
INTERESTS = ("security", "stability", "territorial_integrity", "sovereignty")
ORGANISATIONS = {"csto": "cst", "cst": "cst", "nato": "nato"}
ORGANISATION_LABELS = {"cst": "CSTO", "nato": "NATO"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NonStateAttacker(_Strict):
    name: str = Field(min_length=1, max_length=200)
    attributed_to: Optional[str] = Field(
        None, description="The State that sent the attackers or acted on their behalf; 'none': no State did "
                          "(absent: the scenario does not say).")
    directed_from: Optional[str] = Field(None, description="The State from whose territory the attack was directed.")
    origin: Optional[Literal["domestic", "foreign_unidentified"]] = Field(
        None, description="domestic: the violence arose inside the State attacked; foreign_unidentified: it came "
                          "from abroad, no State named (absent, with no directed_from: the origin is not stated).")


class _Event(_Strict):
    """What every event has: an id (to refer to it), a date, and free text."""
    id: Optional[EventId] = None
    date: Day
    description: Optional[str] = None
    source: Optional[str] = None


class ArmedAttack(_Event):
    """A use of armed force at a place, by states or by a non-state actor."""
    kind: Literal["armed_attack"]
    attackers: list[str] = []
    non_state_attacker: Optional[NonStateAttacker] = None
    place: str
    forces_of: Optional[str] = None
    forces_kind: Optional[Literal["land", "naval", "air"]] = None
    against: list[str] = []
    threatens: Optional[Union[Literal["all"], list[Interest]]] = Field(
        None, description="What the attack threatened: a list (the complete answer; [] for none), 'all' for the "
                          "four interests; absent: not stated (CST Art. 4's gravity is then undetermined).")
    scale: Literal["armed_attack", "frontier_incident"] = "armed_attack"
    justified_as: Optional[Literal["self_defence", "collective_self_defence", "consent", "security_council",
                                   "none"]] = Field(
        None, description="The scenario's assessment of the attackers' force: justified as self-defence, individual "
                          "or collective (UN Charter Art. 51), by the consent of the State on whose territory it was "
                          "used, or by a Security Council authorisation; none: not justified; absent: not stated.")

    @field_validator("threatens", mode="before")
    @classmethod
    def _interests(cls, value):
        """One clear message for a wrong value, instead of one per branch of the union."""
        if value is None or value == "all":
            return value
        if not isinstance(value, list):
            raise ValueError(f"expected a list of {', '.join(INTERESTS)}; [] for none; or all (got {value!r})")
        for item in value:
            if item not in INTERESTS:
                hint = did_you_mean(str(item), INTERESTS)
                raise ValueError(f"unknown interest {item!r}; expected some of {', '.join(INTERESTS)} "
                                 "(or threatens: all; [] for none)" + (f"; {hint}" if hint else ""))
        return value


class RequestForAssistance(_Event):
    """A request for assistance, to an organisation (CSTO, NATO) or to a state."""
    kind: Literal["request_for_assistance"]
    by: str
    addressed_to: str
    concerning: Optional[EventId] = None
    invokes: list[str] = Field(default_factory=list,
                               description="Provision ids the request invokes (default: any).")
    authority: Literal["government", "ousted_government"] = Field(
        "government", description="Who asked: the government in office, or an ousted one that no longer "
                                  "speaks for the state (its request is recorded but does not count).")


class CollectiveDecision(_Event):
    """What an organ of the organisation (by default its highest: the CSTO
    Collective Security Council, the North Atlantic Council) decided and
    declined: an input, never assumed."""
    kind: Literal["collective_decision"]
    organisation: str
    organ: Optional[str] = Field(None, description="The organ that decided (facts/organisations.yaml lists them); "
                                                   "default: the organisation's highest.")
    decided: list[Measure] = Field([], description="The measures adopted.")
    declined: list[Measure] = Field([], description="The measures the organ declined to take.")
    outcome: Optional[Literal["act", "decline"]] = Field(
        None, description="Shorthand of schema 2.2: act = decided: [collective_action]; "
                          "decline = declined: [collective_action].")
    objections: list[str] = []
    non_objections: list[str] = []
    body: Optional[str] = Field(None, description="Schema 2.2's free-text name of the organ: refused, "
                                                  "since it could not say which organ decided; use organ.")
    concerning: Optional[EventId] = None

    @field_validator("decided", "declined", mode="before")
    @classmethod
    def _measures(cls, value):
        """One clear message for an unknown measure, with the closest one."""
        known = typing.get_args(Measure)
        for item in value if isinstance(value, list) else []:
            if item not in known:
                hint = did_you_mean(str(item), known)
                raise ValueError(f"unknown measure {item!r}; expected some of {', '.join(known)}"
                                 + (f"; {hint}" if hint else ""))
        return value

    def measures(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(decided, declined), the shorthand outcome read as collective action."""
        decided = list(self.decided) + (["collective_action"] if self.outcome == "act" else [])
        declined = list(self.declined) + (["collective_action"] if self.outcome == "decline" else [])
        return tuple(sorted(set(decided))), tuple(sorted(set(declined)))


class Threat(_Event):
    """A threat without an armed attack (CST Art. 2, NAT Art. 4)."""
    kind: Literal["threat"]
    to: list[str] = Field(min_length=1)
    interests: list[Literal["security", "stability", "territorial_integrity", "sovereignty",
                            "political_independence", "international_peace_and_security"]] = Field(min_length=1)
    asserted_by: list[str] = []


class Crisis(_Event):
    """A crisis situation in a state (the 2010 crisis-response package)."""
    kind: Literal["crisis"]
    state: str
    threatens: list[Interest] = Field(min_length=1)
    internal: bool = True


class BaseConsultation(_Event):
    """The host's urgent consultations with the other members on a base (CSTO Charter Art. 7)."""
    kind: Literal["base_consultation"]
    host: str
    base: str


class BaseObjection(_Event):
    """A member's official objection to a base (Protocol of 20 Dec 2011)."""
    kind: Literal["base_objection"]
    by: str
    base: str


class JointExercise(_Event):
    """Taking part in an exercise with an alliance (which is not accession: CST Art. 1)."""
    kind: Literal["joint_exercise"]
    state: str
    with_: str = Field(alias="with")
    directed_against: list[str] = Field(default_factory=list,
                                        description="States the activity is directed against (CST Art. 1).")


class WithdrawalNotice(_Event):
    """A State's notice of withdrawal from a treaty (denunciation), dated the day
    it was received (VCLT Art. 78(c)): when it takes effect is for the treaty's
    rules to say (CST Art. 11, NAT Art. 13)."""
    kind: Literal["withdrawal_notice"]
    by: str
    treaty: Literal["cst", "nato"] = Field(
        description="cst: the Collective Security Treaty (and with it the Organization: foedus keeps one "
                    "membership for both); nato: the North Atlantic Treaty.")
    takes_effect: Optional[Day] = Field(
        None, description="The day the notice names for the withdrawal; absent: as early as the treaty allows "
                          "(a day earlier than the treaty allows is postponed to it).")


class Accession(_Event):
    """A State deposits its instrument of accession to a treaty (NAT Art. 10)."""
    kind: Literal["accession"]
    by: str
    treaty: Literal["nato"] = Field(description="nato: the North Atlantic Treaty.")
    european: Optional[bool] = Field(
        None, description="The scenario's assessment that the State is (true) or is not (false) a European State "
                          "(Art. 10); absent: read from where its home lies, unknown where that does not settle it.")
    invited: Optional[bool] = Field(
        None, description="Whether every Party had accepted the protocol on the State's accession by the day "
                          "(Art. 10's unanimous invitation); absent: read from facts/accessions.yaml, unknown where "
                          "no protocol is recorded.")


class ParticipationFreeze(_Event):
    """A member's declaration that it freezes (suspends on its own) its
    participation in an organisation — Armenia's of 2024, Uzbekistan's note of
    June 2012. What it is in law is for the rules to say."""
    kind: Literal["participation_freeze"]
    by: str
    organisation: str = Field(description="CSTO.")


class MembershipDecision(_Event):
    """An organ's decision suspending a member or excluding it from the
    organisation (CSTO Charter)."""
    kind: Literal["membership_decision"]
    organisation: str = Field(description="CSTO.")
    organ: Optional[str] = Field(None, description="The organ that decided; default: the organisation's highest "
                                                   "(the Collective Security Council).")
    state: str
    decided: Literal["suspension", "exclusion"]
    ground: Optional[Literal["non_compliance", "own_request"]] = Field(
        None, description="non_compliance: the member failed to fulfil its obligations; own_request: the member "
                          "asked for it; absent: not stated.")


Event = Annotated[Union[ArmedAttack, RequestForAssistance, CollectiveDecision, Threat, Crisis,
                        BaseConsultation, BaseObjection, JointExercise, WithdrawalNotice,
                        Accession, ParticipationFreeze, MembershipDecision],
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


class ScenarioOrganisation(_Strict):
    """A hypothetical alliance, grouping or programme, that world.add.memberships may name."""
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    name: str = Field(min_length=1, max_length=200)
    kind: OrganisationKind
    form: Literal["multilateral", "bilateral"] = "multilateral"
    note: Optional[str] = None
    source: Optional[str] = None


class ScenarioBase(BaseModel_):
    source: Optional[str] = None


class DirectedAgainst(_Strict):
    organisation: str
    state: str
    source: Optional[str] = None


class EntryIntoForce(_Strict):
    """The located entry into force of an instrument whose date the world does not know."""
    instrument: str
    date: Day
    source: Optional[str] = None


class MembershipStart(_Strict):
    """The located day on which a membership status began, where the world does not know it."""
    membership: str = Field(description="The membership fact id, as shown in verdicts and 'foedus world'.")
    date: Day
    source: Optional[str] = None


class ScenarioState(StateModel):
    """A hypothetical State: a code no State of the world uses, a name, and its dates."""
    home_art6_area: str = "outside"
    source: Optional[str] = None
    standing: Literal["member", "observer", "contested", "former"] = "contested"


class WorldAdditions(_Strict):
    states: list[ScenarioState] = Field([], description="Hypothetical States, with codes of their own.")
    entry_into_force: list[EntryIntoForce] = []
    membership_start: list[MembershipStart] = []
    organisations: list[ScenarioOrganisation] = Field(
        [], description="Hypothetical alliances, groupings or programmes, with ids of their own; "
                        "memberships below may name them.")
    memberships: list[ScenarioMembership] = []
    territories: list[ScenarioTerritory] = []
    bases: list[ScenarioBase] = []
    directed_against: list[DirectedAgainst] = []


class WorldChanges(_Strict):
    """Hypothetical changes to the built-in world, for this scenario only."""
    add: WorldAdditions = WorldAdditions()
    retract: list[str] = []


class Scenario(_Strict):
    name: str = Field(min_length=1, max_length=300)
    description: Optional[str] = None
    as_of: Optional[Day] = None
    events: list[Event] = Field(default_factory=list,
                                description="Dated events; may be empty when the world additions (memberships, "
                                            "bases) are what is assessed, with as_of.")
    world: WorldChanges = WorldChanges()
    readings: dict[str, str] = Field(default_factory=dict,
                                     description="Pinned readings, e.g. {alliance_ban: directed_only}.")
    source: Optional[str] = None


def _check_membership_overlaps(scenario: Scenario, world: World, retracted: set[str], fail) -> None:
    """A state cannot hold two statuses under one treaty on the same day: a
    hypothetical membership must not overlap another, nor a world fact that is
    not retracted (retract it first)."""
    if not scenario.world.add.memberships:
        return
    spans: dict[tuple, list] = {}
    for f in world.facts.values():
        if f.kind == "membership" and f.id not in retracted:
            _, _, st, treaty, _, start, end = f.atoms[0]
            spans.setdefault((str(st), str(treaty)), []).append((start, end, f.id, None))
    for i, m in enumerate(scenario.world.add.memberships):
        code = m.state.upper()
        start = day(m.from_)
        end = day(m.until + dt.timedelta(days=1)) if m.until else 99991231
        for other_start, other_end, fid, j in spans.get((code, m.treaty), []):
            if start < other_end and other_start < end:
                what = f"the world fact '{fid}'" if fid else f"world.add.memberships[{j}]"
                raise fail(f"contradicts {what}: {code} would hold two statuses under the same treaty "
                           "on the same days", ("world", "add", "memberships", i),
                           expected="non-overlapping memberships",
                           hint=f"retract '{fid}' in world.retract first" if fid else None)
        spans.setdefault((code, m.treaty), []).append((start, end, None, i))


@dataclass
class ResolvedScenario:
    """A scenario checked against the world, as facts ready for grounding."""
    name: str
    file: Optional[str]
    as_of: dt.date
    digest: str
    facts: list[Fact] = field(default_factory=list)     # events and world additions
    retracted: list[str] = field(default_factory=list)  # world fact ids removed
    readings: dict[str, str] = field(default_factory=dict)  # pinned readings
    events: list[dict] = field(default_factory=list)    # summaries for the verdict
    context: dict[str, dict] = field(default_factory=dict)  # words for explanations, per subject
    world: Optional[World] = None    # the world as this scenario amends it (hypothetical States' names)
    statehood_assumed: list[str] = field(default_factory=list)   # named States of contested statehood


def load_scenario(path: Path | str) -> tuple[Scenario, Document]:
    """Read and validate a scenario file (YAML or JSON)."""
    doc = read_document(path)
    return validate_scenario(doc), doc


def parse_scenario(text: str | bytes, name: str = "<scenario>") -> tuple[Scenario, Document]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc = parse_document(raw, name)
    return validate_scenario(doc), doc


def as_scenario(scenario: "Scenario | dict | str | Path | Document") -> tuple[Scenario, Optional[Document]]:
    """A scenario model from a model, a mapping, a file path or a parsed document; the
    document, for the lines of later errors, when there is one."""
    if isinstance(scenario, (str, Path)):
        return load_scenario(scenario)
    if isinstance(scenario, Document):
        return validate_scenario(scenario), scenario
    if isinstance(scenario, dict):
        return validate_scenario(Document("<scenario>", scenario)), None
    return scenario, None


def validate_scenario(doc: Document) -> Scenario:
    if not isinstance(doc.data, dict):
        raise InputError(doc.name, "is not a mapping", line=1,
                         expected="a scenario with 'name' and 'events' (see README)")
    try:
        return Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise_first(exc, doc, Scenario)


# the fields of events that name States (acting, attacked, asked, objecting...)
STATE_FIELDS = ("attackers", "against", "by", "state", "host", "to", "asserted_by", "forces_of", "objections",
                "non_objections", "directed_against", "addressed_to")


def _check_statehood(ev, at: tuple, world: World, fail) -> set[str]:
    """A State an event names must exist on its date, under the code given
    (SUN is the USSR, until 1991-12-25; after that the Russian Federation is RUS).
    Returns the codes named whose statehood is assumed (contested, observer)."""
    assumed: set[str] = set()

    def check(code, path):
        if not isinstance(code, str) or len(code) != 3:
            return
        up = code.upper()
        own = world.aliases.get(up, up)
        record = world.states.get(own)
        if record is None:
            return
        if record.standing in ("contested", "observer"):
            assumed.add(own)
        if not record.exists_on(ev.date):
            after = ev.date.isoformat() > (record.end or "9999")
            successors = f"; its territory passed to {', '.join(record.successors)}" if record.successors else ""
            raise fail(f"'{code}' names {record.name}, which " +
                       (f"ceased to exist on {record.end}{successors}" if after else
                        f"became a State only on {record.start}") + f"; the event is dated {ev.date}", path,
                       expected="a State existing on the event's date")
        for alias, start, end in record.aliases:
            if alias == up and not ((start is None or start <= ev.date.isoformat()) and
                                    (end is None or ev.date.isoformat() <= end)):
                named = record.name_on(dt.date.fromisoformat(end) if end else ev.date)
                raise fail(f"'{code}' was the code of {named} ({own} today) only "
                           f"{'from ' + start if start else ''}{' ' if start and end else ''}"
                           f"{'until ' + end if end else ''}; the event is dated {ev.date}", path,
                           expected=f"{own}, its code on that date")
    for name in STATE_FIELDS:
        value = getattr(ev, name, None)
        for j, code in enumerate(value if isinstance(value, list) else [value]):
            check(code, at + ((name, j) if isinstance(value, list) else (name,)))
    group = getattr(ev, "non_state_attacker", None)
    if group is not None:
        for name in ("directed_from", "attributed_to"):
            check(getattr(group, name, None), at + ("non_state_attacker", name))
    return assumed


class _Resolver:
    """One scenario checked against the world and expressed as facts. The shared checks
    (ids, States, places, references) are methods; each event kind becomes facts by a
    method of its own (EVENT_FACTS), and each kind of hypothetical change to the world too."""

    def __init__(self, scenario: Scenario, world: World, doc: Optional[Document], provision_ids: frozenset[str]):
        self.scenario, self.doc, self.provision_ids = scenario, doc, provision_ids
        self.name = name = doc.name if doc else "<scenario>"
        # names of hypothetical territories and bases are this scenario's own: the
        # shared world is never changed by a scenario
        self.world = world = replace(world, territory_names=dict(world.territory_names),
                                     base_names=dict(world.base_names), state_names=dict(world.state_names),
                                     states=dict(world.states), place_codes=dict(world.place_codes),
                                     treaty_names=dict(world.treaty_names))
        for i, st in enumerate(scenario.world.add.states):
            if st.code in world.state_names or st.code in world.aliases:
                raise InputError(name, f"the code '{st.code}' is already {world.state_name(st.code)}'s",
                                 field=f"world.add.states[{i}].code",
                                 line=doc.line_of(("world", "add", "states", i, "code")) if doc else None,
                                 expected="a code no State uses (ISO reserves XAA-XZZ for such uses)")
            world.state_names[st.code] = st.name
            world.states[st.code] = state_record(st, st.code.lower())
        for i, org in enumerate(scenario.world.add.organisations):
            if org.id in world.treaty_names:
                raise InputError(name, f"the organisation id '{org.id}' is already the {world.treaty_names[org.id]}'s",
                                 field=f"world.add.organisations[{i}].id",
                                 line=doc.line_of(("world", "add", "organisations", i, "id")) if doc else None,
                                 expected="an id no treaty or organisation of the world uses")
            world.treaty_names[org.id] = org.name
        self.known_territories = {k for k in world.territory_names if k.upper() not in world.state_names}
        for t in scenario.world.add.territories:
            self.known_territories.add(t.id)
        self.ids = [ev.id or f"event-{i + 1}" for i, ev in enumerate(scenario.events)]
        seen: dict[str, int] = {}
        for i, eid in enumerate(self.ids):
            if eid in seen:
                raise self.fail(f"the event id '{eid}' is used twice", ("events", i, "id"),
                                expected="a unique id per event")
            seen[eid] = i
        self.attacks = {self.ids[i]: ev.date for i, ev in enumerate(scenario.events)
                        if isinstance(ev, (ArmedAttack, Crisis))}
        self.known_bases = dict(world.base_names)
        for b in scenario.world.add.bases:
            self.known_bases[f"scenario:base:{b.id}"] = b.name
        self.resolved: Optional[ResolvedScenario] = None

    def fail(self, message: str, path: tuple, **kw) -> InputError:
        from ..base.validation import field_path
        return InputError(self.name, message, field=field_path(path),
                          line=self.doc.line_of(path) if self.doc else None, **kw)

    def state(self, code: str, path: tuple) -> str:
        try:
            return known_state(code, self.world, self.name, "")
        except InputError as exc:
            raise self.fail(exc.detail, path, expected=exc.expected, hint=exc.hint) from None

    def territory(self, place: str, path: tuple, on: dt.date) -> str:
        code = place.upper()
        if len(place) == 3 and (code in self.world.state_names or code in self.world.aliases):
            record = self.world.states[self.world.aliases.get(code, code)]   # hypothetical States too (registered above)
            # an extinct State whose home is its own: no holder is left (the GDR's home, a listed
            # territory, passed to Germany and resolves by its titles)
            if record.end and on.isoformat() > record.end and record.home == record.code.lower():
                raise self.fail(f"'{place}' names {record.name}, which ceased to exist on {record.end}", path,
                           expected="the territory of a State existing on " + on.isoformat() +
                                    (f": its territory passed to {', '.join(record.successors)}"
                                     if record.successors else ""))
            # before statehood with no recorded holder: a colony's territory is not the administering
            # State's (UNGA Res. 2625), so no State was attacked there as the knowledge base stands
            if record.start and on.isoformat() < record.start and not record.before:
                raise self.fail(f"'{place}' names {record.name}, which became a State only on {record.start}; "
                           f"no State's title to its territory on {on} is recorded (a non-self-governing "
                           "territory's status is separate from the administering State's territory, "
                           "UNGA Res. 2625)", path,
                           expected="the territory of a State on the event's date; a scenario may add the "
                                    "title it assumes under self.world.add")
            return record.home                    # a state code: its home territory, held as the record says
        if place in self.known_territories:
            return place
        if code in self.world.place_codes:             # an ISO code of a place that is no State (GUM: Guam)
            return self.world.place_codes[code]
        found = [p for p in find_places(place, self.world) if p in self.known_territories or p in self.world.territory_names][:3]
        raise self.fail(f"unknown place '{place}'", path,
                   expected="a State's code (its own territory), a place id or an ISO code of a place — "
                            "'foedus places --search TEXT' finds it",
                   hint=("did you mean " + " or ".join(f"'{p}' ({self.world.place_name(p)})" for p in found) + "?")
                   if found else did_you_mean(place, list(self.known_territories) + list(self.world.state_names)))

    def resolve(self) -> ResolvedScenario:
        scenario, world = self.scenario, self.world
        if not scenario.events:
            standing = scenario.world.add.memberships or scenario.world.add.bases
            if not standing or scenario.as_of is None:
                raise self.fail("has no events" if not standing else "has no events and no 'as_of'",
                                ("events",) if not standing else ("as_of",),
                                expected="at least one event, or hypothetical memberships or bases under "
                                         "world.add with an 'as_of' date")
        assumed: set[str] = set()
        for i, ev in enumerate(scenario.events):
            assumed |= _check_statehood(ev, ("events", i), world, self.fail)
        last = max((ev.date for ev in scenario.events), default=scenario.as_of)
        as_of = scenario.as_of or last
        resolved = self.resolved = ResolvedScenario(
            scenario.name, self.doc.name if self.doc else None, as_of, _digest(scenario),
            world=world if scenario.world.add.states or scenario.world.add.organisations else None,
            statehood_assumed=sorted(assumed))
        for i, ev in enumerate(scenario.events):
            self.event(ev, self.ids[i], ("events", i), as_of)
        facts = resolved.facts
        self.added_records(facts)
        self.directed_against(facts)
        self.located_dates(facts)
        _check_membership_overlaps(scenario, world, set(scenario.world.retract), self.fail)
        # hypothetical standing facts are assessed in every check (scenario_fact/1)
        facts[:] = [replace(f, atoms=f.atoms + (("scenario_fact", f.id),)) if f.id.startswith("scenario:") else f
                    for f in facts]
        resolved.readings = dict(scenario.readings)
        for i, fid in enumerate(scenario.world.retract):
            if fid not in world.facts:
                raise self.fail(f"there is no world fact '{fid}' to retract", ("world", "retract", i),
                                expected="a fact id as shown by 'foedus world'",
                                hint=did_you_mean(fid, world.facts))
            resolved.retracted.append(fid)
        return resolved

    def event(self, ev, eid: str, at: tuple, as_of: dt.date) -> None:
        """One event as a fact of the scenario, with the facts its kind gives."""
        if ev.date > as_of:
            raise self.fail(f"the event is dated {ev.date}, after the assessment date {as_of}",
                            at + ("date",), expected="events on or before 'as_of'")
        atoms, summary = EVENT_FACTS[type(ev)](self, ev, eid, at)
        text = summary + (f" ({ev.description})" if ev.description else "")
        self.resolved.facts.append(Fact(eid, "event", f"{ev.date}: {text}.", (), ev.source, atoms=tuple(atoms)))
        self.resolved.events.append({"id": eid, "kind": ev.kind, "date": ev.date.isoformat(),
                                     "summary": text, "source": ev.source})

    def _armed_attack(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """The attack's facts: where, by whom, against whom, what it threatened."""
        world, resolved = self.world, self.resolved
        atoms: list[tuple] = []
        place = self.territory(ev.place, at + ("place",), ev.date)
        atoms.append(("armed_attack", eid, day(ev.date), Const(place)))
        if bool(ev.attackers) == bool(ev.non_state_attacker):
            raise self.fail("names no attacker" if not ev.attackers else "names both states and a non-state attacker",
                       at, expected="either 'attackers' (a list of state codes) or 'non_state_attacker'")
        for j, a in enumerate(ev.attackers):
            atoms.append(("attacker", eid, Const(self.state(a, at + ("attackers", j)))))
        if ev.non_state_attacker:
            ns, p = ev.non_state_attacker, at + ("non_state_attacker",)
            atoms.append(("non_state_attacker", eid, ns.name))
            attributed = ns.attributed_to and ns.attributed_to.lower() != "none"
            if ns.origin and ns.directed_from:
                raise self.fail(f"gives origin '{ns.origin}' with directed_from", p + ("origin",),
                           expected="either 'origin' or the State it was directed from ('directed_from'); "
                                    "a State that sent the attackers is 'attributed_to', which may accompany "
                                    "either")
            if attributed:
                atoms.append(("attributed_to", eid, Const(self.state(ns.attributed_to, p + ("attributed_to",)))))
            elif ns.attributed_to:
                atoms.append(("not_attributed", eid))
            if ns.directed_from:
                atoms.append(("directed_from", eid, Const(self.state(ns.directed_from, p + ("directed_from",)))))
            if ns.origin:
                atoms.append(("origin_stated", eid, Const(ns.origin)))
        if ev.forces_of:
            atoms.append(("forces_of", eid, Const(self.state(ev.forces_of, at + ("forces_of",)))))
        if ev.forces_kind:
            if not ev.forces_of:
                raise self.fail("gives 'forces_kind' without 'forces_of'", at + ("forces_kind",),
                           expected="'forces_of: <state>' naming whose forces were hit")
            atoms.append(("forces_kind", eid, Const(ev.forces_kind)))
        if ev.scale == "frontier_incident":
            atoms.append(("frontier_incident", eid))
        if ev.justified_as is not None:
            atoms.append(("force_justification_stated", eid, Const(ev.justified_as)))
        for j, v in enumerate(ev.against):
            atoms.append(("against", eid, Const(self.state(v, at + ("against", j)))))
        if ev.threatens is not None:
            atoms.append(("threats_stated", eid))
            listed = INTERESTS if ev.threatens == "all" else ev.threatens
            for interest in sorted(set(listed)):
                atoms.append(("threatens", eid, Const(interest)))
        if ev.attackers:
            codes = [world.aliases.get(a.upper(), a.upper()) for a in ev.attackers]
            who = ", ".join(f"{world.state_name(a, ev.date)} ({a})" for a in codes)
        else:
            ns = ev.non_state_attacker
            who = f"{ns.name} (a non-state actor"
            if attributed:
                who += f" sent by or on behalf of {world.state_name(ns.attributed_to, ev.date)}"
            elif ns.attributed_to:
                who += " sent by no State"
            if ns.directed_from:
                who += f", directed from {world.state_name(ns.directed_from, ev.date)}"
            if ns.origin:
                who += ", " + {"domestic": "arising at home",
                               "foreign_unidentified": "from abroad, no State named"}[ns.origin]
            who += ")"
        kind = f"{ev.forces_kind} " if ev.forces_kind else ""
        target = f"{kind}forces of {ev.forces_of.upper()} at " if ev.forces_of else ""
        summary = f"Use of armed force by {who} against {target}{world.place_name(place)}"
        if ev.scale == "frontier_incident":
            summary += " (described as a frontier incident)"
        if ev.justified_as is not None:
            summary += (" (stated: not justified)" if ev.justified_as == "none" else
                        f" (stated: justified as {ev.justified_as.replace('_', ' ')})")
        resolved.context[eid] = {
            "attacker": who, "place": world.place_name(place), "date": ev.date.isoformat(),
            "day": day(ev.date)}
        return atoms, summary

    def _request(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A request for assistance: by whom, to whom, invoking what, concerning which attack."""
        world = self.world
        atoms: list[tuple] = []
        by = self.state(ev.by, at + ("by",))
        org = ORGANISATIONS.get(ev.addressed_to.lower())
        if org is None and ev.addressed_to.upper() not in world.state_names:
            raise self.fail(f"unknown addressee '{ev.addressed_to}'", at + ("addressed_to",),
                       expected="CSTO, NATO, or a state code for a bilateral request",
                       hint=did_you_mean(ev.addressed_to, ["CSTO", "NATO", *world.state_names]))
        addressee = org or self.state(ev.addressed_to, at + ("addressed_to",)).lower()
        atoms.append(("request", eid, day(ev.date), Const(by), Const(addressee)))
        if ev.authority == "ousted_government":
            atoms.append(("request_without_standing", eid))
        for j, pid in enumerate(ev.invokes):
            if pid not in self.provision_ids:
                raise self.fail(f"unknown provision '{pid}'", at + ("invokes", j),
                           expected="a provision id listed by 'foedus provisions'",
                           hint=did_you_mean(pid, self.provision_ids))
            atoms.append(("request_invokes", eid, Const(pid)))
        if ev.concerning:
            _check_ref(ev.concerning, self.attacks, self.fail, at + ("concerning",), ev.date)
            atoms.append(("request_concerns", eid, ev.concerning))
        summary = f"Request for assistance by {by} to {ev.addressed_to}"
        if ev.authority == "ousted_government":
            summary += " (made by an ousted government: it does not speak for the state)"
        return atoms, summary

    def _threat(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A threat (CST Art. 2, NAT Art. 4): to whom, to which interests, asserted by whom."""
        world, resolved = self.world, self.resolved
        atoms: list[tuple] = []
        atoms.append(("threat", eid, day(ev.date)))
        names = []
        for j, v in enumerate(ev.to):
            code = self.state(v, at + ("to", j))
            names.append(world.state_name(code, ev.date))
            atoms.append(("threatened", eid, Const(code)))
        for interest in sorted(set(ev.interests)):
            atoms.append(("threat_interest", eid, Const(interest)))
        for j, v in enumerate(ev.asserted_by):
            atoms.append(("asserted_by", eid, Const(self.state(v, at + ("asserted_by", j)))))
        summary = f"Threat to the {', '.join(i.replace('_', ' ') for i in ev.interests)} of {', '.join(names)}"
        resolved.context[eid] = {"subject": summary + "."}
        if ev.asserted_by:
            resolved.context[eid]["opinion"] = ", ".join(a.upper() for a in ev.asserted_by)
        return atoms, summary

    def _crisis(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A crisis in a member State (the 2010 crisis-response package)."""
        world, resolved = self.world, self.resolved
        atoms: list[tuple] = []
        code = self.state(ev.state, at + ("state",))
        atoms.append(("crisis", eid, day(ev.date), Const(code)))
        for interest in sorted(set(ev.threatens)):
            atoms.append(("crisis_interest", eid, Const(interest)))
        if ev.internal:
            atoms.append(("internal_crisis", eid))
        summary = f"{'Internal c' if ev.internal else 'C'}risis in {world.state_name(code, ev.date)}"
        resolved.context[eid] = {"subject": summary + "."}
        return atoms, summary

    def _base_event(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A consultation on, or an objection to, a base (CSTO Charter Art. 7)."""
        world = self.world
        atoms: list[tuple] = []
        base = self._base_id(ev.base, at)
        if base not in self.known_bases:
            raise self.fail(f"unknown base '{ev.base}'", at + ("base",),
                       expected="a base id from facts/bases.yaml or world.add.bases",
                       hint=did_you_mean(ev.base, [b.split(":")[-1] for b in self.known_bases]))
        if isinstance(ev, BaseConsultation):
            host = self.state(ev.host, at + ("host",))
            atoms.append(("base_consultation", eid, day(ev.date), Const(host), base))
            summary = f"{world.state_name(host, ev.date)} consults the other members on {self.known_bases[base]}"
        else:
            by = self.state(ev.by, at + ("by",))
            atoms.append(("base_objection", eid, day(ev.date), Const(by), base))
            summary = f"{world.state_name(by, ev.date)} officially objects to {self.known_bases[base]}"
        return atoms, summary

    def _base_id(self, given: str, at: tuple) -> str:
        """A base named by its own id: the world's (base:ID) or one the scenario adds
        (scenario:base:ID); both spellings are accepted too, and a name both carry must use one."""
        if given.startswith(("base:", "scenario:base:")):
            return given
        named = [b for b in (f"scenario:base:{given}", f"base:{given}") if b in self.known_bases]
        if len(named) == 2:
            raise self.fail(f"'{given}' names a base of the world and a base the scenario adds", at + ("base",),
                            expected=f"base:{given} (the world's) or scenario:base:{given} (the scenario's)")
        return named[0] if named else f"base:{given}"

    def _joint_exercise(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A joint exercise with an organisation (CST Art. 1: not an accession)."""
        world, resolved = self.world, self.resolved
        atoms: list[tuple] = []
        code = self.state(ev.state, at + ("state",))
        org = ORGANISATIONS.get(ev.with_.lower())
        if org is None:
            raise self.fail(f"unknown organisation '{ev.with_}'", at + ("with",), expected="CSTO or NATO")
        atoms.append(("joint_exercise", eid, day(ev.date), Const(code), Const(org)))
        targets = [self.state(v, at + ("directed_against", j)) for j, v in enumerate(ev.directed_against)]
        atoms += [("action_directed_against", eid, Const(t)) for t in targets]
        summary = f"{world.state_name(code, ev.date)} takes part in a joint exercise with {ev.with_}"
        if targets:
            summary += f", directed against {', '.join(world.state_name(t, ev.date) for t in targets)}"
        resolved.context[eid] = {"subject": summary + "."}
        return atoms, summary

    def _decision(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """An organisation's decision: its organ, the measures decided and declined, objections."""
        world = self.world
        atoms: list[tuple] = []
        org = ORGANISATIONS.get(ev.organisation.lower())
        if org is None:
            raise self.fail(f"unknown organisation '{ev.organisation}'", at + ("organisation",),
                       expected="CSTO or NATO")
        organs = world.organs.get(org, [])
        if ev.body is not None:   # free text could not say which organ: a wrong organ reads as the Council
            raise self.fail(f"the field 'body' is retired (schema 2.3): free text could not say which organ decided "
                       f"(given: {ev.body!r})", at + ("body",),
                       expected="organ: one of " + ", ".join(o for o, _ in organs) + " (schema 2.3)")
        organ = self._organ(ev, org, at)
        decided, declined = ev.measures()
        if not decided and not declined:
            raise self.fail("a decision that decides and declines nothing", at + ("decided",),
                       expected="decided: [...] and/or declined: [...] (measures: "
                                "collective_action, armed_forces, military_aid, non_military_aid, "
                                "monitoring_mission, consultations, statement)")
        if set(decided) & set(declined):
            raise self.fail(f"measures both decided and declined: {', '.join(sorted(set(decided) & set(declined)))}",
                       at + ("declined",), expected="each measure decided or declined, not both")
        atoms.append(("collective_decision", eid, day(ev.date), Const(org), Const(organ)))
        atoms += [("decision_measure", eid, Const(m), Const("decided")) for m in decided]
        atoms += [("decision_measure", eid, Const(m), Const("declined")) for m in declined]
        for j, v in enumerate(ev.objections):
            atoms.append(("decision_objection", eid, Const(self.state(v, at + ("objections", j)))))
        for j, v in enumerate(ev.non_objections):
            atoms.append(("decision_non_objection", eid, Const(self.state(v, at + ("non_objections", j)))))
        if ev.concerning:
            _check_ref(ev.concerning, self.attacks, self.fail, at + ("concerning",), ev.date)
            atoms.append(("decision_concerns", eid, ev.concerning))
        words = lambda ms: ", ".join(measure_words(m) for m in ms)   # noqa: E731
        summary = f"{dict(organs)[organ]} ({ORGANISATION_LABELS[org]})" + (f" decided: {words(decided)}" if decided else "") + \
            (";" if decided and declined else "") + (f" declined: {words(declined)}" if declined else "")
        if ev.objections:
            summary += f"; objecting: {', '.join(o.upper() for o in ev.objections)}"
        if ev.non_objections:
            summary += f"; not objecting (limited format): {', '.join(o.upper() for o in ev.non_objections)}"
        return atoms, summary

    def _organ(self, ev, org: str, at: tuple) -> str:
        """The organ that took a decision: the one named, or the organisation's highest."""
        organs = self.world.organs.get(org, [])
        organ = (ev.organ or (organs[0][0] if organs else "")).lower()
        if organ not in dict(organs):
            raise self.fail(f"unknown organ '{ev.organ}' of the {ORGANISATION_LABELS[org]}", at + ("organ",),
                       expected="one of " + ", ".join(o for o, _ in organs),
                       hint=did_you_mean(str(ev.organ), [o for o, _ in organs]))
        return organ

    def _csto(self, given: str, at: tuple) -> str:
        """The organisation of a membership act: the CSTO (the only one whose
        membership procedures are encoded)."""
        if ORGANISATIONS.get(given.lower()) != "cst":
            raise self.fail(f"unknown organisation '{given}'", at, expected="CSTO (the organisation whose "
                            "suspension and freeze of membership the rules encode)")
        return "cst"

    def _withdrawal_notice(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A notice of withdrawal: by whom, from which treaty, the day it names."""
        world = self.world
        by = self.state(ev.by, at + ("by",))
        atoms: list[tuple] = [("withdrawal_notice", eid, day(ev.date), Const(by), Const(ev.treaty))]
        summary = f"{world.state_name(by, ev.date)} gives notice of withdrawal from the {world.treaty_names[ev.treaty]}"
        if ev.takes_effect is not None:
            if ev.takes_effect <= ev.date:
                raise self.fail(f"names {ev.takes_effect} for the withdrawal, not after the notice ({ev.date})",
                                at + ("takes_effect",), expected="a day after the notice's date")
            atoms.append(("withdrawal_day_named", eid, day(ev.takes_effect)))
            summary += f", to take effect on {ev.takes_effect}"
        self.resolved.context[eid] = {"subject": summary + "."}
        return atoms, summary

    def _accession(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """The deposit of an instrument of accession."""
        by = self.state(ev.by, at + ("by",))
        summary = f"{self.world.state_name(by, ev.date)} deposits its instrument of accession to the " \
                  f"{self.world.treaty_names[ev.treaty]}"
        self.resolved.context[eid] = {"subject": summary + "."}
        atoms: list[tuple] = [("accession_deposit", eid, day(ev.date), Const(by), Const(ev.treaty))]
        if ev.european is not None:
            atoms.append(("european_state_stated", eid, Const("yes" if ev.european else "no")))
        if ev.invited is not None:
            atoms.append(("accession_invitation_stated", eid, Const("yes" if ev.invited else "no")))
        return atoms, summary

    def _participation_freeze(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """A member's declaration freezing its participation."""
        org = self._csto(ev.organisation, at + ("organisation",))
        by = self.state(ev.by, at + ("by",))
        summary = f"{self.world.state_name(by, ev.date)} declares that it freezes (suspends on its own) its participation in the " \
                  f"{ORGANISATION_LABELS[org]}"
        self.resolved.context[eid] = {"subject": summary + "."}
        return [("participation_freeze", eid, day(ev.date), Const(by), Const(org))], summary

    def _membership_decision(self, ev, eid: str, at: tuple) -> tuple[list[tuple], str]:
        """An organ's decision suspending or excluding a member, and its stated ground."""
        org = self._csto(ev.organisation, at + ("organisation",))
        organ = self._organ(ev, org, at)
        state = self.state(ev.state, at + ("state",))
        atoms: list[tuple] = [("membership_decision", eid, day(ev.date), Const(org), Const(organ), Const(state),
                               Const(ev.decided))]
        if ev.ground is not None:
            atoms.append(("membership_decision_ground", eid, Const(ev.ground)))
        name = dict(self.world.organs.get(org, []))[organ]
        summary = f"{name} ({ORGANISATION_LABELS[org]}) decides the " + \
            {"suspension": "suspension of the membership of ", "exclusion": "exclusion of "}[ev.decided] + \
            self.world.state_name(state, ev.date)
        if ev.ground is not None:
            summary += {"non_compliance": ", for failing to fulfil its obligations",
                        "own_request": ", at its own request"}[ev.ground]
        self.resolved.context[eid] = {"subject": summary + "."}
        return atoms, summary

    def added_records(self, facts: list) -> None:
        """Hypothetical States, memberships, bases and territories (world.add)."""
        scenario, world, name = self.scenario, self.world, self.name
        for i, st in enumerate(scenario.world.add.states):
            where = ("world", "add", "states", i)
            facts.extend(_scenario_fact(lambda: state_facts(
                st, world, name, _dotted(where), lambda v, w: (), "scenario:", st.source or "scenario (hypothetical)"),
                self.fail, where))
        for i, org in enumerate(scenario.world.add.organisations):
            where = ("world", "add", "organisations", i)
            model = OrganisationModel(id=org.id, name=org.name, kind=org.kind, form=org.form, note=org.note,
                                      source="scenario")
            facts.append(organisation_fact(model, world, name, _dotted(where), (),
                                           org.source or "scenario (hypothetical)", "scenario:"))
        for kind, records, build in (("memberships", scenario.world.add.memberships, membership_fact),
                                     ("bases", scenario.world.add.bases, base_fact)):
            for i, record in enumerate(records):
                where = ("world", "add", kind, i)
                facts.append(_scenario_fact(lambda: build(
                    record, world, name, _dotted(where), (), record.source or "scenario (hypothetical)", "scenario:"),
                    self.fail, where))
        for i, t in enumerate(scenario.world.add.territories):
            where = ("world", "add", "territories", i)
            made = _scenario_fact(lambda: territory_facts(
                t, world, name, _dotted(where), lambda v, w: (), "scenario:", t.area_source or "scenario (hypothetical)"),
                self.fail, where)
            facts.extend(made)

    def directed_against(self, facts: list) -> None:
        """An organisation said to be directed against a State (CST Art. 1)."""
        scenario, world = self.scenario, self.world
        for i, d in enumerate(scenario.world.add.directed_against):
            where = ("world", "add", "directed_against", i)
            org = ORGANISATIONS.get(d.organisation.lower(), d.organisation.lower())
            if org not in world.treaty_names or org == "un_charter":
                raise self.fail(f"unknown organisation '{d.organisation}'", where + ("organisation",),
                           expected="CSTO, NATO or the id of an alliance of the world or of world.add.organisations",
                           hint=did_you_mean(d.organisation.lower(), [o for o in world.treaty_names if o != "un_charter"]))
            target = self.state(d.state, where + ("state",))
            fid = f"scenario:directed_against:{org}:{target}"
            facts.append(Fact(fid, "directed_against",
                              f"The {d.organisation} is directed against {world.state_name(target)}.", (),
                              d.source or "scenario (hypothetical)",
                              atoms=(("directed_against", fid, Const(org), Const(target)),)))

    def located_dates(self, facts: list) -> None:
        """Entries into force and membership starts the record leaves open, located by the scenario."""
        scenario, world = self.scenario, self.world
        answered: set[str] = set()
        for i, e in enumerate(scenario.world.add.entry_into_force):
            where = ("world", "add", "entry_into_force", i)
            windows = {k: v.in_force for k, v in world.instruments.items() if isinstance(v.in_force, WindowModel)}
            if e.instrument not in windows:
                raise self.fail(f"'{e.instrument}' is not an instrument whose entry into force the knowledge base leaves open",
                           where + ("instrument",),
                           expected="one of " + ", ".join(sorted(windows)) + " (the others' dates are recorded)",
                           hint=did_you_mean(e.instrument, windows))
            window = windows[e.instrument]
            latest = window.proven_by.date if window.proven_by else None
            if e.date < window.not_before or (latest and e.date > latest):
                raise self.fail(f"dates the entry into force on {e.date}, outside what the record allows", where + ("date",),
                           expected=f"a date on or after {window.not_before} (signature)" +
                                    (f" and on or before {latest} (proven in force)" if latest else ""))
            if e.instrument in answered:
                raise self.fail(f"dates '{e.instrument}' twice", where, expected="one entry into force per instrument")
            answered.add(e.instrument)
            fid = f"scenario:in_force:{e.instrument}"
            facts.append(Fact(fid, "in_force", f"{world.instruments[e.instrument].name} entered into force on {e.date}.",
                              (), e.source or "scenario (hypothetical)",
                              atoms=(("instrument_in_force", Const(e.instrument), day(e.date), fid),)))
        for i, m in enumerate(scenario.world.add.membership_start):
            where = ("world", "add", "membership_start", i)
            open_starts = {fid: (f.atoms[0][5], atom[2]) for fid, f in world.facts.items() if f.kind == "membership"
                           for atom in f.atoms[1:] if atom[0] == "membership_start_unlocated"}
            if m.membership not in open_starts:
                raise self.fail(f"'{m.membership}' is not a membership whose start the knowledge base leaves open",
                           where + ("membership",), expected="one of " + ", ".join(sorted(open_starts)),
                           hint=did_you_mean(m.membership, open_starts))
            earliest, proven = open_starts[m.membership]
            if not earliest <= day(m.date) <= proven:
                raise self.fail(f"dates the start on {m.date}, outside what the record allows", where + ("date",),
                           expected=f"a date from {iso(earliest)} to {iso(proven)}")
            if m.membership in answered:
                raise self.fail(f"dates '{m.membership}' twice", where, expected="one start per membership")
            answered.add(m.membership)
            fid = f"scenario:membership_start:{m.membership}"
            facts.append(Fact(fid, "membership_start", f"The status {m.membership} began on {m.date}.", (),
                              m.source or "scenario (hypothetical)",
                              atoms=(("membership_start_located", m.membership, day(m.date)),)))


EVENT_FACTS = {ArmedAttack: _Resolver._armed_attack, RequestForAssistance: _Resolver._request,
               Threat: _Resolver._threat, Crisis: _Resolver._crisis, BaseConsultation: _Resolver._base_event,
               BaseObjection: _Resolver._base_event, JointExercise: _Resolver._joint_exercise,
               CollectiveDecision: _Resolver._decision, WithdrawalNotice: _Resolver._withdrawal_notice,
               ParticipationFreeze: _Resolver._participation_freeze, Accession: _Resolver._accession,
               MembershipDecision: _Resolver._membership_decision}


def resolve(scenario: Scenario, world: World, doc: Optional[Document] = None,
            provision_ids: frozenset[str] = frozenset()) -> ResolvedScenario:
    """Check the scenario against the world and express it as facts."""
    return _Resolver(scenario, world, doc, provision_ids).resolve()


def _scenario_fact(make, fail, where):
    """Run a world-record builder on a scenario record, re-raising its errors
    with the scenario's own file, line and field path."""
    try:
        return make()
    except InputError as exc:
        path = where + tuple(exc.field.split(".")[-1:]) if exc.field else where
        raise fail(exc.detail, path, expected=exc.expected, hint=exc.hint) from None


def _check_ref(ref: str, attacks: dict[str, dt.date], fail, path: tuple, date: dt.date) -> None:
    if ref not in attacks:
        raise fail(f"'{ref}' is not the id of an armed attack or crisis in this scenario", path,
                   expected="the id of an armed_attack or crisis event", hint=did_you_mean(ref, attacks))
    if date < attacks[ref]:
        raise fail(f"is dated {date}, before the event '{ref}' it concerns ({attacks[ref]})", path[:-1] + ("date",),
                   expected="a request or decision on or after the event it answers")


def _dotted(path: tuple) -> str:
    from ..base.validation import field_path
    return field_path(path)


def _digest(scenario: Scenario) -> str:
    """A digest of the scenario's content, independent of key order, layout and
    the order in which events are listed."""
    data = scenario.model_dump(mode="json", by_alias=True)
    data["events"] = sorted(data["events"], key=lambda e: json.dumps(e, sort_keys=True))
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
