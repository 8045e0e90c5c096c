"""Minimal counterfactuals: each answer, re-checked by `foedus check`, really
has the flipped verdict; bounds are honest."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from foedus.cli import main
from foedus.models.scenario import load_scenario
from foedus.services.whatif import what_if

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_karabakh_needs_armenian_territory_and_a_request(engine, tmp_path):
    scenario, _ = load_scenario(EXAMPLES / "karabakh_2020.yaml")
    report = what_if(engine, scenario, provision="cst_art4", state="ARM")
    finding = report.findings[0]
    assert finding.target.status == "not_triggered"
    # the cheapest: a request, with Armenia's control through the NKR (Chiragov) counting as territory
    cheapest = finding.answers[0]
    assert cheapest.total_cost == 3 and cheapest.confirmed
    assert sorted(c.kind for c in cheapest.changes) == ["add_request", "pin_reading", "pin_reading"]
    assert "control_attribution = through_local_authorities" in " ".join(c.description for c in cheapest.changes)
    # on the default readings: Armenian territory and a request
    (best,) = [a for a in finding.answers if sorted(c.kind for c in a.changes) == ["add_request", "move_attack"]]
    assert best.total_cost == 4 and best.confirmed
    assert "takes place on Armenia's own territory" in best.changes[1].description + best.changes[0].description
    # every answer is minimal: no answer's changes contain another's
    sets = [frozenset((c.kind, c.description) for c in a.changes) for a in finding.answers]
    assert not any(a < b for a in sets for b in sets)
    # the changed scenario, re-checked by `foedus check`, has the flipped verdict
    path = tmp_path / "flipped.yaml"
    path.write_text(best.scenario, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    flipped = [a for a in json.loads(result.output)["assessments"]
               if (a["provision"]["id"], a["state"]["code"], a["about"]) == ("cst_art4", "ARM", "offensive")][0]
    assert flipped["status"] == "triggered" and flipped["failing"] == []


def test_a_triggered_verdict_flips_back(engine):
    scenario, _ = load_scenario(EXAMPLES / "armenia_in_nato_hypothetical.yaml")
    report = what_if(engine, scenario, provision="cst_art4", state="ARM", top=3)
    finding = report.findings[0]
    assert finding.target.status == "triggered"
    assert finding.answers and all(a.confirmed for a in finding.answers)
    kinds = {c.kind for a in finding.answers for c in a.changes}
    assert kinds & {"remove_event", "change_date", "pin_reading"}


def test_none_found_within_the_bound_is_said(engine):
    scenario, _ = load_scenario(EXAMPLES / "karabakh_2020.yaml")
    report = what_if(engine, scenario, provision="cst_art4", state="ARM", max_cost=2)
    finding = report.findings[0]
    assert finding.answers == [] and "none found within the bound" in finding.note


def test_what_if_cli_writes_rerunnable_scenarios(tmp_path):
    out = tmp_path / "answers"
    result = CliRunner().invoke(main, ["what-if", str(EXAMPLES / "karabakh_2020.yaml"), "--provision", "cst_art4",
                                       "--state", "ARM", "--top", "2", "--write-dir", str(out), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "cost 3: triggered" in result.output
    files = sorted(out.glob("*.yaml"))
    assert len(files) == 2
    check = CliRunner().invoke(main, ["check", str(files[0]), "--format", "json"])
    assert check.exit_code == 0


def test_what_if_answers_the_question_an_undetermined_verdict_asks(engine):
    scenario, _ = load_scenario(EXAMPLES / "china_kazakhstan_2020_hypothetical.yaml")
    report = what_if(engine, scenario, provision="cst_art4", state="KAZ")
    (finding,) = report.findings
    assert finding.target.status == "undetermined"
    best = finding.answers[0]
    assert [c.kind for c in best.changes] == ["answer_question"] and best.confirmed
    assert "threatens: all" in best.scenario and best.robust_status_after == "triggered"


def test_one_search_for_every_verdict_gives_what_a_search_for_one_gives_in_a_stable_order(engine):
    """The searches of all a scenario's verdicts share one grounding (a solve under assumptions
    each): a verdict's answers are those of its search alone, and change sets of equal cost are
    listed by their changes' kinds and descriptions, not in the solver's order."""
    scenario, _ = load_scenario(EXAMPLES / "georgia_2008.yaml")
    every = what_if(engine, scenario)
    assert len(every.findings) > 3
    for finding in every.findings:
        alone = what_if(engine, scenario, provision=finding.target.provision, state=finding.target.state)
        (same,) = [f for f in alone.findings if f.target.about == finding.target.about]
        assert same.model_dump() == finding.model_dump()
        keys = [(a.total_cost, [(c.kind, c.description) for c in a.changes]) for a in finding.answers]
        assert keys == sorted(keys)


def test_date_moves_with_the_same_outcome_for_the_same_reason_are_one_answer(engine):
    """Two moves of the attack's date that give the same status, failing the same elements under
    the same text of the provision, are one answer (issue 24): Kursk 2024 once listed five."""
    report = engine.what_if(str(EXAMPLES / "kursk_2024.yaml"))
    for finding in report.findings:
        moved = [a for a in finding.answers if {c.kind for c in a.changes} == {"change_date"}]
        reasons = []
        for a in moved:
            verdict = engine.assess(yaml.safe_load(a.scenario))
            after = next((x for x in verdict.assessments if (x.provision.id, x.state.code, x.about) ==
                          (finding.target.provision, finding.target.state, finding.target.about)), None)
            reasons.append((after and after.provision.version, a.status_after, tuple(a.failing_after)))
        assert len(reasons) == len(set(reasons)), (finding.target, reasons)
    un = next(f for f in report.findings if f.target.provision == "un_art51")
    assert sum({c.kind for c in a.changes} == {"change_date"} for a in un.answers) == 1
