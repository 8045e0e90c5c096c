"""The explanation as a graph (Graphviz DOT): assessments, their elements, the facts
deciding each, the facts' sources and the readings varied, as nodes; `dot -Tsvg`
draws it (Graphviz is optional: foedus writes the text)."""
from __future__ import annotations

from ..models.verdict import Verdict

COLOURS = {"holds": "#2e7d32", "fails": "#b3261e", "unknown": "#6a1b9a"}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def verdict_dot(v: Verdict) -> str:
    """One digraph; node ids are the verdict's own ids, so the same verdict gives the same text."""
    lines = [f"digraph {_q(v.scenario.name)} {{", "  rankdir=LR;", '  node [shape=box, fontname="sans-serif"];']
    seen: set[str] = set()

    def node(key: str, label: str, **attrs) -> str:
        if key not in seen:
            seen.add(key)
            extra = "".join(f", {k}={_q(val)}" for k, val in sorted(attrs.items()))
            lines.append(f"  {_q(key)} [label={_q(label)}{extra}];")
        return _q(key)
    for a in v.assessments:
        root = node(f"a:{a.provision.id}:{a.state.code}:{a.about}",
                    f"{a.provision.name or a.provision.id} — {a.state.code}\n{a.status}", shape="ellipse")
        for e in a.elements:
            el = node(f"e:{a.provision.id}:{a.state.code}:{a.about}:{e.id}", f"{e.label}\n{e.value}",
                      color=COLOURS[e.value])
            lines.append(f"  {root} -> {el};")
            for f in e.facts:
                fact = node(f"f:{f.id}", f.statement[:80] + ("…" if len(f.statement) > 80 else ""), shape="note")
                lines.append(f"  {el} -> {fact};")
                for s in f.sources:
                    lines.append(f"  {fact} -> {node(f's:{s.id}', s.citation[:60], shape='folder')};")
        for name in a.robustness.readings:
            lines.append(f"  {root} -> {node(f'r:{name}', name, shape='diamond')} [style=dashed];")
    lines.append("}")
    return "\n".join(dict.fromkeys(lines)) + "\n"
