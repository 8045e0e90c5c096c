"""Input and output conventions a newcomer relies on (issue 24): standard input takes one
scenario or JSON Lines, '--out -' is standard output, dates default to today and say so,
the examples travel with the package, and the package says how to cite it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml
from click.testing import CliRunner

import foedus
from foedus.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_standard_input_takes_one_yaml_scenario_as_a_file_does():
    text = (EXAMPLES / "karabakh_2020.yaml").read_text(encoding="utf-8")
    piped = json.loads(run("check", "-", "--format", "json", input=text).stdout)
    filed = json.loads(run("check", str(EXAMPLES / "karabakh_2020.yaml"), "--format", "json").stdout)
    assert piped["scenario"]["file"] == "<stdin>"
    piped["scenario"]["file"] = filed["scenario"]["file"]
    assert piped == filed
    wrong = run("check", "-", input=text.replace("[AZE]", "[AZR]"))
    line = text[:text.index("[AZE]")].count("\n") + 1
    assert wrong.exit_code == 2 and f"<stdin>, line {line}: field 'events[0].attackers[0]'" in wrong.stderr


def test_standard_input_is_json_lines_when_its_first_line_is_a_json_object_or_when_told():
    doc = yaml.safe_load((EXAMPLES / "karabakh_2020.yaml").read_text(encoding="utf-8"))
    line = json.dumps(doc, default=str)
    two = run("check", "-", "--brief", "--format", "jsonl", input=f"{line}\n{line}\n")
    assert two.exit_code == 0 and len(two.stdout.splitlines()) == 2
    forced = run("check", "-", "--jsonl", "--brief", input="name: x\nevents: []\n")
    assert forced.exit_code == 2 and "<stdin>:1: not valid JSON" in forced.stderr


def test_a_pretty_printed_json_scenario_on_standard_input_is_one_document():
    doc = yaml.safe_load((EXAMPLES / "kazakhstan_2022.yaml").read_text(encoding="utf-8"))
    result = run("check", "-", "--brief", "--format", "json", input=json.dumps(doc, default=str, indent=2))
    assert result.exit_code == 0 and json.loads(result.stdout)["scenario"]["name"] == doc["name"]


def test_world_without_a_date_is_today_and_says_so():
    result = run("world", "--format", "text")
    assert result.exit_code == 0 and result.stdout.startswith(f"The world on {dt.date.today().isoformat()}")
    assert json.loads(run("world", "--format", "json").stdout)["as_of"] == dt.date.today().isoformat()


def test_out_dash_is_standard_output_and_the_table_format_can_be_chosen(tmp_path):
    args = ["sweep", "--victims", "ARM", "--attackers", "IRN", "--from", "2015-01-01", "--to", "2020-01-01"]
    plain, dash = run(*args), run(*args, "--out", "-")
    assert plain.exit_code == dash.exit_code == 0 and plain.stdout == dash.stdout
    assert plain.stdout.startswith("victim,attacker,provision,from,until,status,version\n")
    rows = [json.loads(x) for x in run(*args, "--format", "jsonl").stdout.splitlines()]
    run(*args, "--out", str(tmp_path / "t.jsonl"))
    assert rows == [json.loads(x) for x in (tmp_path / "t.jsonl").read_text().splitlines()] and rows


def test_the_plot_hint_names_this_interpreter(monkeypatch, tmp_path):
    import sys

    import foedus.services.sweep as sweep_module

    def missing(*_a, **_k):
        raise ImportError("No module named 'matplotlib'")
    monkeypatch.setattr(sweep_module, "plot", missing)
    result = run("sweep", "--victims", "ARM", "--attackers", "IRN", "--from", "2015-01-01", "--to", "2016-01-01",
                 "--plot", str(tmp_path / "c.png"))
    assert result.exit_code == 2 and f"{sys.executable} -m pip install matplotlib" in result.stderr


def test_the_examples_travel_with_the_package_and_copy_out(tmp_path):
    listed = run("examples").stdout.splitlines()
    assert [line.split()[0] for line in listed] == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    shown = run("examples", "show", "karabakh_2020")
    assert shown.stdout == (EXAMPLES / "karabakh_2020.yaml").read_text(encoding="utf-8")
    assert run("examples", "copy", "karabakh_2020", str(tmp_path)).exit_code == 0
    assert (tmp_path / "karabakh_2020.yaml").read_bytes() == (EXAMPLES / "karabakh_2020.yaml").read_bytes()
    again = run("examples", "copy", "karabakh_2020", str(tmp_path))
    assert again.exit_code == 2 and "exists already" in again.stderr
    wrong = run("examples", "show", "karabakh_202")
    assert wrong.exit_code == 2 and "did you mean 'karabakh_2020'" in wrong.stderr


def test_the_package_says_its_licence_how_to_cite_it_and_that_it_is_typed():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert citation["cff-version"].startswith("1.2") and citation["version"] == foedus.__version__
    assert f'version = "{foedus.__version__}"' in pyproject
    assert "knowledge base" in citation["message"] and "foedus --version" in citation["message"]
    assert citation["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert (ROOT / "engine" / "py.typed").is_file()
    version = run("--version").stdout
    assert foedus.__version__ in version and "knowledge base sha256:" in version


def test_the_short_text_is_one_screen_with_the_decisive_elements_and_their_facts():
    short = run("check", str(EXAMPLES / "karabakh_2020.yaml"), "--short")
    full = run("check", str(EXAMPLES / "karabakh_2020.yaml"), "--format", "text")
    assert short.exit_code == full.exit_code == 0
    lines = short.stdout.splitlines()
    assert len(lines) <= 100 < len(full.stdout.splitlines())
    art4 = short.stdout[short.stdout.index("CST Art. 4"):short.stdout.index("North Atlantic Treaty Art. 4")]
    assert "NOT TRIGGERED" in art4 and "FAILS against the State Party: on its territory [on_victim_territory]" in art4
    assert "[sovereignty:nagorno_karabakh:AZE:1991-12-26; sources:" in art4.replace("\n          ", " ")
    assert "source:" not in short.stdout   # sources by id: the full view cites them
    wrong = run("check", str(EXAMPLES / "karabakh_2020.yaml"), "--short", "--brief")
    assert wrong.exit_code == 2 and "--short is a text view" in wrong.stderr


def test_a_base_the_scenario_adds_is_named_by_its_own_id(engine):
    text = (EXAMPLES / "third_state_base_hypothetical.yaml").read_text(encoding="utf-8")
    assert "base: scenario:base:us_kaz_2015" in text
    own = yaml.safe_load(text.replace("base: scenario:base:us_kaz_2015", "base: us_kaz_2015"))
    full = yaml.safe_load(text)
    statuses = [(a.provision.id, a.about, a.status, a.failing) for a in engine.assess(full).assessments]
    assert [(a.provision.id, a.about, a.status, a.failing) for a in engine.assess(own).assessments] == statuses
    # a name the world's bases and the scenario's share must say which
    clash = yaml.safe_load(text.replace("id: us_kaz_2015", "id: us_manas_transit_center").replace(
        "base: scenario:base:us_kaz_2015", "base: us_manas_transit_center"))
    try:
        engine.assess(clash)
    except foedus.InputError as exc:
        assert "names a base of the world and a base the scenario adds" in str(exc)
        assert "scenario:base:us_manas_transit_center (the scenario's)" in str(exc)
    else:
        raise AssertionError("an ambiguous base id was accepted")


def _in_a_terminal(tmp_path, command: str) -> str:
    """What a terminal shows while `command` runs with its standard output redirected
    (util-linux `script` gives it a terminal)."""
    import shutil
    import subprocess
    import sys
    if not shutil.which("script"):
        import pytest
        pytest.skip("util-linux 'script' is not installed")
    log = tmp_path / "terminal.log"
    subprocess.run(["script", "-qec", f"{sys.executable} -m foedus.cli {command}", str(log)],
                   cwd=ROOT, capture_output=True, timeout=600, check=True)
    return log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n")


def test_a_long_run_shows_progress_on_a_terminal_and_not_in_a_pipe(tmp_path):
    out = tmp_path / "many.json"
    shown = _in_a_terminal(tmp_path, f"check examples --brief --format json > {out}")
    assert "assessing" in shown and "100%" in shown
    assert len(json.loads(out.read_text())) == len(list(EXAMPLES.glob("*.yaml")))
    piped = run("check", str(EXAMPLES), "--brief", "--format", "json")
    assert "assessing" not in piped.stderr
    shown = _in_a_terminal(tmp_path, f"what-if examples/kursk_2024.yaml --format json > {tmp_path / 'w.json'}")
    assert "searching" in shown and "100%" in shown


def test_an_example_path_outside_a_checkout_says_how_to_get_the_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", "examples/karabakh_2020.yaml")
    assert result.exit_code == 2
    assert "'foedus examples copy karabakh_2020' writes karabakh_2020.yaml into this folder" in result.stderr


def test_the_sweep_picture_says_its_attack_and_tells_not_applicable_from_not_triggered(tmp_path):
    picture = tmp_path / "coverage.svg"
    result = run("sweep", "--victims", "ARM,FIN", "--attackers", "IRN", "--from", "2015-01-01", "--to", "2025-01-01",
                 "--plot", str(picture))
    assert result.exit_code == 0
    svg = picture.read_text(encoding="utf-8")
    assert "An armed attack by IRN on each victim's own territory, threatening all four interests" in svg
    for entry in ("triggered (in the provision's colour)", "contested between readings",
                  "not triggered: the provision applied, a condition failed",
                  "no bar: not applicable (the treaty did not bind the victim)"):
        assert entry in svg, entry
