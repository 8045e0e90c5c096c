"""Issue 19's four ratios, measured side by side with a baseline checkout.

    python bench/pipeline.py --baseline DIR [--rounds 3] [--n 200]

DIR holds the baseline `foedus` package (a worktree of the commit before the
change, its engine/ linked as foedus/); this checkout is the one installed (or
on PYTHONPATH). Rounds alternate the two sides; every figure is a ratio of two
timings taken in the same process or the same round, and each line prints
min / median / max over rounds:

1. full-verdict batch against the naive loop (a new clingo Control per scenario
   over the same rules, every answer set's atoms read), per generator;
2. full against brief verdicts, per scenario in batch, per generator;
3. a 100-event scenario with every relevant reading explored against all pinned;
4. `foedus what-if` against a cold `foedus check` of the same scenario (whole processes).

Generators: tests/strategies.random_scenario (1-4 events of every kind) and
bench/generators.large_scenario (1-8 armed attacks with requests and decisions).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["karabakh_2020", "kazakhstan_2022", "september_11_2001"]


def child(n: int, seed: int) -> dict:
    """Ratios 1-3 in one process of the side under test."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import clingo
    import foedus
    from generators import valid_large
    from tests.strategies import random_scenario
    engine = foedus.Engine()
    rules = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").rglob("*.lp")))
    rng = random.Random(seed)
    sets = {"strategies": [random_scenario(rng) for _ in range(n)], "large": valid_large(engine, rng, n)}
    out = {}
    for name, scenarios in sets.items():
        resolved = [engine.resolve(s) for s in scenarios]
        engine.full_resolved(resolved[:5]), engine.brief_resolved(resolved[:5])   # keyed rules built
        t = time.perf_counter()
        for r in resolved:
            ctl = clingo.Control(["0"], logger=lambda c, m: None)
            ctl.add("base", [], rules + "".join(f"{sym}.\n" for sym in engine.symbols(r)))
            ctl.ground([("base", [])])
            ctl.solve(on_model=lambda m: [str(x) for x in m.symbols(atoms=True)])
        naive = time.perf_counter() - t
        t = time.perf_counter()
        for v in engine.full_resolved(resolved):
            v.model_dump_json()
        full = time.perf_counter() - t
        t = time.perf_counter()
        for v in engine.brief_resolved(resolved):
            v.model_dump_json()
        brief = time.perf_counter() - t
        out[f"1. full batch vs naive loop ({name}): x"] = naive / full
        out[f"2. full vs brief in batch ({name}): x"] = full / brief
    big = valid_large(engine, random.Random(42), 1, n_attacks=100)[0]
    pinned = dict(engine.catalogue.reading_defaults)
    engine.assess(big, pinned)
    t = time.perf_counter()
    engine.assess(big).model_dump_json()
    explored = time.perf_counter() - t
    t = time.perf_counter()
    engine.assess(big, pinned).model_dump_json()
    out["3. explored vs pinned, 100 events: x"] = explored / (time.perf_counter() - t)
    return out


def whatif_ratio(env: dict) -> dict:
    """Ratio 4, whole processes, per example."""
    out = {}
    for name in EXAMPLES:
        path = str(ROOT / "examples" / f"{name}.yaml")
        times = []
        for cmd in (["check", path, "--format", "json"], ["what-if", path, "--format", "json"]):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "foedus.cli", *cmd], env=env, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
        out[f"4. what-if vs cold check ({name}): x"] = times[1] / times[0]
    return out


def side(path: str | None, n: int, seed: int) -> dict:
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = path
    proc = subprocess.run([sys.executable, __file__, "--child", str(n), str(seed)], env=env,
                          capture_output=True, text=True, check=True)
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), **whatif_ratio(env)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    sides = {"this": None, "baseline": args.baseline} if args.baseline else {"this": None}
    runs: dict[str, list[dict]] = {k: [] for k in sides}
    for r in range(args.rounds):
        for name in (list(sides) if r % 2 == 0 else list(sides)[::-1]):
            runs[name].append(side(sides[name], args.n, 19 + r))
            print(f"round {r + 1} {name} done", file=sys.stderr, flush=True)
    print(f"issue 19 ratios, {args.rounds} rounds, {args.n} scenarios per generator; min / median / max")
    for key in sorted(runs["this"][0]):
        line = f"{key:55}"
        for name, rows in runs.items():
            xs = [row[key] for row in rows]
            line += f"  {name}: {min(xs):6.2f} / {statistics.median(xs):6.2f} / {max(xs):6.2f}"
        print(line)


if __name__ == "__main__":
    main()
