"""Load test of `foedus serve` (localhost only, a fixed number of requests): requests per
second and p50/p99 latency of the brief and the full check at concurrency 1, 8 and 32,
beside the in-process API (`Engine.brief` / `Engine.assess`, one at a time) on the same
scenarios, in one run.

    python bench/load.py [--requests 200] [--workers N] [--seed 22]

Run from a checkout after `pip install '.[test]'`.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import call, running   # noqa: E402
from tests.strategies import random_scenario   # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def row(name: str, walls: list[float], total: float) -> str:
    return (f"{name:<44} {len(walls) / total:8.1f} {1000 * statistics.median(walls):9.1f} "
            f"{1000 * percentile(walls, 0.99):9.1f}")


def over_http(base: str, bodies: list[bytes], brief: bool, concurrency: int) -> tuple[list[float], float]:
    url = base + "/check" + ("?brief=true" if brief else "")

    def one(body: bytes) -> float:
        t = time.perf_counter()
        status, _, _ = call("POST", url, body)
        if status != 200:
            raise RuntimeError(f"status {status}")
        return time.perf_counter() - t
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        walls = list(pool.map(one, bodies))
    return walls, time.perf_counter() - start


def in_process(engine, scenarios: list[dict], brief: bool) -> tuple[list[float], float]:
    walls = []
    start = time.perf_counter()
    for s in scenarios:
        t = time.perf_counter()
        (engine.brief if brief else engine.assess)(s)
        walls.append(time.perf_counter() - t)
    return walls, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--workers", type=int, default=None, help="engine processes (default: the usable CPUs)")
    ap.add_argument("--seed", type=int, default=22)
    args = ap.parse_args()
    import foedus
    from foedus.services.batch import usable_cpus
    engine = foedus.Engine()
    rng = random.Random(args.seed)
    scenarios = []
    while len(scenarios) < args.requests:
        s = random_scenario(rng)
        try:
            engine.resolve(s)
        except foedus.FoedusError:
            continue
        scenarios.append(s)
    bodies = [json.dumps(s).encode("utf-8") for s in scenarios]
    workers = args.workers or usable_cpus()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    print(f"# foedus serve load test, {time.strftime('%Y-%m-%d')}, commit {commit}, {args.requests} requests "
          f"each, {workers} engine processes, {usable_cpus()} usable CPUs, localhost")
    print(f"{'':<44} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9}")
    for brief in (True, False):
        kind = "brief" if brief else "full"
        walls, total = in_process(engine, scenarios, brief)
        print(row(f"{kind}: in-process Engine, one at a time", walls, total))
        with running(workers=workers) as server:
            over_http(server.base, bodies[:10], brief, 2)   # warm: every engine process has answered
            for concurrency in (1, 8, 32):
                walls, total = over_http(server.base, bodies, brief, concurrency)
                print(row(f"{kind}: HTTP, concurrency {concurrency}", walls, total))


if __name__ == "__main__":
    main()
