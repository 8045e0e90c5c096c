"""foedus lint: checks of the knowledge base (rules/ and facts/, and any extra
rule or fact files) that a reader would otherwise trip over: facts without
sources, unknown ids, overlapping or inverted membership intervals,
provisions without text or citation, predicates without documentation, and
clingo warnings. Every finding is reported, not just the first."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Optional

import clingo
import clingo.ast
import yaml

from ..base import intervals
from ..load.files import data_dir, rule_files
from ..solve.solver import COMBINATION_CEILING
from ..models.verdict import LintFinding, LintReport

SOURCED = {  # file -> (list key, fields that carry sources)
    "memberships.yaml": ("memberships", ["source"]),
    "states.yaml": ("states", ["source", "occupation_source", "europe_source", "from_source"]),
    "organisations.yaml": ("organisations", ["source"]),
    "bases.yaml": ("bases", ["source"]),
    "territories.yaml": ("territories", ["area_source"]),
}


def lint(rules_dir: Optional[Path] = None, facts_dir: Optional[Path] = None,
         extra_rules: tuple[Path, ...] = (), examples: tuple[Path, ...] = ()) -> LintReport:
    rules_dir = rules_dir or data_dir("rules")
    facts_dir = facts_dir or data_dir("facts")
    out: list[LintFinding] = []
    out += _facts(facts_dir)
    files = rule_files(rules_dir) + list(extra_rules)
    out += _documentation(files)
    if not any(f.kind == "unreadable" for f in out):
        found, quoted_from = _engine_checks(rules_dir, facts_dir, extra_rules, examples)
        # a source the rules quote a text from (text_source/4) is cited
        out = [f for f in out if not (f.kind == "unused_source" and f.where in quoted_from)] + found
    out.sort(key=lambda f: (f.file, f.where, f.kind, f.message))
    return LintReport(findings=out, files=[str(p.name) for p in files] + sorted(
        p.relative_to(facts_dir).as_posix() for p in facts_dir.rglob("*.yaml")))


def _load(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), None
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, str(exc).splitlines()[0]


def _facts(facts_dir: Path) -> list[LintFinding]:
    sources_doc, err = _load(facts_dir / "sources.yaml")
    if err or not isinstance(sources_doc, dict):
        return [LintFinding(kind="unreadable", file="facts/sources.yaml", where="", message=err or "not a mapping")]
    states_doc, _ = _load(facts_dir / "states.yaml")
    check = _FactChecks({s.get("id") for s in sources_doc.get("sources", []) if isinstance(s, dict)},
                        {s.get("code") for s in (states_doc or {}).get("states", []) if isinstance(s, dict)})
    check.source_list(sources_doc.get("sources", []))
    for name, (key, fields) in SOURCED.items():
        doc, err = _load(facts_dir / name)
        file = f"facts/{name}"
        if err or not isinstance(doc, dict):
            check.out.append(LintFinding(kind="unreadable", file=file, where="", message=err or "not a mapping"))
            continue
        for i, row in enumerate(doc.get(key, [])):
            check.row(file, key, f"{key}[{i}]", row, fields)
        check.out += _overlaps(file, key, doc.get(key, []))
    doc, _ = _load(facts_dir / "instruments.yaml")
    for i, ins in enumerate((doc or {}).get("instruments", [])):
        check.instrument(f"instruments[{i}]", ins)
    doc, _ = _load(facts_dir / "standing.yaml")
    for i, row in enumerate((doc or {}).get("arrears", [])):
        check.sources("facts/standing.yaml", f"arrears[{i}].source", row.get("source"))
    doc, _ = _load(facts_dir / "accessions.yaml")
    for i, row in enumerate((doc or {}).get("accession_protocols", [])):
        where = f"accession_protocols[{i}]"
        for j, acc in enumerate(row.get("acceptances", [])):
            check.sources("facts/accessions.yaml", f"{where}.acceptances[{j}].source", acc.get("source"))
        for key in ("others_by", "instrument_of_accession"):
            if row.get(key):
                check.sources("facts/accessions.yaml", f"{where}.{key}.source", row[key].get("source"))
    for sid in sorted(check.known_sources - check.cited):
        check.out.append(LintFinding(kind="unused_source", file="facts/sources.yaml", where=sid,
                                     message=f"the source '{sid}' is cited by no fact"))
    return check.out


class _FactChecks:
    """The findings over facts/, and the sources cited so far (an uncited one is reported)."""

    def __init__(self, known_sources: set, states: set):
        self.known_sources, self.states = known_sources, states
        self.out: list[LintFinding] = []
        self.cited: set[str] = set()

    def source_list(self, sources: list) -> None:
        for i, s in enumerate(sources):
            if isinstance(s, dict) and not str(s.get("citation") or "").strip():
                self.out.append(LintFinding(kind="empty_citation", file="facts/sources.yaml", where=f"sources[{i}]",
                                            message=f"the source '{s.get('id')}' has no citation"))
            for address in bare_addresses(str((s or {}).get("where") or "") if isinstance(s, dict) else ""):
                self.out.append(LintFinding(
                    kind="bare_address", file="facts/sources.yaml", where=str(s.get("id")),
                    message=f"'{address}' is a host path without its scheme: give the full address"))

    def sources(self, file: str, where: str, value) -> None:
        ids = [value] if isinstance(value, str) else list(value or [])
        if not ids:
            self.out.append(LintFinding(kind="no_source", file=file, where=where, message="a fact without a source"))
        for sid in ids:
            self.cited.add(sid)
            if sid not in self.known_sources:
                self.out.append(LintFinding(kind="unknown_id", file=file, where=where,
                                            message=f"unknown source '{sid}'"))

    def state(self, file: str, where: str, code) -> None:
        if code is not None and str(code).upper() not in self.states:
            self.out.append(LintFinding(kind="unknown_id", file=file, where=where, message=f"unknown state '{code}'"))

    def row(self, file: str, key: str, where: str, row: dict, fields) -> None:
        for f in fields:
            if f == "source" or f in row:
                self.sources(file, f"{where}.{f}", row.get(f))
        for f in ("state", "deployer", "host"):
            self.state(file, f"{where}.{f}", row.get(f))
        if isinstance(row.get("from_proven_by"), dict):
            self.sources(file, f"{where}.from_proven_by.source", row["from_proven_by"].get("source"))
        for j, t in enumerate(row.get("sovereignty", []) + row.get("claims", []) if key == "territories" else []):
            self.sources(file, f"{where}.sovereignty/claims[{j}].source", t.get("source"))
            self.state(file, f"{where}.sovereignty/claims[{j}].state", t.get("state"))
        if key == "states" and "from" not in row:
            self.cited.add("statehood_undated")   # the loader cites the convention for an undated State
        for j, prior in enumerate(row.get("before", []) if key == "states" else []):
            self.sources(file, f"{where}.before[{j}].source", prior.get("source"))
            self.state(file, f"{where}.before[{j}].state", prior.get("state"))
        for j, c in enumerate(row.get("control", []) if key == "territories" else []):
            self.sources(file, f"{where}.control[{j}].source", c.get("source"))
            if isinstance(c.get("through"), dict):
                self.sources(file, f"{where}.control[{j}].through.source", c["through"].get("source"))
                self.state(file, f"{where}.control[{j}].through.state", c["through"].get("state"))
        for j, organ in enumerate(row.get("organs", []) if key == "organisations" else []):
            self.sources(file, f"{where}.organs[{j}].source", organ.get("source"))

    def instrument(self, where: str, ins: dict) -> None:
        file = "facts/instruments.yaml"
        for part in ("signed", "in_force"):
            if ins.get(part):
                self.sources(file, f"{where}.{part}.source", ins[part].get("source"))
        for part in ("authentic", "treaty_series"):
            if isinstance(ins.get(part), dict) and ins[part].get("source") is not None:
                self.sources(file, f"{where}.{part}.source", ins[part]["source"])
        if isinstance((ins.get("in_force") or {}).get("proven_by"), dict):
            self.sources(file, f"{where}.in_force.proven_by.source", ins["in_force"]["proven_by"].get("source"))


def _overlaps(file: str, key: str, rows: list) -> list[LintFinding]:
    """Inverted or overlapping intervals among the records of one file."""
    if key == "memberships":
        return _intervals(file, rows)
    if key == "bases":
        return _intervals(file, rows, "bases", key=lambda row: None)
    out = []
    if key == "territories":
        for i, t in enumerate(rows):
            at = f"territories[{i}]"
            # one holder of de jure title at a time (a condominium would be said, and is not encoded)
            out += _intervals(file, t.get("sovereignty", []), f"{at}.sovereignty", key=lambda row: "title")
            out += _intervals(file, t.get("control", []), f"{at}.control", key=lambda row: None)
            out += _intervals(file, t.get("claims", []), f"{at}.claims", key=lambda row: None)
    return out


_TLD = r"(?:com|org|net|ru|kz|am|az|by|kg|ge|gov|int|edu|uk|de|fr|info|io|pl|lv|ua|tr|ch|eu|us|be|ee|lt|me|tv|cc|su|news|live|wiki)"
_BARE = re.compile(r"(?<![\w/:.@-])((?:[a-z0-9-]+\.)+" + _TLD + r"/[^\s;,)'\"]*)")


def bare_addresses(text: str) -> list[str]:
    """Addresses written as host/path without a scheme ('pavlodar.com/zakon/?dok=00542')."""
    return _BARE.findall(text)


def _date(value):
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def _intervals(file: str, rows: list, where: str = "memberships",
               key=lambda row: (row.get("state"), row.get("treaty"))) -> list[LintFinding]:
    """The rows' intervals, as intervals.faults reads them."""
    spans = []
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            start, until = _date(row.get("from")), _date(row.get("until"))
            spans.append((i, start if isinstance(start, dt.date) else None,
                          until if isinstance(until, dt.date) else None, key(row)))
    return [LintFinding(kind=kind, file=file, where=f"{where}[{i}]",
                        message=message.replace(" overlaps [", f" overlaps {where}["))
            for kind, i, message in intervals.faults(spans)]


def _rule_heads(text: str):
    """Every atom in the head of a rule, as a function term."""
    heads = []

    def visit(stm):
        if stm.ast_type != clingo.ast.ASTType.Rule:
            return
        head = stm.head
        if head.ast_type == clingo.ast.ASTType.Literal and head.atom.ast_type == clingo.ast.ASTType.SymbolicAtom:
            sym = head.atom.symbol
            if sym.ast_type == clingo.ast.ASTType.Function:
                heads.append(sym)
    clingo.ast.parse_string(text, visit)
    return heads


def head_predicates(text: str) -> set[tuple[str, int]]:
    return {(sym.name, len(sym.arguments)) for sym in _rule_heads(text)}


def _documentation(files: list[Path]) -> list[LintFinding]:
    texts, out = {}, []
    for path in files:
        try:
            texts[path] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            out.append(LintFinding(kind="unreadable", file=path.name, where="", message=str(exc)))
    documented = set()
    for text in texts.values():
        documented |= set(re.findall(r"^%! (\w+)\(", text, flags=re.M))
        documented |= set(re.findall(r"^%! (\w+)[:\s]", text, flags=re.M))
    for path, text in texts.items():
        try:
            heads = head_predicates(text)
        except RuntimeError as exc:
            out.append(LintFinding(kind="syntax", file=path.name, where="", message=str(exc)))
            continue
        for name, arity in sorted(heads):
            if name not in documented:
                out.append(LintFinding(kind="undocumented_predicate", file=path.name, where=f"{name}/{arity}",
                                       message="a predicate in a rule head without a '%!' doc line"))
    return out


def explored_readings(texts: list[str]) -> set[str]:
    """The readings some rule can make relevant: heads reading_relevant(name)."""
    return {str(sym.arguments[0]) for text in texts for sym in _rule_heads(text)
            if sym.name == "reading_relevant" and sym.arguments}


def _law_checks(cat, rule_texts: list[str]) -> list[LintFinding]:
    """Every declared reading reachable; every element says what decides it,
    and an assessed element says what it is when unknown."""
    out = []
    explored = explored_readings(rule_texts)
    for name in sorted({n for n, _ in cat.readings}):
        values = sorted(v for n, v in cat.readings if n == name)
        if len(values) >= 2 and name not in explored:
            out.append(LintFinding(kind="reading", file=name, where=", ".join(values),
                                   message="a reading with two or more values and no reading_relevant rule: "
                                           "no scenario can explore it"))
    if cat.combinations > COMBINATION_CEILING:
        out.append(LintFinding(
            kind="combinations", file="readings", where=cat.most_combining, severity="warning",
            message=f"the readings this provision uses can combine into {cat.combinations:,} ways, more than the "
                    f"{COMBINATION_CEILING:,} one solve explores: a scenario that makes enough of them matter at "
                    "once is refused with a request to pin readings"))
    for (p, ver), elements in sorted(cat.elements.items()):
        for el, _ in elements:
            how = cat.decided_by.get((p, el))
            if how is None:
                out.append(LintFinding(kind="element", file=p, where=f"{ver}/{el}",
                                       message="an element without decided_by/3 (record or assessment)"))
            elif how == "assessment" and (p, el, "unknown") not in cat.templates:
                out.append(LintFinding(kind="element", file=p, where=f"{ver}/{el}",
                                       message="an assessed element without element_text(P, El, unknown, ...)"))
    return out


def _pinpoint_checks(cat, p: str, ver: str) -> list[LintFinding]:
    """A citable text: the edition its pinpoints follow, a label for every part quoted, and the
    part creating every element with words and holding every clause."""
    out = []
    if (p, ver) not in cat.editions:
        out.append(LintFinding(kind="pinpoint", file=p, where=ver,
                               message="a version without pinpoints (pinpoint_edition/3)"))
    for part in sorted({part for part, _, _, _ in cat.texts.get((p, ver), [])}):
        if (p, ver, part) not in cat.part_labels:
            out.append(LintFinding(kind="pinpoint", file=p, where=f"{ver} part {part}",
                                   message="a part of the text without a pinpoint (part_label/4)"))
    for (q, qv, el) in sorted(cat.words):
        if (q, qv) == (p, ver) and (p, ver, el) not in cat.element_parts:
            out.append(LintFinding(kind="pinpoint", file=p, where=f"{ver} {el}",
                                   message="an element with words but no part of the text (element_part/4)"))
    for (q, qv, clause) in sorted(cat.clauses):
        if (q, qv) == (p, ver) and (p, ver, clause) not in cat.clause_parts:
            out.append(LintFinding(kind="pinpoint", file=p, where=f"{ver} {clause}",
                                   message="a clause without a part of the text (clause_part/4)"))
    return out


def _language_checks(cat, world, p: str, ver: str) -> list[LintFinding]:
    """Every part of the text in every authentic language of the instrument that made the
    version: quoted (authentic, recalled or reported) or declared missing with a reason — never
    filled in; every quoted text with the copy it was read from, when that copy is a source."""
    out = []
    instrument = cat.versions[(p, ver)]["created_by"]
    record = world.instruments.get(instrument)
    if record is None or record.authentic is None:
        return [LintFinding(kind="language", file=p, where=ver,
                            message=f"the authentic languages of {instrument} are not stated (instruments.yaml: authentic)")]
    texts = cat.texts.get((p, ver), [])
    for part in sorted({part for part, _, _, _ in texts}):
        for lang in record.authentic.languages:
            given = any(pt == part and la == lang and st in ("authentic", "recalled", "reported")
                        for pt, la, st, _ in texts)
            if not given and (p, ver, part, lang) not in cat.missing_texts:
                out.append(LintFinding(kind="language", file=p, where=f"{ver} part {part}",
                                       message=f"the authentic {lang} text is neither quoted nor declared missing "
                                               "(text_missing/6: not_located or recalled, with a reason)"))
    for (q, qv, lang), sid in sorted(cat.text_sources.items()):
        if (q, qv) == (p, ver) and sid not in world.sources:
            out.append(LintFinding(kind="language", file=p, where=f"{ver} {lang}",
                                   message=f"text_source names '{sid}', which facts/sources.yaml does not hold"))
    return out


def _engine_checks(rules_dir: Path, facts_dir: Path, extra_rules: tuple[Path, ...],
                   examples: tuple[Path, ...]) -> list[LintFinding]:
    from ..core.assess import Core
    from ..base.errors import FoedusError
    from ..solve.solver import solve
    out = []
    try:
        engine = Core(rules_dir, facts_dir)
        if extra_rules:
            from ..load.knowledge import load_knowledge_base
            engine.kb = load_knowledge_base(rules_dir, facts_dir, extra_rules)
    except FoedusError as exc:
        return [LintFinding(kind="load", file="facts/", where="", message=str(exc))], set()
    cat = engine.catalogue
    if extra_rules:
        from ..solve.catalogue import build_catalogue
        cat = build_catalogue(engine.kb)
    out += _law_checks(cat, [f.read_text(encoding="utf-8") for f in sorted(rules_dir.rglob("*.lp"))]
                       + [f.read_text(encoding="utf-8") for f in extra_rules])
    for (p, ver), v in sorted(cat.versions.items()):
        if not v["citation"]:
            out.append(LintFinding(kind="provision", file=p, where=ver, message="a version without a citation"))
        for address in bare_addresses(v["citation"]):
            out.append(LintFinding(kind="bare_address", file=p, where=ver,
                                   message=f"the citation's '{address}' is a host path without its scheme"))
        if not cat.texts.get((p, ver)):
            out.append(LintFinding(kind="provision", file=p, where=ver, message="a version without article text"))
        if not v["from"]:
            out.append(LintFinding(kind="provision", file=p, where=ver,
                                   message="the instrument creating this version has no date of entry into force"))
        out += _pinpoint_checks(cat, p, ver)
        out += _language_checks(cat, engine.kb.world, p, ver)
    scenarios = list(examples) or sorted((data_dir("facts").parent / "examples").glob("*.yaml")
                                         if (data_dir("facts").parent / "examples").is_dir() else [])
    runs = [None] + scenarios
    for scenario in runs:
        messages: list[str] = []
        try:
            resolved = engine.resolve(scenario) if scenario else None
            symbols = engine.symbols(resolved) if resolved else \
                [s for atoms in engine.kb.world_symbols.values() for s in atoms]
            solve(engine.kb, symbols, messages=messages)
        except FoedusError as exc:
            messages.append(str(exc))
        for m in messages:
            out.append(LintFinding(kind="clingo", file=scenario.name if scenario else "rules + world",
                                   where="", message=m))
    return out, {s for s in cat.text_sources.values()}
