"""Bad input: one clear message naming file, line, field and expectation; exit
code 2; never a traceback, never a verdict. Scenario text cannot inject ASP."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.base.errors import InputError

GOOD = """\
name: test
events:
  - id: a
    kind: armed_attack
    date: 2020-09-27
    attackers: [AZE]
    place: ARM
"""


def check(tmp_path, text, name="scenario.yaml", mode="w"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    return result, path


def assert_refused(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == "", "no verdict may be printed for bad input"
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in {result.stderr!r}"


def test_good_input_passes(tmp_path):
    result, _ = check(tmp_path, GOOD)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["assessments"]


def test_unknown_state_suggests_the_closest(tmp_path):
    result, path = check(tmp_path, GOOD.replace("[AZE]", "[AZR]"))
    assert_refused(result, str(path), "line 6", "events[0].attackers[0]", "unknown state 'AZR'", "did you mean 'AZE'")


def test_unknown_territory_suggests_the_closest(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("place: ARM", "place: nagorno_karabah"))
    assert_refused(result, "line 7", "events[0].place", "did you mean 'nagorno_karabakh'")


def test_impossible_date(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("2020-09-27", "2021-02-30"))
    assert_refused(result, "line 5", "events[0].date", "YYYY-MM-DD")


def test_missing_field(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("    place: ARM\n", ""))
    assert_refused(result, "events[0].place", "is missing")


def test_unknown_field(tmp_path):
    result, _ = check(tmp_path, GOOD + "    victim: ARM\n")
    assert_refused(result, "line 8", "events[0].victim", "not a field")


def test_unknown_event_kind(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("kind: armed_attack", "kind: invasion"))
    assert_refused(result, "events[0]", "armed_attack")


def test_malformed_yaml(tmp_path):
    result, _ = check(tmp_path, "name: [unclosed\nevents: []\n")
    assert_refused(result, "not valid YAML", "line")


def test_malformed_json(tmp_path):
    result, _ = check(tmp_path, '{"name": "x", "events": [}', name="s.json")
    assert_refused(result, "not valid JSON", "line 1")


def test_duplicate_key(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("    place: ARM\n", "    place: ARM\n    place: AZE\n"))
    assert_refused(result, "repeats the key 'place'", "line 8")


def test_empty_and_binary_files(tmp_path):
    assert_refused(check(tmp_path, "")[0], "is empty")
    assert_refused(check(tmp_path, b"\x89PNG\x00\x00", name="x.yaml")[0], "binary")
    assert_refused(check(tmp_path, b"name: \xff\xfe\n", name="y.yaml")[0], "not UTF-8")


def test_alias_bombs_are_refused(tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nname: t\nevents: []\n"
    assert_refused(check(tmp_path, bomb)[0], "alias")


def test_event_after_the_assessment_date(tmp_path):
    result, _ = check(tmp_path, "as_of: 2020-01-01\n" + GOOD)
    assert_refused(result, "after the assessment date 2020-01-01", "events[0].date")


def test_reference_to_an_unknown_event(tmp_path):
    text = GOOD + "  - {id: r, kind: request_for_assistance, date: 2020-09-28, by: ARM, addressed_to: CSTO, concerning: b}\n"
    assert_refused(check(tmp_path, text)[0], "'b' is not the id of an armed attack", "events[1].concerning")


def test_no_attacker_and_two_kinds_of_attacker(tmp_path):
    assert_refused(check(tmp_path, GOOD.replace("    attackers: [AZE]\n", ""))[0], "names no attacker")
    both = GOOD.replace("    attackers: [AZE]\n", "    attackers: [AZE]\n    non_state_attacker: {name: x}\n")
    assert_refused(check(tmp_path, both)[0], "both states and a non-state attacker")


def test_missing_file():
    result = CliRunner().invoke(main, ["check", "no/such/file.yaml"])
    assert result.exit_code == 2
    assert "no/such/file.yaml" in result.stderr and "cannot be read" in result.stderr


def test_oversized_file(tmp_path):
    result, _ = check(tmp_path, "name: x\n" + "# padding\n" * 300_000)
    assert_refused(result, "bytes long")


def test_asp_syntax_in_a_name_is_only_a_name(tmp_path):
    hostile = 'x). #show. :- true. p("'
    text = GOOD.replace("    attackers: [AZE]\n", f"    non_state_attacker: {{name: '{hostile}', directed_from: AFG}}\n")
    result, _ = check(tmp_path, text)
    assert result.exit_code == 0
    verdict = json.loads(result.stdout)
    assert hostile in verdict["events"][0]["summary"]
    un = [a for a in verdict["assessments"] if a["provision"]["id"] == "un_art51"][0]
    assert un["status"] == "contested"     # the ordinary verdict for a non-state attack from abroad
    assert un["robustness"]["readings"] == ["non_state_attack"]


def test_asp_syntax_in_an_identifier_is_refused(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("place: ARM", "place: 'arm). #show'"))
    assert_refused(result, "unknown place")
    result, _ = check(tmp_path, GOOD.replace("id: a", "id: 'a). #show'"))
    assert_refused(result, "events[0].id")


def test_retracting_an_unknown_world_fact(tmp_path):
    text = GOOD + "world:\n  retract: [membership:ARM:cst:1994-04-21]\n"
    assert_refused(check(tmp_path, text)[0], "no world fact", "did you mean 'membership:ARM:cst:1994-04-20'")


def test_scenario_membership_with_unknown_state(tmp_path):
    text = GOOD + "world:\n  add:\n    memberships:\n      - {state: ARN, treaty: nato, status: party, from: 2019-01-01}\n"
    assert_refused(check(tmp_path, text)[0], "world.add.memberships[0].state", "did you mean 'ARM'")


@pytest.mark.parametrize("bad", ["[]", "just text", "42"])
def test_top_level_must_be_a_mapping(tmp_path, bad):
    assert_refused(check(tmp_path, bad + "\n")[0], "is not a mapping")


def test_a_scenario_never_changes_the_shared_world(engine):
    before = (dict(engine.kb.world.territory_names), dict(engine.kb.world.base_names))
    engine.assess({"name": "adds", "as_of": "2015-06-01",
                   "world": {"add": {"bases": [{"id": "x", "name": "X", "deployer": "USA", "host": "KAZ",
                                                "from": "2015-05-01"}],
                                     "territories": [{"id": "atlantis", "name": "Atlantis", "art6_area": "outside",
                                                      "sovereignty": [{"state": "KAZ"}]}]}},
                   "events": [{"kind": "armed_attack", "date": "2015-05-02", "attackers": ["CHN"],
                               "place": "atlantis"}]})
    assert (engine.kb.world.territory_names, engine.kb.world.base_names) == before


def test_a_request_dated_before_the_attack_it_concerns(tmp_path):
    text = GOOD + "  - {id: r, kind: request_for_assistance, date: 2020-09-01, by: ARM, addressed_to: CSTO, concerning: a}\n"
    assert_refused(check(tmp_path, text)[0], "events[1].date", "before the event 'a' it concerns")


def test_unknown_event_kind_suggests_the_closest(tmp_path):
    result, _ = check(tmp_path, GOOD.replace("kind: armed_attack", "kind: armed_atack"))
    assert_refused(result, "unknown kind 'armed_atack'", "did you mean 'armed_attack'")


def test_unknown_addressee_names_the_organisations(tmp_path):
    text = GOOD + "  - {id: r, kind: request_for_assistance, date: 2020-09-28, by: ARM, addressed_to: OTAN}\n"
    assert_refused(check(tmp_path, text)[0], "unknown addressee 'OTAN'", "CSTO, NATO")


@pytest.mark.parametrize("decision, words", [
    ({"organ": "politburo", "decided": ["armed_forces"]}, "unknown organ 'politburo' of the CSTO"),
    ({}, "a decision that decides and declines nothing"),
    ({"decided": ["armed_forces"], "declined": ["armed_forces"]}, "measures both decided and declined: armed_forces"),
    ({"outcome": "decline", "body": "Committee of Secretaries"}, "the field 'body' is retired (schema 2.3)"),
    ({"decided": ["troops"]}, "events[0].decided': unknown measure 'troops'; expected some of collective_action"),
    ({"decided": ["armed_force"]}, "did you mean 'armed_forces'?"),
    ({"organ": "committee_of_secretaries", "decided": ["statement"]},
     "did you mean 'committee_of_secretaries_of_security_councils'?"),
])
def test_a_decision_names_its_organ_and_what_it_decided_and_declined(engine, decision, words):
    event = {"kind": "collective_decision", "date": "2022-01-06", "organisation": "CSTO", **decision}
    with pytest.raises(InputError) as info:
        engine.assess({"name": "x", "events": [event]})
    assert words in str(info.value)


def test_a_misspelt_field_is_named_with_the_field_it_may_mean(tmp_path):
    result, path = check(tmp_path, "name: x\nevents:\n  - kind: armed_attack\n    date: 2020-01-01\n"
                                   "    attacker: [AZE]\n    place: ARM\n")
    assert_refused(result, str(path), "line 5", "field 'events[0].attacker'", "is not a field foedus knows here",
                   "did you mean 'attackers'")
    result, _ = check(tmp_path, "name: x\nevnts: []\n")
    assert_refused(result, "field 'evnts'", "did you mean 'events'")


def test_a_day_that_does_not_exist_is_said_in_words(tmp_path):
    result, _ = check(tmp_path, "name: x\nevents:\n  - kind: armed_attack\n    date: 2023-02-30\n"
                                "    attackers: [AZE]\n    place: ARM\n")
    assert_refused(result, "line 4", "field 'events[0].date': is not a date (no such day) (got '2023-02-30')",
                   "expected a date as YYYY-MM-DD")
    assert "Input should be" not in result.stderr   # pydantic's own wording stays inside
