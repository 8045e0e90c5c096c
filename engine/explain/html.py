"""The verdict as HTML: an explanation tree (provision → version → elements, gates
first → the facts deciding each → their sources as links → the article's words in the
authentic language beside the translation), readings and their outcomes, open
questions with the status each answer gives, consequences and the organisation's
decision. One renderer for the workbench, `foedus check --format html` (a
self-contained page: no script, no font, no CDN) and Jupyter (`Verdict._repr_html_`).
Native <details> elements fold and unfold the tree without any script."""
from __future__ import annotations

from html import escape

from ..world.questions import ANSWERS
from ..models.verdict import Assessment, FactRef, ProvisionText, Verdict, register_html_view

PAGE_STYLE = "body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1d1d1f}"
TREE_STYLE = """
.verdict h2{margin:.2rem 0}.meta{color:#555}
details{margin:.25rem 0 .25rem 1rem}summary{cursor:pointer}
.assessment{border-left:4px solid #999;padding-left:.6rem;margin:.6rem 0}
.st-triggered{border-color:#1565c0}.st-breached{border-color:#b3261e}.st-not_triggered,.st-complied{border-color:#555}
.st-contested{border-color:#e65100}.st-undetermined{border-color:#6a1b9a}.st-not_applicable{border-color:#bbb}
.status{font-weight:600;text-transform:uppercase;font-size:.8rem;padding:0 .3rem;border-radius:3px;background:#eee}
.value{font-weight:600;font-size:.8rem;padding:0 .3rem;border-radius:3px}
.v-holds{background:#e3f2e5}.v-fails{background:#fbe3e1}.v-unknown{background:#efe3f6}
code{background:#f4f4f4;padding:0 .2rem}blockquote{margin:.3rem 0 .3rem 1rem;color:#333;border-left:2px solid #ddd;
padding-left:.5rem}.lang{color:#777;font-size:.8rem}.sources a{margin-right:.5rem}
.pin{font-size:.8rem;margin-left:.4rem}.note{color:#555;font-size:.9rem}
"""
STYLE = PAGE_STYLE + TREE_STYLE


def _sources(fact: FactRef) -> str:
    links = []
    for s in fact.sources:
        label = escape(s.citation)
        where = s.where or ""
        links.append(f'<a href="{escape(where)}" data-source="{escape(s.id)}">{label}</a>'
                     if where.startswith(("http://", "https://")) else
                     f'<span data-source="{escape(s.id)}">{label}{" — " + escape(where) if where else ""}</span>')
    verified = "" if fact.verified else ' <span class="note">(not verified in a retrieved copy)</span>'
    return f'<span class="sources">{" ".join(links)}</span>{verified}'


def _fact(fact: FactRef) -> str:
    note = f' <span class="note">{escape(fact.note)}</span>' if fact.note else ""
    return (f'<li class="fact" data-fact="{escape(fact.id)}">{escape(fact.statement)}{note} '
            f'<code>{escape(fact.id)}</code><br>{_sources(fact)}</li>')


def _elements(a: Assessment) -> str:
    gates_first = sorted(a.elements, key=lambda e: e.kind != "gate")   # stable: the rules' order within each
    out = []
    for e in gates_first:
        words = f'<blockquote>{escape(e.words)}</blockquote>' if e.words else ""
        pin = f' <span class="note">{escape(e.pinpoint)}</span>' if e.pinpoint else ""
        facts = "".join(_fact(f) for f in e.facts)
        via = "".join(f'<li>{escape(c.name or c.provision)} {escape(c.clause)}: {escape(c.text)}</li>' for c in e.via)
        out.append(
            f'<li class="element v-{e.value}" data-element="{escape(e.id)}" data-value="{e.value}"><details>'
            f'<summary><span class="value v-{e.value}">{e.value}</span> {escape(e.label)} '
            f'<code>{escape(e.id)}</code> <span class="note">{e.kind}, decided by {e.decided_by}</span></summary>'
            f'<p>{escape(e.statement)}</p>{words}{pin}'
            f'{"<ul class=facts>" + facts + "</ul>" if facts else "<p class=note>No fact recorded.</p>"}'
            f'{"<ul class=via>" + via + "</ul>" if via else ""}</details></li>')
    return f'<ol class="elements">{"".join(out)}</ol>'


def _pins(readings: dict[str, str]) -> str:
    value = "&".join(f"{k}={v}" for k, v in sorted(readings.items()))
    return f'<button type="button" class="pin" data-readings="{escape(value)}">pin</button>'


def _readings(a: Assessment) -> str:
    parts = []
    if a.readings:
        parts.append("<ul>" + "".join(
            f'<li data-reading="{escape(r.name)}={escape(r.value)}"><code>{escape(r.name)} = {escape(r.value)}</code>: '
            f'{escape(r.statement)}{" (" + escape(r.held_by) + ")" if r.held_by else ""}</li>' for r in a.readings)
            + "</ul>")
    rob = a.robustness
    rows = [(o, "") for o in rob.outcomes] + [(o, " (dissent from an authoritative interpretation)")
                                             for o in rob.dissents]
    if rows:
        parts.append("<ul class=outcomes>" + "".join(
            f'<li>Under {", ".join(f"<code>{escape(k)}={escape(v)}</code>" for k, v in sorted(o.readings.items()))}'
            f'{escape(tail)}: <span class="status">{o.status}</span>'
            f'{" — fails " + ", ".join(escape(f) for f in o.failing) if o.failing else ""}{_pins(o.readings)}</li>'
            for o, tail in rows) + "</ul>")
    if not parts:
        return ""
    robust = "robust: every reading that could matter agrees" if rob.robust else "not robust: the readings disagree"
    return f'<details class="readings"><summary>Readings — {robust}</summary>{"".join(parts)}</details>'


def _writable(question: str, answer: str) -> bool:
    """Whether foedus can write this answer into a scenario (the workbench offers it then)."""
    return any(x.answer == answer and x.edit is not None for x in ANSWERS.get(question, ()))


def _questions(a: Assessment) -> str:
    if not a.questions:
        return ""
    items = []
    for q in a.questions:
        answers = "".join(
            f'<li>{escape(x.answer)} → <span class="status">{x.status}</span> <code>{escape(x.syntax)}</code>'
            + (f' <button type="button" class="answer" data-question="{escape(q.id)}" data-about="{escape(q.about)}"'
               f' data-state="{escape(a.state.code)}" data-date="{a.date}" data-answer="{escape(x.answer)}">'
               f'write this answer in</button>' if _writable(q.id, x.answer) else "") + "</li>"
            for x in q.answers)
        items.append(f'<li data-question="{escape(q.id)}">{escape(q.statement)} <span class="note">({escape(q.about)}'
                     f'; decides {", ".join(escape(e) for e in q.elements)})</span><ul>{answers}</ul></li>')
    return f'<details class="questions" open><summary>Open questions of fact</summary><ul>{"".join(items)}</ul></details>'


def _consequences(a: Assessment) -> str:
    parts = [f'<li>{escape(c.text)} <span class="note">({c.kind}, discretion: {c.discretion})</span>'
             f'{" — " + ", ".join(c.bearers) if c.bearers else ""}</li>' for c in a.consequences]
    if a.organisation_decision:
        d = a.organisation_decision
        parts.append(f'<li>Decision: <span class="status">{d.status}</span> {escape(d.statement)}</li>')
    return f'<details class="consequences"><summary>What follows</summary><ul>{"".join(parts)}</ul></details>' \
        if parts else ""


def _text(text: ProvisionText | None) -> str:
    if text is None:
        return ""
    parts = "".join(f'<blockquote lang="{escape(t.language)}"><span class="lang">{escape(t.label or "")} '
                    f'{escape(t.language)}, {escape(t.standing)}</span><br>{escape(t.text)}</blockquote>'
                    for t in text.text)
    missing = "".join(f'<p class="note">{escape(m.language)} text not quoted ({m.status}): {escape(m.reason)}</p>'
                      for m in text.missing)
    return f'<details class="text"><summary>The article\'s words</summary>{parts}{missing}</details>'


def assessment_html(a: Assessment, text: ProvisionText | None) -> str:
    p = a.provision
    until = p.in_force_until or "today"
    return (
        f'<details class="assessment st-{a.status}" data-provision="{escape(p.id)}" data-state="{escape(a.state.code)}"'
        f' data-status="{a.status}"><summary><span class="status">{a.status.replace("_", " ")}</span> '
        f'{escape(p.name or p.id)} — {escape(a.state.name)} ({escape(a.role)}) · {escape(a.about)}, {a.date}</summary>'
        f'<p>{escape(a.summary)}</p>'
        f'<details class="version" open><summary>{escape(p.version_label)}: {escape(p.citation)} '
        f'<span class="note">in force {p.in_force_from or "?"} – {until}</span></summary>'
        f'{_elements(a)}{_text(text)}</details>'
        f'{_questions(a)}{_readings(a)}{_consequences(a)}</details>')


def verdict_html(v: Verdict) -> str:
    """The verdict as an HTML fragment (one <section>)."""
    texts = {(t.provision, t.version): t for t in v.provisions}
    pinned = ", ".join(f"{k}={val}" for k, val in sorted(v.readings.pinned.items()))
    events = "".join(f'<li><code>{escape(e.id)}</code> {e.date}: {escape(e.summary)}</li>' for e in v.events)
    body = "".join(assessment_html(a, texts.get((a.provision.id, a.provision.version))) for a in v.assessments)
    return (f'<section class="verdict"><h2>{escape(v.scenario.name)}</h2>'
            f'<p class="meta">As of {v.scenario.as_of}{" · readings pinned: " + escape(pinned) if pinned else ""}'
            f' · foedus {escape(v.engine.foedus_version)}</p>'
            f'<details class="events"><summary>Events</summary><ul>{events}</ul></details>'
            f'{body or "<p>No provision applies to these events.</p>"}</section>')


def verdicts_page(verdicts: list[Verdict]) -> str:
    """A self-contained page of one or more verdicts: the fragments with their style, nothing fetched."""
    title = verdicts[0].scenario.name if len(verdicts) == 1 else f"{len(verdicts)} verdicts"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} — foedus'
            f'</title><style>{STYLE}</style></head><body>{"".join(verdict_html(v) for v in verdicts)}'
            f'</body></html>\n')


def verdict_notebook(v: Verdict) -> str:
    """For Jupyter: the fragment with the tree's style (not the page's: the notebook keeps its own)."""
    return f"<style>{TREE_STYLE}</style>{verdict_html(v)}"


register_html_view(verdict_notebook)
