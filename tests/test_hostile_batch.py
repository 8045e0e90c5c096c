"""Hostile input that once ended a run with a traceback (issue 13, points 2 and 5):
each is now one clear message, and a batch goes on past it."""
from __future__ import annotations

import json

from click.testing import CliRunner

from foedus.cli import main

GOOD = json.dumps({"name": "ok", "events": [{"kind": "threat", "date": "2019-06-01", "to": ["ARM"],
                                             "interests": ["security"]}]})


def test_a_deeply_nested_json_line_is_that_lines_error_and_the_batch_goes_on():
    deep = '{"name": "x", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    result = CliRunner().invoke(main, ["check", "-", "--brief", "--format", "jsonl"], input=deep + "\n" + GOOD + "\n")
    assert result.exit_code == 2
    assert "<stdin>:1: nests too deep to be a scenario" in result.stderr
    assert [json.loads(line)["scenario"]["name"] for line in result.stdout.splitlines()] == ["ok"]


def test_a_deeply_nested_json_file_is_refused_with_a_message(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "nests deeper than 50 levels" in result.stderr
    assert "Traceback" not in result.output


def test_an_until_on_the_last_representable_day_is_refused_not_a_traceback(tmp_path):
    path = tmp_path / "until.yaml"
    path.write_text("name: x\nworld:\n  add:\n    memberships:\n"
                    "      - {state: ARM, treaty: nato, status: party, from: 2019-01-01, until: 9999-12-31}\n"
                    "events:\n  - {kind: threat, date: 2019-06-01, to: [ARM], interests: [security]}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "field 'world.add.memberships[0].until': the date 9999-12-31 is outside the days foedus represents" in result.stderr
    bad = json.dumps({"name": "bad", "events": json.loads(GOOD)["events"], "world": {"add": {"memberships": [
        {"state": "ARM", "treaty": "nato", "status": "party", "from": "2019-01-01", "until": "9999-12-31"}]}}})
    batch = CliRunner().invoke(main, ["check", "-", "--format", "jsonl"], input=bad + "\n" + GOOD + "\n")
    assert batch.exit_code == 2 and len(batch.stdout.splitlines()) == 1


def test_special_files_and_output_paths_are_refused_before_any_work(tmp_path):
    import os
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["check", str(fifo)])
    assert result.exit_code == 2 and "is not a regular file" in result.stderr
    result = CliRunner().invoke(main, ["check", "/dev/zero"])
    assert result.exit_code == 2 and "is not a regular file" in result.stderr
    missing = tmp_path / "no" / "such" / "out.csv"
    result = CliRunner().invoke(main, ["sweep", "--victims", "ARM", "--attackers", "AZE", "--from", "2020-01-01",
                                       "--to", "2020-12-31", "--out", str(missing)])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    result = CliRunner().invoke(main, ["sweep", "--victims", "ARM", "--attackers", "AZE", "--from", "2020-01-01",
                                       "--to", "2020-12-31", "--plot", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "expected a file ending in .png" in result.stderr
    result = CliRunner().invoke(main, ["sweep", "--victims", "ARM", "--attackers", "AZE", "--from", "2021-01-01",
                                       "--to", "2020-12-31"])
    assert result.exit_code == 2 and "nothing to sweep" in result.stderr
    result = CliRunner().invoke(main, ["claim", "examples/claims/art4_needs_request.yaml",
                                       "--write", str(missing)])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_nothing_to_assess_is_said(tmp_path):
    result = CliRunner().invoke(main, ["check", "-"], input="")
    assert result.exit_code == 2 and "nothing to assess" in result.stderr
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and f"{tmp_path}: holds no scenario file" in result.stderr
    (tmp_path / "A.YAML").write_text(GOOD, encoding="utf-8")     # JSON is YAML; the suffix's case does not matter
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--brief", "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.stdout)["scenario"]["name"] == "ok"


def test_dates_are_iso_days_in_range_never_timestamps():
    from foedus.base.errors import InputError
    from foedus.api import default_engine
    engine = default_engine()
    for value, words in ((0, "expected a date as YYYY-MM-DD"), (1601164800, "expected a date as YYYY-MM-DD"),
                         ("2020-06-01T00:00:00", "expected a date as YYYY-MM-DD"),
                         ("9999-12-31", "outside the days foedus represents")):
        try:
            engine.assess({"name": "x", "events": [{"kind": "armed_attack", "date": value, "attackers": ["RUS"],
                                                     "place": "FIN"}]})
        except InputError as exc:
            assert words in str(exc) and "events[0].date" in str(exc), (value, str(exc))
        else:
            raise AssertionError(f"{value!r} was accepted as a date")


def test_yaml_tags_are_refused_and_json_lines_follow_the_rules_of_files(tmp_path):
    path = tmp_path / "tagged.yaml"
    path.write_text("name: !!binary aGVsbG8=\nevents:\n  - {kind: threat, date: 2019-06-01, to: [ARM], "
                    "interests: [security]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "uses the YAML tag tag:yaml.org,2002:binary" in result.stderr
    repeated = '{"name": "a", "name": "b", "events": []}'
    bom = "\ufeff" + GOOD
    result = CliRunner().invoke(main, ["check", "-", "--brief", "--format", "jsonl"],
                                input=bom + "\n" + repeated + "\n")
    assert result.exit_code == 2
    assert "<stdin>:2: repeats the key 'name'" in result.stderr
    assert [json.loads(line)["scenario"]["name"] for line in result.stdout.splitlines()] == ["ok"]


def test_ctrl_c_in_a_parallel_batch_is_exit_130_without_a_traceback(tmp_path):
    """Ctrl-C signals the whole foreground group: the workers leave it to the parent."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from .strategies import random_scenario
    rng = random.Random(3)
    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(json.dumps(random_scenario(rng)) + "\n" for _ in range(400)), encoding="utf-8")
    with open(lines, "rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "check", "-", "--format", "jsonl", "--jobs", "2"],
                                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(4)   # workers started and assessing
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


def test_dates_given_as_options_follow_the_rules_of_scenarios():
    for args in (["world", "--as-of", "0001-01-01"], ["audit", "--as-of", "9999-12-31"], ["world", "--as-of", "2020-1-1"],
                 ["sweep", "--victims", "ARM", "--attackers", "AZE", "--from", "1601164800"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and ("outside the days foedus represents" in result.output
                                          or "is not a date as YYYY-MM-DD" in result.output), (args, result.output)
