"""The world audit on the two dates the brief names, and with a scenario:
what it reports and why."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from foedus.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def findings(report):
    return sorted((f.kind, f.state.code) for f in report.findings)


def test_audit_2013(engine):
    report = engine.audit(dt.date(2013, 6, 1))
    # the Russia–Armenia alliance of 1997 under Art. 1 and Art. 8: contested (party_alliances)
    alliance = [("contested", "ARM"), ("contested", "ARM"), ("contested", "RUS"), ("contested", "RUS")]
    assert findings(report) == alliance + [
        ("irregular_standing", "UZB"),   # suspended by the CSC on 19 Dec 2012
        ("tension", "KGZ"),              # US Transit Center at Manas, predating Art. 7
        ("tension", "TJK"),              # French detachment in Dushanbe, predating Art. 7
    ]
    tension = {f.state.code: f for f in report.findings if f.kind == "tension"}
    assert [x.id for x in tension["KGZ"].facts] == ["base:us_manas_transit_center"]
    assert [x.id for x in tension["TJK"].facts] == ["base:fr_dushanbe_detachment"]
    assert "established before CSTO Charter Art. 7 applied (from 2003-09-18)" in tension["KGZ"].summary
    assert "not fully verified" in tension["TJK"].summary      # the Dushanbe dates are recalled
    manas = [a for a in report.assessments if a.about == "base:us_manas_transit_center"][0]
    assert manas.status == "not_applicable" and "in_force" in manas.failing
    # Russia's bases are member bases: assessed, not reported
    kant = [a for a in report.assessments if a.about == "base:ru_kant_air_base"][0]
    assert kant.status == "not_applicable" and kant.failing == ["deployer_is_third_state"]
    assert kant.unknown == ["urgent_consultations"]        # no record of consultations: not established
    # Partnership for Peace memberships are assessed under Art. 1 and comply
    pfp = [a for a in report.assessments if a.provision.id == "cst_art1" and ":pfp:" in a.about]
    assert pfp and all(a.status == "complied" and a.failing == ["joins_alliance_or_grouping"] for a in pfp)


def test_audit_2024(engine):
    report = engine.audit(dt.date(2024, 6, 1))
    assert findings(report) == [
        ("arrears", "ARM"),              # stopped financing, 8 May 2024
        ("contested", "ARM"), ("contested", "ARM"), ("contested", "RUS"), ("contested", "RUS"),   # ru_am_1997
        ("irregular_standing", "ARM"),   # participation "frozen", still bound
        ("irregular_standing", "UZB"),
    ]
    arm = [f for f in report.findings if f.kind == "irregular_standing" and f.state.code == "ARM"][0]
    assert "still bound as a party" in arm.summary
    assert arm.facts[0].id == "membership:ARM:cst:2024-02-22" and arm.facts[0].sources
    assert not [f for f in report.findings if f.kind == "tension"], "no third-state base stands in 2024"


def test_audit_with_a_hypothetical_scenario(engine):
    report = engine.audit(dt.date(2020, 7, 16), EXAMPLES / "armenia_in_nato_hypothetical.yaml")
    found = [f for f in report.findings if f.kind == "contested" and f.assessment.about.startswith("scenario:")]
    assert [(f.state.code, f.assessment.provision.id) for f in found] == [("ARM", "cst_art1"), ("ARM", "cst_art8")]
    assert found[0].assessment.robustness.readings == ["alliance_ban"]
    pinned = engine.audit(dt.date(2020, 7, 16), EXAMPLES / "armenia_in_nato_hypothetical.yaml",
                          readings={"alliance_ban": "general"})
    assert [(f.state.code, f.assessment.provision.id) for f in pinned.findings if f.kind == "breach"] == [
        ("ARM", "cst_art1"), ("ARM", "cst_art8")]   # Art. 8 reads "incompatible" through Art. 1


def test_audit_cli_text_and_json():
    runner = CliRunner()
    text = runner.invoke(main, ["audit", "--as-of", "2013-06-01", "--format", "text"])
    assert text.exit_code == 0
    assert "[TENSION] Kyrgyzstan (KGZ)" in text.output and "[IRREGULAR STANDING] Uzbekistan (UZB)" in text.output
    data = json.loads(runner.invoke(main, ["audit", "--as-of", "2024-06-01", "--format", "json"]).output)
    schema = json.loads(runner.invoke(main, ["schema", "audit"]).output)
    jsonschema.validate(data, schema)
