"""Every case in the library is a test: the engine's verdict *and* its reasons
(failing elements, open questions) must match the library's expectation.
Law and practice stay apart: the recorded conduct never reaches the engine."""
from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from foedus.services.cases import load_library
from foedus.cli import main
from foedus.load.files import data_dir

LIBRARY = load_library(data_dir("facts") / "cases")
EXPECTATIONS = [(case_id, i) for case_id, case in sorted(LIBRARY.items()) for i in range(len(case.verdicts))]


def test_the_library_covers_the_episodes_of_the_encoded_provisions():
    expected = {"nato_911_2001", "georgia_2008", "kyrgyzstan_2010", "karabakh_2020", "kyrgyz_tajik_2021",
                "kazakhstan_2022", "belarus_2020", "armenia_may_2021", "uzbekistan_2012", "ukraine_2022",
                "finland_sweden_accession", "cst_non_renewal_1999", "armenia_freeze_2024"}
    assert expected <= set(LIBRARY), sorted(expected - set(LIBRARY))


@pytest.mark.parametrize("case_id, index", EXPECTATIONS, ids=[f"{c}-{i}" for c, i in EXPECTATIONS])
def test_case_verdict_and_reasons(engine, case_id, index):
    case = LIBRARY[case_id]
    expected = case.verdicts[index]
    verdict = engine.assess(case.scenario)
    found = [a for a in verdict.assessments if (a.provision.id, a.state.code, a.about) ==
             (expected.provision, expected.state, expected.about)]
    assert len(found) == 1, f"no assessment {expected.provision}/{expected.state}/{expected.about}"
    a = found[0]
    assert a.status == expected.status, f"{case_id}: {a.status} != {expected.status} ({expected.why})"
    assert sorted(a.failing) == sorted(expected.fails), f"{case_id}: fails {a.failing}"
    assert sorted(a.unknown) == sorted(expected.unknown), f"{case_id}: unknown {a.unknown}"
    if expected.open_questions is not None:
        assert sorted(q.id for q in a.open_questions) == sorted(expected.open_questions)
    if expected.contested_by is not None:
        assert not a.robustness.robust and set(expected.contested_by) <= set(a.robustness.readings)
    else:   # no reading named: the verdict must not depend on one
        assert a.robustness.robust, f"{case_id}: contested by readings {a.robustness.readings}"


@pytest.mark.parametrize("case_id", sorted(LIBRARY))
def test_every_case_is_sourced_and_shows_law_beside_practice(engine, case_id):
    case = LIBRARY[case_id]
    assert all(ev.source for ev in case.scenario.events), f"{case_id}: an event without a source"
    report = engine.case(case_id)
    assert all(x.matches for x in report.expected)
    # one row per conduct record, then one per organisation for engaged provisions no record answers
    assert [lp.practice for lp in report.law_and_practice[:len(case.conduct)]] == [c.outcome for c in case.conduct]
    unanswered = report.law_and_practice[len(case.conduct):]
    assert all(lp.practice == "not_recorded" and lp.law == "engaged" for lp in unanswered)
    assert len({lp.organisation for lp in unanswered}) == len(unanswered)
    for passage in case.paper:
        assert passage.turkish and passage.gloss and passage.location


def test_law_and_practice_cover_every_engaged_provision_not_only_collective_action(engine):
    karabakh = {lp.provisions[0].split(" (")[0]: lp for lp in engine.case("karabakh_2020").law_and_practice}
    art2, art4 = karabakh["CST Art. 2"], karabakh["CST Art. 4"]
    assert (art2.law, art2.practice, art2.comparison) == ("engaged", "did_not_act", "diverge")   # sourced: none held
    assert (art4.law, art4.comparison) == ("not_engaged", "agree")
    kyrgyz = engine.case("kyrgyzstan_2010")
    (june,) = [c for c in kyrgyz.conduct if c.date == "2010-06-14"]
    assert (june.organ, june.decided, june.declined) == (
        "committee_of_secretaries_of_security_councils", ["non_military_aid"], ["armed_forces"])
    # conduct answers the events it names: June's consultations are not April's
    rows = {(lp.practice, p) for lp in kyrgyz.law_and_practice for p in lp.provisions}
    assert ("acted", "CST Art. 2 (KGZ, osh_violence): triggered") in rows
    assert ("not_recorded", "CST Art. 2 (KGZ, april_ouster): triggered") in rows
    georgia = engine.case("georgia_2008").law_and_practice
    assert any(lp.practice == "not_recorded" and "CST Art. 2 (RUS, tskhinvali): triggered" in lp.provisions
               for lp in georgia)


def test_conduct_is_never_fed_to_the_engine(engine):
    """Changing what the organisation did must not change a single verdict."""
    case = LIBRARY["karabakh_2020"]
    flipped = case.model_copy(update={"conduct": [c.model_copy(update={"outcome": "acted"}) for c in case.conduct]})
    from foedus.services.library import show_case
    a, b = show_case(engine, case), show_case(engine, flipped)
    assert a.verdict == b.verdict
    assert [x.comparison for x in a.law_and_practice] != [x.comparison for x in b.law_and_practice]


def test_cases_cli_lists_and_shows():
    runner = CliRunner()
    listing = runner.invoke(main, ["cases", "--format", "text"])
    assert listing.exit_code == 0 and "karabakh_2020" in listing.output
    shown = runner.invoke(main, ["cases", "show", "karabakh_2020", "--format", "text", "--brief"])
    assert shown.exit_code == 0
    assert "LAW AND PRACTICE side by side" in shown.output and "PRACTICE — what the organisation" in shown.output
    data = json.loads(runner.invoke(main, ["cases", "show", "karabakh_2020", "--format", "json"]).output)
    jsonschema.validate(data, json.loads(runner.invoke(main, ["schema", "case"]).output))
    missing = runner.invoke(main, ["cases", "show", "karabakh"])
    assert missing.exit_code == 2 and "did you mean 'karabakh_2020'" in missing.stderr


def test_claims_report_in_three_formats():
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["claims", "--format", "json"]).output)
    jsonschema.validate(data, json.loads(runner.invoke(main, ["schema", "claims"]).output))
    rows = {r["id"]: r for r in data["rows"]}
    assert rows, "the paper's claims are in the library"
    assert {r["agreement"] for r in rows.values()} <= {"agrees", "disagrees", "engine_says_contested", "factual_only",
                                                      "agrees_with_practice", "agrees_elsewhere", "not_tested"}
    assert any(r["corrections"] for r in rows.values()), "the report corrects the paper where it errs"
    md = runner.invoke(main, ["claims", "--format", "md"]).output
    assert md.count("\n| ") >= len(rows) + 1 and "engine verdict" in md
    text = runner.invoke(main, ["claims", "--format", "text"]).output
    assert "gloss:" in text
