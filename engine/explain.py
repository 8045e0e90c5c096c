"""From the answer set to the Verdict: every statement here is read from the
solver's output (status, holds/fails, evidence, via, open questions) and the
rule files' own texts; nothing legal is decided in Python."""
from __future__ import annotations

from collections import defaultdict

from .catalogue import Catalogue
from .scenario import ResolvedScenario
from .solve import Answer
from .verdict import (Assessment, ArticleText, ClauseRef, Consequence, ElementResult, EngineInfo,
                      EventSummary, FactRef, OpenQuestion, OrganisationDecision, Party, ProvisionRef,
                      ProvisionText, ReadingUsed, ScenarioInfo, SourceRef, Verdict)
from .world import Fact, World

class FactIndex:
    """Fact id -> FactRef, for world facts and the scenario's own facts."""

    def __init__(self, world: World, scenario: ResolvedScenario):
        self.world = world
        self.local = {f.id: f for f in scenario.facts}
        self._cache: dict[str, FactRef] = {}

    def ref(self, fid: str) -> FactRef:
        if fid not in self._cache:
            fact = self.local.get(fid) or self.world.facts[fid]
            self._cache[fid] = self._make(fact)
        return self._cache[fid]

    def _make(self, fact: Fact) -> FactRef:
        if fact.source_text is not None or fact.id in self.local:
            sources = [SourceRef(id="scenario", citation=fact.source_text or "scenario (no source given)",
                                 verified=False)]
            return FactRef(id=fact.id, kind=fact.kind, statement=fact.statement, origin="scenario",
                           verified=False, sources=sources)
        sources = [SourceRef(id=s.id, citation=s.citation, where=s.where, verified=s.verified)
                   for s in (self.world.sources[i] for i in sorted(fact.sources))]
        return FactRef(id=fact.id, kind=fact.kind, statement=fact.statement, origin="world",
                       verified=fact.verified and all(s.verified for s in sources), sources=sources)

    def refs(self, fids) -> list[FactRef]:
        return [self.ref(f) for f in sorted(set(fids))]


def explain(answer: Answer, cat: Catalogue, world: World, scenario: ResolvedScenario,
            version: str, kb_digest: str) -> Verdict:
    facts = FactIndex(world, scenario)
    by_key = lambda name, n: _group(answer.get(name, []), n)    # noqa: E731
    versions = {(p, e, v): ver for p, ver, e, v in answer.get("assessment", [])}
    holds = {(p, e, v, el) for p, e, v, el in answer.get("holds", [])}
    evidence = by_key("evidence", 4)
    via = by_key("via", 4)
    questions = by_key("open_question", 3)
    q_evidence = by_key("open_question_evidence", 4)
    readings = by_key("reading_applied", 3)
    bearers = by_key("bearer", 3)
    decisions = by_key("organisation_decision", 3)
    governing = {(p, d): ver for p, ver, d in answer.get("governing_version", [])}
    events = {e["id"]: e for e in scenario.events}
    context = scenario.attack_context

    used_texts: set[tuple[str, str]] = set()
    assessments = []
    for p, e, v, status in answer.get("status", []):
        ver = versions[(p, e, v)]
        used_texts.add((p, ver))
        ctx = dict(context[e])
        ctx["victim"] = f"{world.state_name(v)} ({v.upper()})"
        ctx["version"] = cat.versions[(p, ver)]["label"]
        art6 = governing.get(("nato_art6", ctx["day"]))
        if art6:
            ctx["version_art6"] = cat.versions[("nato_art6", art6)]["label"]
        elements = []
        for el, kind in cat.elements[(p, ver)]:
            ok = (p, e, v, el) in holds
            clauses = [ClauseRef(provision=q, version=qv, clause=c, text=cat.clauses[(q, qv, c)])
                       for q, qv, c in sorted(via.get((p, e, v, el), []))]
            for clause in clauses:
                used_texts.add((clause.provision, clause.version))
            elements.append(ElementResult(
                id=el, label=cat.labels[(p, el)][1], kind=kind, holds=ok,
                statement=_fill(cat.templates[(p, el, "holds" if ok else "fails")], ctx),
                words=cat.words.get((p, ver, el)), via=clauses,
                facts=facts.refs(f for (f,) in evidence.get((p, e, v, el), []))))
        failing = [x.id for x in elements if not x.holds]
        open_qs = [OpenQuestion(id=q, statement=cat.questions[q],
                                facts=facts.refs(f for (f,) in q_evidence.get((p, e, v, q), [])))
                   for (q,) in sorted(questions.get((p, e, v), []))]
        used_readings = [ReadingUsed(name=n, value=val, statement=cat.readings[(n, val)])
                         for n, val in sorted(readings.get((p, e, v), []))]
        consequences = []
        if status in ("triggered", "contested"):
            owed = defaultdict(list)
            for k, s in bearers.get((p, e, v), []):
                owed[k].append(s.upper())
            consequences = [Consequence(id=k, kind=kind, discretion=disc, text=text,
                                        bearers=sorted(owed.get(k, [])))
                            for k, kind, disc, text in cat.consequences[(p, ver)]]
        assessments.append(Assessment(
            provision=_provision_ref(cat, p, ver), event=e, event_date=events[e]["date"],
            victim=Party(code=v.upper(), name=world.state_name(v)), status=status,
            summary=_summary(status, elements, open_qs), elements=elements, failing=failing,
            open_questions=open_qs, readings=used_readings, consequences=consequences,
            organisation_decision=_decision(cat, p, decisions.get((p, e, v), []), facts, events),
            frame=sorted(cat.frames.get(p, []))))

    assessments.sort(key=lambda a: (a.event_date, a.event, a.victim.code, a.provision.id))
    texts = [ProvisionText(provision=p, version=ver, citation=cat.versions[(p, ver)]["citation"],
                           text=[ArticleText(part=part, language=lang, standing=st, text=t)
                                 for part, lang, st, t in cat.texts[(p, ver)]])
             for p, ver in sorted(used_texts)]
    return Verdict(
        scenario=ScenarioInfo(name=scenario.name, file=scenario.file, as_of=scenario.as_of.isoformat(),
                              digest=scenario.digest),
        engine=EngineInfo(foedus_version=version, knowledge_base_digest=kb_digest),
        events=[EventSummary(**e) for e in sorted(scenario.events, key=lambda x: (x["date"], x["id"]))],
        assessments=assessments, provisions=texts)


def _group(rows, n):
    out = defaultdict(list)
    for row in rows:
        out[tuple(row[:n])].append(tuple(row[n:]))
    return out


def _fill(template: str, ctx: dict) -> str:
    class Missing(dict):
        def __missing__(self, key):
            return "{" + key + "}"
    return template.format_map(Missing(ctx))


def _provision_ref(cat: Catalogue, p: str, ver: str) -> ProvisionRef:
    instrument, article, title = cat.provisions[p]
    v = cat.versions[(p, ver)]
    return ProvisionRef(id=p, instrument=instrument, article=article, title=title, version=ver,
                        version_label=v["label"], citation=v["citation"],
                        in_force_from=v["from"], in_force_until=v["until"])


def _summary(status: str, elements: list[ElementResult], questions: list[OpenQuestion]) -> str:
    failing = [e.label for e in elements if not e.holds]
    if status == "not_applicable":
        return "not applicable: " + "; ".join(e.label for e in elements if not e.holds and e.kind == "gate")
    if status == "not_triggered":
        return "not triggered: fails on " + "; ".join(failing)
    if status == "contested":
        return "contested: every element holds, but the outcome turns on an open question (" + \
            "; ".join(q.id for q in questions) + ")"
    return "triggered: every element holds"


def _decision(cat: Catalogue, p: str, rows, facts: FactIndex, events) -> OrganisationDecision | None:
    if p not in cat.organisation:
        return None
    body = {"cst": "the CSTO Collective Security Council", "nato": "the North Atlantic Council"}.get(
        cat.organisation[p], "the organisation")
    if not rows:
        return OrganisationDecision(status="no_decision_recorded",
                                    statement=f"No decision of {body} on this attack is recorded.")
    latest = max(rows, key=lambda r: (events[r[0]]["date"], r[0]))
    status = "decided_to_act" if latest[1] == "act" else "decided_not_to_act"
    words = "decided to act" if latest[1] == "act" else "decided not to act"
    return OrganisationDecision(
        status=status, decisions=facts.refs(c for c, _ in rows),
        statement=f"On {events[latest[0]]['date']} {body} {words} (recorded as an input; "
                  "the treaty's conditions are assessed independently).")

