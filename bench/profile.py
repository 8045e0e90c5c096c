"""Where the time goes: the profiles behind the targets bench.py reports.

    python bench/profile.py          # about half a minute on 2 cores

1. brief verdicts, one process: per-scenario cost of each phase of a chunk
   (resolve, ground, the two solver calls, reading the atoms, building briefs);
2. what the grounder builds per scenario, by predicate (clingo --text on one
   chunk of 100 keyed scenarios);
3. a cold `foedus check`: imports against the work itself.
"""
from __future__ import annotations

import collections
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.strategies import random_scenario  # noqa: E402

N = 500


def brief_phases(engine) -> None:
    import clingo
    import foedus.solve.chunk as chunk
    import foedus.load.keyed as keyed
    from foedus.core.brief import CHUNK, BriefAssessor, _from_chunk
    from foedus.world.symbols import term
    assessor = BriefAssessor(engine)
    rng = random.Random(21)
    raw = [random_scenario(rng) for _ in range(N)]
    totals = collections.Counter()
    t = time.perf_counter()
    resolved = [engine.resolve(s) for s in raw]
    totals["resolve (validate, check against the world)"] += time.perf_counter() - t
    for start in range(0, N, CHUNK):
        part = resolved[start:start + CHUNK]
        t = time.perf_counter()
        symbols = [list(engine.scenario_atoms(r)) for r in part]
        ctl = clingo.Control(["--models=1"], logger=lambda c, m: None)
        with clingo.ast.ProgramBuilder(ctl) as builder:
            for st in assessor.rules.statements:
                builder.add(st)
            for statement in chunk._shows():
                builder.add(statement)
        with ctl.backend() as backend:
            for sym in assessor.world:
                backend.add_rule([backend.add_atom(sym)])
            for i, atoms in enumerate(symbols):
                backend.add_rule([backend.add_atom(clingo.Function(keyed.SCENARIO, [clingo.Number(i)]))])
                for name, *values in atoms:
                    backend.add_rule([backend.add_atom(clingo.Function(name, [clingo.Number(i),
                                                                              *map(term, values)]))])
        totals["program and facts into clingo"] += time.perf_counter() - t
        t = time.perf_counter()
        ctl.ground([("base", [])])
        totals["ground"] += time.perf_counter() - t
        t = time.perf_counter()
        # the full chunk solve, timed as a whole, then its parts again
        answers = chunk.solve_chunk(assessor.rules, assessor.world, symbols, engine.catalogue.reading_defaults,
                                    [set(r.readings) for r in part])
        totals["solve_chunk again (ground + 2 solves + reading atoms)"] += time.perf_counter() - t
        t = time.perf_counter()
        for answer, r in zip(answers, part):
            _from_chunk(answer, r, engine).model_dump_json()
        totals["brief objects and JSON"] += time.perf_counter() - t
    print(f"1. Brief verdicts, {N} generated scenarios, chunks of {CHUNK}, one process — ms per scenario")
    for k, v in totals.items():
        print(f"   {k:60} {v / N * 1000:.3f}")
    rest = totals["solve_chunk again (ground + 2 solves + reading atoms)"] - totals["ground"]
    print(f"   => solving and reading the atoms ≈ {rest / N * 1000:.3f} ms; grounding ≈ "
          f"{totals['ground'] / N * 1000:.3f} ms\n")


def ground_composition(engine) -> None:
    import clingo
    from foedus.core.brief import BriefAssessor
    from foedus.load.keyed import SCENARIO
    assessor = BriefAssessor(engine)
    rng = random.Random(22)
    resolved = [engine.resolve(random_scenario(rng)) for _ in range(100)]
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "keyed.lp"
        with program.open("w", encoding="utf-8") as fh:
            fh.writelines(f"{st}\n" for st in assessor.rules.statements)
            fh.writelines(f"{s}.\n" for s in assessor.world)
            for i, r in enumerate(resolved):
                fh.write(f"{SCENARIO}({i}).\n")
                fh.writelines(f"{clingo.Function(s.name, [clingo.Number(i), *s.arguments])}.\n"
                              for s in engine.scenario_symbols(r))   # the text only: a benchmark
        text = subprocess.run([sys.executable, "-m", "clingo", str(program), "--text"],
                              capture_output=True, text=True).stdout
    heads = collections.Counter(_head(line) for line in text.splitlines() if line.strip())
    total = sum(heads.values())
    print(f"2. The ground program of 100 keyed scenarios: {total} statements ({total / 100:.0f} per scenario)")
    tables = ("party", "status_on", "status_known", "listed_member", "bearer", "csto_state")
    share = sum(heads[h] for h in tables)
    for name, count in heads.most_common(12):
        print(f"   {name:30} {count / 100:7.1f} per scenario")
    print(f"   the per-date membership tables and bearers ({', '.join(tables)}): {share / total:.0%}\n")


def _head(line: str) -> str:
    name = line.split("(")[0].split(" ")[0].split(":-")[0]
    return name[3:] if name.startswith("#p_") else name


def cold() -> None:
    scenario = ROOT / "examples" / "karabakh_2020.yaml"
    code = ("import time, sys; t = time.perf_counter(); import foedus.cli; i = time.perf_counter() - t; "
            "from foedus.cli import main; sys.argv = ['foedus', 'check', sys.argv[1], '--format', 'json']; "
            "import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    t = time.perf_counter()\n"
            "    try: main(standalone_mode=False)\n"
            "    except SystemExit: pass\n"
            "    w = time.perf_counter() - t\n"
            "print(f'{i:.4f} {w:.4f}')")
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, str(scenario)], capture_output=True, text=True,
                             env={**os.environ}).stdout.split()
        runs.append((time.perf_counter() - t, float(out[0]), float(out[1])))
    runs.sort()
    wall, imports, work = runs[len(runs) // 2]
    print("3. A cold `foedus check` (median of 7) — ms")
    print(f"   whole process {wall * 1000:.0f}; importing foedus and its libraries {imports * 1000:.0f}; "
          f"loading the cached knowledge base, assessing, printing {work * 1000:.0f}; "
          f"the rest (interpreter start and teardown) {(wall - imports - work) * 1000:.0f}")


def main() -> None:
    import foedus
    engine = foedus.Engine()
    brief_phases(engine)
    ground_composition(engine)
    cold()


if __name__ == "__main__":
    main()
