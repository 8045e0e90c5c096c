"""foedus benchmark: everything measured side by side in one run, methods
alternated round by round (the machines are shared and noisy). Prints a table
of medians and min/max, and the ratios the issue asks for.

    python bench/bench.py            # about two minutes on 2 cores
    python bench/bench.py --big      # adds the 10,000-scenario batches

Run from a checkout after `pip install '.[test]'`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.strategies import random_scenario   # noqa: E402

PY = sys.executable


def timed(cmd: list[str], cwd=None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 30, 10, 20):     # clingo exits 10/20/30 on SAT/UNSAT/optimum
        raise RuntimeError(f"{cmd}: {proc.returncode} {proc.stderr[-400:]}")
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def stats(xs: list[float]) -> str:
    return f"{min(xs):.4g} / {statistics.median(xs):.4g} / {max(xs):.4g}"


def export_lp(engine, scenario: Path, out: Path) -> None:
    """The same facts foedus feeds, as a program text for the clingo CLI (a
    benchmark of the floor; the engine itself never writes program text)."""
    resolved = engine.resolve(scenario)
    out.write_text("".join(f"{s}.\n" for s in engine.symbols(resolved)), encoding="utf-8")


def cold(engine, rounds: int) -> dict:
    scenario = ROOT / "examples" / "karabakh_2020.yaml"
    rules = sorted(str(p) for p in (ROOT / "rules").rglob("*.lp"))
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts.lp"
        export_lp(engine, scenario, facts)
        commands = {
            "python -c 'import clingo'": [PY, "-c", "import clingo"],
            "clingo (python -m clingo, all answer sets)": [PY, "-m", "clingo", *rules, str(facts), "-n", "0", "-q"],
            "foedus --help (cold)": [PY, "-m", "foedus.cli", "--help"],
            "foedus check (cold, json)": [PY, "-m", "foedus.cli", "check", str(scenario), "--format", "json"],
        }
        times = {k: [] for k in commands}
        for _ in range(rounds):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, cwd=tmp)[0])
    return times


def warm(engine, n: int) -> dict:
    import clingo
    from foedus.solve.solver import solve
    rng = random.Random(7)
    scenarios = [random_scenario(rng) for _ in range(n)]
    verdict_only, full = [], []
    for s in scenarios:   # alternate the two methods scenario by scenario
        t = time.perf_counter()
        resolved = engine.resolve(s)
        solve(engine.kb, engine.symbols(resolved, extra=[clingo.Function("fixed_readings")]), outputs=("status/4",))
        verdict_only.append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.assess(s)
        full.append(time.perf_counter() - t)
    return {"verdict only (default readings, solver + status)": verdict_only,
            "verdict + full explanation + robustness": full}


def naive_loop(engine, rules: str, scenarios: list[dict]) -> None:
    """A new clingo Control per scenario, the whole program as text, every
    answer set's atoms read back: the baseline the issue names."""
    import clingo
    for s in scenarios:
        resolved = engine.resolve(s)
        facts = "".join(f"{sym}.\n" for sym in engine.symbols(resolved))
        ctl = clingo.Control(["0"])
        ctl.add("base", [], rules + facts)
        ctl.ground([("base", [])])
        ctl.solve(on_model=lambda m: [str(x) for x in m.symbols(atoms=True)])


def batch_child(mode: str, n: int) -> None:
    """One batch in a new process. The clock starts once the process has
    imported foedus and loaded the rules and the world (the same for every
    mode, and paid once however many scenarios follow)."""
    import foedus
    from foedus.services.batch import Item, assess_many
    rng = random.Random(11)
    scenarios = [random_scenario(rng) for _ in range(n)]
    engine = foedus.Engine()
    rules = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").rglob("*.lp")))
    t = time.perf_counter()
    if mode == "naive":
        naive_loop(engine, rules, scenarios)
    else:
        jobs = 1 if mode.endswith("-1") else os.cpu_count() or 1
        items = [Item(str(i), data=s) for i, s in enumerate(scenarios)]
        for _, payload, error in assess_many(items, jobs=jobs, brief=mode.startswith("brief"), engine=engine):
            assert payload is not None, error
    wall = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # the process that holds the generated scenarios, and its largest worker (if any)
    print(json.dumps({"wall": wall, "rss_mib": own, "worker_rss_mib": workers or own}))


MODES = ("naive", "full-1", "full-all", "brief-1", "brief-all")


def batch(n: int, rounds: int, modes=MODES) -> dict:
    out = {m: {"per_s": [], "rss": [], "worker": []} for m in modes}
    for _ in range(rounds):
        for mode in out:
            proc = subprocess.run([PY, __file__, "--child", mode, str(n)], capture_output=True, text=True, cwd=ROOT)
            if proc.returncode:
                raise RuntimeError(proc.stderr[-600:])
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            out[mode]["per_s"].append(n / res["wall"])
            out[mode]["rss"].append(res["rss_mib"])
            out[mode]["worker"].append(res["worker_rss_mib"])
    return out


def print_batch(n: int, rounds: int, modes=MODES) -> None:
    b = batch(n, rounds, modes)
    print(f"3-4. Batch of {n} generated scenarios, {rounds} rounds, each a new process (timed after imports and "
          "loading the rules) — scenarios/s; peak RSS MiB of the largest worker (of the process holding the scenarios)")
    print("   (full = verdict with explanation; brief = outcomes only, chunks keyed by scenario id)")
    for mode, r in b.items():
        print(f"   {mode:12} {stats(r['per_s'])} scen/s   worker {stats(r['worker'])} "
              f"(holder {statistics.median(r['rss']):.0f})")
    if "naive" not in b:
        return
    naive = statistics.median(b["naive"]["per_s"])
    print("   ratio to naive (medians): " + "; ".join(
        f"{m} {statistics.median(r['per_s']) / naive:.1f}x" for m, r in b.items() if m != "naive") + "\n")


def print_jobs(n: int, pairs: int) -> None:
    """The default --jobs against --jobs 1: whole `foedus check - --format jsonl` processes
    on the same n generated scenarios, interleaved pair by pair."""
    from foedus.services.batch import default_jobs
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "scenarios.jsonl"
        data.write_text("".join(json.dumps(random_scenario(rng)) + "\n" for _ in range(n)), encoding="utf-8")
        ratios = []
        for i in range(pairs):
            walls = {}
            for jobs in ([None, 1] if i % 2 == 0 else [1, None]):
                cmd = [PY, "-m", "foedus.cli", "check", "-", "--format", "jsonl"] + (["--jobs", "1"] if jobs else [])
                t = time.perf_counter()
                with data.open("rb") as stdin:
                    subprocess.run(cmd, stdin=stdin, capture_output=True, check=True)
                walls[jobs] = time.perf_counter() - t
            ratios.append(walls[1] / walls[None])
    print(f"6. Default --jobs ({default_jobs(n)} here) against --jobs 1, {n} generated scenarios, {pairs} interleaved "
          f"pairs, whole processes — throughput ratio {stats(ratios)}\n")


def features(engine) -> dict:
    from foedus.services.claimcheck import check_claim, load_claim
    from foedus.models.scenario import load_scenario
    from foedus.services.whatif import what_if
    times = {}
    for name in ("karabakh_2020", "kazakhstan_2022", "september_11_2001"):
        scenario, _ = load_scenario(ROOT / "examples" / f"{name}.yaml")
        t = time.perf_counter()
        report = what_if(engine, scenario)
        times[f"what-if {name} ({len(report.findings)} verdicts)"] = [time.perf_counter() - t]
    for path in sorted((ROOT / "examples" / "claims").glob("*.yaml")):
        t = time.perf_counter()
        report = check_claim(engine, load_claim(path))
        times[f"claim {path.stem} ({'holds' if report.holds else 'refuted'}, space {report.space_size})"] = \
            [time.perf_counter() - t]
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", action="store_true")
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only-batch", type=int, metavar="N", help="only the batch table, for N scenarios")
    ap.add_argument("--modes", default=",".join(MODES), help=f"batch modes, comma-separated ({','.join(MODES)})")
    args = ap.parse_args()
    if args.child:
        batch_child(args.child[0], int(args.child[1]))
        return
    modes = tuple(m for m in args.modes.split(",") if m)
    if args.only_batch:
        print_batch(args.only_batch, args.rounds, modes)
        return
    import foedus
    engine = foedus.Engine()
    print(f"foedus {foedus.__version__}; {os.cpu_count()} cores; min / median / max over rounds\n")

    c = cold(engine, rounds=10)
    print("1. One scenario, cold (new process), 10 runs each, alternated — seconds")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("   (PYTHONDONTWRITEBYTECODE is set: every module of a checkout is compiled at each start; an installed "
              "package has its bytecode — unset it for figures a user sees)")
    for k, v in c.items():
        print(f"   {k:55} {stats(v)}")
    base = statistics.median(c["python -c 'import clingo'"])
    raw = statistics.median(c["clingo (python -m clingo, all answer sets)"])
    fc = statistics.median(c["foedus check (cold, json)"])
    helped = statistics.median(c["foedus --help (cold)"])
    print(f"   ratio foedus check / import clingo = {fc / base:.2f}; foedus check / raw clingo = {fc / raw:.2f}; "
          f"foedus --help / import clingo = {helped / base:.2f}\n")

    w = warm(engine, 200)
    print("2. Warm, per scenario through the Python API, 200 generated scenarios — milliseconds")
    for k, v in w.items():
        print(f"   {k:55} {stats([x * 1000 for x in v])}")
    ratios = [b / a for a, b in zip(*w.values())]
    print(f"   ratio full / verdict only (per scenario) = {stats(ratios)}\n")

    for n in [1000] + ([10000] if args.big else []):
        print_batch(n, args.rounds if n == 1000 else 1, modes)
    print_jobs(400, max(5, args.rounds))

    f = features(engine)
    print("5. What-if and claim checking on the bundled cases — seconds")
    for k, v in f.items():
        print(f"   {k:70} {v[0]:.3f}")


if __name__ == "__main__":
    main()
