"""The fuzzer's short form (bench/fuzz.py runs the long one): every layer,
valid and labelled-invalid inputs; no crash, traceback, wrong exit code,
accepted invalid or refused valid input."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_short_fuzz_finds_nothing():
    spec = importlib.util.spec_from_file_location("foedus_fuzz", ROOT / "bench" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    report = fuzz.run(n=240, seed=13)
    assert report["bad"] == {outcome: 0 for outcome in fuzz.BAD}, report["examples"]
    # every layer was exercised, both ways where it has two
    counts = report["counts"]
    assert counts["api"].get("verdict", 0) > 0 and counts["invalid"].get("refused", 0) > 0
    assert counts["jsonl"].get("verdict", 0) > 0 and counts["jsonl"].get("refused", 0) > 0
    assert counts["cli"].get("verdict", 0) + counts["cli"].get("refused", 0) == 7
