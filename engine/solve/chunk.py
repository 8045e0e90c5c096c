"""Solving a chunk of scenarios grounded together (the rules keyed by
scenario id: keyed.py).

Readings stay choices, one per scenario, so a chunk has as many answer sets
as the product of its scenarios' combinations. They are never enumerated: the
solver is asked once for the answer set in which every reading has its default
(assumptions) and once for the brave consequences — every status that some
combination of readings gives — which is what a brief verdict reports.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import clingo
import clingo.ast as ast

from ..base.errors import KnowledgeBaseError
from ..load.keyed import SCENARIO, KeyedRules
from ..base import budget
from ..world.symbols import parse_atom, term


@dataclass
class ChunkAnswer:
    """What one scenario's part of the chunk says."""
    default: dict[str, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    questions: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    dissents: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))


def solve_chunk(rules: KeyedRules, world: Iterable[clingo.Symbol], scenarios: list[list[tuple]],
                defaults: dict[str, str], pinned: list[set[str]]) -> list[ChunkAnswer]:
    """Ground the chunk once; return, per scenario, the default answer set's
    outputs and every status some combination of readings gives."""
    ctl = ground_chunk(rules, world, scenarios, _shows(), ["--models=1"])
    answers = [ChunkAnswer() for _ in scenarios]

    # 1. the answer set in which every unpinned reading takes its default
    # every unpinned reading of every scenario has this atom: chosen when the
    # reading can matter, derived when it cannot
    terms = [(name, clingo.Function(name), clingo.Function(value)) for name, value in sorted(defaults.items())]
    assumptions = [(clingo.Function("selected_reading", [clingo.Number(i), n, v]), True)
                   for i in range(len(scenarios)) for name, n, v in terms if name not in pinned[i]]

    def on_default(model: clingo.Model) -> None:
        for sym in model.symbols(shown=True):
            name, (sid, *values) = parse_atom(str(sym))
            answers[sid].default[name].append(tuple(values))

    ctl.assign_external(DETAIL, True)
    _run(ctl, on_default, assumptions)

    # 2. the brave consequences: every status under some combination of readings
    ctl.assign_external(DETAIL, False)   # only statuses are output: the brave model is read whole
    ctl.configuration.solve.enum_mode = "brave"
    ctl.configuration.solve.models = 0
    for sym in _run(ctl, None, []).symbols(shown=True):
        name, values = parse_atom(str(sym))
        if name == "asks":       # a question some combination of readings asks
            sid, p, e, v, _, q, _ = values
            answers[sid].questions[(p, e, v)].add(q)
        elif name == "dissent":  # a status under a value departing from an authoritative one
            sid, p, e, v, status = values
            answers[sid].dissents[(p, e, v)].add(status)
        else:
            sid, p, e, v, status = values
            answers[sid].statuses[(p, e, v)].add(status)
    for answer in answers:
        for rows in answer.default.values():
            rows.sort()
    return answers


def ground_chunk(rules: KeyedRules, world: Iterable[clingo.Symbol], scenarios: list[list[tuple]],
                 shows: list, options: list[str]) -> clingo.Control:
    """One Control over the keyed rules, the world, and each scenario's atoms under its
    index as key: what a brief (here) and a full verdict (fullchunk.py) are solved from."""
    ctl = clingo.Control(options, logger=lambda code, msg: None, message_limit=0)
    with ast.ProgramBuilder(ctl) as builder:
        for statement in rules.statements:
            builder.add(statement)
        for statement in shows:
            builder.add(statement)
    with ctl.backend() as backend:
        for sym in world:
            backend.add_rule([backend.add_atom(sym)])
        terms: dict = {}   # the same names, ids and dates recur across a chunk: build each symbol once
        for i, atoms in enumerate(scenarios):
            sid = clingo.Number(i)
            backend.add_rule([backend.add_atom(clingo.Function(SCENARIO, [sid]))])
            for name, *values in atoms:
                args = [sid]
                for value in values:
                    key = (type(value), value)   # 'arm' the string and arm the constant are different symbols
                    sym = terms.get(key)
                    if sym is None:
                        sym = terms[key] = term(value)
                    args.append(sym)
                backend.add_rule([backend.add_atom(clingo.Function(name, args))])
    budget.check("grounding")
    ctl.ground([("base", [])])
    budget.check("grounding")
    return ctl


DETAIL = clingo.Function("foedus_detail")


# What is shown. In the default answer set (foedus_detail true): each
# assessment's status with its version (one atom, not two: reading atoms is
# most of the time spent outside clingo), failing elements, open questions,
# dates, relevant readings. In the brave call (foedus_detail false): statuses
# and questions of fact alone, so that the brave consequences hold nothing else.
SHOWS = """
#show.
#external foedus_detail.
#show verdict(S,P,Ver,E,V,St) : status(S,P,E,V,St), assessment(S,P,Ver,E,V), foedus_detail.
#show status(S,P,E,V,St) : status(S,P,E,V,St), not dissenting(S,P), not foedus_detail.
#show dissent(S,P,E,V,St) : status(S,P,E,V,St), dissenting(S,P), not foedus_detail.
#show fails(S,P,E,V,El) : fails(S,P,E,V,El), foedus_detail.
#show open_question(S,P,E,V,Q) : open_question(S,P,E,V,Q), foedus_detail.
#show subject_date(S,E,D) : subject_date(S,E,D), foedus_detail.
#show reading_relevant(S,N) : reading_relevant(S,N), foedus_detail.
#show unknown(S,P,E,V,El) : unknown(S,P,E,V,El), foedus_detail.
#show asks(S,P,E,V,El,Q,A) : asks(S,P,E,V,El,Q,A).
#show bearers_depend_on(S,P,E,V,N) : bearers_depend_on(S,P,E,V,N), foedus_detail.
"""


@functools.cache   # parsed once per process, added to every chunk's Control
def _shows() -> list:
    statements: list = []
    ast.parse_string(SHOWS, statements.append)
    return statements


def _run(ctl: clingo.Control, on_model, assumptions) -> clingo.Model:
    """Solve; return the last model (in brave mode: the brave consequences),
    read through the handle so that no intermediate model is converted."""
    with budget.watched(ctl), ctl.solve(assumptions=assumptions, yield_=True) as handle:
        for _ in handle:
            pass
        model = handle.last()
        if model is None:
            raise KnowledgeBaseError("the rules have no answer set for this input")
        if on_model is not None:
            on_model(model)
        return model
