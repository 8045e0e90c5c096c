"""Claim checking: does a general claim hold over a bounded space of scenarios?

A claim file names a space (attackers, targets, dates, requests, asserted
gravity, readings) and a property "whenever <verdict> then <condition>". The
space is a choice program over one generated attack, built as syntax trees
from symbols; the treaty rules are the same as for `foedus check`; readings
stay choices unless pinned. A counterexample is an answer set in which the
"whenever" holds and the "then" fails; none means the claim holds over the
whole space. A counterexample is written as a scenario file (readings pinned)
and re-checked.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Optional, Union

import clingo
import clingo.ast
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..base import budget
from ..base.documents import Document, read_document
from ..base.errors import InputError, did_you_mean
from ..models.scenario import ORGANISATIONS, Scenario
from ..world.symbols import to_symbol
from ..base.validation import raise_first
from ..models.verdict import ClaimReport
from ..world.program import choice, constraint, rule
from ..world.builtin import Const, day

if TYPE_CHECKING:
    from ..core.assess import Core

ATTACK = "claim-attack"
REQUEST = "claim-request"
FOUR = ["security", "stability", "territorial_integrity", "sovereignty"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Target(_Strict):
    victim: str
    place: Optional[str] = None        # default: the victim's own territory


class Space(_Strict):
    attackers: list[str] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    dates: list[dt.date] = Field(min_length=1)
    requests: list[Literal["none", "CSTO", "NATO"]] = ["none"]
    gravity: list[Literal["none", "all_four", "unstated"]] = Field(
        ["all_four"], description="What the attack is stated to threaten: none ([]), all_four, or unstated.")
    readings: dict[str, str] = Field(default_factory=dict, description="Pinned readings; the others are explored.")


class Whenever(_Strict):
    provision: str
    status: list[Literal["triggered", "not_triggered", "not_applicable", "contested", "breached", "complied",
                         "undetermined"]]


class Then(_Strict):
    request_to_organisation: Optional[bool] = None     # the victim asked the provision's organisation
    attacker_party_to: Optional[Literal["cst", "nato"]] = None
    attacker_is_party: Optional[bool] = None
    provision: Optional[str] = None
    status: Optional[list[Literal["triggered", "not_triggered", "not_applicable", "contested",
                                  "breached", "complied", "undetermined"]]] = None


class Claim(_Strict):
    claim: str
    source: Optional[str] = None
    space: Space
    whenever: Whenever
    then: Then


def load_claim(path: Union[str, Path]) -> Claim:
    return validate_claim(read_document(path))


def parse_claim(data, name: str = "<claim>") -> Claim:
    """A claim given as a mapping (already parsed JSON or YAML)."""
    return validate_claim(Document(name, data))


def validate_claim(doc: Document) -> Claim:
    if not isinstance(doc.data, dict):
        raise InputError(doc.name, "is not a mapping", expected="a claim (see README, 'Checking a claim')")
    try:
        return Claim.model_validate(doc.data)
    except ValidationError as exc:
        raise_first(exc, doc, Claim)


STATUSES = ("triggered", "not_triggered", "not_applicable", "contested", "breached", "complied", "undetermined")


def check_claim(engine: "Core", claim: Claim, name: str = "<claim>") -> ClaimReport:
    """holds, refuted (a counterexample), or undecided: no counterexample, but a
    scenario in which the 'whenever' or the 'then' is undetermined. The whole
    search is one assessment of the work budget."""
    with budget.assessment():
        return _judge(engine, claim, name)


def _judge(engine: "Core", claim: Claim, name: str) -> ClaimReport:
    then = claim.then
    if then.status is not None and "undetermined" not in then.status:
        # an undetermined 'then' is not a counterexample: it is asked about below
        refute = claim.model_copy(update={"then": then.model_copy(update={"status": then.status + ["undetermined"]})})
    else:
        refute = claim
    report = _check(engine, refute, name).model_copy(update={"claim": claim.claim})
    if report.outcome != "holds":
        return report
    open_claims = []
    if "undetermined" not in claim.whenever.status and _could_become(claim.whenever.status):
        open_claims.append(claim.model_copy(update={"whenever": claim.whenever.model_copy(
            update={"status": ["undetermined"]})}))
    if then.status is not None and "undetermined" not in then.status:
        open_claims.append(claim.model_copy(update={"then": then.model_copy(
            update={"status": [s for s in STATUSES if s != "undetermined"]})}))
    for open_claim in open_claims:
        undecided = _check(engine, open_claim, name)
        if undecided.outcome == "refuted":
            scenario = yaml.safe_load(undecided.counterexample)
            scenario["name"] = f"An open question for: {claim.claim}"
            for ev in scenario["events"]:
                ev["source"] = "claim: a scenario whose verdict is undetermined"
            return undecided.model_copy(update={
                "counterexample": yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True),
                "claim": claim.claim, "holds": False, "outcome": "undecided",
                "explanation": "No counterexample; but in this scenario a verdict the claim reads is "
                               "undetermined, and it could become one once the question that verdict asks is "
                               "answered ('foedus check' on the scenario shows the question)."})
    return report


def _check(engine: "Core", claim: Claim, name: str) -> ClaimReport:
    """Search the claim's space in one grounding for a scenario where it fails."""
    attackers, targets = _space(engine, claim, name)
    size = (len(attackers) * len(targets) * len(claim.space.dates) * len(claim.space.requests)
            * len(claim.space.gravity))
    as_of = max(claim.space.dates)
    found = _search(engine, claim, _space_program(claim, attackers, targets, engine.catalogue.organisation), as_of)
    if not found:
        return ClaimReport(claim=claim.claim, holds=True, outcome="holds", space_size=size,
                           explanation=f"The claim holds for every scenario in the space ({size} scenarios, "
                                       "each under every combination of the readings that can matter).")
    cat = engine.catalogue
    used = cat.reading_users.get(claim.whenever.provision, set()) | \
        cat.reading_users.get(claim.then.provision or claim.whenever.provision, set())
    scenario = _counterexample(claim, found[0], as_of, used)
    verdict = engine.assess(Scenario.model_validate(scenario))
    a = next((x for x in verdict.assessments if x.provision.id == claim.whenever.provision
              and x.about == ATTACK), None)
    return ClaimReport(
        claim=claim.claim, holds=False, outcome="refuted", space_size=size,
        counterexample=yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True),
        counterexample_status=a.status if a else None,
        counterexample_summary=a.summary if a else None,
        explanation="A counterexample: in this scenario the 'whenever' holds and the 'then' fails. "
                    "Re-run it with 'foedus check'.")


def _space(engine: "Core", claim: Claim, name: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The claim checked against the catalogue and the world: its attackers and its
    (victim, place) targets, every name known."""
    world, cat = engine.kb.world, engine.catalogue

    def state(code: str, field: str) -> str:
        if code.upper() not in world.state_names:
            raise InputError(name, f"unknown state '{code}'", field=field, hint=did_you_mean(code, world.state_names))
        return code.upper()

    for p, field in [(claim.whenever.provision, "whenever.provision"), (claim.then.provision, "then.provision")]:
        if p is not None and p not in cat.provisions:
            raise InputError(name, f"unknown provision '{p}'", field=field, hint=did_you_mean(p, cat.provisions))
    for n, v in claim.space.readings.items():
        if (n, v) not in cat.readings or n not in cat.reading_defaults:
            raise InputError(name, f"unknown reading {n}={v}", field=f"space.readings.{n}",
                             expected="a reading listed by 'foedus readings'")
    if sum(x is not None for x in (claim.then.request_to_organisation, claim.then.attacker_is_party,
                                   claim.then.status)) != 1:
        raise InputError(name, "states no single condition", field="then",
                         expected="one of request_to_organisation, attacker_is_party (with attacker_party_to), "
                                  "status (with provision)")
    attackers = [state(a, f"space.attackers[{i}]") for i, a in enumerate(claim.space.attackers)]
    targets = []
    for i, t in enumerate(claim.space.targets):
        victim = state(t.victim, f"space.targets[{i}].victim")
        place = (t.place or victim).lower() if (t.place or victim).upper() in world.state_names and \
            len(t.place or victim) == 3 else t.place
        if place not in world.territory_names:
            raise InputError(name, f"unknown place '{t.place}'", field=f"space.targets[{i}].place",
                             hint=did_you_mean(t.place or "", world.territory_names))
        targets.append((victim, place))
    return attackers, targets


def _space_program(claim: Claim, attackers: list[str], targets: list[tuple[str, str]],
                   organisation: dict[str, str]) -> list:
    """The space as a program: one choice of each kind (attacker, target, date, request,
    gravity), the scenario's facts derived from the choices, and the claim's negation."""
    statements, options = [], []

    def one_of(name_, values):
        atoms = [clingo.Function(name_, [o]) for o in values]
        for a in atoms:
            options.append(rule(clingo.Function("option", [a]), []))
        return atoms
    att = one_of("gen_attacker", [clingo.Function(a.lower()) for a in attackers])
    tgt = one_of("gen_target", [clingo.Function("t", [clingo.Function(v.lower()), clingo.Function(p)])
                                for v, p in targets])
    dts = one_of("gen_date", [clingo.Number(day(d)) for d in claim.space.dates])
    req = one_of("gen_request", [clingo.Function(ORGANISATIONS.get(r.lower(), "none")) for r in claim.space.requests])
    grv = one_of("gen_gravity", [clingo.Function(g) for g in claim.space.gravity])
    for group in (att, tgt, dts, req, grv):
        for a in group:
            statements.append(choice(a))
        # exactly one option of each kind
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                statements.append(constraint([(a, True), (b, True)]))
        statements.append(constraint([(a, False) for a in group]))
    statements += _space_events(claim, attackers, targets)
    return statements + options + list(_property(claim, organisation))


def _space_events(claim: Claim, attackers: list[str], targets: list[tuple[str, str]]) -> list:
    """The attack, its request and its gravity, each derived from the chosen options."""
    out = []
    event = clingo.String(ATTACK)

    def target(v, p):
        return (clingo.Function("gen_target", [clingo.Function("t", [clingo.Function(v.lower()),
                                                                     clingo.Function(p)])]), True)
    for d in claim.space.dates:
        for v, p in targets:
            when = [(clingo.Function("gen_date", [clingo.Number(day(d))]), True), target(v, p)]
            out.append(rule(clingo.Function("armed_attack", [event, clingo.Number(day(d)), clingo.Function(p)]),
                            when))
    for v, p in targets:
        when = [target(v, p)]
        out.append(rule(clingo.Function("against", [event, clingo.Function(v.lower())]), when))
        out.append(rule(clingo.Function("claim_victim", [clingo.Function(v.lower())]), when))
        for r in claim.space.requests:
            org = ORGANISATIONS.get(r.lower())
            if not org:
                continue
            for d in claim.space.dates:
                out.append(rule(
                    clingo.Function("request", [clingo.String(REQUEST), clingo.Number(day(d)),
                                                clingo.Function(v.lower()), clingo.Function(org)]),
                    when + [(clingo.Function("gen_request", [clingo.Function(org)]), True),
                            (clingo.Function("gen_date", [clingo.Number(day(d))]), True)]))
    for r in claim.space.requests:
        org = ORGANISATIONS.get(r.lower())
        if org:
            out.append(rule(clingo.Function("request_concerns", [clingo.String(REQUEST), event]),
                            [(clingo.Function("gen_request", [clingo.Function(org)]), True)]))
    for a in attackers:
        out.append(rule(clingo.Function("attacker", [event, clingo.Function(a.lower())]),
                        [(clingo.Function("gen_attacker", [clingo.Function(a.lower())]), True)]))
    for interest in FOUR:
        out.append(rule(clingo.Function("threatens", [event, clingo.Function(interest)]),
                        [(clingo.Function("gen_gravity", [clingo.Function("all_four")]), True)]))
    for stated in ("none", "all_four"):   # a stated list is the complete answer
        out.append(rule(clingo.Function("threats_stated", [event]),
                        [(clingo.Function("gen_gravity", [clingo.Function(stated)]), True)]))
    return out


def _search(engine: "Core", claim: Claim, space: list, as_of: str) -> list:
    """The decision rules, the world and the space in one grounding: the options of one
    scenario where the claim fails (and the readings it was found under), or none."""
    ctl = clingo.Control(["--warn=none", "--models=1"])
    with clingo.ast.ProgramBuilder(ctl) as builder:
        for statement in engine.kb.decision_statements:
            builder.add(statement)
        for statement in space:
            builder.add(statement)
    with ctl.backend() as backend:
        for fid, atoms in engine.kb.world_symbols.items():
            for sym in atoms:
                backend.add_rule([backend.add_atom(sym)])
        backend.add_rule([backend.add_atom(to_symbol(("as_of", day(as_of))))])
        for n, v in sorted(claim.space.readings.items()):
            backend.add_rule([backend.add_atom(to_symbol(("reading_pinned", Const(n), Const(v))))])
    budget.check("grounding")
    ctl.ground([("base", [])])
    found = []
    budget.solve(ctl, on_model=lambda m: found.append([s for s in m.symbols(atoms=True)
                                               if s.name in ("gen_attacker", "gen_target", "gen_date",
                                                             "gen_request", "gen_gravity", "selected_reading",
                                                             "reading_relevant")]))
    return found


def _could_become(statuses: list[str]) -> bool:
    """An undetermined verdict can become any status but not_applicable."""
    return any(s != "not_applicable" for s in statuses)


def _property(claim: Claim, cat_org: dict[str, str]):
    """whenever ∧ ¬then must hold in a counterexample."""
    P = clingo.Function(claim.whenever.provision)
    E = clingo.String(ATTACK)
    out = []
    for s in claim.whenever.status:
        # whenever :- status(P, E, V, s), claim_victim(V).  (V ranges over the victims of the space)
        for v in _victims(claim):
            out.append(rule(clingo.Function("claim_whenever"),
                             [(clingo.Function("status", [P, E, v, clingo.Function(s)]), True),
                              (clingo.Function("claim_victim", [v]), True)]))
    out.append(constraint([(clingo.Function("claim_whenever"), False)]))
    t = claim.then
    if t.request_to_organisation is not None:
        org = cat_org.get(claim.whenever.provision, "cst")
        out.append(rule(clingo.Function("claim_request"), [(clingo.Function("gen_request", [clingo.Function(org)]), True)]))
        out.append(constraint([(clingo.Function("claim_request"), t.request_to_organisation)]))
    elif t.attacker_is_party is not None:
        treaty = clingo.Function(t.attacker_party_to or "cst")
        for a in claim.space.attackers:
            for d in claim.space.dates:
                out.append(rule(clingo.Function("claim_attacker_party"),
                                 [(clingo.Function("gen_attacker", [clingo.Function(a.lower())]), True),
                                  (clingo.Function("gen_date", [clingo.Number(day(d))]), True),
                                  (clingo.Function("party", [clingo.Function(a.lower()), treaty,
                                                             clingo.Number(day(d))]), True)]))
        out.append(constraint([(clingo.Function("claim_attacker_party"), t.attacker_is_party)]))
    else:
        P2 = clingo.Function(t.provision or claim.whenever.provision)
        for s in t.status:
            for v in _victims(claim):
                out.append(rule(clingo.Function("claim_then"),
                                 [(clingo.Function("status", [P2, E, v, clingo.Function(s)]), True),
                                  (clingo.Function("claim_victim", [v]), True)]))
        out.append(constraint([(clingo.Function("claim_then"), True)]))
    return out


def _victims(claim: Claim):
    return sorted({clingo.Function(t.victim.lower()) for t in claim.space.targets}, key=str)


def _counterexample(claim: Claim, atoms, as_of: dt.date, used: set[str]) -> dict:
    pick = {s.name: s for s in atoms if s.name.startswith("gen_")}
    attacker = pick["gen_attacker"].arguments[0].name.upper()
    victim, place = pick["gen_target"].arguments[0].arguments
    date = pick["gen_date"].arguments[0].number
    date_iso = f"{date // 10000:04d}-{date // 100 % 100:02d}-{date % 100:02d}"
    events = [{"id": ATTACK, "kind": "armed_attack", "date": date_iso, "attackers": [attacker],
               "place": place.name.upper() if place.name == victim.name else place.name,
               "against": [victim.name.upper()], "source": "claim counterexample"}]
    if pick["gen_gravity"].arguments[0].name == "all_four":
        events[0]["threatens"] = list(FOUR)
    elif pick["gen_gravity"].arguments[0].name == "none":
        events[0]["threatens"] = []
    org = pick["gen_request"].arguments[0].name
    if org != "none":
        events.append({"id": REQUEST, "kind": "request_for_assistance", "date": date_iso,
                       "by": victim.name.upper(), "addressed_to": {"cst": "CSTO", "nato": "NATO"}[org],
                       "concerning": ATTACK, "source": "claim counterexample"})
    relevant = {s.arguments[0].name for s in atoms if s.name == "reading_relevant"}
    readings = dict(claim.space.readings)
    for s in atoms:
        if s.name == "selected_reading" and s.arguments[0].name in relevant & used:
            readings[s.arguments[0].name] = s.arguments[1].name
    doc = {"name": f"Counterexample to: {claim.claim}", "as_of": as_of.isoformat(), "events": events}
    if readings:
        doc["readings"] = dict(sorted(readings.items()))
    return doc
