"""The short text view of a verdict: each assessment's status, the elements that decide it
(those that fail or are not established — for a provision that does not apply, its failing
gates; "every element holds" otherwise) with the facts
deciding each — ids and source ids, not the sources again — the questions still open and
the outcome under each reading when they disagree. One screen where the full view is
hundreds of lines; `foedus check --short`."""
from __future__ import annotations

from ..models.verdict import Assessment, Verdict
from .render import STATUS, wrap

MARK = {"fails": "FAILS", "unknown": "UNKNOWN"}


def _decisive(a: Assessment) -> list[str]:
    out = []
    deciding = [e for e in a.elements if e.value != "holds"]
    if a.status == "not_applicable":   # a failing gate decides it: the conditions behind it are moot
        deciding = [e for e in deciding if e.kind == "gate"] or deciding
    if not deciding and "every element holds" not in a.summary:
        out.append("    every element holds")
    for e in deciding:
        out += wrap(f"{MARK[e.value]} {e.label} [{e.id}]: {e.statement}", "    ")
        for f in e.facts:
            sources = ", ".join(s.id for s in f.sources)
            out += wrap(f"- {f.statement} [{f.id}; sources: {sources}]", "        ")
    return out


def _open(a: Assessment) -> list[str]:
    out = []
    for q in a.questions:
        answers = "; ".join(f"{x.answer} → {STATUS[x.status]}" for x in q.answers)
        out += wrap(f"question [{q.id}] about {q.about}: {q.statement} — {answers}", "    ")
    for q in a.open_questions:
        out += wrap(f"open question of law [{q.id}]: {q.statement}", "    ")
    rob = a.robustness
    for o in rob.outcomes:
        readings = ", ".join(f"{k}={v}" for k, v in sorted(o.readings.items()))
        out += wrap(f"under {readings}: {STATUS[o.status]}" + (f" (not met: {', '.join(o.failing)})"
                                                                 if o.failing else ""), "    ")
    for c in a.consequences:
        if c.bearers:
            first = _first_sentence(c.text)
            verb = "held by" if c.kind == "right" else "borne by"
            out += wrap(f"→ {c.kind}: {first} — {verb} {', '.join(c.bearers)}", "    ")
    return out


def render_short(verdict: Verdict) -> str:
    sc = verdict.scenario
    out = [f"Scenario: {sc.name} — as of {sc.as_of}" + (f"  ({sc.file})" if sc.file else "")]
    for a in verdict.assessments:
        p = a.provision
        out.append("")
        out += wrap(f"{p.name or p.id} ({p.version_label}) — {a.state.name} ({a.state.code}) as {a.role.replace('_', ' ')},"
                     f" [{a.about}] {a.date}: {STATUS[a.status]}", "")
        out += wrap(a.summary, "  ")
        out += _decisive(a) + _open(a)
    if not verdict.assessments:
        out.append("No provision was assessed (the full view says why).")
    out.append("")
    out.append("The full explanation, with every element, the article's words and the sources: drop --short.")
    return "\n".join(out) + "\n"


# abbreviations a sentence never ends on ("contrary to Art. 1", "VCLT Art. 70(1)(b)", "para. 2")
_ABBREVIATIONS = ("Art", "Arts", "para", "paras", "No", "Nos", "p", "pp", "cf", "e.g", "i.e", "vol")


def _first_sentence(text: str) -> str:
    """The text up to its first full stop that ends a sentence (not an abbreviation's)."""
    start = 0
    while True:
        at = text.find(". ", start)
        if at < 0:
            return text.rstrip(".")
        word = text[:at].rsplit(" ", 1)[-1].lstrip("(")
        if word not in _ABBREVIATIONS:
            return text[:at]
        start = at + 2
