"""Many scenarios in one grounding: the rules keyed by a scenario id.

Why (measured in bench/bench.py and ../shared/reference/perf-anchors.md):
grounding the rules once per scenario costs about 10 ms of fixed work however
small the scenario, and feeding scenarios through #external atoms or program
parts of one Control is slower still. Rewritten so that every atom whose truth
can depend on a scenario carries the scenario's id as its first argument, the
rules ground a chunk of scenarios at once; what depends only on the world
(versions in force, territories, the readings on offer) is grounded once per
chunk, and scenarios never see each other's atoms.

The rewrite is mechanical and decided by the rules themselves: a predicate is
keyed when it is a scenario input (declared, not a world fact, defined by no
rule) or some rule defining it reads a keyed atom. Nothing legal happens here.

Two more mechanical steps keep the grounding small: only the rules the
outputs depend on are kept (a brief needs no evidence or bearers), and the
world-only rules of a keyed predicate get a predicate of their own, grounded
once per chunk (split_shared). Solving a chunk: chunk.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import clingo
import clingo.ast as ast

from ..base.errors import KnowledgeBaseError
from .knowledge import cache_load, cache_store

SID = "Scenario_id__"          # the variable added to keyed atoms (no rule uses this name)
SCENARIO = "foedus_scenario"   # foedus_scenario(Id): binds the id in rules that read no keyed atom

# What a brief verdict reads (each keyed; shown as chunk.SHOWS says).
BRIEF_OUTPUTS = ("status/4", "assessment/4", "fails/4", "open_question/4", "subject_date/2",
                 "reading_relevant/1", "unknown/4", "asks/6", "bearers_depend_on/4", "dissenting/1")

Signature = tuple[str, int]
_LOC = ast.Location(ast.Position("<foedus>", 1, 1), ast.Position("<foedus>", 1, 1))


_UNSUPPORTED = {ast.ASTType.TheoryAtom: "a theory atom", ast.ASTType.Disjunction: "a disjunctive head"}


def _atoms(node, out: list) -> None:
    """Every SymbolicAtom under node (in heads, bodies, aggregates, conditions).
    Forms the rewrite does not know are refused rather than silently shared
    between scenarios."""
    if isinstance(node, ast.AST):
        if node.ast_type == ast.ASTType.SymbolicAtom:
            if node.symbol.ast_type == ast.ASTType.UnaryOperation:
                raise KnowledgeBaseError(f"{node.location.begin.filename}:{node.location.begin.line}: classical "
                                         "negation is not supported by the keyed rewrite (engine/load/keyed.py)")
            out.append(node)
            return
        if node.ast_type in _UNSUPPORTED:
            raise KnowledgeBaseError(f"{node.location.begin.filename}:{node.location.begin.line}: "
                                     f"{_UNSUPPORTED[node.ast_type]} is not supported by the keyed rewrite")
        for key in node.child_keys:
            _atoms(getattr(node, key), out)
    elif isinstance(node, (list, tuple, ast.ASTSequence)):
        for child in node:
            _atoms(child, out)


def _functions(atom) -> list:
    """The atom's function terms: one, or each alternative of a pool (p(a; b))."""
    sym = atom.symbol
    funcs = sym.arguments if sym.ast_type == ast.ASTType.Pool else [sym]
    return [f for f in funcs if f.ast_type == ast.ASTType.Function and not f.external]


def _signatures(atoms: list) -> set[Signature]:
    return {(f.name, len(f.arguments)) for atom in atoms for f in _functions(atom)}


def _defines_reads(rule) -> tuple[set[Signature], set[Signature]]:
    """The predicates a rule defines (its head) and those it reads."""
    head, body = [], []
    _atoms(rule.head, head)
    _atoms(rule.body, body)
    # a choice or aggregate head's conditions are read, not defined
    if rule.head.ast_type == ast.ASTType.Aggregate:
        conds = []
        for el in rule.head.elements:
            _atoms(el.condition, conds)
        head = [a for a in head if a not in conds]
        body += conds
    return _signatures(head), _signatures(body)


def needed_statements(statements: list, outputs: set[Signature]) -> list:
    """The rules that can change the outputs. A predicate is needed when it is
    an output or a kept rule reads it; a rule is kept when it defines a needed
    predicate or nothing at all (a constraint). The rules left out define only
    what no kept rule reads, so they cannot change a needed atom, and as they
    hold no constraint (nor odd loop) they remove no answer set: the outputs
    are the same, for less grounding (a brief needs no evidence or bearers)."""
    rules = [(st, *_defines_reads(st)) for st in statements if st.ast_type == ast.ASTType.Rule]
    needed = set(outputs)
    changed = True
    while changed:
        changed = False
        for _, defines, reads in rules:
            if (not defines or defines & needed) and not reads <= needed:
                needed |= reads
                changed = True
    dropped = {id(st) for st, defines, _ in rules if defines and not defines & needed}
    return [st for st in statements if id(st) not in dropped]


def keyed_predicates(statements: list, world: set[Signature]) -> tuple[set[Signature], set[Signature]]:
    """The predicates whose atoms can differ from one scenario to another, and
    those that cannot (read or defined by the rules, or world facts)."""
    rules, heads_all, bodies_all = [], set(), set()
    for st in statements:
        if st.ast_type != ast.ASTType.Rule:
            continue
        hs, bs = _defines_reads(st)
        rules.append((hs, bs))
        heads_all |= hs
        bodies_all |= bs
    keyed = {s for s in bodies_all if s not in heads_all and s not in world}
    changed = True
    while changed:
        changed = False
        for hs, bs in rules:
            if bs & keyed and not hs <= keyed:
                keyed |= hs
                changed = True
    return keyed, (heads_all | bodies_all | world) - keyed


SHARED = "__shared"   # suffix of the world-only part of a keyed predicate


def _top_function(lit):
    """The function term of a plain body literal p(...) / not p(...), else None."""
    if lit.ast_type == ast.ASTType.Literal and lit.atom.ast_type == ast.ASTType.SymbolicAtom:
        sym = lit.atom.symbol
        if sym.ast_type == ast.ASTType.Function:
            return sym
    return None


def split_shared(statements: list, keyed: set[Signature], outputs: set[Signature]) -> list:
    """Give a keyed predicate's world-only rules a predicate of their own.

    element/4, say, is keyed because one element of a provision depends on a
    reading, so its hundred other, world-only atoms would be grounded again
    for every scenario. Here the rules that read no keyed atom define
    p__shared (grounded once per chunk) and every reader reads both: a
    positive p(...) becomes two rules, one per part; `not p(...)` becomes
    `not p(...), not p__shared(...)`. Predicates read inside aggregates or
    conditions, outputs, and heads other than plain atoms are left alone."""
    rules = [st for st in statements if st.ast_type == ast.ASTType.Rule]
    nested: set[Signature] = set()
    for st in rules:
        for lit in st.body:
            if _top_function(lit) is None:
                found: list = []
                _atoms(lit, found)
                nested |= _signatures(found)
        if st.head.ast_type != ast.ASTType.Literal:
            found = []
            _atoms(st.head, found)
            nested |= _signatures(found)
    shared_rules = {}
    for st in rules:
        defines, reads = _defines_reads(st)
        if len(defines) == 1 and not reads & keyed and st.head.ast_type == ast.ASTType.Literal \
                and st.head.atom.symbol.ast_type == ast.ASTType.Function:
            shared_rules[id(st)] = next(iter(defines))
    split = {sig for sig in shared_rules.values() if sig in keyed and sig not in nested and sig not in outputs}

    def shared(sym):
        return sym.update(name=sym.name + SHARED)

    out = []
    for st in statements:
        if st.ast_type != ast.ASTType.Rule:
            out.append(st)
            continue
        if shared_rules.get(id(st)) in split:
            atom = st.head.atom
            out.append(st.update(head=st.head.update(atom=atom.update(symbol=shared(atom.symbol)))))
            continue
        variants = [[]]
        for lit in st.body:
            sym = _top_function(lit)
            if sym is None or (sym.name, len(sym.arguments)) not in split:
                variants = [v + [lit] for v in variants]
            elif lit.sign == ast.Sign.NoSign:
                other = lit.update(atom=lit.atom.update(symbol=shared(sym)))
                variants = [v + [x] for v in variants for x in (lit, other)]
            else:
                other = lit.update(atom=lit.atom.update(symbol=shared(sym)))
                variants = [v + [lit, other] for v in variants]
        out.extend(st.update(body=body) for body in variants)
    return out


class _KeyAtoms(ast.Transformer):
    def __init__(self, keyed: set[Signature]):
        self.keyed, self.hit = keyed, False

    def visit_SymbolicAtom(self, atom):
        sym = atom.symbol
        if sym.ast_type == ast.ASTType.Pool:
            return atom.update(symbol=sym.update(arguments=[self._key(f) for f in sym.arguments]))
        return atom.update(symbol=self._key(sym))

    def _key(self, sym):
        if sym.ast_type == ast.ASTType.Function and (sym.name, len(sym.arguments)) in self.keyed:
            self.hit = True
            return sym.update(arguments=[ast.Variable(sym.location, SID), *sym.arguments])
        return sym


def _binds_id(body) -> bool:
    """A positive keyed literal outside aggregates and conditions binds the id."""
    for lit in body:
        if (lit.ast_type == ast.ASTType.Literal and lit.sign == ast.Sign.NoSign
                and lit.atom.ast_type == ast.ASTType.SymbolicAtom):
            args = getattr(lit.atom.symbol, "arguments", None)
            if args and args[0].ast_type == ast.ASTType.Variable and args[0].name == SID:
                return True
    return False


def key_statements(statements: list, keyed: set[Signature]) -> list:
    """The rules with every keyed atom given the scenario id as first argument."""
    out = []
    for st in statements:
        if st.ast_type == ast.ASTType.Defined:
            if (st.name, st.arity) in keyed:
                st = st.update(arity=st.arity + 1)
            out.append(st)
            continue
        if st.ast_type != ast.ASTType.Rule:
            if st.ast_type != ast.ASTType.Comment:
                out.append(st)
            continue
        keyer = _KeyAtoms(keyed)
        st = keyer(st)
        if keyer.hit and not _binds_id(st.body):
            bind = ast.Literal(_LOC, ast.Sign.NoSign, ast.SymbolicAtom(
                ast.Function(_LOC, SCENARIO, [ast.Variable(_LOC, SID)], False)))
            st = st.update(body=[*st.body, bind])
        out.append(st)
    return out


@dataclass
class KeyedRules:
    """The rule base rewritten once per process for chunked grounding."""
    statements: list
    keyed: set[Signature]
    static: set[Signature]

    @classmethod
    def build(cls, decision_statements: list, world_symbols: Iterable[clingo.Symbol],
              outputs: Iterable[str] = BRIEF_OUTPUTS) -> "KeyedRules":
        world = {(s.name, len(s.arguments)) for s in world_symbols}
        wanted = {(name, int(arity)) for name, arity in (o.split("/") for o in outputs)}
        decision_statements = needed_statements(decision_statements, wanted)
        keyed, _ = keyed_predicates(decision_statements, world)
        decision_statements = split_shared(decision_statements, keyed, wanted)
        keyed, static = keyed_predicates(decision_statements, world)
        if world & keyed:   # world facts are added unkeyed: they would be lost
            raise KnowledgeBaseError("a rule derives atoms of a world predicate from a scenario: "
                                     + ", ".join(f"{n}/{a}" for n, a in sorted(world & keyed)))
        return cls(key_statements(decision_statements, keyed), keyed, static)

    def accepts(self, atoms: Iterable[tuple]) -> bool:
        """Whether none of a scenario's own atoms (predicate, *values) is of a
        predicate shared by every scenario (a scenario that amends the world is
        assessed on its own)."""
        return not any((a[0], len(a) - 1) in self.static for a in atoms)


def cached_keyed_rules(kb, world: list, kind: str, outputs: Iterable[str] = BRIEF_OUTPUTS) -> KeyedRules:
    """The rules keyed for `outputs` (a brief's, or a full verdict's: kind names the cache
    entry). The rewrite takes longer than parsing its result: cached as program text."""
    cached = cache_load(kind, kb.digest)
    if cached is not None:
        (text, keyed, static), kb.derived[kind] = cached
        statements: list = []
        ast.parse_string(text, statements.append)
        return KeyedRules(statements, keyed, static)
    rules = KeyedRules.build(kb.decision_statements, world, outputs)
    kb.derived[kind] = cache_store(kind, kb.digest, ("\n".join(map(str, rules.statements)), rules.keyed, rules.static))
    return rules
