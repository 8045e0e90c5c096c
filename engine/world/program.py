"""Programs built as syntax trees from symbols, never as text: what-if's search and
claim checking's space of scenarios add rules, choices and constraints over
symbols this way (scenario text can never become ASP code)."""
from __future__ import annotations

import clingo
import clingo.ast

_LOC = clingo.ast.Location(clingo.ast.Position("<foedus>", 1, 1), clingo.ast.Position("<foedus>", 1, 1))


def literal(sym: clingo.Symbol, positive: bool = True):
    sign = clingo.ast.Sign.NoSign if positive else clingo.ast.Sign.Negation
    return clingo.ast.Literal(_LOC, sign, clingo.ast.SymbolicAtom(clingo.ast.SymbolicTerm(_LOC, sym)))


def rule(head: clingo.Symbol, body: list[tuple]):
    return clingo.ast.Rule(_LOC, literal(head), [literal(s, pos) for s, pos in body])


def constraint(body: list[tuple]):
    false = clingo.ast.Literal(_LOC, clingo.ast.Sign.NoSign, clingo.ast.BooleanConstant(0))
    return clingo.ast.Rule(_LOC, false, [literal(s, pos) for s, pos in body])


def choice(sym: clingo.Symbol):
    element = clingo.ast.ConditionalLiteral(_LOC, literal(sym), [])
    return clingo.ast.Rule(_LOC, clingo.ast.Aggregate(_LOC, None, [element], None), [])


def minimize(sym: clingo.Symbol, cost: int):
    return clingo.ast.Minimize(_LOC, clingo.ast.SymbolicTerm(_LOC, clingo.Number(cost)),
                               clingo.ast.SymbolicTerm(_LOC, clingo.Number(0)),
                               [clingo.ast.SymbolicTerm(_LOC, sym)], [literal(sym)])
