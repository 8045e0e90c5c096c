"""Paired, interleaved A/B of two checkouts of foedus (the commit before a
change and the change): cold start, full verdicts and brief verdicts, each
round running A then B or B then A, so that a noisy machine slows both alike.

    python bench/ab.py A_PYTHONPATH B_PYTHONPATH [ROUNDS] [strategies|large]

Each PYTHONPATH holds a `foedus` package (e.g. a folder with a symlink per
engine/*.py and cli.py of a worktree). Prints medians and the ratios B/A.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORK = r"""
import json, random, sys, time
sys.path.insert(0, %(root)r)
sys.path.insert(0, %(root)r + "/bench")
from tests.strategies import random_scenario
import foedus
engine = foedus.Engine()
rng = random.Random(11)
if %(generator)r == "large":   # bench/generators.py: many events per scenario
    from generators import valid_large
    full, brief = valid_large(engine, rng, 20), valid_large(engine, rng, 200)
else:
    full = [random_scenario(rng) for _ in range(40)]
    brief = [random_scenario(rng) for _ in range(600)]
engine.assess(full[0]); engine.briefs(brief[:5])          # warm: rules grounded once, keyed rules built
t = time.perf_counter()
for s in full:
    engine.assess(s)
t_full = (time.perf_counter() - t) / len(full)
t = time.perf_counter()
engine.briefs(brief)
t_brief = (time.perf_counter() - t) / len(brief)
print(json.dumps({"full_ms": t_full * 1000, "brief_ms": t_brief * 1000}))
"""


def run(path: str, code: str) -> dict:
    env = dict(os.environ, PYTHONPATH=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold(path: str) -> float:
    env = dict(os.environ, PYTHONPATH=path)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "foedus.cli", "check", str(ROOT / "examples" / "karabakh_2020.yaml"),
                    "--format", "json"], capture_output=True, env=env, check=True)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    a, b = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    generator = sys.argv[4] if len(sys.argv) > 4 else "strategies"
    code = WORK % {"root": str(ROOT), "generator": generator}
    samples = {side: {"cold_ms": [], "full_ms": [], "brief_ms": []} for side in "AB"}
    for side, path in (("A", a), ("B", b)):   # warm each cache once
        cold(path)
    for r in range(rounds):
        order = [("A", a), ("B", b)] if r % 2 == 0 else [("B", b), ("A", a)]
        for side, path in order:
            for _ in range(3):
                samples[side]["cold_ms"].append(cold(path))
            for key, value in run(path, code).items():
                samples[side][key].append(value)
    print(f"{'measure':10} {'A median':>10} {'B median':>10} {'B/A':>6}   (A={a}, B={b}, {rounds} rounds, {generator})")
    for key in ("cold_ms", "full_ms", "brief_ms"):
        ma, mb = statistics.median(samples["A"][key]), statistics.median(samples["B"][key])
        print(f"{key:10} {ma:10.2f} {mb:10.2f} {mb / ma:6.2f}")


if __name__ == "__main__":
    main()
