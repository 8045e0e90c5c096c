"""Claim checking over a bounded space: a true claim is proven over its whole
space; a false one is refuted by a counterexample that re-checks."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from foedus.services.claimcheck import check_claim, load_claim
from foedus.cli import main

CLAIMS = Path(__file__).resolve().parent.parent / "examples" / "claims"


def recheck(tmp_path, report, provision):
    path = tmp_path / "counterexample.yaml"
    path.write_text(report.counterexample, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [a for a in json.loads(result.output)["assessments"]
            if a["provision"]["id"] == provision and a["about"] == "claim-attack"]


def test_a_true_claim_holds_over_its_space(engine):
    report = check_claim(engine, load_claim(CLAIMS / "art4_since_2012_needs_request.yaml"))
    assert report.holds and report.space_size == 3 * 3 * 3 * 2 * 2
    assert report.counterexample is None


def test_art4_without_request_is_refuted_by_the_1992_text(engine, tmp_path):
    report = check_claim(engine, load_claim(CLAIMS / "art4_needs_request.yaml"))
    assert not report.holds
    (a,) = recheck(tmp_path, report, "cst_art4")
    assert a["status"] == "triggered" and a["provision"]["version"] == "v1992"
    scenario = report.counterexample
    assert "request_for_assistance" not in scenario


def test_defence_against_a_party_is_refuted_on_the_textual_reading(engine, tmp_path):
    report = check_claim(engine, load_claim(CLAIMS / "no_defence_against_a_party.yaml"))
    assert not report.holds
    assert "intra_party_attack: covered" in report.counterexample
    (a,) = recheck(tmp_path, report, "cst_art4")
    assert a["status"] == "triggered"
    attacker = [e for e in json.loads(json.dumps(a))["elements"] if e["id"] == "victim_is_party"]
    assert attacker and attacker[0]["value"] == "holds"


def test_nato_art5_does_not_cover_every_party_territory(engine, tmp_path):
    report = check_claim(engine, load_claim(CLAIMS / "nato_art5_every_territory.yaml"))
    assert not report.holds
    (a,) = recheck(tmp_path, report, "nato_art5")
    assert a["status"] != "triggered" and "within_art6_scope" in a["failing"]


def test_claim_cli_and_bad_claims(tmp_path):
    result = CliRunner().invoke(main, ["claim", str(CLAIMS / "art4_since_2012_needs_request.yaml"),
                                       "--format", "text"])
    assert result.exit_code == 0 and "HOLDS" in result.output and "108 scenarios" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("claim: x\nspace: {attackers: [ZZZ], targets: [{victim: ARM}], dates: [2020-01-01]}\n"
                   "whenever: {provision: cst_art4, status: [triggered]}\nthen: {request_to_organisation: true}\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["claim", str(bad)])
    assert result.exit_code == 2 and "unknown state 'ZZZ'" in result.stderr


def test_a_claim_that_turns_on_an_unanswered_question_is_undecided(engine, tmp_path):
    claim_file = tmp_path / "claim.yaml"
    claim_file.write_text(
        "claim: \"CST Art. 4 never answers an attack by a non-party\"\n"
        "space:\n  attackers: [CHN]\n  targets: [{victim: KAZ}]\n  dates: [2020-06-01]\n"
        "  requests: [CSTO]\n  gravity: [GRAVITY]\n"
        "whenever: {provision: cst_art4, status: [triggered]}\n"
        "then: {attacker_is_party: true}\n", encoding="utf-8")
    text = claim_file.read_text(encoding="utf-8")
    claim_file.write_text(text.replace("GRAVITY", "unstated"), encoding="utf-8")
    report = check_claim(engine, load_claim(claim_file))
    assert (report.holds, report.outcome) == (False, "undecided")
    assert report.counterexample_status == "undetermined" and "threats" in report.counterexample_summary
    claim_file.write_text(text.replace("GRAVITY", "all_four"), encoding="utf-8")
    report = check_claim(engine, load_claim(claim_file))
    assert (report.holds, report.outcome) == (False, "refuted")


def test_an_undetermined_then_is_undecided_not_a_counterexample(engine, tmp_path):
    claim_file = tmp_path / "claim.yaml"
    claim_file.write_text(
        "claim: \"Whenever Art. 51 is triggered for Kazakhstan, so is CST Art. 4\"\n"
        "space:\n  attackers: [CHN]\n  targets: [{victim: KAZ}]\n  dates: [2020-06-01]\n"
        "  requests: [CSTO]\n  gravity: [unstated]\n"
        "whenever: {provision: un_art51, status: [triggered]}\n"
        "then: {provision: cst_art4, status: [triggered]}\n", encoding="utf-8")
    report = check_claim(engine, load_claim(claim_file))
    assert (report.holds, report.outcome) == (False, "undecided")


def test_exit_codes_follow_the_outcome(tmp_path):
    assert CliRunner().invoke(main, ["claim", str(CLAIMS / "art4_since_2012_needs_request.yaml")]).exit_code == 0
    assert CliRunner().invoke(main, ["claim", str(CLAIMS / "art4_needs_request.yaml")]).exit_code == 1
    claim_file = tmp_path / "claim.yaml"
    claim_file.write_text(
        "claim: x\nspace:\n  attackers: [CHN]\n  targets: [{victim: KAZ}]\n  dates: [2020-06-01]\n"
        "  requests: [CSTO]\n  gravity: [unstated]\n"
        "whenever: {provision: un_art51, status: [triggered]}\n"
        "then: {provision: cst_art4, status: [triggered]}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["claim", str(claim_file)]).exit_code == 3
