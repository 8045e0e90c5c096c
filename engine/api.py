"""The Python API: a long-lived Engine that loads the rules and the world once
and assesses any number of scenarios, with the services (audit, the case library,
the world on a date) as methods. The CLI is a thin shell over it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import clingo

from .base import budget
from .base.documents import Document
from .core.assess import Core, ScenarioInput
from .base.errors import InputError, did_you_mean
from .explain import html as _html_view  # noqa: F401 — registers Verdict's HTML view (Jupyter)
from .explain.explainer import Explainer, FactIndex
from .models.scenario import ResolvedScenario, as_scenario
from .solve.solver import solve, solve_explored
from .models.verdict import (
    AuditReport,
    CaseList,
    CaseReport,
    ClaimReport,
    ClaimsReport,
    AwaitedAcceptance,
    MemberEntry,
    PendingChange,
    ProvisionEntry,
    ProvisionList,
    ProvisionVersion,
    ReadingEntry,
    ReadingList,
    PlaceEntry,
    PlaceList,
    StandingEntry,
    StateEntry,
    StateList,
    TreatyParties,
    Verdict,
    WhatIfReport,
    WorldView,
)
from .world.builtin import TREATY_NAMES, day, iso

if TYPE_CHECKING:
    from .services.cases import Case



class Engine(Core):
    """Loads the knowledge base once; `assess` answers one scenario."""

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
            explainer = Explainer(solve_explored(self.kb, self.symbols(resolved, extra=[clingo.Function("audit_mode")]),
                                                 self.catalogue.reading_defaults, self.catalogue.reading_users,
                                                 resolved.readings, self.max_models), self.catalogue,
                                  resolved.world or self.kb.world, resolved)
            standing = [a for a in explainer.assessments()
                        if a.provision.id in self.catalogue.standing_provisions]
        return AuditReport(as_of=as_of.isoformat(), engine=self.provenance(),
                           scenario=self.scenario_info(resolved) if scenario is not None else None,
                           findings=explainer.audit_findings(standing), assessments=standing)

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

    # -- reasoning over scenarios ---------------------------------------------
    def what_if(self, scenario: ScenarioInput, *, provision: Optional[str] = None, state: Optional[str] = None,
                max_changes: int = 3, max_cost: int = 10, top: int = 5, progress=None) -> WhatIfReport:
        """Minimal counterfactuals: for each verdict (or only `provision`'s, `state`'s), the
        smallest changes to the scenario that flip it, within the bounds."""
        from .services.whatif import what_if
        if provision and provision not in self.catalogue.provisions:
            raise InputError("what-if", f"unknown provision '{provision}'", field="provision",
                             expected="a provision listed by 'foedus provisions'",
                             hint=did_you_mean(provision, self.catalogue.provisions))
        if state and state.upper() not in self.kb.world.state_names:
            raise InputError("what-if", f"unknown state '{state}'", field="state",
                             expected="a state listed by 'foedus states'",
                             hint=did_you_mean(state, self.kb.world.state_names))
        model, _ = as_scenario(scenario)
        return what_if(self, model, provision=provision, state=state, max_changes=max_changes,
                       max_cost=max_cost, top=top, progress=progress)

    def sweep(self, victims: list[str], attackers: list[str], start: dt.date, end: dt.date,
              provisions: tuple[str, ...] = ("cst_art4", "nato_art5"), jobs: int = 1, progress=None,
              where: str = "sweep") -> dict:
        """Attackers x victims x time: for each interval between change points, is an attack on the
        victim's own territory, with its request, answered by each provision? {"rows": [Row...],
        "intervals", "days", "cells"}. `where` names the input in errors (the command, a request)."""
        from .services.sweep import SWEEPABLE, sweep
        for field, codes in (("victims", victims), ("attackers", attackers)):
            for code in (c.strip().upper() for c in codes if c.strip()):
                if code not in self.kb.world.state_names:
                    raise InputError(where, f"unknown state '{code}'", field=field,
                                     hint=did_you_mean(code, self.kb.world.state_names) or "see foedus states")
        for p in provisions:
            if p not in SWEEPABLE:
                raise InputError(where, f"'{p}' cannot be swept", field="provisions", expected=", ".join(SWEEPABLE))
        if end < start:
            raise InputError(where, f"the last day {end} is before the first {start}: nothing to sweep", field="to")
        return sweep(self, [v.strip().upper() for v in victims if v.strip()],
                     [a.strip().upper() for a in attackers if a.strip()], start, end, list(provisions),
                     jobs=jobs, progress=progress)

    def check_claim(self, claim, name: str = "<claim>") -> ClaimReport:
        """A general claim (a file path, a mapping, a parsed document or a Claim) checked over
        its bounded space: holds, refuted with a counterexample, or undecided."""
        from .services.claimcheck import Claim, check_claim, load_claim, parse_claim, validate_claim
        if isinstance(claim, (str, Path)):
            name, claim = str(claim), load_claim(claim)
        elif isinstance(claim, Document):
            name, claim = claim.name, validate_claim(claim)
        elif not isinstance(claim, Claim):
            claim = parse_claim(claim, name)
        return check_claim(self, claim, name)

    # -- the case library ------------------------------------------------------
    def case_library(self) -> dict[str, "Case"]:
        """The historical episodes of facts/cases/, loaded once."""
        if self._cases is None:
            from .services.cases import load_library
            self._cases = load_library(self.facts_dir / "cases")
        return self._cases

    def cases(self) -> CaseList:
        from .services.library import list_cases
        return list_cases(self.case_library())

    def case(self, case_id: str) -> CaseReport:
        """One episode: verdicts, recorded conduct side by side, the paper's claims."""
        from .services.library import show_case
        library = self.case_library()
        if case_id not in library:
            raise InputError("facts/cases", f"no case '{case_id}'", expected="an id listed by 'foedus cases'",
                             hint=did_you_mean(case_id, library))
        return show_case(self, library[case_id])

    def claims(self) -> ClaimsReport:
        """The seed paper's claims, each checked against the engine's verdict."""
        from .services.library import claims_report
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
        from .world.builtin import find_states
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
        from .world.builtin import find_places
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

    def world(self, as_of: dt.date, scenario: Optional[ScenarioInput] = None) -> WorldView:
        """Parties to each treaty on a date, every special status, and the accessions
        and withdrawals under way, with sources; with a scenario, the world as it
        amends it (its notices of withdrawal among the changes under way)."""
        resolved = self.resolve(scenario) if scenario is not None else ResolvedScenario("world", None, as_of, "")
        resolved.as_of = as_of
        today = day(as_of)   # a scenario's events ask for other days too
        census = [clingo.Function("census_date", [clingo.Number(today)])]
        with budget.assessment():
            answer = solve(self.kb, self.symbols(resolved, extra=census),
                           outputs=("status_on/5", "pending_withdrawal/4", "pending_accession/4",
                                    "awaited_acceptance/4", "protocol_in_force_on/2", "accession_day/3"))[0]
        world = resolved.world or self.kb.world
        facts = FactIndex(world, resolved)
        bound = self.catalogue.binding_statuses
        treaties = []
        names = world.treaty_names   # the treaties every world has first, then the other alliances
        for treaty in [*TREATY_NAMES, *sorted(set(names) - set(TREATY_NAMES))]:
            rows = sorted((s, st, f) for s, t, st, d, f in answer.get("status_on", []) if t == treaty and d == today)
            entries = [MemberEntry(code=s.upper(), name=world.state_name(s), status=st,
                                   bound=st in bound, fact=facts.ref(f)) for s, st, f in rows]
            treaties.append(TreatyParties(
                treaty=treaty, name=names[treaty],
                parties=[e for e in entries if e.bound],
                special=[e for e in entries if e.status != "party"]))
        return WorldView(as_of=as_of.isoformat(), knowledge_base_digest=self.kb.digest, treaties=treaties,
                         pending=self._pending(answer, world, facts))

    @staticmethod
    def _pending(answer, world, facts: FactIndex) -> list[PendingChange]:
        """The accessions and withdrawals under way, as the rules find them (census.lp)."""
        in_force = dict(answer.get("protocol_in_force_on", []))
        acceded = {(s, t): a for s, t, a in answer.get("accession_day", [])}
        out = []
        for s, t, p, f in answer.get("pending_accession", []):
            awaiting = [AwaitedAcceptance(party=q.upper() if q != "others" else "others",
                                          name=world.state_name(q) if q != "others" else "other Parties not listed",
                                          notified_on=iso(a) if a else None, fact=facts.ref(g))
                        for pp, q, g, a in sorted(answer.get("awaited_acceptance", [])) if pp == p]
            out.append(PendingChange(kind="accession", treaty=t, state=s.upper(), name=world.state_name(s),
                                     takes_effect=iso(acceded[(s, t)]) if (s, t) in acceded else None,
                                     protocol_in_force=iso(in_force[p]) if p in in_force else None,
                                     awaiting=awaiting, fact=facts.ref(f)))
        for s, t, e, w in answer.get("pending_withdrawal", []):
            out.append(PendingChange(kind="withdrawal", treaty=t, state=s.upper(), name=world.state_name(s),
                                     takes_effect=iso(w), fact=facts.ref(e)))
        return sorted(out, key=lambda c: (c.treaty, c.kind, c.state))


_default: Optional[Engine] = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def assess(scenario: ScenarioInput) -> Verdict:
    """Assess a scenario with the built-in knowledge base."""
    return default_engine().assess(scenario)


__all__ = ["Engine", "assess", "default_engine", "InputError"]
