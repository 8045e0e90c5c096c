"""Issue 19: full verdicts grounded a chunk at a time equal, field for field, the
verdict of one Control per scenario."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from tests.strategies import any_scenario, random_scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def world_of(engine):
    """What the generators may name (bench/fuzz.py's description of the engine's world)."""
    spec = importlib.util.spec_from_file_location("foedus_fuzz", ROOT / "bench" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    return fuzz.world_of(engine)


def same(engine, resolved: list) -> None:
    chunked = engine.full_resolved(resolved)
    for r, verdict in zip(resolved, chunked):
        alone = engine.assess_resolved(r)
        assert verdict.model_dump_json() == alone.model_dump_json(), r.name


def test_chunked_full_verdicts_equal_one_control_per_scenario(engine):
    rng = random.Random(2026)
    world = world_of(engine)
    scenarios = [random_scenario(rng) for _ in range(24)] + [any_scenario(rng, world) for _ in range(24)]
    resolved = []
    for s in scenarios:
        try:
            resolved.append(engine.resolve(s))
        except Exception:   # noqa: BLE001 — a generated scenario may be refused; the rest are compared
            continue
    assert len(resolved) >= 30
    same(engine, resolved)


def test_the_examples_in_one_chunk(engine):
    same(engine, [engine.resolve(p) for p in EXAMPLES])


def test_a_scenario_that_amends_the_world_is_assessed_on_its_own(engine):
    hypothetical = {"name": "x", "world": {"add": {"states": [{"code": "XQA", "name": "Qa"}]}},
                    "events": [{"kind": "armed_attack", "date": "2021-01-01", "attackers": ["XQA"], "place": "ARM"}]}
    plain = {"name": "y", "events": [{"kind": "armed_attack", "date": "2021-01-01", "attackers": ["AZE"],
                                      "place": "ARM"}]}
    same(engine, [engine.resolve(hypothetical), engine.resolve(plain)])


def test_assess_many_is_assess_of_each_and_raises_the_first_error(engine):
    import pytest

    from foedus.base.errors import InputError
    paths = EXAMPLES[:3]
    assert [v.model_dump_json() for v in engine.assess_many(paths)] == \
        [engine.assess(p).model_dump_json() for p in paths]
    with pytest.raises(InputError):
        engine.assess_many([paths[0], {"name": "bad", "events": [{"kind": "armed_attack", "date": "2020-01-01",
                                                                 "attackers": ["AZR"], "place": "ARM"}]}])
