"""The fuzzer: generated inputs through every layer foedus reads them by.
Every valid input must give a verdict; every invalid one (invalid by
construction, and labelled with the mutation that made it so) must be
refused with a message; nothing may crash, print a traceback or exit with
another code than the table's.

    python bench/fuzz.py [N] [SEED]    # N inputs (default 10,000); writes bench/results/fuzz-<N>-<SEED>.json

Layers, in shares of N:
  api      30%  valid scenarios (every event kind, world additions and
                retractions, pinned readings, edge dates): a verdict whose
                JSON validates against `foedus schema`
  invalid  35%  one labelled mutation each: InputError, never a verdict
  text     22%  valid scenarios written as YAML or JSON, then 0-4 bytes
                changed: a verdict or an InputError (unchanged ones: a verdict)
  jsonl    10%  valid and invalid lines through `foedus check - --format jsonl --brief`
                in one process: a verdict per valid line, a '<stdin>:N:' message per invalid
                one, exit 2, no traceback
  cli       3%  single files through the command: exit 0 with a verdict, or exit 2 with one
                message and nothing on stdout
The short form runs in the tests (tests/test_fuzz.py).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.strategies import any_scenario, mutate   # noqa: E402

SHARES = {"api": 0.30, "invalid": 0.35, "text": 0.22, "jsonl": 0.10, "cli": 0.03}
BAD = ("crash", "traceback", "wrong_exit", "accepted_invalid", "refused_valid", "schema")


def world_of(engine) -> SimpleNamespace:
    """What the generators may name: the engine's own States, places, bases, facts and readings."""
    w, cat = engine.kb.world, engine.catalogue
    held = {(f.atoms[0][2], f.atoms[0][3]) for f in w.facts.values() if f.kind == "membership"}
    readings: dict[str, list[str]] = {}
    for name, value in sorted(cat.readings):
        if name in cat.reading_defaults:
            readings.setdefault(name, []).append(value)
    states = sorted(w.state_names)
    records = w.states
    return SimpleNamespace(
        states=states, states_on=lambda day: [c for c in states if records[c].exists_on(day)], territories=sorted(t for t in w.territory_names if t.upper() not in w.state_names),
        bases=sorted(b.split(":", 1)[1] for b in w.base_names if b.startswith("base:")),
        facts=sorted(w.facts), readings=readings, provisions=sorted(cat.provisions),
        free_pairs=[(s, t) for s in states for t in ("cst", "nato", "un_charter", "pfp")
                    if (s.lower(), t) not in {(str(a).lower(), str(b)) for a, b in held}])


def run(n: int = 10_000, seed: int = 2026, python: str = sys.executable) -> dict:
    import jsonschema

    import foedus
    from foedus.base.errors import FoedusError, InputError
    from foedus.models.scenario import parse_scenario
    from foedus.models.verdict import Verdict

    engine = foedus.Engine()
    world = world_of(engine)
    validator = jsonschema.Draft202012Validator(Verdict.model_json_schema())
    rng = random.Random(seed)
    sizes = {layer: max(1, round(n * share)) for layer, share in SHARES.items()}
    counts = {layer: {} for layer in SHARES}
    mutations: dict[str, dict[str, int]] = {}
    examples: dict[str, dict] = {}
    t0 = time.perf_counter()

    def count(layer: str, outcome: str, example=None) -> None:
        counts[layer][outcome] = counts[layer].get(outcome, 0) + 1
        if outcome in BAD and len(examples) < 40:
            examples.setdefault(f"{layer}/{outcome}/{len(examples)}", example)

    def assess(scenario) -> tuple[str, str]:
        try:
            verdict = engine.assess(scenario)
        except InputError as exc:
            return "refused", str(exc)
        except FoedusError as exc:
            return "limit", str(exc)
        except Exception as exc:   # noqa: BLE001 — what a fuzzer is for
            return "crash", f"{type(exc).__name__}: {exc} @ {traceback.extract_tb(exc.__traceback__)[-1].name}"
        errors = list(validator.iter_errors(json.loads(verdict.model_dump_json())))
        return ("schema", str(errors[0])[:300]) if errors else ("verdict", "")

    valid_pool = []
    for _ in range(sizes["api"]):
        scenario = any_scenario(rng, world)
        valid_pool.append(scenario)
        outcome, message = assess(scenario)
        count("api", "refused_valid" if outcome == "refused" else outcome, {"message": message, "input": scenario})

    for _ in range(sizes["invalid"]):
        name, scenario = mutate(rng.choice(valid_pool), rng)
        outcome, message = assess(scenario)
        outcome = {"verdict": "accepted_invalid", "schema": "accepted_invalid"}.get(outcome, outcome)
        mutations.setdefault(name, {}).setdefault(outcome, 0)
        mutations[name][outcome] += 1
        count("invalid", outcome, {"mutation": name, "message": message, "input": scenario})

    for _ in range(sizes["text"]):
        scenario = rng.choice(valid_pool)
        as_json = rng.random() < 0.4
        text = (json.dumps(scenario, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2])) if as_json else
                yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False)).encode("utf-8")
        data = bytearray(text)
        changes = rng.choice([0, 1, 1, 2, 3, 4])   # none: the text layer must accept what is valid
        for _ in range(changes):
            op, pos = rng.random(), rng.randrange(len(data))
            if op < 0.4:
                data[pos] = rng.choice(b"{}[]:,-'\"&*!|>%@`#?\n \t\\0123456789")
            elif op < 0.7:
                del data[pos]
            elif op < 0.9:
                data[pos:pos] = bytes([rng.randrange(256)])
            else:
                data[pos:pos] = data[rng.randrange(len(data)):][:20]
        try:
            model, _ = parse_scenario(bytes(data), "fuzz.json" if as_json else "fuzz.yaml")
        except InputError as exc:
            count("text", "refused" if changes else "refused_valid", {"message": str(exc), "input": scenario})
            continue
        except Exception as exc:   # noqa: BLE001
            count("text", "crash", {"message": f"{type(exc).__name__}: {exc}", "input": bytes(data).decode("utf-8", "replace")})
            continue
        outcome, message = assess(model)
        if outcome == "refused" and not changes:
            outcome = "refused_valid"
        count("text", outcome, {"message": message, "input": bytes(data).decode("utf-8", "replace")})

    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    lines, labels = [], []
    for i in range(sizes["jsonl"]):
        if rng.random() < 0.5:
            labels.append("valid")
            lines.append(json.dumps(rng.choice(valid_pool), ensure_ascii=False))
        else:
            name, scenario = mutate(rng.choice(valid_pool), rng)
            labels.append(name)
            lines.append(json.dumps(scenario, ensure_ascii=False))
    done = subprocess.run([python, "-m", "foedus.cli", "check", "-", "--format", "jsonl", "--brief", "--jobs", "2"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, timeout=3600)
    verdicts = done.stdout.splitlines()
    refused = {int(line.split(":")[2]) for line in done.stderr.splitlines() if line.startswith("foedus: <stdin>:")}
    if "Traceback" in done.stderr:
        count("jsonl", "traceback", {"message": done.stderr[-2000:]})
    expected_rc = 2 if any(label != "valid" for label in labels) else 0
    count("jsonl", "exit_ok" if done.returncode == expected_rc else "wrong_exit", {"message": f"exit {done.returncode}"})
    if len(verdicts) != labels.count("valid"):
        count("jsonl", "accepted_invalid" if len(verdicts) > labels.count("valid") else "refused_valid",
              {"message": f"{len(verdicts)} verdicts for {labels.count('valid')} valid lines"})
    for number, label in enumerate(labels, 1):
        if label == "valid":
            count("jsonl", "refused_valid" if number in refused else "verdict", {"line": number})
        else:
            count("jsonl", "refused" if number in refused else "accepted_invalid", {"line": number, "mutation": label})

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(sizes["cli"]):
            valid = rng.random() < 0.5
            name, scenario = ("valid", rng.choice(valid_pool)) if valid else mutate(rng.choice(valid_pool), rng)
            path = Path(tmp) / f"s{i}.{rng.choice(['yaml', 'json'])}"
            path.write_text(json.dumps(scenario, ensure_ascii=False) if path.suffix == ".json" else
                            yaml.safe_dump(scenario, allow_unicode=True), encoding="utf-8")
            done = subprocess.run([python, "-m", "foedus.cli", "check", str(path), "--format", "json"],
                                  capture_output=True, text=True, env=env, timeout=600)
            example = {"mutation": name, "exit": done.returncode, "stderr": done.stderr[-500:], "input": scenario}
            if "Traceback" in done.stderr:
                count("cli", "traceback", example)
            elif valid:
                count("cli", "verdict" if done.returncode == 0 and done.stdout.strip() else
                      "refused_valid" if done.returncode == 2 else "wrong_exit", example)
            else:
                count("cli", "refused" if done.returncode == 2 and not done.stdout and
                      done.stderr.count("\n") == 1 else "accepted_invalid" if done.returncode == 0 else "wrong_exit",
                      example)

    totals = {outcome: sum(c.get(outcome, 0) for c in counts.values()) for outcome in BAD}
    return {"inputs": sum(sizes.values()), "seed": seed, "seconds": round(time.perf_counter() - t0, 1),
            "bad": totals, "counts": counts, "mutations": dict(sorted(mutations.items())), "examples": examples}


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    report = run(n, seed)
    out = ROOT / "bench" / "results" / f"fuzz-{n}-{seed}.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("inputs", "seed", "seconds", "bad", "counts")}, indent=1))
    print(f"written to {out.relative_to(ROOT)}")
    return 1 if any(report["bad"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
