"""Issue 13, point 1: one work budget over grounding, solving and explaining,
on every path; over it, one message naming the bound and nothing on stdout."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.services.batch import Item, _assess_batch, assess_many
from foedus.base.budget import WorkLimitError
from foedus.cli import main

_ASSESS_BATCH = _assess_batch
ROOT = Path(__file__).resolve().parent.parent
STATES = ("ARM AZE BLR GEO KAZ KGZ RUS TJK UZB ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA "
          "LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN ESP SWE TUR GBR USA UKR").split()


def crowded(n: int) -> dict:
    """The reviewer's blow-up: attacks each naming every State in `against`
    (before the budget: 100 of them ran 104 s under FOEDUS_TIME_LIMIT=2 and exited 0)."""
    rng = random.Random(n)
    events = []
    for i in range(n):
        date = f"{rng.randint(2007, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"   # every State named exists
        events.append({"id": f"a{i}", "kind": "armed_attack", "date": date, "attackers": rng.sample(STATES, 3),
                       "place": rng.choice(STATES), "against": STATES, "threatens": ["security"]})
        events.append({"id": f"r{i}", "kind": "request_for_assistance", "date": date,
                       "by": rng.choice(STATES), "addressed_to": rng.choice(["CSTO", "NATO"]), "concerning": f"a{i}"})
    return {"name": f"crowded {n}", "as_of": "2025-12-31", "events": events}


def test_the_time_limit_bounds_explaining_not_only_solving(tmp_path, monkeypatch):
    path = tmp_path / "crowded.json"
    path.write_text(json.dumps(crowded(10)), encoding="utf-8")
    monkeypatch.setenv("FOEDUS_TIME_LIMIT", "0.3")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "did not finish within 0.3 s (the work budget, FOEDUS_TIME_LIMIT)" in result.stderr
    assert "no partial verdict" in result.stderr


def test_a_scenario_over_the_size_bound_is_refused_before_grounding(engine, monkeypatch):
    monkeypatch.setenv("FOEDUS_MAX_FACTS", "100")
    with pytest.raises(WorkLimitError, match=r"makes 501 facts and the work budget allows 100 \(FOEDUS_MAX_FACTS\)"):
        engine.resolve(crowded(10))
    monkeypatch.delenv("FOEDUS_MAX_FACTS")
    assert engine.resolve(ROOT / "examples" / "karabakh_2020.yaml")   # the examples are far inside the default


def test_the_memory_limit_is_set_for_the_command_and_reported(tmp_path):
    """The command bounds its own address space; running out is a limit reached (exit 2), not a defect."""
    path = tmp_path / "crowded.json"
    path.write_text(json.dumps(crowded(25)), encoding="utf-8")
    env = {**os.environ, "FOEDUS_MEMORY_LIMIT": "250", "FOEDUS_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-m", "foedus.cli", "check", str(path), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert "ran out of memory: the work budget allows 250 MiB (FOEDUS_MEMORY_LIMIT)" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_memory_limit_too_small_to_start_is_refused_not_a_crash():
    env = {**os.environ, "FOEDUS_MEMORY_LIMIT": "100"}
    done = subprocess.run([sys.executable, "-m", "foedus.cli", "check", str(ROOT / "examples" / "karabakh_2020.yaml")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and "below the 200 MiB foedus needs to start" in done.stderr


@pytest.mark.parametrize("value", ["abc", "-1", "0", "nan"])
def test_a_budget_variable_that_is_not_a_positive_number_is_bad_input(value, monkeypatch):
    monkeypatch.setenv("FOEDUS_TIME_LIMIT", value)
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "karabakh_2020.yaml")])
    assert result.exit_code == 2 and "FOEDUS_TIME_LIMIT" in result.stderr and "positive number" in result.stderr


def test_every_reading_at_once_is_explored_and_past_the_ceiling_pinning_is_asked_for(tmp_path, monkeypatch):
    """Grey zones, gravity, territory, non-State attacks... in one scenario: together
    more than 4,096 combinations can matter, but each provision's own readings combine
    into fewer (explore.py), so the verdict explores them all. Where one provision's
    would pass the ceiling, the verdict is refused with a request to pin readings."""
    events = [
        {"id": "ip", "kind": "armed_attack", "date": "2021-04-29", "attackers": ["TJK"], "place": "KGZ",
         "threatens": ["security"]},
        {"id": "ns", "kind": "armed_attack", "date": "2016-03-22", "place": "BEL",
         "non_state_attacker": {"name": "g", "directed_from": "SYR"}},
        {"id": "nk", "kind": "armed_attack", "date": "2020-09-27", "attackers": ["AZE"],
         "place": "nagorno_karabakh", "against": ["ARM"]},
        {"id": "fr", "kind": "armed_attack", "date": "2024-06-01", "attackers": ["AZE"], "place": "ARM"},
        {"id": "ge", "kind": "armed_attack", "date": "2021-01-01", "attackers": ["RUS"], "place": "GEO"},
        {"id": "bc", "kind": "base_consultation", "date": "2015-03-01", "host": "KAZ", "base": "scenario:base:b1"},
        {"id": "fa", "kind": "armed_attack", "date": "2015-01-01", "attackers": ["AFG"], "place": "SYR",
         "forces_of": "RUS", "forces_kind": "air"},
        {"id": "ex", "kind": "joint_exercise", "date": "2015-06-01", "state": "KAZ", "with": "NATO",
         "directed_against": ["RUS"]},
        {"id": "dv", "kind": "armed_attack", "date": "2022-01-05", "place": "KAZ",
         "non_state_attacker": {"name": "rioters", "origin": "domestic"}},
    ] + [{"id": f"g{i}", "kind": "armed_attack", "date": f"2023-05-0{i + 1}", "attackers": ["IRN"], "place": place,
          **({"forces_of": "GBR"} if place.endswith("_high_seas") else {})}
         for i, place in enumerate(["ceuta", "black_sea_high_seas", "baltic_sea_high_seas",
                                    "cyprus_sovereign_base_areas"])]
    path = tmp_path / "everything.json"
    world = {"add": {"memberships": [{"state": "GEO", "treaty": "nato", "status": "party", "from": "2019-01-01"},
                                     {"state": "KAZ", "treaty": "nato", "status": "party", "from": "2014-01-01"}],
                     "bases": [{"id": "b1", "name": "b", "deployer": "USA", "host": "KAZ", "from": "2015-05-01"}]}}
    path.write_text(json.dumps({"name": "every reading", "as_of": "2025-12-31", "events": events, "world": world}),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    varied = json.loads(result.stdout)["readings"]["varied"]
    assert {"ceuta_melilla", "black_sea", "baltic_sea", "sovereign_base_areas", "gravity", "territory",
            "non_state_attack", "domestic_violence"} <= set(varied)
    import math

    from foedus.api import default_engine
    cat = default_engine().catalogue
    values = {n: sum(1 for m, _ in cat.readings if m == n) for n in varied}
    assert math.prod(values.values()) > 4096     # every combination of every reading: past the ceiling
    # a ceiling below what one provision's readings take: refused, with the way out
    import foedus.solve.solver as solve_module
    monkeypatch.setattr(solve_module, "COMBINATION_CEILING", 8)
    monkeypatch.setattr(default_engine(), "max_models", 8)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "more than 8 combinations of readings can matter" in result.stderr
    assert "--reading NAME=VALUE" in result.stderr


@pytest.mark.parametrize("args", [
    ["claim", str(ROOT / "examples" / "claims" / "art4_needs_request.yaml")],
    ["what-if", str(ROOT / "examples" / "karabakh_2020.yaml")],
    ["audit", "--as-of", "2024-01-01"],
])
def test_every_command_has_the_same_budget(args, monkeypatch):
    monkeypatch.setenv("FOEDUS_TIME_LIMIT", "0.000001")
    result = CliRunner().invoke(main, args + ["--format", "json"])
    assert result.exit_code == 2, result.output
    assert "the work budget, FOEDUS_TIME_LIMIT" in result.stderr and result.stdout == ""


def _dies_on_the_poisoned(items):
    """A worker killed outright (the kernel's OOM killer, a crash in native code)."""
    if any(item.label == "poisoned" for item in items):
        os.kill(os.getpid(), signal.SIGKILL)
    return _ASSESS_BATCH(items)


def test_a_batch_survives_a_worker_that_dies(engine, monkeypatch):
    """The parent waits for a batch no longer than its scenarios' budgets; then
    the batch is retried a scenario at a time, and only the one at fault fails."""
    import foedus.services.batch as batch
    monkeypatch.setattr(batch, "GRACE", 1.0)
    monkeypatch.setenv("FOEDUS_TIME_LIMIT", "1")
    monkeypatch.setattr(batch, "_assess_batch", _dies_on_the_poisoned)
    good = json.loads(json.dumps({"name": "ok", "events": [
        {"kind": "armed_attack", "date": "2020-09-27", "attackers": ["AZE"], "place": "ARM"}]}))
    items = [Item(f"s{i}", data=good) for i in range(10)]
    items[3] = Item("poisoned", data=good)
    results = list(assess_many(items, jobs=2, engine=engine))
    assert [label for label, _, _ in results] == [item.label for item in items]
    assert [error is None for _, _, error in results] == [i != 3 for i in range(10)]
    assert "its worker process did not answer" in results[3][2]


def test_a_batch_whose_process_dies_is_reported_for_the_scenario_at_fault(monkeypatch):
    """Under the memory bound the command assesses in a forked child: clingo can crash
    inside grounding when an allocation fails, and that is reported, not fatal."""
    import signal

    import foedus.services.batch as batch
    from foedus.services.batch import Item

    def assess(items):
        if any(item.label == "at fault" for item in items):
            os.kill(os.getpid(), signal.SIGKILL)   # as a crash would end it (SIGSEGV: pytest's faulthandler would print)
        return [(item.label, "{}", None) for item in items]
    monkeypatch.setattr(batch, "_assess_batch", assess)
    out = batch._isolated([Item("fine", data={}), Item("at fault", data={}), Item("fine too", data={})])
    assert [r[:2] for r in out] == [("fine", "{}"), ("at fault", None), ("fine too", "{}")]
    assert out[1][2].startswith("at fault: the assessment ran out of memory") and "signal 9" in out[1][2]
