"""Grounding and solving: facts in, the one answer set out, as plain tuples."""
from __future__ import annotations

import os
from collections import defaultdict
from typing import Iterable

import clingo
import clingo.ast

from .errors import FoedusError, KnowledgeBaseError
from .knowledge import KnowledgeBase
from .symbols import from_symbol

# What the engine reads from the answer set.
OUTPUTS = (
    "status/4", "holds/4", "fails/4", "evidence/5", "element/4", "assessment/4",
    "open_question/4", "open_question_evidence/5", "reading_applied/5", "via/7",
    "bearer/5", "organisation_decision/5", "governing_version/3", "subject_date/2",
    "standing_foreign_base/3", "irregular_standing/4", "in_arrears/3",
    "objecting_member/2", "limited_format/2", "ignored_objection/2",
    "selected_reading/2", "reading_relevant/1",
)

Answer = dict[str, list[tuple]]


class SolverLimitError(FoedusError):
    """A bound on solving was reached: the verdict would be partial, so none is given."""


MAX_ANSWER_SETS = 4096   # one per combination of relevant readings; far more means a defect
TIME_LIMIT = float(os.environ.get("FOEDUS_TIME_LIMIT", "60"))   # seconds of solving per assessment


def solve(kb: KnowledgeBase, symbols: Iterable[clingo.Symbol],
          messages: list[str] | None = None, outputs: Iterable[str] = OUTPUTS,
          max_models: int = MAX_ANSWER_SETS, time_limit: float = TIME_LIMIT) -> list[Answer]:
    """Ground the rules with the given facts and return every answer set.

    The rules are stratified but for one choice: the readings of contested
    points that can matter for the scenario. So there is one answer set per
    combination of those readings (exactly one when none can matter).
    """
    def log(code, message):
        if messages is not None:
            messages.append(f"{code.name}: {message.strip()}")

    ctl = clingo.Control([f"--models={max_models + 1}"], logger=log, message_limit=100)
    with clingo.ast.ProgramBuilder(ctl) as builder:
        for statement in kb.statements:
            builder.add(statement)
    with ctl.backend() as backend:
        for sym in symbols:
            backend.add_rule([backend.add_atom(sym)])
    ctl.ground([("base", [])])
    wanted = {(name, int(arity)) for name, arity in (o.split("/") for o in outputs)}
    answers: list[Answer] = []

    def on_model(model: clingo.Model) -> None:
        out: Answer = defaultdict(list)
        for sym in model.symbols(atoms=True):
            if (sym.name, len(sym.arguments)) in wanted:
                out[sym.name].append(tuple(from_symbol(a) for a in sym.arguments))
        for rows in out.values():
            rows.sort()
        answers.append(out)

    with ctl.solve(on_model=on_model, async_=True) as handle:
        if not handle.wait(time_limit):
            handle.cancel()
            raise SolverLimitError(f"the solver did not finish within {time_limit:g} s; no partial verdict is "
                                   "given (raise FOEDUS_TIME_LIMIT, or pin readings to shrink the search)")
    if not answers:
        raise KnowledgeBaseError("the rules have no answer set for this input")
    if len(answers) > max_models:
        raise SolverLimitError(f"more than {max_models} combinations of readings; pin some readings "
                               "(--reading NAME=VALUE)")
    return answers
