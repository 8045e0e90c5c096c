"""From the answer set to the Verdict: every statement here is read from the
solver's output (status, holds/fails, evidence, via, open questions) and the
rule files' own texts; nothing legal is decided in Python."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

from ..base import budget
from ..solve.catalogue import Catalogue
from ..base.errors import KnowledgeBaseError
from ..world.questions import Request
from ..models.scenario import ORGANISATION_LABELS, ResolvedScenario
from ..solve.solver import Answer
from ..models.verdict import (
    ArticleText,
    Assessment,
    AuditFinding,
    ClauseRef,
    Consequence,
    ElementResult,
    EventSummary,
    FactRef,
    OpenQuestion,
    DecisionMeasure,
    MissingText,
    OrganisationDecision,
    Party,
    ProvisionRef,
    ProvisionText,
    Question,
    ReadingOutcome,
    BearerOutcome,
    ReadingUsed,
    Robustness,
    SourceRef,
    measure_words,
)
from ..world.builtin import OPEN_END, Fact, World, iso, membership_treaty

ENGAGED = ("triggered", "contested", "breached")   # statuses under which consequences are given
# how a status reads in a summary, and the order in which sides are listed
SIDES = ("engaged", "open", "undetermined", "not_engaged")


class FactIndex:
    """Fact id -> FactRef, for world facts and the scenario's own facts."""

    def __init__(self, world: World, scenario: ResolvedScenario):
        self.world = world
        self.local = {f.id: f for f in scenario.facts}
        self._cache: dict[str, FactRef] = {}

    def fact(self, fid: str) -> Fact:
        return self.local.get(fid) or self.world.facts[fid]

    def ref(self, fid: str) -> FactRef:
        if fid not in self._cache:
            self._cache[fid] = self._make(self.fact(fid))
        return self._cache[fid]

    def _make(self, fact: Fact) -> FactRef:
        if fact.id in self.local:
            sources = [SourceRef(id="scenario", citation=fact.source_text or "scenario (no source given)",
                                 verified=False)]
            return FactRef(id=fact.id, kind=fact.kind, statement=fact.statement, origin="scenario",
                           verified=False, sources=sources)
        sources = [SourceRef(id=s.id, citation=s.citation, where=s.where, verified=s.verified)
                   for s in (self.world.sources[i] for i in dict.fromkeys(fact.sources))]   # primary first, as recorded
        # verified: seen in a retrieved copy of one of its sources (World.add); each source says
        # whether it was retrieved
        return FactRef(id=fact.id, kind=fact.kind, statement=fact.statement, origin="world",
                       verified=fact.verified, note=fact.note, sources=sources)

    def refs(self, fids) -> list[FactRef]:
        return [self.ref(f) for f in sorted(set(fids))]


class Outcomes:
    """What one answer set (one combination of readings) says, indexed for comparison."""

    def __init__(self, answer: Answer):
        self.readings = dict(answer.get("selected_reading", []))
        self.status = {(p, e, v): st for p, e, v, st in answer.get("status", [])}
        self.failing: dict[tuple, list[str]] = defaultdict(list)
        for p, e, v, el in answer.get("fails", []):
            self.failing[(p, e, v)].append(el)
        self.unknown: dict[tuple, list[str]] = defaultdict(list)
        for p, e, v, el in answer.get("unknown", []):
            self.unknown[(p, e, v)].append(el)
        self.questions: dict[tuple, list[str]] = defaultdict(list)
        for p, e, v, q in answer.get("open_question", []):
            self.questions[(p, e, v)].append(q)
        self.bearers: dict[tuple, set] = defaultdict(set)
        for p, e, v, k, s in answer.get("owed", []):
            self.bearers[(p, e, v)].add((k, s))
        self.dissenting = {p for (p,) in answer.get("dissenting", [])}
        self.reasons = {tuple(r[:4]): r[4] for r in sorted(answer.get("fail_reason", []))}
        self.hold_reasons = {tuple(r[:4]): r[4] for r in sorted(answer.get("hold_reason", []))}
        self.unknown_questions = {tuple(r[:4]): r[4] for r in sorted(answer.get("asks", []))}
        self.asks: dict[tuple, set] = defaultdict(set)
        for p, e, v, el, q, about in answer.get("asks", []):
            self.asks[(p, e, v)].add((el, q, about))


def default_answer(answers: list[Answer], cat: Catalogue, pinned=()) -> Answer:
    """The answer set in which every varied (relevant, unpinned) reading has its default value."""
    for answer in answers:
        chosen = dict(answer.get("selected_reading", []))
        varied = {n for (n,) in answer.get("reading_relevant", [])} - set(pinned)
        if all(chosen.get(n) == cat.reading_defaults.get(n) for n in varied if n in chosen):
            return answer
    raise KnowledgeBaseError("no answer set has every unpinned reading at its default")


class Explainer:
    """Builds Assessments from the answer sets of one grounding: the explanation
    from the default readings, the robustness from all of them."""

    def __init__(self, answers: list[Answer], cat: Catalogue, world: World, scenario: ResolvedScenario,
                 answer_question=None):
        self.cat, self.world, self.scenario = cat, world, scenario
        # answer_question(question, about, key, date) -> [AnswerOutcome]: one targeted
        # solve per answer, supplied by the caller (explaining never solves)
        self.answer_question = answer_question
        self.facts = FactIndex(world, scenario)
        answer = default_answer(answers, cat, scenario.readings)
        group = lambda name, n: _group(answer.get(name, []), n)    # noqa: E731
        self.answer = answer
        self.outcomes = []
        for a in answers:
            budget.check("explaining")
            self.outcomes.append(Outcomes(a))
        self.default = self.outcomes[answers.index(answer)]
        self.varied = sorted({n for (n,) in answer.get("reading_relevant", [])} - set(scenario.readings))
        self.versions = {(p, e, v): ver for p, ver, e, v in answer.get("assessment", [])}
        self.answer_status = {(p, e, v): st for p, e, v, st in answer.get("status", [])}
        self.holds = {tuple(h) for h in answer.get("holds", [])}
        self.departures = group("departs_from_authority", 1)
        self.unknown = {tuple(h) for h in answer.get("unknown", [])}
        self.bearer_readings = group("bearers_depend_on", 3)
        self.evidence = group("evidence", 4)
        self.via = group("via", 4)
        self.questions = group("open_question", 3)
        self.q_evidence = group("open_question_evidence", 4)
        self.readings = group("reading_applied", 3)
        self.bearers = group("owed", 3)
        self.open_bearers = group("open_bearer", 3)
        self.decisions = group("organisation_decision", 3)
        self.objecting = group("objecting_member", 1)
        self.limited = group("limited_format", 1)
        self.ignored = group("ignored_objection", 1)
        self.beyond = group("organ_beyond_competence", 3)
        self.organ_of = {c: organ for c, _, _, organ in answer.get("collective_decision", [])}
        self.measure_ways = group("decision_measure", 1)
        self.dates = {e: d for e, d in answer.get("subject_date", [])}
        # words the rules derive for a subject (the day a withdrawal takes effect, whose
        # acceptance was the last, what a decision does), named in texts
        self.subject_words: dict[str, dict[str, str]] = defaultdict(dict)
        for e, name, d in answer.get("subject_day", []):
            self.subject_words[e][name] = iso(d)
        for e, name, st in answer.get("subject_state", []):
            self.subject_words[e][name] = self.world.state_name(st)
        for e, name, text in answer.get("subject_text", []):
            self.subject_words[e][name] = text
        self.governing = {(p, d): ver for p, ver, d in answer.get("governing_version", [])}
        # the versions' dates as this grounding has them (a scenario may locate an entry into force)
        self.in_force = {(p, ver): (start, until, f) for p, ver, start, until, f in answer.get("in_force", [])}
        self.event_dates = {e["id"]: e["date"] for e in scenario.events}
        # the elements of this grounding: some depend on the readings selected
        self.elements = defaultdict(list)
        for p, ver, el, kind in answer.get("element", []):
            self.elements[(p, ver)].append((el, kind))
        for key in self.elements:
            self.elements[key].sort(key=lambda e: (cat.element_order(key[0], e[0]), e[0]))
        self.used_texts: set[tuple[str, str]] = set()

    def assessments(self) -> list[Assessment]:
        out = []
        for p, e, v, status in self.answer.get("status", []):
            budget.check("explaining")
            out.append(self.assessment(p, e, v, status))
        out.sort(key=lambda a: (a.date, a.about, a.state.code, a.provision.id))
        return out

    def context(self, p: str, ver: str, e: str, v: str, day: int) -> dict:
        ctx = {"date": iso(day), "attacker": "", "place": "", "subject": ""}
        ctx.update(self.scenario.context.get(e, {}))
        ctx.update(self.subject_words.get(e, {}))
        if not ctx["subject"]:
            ctx["subject"] = self.facts.ref(e).statement
        ctx["state"] = ctx["victim"] = f"{self.world.state_name(v, dt.date.fromisoformat(iso(day)))} ({v.upper()})"
        ctx.setdefault("opinion", v.upper())
        ctx["version"] = self.cat.versions[(p, ver)]["label"]
        art6 = self.governing.get(("nato_art6", day))
        if art6:
            ctx["version_art6"] = self.cat.versions[("nato_art6", art6)]["label"]
        return ctx

    def statehood(self) -> list:
        """What foedus assumes of the statehood of the contested entities the events name."""
        return [self._statehood_fact(code) for code in self.scenario.statehood_assumed]

    def _statehood_fact(self, code: str) -> FactRef:
        """The fact that a State is one: the world's, or a hypothetical State's of the scenario."""
        fid = f"state:{code.upper()}"
        return self.facts.ref(fid if fid in self.world.facts else f"scenario:{fid}")

    def party(self, v: str, day: int) -> Party:
        """The State concerned, named as on the day; with what foedus assumes of
        its statehood when that is contested (or it is an observer State)."""
        record = self.world.states.get(v.upper())
        statehood = self._statehood_fact(v) if record is not None and record.standing in ("contested", "observer") \
            else None
        return Party(code=v.upper(), name=self.world.state_name(v, dt.date.fromisoformat(iso(day))),
                     statehood=statehood)

    def assessment(self, p: str, e: str, v: str, status: str) -> Assessment:
        cat, key = self.cat, (p, e, v)
        ver = self.versions[key]
        self.used_texts.add((p, ver))
        day = self.dates[e]
        ctx = self.context(p, ver, e, v, day)
        elements = []
        for el, kind in self.elements[(p, ver)]:
            value = "holds" if (p, e, v, el) in self.holds else "unknown" if (p, e, v, el) in self.unknown else "fails"
            clauses = [ClauseRef(provision=q, name=cat.name(q), version=qv, clause=c, text=cat.clauses[(q, qv, c)],
                                 pinpoint=cat.pinpoint(q, qv, cat.clause_parts.get((q, qv, c))))
                       for q, qv, c in sorted(self.via.get(key + (el,), []))]
            self.used_texts.update((c.provision, c.version) for c in clauses)
            # a text an element is read with is applied even when no clause of it is reached
            self.used_texts.update((q, self.governing[(q, day)]) for q in cat.refers.get((p, el), [])
                                   if (q, day) in self.governing)
            elements.append(ElementResult(
                id=el, label=cat.labels[(p, el)][1], kind=kind, value=value,
                decided_by=cat.decided_by.get((p, el), "record"),
                statement=_fill(self.template(p, e, v, el, value), ctx),
                words=cat.words.get((p, ver, el)), pinpoint=cat.pinpoint(p, ver, cat.element_parts.get((p, ver, el))),
                via=clauses,
                facts=self.facts.refs(f for (f,) in self.evidence.get(key + (el,), []))))
        questions = [OpenQuestion(id=q, statement=cat.questions[q],
                                  facts=self.facts.refs(f for (f,) in self.q_evidence.get(key + (q,), [])))
                     for (q,) in sorted(self.questions.get(key, []))]
        readings = [ReadingUsed(name=n, value=val, statement=cat.readings[(n, val)],
                                held_by=cat.holders.get((n, val)))
                    for n, val in sorted(self.readings.get(key, []))]
        questions_of_fact = self.questions_of_fact(key, with_answers=self.undetermined_somewhere(key, status))
        if status == "undetermined" and questions_of_fact and any(
                x.value == "unknown" and x.kind == "gate" for x in elements):
            # an unknown gate: if every answer lands on the same side, that side
            # is the verdict, with the status of the first answer (the provision applies)
            answers = [a for q in questions_of_fact for a in q.answers]
            if answers and agree([a.status for a in answers]):
                status = answers[0].status
        robustness = self.robustness(p, key, ctx)
        if not robustness.robust:
            status = "contested"
        consequences = []
        if status in ENGAGED:
            owed = defaultdict(list)
            for k, s in self.bearers.get(key, []):
                owed[k].append(s.upper())
            consequences = [Consequence(id=k, kind=kind, discretion=disc, text=_fill(text, ctx),
                                        bearers=sorted(owed.get(k, [])))
                            for k, kind, disc, text in cat.consequences[(p, ver)]]
        return Assessment(
            provision=self.provision_ref(p, ver), about=e, date=iso(day),
            state=self.party(v, day),
            role=cat.roles.get(p, "state"),
            status=status, summary=_summary(cat, p, status, elements, questions, robustness, questions_of_fact,
                                                 default_status=self.answer_status[key]) +
            "".join(f" — the pinned reading {n} departs from the interpretation with authoritative standing"
                    for (n,) in sorted(self.departures.get((p,), []))),
            elements=elements,
            failing=[x.id for x in elements if x.value == "fails"],
            unknown=[x.id for x in elements if x.value == "unknown"], questions=questions_of_fact,
            open_questions=questions, readings=readings,
            robustness=robustness,
            consequences=consequences, organisation_decision=self.decision(p, key),
            open_bearers=sorted(s.upper() for (s,) in self.open_bearers.get(key, [])),
            frame=sorted(cat.frames.get(p, [])), frame_names=[cat.name(f) for f in sorted(cat.frames.get(p, []))])

    def template(self, p: str, e: str, v: str, el: str, value: str, outcome: Outcomes | None = None) -> str:
        """The element's sentence in one answer set (the default's unless given): for a failing
        (or holding) element, the one for the reason it fails (or the ground it holds on), if the
        rules give one (so that the sentence follows the reason, never contradicting the facts
        beside it)."""
        outcome = outcome or self.default
        if value == "fails":
            reason = outcome.reasons.get((p, e, v, el))
            specific = self.cat.templates.get((p, el, "fails:" + reason)) if reason else None
        elif value == "unknown":   # the question that decides it says what is missing
            question = outcome.unknown_questions.get((p, e, v, el))
            specific = self.cat.templates.get((p, el, "unknown:" + question)) if question else None
        else:   # a holding element may hold on one of several grounds, each with its sentence
            reason = outcome.hold_reasons.get((p, e, v, el))
            specific = self.cat.templates.get((p, el, "holds:" + reason)) if reason else None
        return specific or self.cat.templates.get((p, el, value)) or f"Not established: {self.cat.labels[(p, el)][1]}."

    def undetermined_somewhere(self, key: tuple, status: str) -> bool:
        """Undetermined under the default readings or another counted combination: its questions
        of fact are given with their answers."""
        return status == "undetermined" or any(
            o.status.get(key) == "undetermined" and key[0] not in o.dissenting for o in self.outcomes)

    def asked(self, key: tuple) -> dict[tuple[str, str], set[str]]:
        """(question, about) -> the elements asking it, under the default readings or any other combination."""
        by_question: dict[tuple, set[str]] = defaultdict(set)
        for o in self.outcomes:
            for el, q, about in o.asks.get(key, ()):
                by_question[(q, about)].add(el)
        return by_question

    def question_requests(self) -> list[Request]:
        """The questions of fact the explanation will give with their answers, so that a
        caller can solve the answers of many verdicts together before explaining them."""
        return [Request(q, about, (p, e, v), self.dates[e])
                for p, e, v, status in self.answer.get("status", []) if self.undetermined_somewhere((p, e, v), status)
                for q, about in sorted(self.asked((p, e, v)))]

    def questions_of_fact(self, key: tuple, with_answers: bool) -> list[Question]:
        """The facts left open for this assessment; for an undetermined verdict,
        each with its answers (a verdict that another element decides does
        not turn on them)."""
        out = []
        for (q, about), els in sorted(self.asked(key).items()):
            answers = self.answer_question(q, about, key, self.dates[key[1]]) \
                if self.answer_question and with_answers else []
            out.append(Question(id=q, about=about, elements=sorted(els),
                                statement=self.cat.fact_questions.get(q, q), answers=answers))
        return out

    def robustness(self, p: str, key: tuple, ctx: dict) -> Robustness:
        """Compare the verdict, and who bears its consequences, across every
        combination of the readings P depends on."""
        names = sorted(set(self.varied) & self.cat.reading_users.get(p, set()))
        if not names:
            return Robustness(robust=True, statuses=[self.answer_status[key]])
        seen: dict[tuple, ReadingOutcome] = {}
        dissents: dict[tuple, ReadingOutcome] = {}     # departing from an authoritative interpretation
        bearers: dict[tuple, frozenset] = {}
        for o in self.outcomes:
            combo = tuple((n, o.readings.get(n, "")) for n in names)
            if combo in seen or combo in dissents or key not in o.status:
                continue
            failing = sorted(o.failing.get(key, []))
            unknown = sorted(o.unknown.get(key, []))
            explanation = [_fill(self.template(p, key[1], key[2], el, "fails", o), ctx) for el in failing
                           if (p, el, "fails") in self.cat.templates] or \
                          [_fill(self.template(p, key[1], key[2], el, "unknown", o), ctx) for el in unknown
                           if (p, el, "unknown") in self.cat.templates] or \
                          [f"Open question: {q}" for q in sorted(o.questions.get(key, []))] or \
                          ["Every element holds."]
            outcome = ReadingOutcome(readings=dict(combo), status=o.status[key], failing=failing,
                                     unknown=unknown, open_questions=sorted(o.questions.get(key, [])),
                                     explanation=explanation, standing=self.standing(p, combo))
            if p in o.dissenting:
                dissents[combo] = outcome
                continue
            seen[combo] = outcome
            bearers[combo] = frozenset(o.bearers.get(key, ()))
        statuses = sorted({x.status for x in seen.values()})
        robust = agree(statuses)
        # the readings that change the outcome (status, or bearers), one combination of them each
        by_status = self.changing(names, seen, lambda c: seen[c].status)
        outcomes = self.project(by_status or names, seen) if len(statuses) > 1 else []
        # the rules say which readings change the bearers (the brief path reads the same atoms)
        by_bearers = sorted(n for (n,) in self.bearer_readings.get(key, []))
        bearer_rows = []
        if robust and by_bearers:
            shown: dict[tuple, frozenset] = {}
            for combo in sorted(seen):
                shown.setdefault(tuple(kv for kv in combo if kv[0] in by_bearers), bearers[combo])
            kinds = sorted({k for b in shown.values() for k, _ in b})
            bearer_rows = [BearerOutcome(consequence=k, readings=dict(c),
                                         bearers=sorted(s.upper() for kk, s in b if kk == k))
                           for k in kinds for c, b in sorted(shown.items())]
        # a dissent is shown by the readings whose authoritative value it departs from
        authoritative = sorted(n for n in names if (n, p) in self.cat.authoritative)
        # a dissent is worth showing only where it would change the verdict
        dissents = {c: o for c, o in dissents.items() if o.status != self.answer_status[key]}
        dissent_rows = self.project(authoritative, dissents) if dissents else []
        return Robustness(robust=robust, readings=(by_status or names) if not robust else names,
                          statuses=statuses, outcomes=outcomes,
                          bearers_depend_on=by_bearers if robust else [], bearers=bearer_rows,
                          dissents=dissent_rows, dissent_statuses=sorted({x.status for x in dissents.values()}))

    def standing(self, p: str, combo: tuple) -> list[str]:
        """What stands behind each value of a combination, for provision p."""
        return [f"{n}={v}: {kind} — {source}" for n, v in combo
                for q, kind, source in self.cat.standing.get((n, v), []) if q == p]

    @staticmethod
    def changing(names: list[str], seen: dict, outcome) -> list[str]:
        """The readings whose value alone changes `outcome` (combinations differing in it only)."""
        out = []
        for i, n in enumerate(names):
            # combinations that differ in reading i only share everything else
            by_rest: dict[tuple, set] = defaultdict(set)
            for combo in seen:
                by_rest[combo[:i] + combo[i + 1:]].add(outcome(combo))
            if any(len(outcomes) > 1 for outcomes in by_rest.values()):
                out.append(n)
        return out

    @staticmethod
    def project(matters: list[str], seen: dict) -> list[ReadingOutcome]:
        projected: dict[tuple, ReadingOutcome] = {}
        for combo in sorted(seen):
            key2 = tuple(kv for kv in combo if kv[0] in matters)
            projected.setdefault(key2, seen[combo].model_copy(update={"readings": dict(key2)}))
        return list(projected.values())

    def decision(self, p: str, key: tuple) -> OrganisationDecision | None:
        """What the organisation's latest decision on the subject amounts to, measure by measure."""
        if p not in self.cat.organisation:
            return None
        org = self.cat.organisation[p]
        organs = dict(self.world.organs.get(org, []))
        highest = next(iter(organs.values()), "organisation")
        label = ORGANISATION_LABELS.get(org, org.upper())
        rows = self.decisions.get(key, [])
        if not rows:
            return OrganisationDecision(status="no_decision_recorded",
                                        statement=f"No decision of the {label} {highest} on this is recorded.")
        latest = max({c for c, _, _ in rows}, key=lambda c: (self.event_dates.get(c, ""), c))
        organ = self.organ_of.get(latest, "")
        competent = {m: o for c, m, o, _ in self.beyond.get(key, []) if c == latest}
        basis = {m: b for c, m, _, b in self.beyond.get(key, []) if c == latest}
        ways = dict(self.measure_ways.get((latest,), []))
        measures = sorted((DecisionMeasure(measure=m, outcome=o, competent_organ=competent.get(m))
                           for c, m, o in rows if c == latest), key=lambda d: (d.outcome, d.measure))
        outcomes = {d.outcome for d in measures}
        declined = "declined" in outcomes   # what an organ says beyond its competence is not the organisation's
        status = ("decided_in_part" if declined else "decided_to_act") if "decided" in outcomes else \
            "blocked_by_objection" if "blocked" in outcomes else \
            "decided_not_to_act" if "declined" in outcomes else "beyond_competence"
        names = lambda k: ", ".join(sorted(s.upper() for (s,) in k.get((latest,), [])))   # noqa: E731
        words = lambda o: ", ".join(measure_words(d.measure) for d in measures if d.outcome == o)   # noqa: E731
        parts = [f"{verb} {words(o)}" for o, verb in (("decided", "decided"), ("declined", "declined"),
                                                       ("blocked", "proposed")) if words(o)]
        said = "; ".join(parts)
        if "blocked" in outcomes:
            said += f", blocked by the official objection of {names(self.objecting)} (decisions are taken by consensus)"
        for d in measures:
            if d.outcome == "beyond_competence":
                way = "declined" if ways.get(d.measure) == "declined" else "decided"
                said += ("; " if said else "") + \
                    f"it {way} {measure_words(d.measure)}, a measure only the {organs.get(d.competent_organ, d.competent_organ)} " \
                    f"decides ({basis[d.measure]}): that is the organ's position, not the organisation's decision"
        extra = ""
        if names(self.limited):
            extra += f" {names(self.limited)} did not join but declared no objection (limited format)."
        if names(self.ignored):
            extra += f" The objection of {names(self.ignored)} does not count: not a member bound on the date."
        return OrganisationDecision(
            status=status, organ=organ or None, measures=measures, decisions=self.facts.refs(sorted({c for c, _, _ in rows})),
            statement=f"On {self.event_dates.get(latest, '?')} the {label} {organs.get(organ, organ)} {said}.{extra} "
                      "(Recorded as an input; the legal conditions are assessed independently.)")

    def provision_ref(self, p: str, ver: str) -> ProvisionRef:
        instrument, article, title = self.cat.provisions[p]
        v = self.cat.versions[(p, ver)]
        start, until, note = v["from"], v["until"], None
        if (p, ver) in self.in_force:
            first, end, fact = self.in_force[(p, ver)]
            start = iso(first)
            until = None if end == OPEN_END else (dt.date.fromisoformat(iso(end)) - dt.timedelta(days=1)).isoformat()
            record = self.world.facts.get(fact)
            if record is not None and record.atoms and record.atoms[0][0] == "instrument_in_force_window":
                note = f"entry into force not located: not before {start}"
        return ProvisionRef(id=p, name=self.cat.name(p), instrument=instrument, article=article, title=title, version=ver,
                            version_label=v["label"], citation=v["citation"], in_force_from=start,
                            in_force_until=until, in_force_note=note,
                            pinpoint_edition=self.cat.editions.get((p, ver)))

    def texts(self) -> list[ProvisionText]:
        return [self.provision_text(p, ver) for p, ver in sorted(self.used_texts)]

    def provision_text(self, p: str, ver: str) -> ProvisionText:
        """The words of a version, in every language quoted, each with the copy it was read from;
        the authentic texts not quoted, with the reason; the instrument's treaty-series reference."""
        cat, world = self.cat, self.world
        instrument = world.instruments.get(cat.versions[(p, ver)]["created_by"])
        base = world.instruments.get(cat.provisions[p][0])

        def series_of(record) -> Optional[str]:
            series = record.treaty_series if record else None
            if series is None:
                return None
            if series.reference:
                return series.reference + ("" if series.verified else " (not seen in a retrieved copy)")
            return {"not_located": "registration not located", "not_registered": "not registered (not a treaty)"}[
                series.status]
        reference = series_of(instrument)
        if base is not None and instrument is not None and base.id != instrument.id and series_of(base):
            # an amended text: the treaty's reference, and the amending instrument's
            amended_by = cat.versions[(p, ver)]["label"].removeprefix("text as amended by ")
            reference = f"{series_of(base)} (the {base.kind.capitalize()}); {amended_by}: {reference or 'not stated'}"

        def source(lang):
            sid = cat.text_sources.get((p, ver, lang))
            s = world.sources.get(sid) if sid else None
            return SourceRef(id=s.id, citation=s.citation, where=s.where, verified=s.verified) if s else None
        return ProvisionText(
            provision=p, name=cat.name(p, ver), version=ver, citation=cat.versions[(p, ver)]["citation"], treaty_series=reference,
            authentic_languages=list(instrument.authentic.languages) if instrument and instrument.authentic else [],
            text=[ArticleText(part=part, label=cat.part_labels.get((p, ver, part)), language=lang, standing=st, text=t,
                              source=source(lang))
                  for part, lang, st, t in cat.texts[(p, ver)]],
            missing=[MissingText(part=part, label=cat.part_labels.get((q, qv, part)), language=lang, status=status,
                                 reason=reason)
                     for (q, qv, part, lang), (status, reason) in sorted(cat.missing_texts.items()) if (q, qv) == (p, ver)])

    def events(self) -> list[EventSummary]:
        return [EventSummary(**e) for e in sorted(self.scenario.events, key=lambda x: (x["date"], x["id"]))]

    def subject_name(self, about: str) -> str:
        """What a standing-fact assessment is about, in words: the alliance of a membership,
        the base; else the fact's id."""
        fact = self.world.facts.get(about) or next((f for f in self.scenario.facts if f.id == about), None)
        if fact is not None and fact.kind == "membership":
            treaty = membership_treaty(fact)
            return self.world.treaty_names.get(treaty, treaty)
        return self.world.base_names.get(about, about)

    def audit_findings(self, assessments: list[Assessment]) -> list[AuditFinding]:
        """Breaches and contested standing-fact verdicts, tensions, irregular standing."""
        world, out = self.world, []
        for a in assessments:
            if a.provision.id in self.cat.standing_provisions and a.status in ("breached", "contested",
                                                                               "undetermined"):
                kind = {"breached": "breach"}.get(a.status, a.status)
                out.append(AuditFinding(kind=kind, state=a.state, assessment=a,
                                        summary=f"{a.provision.name} ({a.provision.title}) — "
                                                f"{self.subject_name(a.about)}: {a.summary}",
                                        facts=self.facts.refs([a.about])))
        art7_from = self.cat.versions.get(("csto_charter_art7", "v2002"), {}).get("from")
        for f, h, _ in self.answer.get("standing_foreign_base", []):
            fact = self.facts.ref(f)
            caveat = " (its dates are not fully verified)" if not fact.verified else ""
            out.append(AuditFinding(
                kind="tension", state=Party(code=h.upper(), name=world.state_name(h)), facts=[fact],
                summary=f"A non-member's forces or infrastructure stand on a member's territory{caveat}; they "
                        f"were established before CSTO Charter Art. 7 applied (from {art7_from}), and the rule "
                        "does not reach back, so no consultation or consent was owed."))
        for s, t, status, f in self.answer.get("irregular_standing", []):
            out.append(AuditFinding(
                kind="irregular_standing", state=Party(code=s.upper(), name=world.state_name(s)),
                facts=self.facts.refs([f]),
                summary=f"Status '{status}' under the {t.upper()} "
                        f"({'still bound as a party' if status in self.cat.binding_statuses else 'not treated as a party'})."))
        for s, org, f in self.answer.get("in_arrears", []):
            out.append(AuditFinding(kind="arrears", state=Party(code=s.upper(), name=world.state_name(s)),
                                    facts=self.facts.refs([f]),
                                    summary=f"In arrears with contributions to the {org.upper()}."))
        out.sort(key=lambda x: (x.kind, x.state.code, x.summary))
        return out


def verdict_across(answers: list[Answer], cat: Catalogue, pinned, key: tuple):
    """(status, failing) of one assessment from a grounding's answer sets: the
    default combination's, or contested when the readings P depends on land on
    different sides — as the full verdict says it. None if not assessed."""
    default = default_answer(answers, cat, pinned)
    status = next((st for p, e, v, st in default.get("status", []) if (p, e, v) == key), None)
    if status is None:
        return None
    failing = sorted(el for p, e, v, el in default.get("fails", []) if (p, e, v) == key)
    names = ({n for (n,) in default.get("reading_relevant", [])} - set(pinned)) & cat.reading_users.get(key[0], set())
    counted = [a for a in answers if (key[0],) not in a.get("dissenting", [])]   # dissents do not contest
    statuses = {st for a in counted for p, e, v, st in a.get("status", []) if (p, e, v) == key} if names else {status}
    return (status if agree(statuses) else "contested"), failing


def agree(statuses) -> bool:
    """Robust: every combination of readings lands on the same side — engaged
    (triggered, breached), open (contested) or not engaged (the rest)."""
    return len({side(s) for s in statuses}) <= 1


def side(status: str) -> str:
    """engaged (triggered, breached), open (contested), undetermined, or not engaged (the rest)."""
    return {"triggered": "engaged", "breached": "engaged", "contested": "open",
            "undetermined": "undetermined"}.get(status, "not_engaged")


def _group(rows, n):
    out = defaultdict(list)
    for row in rows:
        out[tuple(row[:n])].append(tuple(row[n:]))
    return out


class _Keep(dict):
    """A placeholder the context does not fill stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"


def _fill(template: str, ctx: dict) -> str:
    return template.format_map(_Keep(ctx))




def _summary(cat: Catalogue, p: str, status: str, elements: list[ElementResult],
             questions: list[OpenQuestion], robustness: Robustness, facts: list[Question] = (),
             default_status: str = "") -> str:
    if not robustness.robust:
        # what the default readings give first, then who disagrees
        others = [o for o in robustness.outcomes if o.status != default_status]
        return (f"contested: {default_status.replace('_', ' ')} on the default readings; "
                + _under(robustness, others) + _dissent(robustness))
    failing = "; ".join(e.label for e in elements if e.value == "fails")
    gates = "; ".join(e.label for e in elements if e.value == "fails" and e.kind == "gate")
    unknown = "; ".join(e.label for e in elements if e.value == "unknown")
    open_ids = "; ".join(q.id for q in questions)
    text = {
        "not_applicable": f"not applicable: not met: {gates}",
        "not_triggered": f"not triggered: not met: {failing}",
        "triggered": "triggered: every element holds",
        "breached": ("breached: every element of the prohibition holds" if cat.kinds.get(p) == "prohibition"
                     else f"breached: not met: {failing}"),
        "complied": (f"complied: not met: {failing}" if cat.kinds.get(p) == "prohibition"
                     else "complied: every requirement is met"),
        "contested": f"contested: the outcome turns on an open question ({open_ids})",
        "undetermined": f"undetermined: not established: {unknown}",
    }[status]
    if status == "undetermined" and facts:
        text += " — " + "; ".join(
            f"{q.id}: " + ", ".join(f"{a.answer} → {a.status.replace('_', ' ')}" for a in q.answers)
            for q in facts if q.answers)
    elif unknown:
        text += f" (not established either: {unknown})"
    if len(robustness.statuses) > 1:
        text += " — the readings agree on the side: " + _under(robustness)
    if robustness.bearers_depend_on:
        text += f" — who bears the consequences depends on {', '.join(robustness.bearers_depend_on)}"
    return text.rstrip(" —") + _dissent(robustness)


def _dissent(robustness: Robustness) -> str:
    if not robustness.dissents:
        return ""
    return " — dissenting view: " + _under(robustness, robustness.dissents)


def _under(robustness: Robustness, outcomes=None) -> str:
    """Which status under which combination of readings."""
    sides = defaultdict(list)
    for o in robustness.outcomes if outcomes is None else outcomes:
        sides[o.status].append(", ".join(f"{k}={v}" for k, v in sorted(o.readings.items())))
    return "; ".join(f"{st.replace('_', ' ')} under {' | '.join(combos)}" for st, combos in sorted(sides.items()))
