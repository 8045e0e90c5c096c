"""Readings are explored provision by provision (engine/solve/explore.py): each combination of
the readings one provision uses, the others at their defaults. Checked here against the
explanation from every combination of every relevant reading (the product), on generated
scenarios and the examples. (Both read a provision's robustness over the readings it
declares, reading_used_by: an undeclared reading is invisible to either.)"""
from __future__ import annotations

import random
from pathlib import Path

from foedus.explain.explainer import Explainer
from foedus.solve.solver import COMBINATION_CEILING, solve

from .strategies import random_scenario

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def every_combination(engine, resolved):
    """The verdict explained from the product of every relevant reading's values (the old way)."""
    explainer = Explainer(solve(engine.kb, engine.symbols(resolved), max_models=COMBINATION_CEILING),
                          engine.catalogue, resolved.world or engine.kb.world, resolved)
    explainer.answer_question = engine.fact_answers().answerers(
        [(resolved, explainer.question_requests())])[0]
    return [a.model_dump() for a in explainer.assessments()]


def test_per_provision_exploration_equals_the_product_of_every_reading(engine):
    rng = random.Random(41)
    compared = varied = 0
    for scenario in [random_scenario(rng) for _ in range(40)] + EXAMPLES:
        try:
            resolved = engine.resolve(scenario)
        except Exception:   # noqa: BLE001 — a generated scenario may be refused
            continue
        verdict = engine.assess_resolved(resolved)
        if len(verdict.readings.varied) >= 2:
            varied += 1
            assert [a.model_dump() for a in verdict.assessments] == every_combination(engine, resolved), \
                resolved.name
            compared += 1
    assert compared >= 15 and varied == compared
