"""Text views of the output objects, for a lawyer reading a terminal.

Every line is taken from the Verdict (or the provisions / world objects); the
text view adds layout, never content.
"""
from __future__ import annotations

import textwrap

from ..models.verdict import (
    measure_words,
    Assessment,
    AuditReport,
    BriefVerdict,
    CaseTestReport,
    PlaceList,
    StateList,
    CaseList,
    CaseReport,
    ClaimRow,
    ClaimsReport,
    FactRef,
    ProvisionList,
    Verdict,
    WhatIfReport,
    WorldView,
)

WIDTH = 100
STATUS = {"triggered": "TRIGGERED", "not_triggered": "NOT TRIGGERED",
          "not_applicable": "NOT APPLICABLE", "contested": "CONTESTED",
          "breached": "BREACHED", "complied": "COMPLIED", "undetermined": "UNDETERMINED"}
MARK = {"holds": "holds", "fails": "FAILS", "unknown": "UNKNOWN"}


def wrap(text: str, indent: str, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=indent + "  ", break_on_hyphens=False) or [indent]


def _fact_lines(fact: FactRef, indent: str) -> list[str]:
    flag = " (unverified fact)" if fact.origin == "world" and not fact.verified else ""
    lines = wrap(f"- {fact.statement} [{fact.id}]{flag}", indent)
    if fact.note:
        lines += wrap(f"note: {fact.note}", indent + "    ")
    for s in fact.sources:
        if s.id == "scenario":
            lines += wrap(f"source (as given in the scenario): {s.citation}", indent + "    ")
            continue
        mark = "" if s.verified else " (unverified)"
        where = f" — {s.where}" if s.where else ""
        lines += wrap(f"source: {s.citation}{where}{mark}", indent + "    ")
    return lines


def render_verdict(verdict: Verdict) -> str:
    out: list[str] = []
    sc = verdict.scenario
    out.append(f"Scenario: {sc.name}")
    out.append(f"Assessed as of {sc.as_of}" + (f"  ({sc.file})" if sc.file else ""))
    out.append("")
    out.append("Events")
    for ev in verdict.events:
        out += wrap(f"{ev.date}  [{ev.id}] {ev.summary}", "  ")
        if ev.source:
            out += wrap(f"source: {ev.source}", "      ")
    for fact in verdict.statehood:
        out += wrap(f"Statehood assumed: {fact.statement} [{fact.id}; "
                     + "; ".join(src.citation for src in fact.sources) + "]", "  ")
    out += _assessments(verdict.assessments, {e.id: e.summary for e in verdict.events})
    if not verdict.assessments:
        out += ["", "No provision was assessed: no state may invoke one for these events. A state is",
                "concerned when it is named as attacked ('against'), its forces are hit ('forces_of'),",
                "or it holds or claims the place attacked — and never for its own attack. Threats,",
                "crises, bases and alliance memberships have their own event kinds (see the README)."]
    if verdict.provisions:
        out += ["", "=" * WIDTH, "Texts applied", "=" * WIDTH]
        for p in verdict.provisions:
            out += ["", f"{p.name or p.provision}: {p.citation}"]
            if p.treaty_series:
                out += wrap(f"treaty series: {p.treaty_series}", "  ")
            if p.authentic_languages:
                out += wrap(f"authentic: {', '.join(p.authentic_languages)}", "  ")
            for t in p.text:
                out += wrap(f"[{t.label or t.part}, {t.language}, {t.standing.replace('_', ' ')}] \"{t.text}\"", "  ")
                if t.source:
                    out += wrap(f"text as in: {t.source.citation} — {t.source.where}", "      ")
            for m in p.missing:
                out += wrap(f"[{m.label or m.part}, {m.language}] {m.status.replace('_', ' ')}: {m.reason}", "  ")
    out += ["", f"foedus {verdict.engine.foedus_version}; knowledge base {verdict.engine.knowledge_base_digest[:19]}; "
            f"scenario {sc.digest[:19]}"]
    return "\n".join(out) + "\n"


def _assessments(assessments: list[Assessment], summaries: dict[str, str]) -> list[str]:
    out, current = [], None
    for a in assessments:
        key = (a.about, a.state.code)
        if key != current:
            current = key
            what = summaries.get(a.about) or next(
                (f.statement for el in a.elements for f in el.facts if f.id == a.about), a.about)
            out += ["", "=" * WIDTH, f"[{a.about}] {a.date}: {a.state.name} ({a.state.code})"]
            if what != a.about:
                out += wrap(what, "  ")
            if a.state.statehood:
                out += wrap(f"Statehood assumed: {a.state.statehood.statement} [{a.state.statehood.id}; "
                             + "; ".join(src.citation for src in a.state.statehood.sources) + "]", "  ")
            out.append("=" * WIDTH)
        out += [""] + _assessment(a)
    return out


def _assessment(a: Assessment) -> list[str]:
    p = a.provision
    until = f" until {p.in_force_until}" if p.in_force_until else ""
    start = p.in_force_note if p.in_force_note else f"in force from {p.in_force_from}"
    head = (f"{p.name or p.id} — {p.version_label} ({start}{until})"
            f" — {a.state.code} as {a.role.replace('_', ' ')}")
    out = [head] + wrap(f"{STATUS[a.status]}: {a.summary.split(': ', 1)[-1]}", "  ")
    for el in a.elements:
        mark = MARK[el.value]
        out += wrap(f"[{mark}] {el.label} ({el.kind}): {el.statement}", "    ")
        if el.words:
            out += wrap(f"words ({el.pinpoint}): {el.words}" if el.pinpoint else f"words: {el.words}", "          ")
        for c in el.via:
            name = c.name or c.provision
            where = f"{name.rsplit(' Art.', 1)[0]} {c.pinpoint}" if c.pinpoint else name
            out += wrap(f"via {where}: \"{c.text}\"", "          ")
        for fact in el.facts:
            out += _fact_lines(fact, "          ")
    for q in a.questions:
        labels = {el.id: el.label for el in a.elements}
        out += wrap(f"Question of fact [{q.id}] about {q.about} (decides: "
                     f"{'; '.join(labels.get(e, e) for e in q.elements)}): {q.statement}", "    ")
        for ans in q.answers:
            out += wrap(f"- {ans.answer}: {STATUS[ans.status]} — write {ans.syntax}", "      ")
    for q in a.open_questions:
        out += wrap(f"Open question [{q.id}]: {q.statement}", "    ")
        for fact in q.facts:
            out += _fact_lines(fact, "          ")
    for r in a.readings:
        held = f" (held by: {r.held_by})" if r.held_by else ""
        out += wrap(f"Reading applied [{r.name} = {r.value}]: {r.statement}{held}", "    ")
    if not a.robustness.robust:
        out.append("    The readings disagree:")
        for o in a.robustness.outcomes:
            combo = ", ".join(f"{k}={v}" for k, v in sorted(o.readings.items()))
            out += wrap(f"- {o.status.replace('_', ' ').upper()} with {combo}: {' '.join(o.explanation)}", "      ")
    elif a.robustness.readings:
        scope = "every value with standing of" if a.robustness.dissents else "every value of"
        if len(a.robustness.statuses) > 1:
            out += wrap(f"Robust: the same side under {scope} {', '.join(a.robustness.readings)}:", "    ")
            for o in a.robustness.outcomes:
                combo = ", ".join(f"{k}={v}" for k, v in sorted(o.readings.items()))
                out += wrap(f"- {o.status.replace('_', ' ').upper()} with {combo}", "      ")
        else:
            out += wrap(f"Robust: the same verdict under {scope} {', '.join(a.robustness.readings)}.", "    ")
    if a.robustness.dissents:
        out += wrap("Dissenting views (departing from an interpretation with authoritative standing; they do "
                     "not make the verdict contested):", "    ")
        for o in a.robustness.dissents:
            combo = ", ".join(f"{k}={v}" for k, v in sorted(o.readings.items()))
            out += wrap(f"- {o.status.replace('_', ' ').upper()} with {combo}: {' '.join(o.explanation)}", "      ")
            for line in o.standing:
                out += wrap(f"standing: {line}", "          ")
    if a.robustness.bearers_depend_on:
        out += wrap(f"Who bears the consequences depends on {', '.join(a.robustness.bearers_depend_on)}:", "    ")
        for b in a.robustness.bearers:
            combo = ", ".join(f"{k}={v}" for k, v in sorted(b.readings.items()))
            out += wrap(f"- {b.consequence} with {combo}: {', '.join(b.bearers) or 'nobody'}", "      ")
    if a.consequences:
        lead = ("Consequences if the open question is answered for the state concerned" if a.robustness.robust
                else "Consequences on the readings under which it is "
                     + ("breached" if "breached" in a.robustness.statuses else "triggered")) \
            if a.status == "contested" else "Consequences"
        out.append(f"    {lead}:")
        for c in a.consequences:
            who = f" Borne by: {', '.join(c.bearers)}." if c.bearers else ""
            flag = {"none": "", "means": " [the means are each bearer's choice]",
                    "full": " [a practice, not required by the Treaty]" if c.kind == "procedure"
                    else " [a right, not a duty]"}[c.discretion]
            out += wrap(f"- ({c.kind}){flag} {c.text}{who}", "      ")
    if a.open_bearers:
        out += wrap(f"Whose share in these consequences is not established: {', '.join(a.open_bearers)} (the "
                     "day its status under the treaty began was not located).", "      ")
    if a.organisation_decision:
        out += wrap(f"Organisation: {a.organisation_decision.statement}", "    ")
        for fact in a.organisation_decision.decisions:
            out += _fact_lines(fact, "          ")
    if a.frame:
        out += wrap(f"Operates within: {', '.join(a.frame_names or a.frame)}", "    ")
    return out


def render_audit(report: AuditReport) -> str:
    out = [f"Audit of the world on {report.as_of}" +
           (f" with the scenario '{report.scenario.name}'" if report.scenario else ""), ""]
    if not report.findings:
        out.append("No breach, tension or irregular standing found.")
    if report.findings and not report.scenario:
        out += wrap("A tension is not a breach: a situation the rules make awkward without forbidding it "
                     "(e.g. a non-member's base that predates the consent rule).", "")
        out.append("")
    for f in report.findings:
        out += wrap(f"[{f.kind.replace('_', ' ').upper()}] {f.state.name} ({f.state.code}): {f.summary}", "")
        for fact in f.facts:
            out += _fact_lines(fact, "    ")
        if f.assessment:
            for el in f.assessment.elements:
                if el.value != "holds":
                    out += wrap(f"{'fails' if el.value == 'fails' else 'unknown'}: {el.label}: {el.statement}", "    ")
            for q in f.assessment.open_questions:
                out += wrap(f"open question [{q.id}]: {q.statement}", "    ")
            for r in f.assessment.readings:
                out += wrap(f"reading [{r.name} = {r.value}]", "    ")
        out.append("")
    out.append(f"{len(report.assessments)} standing facts assessed (alliances of parties, foreign bases); "
               "details: foedus audit --format json.")
    return "\n".join(out) + "\n"


def render_provisions(plist: ProvisionList) -> str:
    out = []
    for p in plist.provisions:
        out.append(f"{p.id}: {p.instrument_name}, {p.article} — {p.title}")
        for v in p.versions:
            until = v.in_force_until or "today"
            out += wrap(f"{v.version}: {v.label}; in force {v.in_force_from} to {until}; "
                         f"created by {v.created_by}", "    ")
            out += wrap(f"citation: {v.citation}", "      ")
            if v.elements:
                out += wrap(f"elements: {', '.join(v.elements)}", "      ")
        out.append("")
    return "\n".join(out)


def render_world(view: WorldView) -> str:
    out = [f"The world on {view.as_of}", ""]
    for t in view.treaties:
        out.append(f"{t.name}: {len(t.parties)} of the states foedus knows are bound")
        for m in t.parties:
            srcs = ", ".join(s.id for s in m.fact.sources)
            out += wrap(f"{m.code} {m.name} — {m.status} [{m.fact.id}; sources: {srcs}]", "  ")
        if t.special:
            out.append("  Special status:")
            for m in t.special:
                bound = "bound as a party" if m.bound else "not bound as a party"
                out += wrap(f"{m.code} {m.name}: {m.status} ({bound})", "    ")
                out += _fact_lines(m.fact, "      ")
        out.append("")
    if view.pending:
        out.append("Under way on this date:")
        for c in view.pending:
            treaty = next((t.name for t in view.treaties if t.treaty == c.treaty), c.treaty)
            if c.kind == "withdrawal":
                out += wrap(f"{c.state} {c.name} has given notice of withdrawal from the {treaty}: it ceases to be "
                            f"a party on {c.takes_effect} [{c.fact.id}]", "  ")
                continue
            when = (f"; the record shows the protocol in force from {c.protocol_in_force}" if c.protocol_in_force else
                    "; the protocol's entry into force is not established")
            if c.takes_effect:
                when += f", and {c.name} a Party from {c.takes_effect}"
            out += wrap(f"{c.state} {c.name}: accession to the {treaty} pending [{c.fact.id}]{when}", "  ")
            for a in c.awaiting:
                if a.notified_on:
                    line = f"awaiting the acceptance of {a.name} (the record shows it came on {a.notified_on})"
                else:
                    line = f"the acceptance of {a.name}: not shown to have been notified by this date (its day was not located)"
                out += wrap(f"{line} [{a.fact.id}]", "    ")
        out.append("")
    out.append("Full citations of every source: foedus world --format json.")
    return "\n".join(out) + "\n"


def render_case_list(clist: CaseList) -> str:
    out = []
    for c in clist.cases:
        out.append(f"{c.id:28} {c.period:25} {c.title}")
        if c.conduct:
            out.append(f"{'':28} {'':25} conduct: {'; '.join(c.conduct)}")
    out.append("")
    out.append("Assess one: foedus cases show ID")
    return "\n".join(out) + "\n"


AGREEMENT = {"agrees": "agrees", "disagrees": "DISAGREES", "engine_says_contested": "engine: contested",
             "engine_says_undetermined": "engine: undetermined", "factual_only": "factual",
             "not_assessed": "not assessed", "agrees_with_practice": "agrees with the recorded practice",
             "disagrees_with_practice": "DISAGREES with the recorded practice",
             "agrees_elsewhere": "right rule, other text", "not_tested": "not tested (causal or political)"}


def render_brief(verdict: BriefVerdict) -> str:
    """One line per assessment: the outcome and, when not triggered, why not."""
    sc = verdict.scenario
    out = [f"Scenario: {sc.name}" + (f"  ({sc.file})" if sc.file else "") + f" — as of {sc.as_of}"]
    for a in verdict.assessments:
        line = f"{a.date} [{a.about}] {a.state} {a.name or a.provision}: {STATUS[a.status]}"
        if not a.robust:
            line += f" — the readings give {' / '.join(STATUS[s] for s in a.statuses)} ({', '.join(a.readings)})"
        else:
            if a.failing and a.status not in ("triggered", "breached"):
                line += f" — not met: {', '.join(a.failing)}"
            if a.unknown:
                line += f" — not established: {', '.join(a.unknown)}"
            if a.open_questions:
                line += f" — open: {', '.join(a.open_questions)}"
        out += wrap(line, "  ")
    if not verdict.assessments:
        out.append("  No provision was assessed (see the full verdict without --brief for why).")
    return "\n".join(out) + "\n"


def render_case(report: CaseReport, brief: bool = False) -> str:
    out = [f"{report.title} ({report.period})  [{report.id}]", ""]
    out += wrap(report.summary, "")
    out += ["", "Questions:"] + [line for q in report.questions for line in wrap(f"- {q}", "  ")]
    out += ["", "LAW — the engine's verdicts on the key questions:"]
    for x in report.expected:
        mark = "" if x.matches else "   << differs from the library's expected verdict"
        out += wrap(f"- {x.name or x.provision}, {x.state}, [{x.about}]: {x.engine_status or 'no assessment'}"
                     + (f" (fails: {', '.join(x.engine_fails)})" if x.engine_fails else "") + mark, "  ")
        out += wrap(f"why: {x.why}", "      ")
    for d in report.departures:
        out += wrap(f"Departs from {d.authority}, which reads: {d.their_reading}", "  ")
        out += wrap(f"why: {d.why}", "      ")
    out += ["", "PRACTICE — what the organisation actually did:"]
    for c in report.conduct:
        out += wrap(f"- {c.organisation}{' (' + c.date + ')' if c.date else ''}: {c.outcome.replace('_', ' ')}"
                     f" — {c.description}", "  ")
        if c.organ or c.decided or c.declined:
            out += wrap("organ: " + (c.organ_name or c.organ or "not recorded").replace("_", " ")
                         + (f"; decided: {', '.join(measure_words(m) for m in c.decided)}" if c.decided else "")
                         + (f"; declined: {', '.join(measure_words(m) for m in c.declined)}" if c.declined else ""),
                         "      ")
        out += wrap(f"source: {c.source}", "      ")
    if not report.conduct:
        out.append("  (no conduct recorded)")
    out += ["", "LAW AND PRACTICE side by side:"]
    for lp in report.law_and_practice:
        flag = "DIVERGE" if lp.comparison == "diverge" else lp.comparison.replace("_", " ")
        out += wrap(f"- {lp.organisation}: law {lp.law.replace('_', ' ')}, practice "
                     f"{lp.practice.replace('_', ' ')} => {flag}. {lp.statement}", "  ")
        for name in lp.provisions:
            out += wrap(name, "      ")
    if report.paper:
        out += ["", "THE PAPER:"]
        for row in report.paper:
            out += _claim_lines(row)
    if not brief:
        out += ["", "-" * WIDTH, "Full verdict", "-" * WIDTH, render_verdict(report.verdict)]
    return "\n".join(out) + "\n"


def _claim_lines(row: ClaimRow, case: str = "") -> list[str]:
    where = f"case {case}: " if case else ""
    out = wrap(f"- [{row.id}] ({where}{row.location}) \"{row.turkish}\"", "  ")
    out += wrap(f"gloss: {row.gloss}", "      ")
    if row.claim and row.kind == "legal":
        out += wrap(f"claim: {row.claim.name or row.claim.provision} for {row.claim.state} [{row.claim.about}] is "
                     f"{row.claim.says.replace('_', ' ')}; engine: {row.engine_status}; "
                     f"{AGREEMENT[row.agreement]}", "      ")
    elif row.kind != "factual":
        out += wrap(f"a {row.kind} claim: {AGREEMENT[row.agreement]}", "      ")
    if row.decisive:
        out += wrap(f"decisive: {'; '.join(row.decisive)}", "      ")
    out += wrap(row.explanation, "      ")
    if row.law_note:
        out += wrap(row.law_note, "      ")
    for c in row.corrections:
        out += wrap(f"correction: {c.statement} (source: {c.source})", "      ")
    return out


def render_claims(report: ClaimsReport) -> str:
    out = [f"Claims of {report.paper}", ""]
    for row in report.rows:
        out += _claim_lines(row, row.case) + [""]
    return "\n".join(out + wrap(LEGEND, "")) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


LEGEND = ("Each sentence is judged like with like: a legal claim against the engine's verdict, a sentence about "
          "what the organisation did against the case's recorded conduct, a statement of what a text requires "
          "against the encoded texts; claims about causes, motives or the future are not tested. Agreement: "
          "agrees — the engine reaches the paper's conclusion; DISAGREES — it does not; engine: contested — the "
          "answer turns on the open question or reading named; agrees with the recorded practice / DISAGREES with "
          "the recorded practice; right rule, other text — the rule exists, in another instrument than the one the "
          "paper names; not tested — a causal or political claim; factual — a statement of fact, not a legal "
          "claim, checked only against the corrections' sources (none: nothing found to correct).")


def render_claims_markdown(report: ClaimsReport) -> str:
    """A table a scholar can paste into a paper; every row traceable to text, facts and sources."""
    out = [f"## Claims of the paper checked by foedus {report.engine.foedus_version}", "",
           f"Paper: {report.paper}. Knowledge base `{report.engine.knowledge_base_digest[:19]}`.", "",
           "| # | claim (paper's wording) | case: location in the paper | engine verdict | decisive elements [facts] | agreement | corrections |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for i, row in enumerate(report.rows, 1):
        claim = _md(f"*{row.turkish}* — {row.gloss}")
        if row.claim and row.kind == "legal":
            verdict = _md(f"{row.claim.name or row.claim.provision} ({row.claim.state}, `{row.claim.about}`): **{row.engine_status}**"
                          + (f"; readings: {', '.join(row.readings)}" if row.readings else "")
                          + (f"; text: {row.citation}" if row.citation else ""))
        elif row.kind in ("practice", "textual", "causal"):
            verdict = _md(f"*{row.kind}*: {row.explanation}" + (f" {row.law_note}" if row.law_note else ""))
        else:
            verdict = "—"
        decisive = _md("; ".join(row.decisive)) or "—"
        agreement = _md(AGREEMENT[row.agreement] + (f": {row.explanation}" if row.agreement == "engine_says_contested"
                                                    and row.kind == "legal" else "")
                        + (" — see the corrections" if row.agreement == "factual_only" and row.corrections else ""))
        corrections = _md("; ".join(f"{c.statement} ({c.source})" for c in row.corrections)) or "—"
        out.append(f"| {i} | {claim} | `{row.case}`: {_md(row.location)} | {verdict} | {decisive} | {agreement} | {corrections} |")
    out += ["", LEGEND + " Fact ids in brackets are listed with their sources by `foedus cases show CASE` (case given "
            "per row in the JSON output: `foedus claims --format json`)."]
    return "\n".join(out) + "\n"


def render_what_if(report: WhatIfReport) -> str:
    out = [f"What would have to change? — {report.scenario.name}",
           f"Bound: at most {report.max_changes} changes, total cost {report.max_cost}. Costs: " +
           ", ".join(f"{k} {v}" for k, v in sorted(report.costs.items(), key=lambda kv: (kv[1], kv[0]))), ""]
    for f in report.findings:
        t = f.target
        out.append(f"{t.name or t.provision} for {t.state} [{t.about}]: now {t.status} (default readings); wanted: {t.wanted} "
                   f"({f.candidates} candidate changes)")
        if f.note:
            out += wrap(f.note, "  ")
        for i, a in enumerate(f.answers, 1):
            mark = "" if a.confirmed else "  [NOT CONFIRMED on re-check]"
            out.append(f"  {i}. cost {a.total_cost}: {a.status_after}{mark}"
                       + (f" (with every reading explored: {a.robust_status_after})"
                          if a.robust_status_after != a.status_after else ""))
            for c in a.changes:
                out += wrap(f"- {c.description} ({c.kind}, cost {c.cost})", "       ")
            out += wrap(f"then: {a.summary_after}", "       ")
        out.append("")
    out.append("Re-run any answer: foedus what-if ... --write-dir DIR, then foedus check DIR/<file>.yaml")
    return "\n".join(out) + "\n"


def render_case_tests(report: CaseTestReport) -> str:
    lines = []
    for r in report.results:
        lines.append(f"{'FAIL' if r.failures else 'PASS'}  {r.file}: {r.name}")
        lines += [f"      {f}" for f in r.failures]
    lines.append(f"{report.passed} passed, {report.failed} failed.")
    return "\n".join(lines) + "\n"


def render_states(report: StateList) -> str:
    lines = [f"States{' matching ' + repr(report.search) if report.search else ''} as of {report.as_of}: "
             f"{len(report.states)}"]
    for st in report.states:
        extra = []
        if not st.exists:
            extra.append("not a State on this date" + (f" (statehood {st.statehood_from or '…'} – "
                                                         f"{st.statehood_until or '…'})"))
        if st.successors:
            extra.append("succeeded by " + ", ".join(st.successors))
        if st.aliases:
            extra.append("also " + "; ".join(st.aliases))
        if st.names:
            extra.append("named " + "; ".join(st.names))
        if st.standing != "member":
            extra.append(st.standing + (f": {st.standing_note}" if st.standing_note else ""))
        treaties = ", ".join(st.treaties) or "no treaty"
        lines.append(f"  {st.code}  {st.name} — {treaties}" + ("; " + "; ".join(extra) if extra else ""))
    return "\n".join(lines) + "\n"


def render_places(report: PlaceList) -> str:
    lines = [f"Places{' matching ' + repr(report.search) if report.search else ''} as of {report.as_of}: "
             f"{len(report.places)}"]
    for p in report.places:
        parts = [f"held by {p.holder}" if p.holder else "no State holds title"]
        if p.controllers:
            parts.append("controlled by " + ", ".join(p.controllers))
        if p.claimants:
            parts.append("claimed by " + ", ".join(p.claimants))
        codes = f" [{', '.join(p.codes)}]" if p.codes else ""
        lines += wrap(f"{p.id}{codes} — {p.name} ({p.kind}): " + "; ".join(parts), "  ")
    return "\n".join(lines) + "\n"
