"""Reports over the case library: one case beside its recorded conduct, and the
seed paper's claims checked against the engine's verdicts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .cases import Case, PaperPassage
from .verdict import (
    Assessment,
    CaseEntry,
    CaseList,
    CaseReport,
    ClaimRow,
    ClaimsReport,
    ConductRecord,
    CorrectionOut,
    ExpectedCheck,
    LawAndPractice,
    PaperClaim,
    Verdict,
)

if TYPE_CHECKING:
    from .api import Engine

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


def show_case(engine: "Engine", case: Case) -> CaseReport:
    verdict = engine.assess(case.scenario)
    expected = []
    for x in case.verdicts:
        a = _find(verdict, x.provision, x.state, x.about)
        expected.append(ExpectedCheck(
            provision=x.provision, state=x.state, about=x.about, expected_status=x.status,
            engine_status=a.status if a else None, expected_fails=sorted(x.fails),
            engine_fails=sorted(a.failing) if a else [],
            matches=bool(a and a.status == x.status and sorted(a.failing) == sorted(x.fails)), why=x.why))
    return CaseReport(
        id=case.id, title=case.title, period=_period(case), summary=case.summary, questions=case.questions,
        verdict=verdict, expected=expected,
        conduct=[ConductRecord(organisation=c.organisation, outcome=c.outcome,
                               date=c.date.isoformat() if c.date else None, description=c.description,
                               source=c.source) for c in case.conduct],
        law_and_practice=[_compare(engine, verdict, c.organisation, c.outcome, c.concerns) for c in case.conduct],
        paper=[_claim_row(engine, case, verdict, p) for p in case.paper])


def _compare(engine: "Engine", verdict: Verdict, organisation: str, outcome: str,
             concerns: list[str]) -> LawAndPractice:
    """Set the organisation's conduct beside the verdicts of the provisions that
    govern its collective action. The engine's verdicts never read the conduct."""
    cat = engine.catalogue
    org = ORGANISATION[organisation]
    relevant = [a for a in verdict.assessments
                if (a.provision.id in concerns if concerns else
                    a.provision.id in cat.collective_action and cat.organisation.get(a.provision.id) == org)]
    names = sorted({f"{a.provision.id} ({a.state.code}, {a.about}): {a.status}" for a in relevant})
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


def _claim_row(engine: "Engine", case: Case, verdict: Verdict, p: PaperPassage) -> ClaimRow:
    corrections = [CorrectionOut(statement=c.statement, source=c.source) for c in p.corrections]
    base = dict(id=p.id, case=case.id, location=p.location, turkish=p.turkish, gloss=p.gloss,
                corrections=corrections)
    if p.claim is None:
        return ClaimRow(**base, agreement="factual_only",
                        explanation="A factual statement, not a legal claim; see the corrections."
                        if corrections else "A factual statement, not a legal claim.")
    claim = PaperClaim(provision=p.claim.provision, state=p.claim.state, about=p.claim.about, says=p.claim.says)
    a = _find(verdict, p.claim.provision, p.claim.state, p.claim.about)
    if a is None:
        return ClaimRow(**base, claim=claim, agreement="not_assessed",
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
    return ClaimRow(**base, claim=claim, engine_status=a.status, decisive=decisive, readings=readings,
                    agreement=agreement, explanation=explanation, citation=a.provision.citation)


def claims_report(engine: "Engine", cases: dict[str, Case]) -> ClaimsReport:
    rows = []
    for case in sorted(cases.values(), key=lambda c: (c.period.from_, c.id)):
        if not case.paper:
            continue
        verdict = engine.assess(case.scenario)
        rows += [_claim_row(engine, case, verdict, p) for p in case.paper]
    return ClaimsReport(engine=engine.provenance(), paper=PAPER, rows=rows)
