"""What the rule files say about themselves: provisions, versions, texts,
element labels and sentence templates. Read once per process from a grounding
of the rules with the world (no scenario)."""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from ..load import cachecodec
from ..load.knowledge import KnowledgeBase
from .solver import solve
from ..world.builtin import OPEN_END, iso

METADATA = (
    "provision/4", "version/3", "version_label/3", "citation/3", "article_text/6",
    "element/4", "element_label/4", "element_words/4", "element_text/4", "consequence/6",
    "question/2", "reading/3", "clause_text/4", "frame/2", "organisation_of/2", "in_force/5",
    "binding_status/1", "provision_kind/2", "subject_role/2", "reading_default/2",
    "collective_action/1", "reading_used_by/2", "reading_holder/3", "party_element/3",
    "question_of_fact/2", "decided_by/3", "reading_standing/5", "element_reason_text/4",
    "part_label/4", "pinpoint_edition/3", "element_part/4", "clause_part/4", "text_missing/6", "text_source/4",
    "element_refers/3", "provision_scope/2",
)


@cachecodec.register
@dataclass
class Catalogue:
    provisions: dict[str, tuple[str, str, str]] = field(default_factory=dict)   # id -> instrument, article, title
    versions: dict[tuple[str, str], dict] = field(default_factory=dict)
    texts: dict[tuple[str, str], list[tuple[int, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    elements: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    words: dict[tuple[str, str, str], str] = field(default_factory=dict)
    templates: dict[tuple[str, str, str], str] = field(default_factory=dict)
    consequences: dict[tuple[str, str], list[tuple[str, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    questions: dict[str, str] = field(default_factory=dict)
    fact_questions: dict[str, str] = field(default_factory=dict)  # question of fact -> its wording
    standing: dict[tuple[str, str], list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list))   # (reading, value) -> [(provision, kind, source)]
    decided_by: dict[tuple[str, str], str] = field(default_factory=dict)  # (provision, element) -> record | assessment
    readings: dict[tuple[str, str], str] = field(default_factory=dict)
    clauses: dict[tuple[str, str, str], str] = field(default_factory=dict)
    frames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    organisation: dict[str, str] = field(default_factory=dict)
    binding_statuses: set[str] = field(default_factory=set)
    kinds: dict[str, str] = field(default_factory=dict)          # provision -> prohibition | requirement
    roles: dict[str, str] = field(default_factory=dict)          # provision -> role of the state concerned
    reading_defaults: dict[str, str] = field(default_factory=dict)
    collective_action: set[str] = field(default_factory=set)    # provisions governing collective action
    reading_users: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # provision -> readings
    holders: dict[tuple[str, str], str] = field(default_factory=dict)
    party_treaty: dict[str, str] = field(default_factory=dict)   # provision -> the treaty whose parties it concerns
    names: dict[str, str] = field(default_factory=dict)   # provision -> "CST Art. 4": how every text output names it
    part_labels: dict[tuple[str, str, int], str] = field(default_factory=dict)   # (p, ver, part) -> "para. 2"
    editions: dict[tuple[str, str], str] = field(default_factory=dict)          # (p, ver) -> the pinpoints' edition
    element_parts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    clause_parts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    missing_texts: dict[tuple[str, str, int, str], tuple[str, str]] = field(default_factory=dict)  # -> status, reason
    refers: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))  # (p, el) -> texts
    text_sources: dict[tuple[str, str, str], str] = field(default_factory=dict)   # (p, ver, language) -> source id

    def name(self, p: str, ver: Optional[str] = None) -> str:
        """'CST Art. 4', or 'CST Art. 4 (2010 text)' with the version (its year: versions are named
        v<year>; the full label is in ProvisionRef.version_label)."""
        name = self.names.get(p, p)
        if not ver:
            return name
        return f"{name} ({ver[1:]} text)" if ver[1:].isdigit() else f"{name} ({self.versions[(p, ver)]['label']})"

    def pinpoint(self, p: str, ver: str, part: Optional[int]) -> Optional[str]:
        """'Art. 4 para. 2': the article and the part, as a lawyer cites it."""
        if part is None or (p, ver, part) not in self.part_labels:
            return None
        label = self.part_labels[(p, ver, part)]
        article = self.provisions[p][1]
        return article if label == "sole paragraph" else f"{article} {label}"

    @property
    def authoritative(self) -> set[tuple[str, str]]:
        """(reading, provision) pairs for which some value has authoritative standing."""
        return {(n, p) for (n, _), rows in self.standing.items() for p, kind, _ in rows if kind == "authoritative"}

    @property
    def standing_provisions(self) -> set[str]:
        """Provisions that assess standing facts (alliances, bases), as audits do."""
        return {p for p, k in self.kinds.items() if k in ("prohibition", "requirement")}

    @property
    def combinations(self) -> int:
        """How many combinations the readings one provision uses take at most: the most
        answer sets a verdict solves at once (explore.py; solve.COMBINATION_CEILING)."""
        return max(self._combinations_by_provision().values(), default=1)

    @property
    def most_combining(self) -> str:
        """The provision whose readings combine into the most ways (for lint's message)."""
        ways = self._combinations_by_provision()
        return max(sorted(ways), key=ways.get, default="")

    def _combinations_by_provision(self) -> dict[str, int]:
        values = {name: max(1, sum(1 for n, _ in self.readings if n == name)) for name in self.reading_defaults}
        return {p: math.prod(values.get(n, 1) for n in names) for p, names in self.reading_users.items()}

    def element_order(self, provision: str, element: str) -> int:
        return self.labels.get((provision, element), (999, element))[0]


def build_catalogue(kb: KnowledgeBase) -> Catalogue:
    """The catalogue from one solve of the rules with the world. Long because it is a
    table — one loop per predicate the rule files describe themselves with, in the order
    the Catalogue declares its fields — and reads best whole."""
    symbols = [s for atoms in kb.world_symbols.values() for s in atoms]
    answer = solve(kb, symbols, outputs=METADATA, descriptive=True)[0]   # no scenario: no reading varies
    cat = Catalogue()
    for p, instrument, article, title in answer.get("provision", []):
        cat.provisions[p] = (instrument, article, title)
        record = kb.world.instruments.get(instrument)
        short = record.short_name if record is not None and record.short_name else instrument
        cat.names[p] = f"{short} {article}"
    for p, scope in answer.get("provision_scope", []):   # a part of an article: "CST Art. 1, first paragraph"
        cat.names[p] += f", {scope}"
    for p, ver, instrument in answer.get("version", []):
        cat.versions[(p, ver)] = {"created_by": instrument, "label": ver, "citation": "",
                                  "from": None, "until": None, "fact": None}
    for p, ver, label in answer.get("version_label", []):
        cat.versions[(p, ver)]["label"] = label
    for p, ver, text in answer.get("citation", []):
        cat.versions[(p, ver)]["citation"] = text
    for p, ver, start, until, fact in answer.get("in_force", []):
        v = cat.versions[(p, ver)]
        v["from"], v["fact"] = iso(start), fact
        # shown as the last day the version governed (intervals are half-open inside)
        v["until"] = None if until == OPEN_END else (dt.date.fromisoformat(iso(until)) - dt.timedelta(days=1)).isoformat()
    for p, ver, part, lang, standing, text in answer.get("article_text", []):
        cat.texts[(p, ver)].append((part, lang, standing, text))
    for p, ver, el, kind in answer.get("element", []):
        cat.elements[(p, ver)].append((el, kind))
    for p, el, pos, label in answer.get("element_label", []):
        cat.labels[(p, el)] = (pos, label)
    for p, ver, el, words in answer.get("element_words", []):
        cat.words[(p, ver, el)] = words
    for p, el, outcome, template in answer.get("element_text", []):
        cat.templates[(p, el, outcome)] = template
    for p, ver, k, kind, discretion, text in answer.get("consequence", []):
        cat.consequences[(p, ver)].append((k, kind, discretion, text))
    for q, text in answer.get("question", []):
        cat.questions[q] = text
    for q, text in answer.get("question_of_fact", []):
        cat.fact_questions[q] = text
    for p, el, reason, template in answer.get("element_reason_text", []):
        # unknown_<question>: the sentence for an element unknown on that question; holds_<ground>:
        # for one holding on that ground; else a reason to fail
        kind = ("unknown:" + reason.removeprefix("unknown_") if reason.startswith("unknown_") else
                "holds:" + reason.removeprefix("holds_") if reason.startswith("holds_") else "fails:" + reason)
        cat.templates[(p, el, kind)] = template
    for name, value, p, kind, source in answer.get("reading_standing", []):
        cat.standing[(name, value)].append((p, kind, source))
    for p, el, how in answer.get("decided_by", []):
        cat.decided_by[(p, el)] = how
    for name, value, text in answer.get("reading", []):
        cat.readings[(name, value)] = text
    for p, ver, clause, text in answer.get("clause_text", []):
        cat.clauses[(p, ver, clause)] = text
    for p, frame in answer.get("frame", []):
        cat.frames[p].append(frame)
    for p, org in answer.get("organisation_of", []):
        cat.organisation[p] = org
    cat.binding_statuses = {s for (s,) in answer.get("binding_status", [])}
    cat.kinds = dict(answer.get("provision_kind", []))
    cat.roles = dict(answer.get("subject_role", []))
    cat.reading_defaults = dict(answer.get("reading_default", []))
    cat.collective_action = {p for (p,) in answer.get("collective_action", [])}
    for p, name in answer.get("reading_used_by", []):
        cat.reading_users[p].add(name)
    for name, value, who in answer.get("reading_holder", []):
        cat.holders[(name, value)] = who
    for p, _, treaty in answer.get("party_element", []):
        cat.party_treaty[p] = treaty
    for p, ver, part, label in answer.get("part_label", []):
        cat.part_labels[(p, ver, part)] = label
    for p, ver, edition in answer.get("pinpoint_edition", []):
        cat.editions[(p, ver)] = edition
    for p, ver, el, part in answer.get("element_part", []):
        cat.element_parts[(p, ver, el)] = part
    for p, ver, clause, part in answer.get("clause_part", []):
        cat.clause_parts[(p, ver, clause)] = part
    for p, ver, part, lang, status, reason in answer.get("text_missing", []):
        cat.missing_texts[(p, ver, part, lang)] = (status, reason)
    for p, el, q in answer.get("element_refers", []):
        cat.refers[(p, el)].append(q)
    for p, ver, lang, source in answer.get("text_source", []):
        cat.text_sources[(p, ver, lang)] = source
    for key in cat.texts:
        cat.texts[key].sort(key=lambda t: (t[0], t[1] != "ru" and t[1] != "fr", t[1]))
    for key in cat.elements:
        cat.elements[key].sort(key=lambda e: (cat.element_order(key[0], e[0]), e[0]))
    for key in cat.consequences:
        cat.consequences[key].sort()
    return cat
