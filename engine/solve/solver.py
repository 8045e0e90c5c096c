"""Grounding and solving: facts in, the one answer set out, as plain tuples."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import clingo
import clingo.ast

from ..base import budget
from ..base.budget import WorkLimitError
from ..base.errors import KnowledgeBaseError
from .explore import explored, reading_groups
from ..load.knowledge import KnowledgeBase
from ..world.symbols import parse_atom

# What the engine reads from the answer set.
OUTPUTS = (
    "status/4", "holds/4", "fails/4", "evidence/5", "element/4", "assessment/4",
    "open_question/4", "open_question_evidence/5", "reading_applied/5", "via/7",
    "owed/5", "organisation_decision/6", "organ_beyond_competence/7", "governing_version/3", "subject_date/2",
    "standing_foreign_base/3", "irregular_standing/4", "in_arrears/3",
    "objecting_member/2", "limited_format/2", "ignored_objection/2", "collective_decision/4", "decision_measure/3",
    "selected_reading/2", "reading_relevant/1", "unknown/4", "asks/6", "bearers_depend_on/4", "in_force/5", "dissenting/1", "open_bearer/4", "fail_reason/5", "departs_from_authority/2",
    "subject_day/3", "subject_state/3", "subject_text/3", "hold_reason/5",
)

Answer = dict[str, list[tuple]]
_LOC = clingo.ast.Location(clingo.ast.Position("<foedus>", 1, 1), clingo.ast.Position("<foedus>", 1, 1))


class LazyAnswer:
    """One answer set, converted to Python tuples only for the predicates that
    are asked for. With one answer set per combination of readings, most are
    read only for their verdicts; converting every atom of each would cost more
    than grounding and solving. Conversions are shared between answer sets."""

    def __init__(self, symbols: list, cache: dict, skip: int = 0):
        """skip: leading arguments not read (the scenario key of a chunk's atoms: fullchunk.py)."""
        self._symbols, self._cache, self._skip = symbols, cache, skip
        self._by_name: dict | None = None
        self._rows: dict[str, list[tuple]] = {}

    def get(self, name: str, default=None):
        if name not in self._rows:
            if self._by_name is None:
                # one call into clingo per atom (its text), read once however many answer
                # sets hold it: the outputs' arguments are constants, numbers and strings
                self._by_name = defaultdict(list)
                skip = self._skip
                for sym in self._symbols:
                    entry = self._cache.get(sym)
                    if entry is None:
                        atom, values = parse_atom(str(sym))
                        entry = self._cache[sym] = (atom, values[skip:])
                    self._by_name[entry[0]].append(entry[1])
            rows = sorted(self._by_name.get(name, ()))
            self._rows[name] = rows
        return self._rows[name] if self._rows[name] or default is None else default

    def __getitem__(self, name: str):
        return self.get(name)


class ReadAnswer:
    """One answer set already read into rows: predicate -> sorted tuples (as LazyAnswer.get gives them)."""

    def __init__(self, rows: dict[str, list[tuple]]):
        self._rows = {name: sorted(r) for name, r in rows.items()}

    def get(self, name: str, default=None):
        rows = self._rows.get(name, [])
        return rows if rows or default is None else default

    def __getitem__(self, name: str):
        return self.get(name)


SolverLimitError = WorkLimitError   # the name earlier releases raised

# The most combinations of readings one assessment explores: each is an answer
# set the explanation reads. The engine asks for no more than the catalogue's
# readings can combine into (Catalogue.combinations), and `foedus lint` warns
# when the catalogue could exceed this ceiling.
COMBINATION_CEILING = 4096
MAX_ANSWER_SETS = COMBINATION_CEILING


def solve(kb: KnowledgeBase, symbols: Iterable[clingo.Symbol],
          messages: list[str] | None = None, outputs: Iterable[str] = OUTPUTS,
          max_models: int = MAX_ANSWER_SETS, descriptive: bool = False) -> list[Answer]:
    """Ground the rules with the given facts and return every answer set.

    The rules are stratified but for one choice: the readings of contested
    points that can matter for the scenario. So there is one answer set per
    combination of those readings (exactly one when none can matter).
    """
    ctl = _grounded(kb, symbols, messages, outputs, max_models, descriptive)
    return _answer_sets(ctl, max_models)


def solve_explored(kb: KnowledgeBase, symbols: Iterable[clingo.Symbol], defaults: dict[str, str],
                   reading_users: dict[str, set[str]], pinned: Iterable[str],
                   max_models: int = MAX_ANSWER_SETS, outputs: Iterable[str] = OUTPUTS) -> list[Answer]:
    """Ground the rules with the given facts; return the answer set under the default
    readings and, for each set of readings an assessed provision uses, every combination
    of them with the others at their defaults (explore.py)."""
    pinned = set(pinned)
    ctl = _grounded(kb, symbols, None, outputs, max_models, False)
    held = {n: (clingo.Function("selected_reading", [clingo.Function(n), clingo.Function(v)]), True)
            for n, v in sorted(defaults.items()) if n not in pinned}
    (default,) = _answer_sets(ctl, 1, list(held.values()))
    groups = reading_groups(default, reading_users, pinned)
    return explored(default, groups,
                    lambda names: _answer_sets(ctl, max_models, [a for n, a in held.items() if n not in names]))


def _grounded(kb: KnowledgeBase, symbols: Iterable[clingo.Symbol], messages, outputs,
              max_models: int, descriptive: bool) -> clingo.Control:
    def log(code, message):
        # the engine's own #show statements may name outputs a scenario never
        # derives; clingo's note about those is not a defect of the rules
        if messages is not None and "<foedus>:" not in message:
            messages.append(f"{code.name}: {message.strip()}")

    ctl = clingo.Control([f"--models={max_models + 1}"], logger=log, message_limit=100)
    wanted = [(name, int(arity)) for name, arity in (o.split("/") for o in outputs)]
    with clingo.ast.ProgramBuilder(ctl) as builder:
        for statement in (kb.statements if descriptive else kb.decision_statements):
            builder.add(statement)
        # show only what the engine reads: converting every atom of every answer
        # set to Python costs more than grounding and solving together
        for name, arity in wanted:
            builder.add(clingo.ast.ShowSignature(_LOC, name, arity, True))
    with ctl.backend() as backend:
        for sym in symbols:
            backend.add_rule([backend.add_atom(sym)])
    budget.check("grounding")
    ctl.ground([("base", [])])
    budget.check("grounding")
    return ctl


def _answer_sets(ctl: clingo.Control, max_models: int, assumptions=()) -> list[Answer]:
    answers: list[Answer] = []
    cache: dict = {}

    def on_model(model: clingo.Model) -> None:
        answers.append(LazyAnswer(model.symbols(shown=True), cache))

    budget.solve(ctl, on_model=on_model, assumptions=assumptions)
    return checked_answers(answers, max_models)


def checked_answers(answers: list, max_models: int) -> list:
    """The answer sets of one scenario, refused when there are none or more than the
    readings can combine into (the work budget's ceiling)."""
    if not answers:
        raise KnowledgeBaseError("the rules have no answer set for this input")
    if len(answers) > max_models:
        if max_models < COMBINATION_CEILING:   # more answer sets than the readings can combine into
            raise KnowledgeBaseError(f"the rules give more than {max_models} answer sets, the number of "
                                     "combinations of the catalogue's readings: a choice other than the readings'")
        raise WorkLimitError(f"more than {max_models:,} combinations of readings can matter (the work budget's "
                             "ceiling); pin some readings (--reading NAME=VALUE)")
    return answers
