"""The rule files keep their contract: inputs declared, heads documented,
no clingo warnings, every provision carrying its text, citation and sentences."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import clingo
import clingo.ast
import pytest

from foedus.load.files import data_dir, rule_files
from foedus.solve.solver import solve

RULES = data_dir("rules")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _rule_texts():
    return {p: p.read_text(encoding="utf-8") for p in rule_files(RULES)}


def _heads() -> set[tuple[str, int]]:
    heads: set[tuple[str, int]] = set()

    def visit(stm):
        if stm.ast_type != clingo.ast.ASTType.Rule:
            return
        head = stm.head
        if head.ast_type == clingo.ast.ASTType.Literal and \
                head.atom.ast_type == clingo.ast.ASTType.SymbolicAtom:
            sym = head.atom.symbol
            if sym.ast_type == clingo.ast.ASTType.Function:
                heads.add((sym.name, len(sym.arguments)))

    for text in _rule_texts().values():
        clingo.ast.parse_string(text, visit)
    return heads


def _documented() -> set[str]:
    names = set()
    for text in _rule_texts().values():
        names |= set(re.findall(r"^%! (\w+)\(", text, flags=re.M))
    return names


def _declared_inputs() -> set[tuple[str, int]]:
    text = (RULES / "common" / "contract.lp").read_text(encoding="utf-8")
    return {(n, int(a)) for n, a in re.findall(r"^#defined (\w+)/(\d+)\.", text, flags=re.M)}


def test_every_head_predicate_is_documented():
    missing = sorted(f"{n}/{a}" for n, a in _heads() if n not in _documented())
    assert not missing, f"predicates in rule heads without a '%!' doc line: {missing}"


def test_every_fed_predicate_is_declared_in_the_contract(engine):
    fed = {(s.name, len(s.arguments)) for atoms in engine.kb.world_symbols.values() for s in atoms}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        resolved = engine.resolve(path)
        fed |= {(a[0], len(a) - 1) for f in resolved.facts for a in f.atoms}
    fed.add(("as_of", 1))
    undeclared = sorted(f"{n}/{a}" for n, a in fed - _declared_inputs())
    assert not undeclared, f"fed to the rules but not declared in contract.lp: {undeclared}"


def test_contract_declares_no_predicate_the_rules_define():
    clash = sorted(f"{n}/{a}" for n, a in _declared_inputs() & _heads())
    assert not clash, f"input predicates must not be derived by rules: {clash}"


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_no_clingo_warnings(engine, example):
    resolved = engine.resolve(EXAMPLES / example)
    messages: list[str] = []
    solve(engine.kb, engine.symbols(resolved), messages=messages)
    assert messages == []


def test_every_provision_version_has_text_citation_and_elements(engine):
    cat = engine.catalogue
    assert set(cat.provisions) >= {"cst_art4", "nato_art5", "nato_art6", "un_art51"}
    for (p, ver), v in cat.versions.items():
        assert v["citation"], f"{p}/{ver} has no citation"
        assert v["from"], f"{p}/{ver}: its instrument's entry into force is not a fact"
        assert cat.texts[(p, ver)], f"{p}/{ver} has no article text"
        for part, lang, standing, text in cat.texts[(p, ver)]:
            assert standing in {"authentic", "official_translation", "unofficial_translation",
                                "working_translation", "reported", "recalled"}
        if p == "nato_art6":
            continue   # a definition: no elements of its own
        assert cat.elements[(p, ver)], f"{p}/{ver} has no elements"
        for el, kind in cat.elements[(p, ver)]:
            assert (p, el) in cat.labels, f"{p}/{el} has no label"
            for outcome in ("holds", "fails"):
                assert (p, el, outcome) in cat.templates, f"{p}/{el} has no '{outcome}' sentence"
        assert cat.consequences[(p, ver)], f"{p}/{ver} states no consequence"


def test_every_rule_file_opens_with_its_citation():
    for path, text in _rule_texts().items():
        if path.parent.name == "common":
            continue
        head = text.lstrip().splitlines()[:4]
        assert head[0].startswith("% ===") and re.search(r"\d{4}", " ".join(head)), \
            f"{path.name} does not open with the article's citation"


def test_version_dates_chain_without_gaps(engine):
    cat = engine.catalogue
    for p in cat.provisions:
        spans = sorted((v["from"], v["until"]) for (q, _), v in cat.versions.items() if q == p)
        for (_, until), (start, _) in zip(spans, spans[1:]):
            last = dt.date.fromisoformat(until)
            assert last + dt.timedelta(days=1) == dt.date.fromisoformat(start), \
                f"{p}: versions do not meet ({until} vs {start})"
        assert spans[-1][1] is None, f"{p}: the last version should still be in force"


def test_every_rule_that_reads_a_standing_asks_for_it(engine, tmp_path):
    """Membership is looked up only for the (state, date) pairs rules declare
    with asked/2. A rule that reads party/3 without asking would see 'not a
    party' where the state is one. So: asking for every state on every date
    must change no verdict."""
    import random
    import re
    import shutil

    import foedus
    from foedus.load.files import data_dir

    from tests.strategies import random_scenario
    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    (rules / "ask_everything.lp").write_text("asked(S, D) :- relevant_date(D), state(S).\n", encoding="utf-8")
    everything = foedus.Engine(rules_dir=rules)
    rng = random.Random(8)
    scenarios = (sorted(EXAMPLES.glob("*.yaml")) + [c.scenario for c in engine.case_library().values()]
                 + [random_scenario(rng) for _ in range(60)])
    digest = re.compile(r"sha256:[0-9a-f]{64}")
    for s in scenarios:
        assert digest.sub("", engine.assess(s).model_dump_json()) == \
            digest.sub("", everything.assess(s).model_dump_json()), s


def _roster_reads_and_declarations() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(provision, treaty) pairs whose bearer rules read roster_party/3, and those declared
    with roster_treaty/2."""
    reads, declared = set(), set()

    def name(term) -> str:
        return str(term)

    def visit(stm):
        if stm.ast_type != clingo.ast.ASTType.Rule or stm.head.ast_type != clingo.ast.ASTType.Literal:
            return
        head = stm.head.atom.symbol
        if head.ast_type != clingo.ast.ASTType.Function:
            return
        if head.name == "roster_treaty" and not stm.body:
            declared.add((name(head.arguments[0]), name(head.arguments[1])))
        if head.name != "bearer":
            return
        for lit in stm.body:
            atom = getattr(lit, "atom", None)
            sym = getattr(atom, "symbol", None)
            if sym is not None and sym.ast_type == clingo.ast.ASTType.Function and sym.name == "roster_party":
                reads.add((name(head.arguments[0]), name(sym.arguments[1])))

    for text in _rule_texts().values():
        clingo.ast.parse_string(text, visit)
    return reads, declared


def test_every_roster_a_bearer_rule_reads_is_declared():
    """roster_party/3 is built only for the treaties roster_treaty/2 names (membership.lp): a
    bearer rule reading a roster its provision does not declare would bear nobody, silently."""
    reads, declared = _roster_reads_and_declarations()
    assert reads, "no bearer rule reads roster_party/3: the test reads the rules wrongly"
    assert reads <= declared, f"declare roster_treaty/2 for {sorted(reads - declared)}"
