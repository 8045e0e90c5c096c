"""The command line as a user runs it: every command, both formats, schema
validity, byte-identical output, and clear errors with exit code 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from foedus.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
KARABAKH = str(EXAMPLES / "karabakh_2020.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def schema(name):
    result = run("schema", name)
    assert result.exit_code == 0
    return json.loads(result.output)


def test_check_text_shows_verdicts_elements_facts_and_text():
    result = run("check", KARABAKH, "--format", "text")
    assert result.exit_code == 0
    out = result.output
    assert "CST Art. 4 — text as amended by the Protocol of 10 December 2010" in out
    assert "NOT TRIGGERED" in out
    assert "[FAILS] against the State Party: on its territory" in out
    assert "[sovereignty:nagorno_karabakh:AZE:1991-12-26]" in out      # the deciding fact ...
    assert "source: " in out                                           # ... with its source
    assert "по просьбе этого государства-участника" in out            # the words of the element
    assert "Texts applied" in out


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_check_json_validates_against_the_published_schema(example):
    result = run("check", str(EXAMPLES / example), "--format", "json")
    assert result.exit_code == 0
    verdict = json.loads(result.output)
    jsonschema.validate(verdict, schema("verdict"))
    assert verdict["assessments"], "every example has at least one assessment"


def test_check_many_files_gives_a_list():
    result = run("check", KARABAKH, str(EXAMPLES / "september_11_2001.yaml"), "--format", "json")
    assert result.exit_code == 0
    verdicts = json.loads(result.output)
    jsonschema.validate(verdicts, schema("verdicts"))
    assert [v["scenario"]["name"][:6] for v in verdicts] == ["Second", "11 Sep"]


def test_provisions_lists_every_provision_with_dates_and_citation():
    data = json.loads(run("provisions", "--format", "json").output)
    jsonschema.validate(data, schema("provisions"))
    by_id = {p["id"]: p for p in data["provisions"]}
    assert set(by_id) == {"cst_art1", "cst_art1_actions", "cst_art1_force", "cst_art2", "cst_art4", "cst_art8",
                          "cst_art11", "csto_arrears", "csto_charter_art7", "csto_charter_art19",
                          "csto_charter_art20", "csto_crisis_response", "nato_art4", "nato_art5", "nato_art6",
                          "nato_art10", "nato_art13", "ru_am_1997_art3", "un_art51"}


    art7 = [(v["version"], v["in_force_from"]) for v in by_id["csto_charter_art7"]["versions"]]
    assert art7 == [("v2002", "2003-09-18"), ("v2011", "2011-12-20")]
    cst = [(v["version"], v["in_force_from"], v["in_force_until"]) for v in by_id["cst_art4"]["versions"]]
    assert cst == [("v1992", "1994-04-20", "2012-12-18"), ("v2010", "2012-12-19", None)]   # until: last day
    art6 = [(v["version"], v["in_force_from"]) for v in by_id["nato_art6"]["versions"]]
    assert art6 == [("v1949", "1949-08-24"), ("v1951", "1952-02-18")]
    text = run("provisions", "--format", "text").output
    assert "cst_art4: Collective Security Treaty, Art. 4" in text


def test_world_on_the_first_day_of_the_karabakh_war():
    data = json.loads(run("world", "--as-of", "2020-09-27", "--format", "json").output)
    jsonschema.validate(data, schema("world"))
    cst = next(t for t in data["treaties"] if t["treaty"] == "cst")
    assert [p["code"] for p in cst["parties"]] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert [(s["code"], s["status"], s["bound"]) for s in cst["special"]] == [("UZB", "suspended", False)]
    assert all(p["fact"]["sources"] for p in cst["parties"])
    nato = next(t for t in data["treaties"] if t["treaty"] == "nato")
    assert len(nato["parties"]) == 30 and "MKD" in [p["code"] for p in nato["parties"]]


def test_world_shows_armenias_frozen_participation():
    data = json.loads(run("world", "--as-of", "2024-06-01", "--format", "json").output)
    cst = next(t for t in data["treaties"] if t["treaty"] == "cst")
    assert ("ARM", "party_not_participating", True) in [(s["code"], s["status"], s["bound"]) for s in cst["special"]]
    assert "ARM" in [p["code"] for p in cst["parties"]]
    text = run("world", "--as-of", "2024-06-01", "--format", "text").output
    assert "ARM Armenia: party_not_participating (bound as a party)" in text


def test_schema_of_the_scenario_input_is_published():
    doc = schema("scenario")
    assert "events" in doc["properties"]


def test_every_command_documents_an_example():
    for name, command in main.commands.items():
        assert "Example" in (command.help or ""), f"'foedus {name}' has no example in its help"


# --- determinism --------------------------------------------------------------

def test_same_input_same_bytes_across_processes(tmp_path):
    outputs = [subprocess.run([sys.executable, "-m", "foedus.cli", "check", KARABAKH, "--format", "json"],
                              capture_output=True, check=True, cwd=tmp_path).stdout for _ in range(2)]
    assert outputs[0] == outputs[1]


def test_key_and_event_order_do_not_change_the_output(tmp_path):
    import yaml
    data = yaml.safe_load(Path(KARABAKH).read_text(encoding="utf-8"))
    data["events"] = list(reversed(data["events"]))
    shuffled = {k: data[k] for k in reversed(list(data))}
    path = tmp_path / "karabakh_2020.yaml"
    path.write_text(yaml.safe_dump(shuffled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    a = json.loads(run("check", KARABAKH, "--format", "json").output)
    b = json.loads(run("check", str(path), "--format", "json").output)
    a["scenario"].pop("file"), b["scenario"].pop("file")
    assert a == b


# --- from anywhere, after a plain install ---------------------------------------

def test_installed_cli_runs_from_another_directory(tmp_path):
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "foedus.cli", "provisions", "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "cst_art4" in result.stdout


def test_an_internal_error_is_a_message_and_exit_4_never_a_traceback(monkeypatch, capsys):
    import foedus.cli as cli

    def broken():
        raise RuntimeError("a defect")
    codes = []
    monkeypatch.setattr("foedus.base.budget.limit_memory", lambda: None)   # the test process keeps its limits
    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr(cli.os, "_exit", codes.append)
    cli.run()
    err = capsys.readouterr().err
    assert codes == [4] and "foedus: internal error: RuntimeError: a defect — please report it" in err
    assert "Traceback" not in err

    def interrupted():
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "main", interrupted)
    cli.run()
    assert codes[-1] == 130 and "interrupted" in capsys.readouterr().err

    def out_of_memory():   # outside an assessment: loading the knowledge base cold under a small limit
        raise MemoryError
    monkeypatch.setattr(cli, "main", out_of_memory)
    cli.run()
    assert codes[-1] == 2 and "ran out of memory: the work budget allows" in capsys.readouterr().err


def test_a_fault_in_the_built_in_knowledge_base_is_exit_4_asking_to_report_it(tmp_path):
    """A fact without a source in the installed files is a defect of foedus, not the user's input."""
    import os
    import shutil
    import subprocess
    import sys

    from foedus.load.files import data_dir
    package = tmp_path / "pkg" / "foedus"
    shutil.copytree(Path(__import__("foedus").__file__).parent, package)
    for part in ("rules", "facts"):
        if not (package / part).exists():
            shutil.copytree(data_dir(part), package / part)
    memberships = package / "facts" / "memberships.yaml"
    text = memberships.read_text(encoding="utf-8")
    memberships.write_text(text.replace("source: [prot_1999, prot_2010_cst]", "source: []", 1), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "pkg"), FOEDUS_NO_CACHE="1")
    done = subprocess.run([sys.executable, "-m", "foedus.cli", "check", str(EXAMPLES / "karabakh_2020.yaml")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 4, done.stderr
    assert "the knowledge base is broken" in done.stderr and "please report it" in done.stderr
    assert "has no source" in done.stderr and "Traceback" not in done.stderr


def test_help_loads_neither_clingo_nor_the_verdict_models():
    """A command that does no work imports only what it needs (foedus/__init__ is lazy)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "foedus.cli", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Usage" in done.stdout
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert {"click", "foedus", "foedus.base.errors"} <= loaded   # foedus.cli itself runs as __main__
    assert not {"clingo", "pydantic", "foedus.models.verdict", "foedus.api"} & loaded
