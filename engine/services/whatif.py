"""Minimal counterfactuals: what is the smallest change to a scenario that flips
a verdict?

Candidate changes are generated from the scenario (move an attack, add a
request, change a date to a point where the law or the world changes, give a
territory another title, make a state a party, pin another reading, drop an
event). Each candidate is expressed as the facts it adds and removes, found by
resolving the changed scenario and comparing facts, so a change means exactly
what the same edit means to `foedus check`. The search itself is one clingo
program for every assessment, grounded once: a choice over each assessment's
candidates, the rules unchanged, a constraint that the verdict flips, and
#minimize over the documented costs; each assessment's search is a solve under
assumptions. The answers are re-checked together by assessing the changed
scenarios (a chunk per grounding). Sets of equal cost are kept and listed in
the order of their changes' kinds and descriptions, whatever order the solver
finds them in.
"""
from __future__ import annotations

import copy
import typing
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

import clingo
import clingo.ast
import yaml

from ..base import budget
from ..world import program
from ..base.errors import FoedusError
from ..models.scenario import Scenario, WithdrawalNotice
from ..models.verdict import (
    WhatIfAnswer,
    WhatIfChange,
    WhatIfFinding,
    WhatIfReport,
    WhatIfTarget,
)
from ..world.builtin import OPEN_END, iso
from ..world.questions import ANSWERS

if TYPE_CHECKING:
    from ..core.assess import Core

# The documented cost of each kind of change: how far it moves from the facts.
COSTS = {
    "pin_reading": 1,        # adopt another scholarly reading of a contested point
    "add_request": 1,        # the victim asks the organisation for assistance
    "assert_gravity": 1,     # the attack is said to threaten all four protected interests
    "answer_question": 1,    # a fact the scenario left open is stated (one answer to a question of fact)
    "change_date": 2,        # the event happens on another day (a change point of the law or world)
    "remove_event": 2,       # an event did not happen
    "move_attack": 3,        # the attack takes place on the victim's own de jure territory
    "attribute_attack": 3,   # a State sent the non-state attackers
    "grant_title": 4,        # the place is the victim's de jure territory
    "join_treaty": 5,        # the state had been a party to the treaty
    "leave_treaty": 5,       # the state had withdrawn from the treaty by notice
}
# How far ahead of the event a hypothetical notice of withdrawal is dated: more
# than the longest notice period encoded (NAT Art. 13, one year), so that the
# withdrawal has taken effect by the event; the rules count the period.
LEAVE_AHEAD = dt.timedelta(days=400)
# the treaties a notice of withdrawal may name (those whose withdrawal clause is encoded)
WITHDRAWABLE = typing.get_args(WithdrawalNotice.model_fields["treaty"].annotation)
ENGAGED = {"triggered", "breached"}


@dataclass
class Candidate:
    kind: str
    description: str
    apply: Callable[[dict], None]
    cost: int = 0
    adds: set = field(default_factory=set)
    removes: set = field(default_factory=set)

    def __post_init__(self):
        self.cost = COSTS[self.kind]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def candidates(engine: "Core", scenario: Scenario, provision: str, state: str, about: str,
               questions=(), date: Optional[str] = None) -> list[Candidate]:
    """The bounded set of changes considered for one assessment; `questions`
    are the questions of fact its verdict leaves open (each answer a change)."""
    cat, world = engine.catalogue, engine.kb.world
    base = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    events = {ev.get("id") or f"event-{i + 1}": ev for i, ev in enumerate(base["events"])}
    out: list[Candidate] = []
    target = events.get(about)
    victim = state.upper()
    if target is not None and target.get("kind") == "armed_attack":
        out += _attack_changes(engine, provision, victim, about, target)
    treaty = cat.party_treaty.get(provision)
    if treaty and target is not None:
        def join(doc, treaty=treaty):
            doc.setdefault("world", {}).setdefault("add", {}).setdefault("memberships", []).append(
                {"state": victim, "treaty": treaty, "status": "party",
                 "from": (_day(target["date"]) - dt.timedelta(days=365)).isoformat(), "source": "what-if"})
        out.append(Candidate("join_treaty", f"{world.state_name(victim)} had become a party to the "
                                            f"{world.treaty_names.get(treaty, treaty)} a year before", join))
    if treaty in WITHDRAWABLE and target is not None:
        notice = (_day(target["date"]) - LEAVE_AHEAD).isoformat()

        def leave(doc, treaty=treaty, notice=notice):
            doc["events"].append({"id": "whatif-withdrawal", "kind": "withdrawal_notice", "by": victim,
                                  "treaty": treaty, "date": notice, "source": "what-if"})
        out.append(Candidate("leave_treaty", f"{world.state_name(victim)} had given notice of withdrawal from the "
                                             f"{world.treaty_names.get(treaty, treaty)} on {notice}", leave))
    for name in sorted(cat.reading_users.get(provision, set())):
        for (n, value) in sorted(cat.readings):
            if n == name and value != cat.reading_defaults.get(n) and n in cat.reading_defaults:
                def pin(doc, n=n, value=value):
                    doc.setdefault("readings", {})[n] = value
                out.append(Candidate("pin_reading", f"adopt the reading {n} = {value}", pin))
    out += _answers(questions, state, date)
    for eid in events:
        if eid != about:
            def drop(doc, eid=eid):
                doc["events"] = [e for i, e in enumerate(doc["events"])
                                 if (e.get("id") or f"event-{i + 1}") != eid]
            out.append(Candidate("remove_event", f"the event [{eid}] did not happen", drop))
    return out


def _event_edit(eid: str, **changes):
    """A change to the event `eid` of a scenario document."""
    def apply(doc):
        for ev in doc["events"]:
            if (ev.get("id") or f"event-{doc['events'].index(ev) + 1}") == eid:
                ev.update(changes)
    return apply


def _attack_changes(engine: "Core", provision: str, victim: str, about: str, target: dict) -> list[Candidate]:
    """Changes to the armed attack assessed: its place, a request, its gravity, its
    attribution, the place's title, its date."""
    cat, world = engine.catalogue, engine.kb.world
    org = {"cst": "CSTO", "nato": "NATO"}.get(cat.organisation.get(provision, ""), None)
    out = []
    home = victim.lower()
    if target["place"].lower() != home:
        out.append(Candidate("move_attack", f"the attack [{about}] takes place on {world.state_name(victim)}'s "
                                            f"own territory instead of {world.place_name(target['place'])}",
                             _event_edit(about, place=victim)))
    if org and provision in cat.collective_action:
        def add_request(doc, org=org):
            doc["events"].append({"id": "whatif-request", "kind": "request_for_assistance",
                                  "date": target["date"], "by": victim, "addressed_to": org,
                                  "concerning": about, "source": "what-if"})
        out.append(Candidate("add_request", f"{world.state_name(victim)} asks the {org} for assistance "
                                            f"against [{about}]", add_request))
    stated = target.get("threatens")
    # unstated gravity is a question of fact (answer_question below); a stated list may grow
    if stated is not None and stated != "all" and sorted(stated) != sorted(
            ["security", "stability", "territorial_integrity", "sovereignty"]):
        out.append(Candidate("assert_gravity", f"the attack [{about}] threatens the security, stability, "
                                               "territorial integrity and sovereignty of the victim",
                             _event_edit(about, threatens=["security", "stability", "territorial_integrity",
                                                           "sovereignty"])))
    ns = target.get("non_state_attacker")
    if ns and not ns.get("attributed_to") and ns.get("directed_from"):
        sponsor = ns["directed_from"]
        out.append(Candidate("attribute_attack", f"{world.state_name(sponsor)} sent the attackers of [{about}]",
                             _event_edit(about, non_state_attacker={**ns, "attributed_to": sponsor})))
    place = target["place"]
    if place.lower() != home and place in world.territory_names:
        def grant(doc, place=place):
            titles = [f.id for f in world.facts.values()
                      if f.kind == "sovereignty" and f.atoms and str(f.atoms[0][2]) == place]
            area = world.facts.get(f"art6_area:{place}")
            doc.setdefault("world", {}).setdefault("retract", []).extend(titles)
            doc["world"].setdefault("add", {}).setdefault("territories", []).append({
                "id": place, "name": world.place_name(place),
                "art6_area": str(area.atoms[0][3]) if area else "outside",
                "sovereignty": [{"state": victim, "source": "what-if"}]})
        out.append(Candidate("grant_title", f"{world.place_name(place)} is {world.state_name(victim)}'s "
                                            "de jure territory", grant))
    for point in _change_points(engine, provision, victim, _day(target["date"])):
        out.append(Candidate("change_date", f"the attack [{about}] takes place on {point.isoformat()}",
                             _event_edit(about, date=point.isoformat())))
    return out


def _answers(questions, state: str, date: Optional[str]) -> list[Candidate]:
    """Each answer to an open question of fact, as a change."""
    out = []
    for q in questions:
        for ans in ANSWERS.get(q.id, ()):
            if ans.edit is None:
                continue
            def answer(doc, ans=ans, q=q):
                if not ans.edit(doc, q.about, state.lower(), int(date.replace("-", ""))):
                    raise ValueError("not expressible in this scenario")
            out.append(Candidate("answer_question", f"answer the question [{q.id}] about {q.about}: {ans.answer}",
                                 answer))
    return out


def _change_points(engine: "Core", provision: str, victim: str, date: dt.date, limit: int = 4) -> list[dt.date]:
    """Dates at which the law or the victim's standing changes: the nearest few."""
    points = set()
    for (p, _), v in engine.catalogue.versions.items():
        if p == provision and v["from"]:
            points.add(_day(v["from"]))
    for fact in engine.kb.world.facts.values():
        if fact.kind == "membership" and fact.atoms and str(fact.atoms[0][2]) == victim:
            start, end = fact.atoms[0][5], fact.atoms[0][6]
            points.add(_day(iso(start)))
            if end != OPEN_END:
                points.add(_day(iso(end)))
    points.discard(date)
    return sorted(points, key=lambda d: (abs((d - date).days), d))[:limit]


def _symbols(engine: "Core", doc: dict, fixed: bool = True) -> Optional[set]:
    try:
        resolved = engine.resolve(Scenario.model_validate(doc))
    except (FoedusError, ValueError):
        return None
    return set(engine.symbols(resolved, extra=[clingo.Function("fixed_readings")] if fixed else []))


def what_if(engine: "Core", scenario: Scenario, *, provision: Optional[str] = None, state: Optional[str] = None,
            max_changes: int = 3, max_cost: int = 10, top: int = 5,
            progress: Optional[Callable[[int, int], None]] = None) -> WhatIfReport:
    """`progress(done, total)`, when given, after each verdict's search."""
    base_doc = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    verdict = engine.assess(Scenario.model_validate(base_doc))
    original = _symbols(engine, base_doc)          # once per scenario, shared by every search
    statuses = _fixed_statuses(engine, base_doc)
    targets = [_Target(engine, base_doc, a, statuses, original) for a in verdict.assessments
               if not (provision and a.provision.id != provision) and not (state and a.state.code != state.upper())]
    with budget.assessment():   # one grounding for every search: the rules, the scenario, every candidate
        search = _Search(engine, original, targets, max_changes, max_cost)
    found = []
    for k in range(len(targets)):
        with budget.assessment():   # each search for changes is one assessment of the work budget
            found.append(search.best(k, top))
        if progress:
            progress(k + 1, len(targets))
    # the changed scenarios re-checked together, a chunk per grounding (fullchunk.py)
    docs = [[t.changed(base_doc, chosen) for chosen in sets] for t, sets in zip(targets, found)]
    flips = iter(engine.assess_many([Scenario.model_validate(d) for ds in docs for d in ds]))
    findings = [t.finding(engine, sets, ds, [next(flips) for _ in ds], max_changes, max_cost)
                for t, sets, ds in zip(targets, found, docs)]
    return WhatIfReport(scenario=verdict.scenario, engine=verdict.engine, max_changes=max_changes,
                        max_cost=max_cost, costs=dict(COSTS), findings=findings)


class _Target:
    """One assessment whose verdict the search tries to flip, with its candidate changes."""

    def __init__(self, engine: "Core", base_doc: dict, a, statuses: dict, original: set):
        self.a, self.key = a, (a.provision.id, a.about, a.state.code)
        fixed_status = statuses.get(self.key, "absent")
        self.want_engaged = fixed_status not in ENGAGED
        self.target = WhatIfTarget(provision=a.provision.id, name=a.provision.name, state=a.state.code, about=a.about,
                                   status=fixed_status, wanted="engaged (triggered or breached)" if self.want_engaged
                                   else "not engaged")
        self.cands = []
        for c in candidates(engine, Scenario.model_validate(base_doc), a.provision.id, a.state.code, a.about,
                            a.questions, a.date):
            doc = copy.deepcopy(base_doc)
            try:
                c.apply(doc)
            except ValueError:
                continue
            changed = _symbols(engine, doc)
            if changed is None or changed == original:
                continue
            c.adds, c.removes = changed - original, original - changed
            self.cands.append(c)

    def changed(self, base_doc: dict, chosen: list[int]) -> dict:
        doc = copy.deepcopy(base_doc)
        for i in chosen:
            self.cands[i].apply(doc)
        return doc

    def finding(self, engine: "Core", found: list, docs: list, flips: list, max_changes: int,
                max_cost: int) -> WhatIfFinding:
        a, cands, answers, versions = self.a, self.cands, [], {}
        for chosen, doc, flipped in zip(found, docs, flips):
            match = next((x for x in flipped.assessments if (x.provision.id, x.state.code, x.about) ==
                          (a.provision.id, a.state.code, a.about)), None)
            pinned_check = _default_status(engine, match, doc, self.key)
            versions[len(answers)] = match.provision.version if match else None
            answers.append(WhatIfAnswer(
                changes=[WhatIfChange(kind=cands[i].kind, description=cands[i].description, cost=cands[i].cost)
                         for i in chosen],
                total_cost=sum(cands[i].cost for i in chosen), status_after=pinned_check,
                confirmed=(pinned_check in ENGAGED) == self.want_engaged,
                robust_status_after=match.status if match else "absent",
                summary_after=match.summary if match else "no such assessment after the change",
                failing_after=match.failing if match else [],
                scenario=yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)))
        order = sorted(range(len(answers)), key=lambda i: (answers[i].total_cost,
                                                           [(c.kind, c.description) for c in answers[i].changes]))
        return WhatIfFinding(target=self.target, candidates=len(cands),
                             answers=_distinct([(answers[i], versions[i]) for i in order]),
                             note=None if answers else
                             f"none found within the bound ({max_changes} changes, cost {max_cost})")


def _distinct(answers: list[tuple[WhatIfAnswer, Optional[str]]]) -> list[WhatIfAnswer]:
    """Answers that differ only in the day an event is moved to, with the same outcome for the
    same reason — the same text of the provision applied, the same status, the same failing
    elements — are one answer: the first (cheapest, then in the order of their descriptions)."""
    out, seen = [], set()
    for x, version in answers:
        moved = any(c.kind == "change_date" for c in x.changes)
        reason = (tuple(sorted(c.kind for c in x.changes)),
                  tuple(c.description for c in x.changes if c.kind != "change_date"),
                  version, x.status_after, x.robust_status_after, tuple(x.failing_after))
        if moved and reason in seen:
            continue
        seen.add(reason)
        out.append(x)
    return out


class _Search:
    """Every target's search in one clingo program, grounded once: a choice over
    each target's candidates (whatif_change(K, I)), the rules unchanged, a
    constraint that target K's verdict flips while whatif_target(K) holds, and
    #minimize over the documented costs. A search for target K assumes
    whatif_target(K) and no other target's changes."""

    def __init__(self, engine: "Core", original: set, targets: list[_Target], max_changes: int, max_cost: int):
        self.targets = targets
        ctl = self.ctl = clingo.Control(["--warn=none", "--opt-mode=optN"])
        self.choice = [[clingo.Function("whatif_change", [clingo.Number(k), clingo.Number(i)])
                        for i in range(len(t.cands))] for k, t in enumerate(targets)]
        self.goal = [clingo.Function("whatif_target", [clingo.Number(k)]) for k in range(len(targets))]
        removers: dict = {}
        for choice, t in zip(self.choice, targets):
            for sym_c, c in zip(choice, t.cands):
                for sym in c.removes:
                    removers.setdefault(sym, []).append(sym_c)
        # The search is built as syntax trees from symbols (never as text). Facts a
        # change may remove become rules "unless that change"; facts a change adds
        # become rules "if that change". (Facts fed through the backend would not
        # be instantiated when they are conditional, hence rules, not backend atoms.)
        with clingo.ast.ProgramBuilder(ctl) as builder:
            for statement in engine.kb.decision_statements:
                builder.add(statement)
            for sym in original:
                builder.add(program.rule(sym, [(c, False) for c in removers.get(sym, [])]))
            for choice, t in zip(self.choice, targets):
                for sym_c, c in zip(choice, t.cands):
                    builder.add(program.choice(sym_c))
                    builder.add(program.minimize(sym_c, c.cost))
                    for sym in c.adds:
                        builder.add(program.rule(sym, [(sym_c, True)]))
                # changes that rewrite the same fact exclude each other
                for i, ci in enumerate(t.cands):
                    for j in range(i + 1, len(t.cands)):
                        if ci.removes & t.cands[j].removes:
                            builder.add(program.constraint([(choice[i], True), (choice[j], True)]))
        with ctl.backend() as backend:
            self.goal_lits = [backend.add_atom(g) for g in self.goal]
            for g in self.goal_lits:
                backend.add_rule([g], choice=True)
            for choice, t in zip(self.choice, targets):
                lits = [backend.add_atom(c) for c in choice]
                backend.add_weight_rule([], max_changes + 1, [(lit, 1) for lit in lits])
                backend.add_weight_rule([], max_cost + 1, [(lit, c.cost) for lit, c in zip(lits, t.cands)])
        budget.check("grounding")
        ctl.ground([("base", [])])
        self.atoms = [[ctl.symbolic_atoms[c] for c in choice] for choice in self.choice]
        self.reachable = []
        with ctl.backend() as backend:
            for g, t in zip(self.goal_lits, targets):
                goal = _goal_literals(ctl, t.a, t.want_engaged)
                self.reachable.append(goal is not None)
                if goal is None:
                    continue
                if t.want_engaged:
                    backend.add_rule([], [g] + [-x for x in goal])      # some engaged status must hold
                else:
                    for x in goal:
                        backend.add_rule([], [g, x])                   # no engaged or contested status

    def best(self, k: int, top: int) -> list[list[int]]:
        """Up to `top` cheapest sets of target k's changes that flip its verdict."""
        if not self.reachable[k] or not self.targets[k].cands:
            return []
        ctl, cands, atoms = self.ctl, self.targets[k].cands, self.atoms
        lit = self.goal_lits[k]
        assumptions = [lit] + [-g for j, g in enumerate(self.goal_lits) if j != k] + \
                      [-a.literal for j, row in enumerate(atoms) if j != k for a in row if a is not None]
        found: list[list[int]] = []
        while len(found) < top:
            models: list[list[int]] = []

            def on_model(m: clingo.Model):
                if m.optimality_proven:
                    chosen = sorted(s.arguments[1].number for s in m.symbols(atoms=True)
                                    if s.name == "whatif_change" and s.arguments[0].number == k)
                    if chosen not in models:
                        models.append(chosen)
            result = budget.solve(ctl, on_model=on_model, assumptions=assumptions)
            if not models:
                break
            # several sets at the same cost: the same ones whatever order the solver finds them in
            models.sort(key=lambda chosen: (sum(cands[i].cost for i in chosen),
                                            [(cands[i].kind, cands[i].description) for i in chosen]))
            for chosen in models:
                if chosen not in found and len(found) < top:
                    found.append(chosen)
            with ctl.backend() as backend:   # exclude these sets and their supersets
                for chosen in models:
                    backend.add_rule([], [lit] + [atoms[k][i].literal for i in chosen])
            if result.unsatisfiable:
                break
        return found


def _default_status(engine: "Core", match, doc: dict, key: tuple) -> str:
    """The status under the default readings: read from the verdict when it says it
    (robust, or the default combination among its outcomes), else one solve with
    the readings fixed."""
    if match is None:
        return "absent"
    if match.robustness.robust:
        return match.status
    defaults = engine.catalogue.reading_defaults
    for outcome in match.robustness.outcomes:
        if all(defaults.get(n) == v for n, v in outcome.readings.items()):
            return outcome.status
    return _fixed_statuses(engine, doc).get(key, "absent")


def _fixed_statuses(engine: "Core", doc: dict) -> dict[tuple, str]:
    """Every status under the scenario's pinned readings and the defaults for the rest."""
    from ..solve.solver import solve
    resolved = engine.resolve(Scenario.model_validate(doc))
    answers = solve(engine.kb, engine.symbols(resolved, extra=[clingo.Function("fixed_readings")]),
                    outputs=("status/4",))
    return {(p, e, v.upper()): s for p, e, v, s in answers[0].get("status", [])}


def _goal_literals(ctl: clingo.Control, a, want_engaged: bool) -> Optional[list[int]]:
    about, state = clingo.String(a.about), clingo.Function(a.state.code.lower())
    # "not engaged" is its own side: neither engaged, open, nor undetermined
    wanted = ("triggered", "breached") if want_engaged else ("triggered", "breached", "contested", "undetermined")
    lits = []
    for s in wanted:
        sym = clingo.Function("status", [clingo.Function(a.provision.id), about, state, clingo.Function(s)])
        atom = ctl.symbolic_atoms[sym]
        if atom is not None:
            lits.append(atom.literal)
    if want_engaged and not lits:
        return None
    return lits
