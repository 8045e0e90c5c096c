"""The built-in world: states, instruments, memberships and territories, each
value with its source (facts/*.yaml).

Files are validated with pydantic at the boundary and turned into plain
records; every record becomes one or more facts with a stable id, and the
facts are what the rules cite as evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from ..base import intervals
from ..base.documents import Document, read_document
from ..base.errors import InputError, did_you_mean
from ..base.validation import raise_first

OPEN_END = 99991231
# Dates are ISO days in a documented range whose last day is before the open
# end's sentinel (an interval ending there is open): no valid date reaches it.
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(9999, 12, 29)


def _iso_day(value):
    """A date as YYYY-MM-DD (YAML gives a date; JSON a string) — never a number
    (pydantic would read 0 or 1601164800 as a Unix time) nor a datetime."""
    if isinstance(value, dt.datetime) or isinstance(value, (int, float, bool)):
        raise ValueError(f"expected a date as YYYY-MM-DD (got {value!r})")
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date as YYYY-MM-DD (got {value!r})")
    return value


def _in_range(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"the date {value} is outside the days foedus represents "
                         f"(from {FIRST_DAY} to {LAST_DAY})")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day), AfterValidator(_in_range)]

# a treaty or organisation id: facts/organisations.yaml (plus un_charter) or a scenario's world.add
Treaty = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
MembershipStatus = Literal["signatory", "party", "party_not_participating", "suspended"]
LandArea = Literal["europe", "north_america", "turkey", "north_atlantic_island",
                   "algerian_departments", "outside"]
SeaArea = Literal["mediterranean_sea", "north_atlantic_north_of_tropic", "outside"]

# how statements name the treaties every world has; other organisations go by their own name
TREATY_NAMES = {"cst": "Collective Security Treaty (CSTO)", "nato": "North Atlantic Treaty (NATO)",
                "un_charter": "Charter of the United Nations", "pfp": "NATO Partnership for Peace"}


class Const(str):
    """An identifier the rules see as a constant (state, treaty, territory id);
    plain str values reach the rules as strings. Symbols are built through the
    clingo API from these values, never by writing program text."""


def day(value: dt.date) -> int:
    """A date as the YYYYMMDD integer the rules use."""
    return value.year * 10000 + value.month * 100 + value.day


def day_after(value: Optional[dt.date]) -> int:
    """The exclusive end of an interval whose last day is value (None = open)."""
    if value is not None and value >= dt.date(9999, 12, 30):   # the open end's sentinel, and no day after
        raise InputError("<date>", f"the date {value} is past the last day foedus represents",
                         field="until", expected="a date before 9999-12-30 (leave 'until' out for an open end)")
    return OPEN_END if value is None else day(value + dt.timedelta(days=1))


def iso(value: int) -> str:
    """A YYYYMMDD integer back as ISO text."""
    return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}"


# --- File models (the boundary) ------------------------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Sources = Union[list[str], str]


class SourceModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    citation: str
    where: Optional[str] = None
    verified: bool
    note: Optional[str] = None


class _Interval(_Strict):
    """A dated, sourced span: the shape of every membership, title, control and claim."""
    from_: Optional[Day] = Field(default=None, alias="from")
    until: Optional[Day] = None
    source: Sources
    verified: bool = True
    note: Optional[str] = None


class NameModel(_Strict):
    """A name a State bore for a time (the USSR for the Russian Federation before 1991-12-26)."""
    name: str
    from_: Optional[Day] = Field(default=None, alias="from")
    until: Optional[Day] = None


class AliasModel(_Strict):
    """Another code for the same State, for a time (SUN for RUS until 1991-12-25)."""
    code: str = Field(pattern=r"^[A-Z]{3}$")
    from_: Optional[Day] = Field(default=None, alias="from")
    until: Optional[Day] = None


class PriorTitleModel(_Interval):
    """Who held the title to a State's home territory before its statehood."""
    state: str


class StateModel(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    home_art6_area: LandArea
    source: Sources
    from_: Optional[Day] = Field(default=None, alias="from", description="The day statehood began (none: before the records).")
    from_source: Optional[Sources] = Field(None, description="What marks the day statehood began (an independence "
                                                             "act, a recognition, a dissolution): its title's source.")
    from_convention: Optional[str] = Field(None, description="The day is a convention, not a located date: which.")
    until: Optional[Day] = Field(default=None, description="The last day of statehood (an extinct State).")
    before: list[PriorTitleModel] = Field([], description="Title to the home territory before 'from'.")
    home: Optional[str] = Field(None, description="The territory id of the home territory, when it is a listed "
                                                  "territory (the GDR's: former_gdr); default: the code in lower case.")
    successors: list[str] = Field([], description="The States its territory passed to (an extinct State).")
    names: list[NameModel] = []
    aliases: list[AliasModel] = []
    standing: Literal["member", "observer", "contested", "former"] = Field(
        "member", description="member: a UN Member State at some time; observer: a non-member observer State; "
                              "contested: an entity whose statehood is contested (what foedus assumes is said); "
                              "former: a State that no longer exists.")
    standing_note: Optional[str] = None
    occupation_zone_1949: bool = False
    occupation_source: Optional[Sources] = None
    europe_contested: bool = False           # whether the state lies "in Europe" is disputed
    europe_source: Optional[Sources] = None
    note: Optional[str] = None


class DatedModel(_Strict):
    date: Day
    place: Optional[str] = None
    source: Sources
    note: Optional[str] = None
    verified: Optional[bool] = None
    assumed: bool = False   # a working assumption, shown as such in verdicts


class ProvenModel(_Strict):
    """Evidence that an instrument was in force no later than a date: the
    organisation's own application of it, a statement that it is in force."""
    date: Day
    source: Sources
    note: Optional[str] = None


class WindowModel(_Strict):
    """An entry into force that was not located: not before `not_before` (the
    signature), proven no later than `proven_by` (absent: not proven at all)."""
    not_before: Day
    proven_by: Optional[ProvenModel] = None
    source: Sources
    note: Optional[str] = None


Language = Literal["ar", "en", "es", "fr", "hy", "ko", "ru", "zh"]


class AuthenticTextsModel(_Strict):
    """The languages whose texts are authentic (the final clauses)."""
    languages: list[Language] = Field(min_length=1)
    source: Sources
    verified: bool = True
    note: Optional[str] = None


class TreatySeriesModel(_Strict):
    """The instrument's treaty-series reference (UNTS volume and page, or registration number)."""
    reference: Optional[str] = Field(None, description="e.g. '34 UNTS 243'; absent: not located or not registered.")
    status: Literal["located", "not_located", "not_registered"] = "located"
    source: Optional[Sources] = None
    verified: bool = True
    note: Optional[str] = None


class InstrumentModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    short_name: Optional[str] = Field(None, description="How a provision of it is named in text: 'CST' in 'CST Art. 4'.")
    kind: Literal["treaty", "protocol", "charter", "decision", "regulation", "agreement"]
    signed: Optional[DatedModel] = None
    in_force: Optional[Union[DatedModel, WindowModel]] = None
    effective_from: Optional[DatedModel] = None
    authentic: Optional[AuthenticTextsModel] = None
    treaty_series: Optional[TreatySeriesModel] = None
    verified: bool = True
    note: Optional[str] = None


class MembershipModel(_Interval):
    state: str
    treaty: Treaty
    status: MembershipStatus
    from_: Day = Field(alias="from")
    from_proven_by: Optional[ProvenModel] = Field(
        None, description="When the day the status began was not located: 'from' is the earliest it can "
                          "have begun, this the day by which it is proven; in between it is not established.")


class TitleModel(_Interval):
    state: str
    start_convention: Optional[str] = Field(
        None, description="The 'from' day is a convention, not a located date (e.g. the USSR's end): "
                          "'verified' then speaks of the title, not of its first day.")


class ThroughModel(_Interval):
    """The State the local authorities controlling a place act for, on the reading
    control_attribution = through_local_authorities."""
    state: str


class ControlModel(_Interval):
    controller: str
    through: Optional[ThroughModel] = Field(None, description="A State said to control the place through the "
                                                              "controller (a reading, with its source).")


class OrganModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    name_ru: Optional[str] = None
    source: Sources


OrganisationKind = Literal["military_alliance", "grouping_of_states", "cooperation_programme", "integration_union"]


class OrganisationModel(_Strict):
    id: Treaty
    name: str
    kind: OrganisationKind
    form: Literal["multilateral", "bilateral"] = "multilateral"
    instrument: Optional[str] = Field(None, description="The instrument of facts/instruments.yaml that creates it.")
    source: Sources
    note: Optional[str] = None
    organs: list[OrganModel] = Field([], description="The organs that take its decisions; the first decides "
                                                     "unless a decision names another.")


class BaseModel_(_Interval):
    """Forces or military infrastructure of one state on another's territory."""
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    deployer: str
    host: str
    from_: Day = Field(alias="from")
    consultations: Optional[Literal["none"]] = Field(
        None, description="'none': the record states that the host held no urgent consultations with the other "
                          "CSTO members before the stationing (absent: the record does not say).")

    @field_validator("consultations", mode="before")
    @classmethod
    def _none_not_no(cls, value):
        if isinstance(value, bool):   # YAML reads an unquoted no / false as a boolean
            raise ValueError("consultations: expected none (the record states that none were held); "
                             "leave it out when the record does not say")
        return value


class ArrearsModel(_Interval):
    state: str
    organisation: Treaty
    from_: Day = Field(alias="from")


class TerritoryModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    iso: list[str] = Field([], description="ISO 3166-1 alpha-3 codes that name this place (GUM for Guam).")
    kind: Literal["land", "sea"] = "land"
    art6_area: Union[LandArea, SeaArea]
    occupation_zone_1949: bool = False
    area_source: Sources
    sovereignty: list[TitleModel] = []
    control: list[ControlModel] = []
    claims: list[TitleModel] = []
    note: Optional[str] = None


class SourcesFile(_Strict):
    sources: list[SourceModel]


class StatesFile(_Strict):
    states: list[StateModel]


class InstrumentsFile(_Strict):
    instruments: list[InstrumentModel]


class MembershipsFile(_Strict):
    memberships: list[MembershipModel]


class TerritoriesFile(_Strict):
    territories: list[TerritoryModel]


class OrganisationsFile(_Strict):
    organisations: list[OrganisationModel]


class BasesFile(_Strict):
    bases: list[BaseModel_]


class StandingFile(_Strict):
    arrears: list[ArrearsModel] = []


class AcceptanceModel(_Strict):
    """A Party's notification of acceptance of an accession protocol: its day,
    or the span in which it fell when the day was not located."""
    state: str
    date: Optional[Day] = None
    not_before: Optional[Day] = None
    by: Optional[Day] = None
    source: Sources
    note: Optional[str] = None


class OthersByModel(_Strict):
    date: Day
    source: Sources
    note: Optional[str] = None


class AccessionProtocolModel(_Strict):
    protocol: str
    treaty: Treaty
    state: str
    acceptances: list[AcceptanceModel] = []
    others_by: Optional[OthersByModel] = None
    instrument_of_accession: Optional[DatedModel] = None


class AccessionsFile(_Strict):
    accession_protocols: list[AccessionProtocolModel] = []


# --- Plain records (what the engine works with) ------------------------------

@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    where: Optional[str]
    verified: bool
    note: Optional[str] = None


@dataclass(frozen=True)
class Fact:
    """One sourced fact: the unit the rules cite as evidence."""
    id: str
    kind: str                   # membership | sovereignty | control | claim | ...
    statement: str              # the fact in one English sentence
    sources: tuple[str, ...]    # source ids (world) ...
    source_text: Optional[str] = None   # ... or free text (scenario)
    verified: bool = True
    atoms: tuple = ()           # ((predicate, args...), ...): see Const
    note: Optional[str] = None  # the record's own caveat, shown with it


@dataclass
class StateRecord:
    """What the world knows of a State besides its facts: dates of statehood
    (ISO text, None when open), names in time, other codes, successors."""
    code: str
    name: str
    start: Optional[str] = None
    end: Optional[str] = None
    home: str = ""
    standing: str = "member"
    standing_note: Optional[str] = None
    names: list = field(default_factory=list)        # [(name, from, until)]
    aliases: list = field(default_factory=list)      # [(code, from, until)]
    successors: list = field(default_factory=list)
    before: list = field(default_factory=list)       # [(holder, until)]: who held its home before statehood
    search: list = field(default_factory=list)       # every name and code a user may type (ISO 3166 through pycountry)

    def exists_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day.isoformat()) and (self.end is None or day.isoformat() <= self.end)

    def name_on(self, day: Optional[dt.date]) -> str:
        if day is not None:
            for name, start, end in self.names:
                if (start is None or start <= day.isoformat()) and (end is None or day.isoformat() <= end):
                    return name
        return self.name


@dataclass
class World:
    """The knowledge base after validation: sources, names and sourced facts."""
    sources: dict[str, Source] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)
    states: dict[str, StateRecord] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)   # another code -> the State's code
    place_codes: dict[str, str] = field(default_factory=dict)   # an ISO code of a place that is no State -> its id
    instruments: dict[str, InstrumentModel] = field(default_factory=dict)
    territory_names: dict[str, str] = field(default_factory=dict)
    base_names: dict[str, str] = field(default_factory=dict)
    organs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # organisation -> [(id, name)], first decides
    treaty_names: dict[str, str] = field(default_factory=lambda: dict(TREATY_NAMES))   # treaty or organisation -> name
    facts: dict[str, Fact] = field(default_factory=dict)

    def add(self, fact: Fact, file: str) -> None:
        if fact.id in self.facts:
            raise InputError(file, f"states the fact '{fact.id}' twice",
                             expected="one record per fact")
        # verified means seen in a retrieved copy of a cited source: a fact none of whose
        # sources was retrieved is not verified, whatever its record says
        if fact.verified and fact.sources and not any(
                self.sources[s].verified for s in fact.sources if s in self.sources):
            fact = replace(fact, verified=False)
        self.facts[fact.id] = fact

    def state_name(self, code: str, on: Optional[dt.date] = None) -> str:
        """The State's name, on a date when given (the USSR, before 1991-12-26, for RUS)."""
        record = self.states.get(code.upper())
        if record is not None and on is not None:
            return record.name_on(on)
        return self.state_names.get(code.upper(), code.upper())

    def place_name(self, territory: str) -> str:
        return self.territory_names.get(territory, territory)


def _load(path: Path, model: type[BaseModel]) -> tuple[BaseModel, Document]:
    doc = read_document(path, name=f"facts/{path.name}", max_bytes=16 * 1024 * 1024)
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        raise_first(exc, doc)


def _ids(value: Sources) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def load_world(facts_dir: Path) -> World:
    """Read facts/ and check its references (sources, states, territories): one step per
    file, in this order (each may cite what the ones before it defined)."""
    world = World()
    sources, _ = _load(facts_dir / "sources.yaml", SourcesFile)
    for s in sources.sources:
        world.sources[s.id] = Source(s.id, s.citation, s.where, s.verified, s.note)
    _add_states(world, _load(facts_dir / "states.yaml", StatesFile)[0])
    _add_instruments(world, _load(facts_dir / "instruments.yaml", InstrumentsFile)[0])
    _add_organisations(world, _load(facts_dir / "organisations.yaml", OrganisationsFile)[0])
    _add_memberships(world, _load(facts_dir / "memberships.yaml", MembershipsFile)[0])
    bases = _load(facts_dir / "bases.yaml", BasesFile)[0]
    for i, b in enumerate(bases.bases):
        srcs = _check_sources(world, b.source, "facts/bases.yaml", f"bases[{i}].source")
        world.add(base_fact(b, world, "facts/bases.yaml", f"bases[{i}]", srcs, None), "facts/bases.yaml")
    _add_arrears(world, _load(facts_dir / "standing.yaml", StandingFile)[0])
    _add_accessions(world, _load(facts_dir / "accessions.yaml", AccessionsFile)[0])
    _add_territories(world, _load(facts_dir / "territories.yaml", TerritoriesFile)[0])
    _refuse_faults("facts/bases.yaml", "bases", [(i, b.from_, b.until, None) for i, b in enumerate(bases.bases)])
    return world


def _check_sources(world: World, value: Sources, file: str, where: str) -> tuple[str, ...]:
    """The source ids a record cites, each one known."""
    ids = _ids(value)
    if not ids:
        raise InputError(file, "has no source", field=where, expected="at least one source id")
    for sid in ids:
        if sid not in world.sources:
            raise InputError(file, f"cites the unknown source '{sid}'", field=where,
                             hint=did_you_mean(sid, world.sources) or "add it to facts/sources.yaml")
    return ids


def _add_states(world: World, states: StatesFile) -> None:
    for st in states.states:
        world.state_names[st.code] = st.name
        world.states[st.code] = state_record(st, st.home or st.code.lower())
        for alias in st.aliases:
            world.aliases[alias.code] = st.code
    for i, st in enumerate(states.states):
        where = f"states[{i}]"
        for fact in state_facts(st, world, "facts/states.yaml", where,
                                lambda v, w: _check_sources(world, v, "facts/states.yaml", w)):
            world.add(fact, "facts/states.yaml")
        home = st.home or st.code.lower()
        if st.europe_contested:
            srcs = _check_sources(world, st.europe_source or [], "facts/states.yaml", f"states[{i}].europe_source")
            fid = f"europe_contested:{home}"
            world.add(Fact(fid, "europe_contested",
                           f"Whether {st.name} lies in Europe is disputed: outside it by the UN's geographic "
                           "regions (M49), a member of the Council of Europe.", srcs, verified=False,
                           atoms=(("europe_contested", fid, Const(home)),)), "facts/states.yaml")
        if st.occupation_zone_1949:
            srcs = _check_sources(world, st.occupation_source or [], "facts/states.yaml",
                                 f"states[{i}].occupation_source")
            fid = f"occupation_zone_1949:{home}"
            world.add(Fact(fid, "occupation_zone_1949",
                           f"Occupation forces of a Party were stationed in {st.name} on 24 August 1949.",
                           srcs, atoms=(("occupation_zone_1949", fid, Const(home)),)), "facts/states.yaml")


def _add_instruments(world: World, instruments: InstrumentsFile) -> None:
    for i, ins in enumerate(instruments.instruments):
        world.instruments[ins.id] = ins
        if ins.authentic is not None:
            _check_sources(world, ins.authentic.source, "facts/instruments.yaml", f"instruments[{i}].authentic.source")
        if ins.treaty_series is not None:
            if (ins.treaty_series.reference is None) == (ins.treaty_series.status == "located"):
                raise InputError("facts/instruments.yaml", "a treaty-series entry whose reference and status disagree",
                                 field=f"instruments[{i}].treaty_series",
                                 expected="a reference with status located, or none with not_located / not_registered")
            if ins.treaty_series.source is not None:
                _check_sources(world, ins.treaty_series.source, "facts/instruments.yaml",
                              f"instruments[{i}].treaty_series.source")
        if isinstance(ins.in_force, WindowModel):
            window = ins.in_force
            srcs = _check_sources(world, window.source, "facts/instruments.yaml", f"instruments[{i}].in_force.source")
            until = OPEN_END
            said = (f"{ins.name}: its entry into force was not located; it was not in force before "
                    f"{window.not_before}")
            if window.proven_by:
                srcs += _check_sources(world, window.proven_by.source, "facts/instruments.yaml",
                                      f"instruments[{i}].in_force.proven_by.source")
                until = day(window.proven_by.date)
                said += (f", and was in force by {window.proven_by.date} (whether it applied on a day in between "
                         "is not established).")
            else:
                said += (", and no date by which it was in force is located (whether it applied on a later day "
                         "is not established).")
            world.add(Fact(f"in_force:{ins.id}", "in_force", said, tuple(dict.fromkeys(srcs)), verified=False,
                           note=window.note,
                           atoms=(("instrument_in_force_window", Const(ins.id), day(window.not_before), until,
                                   f"in_force:{ins.id}"),)),
                      "facts/instruments.yaml")
        elif ins.in_force is not None:
            srcs = _check_sources(world, ins.in_force.source, "facts/instruments.yaml",
                                 f"instruments[{i}].in_force.source")
            verified = ins.verified and ins.in_force.verified is not False
            said = (f"{ins.name} is ASSUMED to apply from {ins.in_force.date} "
                    f"({ins.in_force.note or 'entry into force not located'})."
                    if ins.in_force.assumed else
                    f"{ins.name} entered into force (took effect) on {ins.in_force.date}.")
            world.add(Fact(f"in_force:{ins.id}", "in_force", said,
                           srcs, verified=verified, note=None if ins.in_force.assumed else ins.in_force.note,
                           atoms=(("instrument_in_force", Const(ins.id), day(ins.in_force.date), f"in_force:{ins.id}"),)),
                      "facts/instruments.yaml")


def _add_memberships(world: World, memberships: MembershipsFile) -> None:
    for i, m in enumerate(memberships.memberships):
        where = f"memberships[{i}]"
        _check_sources(world, m.source, "facts/memberships.yaml", where + ".source")
        if m.from_proven_by is not None:
            _check_sources(world, m.from_proven_by.source, "facts/memberships.yaml", where + ".from_proven_by.source")
        world.add(membership_fact(m, world, "facts/memberships.yaml", where, _ids(m.source), None),
                  "facts/memberships.yaml")
    _refuse_faults("facts/memberships.yaml", "memberships",
                   [(i, m.from_, m.until, (m.state.upper(), m.treaty)) for i, m in enumerate(memberships.memberships)])


def _add_organisations(world: World, organisations: OrganisationsFile) -> None:
    for i, org in enumerate(organisations.organisations):
        srcs = _check_sources(world, org.source, "facts/organisations.yaml", f"organisations[{i}].source")
        world.add(organisation_fact(org, world, "facts/organisations.yaml", f"organisations[{i}]", srcs, None),
                  "facts/organisations.yaml")
        if len({o.id for o in org.organs}) != len(org.organs):
            raise InputError("facts/organisations.yaml", "names an organ twice",
                             field=f"organisations[{i}].organs", expected="one entry per organ")
        for j, organ in enumerate(org.organs):
            osrcs = _check_sources(world, organ.source, "facts/organisations.yaml", f"organisations[{i}].organs[{j}].source")
            in_russian = f" ({organ.name_ru})" if organ.name_ru else ""
            world.add(Fact(f"organ:{org.id}:{organ.id}", "organ",
                           f"The {organ.name}{in_russian} is an organ of the {org.name}.", osrcs,
                           atoms=(("organ", f"organ:{org.id}:{organ.id}", Const(org.id), Const(organ.id)),)),
                      "facts/organisations.yaml")
        world.organs[org.id] = [(o.id, o.name) for o in org.organs]


def _add_arrears(world: World, standing: StandingFile) -> None:
    for i, a in enumerate(standing.arrears):
        srcs = _check_sources(world, a.source, "facts/standing.yaml", f"arrears[{i}].source")
        state = known_state(a.state, world, "facts/standing.yaml", f"arrears[{i}].state")
        fid = f"arrears:{state}:{a.organisation}:{a.from_}"
        world.add(Fact(fid, "arrears",
                       f"{world.state_name(state)} has been in arrears with its contributions to the "
                       f"{world.treaty_names[a.organisation]}{_span(a)}.", srcs, verified=a.verified,
                       atoms=(("arrears", fid, Const(state), Const(a.organisation), day(a.from_),
                               day_after(a.until)),)), "facts/standing.yaml")


def _add_accessions(world: World, accessions: AccessionsFile) -> None:
    """Accession protocols, the Parties' acceptances of them, and the instruments of accession."""
    file = "facts/accessions.yaml"
    for i, a in enumerate(accessions.accession_protocols):
        where = f"accession_protocols[{i}]"
        if a.protocol not in world.instruments:
            raise InputError(file, f"names the unknown instrument '{a.protocol}'", field=where + ".protocol",
                             hint=did_you_mean(a.protocol, world.instruments) or "add it to facts/instruments.yaml")
        if a.treaty not in world.treaty_names:
            raise InputError(file, f"names the unknown treaty '{a.treaty}'", field=where + ".treaty",
                             hint=did_you_mean(a.treaty, world.treaty_names))
        state = known_state(a.state, world, file, where + ".state")
        protocol = world.instruments[a.protocol]
        srcs = _ids(protocol.signed.source) if protocol.signed else ()
        world.add(Fact(f"accession_protocol:{a.protocol}", "accession_protocol",
                       f"The {protocol.name}" + (f", signed on {protocol.signed.date}," if protocol.signed else "") +
                       " enters into force when every Party has notified the United States Government of its "
                       "acceptance (Art. II).", srcs,
                       atoms=(("accession_protocol", f"accession_protocol:{a.protocol}", Const(a.protocol),
                               Const(a.treaty), Const(state), day(protocol.signed.date) if protocol.signed else 0),)),
                  file)
        for j, acc in enumerate(a.acceptances):
            at = f"{where}.acceptances[{j}]"
            party = known_state(acc.state, world, file, at + ".state")
            asrcs = _check_sources(world, acc.source, file, at + ".source")
            fid = f"acceptance:{a.protocol}:{party}"
            if acc.date is not None and acc.not_before is None and acc.by is None:
                when, atom = f"on {acc.date}", ("protocol_acceptance", fid, Const(a.protocol), Const(party),
                                                day(acc.date))
            elif acc.date is None and acc.not_before is not None and acc.by is not None and acc.not_before <= acc.by:
                when, atom = (f"between {acc.not_before} and {acc.by} (the day was not located)",
                              ("protocol_acceptance_by", fid, Const(a.protocol), Const(party), day(acc.by)))
            else:
                raise InputError(file, "gives neither a day nor a span for the acceptance", field=at,
                                 expected="date, or not_before and by (not_before on or before by)")
            world.add(Fact(fid, "acceptance", f"{world.state_name(party)} notified its acceptance of the "
                           f"{protocol.name} {when}.", asrcs, atoms=(atom,)), file)
        if a.others_by is not None:
            osrcs = _check_sources(world, a.others_by.source, file, where + ".others_by.source")
            fid = f"acceptance:{a.protocol}:others"
            world.add(Fact(fid, "acceptance", f"Every other Party had notified its acceptance of the {protocol.name} "
                           f"on or before {a.others_by.date} (their own days are not recorded).", osrcs,
                           atoms=(("protocol_acceptance_by", fid, Const(a.protocol), Const("others"),
                                   day(a.others_by.date)),)), file)
        if a.instrument_of_accession is not None:
            isrcs = _check_sources(world, a.instrument_of_accession.source, file,
                                   where + ".instrument_of_accession.source")
            fid = f"accession:{state}:{a.treaty}"
            world.add(Fact(fid, "accession", f"{world.state_name(state)} deposited its instrument of accession to the "
                           f"{world.treaty_names[a.treaty]} on {a.instrument_of_accession.date} (Art. 10).", isrcs,
                           atoms=(("instrument_of_accession", fid, Const(state), Const(a.treaty),
                                   day(a.instrument_of_accession.date)),)), file)


def _add_territories(world: World, territories: TerritoriesFile) -> None:
    for i, t in enumerate(territories.territories):
        where = f"territories[{i}]"
        if t.id.upper() in world.state_names:
            raise InputError("facts/territories.yaml", f"territory id '{t.id}' is a state's home territory",
                             field=where + ".id", expected="an id that is not a lower-case state code")
        for fact in territory_facts(t, world, "facts/territories.yaml", where,
                                    lambda v, w: _check_sources(world, v, "facts/territories.yaml", w)):
            world.add(fact, "facts/territories.yaml")
        _refuse_faults("facts/territories.yaml", f"{where}.sovereignty",
                       [(j, s.from_, s.until, "title") for j, s in enumerate(t.sovereignty)])
        for part in ("control", "claims"):
            _refuse_faults("facts/territories.yaml", f"{where}.{part}",
                           [(j, c.from_, c.until, None) for j, c in enumerate(getattr(t, part))])


def _refuse_faults(file: str, where: str, spans: list) -> None:
    """The first inverted or overlapping interval of these records, as an error naming it."""
    for kind, i, message in intervals.faults(spans):
        raise InputError(file, message.replace(" overlaps [", f" overlaps {where}["), field=f"{where}[{i}]",
                         expected="intervals that begin before they end" if kind == "inverted_interval" else
                         "one record at a time for this key (end the earlier one the day before the next begins)")


def known_state(code: str, world: World, file: str, where: str) -> str:
    """The State's code (another code of the same State, such as SUN for RUS,
    gives the State's own), or an InputError suggesting codes by name and by spelling."""
    if isinstance(code, str):
        if code.upper() in world.state_names:
            return code.upper()
        if code.upper() in world.aliases:
            return world.aliases[code.upper()]
    raise InputError(file, f"unknown state '{code}'", field=where,
                     expected=f"the code of a State (ISO 3166-1 alpha-3, e.g. ARM) — 'foedus states --search "
                              f"TEXT' finds it among the {len(world.state_names)} States foedus knows",
                     hint=suggest_state(str(code), world))


def suggest_state(text: str, world: World) -> Optional[str]:
    """'did you mean' for a State: by its names first (Argentina -> ARG), then by the spelling of codes."""
    found = find_states(text, world)[:3]
    if found:
        return "did you mean " + " or ".join(f"'{s.code}' ({s.name})" for s in found) + "?"
    return did_you_mean(text, list(world.state_names) + list(world.aliases))


def find_places(text: str, world: World) -> list[str]:
    """Place ids whose id, name or ISO code matches the text (exact, then
    beginning, then containing it); a State's code gives its home territory."""
    needle = text.strip().casefold()
    codes: dict[str, set[str]] = {}
    for code, place in world.place_codes.items():
        codes.setdefault(place, set()).add(code.casefold())
    for record in world.states.values():
        codes.setdefault(record.home, set()).update(n.casefold() for n in record.search)
    ranked = []
    for place, name in world.territory_names.items():
        rank = _match_rank(needle, {place.casefold(), place.replace("_", " ").casefold(), name.casefold()}
                           | codes.get(place, set()))
        if rank is not None:
            ranked.append((rank, place))
    return [place for _, place in sorted(ranked)]


def _match_rank(needle: str, names) -> Optional[int]:
    """0: a name is the text; 1: a name begins with it; 2: a name contains it (3+ letters); None: no match."""
    if needle in names:
        return 0
    if any(n.startswith(needle) for n in names):
        return 1
    return 2 if len(needle) > 2 and any(needle in n for n in names) else None


def find_states(text: str, world: World) -> list[StateRecord]:
    """States whose code, names or ISO names match the text: exact matches
    first, then those a name begins with it, then those containing it."""
    needle = text.strip().casefold()
    if not needle:
        return sorted(world.states.values(), key=lambda s: s.code)
    ranked = []
    for record in world.states.values():
        rank = _match_rank(needle, {n.casefold() for n in record.search})
        if rank is not None:
            ranked.append((rank, record.code, record))
    return [record for _, _, record in sorted(ranked)]


def organisation_fact(org: OrganisationModel, world: World, file: str, where: str,
                      sources: tuple[str, ...], source_text: Optional[str], prefix: str = "") -> Fact:
    """An alliance, grouping or programme States belong to (CST Art. 1 and Art. 8 read its kind)."""
    if org.instrument is not None and org.instrument not in world.instruments:
        raise InputError(file, f"names an unknown instrument '{org.instrument}'", field=where + ".instrument",
                         expected="an instrument id of facts/instruments.yaml",
                         hint=did_you_mean(org.instrument, world.instruments))
    world.treaty_names.setdefault(org.id, org.name)
    fid = f"{prefix}organisation:{org.id}"
    form = "bilateral " if org.form == "bilateral" else ""
    return Fact(fid, "organisation", f"The {org.name} is a {form}{org.kind.replace('_', ' ')}.", sources,
                source_text, atoms=(("organisation_kind", fid, Const(org.id), Const(org.kind)),),
                note=org.note if prefix else None)


def membership_fact(m: MembershipModel, world: World, file: str, where: str,
                    sources: tuple[str, ...], source_text: Optional[str],
                    prefix: str = "") -> Fact:
    state = known_state(m.state, world, file, where + ".state")
    if m.treaty not in world.treaty_names:
        raise InputError(file, f"names an unknown treaty '{m.treaty}'", field=where + ".treaty",
                         expected="a treaty or organisation id: " + ", ".join(sorted(world.treaty_names)) +
                                  " (a scenario may add one under world.add.organisations)",
                         hint=did_you_mean(m.treaty, world.treaty_names))
    if m.until is not None and m.until < m.from_:
        raise InputError(file, f"ends ({m.until}) before it begins ({m.from_})", field=where + ".until",
                         expected="'until' on or after 'from'")
    name = world.state_name(state)
    until = f"until {m.until}" if m.until else "with no end recorded"
    fid = f"{prefix}membership:{state}:{m.treaty}:{m.from_}"
    atoms = (("membership", fid, Const(state), Const(m.treaty), Const(m.status), day(m.from_),
              day_after(m.until)),)
    start = f"from {m.from_}"
    if m.from_proven_by is not None:
        if m.from_proven_by.date < m.from_:
            raise InputError(file, f"is proven ({m.from_proven_by.date}) before it can begin ({m.from_})",
                             field=where + ".from_proven_by.date", expected="a date on or after 'from'")
        atoms += (("membership_start_unlocated", fid, day(m.from_proven_by.date)),)
        start = (f"from a day not located, not before {m.from_} and no later than {m.from_proven_by.date}"
                 f" ({m.from_proven_by.note or 'the start of its status is not established in between'})")
        if not prefix:   # a world fact: its sources are ids of facts/sources.yaml
            sources = tuple(dict.fromkeys(sources + _ids(m.from_proven_by.source)))
    return Fact(fid, "membership",
                f"{name} held the status '{m.status}' under the {world.treaty_names[m.treaty]} "
                f"{start} {until}.", sources, source_text, m.verified, note=m.note, atoms=atoms)


def membership_treaty(fact: Fact) -> str:
    """The treaty or organisation a membership fact (membership_fact) is held under."""
    return str(fact.atoms[0][3])


def base_fact(b: BaseModel_, world: World, file: str, where: str, sources: tuple[str, ...],
              source_text: Optional[str], prefix: str = "") -> Fact:
    deployer = known_state(b.deployer, world, file, where + ".deployer")
    host = known_state(b.host, world, file, where + ".host")
    if b.until is not None and b.until < b.from_:
        raise InputError(file, f"ends ({b.until}) before it begins ({b.from_})", field=where + ".until",
                         expected="'until' on or after 'from'")
    fid = f"{prefix}base:{b.id}"
    world.base_names[fid] = b.name
    atoms = (("stationed", fid, Const(deployer), Const(host), day(b.from_), day_after(b.until)),)
    said = ""
    if b.consultations == "none":
        atoms += (("no_base_consultation", fid),)
        said = " The record states that no urgent consultations with the other members preceded it."
    return Fact(fid, "base", f"{b.name}: forces or military infrastructure of {world.state_name(deployer)} "
                             f"on the territory of {world.state_name(host)}{_span(b)}.{said}",
                sources, source_text, b.verified, atoms=atoms, note=b.note)


def territory_facts(t: TerritoryModel, world: World, file: str, where: str, sources_of,
                    prefix: str = "", source_text: Optional[str] = None) -> list[Fact]:
    """The facts one territory record states: area, title, control, claims."""
    world.territory_names[t.id] = t.name
    for code in t.iso:
        if code in world.state_names or world.place_codes.get(code, t.id) != t.id:
            raise InputError(file, f"the code '{code}' already names "
                                   f"{world.state_name(code) if code in world.state_names else world.place_codes[code]}",
                             field=where + ".iso", expected="an ISO 3166-1 code of this place alone")
        world.place_codes[code] = t.id
    fid = f"{prefix}art6_area:{t.id}"
    facts = [Fact(fid, "art6_area",
                  f"{t.name} lies in the Art. 6 area '{t.art6_area}'.",
                  sources_of(t.area_source, where + ".area_source"), source_text,
                  atoms=(("art6_area", fid, Const(t.id), Const(t.art6_area)),))]
    facts.append(Fact(f"{prefix}territory:{t.id}", "territory", f"{t.name} is a {t.kind} area.",
                      sources_of(t.area_source, where + ".area_source"), source_text,
                      atoms=(("territory", Const(t.id), Const(t.kind)),)))
    if t.occupation_zone_1949:
        fid = f"{prefix}occupation_zone_1949:{t.id}"
        facts.append(Fact(fid, "occupation_zone_1949",
                          f"Occupation forces of a Party were stationed in {t.name} on 24 August 1949.",
                          sources_of(t.area_source, where + ".area_source"), source_text,
                          atoms=(("occupation_zone_1949", fid, Const(t.id)),)))
    for j, s in enumerate(t.sovereignty):
        w = f"{where}.sovereignty[{j}]"
        state = known_state(s.state, world, file, w + ".state")
        fid = f"{prefix}sovereignty:{t.id}:{state}:{s.from_ or 'always'}"
        convention = f" (its first day a convention: {s.start_convention})" if s.start_convention else ""
        facts.append(Fact(fid, "sovereignty",
                          f"{world.state_name(state)} held de jure title to {t.name}{_span(s)}{convention}.",
                          sources_of(s.source, w + ".source"), source_text, s.verified, note=s.note,
                          atoms=(("sovereignty", fid, Const(t.id), Const(state),
                                 day(s.from_) if s.from_ else 0, day_after(s.until)),)))
    for j, c in enumerate(t.control):
        w = f"{where}.control[{j}]"
        fid = f"{prefix}control:{t.id}:{c.from_ or 'always'}"
        span = (day(c.from_) if c.from_ else 0, day_after(c.until))
        atoms = (("control", fid, Const(t.id), c.controller) + span,)
        controller = c.controller
        if c.controller.upper() in world.state_names:     # a state: usable by the de facto reading
            controller = world.state_name(c.controller)
            atoms += (("state_control", fid, Const(t.id), Const(c.controller.upper())) + span,)
        facts.append(Fact(fid, "control", f"{controller} held de facto control of {t.name}{_span(c)}.",
                          sources_of(c.source, w + ".source"), source_text, c.verified, note=c.note,
                          atoms=atoms))
        if c.through is not None:
            via = c.through
            state = known_state(via.state, world, file, w + ".through.state")
            tid = f"{prefix}control_through:{t.id}:{state}:{via.from_ or 'always'}"
            facts.append(Fact(tid, "control_through",
                              f"{world.state_name(state)} controlled {t.name} through {controller}{_span(via)} "
                              "(on the reading control_attribution = through_local_authorities).",
                              sources_of(via.source, w + ".through.source"), source_text, via.verified,
                              note=via.note,
                              atoms=(("control_through", tid, Const(t.id), Const(state),
                                      day(via.from_) if via.from_ else 0, day_after(via.until)),)))
    for j, c in enumerate(t.claims):
        w = f"{where}.claims[{j}]"
        state = known_state(c.state, world, file, w + ".state")
        fid = f"{prefix}claim:{t.id}:{state}:{c.from_ or 'always'}"
        facts.append(Fact(fid, "claim",
                          f"{world.state_name(state)} claimed {t.name} without recognised title{_span(c)}.",
                          sources_of(c.source, w + ".source"), source_text, c.verified, note=c.note,
                          atoms=(("claim", fid, Const(t.id), Const(state),
                                 day(c.from_) if c.from_ else 0, day_after(c.until)),)))
    return facts


def state_facts(st: StateModel, world: World, file: str, where: str, sources_of, prefix: str = "",
                source_text: Optional[str] = None) -> list[Fact]:
    """The facts one State record states: that it is a State, its title to its
    home territory from its statehood, who held that title before, and where
    the home territory lies for NAT Art. 6. A State whose home is a listed
    territory (the GDR's: former_gdr) has its titles in that territory's record."""
    home = st.home or st.code.lower()
    sources = sources_of(st.source, where + ".source")
    for j, code in enumerate(st.successors):
        known_state(code, world, file, f"{where}.successors[{j}]")
    assumed = f" — {st.standing_note}" if st.standing in ("contested", "observer") and st.standing_note else ""
    facts = [Fact(f"{prefix}state:{st.code}", "state", f"{st.name} is a State{_span(st)}{assumed}.", sources,
                  source_text, atoms=(("state", Const(st.code)),))]
    if st.home:
        return facts
    world.territory_names[home] = f"the territory of {st.name}"
    fid = f"{prefix}sovereignty:{home}:{st.code}"
    # title to its own territory starts at statehood, marked by what made the State (not UN
    # admission, not the code lists); undated, it is the knowledge base's convention, said so
    if st.from_:
        if st.from_source is None and source_text is None:
            raise InputError(file, f"the State {st.code} is dated without what marks its statehood",
                             field=f"{where}.from_source", expected="the source of the day its statehood began")
        convention = f" (its first day a convention: {st.from_convention})" if st.from_convention else ""
        title_sources = sources_of(st.from_source, where + ".from_source") if st.from_source else sources
        said = f"{st.name} holds title to its own territory from its statehood on {st.from_}{convention}" + \
            (f" until {st.until}" if st.until else "") + "."
    else:
        title_sources = sources_of(["statehood_undated"], where + ".source") if source_text is None else sources
        said = (f"{st.name} holds title to its own territory; its statehood is not dated (a State before the period "
                "the knowledge base covers, or a case its Limits name)" + (f", until {st.until}" if st.until else "") + ".")
    facts.append(Fact(fid, "sovereignty", said, title_sources,
                      source_text, atoms=(("sovereignty", fid, Const(home), Const(st.code),
                                           day(st.from_) if st.from_ else 0, day_after(st.until)),)))
    for j, prior in enumerate(st.before):
        w = f"{where}.before[{j}]"
        holder = known_state(prior.state, world, file, w + ".state")
        fid = f"{prefix}sovereignty:{home}:{holder}:{prior.from_ or 'always'}"
        facts.append(Fact(fid, "sovereignty",
                          f"{world.state_name(holder, prior.until)} held title to the territory of {st.name}"
                          f"{_span(prior)}.", sources_of(prior.source, w + ".source"), source_text,
                          prior.verified, note=prior.note,
                          atoms=(("sovereignty", fid, Const(home), Const(holder),
                                  day(prior.from_) if prior.from_ else 0, day_after(prior.until)),)))
    _refuse_faults(file, f"{where}.before", [(j, p.from_, p.until, "title") for j, p in enumerate(st.before)]
                   + [(len(st.before), st.from_, st.until, "title")])
    fid = f"{prefix}art6_area:{home}"
    facts.append(Fact(fid, "art6_area", f"The home territory of {st.name} lies in the Art. 6 area "
                                        f"'{st.home_art6_area}'.", sources, source_text,
                      atoms=(("art6_area", fid, Const(home), Const(st.home_art6_area)),
                             ("territory", Const(home), Const("land")))))
    return facts


def state_record(st: StateModel, home: str) -> StateRecord:
    """The State's record, with every name and code a user may type for it:
    its own, its aliases' and ISO 3166's (through pycountry, which keeps ISO
    3166-1 and the formerly used codes of ISO 3166-3)."""
    iso = lambda d: d.isoformat() if d else None   # noqa: E731
    search = {st.code, st.name} | {n.name for n in st.names} | {a.code for a in st.aliases}
    for entry in _iso_entries(st.code):
        search |= {getattr(entry, k) for k in ("name", "official_name", "common_name", "alpha_2", "alpha_4")
                   if getattr(entry, k, None)}
    return StateRecord(st.code, st.name, iso(st.from_), iso(st.until), home, st.standing, st.standing_note,
                       [(n.name, iso(n.from_), iso(n.until)) for n in st.names],
                       [(a.code, iso(a.from_), iso(a.until)) for a in st.aliases],
                       list(st.successors), [(b.state, iso(b.until)) for b in st.before], sorted(search))


def _iso_entries(code: str) -> list:
    import pycountry
    out = [pycountry.countries.get(alpha_3=code)]
    out += [c for c in pycountry.historic_countries if c.alpha_3 == code]
    return [c for c in out if c is not None]


def _span(x) -> str:
    start = f" from {x.from_}" if x.from_ else ""
    end = f" until {x.until}" if x.until else ""
    return start + end
