"""Properties that must hold for every scenario (hypothesis, bounded in time):
no crash, schema-valid verdicts, clear refusal of invalid input, and
metamorphic relations between scenarios."""
from __future__ import annotations

import copy
import datetime as dt
import json
import random

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.base.errors import InputError
from foedus.models.verdict import Verdict

from .strategies import STATES, random_scenario

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SCHEMA = Verdict.model_json_schema()
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def key(a):
    return (a["provision"]["id"], a["about"], a["state"]["code"])


def strip(verdict: Verdict) -> dict:
    data = json.loads(verdict.model_dump_json())
    data["scenario"].pop("digest")
    return data


@SETTINGS
@given(seeds)
def test_valid_scenarios_give_schema_valid_verdicts(engine, seed):
    scenario = random_scenario(random.Random(seed))
    verdict = engine.assess(scenario)
    jsonschema.validate(json.loads(verdict.model_dump_json()), SCHEMA)
    for a in verdict.assessments:
        assert a.status in ("triggered", "not_triggered", "not_applicable", "contested", "breached", "complied",
                            "undetermined")
        assert (a.status == "contested") or a.robustness.robust


MUTATIONS = [
    lambda s: s["events"][0].update(date="2021-02-30"),
    lambda s: s["events"][0].update(kind="invasion"),
    lambda s: s["events"][0].pop("date"),
    lambda s: s["events"][0].update(bogus=1),
    lambda s: s["events"][0].update(place="atlantis") if s["events"][0]["kind"] == "armed_attack"
    else s["events"][0].update(date="yesterday"),
    lambda s: s.update(events="none"),
    lambda s: s.update(as_of="1980-01-01"),
    lambda s: s.pop("name"),
]


@SETTINGS
@given(seeds, st.integers(min_value=0, max_value=len(MUTATIONS) - 1))
def test_invalid_scenarios_are_refused_with_a_message(engine, seed, mutation):
    scenario = random_scenario(random.Random(seed))
    MUTATIONS[mutation](scenario)
    with pytest.raises(InputError) as exc:
        engine.assess(scenario)
    assert str(exc.value)


@SETTINGS
@given(seeds)
def test_an_unrelated_event_between_third_states_changes_nothing(engine, seed):
    scenario = random_scenario(random.Random(seed))
    before = {key(a): (a["status"], a["failing"]) for a in strip(engine.assess(scenario))["assessments"]}
    extended = copy.deepcopy(scenario)
    last = max(e["date"] for e in scenario["events"])
    extended["events"].append({"id": "unrelated", "kind": "armed_attack", "date": last,
                               "attackers": ["CHN"], "place": "IRN"})   # neither is party to CST or NATO
    after = {key(a): (a["status"], a["failing"]) for a in strip(engine.assess(extended))["assessments"]
             if a["about"] != "unrelated"}
    assert before == after


@SETTINGS
@given(seeds, st.randoms(use_true_random=False))
def test_event_and_key_order_do_not_change_the_output(engine, seed, rnd):
    scenario = random_scenario(random.Random(seed))
    shuffled = copy.deepcopy(scenario)
    rnd.shuffle(shuffled["events"])
    shuffled["events"] = [dict(reversed(list(e.items()))) for e in shuffled["events"]]
    shuffled = dict(reversed(list(shuffled.items())))
    assert engine.assess(scenario).model_dump_json() == engine.assess(shuffled).model_dump_json()


ACCESSIONS = [("FIN", dt.date(2023, 4, 4)), ("SWE", dt.date(2024, 3, 7)), ("POL", dt.date(1999, 3, 12)),
              ("EST", dt.date(2004, 3, 29)), ("MKD", dt.date(2020, 3, 27))]


@SETTINGS
@given(st.sampled_from(ACCESSIONS), st.sampled_from(STATES), st.booleans())
def test_moving_an_attack_before_accession_never_triggers_it(engine, accession, attacker, gravity):
    state, joined = accession

    def status(date):
        ev = {"id": "a", "kind": "armed_attack", "date": date.isoformat(), "attackers": [attacker], "place": state}
        if gravity:
            ev["threatens"] = ["security", "stability", "territorial_integrity", "sovereignty"]
        if attacker == state:
            return None
        v = engine.assess({"name": "accession", "events": [ev]})
        return next(a.status for a in v.assessments if a.provision.id == "nato_art5" and a.state.code == state)

    after, before = status(joined + dt.timedelta(days=1)), status(joined - dt.timedelta(days=1))
    if after is not None and after != "triggered":
        assert before != "triggered"
    if before is not None:
        assert before == "not_applicable"
