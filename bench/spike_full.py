"""Issue 19: full verdicts grounded a chunk at a time (engine/core/fullchunk.py) against
one Control per scenario (Engine.assess), timed side by side and compared field
for field.

    python bench/spike_full.py [N_SCENARIOS] [SEED]

Scenarios from tests/strategies.random_scenario. Prints the times per scenario,
their ratio and the scenarios whose verdicts differ (there should be none).
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.strategies import random_scenario  # noqa: E402

import foedus  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 19
    engine = foedus.Engine()
    rng = random.Random(seed)
    resolved = [engine.resolve(random_scenario(rng)) for _ in range(n)]
    engine.assess_resolved(resolved[0])
    engine.full_resolved(resolved[:1])                  # warm: both paths' rules loaded
    t = time.perf_counter()
    old = [engine.assess_resolved(r) for r in resolved]
    t_old = time.perf_counter() - t
    t = time.perf_counter()
    new = engine.full_resolved(resolved)
    t_new = time.perf_counter() - t
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if a.model_dump_json() != b.model_dump_json()]
    print(json.dumps({"scenarios": n, "seed": seed, "one_control_ms": round(1000 * t_old / n, 1),
                      "chunked_ms": round(1000 * t_new / n, 1), "ratio": round(t_old / t_new, 2),
                      "differ": len(differ), "first_differing": differ[:5]}))


if __name__ == "__main__":
    main()
