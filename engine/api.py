"""The Python API: a long-lived Engine that loads the rules and the world once
and assesses any number of scenarios. The CLI is a thin shell over it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

import clingo
from pydantic import ValidationError

from . import __version__, budget
from .catalogue import Catalogue, build_catalogue
from .documents import Document
from .errors import FoedusError, InputError, KnowledgeBaseError, did_you_mean
from .explain import Explainer, FactIndex
from .knowledge import (
    KnowledgeBase,
    cache_load,
    cache_store,
    data_dir,
    derived_digest,
    load_knowledge_base,
)
from .scenario import ResolvedScenario, Scenario, load_scenario, resolve
from .solve import COMBINATION_CEILING, solve, solve_explored
from .symbols import to_symbol
from .verdict import (
    AuditReport,
    BriefVerdict,
    CaseList,
    CaseReport,
    ClaimsReport,
    EngineInfo,
    MemberEntry,
    ProvisionEntry,
    ProvisionList,
    ProvisionVersion,
    ReadingEntry,
    ReadingList,
    ReadingsInfo,
    PlaceEntry,
    PlaceList,
    ScenarioInfo,
    StandingEntry,
    StateEntry,
    StateList,
    TreatyParties,
    Verdict,
    WorldView,
)
from .world import TREATY_NAMES, Const, day

if TYPE_CHECKING:
    from .cases import Case
    from .factanswers import FactAnswers

ScenarioInput = Union[Scenario, dict, str, Path]


class Engine:
    """Loads the knowledge base once; `assess` answers one scenario."""

    def __init__(self, rules_dir: Optional[Path] = None, facts_dir: Optional[Path] = None):
        budget.prepare_process()
        self.facts_dir = facts_dir or data_dir("facts")
        try:
            self.kb: KnowledgeBase = load_knowledge_base(rules_dir, self.facts_dir)
        except InputError as exc:
            if rules_dir is None and facts_dir is None:   # the built-in files: a defect of foedus, not input
                raise KnowledgeBaseError(str(exc)) from None
            raise
        cached = cache_load("catalogue", self.kb.digest)
        if cached is None:
            catalogue = build_catalogue(self.kb)
            self.kb.derived["catalogue"] = cache_store("catalogue", self.kb.digest, catalogue)
        else:
            catalogue, self.kb.derived["catalogue"] = cached
        self.catalogue: Catalogue = catalogue
        # answer sets asked of clingo: no more than the readings can combine into
        self.max_models = min(catalogue.combinations, COMBINATION_CEILING)
        self._cases: Optional[dict] = None
        self._briefs = None
        self._fulls = None
        self._fact_answers = None

    # -- scenarios ------------------------------------------------------------
    def resolve(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> ResolvedScenario:
        """Validate a scenario (model, mapping or file path) against the world;
        `readings` pin contested readings (they override the scenario's own)."""
        doc: Optional[Document] = None
        if isinstance(scenario, (str, Path)):
            scenario, doc = load_scenario(scenario)
        elif isinstance(scenario, dict):
            try:
                scenario = Scenario.model_validate(scenario)
            except ValidationError as exc:
                from .validation import raise_first
                raise_first(exc, Document("<scenario>", scenario))
        resolved = resolve(scenario, self.kb.world, doc, frozenset(self.catalogue.provisions))
        self.check_readings(resolved.readings, doc.name if doc else "<scenario>",
                            lambda name: doc.line_of(("readings", name)) if doc else None, "readings.")
        self.check_readings(readings or {}, "--reading")
        resolved.readings.update(readings or {})
        budget.check_size(sum(1 for _ in self._scenario_atoms(resolved)))
        return resolved

    def check_readings(self, readings: dict[str, str], file: str, line_of=lambda name: None,
                       prefix: str = "") -> None:
        """Only readings that can be chosen (they have a default) may be pinned, to one of their values."""
        cat = self.catalogue
        for name, value in readings.items():
            if name in cat.reading_defaults and (name, value) in cat.readings:
                continue
            values = sorted(v for n, v in cat.readings if n == name) if name in cat.reading_defaults else []
            raise InputError(file, f"unknown reading {name}={value}", field=prefix + name, line=line_of(name),
                             expected=("one of " + ", ".join(values)) if values else
                             "a reading listed by 'foedus readings'",
                             hint=None if values else did_you_mean(name, cat.reading_defaults))

    def assess(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> Verdict:
        """The verdict for a scenario: every provision, every state concerned;
        `readings` pin contested readings, the others are explored."""
        return self.assess_resolved(self.resolve(scenario, readings))

    def brief(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> BriefVerdict:
        """The verdict without its explanation (see `briefs`)."""
        return self.briefs([scenario], readings)[0]

    def briefs(self, scenarios: list[ScenarioInput], readings: Optional[dict[str, str]] = None) -> list[BriefVerdict]:
        """Brief verdicts for many scenarios, grounded together in chunks: the
        fast way through a generated space. Raises the first scenario's error
        (invalid input, solver limit); batch.assess_many reports each instead."""
        return _raise_first(self.brief_resolved([self.resolve(s, readings) for s in scenarios]))

    def brief_resolved(self, resolved: list[ResolvedScenario]) -> list:
        """Brief verdicts in order; a scenario that could not be assessed has its error instead."""
        if self._briefs is None:
            from .brief import BriefAssessor
            self._briefs = BriefAssessor(self)
        return self._briefs.assess(resolved)

    def assess_many(self, scenarios: list[ScenarioInput], readings: Optional[dict[str, str]] = None) -> list[Verdict]:
        """Full verdicts for many scenarios, grounded together in chunks (equal to
        assess of each). Raises the first scenario's error; batch.assess_many reports each."""
        return _raise_first(self.full_resolved([self.resolve(s, readings) for s in scenarios]))

    def full_resolved(self, resolved: list[ResolvedScenario]) -> list:
        """Full verdicts in order, grounded a chunk at a time (fullchunk.py); a scenario
        that could not be assessed has its error instead."""
        if len(resolved) == 1:   # one scenario: a Control of its own costs less than building a keyed chunk
            try:
                return [self.assess_resolved(resolved[0])]
            except FoedusError as exc:
                return [exc]
        if self._fulls is None:
            from .fullchunk import FullAssessor
            self._fulls = FullAssessor(self)
        return self._fulls.assess(resolved)

    def assess_resolved(self, resolved: ResolvedScenario) -> Verdict:
        with budget.assessment():
            return self._assess(resolved)

    def _assess(self, resolved: ResolvedScenario) -> Verdict:
        cat = self.catalogue
        explainer = Explainer(solve_explored(self.kb, self._symbols(resolved), cat.reading_defaults,
                                             cat.reading_users, resolved.readings, self.max_models),
                              cat, resolved.world or self.kb.world, resolved)
        requests = explainer.question_requests()
        if requests:
            explainer.answer_question = self.fact_answers().answerers([(resolved, requests)])[0]
        assessments = explainer.assessments()
        budget.check("explaining")
        return Verdict(scenario=self._scenario_info(resolved), engine=self.provenance(),
                       readings=ReadingsInfo(pinned=dict(sorted(resolved.readings.items())),
                                             varied=explainer.varied),
                       events=explainer.events(), statehood=explainer.statehood(), assessments=assessments,
                       provisions=explainer.texts())

    def fact_answers(self) -> "FactAnswers":
        """The solver of the answers to questions of fact, built once (its rules are keyed)."""
        if self._fact_answers is None:
            from .factanswers import FactAnswers
            self._fact_answers = FactAnswers(self)
        return self._fact_answers

    def audit(self, as_of: dt.date, scenario: Optional[ScenarioInput] = None,
              readings: Optional[dict[str, str]] = None) -> AuditReport:
        """Every breach or tension on a date in the built-in world (plus a scenario)."""
        if scenario is not None:
            resolved = self.resolve(scenario, readings)
        else:
            self.check_readings(readings or {}, "--reading")
            resolved = ResolvedScenario("audit", None, as_of, "", readings=dict(readings or {}))
        resolved.as_of = as_of
        with budget.assessment():
            explainer = Explainer(solve_explored(self.kb, self._symbols(resolved, extra=[clingo.Function("audit_mode")]),
                                                 self.catalogue.reading_defaults, self.catalogue.reading_users,
                                                 resolved.readings, self.max_models), self.catalogue,
                                  resolved.world or self.kb.world, resolved)
            standing = [a for a in explainer.assessments()
                        if a.provision.id in self.catalogue.standing_provisions]
        return AuditReport(as_of=as_of.isoformat(), engine=self.provenance(),
                           scenario=self._scenario_info(resolved) if scenario is not None else None,
                           findings=explainer.audit_findings(standing), assessments=standing)

    def provenance(self, brief: bool = False) -> EngineInfo:
        """Provenance: the files' digest, and the digest of what was derived
        from them and used (the rules for briefs are rewritten: theirs too)."""
        derived = self.kb.derived
        return EngineInfo(foedus_version=__version__, knowledge_base_digest=self.kb.digest,
                          derived_digest=derived_digest(derived, ("knowledge", "catalogue")),
                          brief_rules_digest=derived.get("keyed") if brief else None)

    @staticmethod
    def _scenario_info(resolved: ResolvedScenario) -> ScenarioInfo:
        return ScenarioInfo(name=resolved.name, file=resolved.file, as_of=resolved.as_of.isoformat(),
                            digest=resolved.digest)

    def _symbols(self, resolved: ResolvedScenario, extra=()):
        retracted = set(resolved.retracted)
        for fid, atoms in self.kb.world_symbols.items():
            if fid not in retracted:
                yield from atoms
        yield from self._scenario_symbols(resolved)
        yield from extra

    @staticmethod
    def _scenario_atoms(resolved: ResolvedScenario):
        """The scenario's own atoms, as (predicate, *values): its facts, its date, its pinned readings."""
        for fact in resolved.facts:
            yield from fact.atoms
        yield ("as_of", day(resolved.as_of))
        for name, value in sorted(resolved.readings.items()):
            yield ("reading_pinned", Const(name), Const(value))

    def _scenario_symbols(self, resolved: ResolvedScenario):
        return map(to_symbol, self._scenario_atoms(resolved))

    # -- the knowledge base ---------------------------------------------------
    def provisions(self) -> ProvisionList:
        cat, out = self.catalogue, []
        for p in sorted(cat.provisions):
            instrument, article, title = cat.provisions[p]
            versions = []
            for (q, ver), v in sorted(cat.versions.items(), key=lambda kv: (kv[1]["from"] or "", kv[0])):
                if q != p:
                    continue
                versions.append(ProvisionVersion(
                    version=ver, label=v["label"], created_by=v["created_by"], in_force_from=v["from"],
                    in_force_until=v["until"], citation=v["citation"],
                    elements=[el for el, _ in cat.elements.get((p, ver), [])]))
            ins = self.kb.world.instruments.get(instrument)
            out.append(ProvisionEntry(id=p, instrument=instrument,
                                      instrument_name=ins.name if ins else instrument,
                                      article=article, title=title, versions=versions))
        return ProvisionList(provisions=out)

    # -- the case library ------------------------------------------------------
    def case_library(self) -> dict[str, "Case"]:
        """The historical episodes of facts/cases/, loaded once."""
        if self._cases is None:
            from .cases import load_library
            self._cases = load_library(self.facts_dir / "cases")
        return self._cases

    def cases(self) -> CaseList:
        from .library import list_cases
        return list_cases(self.case_library())

    def case(self, case_id: str) -> CaseReport:
        """One episode: verdicts, recorded conduct side by side, the paper's claims."""
        from .library import show_case
        library = self.case_library()
        if case_id not in library:
            raise InputError("facts/cases", f"no case '{case_id}'", expected="an id listed by 'foedus cases'",
                             hint=did_you_mean(case_id, library))
        return show_case(self, library[case_id])

    def claims(self) -> ClaimsReport:
        """The seed paper's claims, each checked against the engine's verdict."""
        from .library import claims_report
        return claims_report(self, self.case_library())

    def readings(self) -> ReadingList:
        """Every named reading with its values; defaults marked."""
        defaults = self.catalogue.reading_defaults
        return ReadingList(readings=[
            ReadingEntry(name=n, value=v, default=defaults.get(n) == v, statement=text,
                         held_by=self.catalogue.holders.get((n, v)),
                         standing=[StandingEntry(provision=p, kind=k, source=src)
                                   for p, k, src in sorted(self.catalogue.standing.get((n, v), []))],
                         used_by=sorted(p for p, names in self.catalogue.reading_users.items() if n in names))
            for (n, v), text in sorted(self.catalogue.readings.items())])

    def states(self, as_of: dt.date, search: Optional[str] = None) -> StateList:
        """The States foedus knows (or those matching a name or code), with their standing on a date."""
        from .world import find_states
        world = self.kb.world
        records = find_states(search, world) if search else sorted(world.states.values(), key=lambda r: r.code)
        bound: dict[str, list[str]] = {}
        for treaty in self.world(as_of).treaties:
            for party in treaty.parties:
                bound.setdefault(party.code, []).append(treaty.treaty)

        def span(name, start, end):
            dates = " ".join(part for part in (f"from {start}" if start else "", f"until {end}" if end else "")
                             if part)
            return f"{name} ({dates})" if dates else name
        return StateList(as_of=as_of.isoformat(), search=search, states=[StateEntry(
            code=r.code, name=r.name_on(as_of), names=[span(n, a, b) for n, a, b in r.names],
            aliases=[span(c, a, b) for c, a, b in r.aliases], standing=r.standing, standing_note=r.standing_note,
            exists=r.exists_on(as_of), statehood_from=r.start, statehood_until=r.end, successors=r.successors,
            treaties=sorted(bound.get(r.code, []))) for r in records])

    def places(self, as_of: dt.date, search: Optional[str] = None) -> PlaceList:
        """The places foedus knows (or those matching a name, id or code): holder, controllers and claimants on a date."""
        from .world import find_places
        world = self.kb.world
        ids = find_places(search, world) if search else sorted(world.territory_names)
        on = day(as_of)
        held: dict[str, dict] = {p: {"holder": None, "controllers": [], "claimants": [], "facts": []} for p in ids}
        kinds: dict[str, str] = {}
        for fact in world.facts.values():
            for atom in fact.atoms:
                if atom[0] == "territory":
                    kinds[str(atom[1])] = str(atom[2])
                elif atom[0] in ("sovereignty", "control", "claim") and str(atom[2]) in held and \
                        atom[4] <= on < atom[5]:
                    entry = held[str(atom[2])]
                    who = str(atom[3])   # a State's code, or a controller's words (the NKR authorities)
                    who = who.upper() if who.upper() in world.state_names else who
                    if atom[0] == "sovereignty":
                        entry["holder"] = who
                    else:
                        entry["controllers" if atom[0] == "control" else "claimants"].append(who)
                    entry["facts"].append(fact.id)
        codes: dict[str, set[str]] = {}
        for code, place in world.place_codes.items():
            codes.setdefault(place, set()).add(code)
        for record in world.states.values():
            codes.setdefault(record.home, set()).add(record.code)
        return PlaceList(as_of=as_of.isoformat(), search=search, places=[PlaceEntry(
            id=p, name=world.place_name(p), codes=sorted(codes.get(p, ())), kind=kinds.get(p, "land"),
            holder=held[p]["holder"], controllers=sorted(held[p]["controllers"]),
            claimants=sorted(held[p]["claimants"]), facts=sorted(held[p]["facts"])) for p in ids])

    def world(self, as_of: dt.date) -> WorldView:
        """Parties to each treaty on a date, and every special status, with sources."""
        empty = ResolvedScenario("world", None, as_of, "")
        census = [clingo.Function("census_date", [clingo.Number(day(as_of))])]
        with budget.assessment():
            answer = solve(self.kb, self._symbols(empty, extra=census), outputs=("status_on/5",))[0]
        facts = FactIndex(self.kb.world, empty)
        bound = self.catalogue.binding_statuses
        treaties = []
        for treaty in ("cst", "nato", "un_charter", "pfp"):
            rows = sorted((s, st, f) for s, t, st, d, f in answer.get("status_on", []) if t == treaty)
            entries = [MemberEntry(code=s.upper(), name=self.kb.world.state_name(s), status=st,
                                   bound=st in bound, fact=facts.ref(f)) for s, st, f in rows]
            treaties.append(TreatyParties(
                treaty=treaty, name=TREATY_NAMES[treaty],
                parties=[e for e in entries if e.bound],
                special=[e for e in entries if e.status != "party"]))
        return WorldView(as_of=as_of.isoformat(), knowledge_base_digest=self.kb.digest, treaties=treaties)


_default: Optional[Engine] = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def _raise_first(out: list) -> list:
    """Results of many scenarios, or the first one's error raised."""
    for result in out:
        if isinstance(result, FoedusError):
            raise result
    return out


def assess(scenario: ScenarioInput) -> Verdict:
    """Assess a scenario with the built-in knowledge base."""
    return default_engine().assess(scenario)


__all__ = ["Engine", "assess", "default_engine", "InputError"]
