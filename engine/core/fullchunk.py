"""Full verdicts for many scenarios, a chunk per grounding (issue 19).

One verdict per Control re-grounds the rules over the whole world for every
scenario, and that is most of clingo's work (../shared/reviews: the world
alone costs ~0.9 of a scenario). Here the rules keyed by scenario id
(keyed.py) ground a chunk at once, with every output the explanation reads:

1. one solve gives every scenario's answer set under its default readings
   (assumptions), every output shown;
2. per scenario, for each set of readings one of its provisions uses, the
   combinations of those readings (explore.py) — its #show switched on by an
   external, only what robustness compares shown (the evidence, clauses and
   texts are read from the default answer set alone);
3. the answers to the questions of fact the chunk's verdicts ask are solved
   together (factanswers.py), and the verdicts explained.

A single verdict (api.Engine.assess) is solved the same way on a Control of
its own (solve.solve_explored); a test and bench/equality.py compare the two.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Union

import clingo
import clingo.ast as ast

from ..base import budget
from ..base.errors import FoedusError
from ..explain.explainer import Explainer
from ..solve.explore import explored, reading_groups
from ..solve.chunk import ground_chunk
from ..load.keyed import SCENARIO, cached_keyed_rules
from ..solve.solver import OUTPUTS, LazyAnswer, ReadAnswer, checked_answers
from ..world.symbols import parse_atom
from ..models.verdict import Verdict

if TYPE_CHECKING:
    from .assess import Core
    from ..models.scenario import ResolvedScenario

CHUNK = 16   # scenarios per grounding: per-scenario solves grow with the chunk (spike: 10-25 best)
CHUNKS_PER_ANSWERS = 6   # chunks whose questions of fact are answered in one grounding
BATCH = CHUNK * CHUNKS_PER_ANSWERS   # scenarios a batch worker takes at a time
SHOW = "foedus_show"


class FullAssessor:
    """Full verdicts for many resolved scenarios, a chunk per grounding."""

    def __init__(self, engine: "Core"):
        self.engine = engine
        self.world = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
        self.rules = cached_keyed_rules(engine.kb, self.world, "keyed_full", OUTPUTS)
        self.facts = engine.fact_answers()

    def assess(self, scenarios: list["ResolvedScenario"]) -> list[Union[Verdict, FoedusError]]:
        """Verdicts in input order, or the error of the one scenario it concerns. A
        scenario that amends the world is assessed on its own Control."""
        out: list = [None] * len(scenarios)
        keyed = []
        for i, resolved in enumerate(scenarios):
            if resolved.retracted or resolved.world is not None or \
                    not self.rules.accepts(list(self.engine.scenario_atoms(resolved))):
                out[i] = self._single(resolved)
            else:
                keyed.append(i)
        # chunks are explained a group at a time: the answers to the questions of fact
        # the group's verdicts ask are solved together (a grounding of their own)
        for group in range(0, len(keyed), BATCH):
            explainers: dict[int, Explainer] = {}
            for start in range(group, min(group + BATCH, len(keyed)), CHUNK):
                self._explain_chunk(keyed[start:start + CHUNK], scenarios, out, explainers)
            asked = {i: (scenarios[i], x.question_requests()) for i, x in explainers.items()}
            for i, answerer in zip(asked, self.facts.answerers(list(asked.values()))):
                explainers[i].answer_question = answerer
                try:
                    with budget.assessment():
                        out[i] = self.engine.verdict(explainers[i], scenarios[i])
                except FoedusError as exc:
                    out[i] = exc
        return out

    def _explain_chunk(self, part: list[int], scenarios: list, out: list, explainers: dict) -> None:
        """Ground a chunk; an Explainer for each of its scenarios (or its error in out)."""
        members = [scenarios[i] for i in part]
        try:
            with budget.assessment():   # the chunk's grounding has one scenario's budget
                ctl = self._ground(members)
                held = self._defaults(members, self.engine.catalogue.reading_defaults)
                defaults = self._default_answers(ctl, held)
        except FoedusError:
            for i in part:                        # each on its own Control, its own error
                out[i] = self._single(scenarios[i])
            return
        for k, i in enumerate(part):
            try:
                with budget.assessment():
                    explainers[i] = self._explainer(ctl, k, members[k], defaults[k], held)
            except FoedusError as exc:
                out[i] = exc

    def _single(self, resolved) -> Union[Verdict, FoedusError]:
        try:
            return self.engine.assess_resolved(resolved)
        except FoedusError as exc:
            return exc

    def _ground(self, part: list) -> clingo.Control:
        return ground_chunk(self.rules, self.world, [list(self.engine.scenario_atoms(r)) for r in part], _shows(),
                            [f"--models={self.engine.max_models + 1}"])

    @staticmethod
    def _defaults(part: list, defaults: dict) -> list[dict]:
        """Per scenario of the chunk, reading -> the assumption holding it at its default."""
        return [{n: (clingo.Function("selected_reading", [clingo.Number(j), clingo.Function(n), clingo.Function(v)]),
                     True)
                 for n, v in sorted(defaults.items()) if n not in resolved.readings}
                for j, resolved in enumerate(part)]

    @staticmethod
    def _default_answers(ctl: clingo.Control, held: list[dict]) -> list[ReadAnswer]:
        """Every scenario's answer set under its default readings, with every output: one solve."""
        ctl.assign_external(SHOW_ALL, True)
        ctl.assign_external(DETAIL, True)
        found: list = []
        budget.solve(ctl, on_model=lambda m: found.append(m.symbols(shown=True)),
                      assumptions=[a for rows in held for a in rows.values()])
        (symbols,) = checked_answers(found, 1)
        rows: list[dict] = [defaultdict(list) for _ in held]
        for sym in symbols:
            name, (k, *values) = parse_atom(str(sym))
            rows[k][name].append(tuple(values))
        ctl.assign_external(SHOW_ALL, False)
        ctl.assign_external(DETAIL, False)
        return [ReadAnswer(r) for r in rows]

    def _explainer(self, ctl: clingo.Control, k: int, resolved: "ResolvedScenario", default: ReadAnswer,
                   held: list[dict]) -> Explainer:
        """Scenario k of the chunk: its default answer set and, for each set of readings
        some provision depends on, every combination of them (the scenario's other
        readings, and the other scenarios', held at their defaults), showing what
        robustness compares. A provision's outcome turns only on the readings it uses
        (catalogue.reading_users): the combinations of readings no provision uses
        together are never solved."""
        engine, cat = self.engine, self.engine.catalogue
        groups = reading_groups(default, cat.reading_users, resolved.readings)
        if not groups:
            return Explainer([default], cat, engine.kb.world, resolved)   # no reading can matter: one answer set
        show = clingo.Function(SHOW, [clingo.Number(k)])
        ctl.assign_external(show, True)
        others = [a for j, rows in enumerate(held) if j != k for a in rows.values()]
        cache: dict = {}

        def combinations(names: tuple[str, ...]) -> list:
            found: list = []
            budget.solve(ctl, on_model=lambda m: found.append(LazyAnswer(m.symbols(shown=True), cache, skip=1)),
                         assumptions=others + [a for n, a in held[k].items() if n not in names])
            return checked_answers(found, engine.max_models)
        answers = explored(default, groups, combinations)
        ctl.assign_external(show, False)
        return Explainer(answers, cat, engine.kb.world, resolved)


# What robustness compares across combinations of readings (explain.Outcomes, default_answer);
# everything else is read from the default readings' answer set alone.
COMPARED = {"selected_reading", "reading_relevant", "status", "fails", "unknown", "open_question", "owed",
            "dissenting", "fail_reason", "hold_reason", "asks"}
DETAIL = clingo.Function("foedus_full_detail")
SHOW_ALL = clingo.Function("foedus_show_all")
SHOWN = "foedus_shown"


@functools.cache
def _shows() -> list:
    """Each output keyed, shown for the scenario being solved (or all of them); what only
    the default answer set is read for, only while foedus_full_detail is true."""
    text = (f"#show.\n#external {SHOW}(S) : {SCENARIO}(S).\n#external {SHOW_ALL}.\n#external {DETAIL}.\n"
            f"{SHOWN}(S) :- {SHOW}(S).\n{SHOWN}(S) :- {SCENARIO}(S), {SHOW_ALL}.\n")
    for output in OUTPUTS:
        name, arity = output.split("/")
        args = ",".join(f"X{i}" for i in range(int(arity)))
        detail = "" if name in COMPARED else f", {DETAIL}"
        text += f"#show {name}(S,{args}) : {name}(S,{args}), {SHOWN}(S){detail}.\n"
    statements: list = []
    ast.parse_string(text, statements.append)
    return statements
