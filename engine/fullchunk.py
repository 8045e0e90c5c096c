"""Full verdicts for many scenarios, a chunk per grounding (issue 19).

One verdict per Control re-grounds the rules over the whole world for every
scenario, and that is most of clingo's work (../shared/reviews: the world
alone costs ~0.9 of a scenario). Here the rules keyed by scenario id
(keyed.py) ground a chunk at once, with every output the explanation reads.
Each scenario is then solved in turn: an external switches its #show atoms
on, assumptions hold the other scenarios' readings at their defaults, and its
own combinations of readings are enumerated — exactly the answer sets one
Control per scenario gives, so the Explainer writes the same verdict
(bench/spike_full.py measures both and compares them field for field; a test
does so on generated scenarios).

A chunk of one costs more than one Control per scenario: single verdicts keep
that path (api.Engine.assess); batches come here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

import clingo
import clingo.ast as ast

from . import budget
from .errors import FoedusError
from .explain import Explainer
from .chunk import ground_chunk
from .keyed import SCENARIO, cached_keyed_rules
from .solve import OUTPUTS, LazyAnswer, checked_answers
from .verdict import ReadingsInfo, Verdict

if TYPE_CHECKING:
    from .api import Engine
    from .scenario import ResolvedScenario

CHUNK = 16   # scenarios per grounding: per-scenario solves grow with the chunk (spike: 10-25 best)
SHOW = "foedus_show"


class FullAssessor:
    """Full verdicts for many resolved scenarios, a chunk per grounding."""

    def __init__(self, engine: "Engine"):
        self.engine = engine
        self.world = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
        self.rules = cached_keyed_rules(engine.kb, self.world, "keyed_full", OUTPUTS)

    def assess(self, scenarios: list["ResolvedScenario"]) -> list[Union[Verdict, FoedusError]]:
        """Verdicts in input order, or the error of the one scenario it concerns. A
        scenario that amends the world is assessed on its own Control."""
        out: list = [None] * len(scenarios)
        keyed = []
        for i, resolved in enumerate(scenarios):
            if resolved.retracted or resolved.world is not None or \
                    not self.rules.accepts(list(self.engine._scenario_atoms(resolved))):
                out[i] = self._single(resolved)
            else:
                keyed.append(i)
        for start in range(0, len(keyed), CHUNK):
            part = keyed[start:start + CHUNK]
            try:
                with budget.assessment():   # the chunk's grounding has one scenario's budget
                    ctl = self._ground([scenarios[i] for i in part])
            except FoedusError:
                for i in part:                        # each on its own Control, its own error
                    out[i] = self._single(scenarios[i])
                continue
            members = [scenarios[j] for j in part]
            held = self._defaults(members, self.engine.catalogue.reading_defaults)
            for k, i in enumerate(part):
                try:
                    with budget.assessment():
                        out[i] = self._verdict(ctl, k, members, held)
                except FoedusError as exc:
                    out[i] = exc
        return out

    def _single(self, resolved) -> Union[Verdict, FoedusError]:
        try:
            return self.engine.assess_resolved(resolved)
        except FoedusError as exc:
            return exc

    def _ground(self, part: list) -> clingo.Control:
        return ground_chunk(self.rules, self.world, [list(self.engine._scenario_atoms(r)) for r in part], _shows(),
                            [f"--models={self.engine.max_models + 1}"])

    @staticmethod
    def _defaults(part: list, defaults: dict) -> list[list]:
        """Per scenario of the chunk, the assumptions holding its readings at their defaults."""
        return [[(clingo.Function("selected_reading", [clingo.Number(j), clingo.Function(n), clingo.Function(v)]), True)
                 for n, v in sorted(defaults.items()) if n not in resolved.readings]
                for j, resolved in enumerate(part)]

    def _verdict(self, ctl: clingo.Control, k: int, part: list, held: list[list]) -> Verdict:
        """Scenario k of the chunk: its answer sets, the others held at their default readings."""
        engine, cat, resolved = self.engine, self.engine.catalogue, part[k]
        if k:
            ctl.assign_external(clingo.Function(SHOW, [clingo.Number(k - 1)]), False)
        ctl.assign_external(clingo.Function(SHOW, [clingo.Number(k)]), True)
        assumptions = [a for j, rows in enumerate(held) if j != k for a in rows]
        answers: list = []
        cache: dict = {}
        budget.solve(ctl, on_model=lambda m: answers.append(LazyAnswer(m.symbols(shown=True), cache, skip=1)),
                     assumptions=assumptions)
        answers = checked_answers(answers, engine.max_models)
        explainer = Explainer(answers, cat, engine.kb.world, resolved,
                              answer_question=engine._answerer(lambda: list(engine._symbols(resolved)), resolved))
        assessments = explainer.assessments()
        budget.check("explaining")
        return Verdict(scenario=engine._scenario_info(resolved), engine=engine.provenance(),
                       readings=ReadingsInfo(pinned=dict(sorted(resolved.readings.items())), varied=explainer.varied),
                       events=explainer.events(), statehood=explainer.statehood(), assessments=assessments,
                       provisions=explainer.texts())


def _shows() -> list:
    """Each output keyed, shown only for the scenario being solved."""
    text = f"#show.\n#external {SHOW}(S) : {SCENARIO}(S).\n"
    for output in OUTPUTS:
        name, arity = output.split("/")
        args = ",".join(f"X{i}" for i in range(int(arity)))
        text += f"#show {name}(S,{args}) : {name}(S,{args}), {SHOW}(S).\n"
    statements: list = []
    ast.parse_string(text, statements.append)
    return statements
