"""The long fuzz run: N generated scenarios (default 10,000) through the Python
API. Every valid scenario must give a schema-valid verdict; every mutated one
must be refused with InputError; nothing may crash. Prints a summary.

    python bench/fuzz.py [N] [SEED]
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import jsonschema

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.strategies import random_scenario   # noqa: E402

import foedus   # noqa: E402
from foedus.errors import InputError   # noqa: E402
from foedus.verdict import Verdict   # noqa: E402


def main(n: int = 10_000, seed: int = 2026) -> int:
    engine = foedus.Engine()
    validator = jsonschema.Draft202012Validator(Verdict.model_json_schema())
    rng = random.Random(seed)
    counts = {"valid": 0, "refused": 0, "assessments": 0, "crash": 0, "schema": 0, "accepted_invalid": 0}
    statuses: dict[str, int] = {}
    t0 = time.perf_counter()
    for i in range(n):
        scenario = random_scenario(rng)
        invalid = rng.random() < 0.1
        if invalid:
            ev = scenario["events"][0]
            rng.choice([lambda: ev.update(date="2021-02-30"), lambda: ev.update(kind="x"),
                        lambda: ev.pop("date"), lambda: ev.update(extra=1)])()
        try:
            verdict = engine.assess(scenario)
        except InputError:
            counts["refused" if invalid else "crash"] += 1
            continue
        except Exception as exc:   # noqa: BLE001 — the point of a fuzz run
            counts["crash"] += 1
            print(f"crash on scenario {i}: {exc!r}", file=sys.stderr)
            continue
        if invalid:
            counts["accepted_invalid"] += 1
        counts["valid"] += 1
        counts["assessments"] += len(verdict.assessments)
        for a in verdict.assessments:
            statuses[a.status] = statuses.get(a.status, 0) + 1
        if i % 10 == 0 and list(validator.iter_errors(json.loads(verdict.model_dump_json()))):
            counts["schema"] += 1
    elapsed = time.perf_counter() - t0
    print(json.dumps({"scenarios": n, "seed": seed, "seconds": round(elapsed, 1),
                      "per_second": round(n / elapsed, 1), **counts, "statuses": statuses}, indent=2))
    return 1 if counts["crash"] or counts["schema"] or counts["accepted_invalid"] else 0


if __name__ == "__main__":
    sys.exit(main(*(int(x) for x in sys.argv[1:3])))
