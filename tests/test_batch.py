"""Many scenarios at once: folders, JSON Lines on stdin, worker processes,
streamed output in input order; sweeps over change points."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from foedus.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_a_folder_streams_one_verdict_per_line_in_order():
    result = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    names = [json.loads(line)["scenario"]["file"] for line in result.output.splitlines()]
    assert names == sorted(str(p) for p in EXAMPLES.glob("*.yaml"))


def test_two_processes_give_the_same_bytes_as_one():
    one = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "jsonl", "--jobs", "1"]).output
    two = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "jsonl", "--jobs", "2"]).output
    assert one == two


def test_json_lines_on_stdin_with_a_bad_line():
    lines = [
        {"name": "a", "events": [{"kind": "armed_attack", "date": "2023-04-04", "attackers": ["RUS"], "place": "FIN"}]},
        "not json",
        {"name": "c", "events": [{"kind": "armed_attack", "date": "2023-04-04", "attackers": ["RUZ"], "place": "FIN"}]},
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = CliRunner().invoke(main, ["check", "-", "--format", "jsonl"], input=text)
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [v["scenario"]["name"] for v in out] == ["a"]
    assert "<stdin>:2: not valid JSON" in result.stderr
    assert "<stdin>:3: field 'events[0].attackers[0]'" in result.stderr and "did you mean 'RUS'" in result.stderr


def test_sweep_assesses_each_interval_once(tmp_path):
    out, png = tmp_path / "cov.csv", tmp_path / "cov.png"
    result = CliRunner().invoke(main, ["sweep", "--victims", "FIN,UZB", "--attackers", "IRN", "--from", "2000-01-01",
                                       "--to", "2024-12-31", "--out", str(out), "--plot", str(png), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "intervals between change points instead of 9,132 days" in result.stderr
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    fin = [r.split(",") for r in rows if r.startswith("FIN,IRN,nato_art5")]
    assert [r[3] for r in fin if r[5] == "triggered"] == ["2023-04-04"]
    uzb = [r.split(",") for r in rows if r.startswith("UZB,IRN,cst_art4") and r.split(",")[5] == "triggered"]
    assert [(r[3], r[4]) for r in uzb] == [("2009-02-04", "2012-12-18")]
    # before 4 Feb 2009 the day Uzbekistan's return took effect was not located: undetermined, not "no"
    early = [r.split(",") for r in rows if r.startswith("UZB,IRN,cst_art4") and r.split(",")[3] == "2006-06-23"]
    assert [r[5] for r in early] == ["undetermined"]
    assert png.stat().st_size > 10_000


def test_json_lines_are_the_verdicts_json_as_the_library_writes_it(engine):
    """The parent writes each worker's JSON as it is (no re-serialising): compact, UTF-8,
    byte for byte what Verdict.model_dump_json gives."""
    paths = [EXAMPLES / "karabakh_2020.yaml", EXAMPLES / "kazakhstan_2022.yaml"]
    result = CliRunner().invoke(main, ["check", *map(str, paths), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [engine.assess(p).model_dump_json() for p in paths]
    assert all(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) == line for line in lines)


def test_the_default_jobs_follow_the_usable_cpus(monkeypatch, tmp_path):
    import foedus.services.batch as batch
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    assert batch.default_jobs(100) == 2          # two shared cores: two workers pay (bench/results/jobs-*)
    monkeypatch.setattr(batch, "usable_cpus", lambda: 8)
    assert batch.default_jobs(100) == 8 and batch.default_jobs(1) == 1
    monkeypatch.undo()
    assert 1 <= batch.usable_cpus() <= (__import__("os").cpu_count() or 1)
