"""Issue 14: `foedus test` runs a user's case tests — the format and the code
of the project's own (tests/cases/) — with a readable diff and exit 1 on failure."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from foedus.cli import main

ROOT = Path(__file__).resolve().parent.parent

CASES = """\
- name: Karabakh 2020, as if the paper had said triggered
  scenario_file: {karabakh}
  expect:
    - provision: cst_art4
      state: ARM
      status: triggered
      fails: []
- name: Karabakh on the de facto reading
  scenario_file: {karabakh}
  readings: {{territory: de_facto}}
  expect:
    - {{provision: cst_art4, victim: ARM, status: not_triggered, fails: [on_victim_territory, request_by_victim],
       readings: {{territory: de_facto}}}}
- name: China and Kazakhstan, inline
  scenario:
    name: inline
    events:
      - {{id: invasion, kind: armed_attack, date: 2020-06-01, attackers: [CHN], place: KAZ}}
      - {{kind: request_for_assistance, date: 2020-06-02, by: KAZ, addressed_to: CSTO, concerning: invasion}}
  expect:
    - {{provision: cst_art4, state: KAZ, about: invasion, status: undetermined, fails: [], unknown: [gravity],
       questions: [threats]}}
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(CASES.format(karabakh=ROOT / "examples" / "karabakh_2020.yaml"), encoding="utf-8")
    return path


def test_a_users_case_tests_pass_or_fail_with_what_differs(tmp_path):
    result = CliRunner().invoke(main, ["test", str(_write(tmp_path)), "--format", "text"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("FAIL") and "as if the paper had said triggered" in lines[0]
    assert "cst_art4/ARM/offensive: status: expected triggered, got not_triggered" in result.stdout
    assert "failing elements: expected [], got ['on_victim_territory', 'request_by_victim']" in result.stdout
    assert [line.split()[0] for line in lines if line.startswith(("PASS", "FAIL"))] == ["FAIL", "PASS", "PASS"]
    assert lines[-1] == "2 passed, 1 failed."
    report = json.loads(CliRunner().invoke(main, ["test", str(tmp_path), "--format", "json"]).stdout)
    assert (report["passed"], report["failed"]) == (2, 1)


def test_the_projects_own_case_tests_run_through_the_command():
    result = CliRunner().invoke(main, ["test", str(ROOT / "tests" / "cases"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["failed"] == 0 and report["passed"] >= 100


def test_a_broken_case_file_is_bad_input_naming_the_case_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- name: no expectations\n  scenario_file: x.yaml\n  expect:\n    - provision: cst_art4\n"
                    "      state: ARM\n      status: triggerd\n      fails: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(path)])
    assert result.exit_code == 2
    assert "bad.yaml, line 6: field '[0].expect[0].status'" in result.stderr or \
           "line 6" in result.stderr and "status" in result.stderr, result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["test", str(empty)])
    assert result.exit_code == 2 and "holds no case file" in result.stderr
