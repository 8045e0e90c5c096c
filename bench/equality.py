"""Equality run: the verdicts of this checkout against a baseline's, field for field.

    python bench/equality.py --baseline DIR [--n 2000] [--seed 19] [--generator strategies|large]

DIR is a directory holding a baseline `foedus` package (e.g. a worktree of the
commit before a change, its engine/ linked as foedus/). Each side runs in its own
process on the same generated scenarios: the baseline one verdict per scenario
(Engine.assess), this checkout a batch (Engine.full_resolved) — so one run checks
both that the pipeline changed nothing and that batches equal singles. Verdicts
are compared as JSON without the engine's provenance. A difference confined to
the answers to questions of fact (their status or failing elements, and the
summary that quotes them) is counted apart: see --explain.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scenarios(generator: str, n: int, seed: int) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    rng = random.Random(seed)
    if generator == "strategies":
        from tests.strategies import random_scenario
        return [random_scenario(rng) for _ in range(n)]
    import foedus
    from generators import valid_large
    return valid_large(foedus.Engine(), rng, n)


def dump(generator: str, n: int, seed: int, mode: str, out: str) -> None:
    import foedus
    engine = foedus.Engine()
    items = scenarios(generator, n, seed)
    def attempt(fn, arg):
        try:
            return fn(arg)
        except foedus.FoedusError as exc:
            return exc
    if mode == "single":
        results = [attempt(engine.assess, s) for s in items]
    else:
        resolved = [attempt(engine.resolve, s) for s in items]
        batch = iter(engine.full_resolved([r for r in resolved if not isinstance(r, Exception)]))
        results = [r if isinstance(r, Exception) else next(batch) for r in resolved]
    with open(out, "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(("ERROR " + type(r).__name__ + ": " + str(r) if isinstance(r, Exception)
                      else r.model_dump_json(exclude={"engine"})) + "\n")


def masked(line: str) -> str:
    """The verdict without the answers to questions of fact and the summaries quoting them."""
    if line.startswith("ERROR"):
        return line
    v = json.loads(line)
    for a in v["assessments"]:
        a["summary"] = ""
        for q in a["questions"]:
            for ans in q["answers"]:
                ans["status"], ans["failing"] = "", []
    return json.dumps(v, sort_keys=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", help="a directory holding the baseline foedus package")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--generator", choices=("strategies", "large"), default="strategies")
    ap.add_argument("--dump", nargs=2, metavar=("MODE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        dump(args.generator, args.n, args.seed, *args.dump)
        return
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for name, path, mode in (("baseline", args.baseline, "single"), ("this", None, "many")):
            env = dict(os.environ)
            if path:
                env["PYTHONPATH"] = path
            out = str(Path(tmp) / f"{name}.jsonl")
            cmd = [sys.executable, __file__, "--n", str(args.n), "--seed", str(args.seed),
                   "--generator", args.generator, "--dump", mode, out]
            procs.append((subprocess.Popen(cmd, env=env), out))
        for p, _ in procs:
            if p.wait():
                raise SystemExit(f"a side failed: {p.args}")
        a = Path(procs[0][1]).read_text(encoding="utf-8").splitlines()
        b = Path(procs[1][1]).read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b) == args.n
    same = sum(x == y for x, y in zip(a, b))
    answers = [i for i, (x, y) in enumerate(zip(a, b)) if x != y and masked(x) == masked(y)]
    other = [i for i, (x, y) in enumerate(zip(a, b)) if x != y and masked(x) != masked(y)]
    print(json.dumps({"generator": args.generator, "n": args.n, "seed": args.seed, "equal": same,
                      "differ_only_in_answers_to_questions_of_fact": answers, "differ_otherwise": other,
                      "errors": sum(x.startswith("ERROR") for x in b)}))


if __name__ == "__main__":
    main()
