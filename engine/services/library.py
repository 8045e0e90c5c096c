"""Reports over the case library: one case beside its recorded conduct, and the
seed paper's claims checked against the engine's verdicts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .cases import Case, PaperPassage
from ..explain.explainer import ENGAGED
from .textcheck import named, texts_requiring
from ..models.verdict import (
    Assessment,
    CaseEntry,
    CaseList,
    CaseReport,
    ClaimRow,
    ClaimsReport,
    ConductRecord,
    DepartureNote,
    CorrectionOut,
    ExpectedCheck,
    LawAndPractice,
    PaperClaim,
    Verdict,
)

if TYPE_CHECKING:
    from ..core.assess import Core

PAPER = ("Nato'nun Genişlemesi ve Kazakistan Olayları Bağlamında Kolektif Güvenlik Antlaşması "
         "Örgütü'nün Geleceği, RUSAD 8 (2022) — the seed paper (Turkish, with English and Russian abstracts)")
ORGANISATION = {"CSTO": "cst", "NATO": "nato"}


def _period(case: Case) -> str:
    until = case.period.until.isoformat() if case.period.until else "…"
    return f"{case.period.from_.isoformat()} – {until}"


def list_cases(cases: dict[str, Case]) -> CaseList:
    return CaseList(cases=[CaseEntry(id=c.id, title=c.title, period=_period(c),
                                     organisations=sorted({x.organisation for x in c.conduct}),
                                     conduct=[f"{x.organisation}: {x.outcome}" for x in c.conduct])
                           for c in sorted(cases.values(), key=lambda c: (c.period.from_, c.id))])


def _find(verdict: Verdict, provision: str, state: str, about: str) -> Assessment | None:
    for a in verdict.assessments:
        if a.provision.id == provision and a.state.code == state and a.about == about:
            return a
    return None


def show_case(engine: "Core", case: Case) -> CaseReport:
    verdict = engine.assess(case.scenario)
    expected = []
    for x in case.verdicts:
        a = _find(verdict, x.provision, x.state, x.about)
        expected.append(ExpectedCheck(
            provision=x.provision, name=engine.catalogue.name(x.provision), state=x.state, about=x.about,
            expected_status=x.status,
            engine_status=a.status if a else None, expected_fails=sorted(x.fails),
            engine_fails=sorted(a.failing) if a else [],
            matches=bool(a and a.status == x.status and sorted(a.failing) == sorted(x.fails)), why=x.why))
    return CaseReport(
        id=case.id, title=case.title, period=_period(case), summary=case.summary, questions=case.questions,
        verdict=verdict, expected=expected,
        departures=[DepartureNote(authority=d.authority, their_reading=d.their_reading, why=d.why)
                    for d in case.departures],
        conduct=[ConductRecord(organisation=c.organisation, outcome=c.outcome,
                               date=c.date.isoformat() if c.date else None, organ=c.organ,
                               organ_name=dict(engine.kb.world.organs.get(ORGANISATION[c.organisation], [])).get(c.organ),
                               decided=list(c.decided), declined=list(c.declined), description=c.description,
                               source=c.source) for c in case.conduct],
        law_and_practice=[_compare(engine, verdict, c.organisation, c.outcome, c.concerns, c.about)
                          for c in case.conduct]
        + _unanswered(engine, verdict, case),
        paper=[_claim_row(engine, case, verdict, p) for p in case.paper])


def _compare(engine: "Core", verdict: Verdict, organisation: str, outcome: str,
             concerns: list[str], about: list[str] = ()) -> LawAndPractice:
    """Set the organisation's conduct beside the verdicts of the provisions that
    govern its collective action. The engine's verdicts never read the conduct."""
    cat = engine.catalogue
    org = ORGANISATION[organisation]
    relevant = [a for a in verdict.assessments
                if (a.provision.id in concerns if concerns else
                    a.provision.id in cat.collective_action and cat.organisation.get(a.provision.id) == org)
                and (not about or a.about in about)]
    names = sorted({f"{a.provision.name} ({a.state.code}, {a.about}): {a.status}" for a in relevant})
    statuses = {a.status for a in relevant}
    if not relevant:
        law = "not_assessed"
    elif "triggered" in statuses:
        law = "engaged"
    elif "contested" in statuses:
        law = "unsettled"
    elif "undetermined" in statuses:
        law = "undetermined"
    else:
        law = "not_engaged"
    if law == "not_assessed" or outcome == "other":
        comparison, statement = "not_comparable", "The recorded conduct cannot be set against a collective-action verdict."
    elif law == "unsettled":
        comparison, statement = "law_unsettled", "The law is contested here; practice took one side of an open question."
    elif law == "undetermined":
        comparison, statement = "law_undetermined", ("The verdict turns on a fact the record leaves open (see its "
                                                      "questions): law and practice cannot be compared until it is "
                                                      "answered.")
    elif (law == "engaged") == (outcome == "acted"):
        comparison = "agree"
        statement = ("The legal conditions were met and the organisation acted." if law == "engaged" else
                     "The legal conditions were not met and the organisation did not act.")
    else:
        comparison = "diverge"
        statement = ("The legal conditions were met, yet the organisation did not act." if law == "engaged" else
                     "The organisation acted although the legal conditions for collective action were not met "
                     "(another basis, such as consent, may apply).")
    return LawAndPractice(organisation=organisation, law=law, practice=outcome, comparison=comparison,
                          statement=statement, provisions=names)


def _unanswered(engine: "Core", verdict: Verdict, case: Case) -> list[LawAndPractice]:
    """Every engaged provision binding an organisation or its members that no conduct record
    answers: law and practice cover them all, not only collective action."""
    cat = engine.catalogue
    covered = set()   # (provision, event): None for every event
    for c in case.conduct:
        org = ORGANISATION[c.organisation]
        covered |= {(p, e) for p in cat.organisation if (p in c.concerns if c.concerns else
                                                         p in cat.collective_action and cat.organisation[p] == org)
                    for e in (c.about or [None])}
    out = []
    for label, org in sorted(ORGANISATION.items()):
        rows = sorted({f"{a.provision.name} ({a.state.code}, {a.about}): {a.status}" for a in verdict.assessments
                       if cat.organisation.get(a.provision.id) == org and (a.provision.id, None) not in covered
                       and (a.provision.id, a.about) not in covered
                       and a.status in ENGAGED})
        if rows:
            out.append(LawAndPractice(
                organisation=label, law="engaged", practice="not_recorded", comparison="not_comparable",
                statement="The legal conditions were met; the case records no conduct of the organisation or "
                          "its members under these provisions.", provisions=rows))
    return out


def _claim_row(engine: "Core", case: Case, verdict: Verdict, p: PaperPassage) -> ClaimRow:
    """Judge the passage like with like: law against the verdict, practice against the
    conduct, a statement of a text's content against the texts; causes are not tested."""
    corrections = [CorrectionOut(statement=c.statement, source=c.source) for c in p.corrections]
    kind = p.judged_as
    base = dict(id=p.id, case=case.id, location=p.location, turkish=p.turkish, gloss=p.gloss,
                corrections=corrections, kind=kind)
    if kind == "factual":
        return ClaimRow(**base, agreement="factual_only",
                        explanation="A factual statement, not a legal claim; see the corrections."
                        if corrections else "A factual statement, not a legal claim.")
    if kind == "textual":
        return ClaimRow(**base, **_text_judgment(engine, p))
    legal = _legal_judgment(verdict, p, engine.catalogue.names) if p.claim and p.claim.says else None
    if kind == "legal":
        return ClaimRow(**base, **legal)
    note = None
    if p.claim is not None:
        a = _find(verdict, p.claim.provision, p.claim.state, p.claim.about)
        readings = [f"{r.name} = {r.value}" for r in a.readings] if a is not None else []
        note = ("In law: The engine made no such assessment for the case's scenario." if a is None else
                f"In law, on the question it touches ({a.provision.name}, {p.claim.state}, {p.claim.about}): "
                f"{a.provision.article} {a.summary}"
                + (f" (readings: {', '.join(readings)})" if readings else "") + ".")
    if kind == "causal":
        return ClaimRow(**base, agreement="not_tested", law_note=note,
                        explanation="A claim about causes, motives or what will happen: the engine tests the law and "
                                    "the recorded conduct, not this.")
    return ClaimRow(**base, **_practice_judgment(case, p), law_note=note)


def _legal_judgment(verdict: Verdict, p: PaperPassage, names: dict[str, str]) -> dict:
    claim = PaperClaim(provision=p.claim.provision, name=names.get(p.claim.provision, p.claim.provision),
                       state=p.claim.state, about=p.claim.about, says=p.claim.says)
    a = _find(verdict, p.claim.provision, p.claim.state, p.claim.about)
    if a is None:
        return dict(claim=claim, agreement="not_assessed",
                    explanation="The engine made no such assessment for the case's scenario.")
    decisive = [f"fails: {e.id} [{'; '.join(f.id for f in e.facts)}]" if e.facts else f"fails: {e.id}"
                for e in a.elements if e.value == "fails"] or \
               [f"unknown: {e.id}" for e in a.elements if e.value == "unknown"] or \
               [f"open question: {q.id}" for q in a.open_questions] or ["every element holds"]
    readings = [f"{r.name} = {r.value}" for r in a.readings]
    if a.status == p.claim.says:
        agreement = "agrees"
        explanation = f"The engine also finds {a.provision.article} {a.summary}."
    elif a.status == "undetermined":
        agreement = "engine_says_undetermined"
        explanation = "The answer turns on a fact the record leaves open: " + "; ".join(
            f"{q.id} — {q.statement}" for q in a.questions) + "."
    elif a.status == "contested":
        agreement = "engine_says_contested"
        if not a.robustness.robust:
            explanation = "The answer turns on the readings " + ", ".join(a.robustness.readings) + ": " + \
                a.summary.split(" — ", 1)[-1] + "."
        else:
            explanation = "The answer turns on an open question: " + \
                "; ".join(f"{q.id} — {q.statement}" for q in a.open_questions)
    else:
        agreement = "disagrees"
        explanation = (f"The engine finds {a.provision.article} {a.summary} — not "
                       f"{p.claim.says.replace('_', ' ')} as the paper has it.")
    return dict(claim=claim, engine_status=a.status, decisive=decisive, readings=readings,
                agreement=agreement, explanation=explanation, citation=a.provision.citation)


def _practice_judgment(case: Case, p: PaperPassage) -> dict:
    said = p.practice
    records = [c for c in case.conduct if c.organisation == said.organisation
               and (said.date is None or c.date == said.date)]
    when = f" on {said.date}" if said.date else ""
    if not records:
        return dict(agreement="not_assessed", explanation=f"The case records no conduct of the {said.organisation}"
                                                          f"{when} to set the sentence against.")
    matching = [c for c in records if c.outcome == said.outcome]
    shown = matching or records
    decisive = [f"conduct {c.date or ''}: {c.outcome.replace('_', ' ')}" for c in shown]
    if matching:
        return dict(agreement="agrees_with_practice", decisive=decisive,
                    explanation=f"The recorded conduct agrees: {said.organisation}{when}: "
                                f"{said.outcome.replace('_', ' ')} — {matching[0].description.strip()}")
    return dict(agreement="disagrees_with_practice", decisive=decisive,
                explanation=f"The recorded conduct does not: {said.organisation}{when}: "
                            f"{records[0].outcome.replace('_', ' ')} — {records[0].description.strip()}")


def _text_judgment(engine: "Core", p: PaperPassage) -> dict:
    said = p.text
    found = texts_requiring(engine, said.requires, said.as_of)
    where = lambda r: r.citation   # noqa: E731
    in_named = [r for r in found if named(r, said.instrument, engine)]
    cat = engine.catalogue
    requirement = next((label for (p, el), (_, label) in cat.labels.items() if el == said.requires), said.requires)
    instruments = engine.kb.world.instruments
    named_text = instruments[said.instrument].name if said.instrument in instruments else said.instrument
    decisive = [f"{cat.name(r.provision, r.version)} requires: {requirement}" +
                (f" on the reading {r.reading[0]} = {r.reading[1]}" if r.reading else "") for r in found]
    if any(r.reading is None for r in in_named):
        r = next(r for r in in_named if r.reading is None)
        return dict(agreement="agrees", decisive=decisive, citation=where(r),
                    explanation=f"The text in force on {said.as_of} requires it: {where(r)}.")
    if in_named:
        r = in_named[0]
        return dict(agreement="engine_says_contested", decisive=decisive, citation=where(r),
                    readings=[f"{r.reading[0]} = {r.reading[1]}"],
                    explanation=f"The text requires it only on the reading {r.reading[0]} = {r.reading[1]}, not on "
                                f"the default {r.reading[0]} = {engine.catalogue.reading_defaults[r.reading[0]]} "
                                f"({where(r)}).")
    if found:
        r = found[0]
        return dict(agreement="agrees_elsewhere", decisive=decisive, citation=where(r),
                    explanation=f"The rule exists, but in another text than the one named "
                                f"(the {named_text}): {where(r)}.")
    return dict(agreement="disagrees", decisive=decisive,
                explanation=f"No text encoded as in force on {said.as_of} requires: {requirement}.")


def claims_report(engine: "Core", cases: dict[str, Case]) -> ClaimsReport:
    rows = []
    for case in sorted(cases.values(), key=lambda c: (c.period.from_, c.id)):
        if not case.paper:
            continue
        verdict = engine.assess(case.scenario)
        rows += [_claim_row(engine, case, verdict, p) for p in case.paper]
    return ClaimsReport(engine=engine.provenance(), paper=PAPER, rows=rows)
