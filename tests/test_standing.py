"""Readings with standing (authoritative interpretations, dissents), Art. 6
grey zones, failing sentences that follow their reason, consequence labels."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.cli import main
from foedus.explain.render import render_verdict

from .strategies import random_scenario

ROOT = Path(__file__).resolve().parent.parent


def one(verdict, provision, state):
    (a,) = [a for a in verdict.assessments if a.provision.id == provision and a.state.code == state]
    return a


def test_every_reading_value_states_its_standing_for_every_provision_using_it(engine):
    cat = engine.catalogue
    for (name, value) in cat.readings:
        users = {p for p, names in cat.reading_users.items() if name in names}
        covered = {p for p, _, _ in cat.standing.get((name, value), [])}
        assert users <= covered, f"{name} = {value}: no standing for {sorted(users - covered)}"
    authoritative = sorted((n, v, p) for (n, v), rows in cat.standing.items() for p, k, _ in rows
                           if k == "authoritative")
    assert authoritative == [("non_state_attack", "directed_from_abroad_suffices", "nato_art5")]


def test_the_readings_command_shows_standing():
    result = CliRunner().invoke(main, ["readings", "--format", "text"])
    assert "standing for nato_art5: AUTHORITATIVE — North Atlantic Council" in result.output
    assert "standing for un_art51: practice — UN Security Council Res. 1368 and 1373" in result.output


def test_september_11_nato_triggered_with_the_icj_view_as_a_dissent(engine):
    verdict = engine.assess(ROOT / "examples" / "september_11_2001.yaml")
    art5 = one(verdict, "nato_art5", "USA")
    assert art5.status == "triggered" and art5.robustness.robust
    assert art5.robustness.statuses == ["triggered"]
    (dissent,) = art5.robustness.dissents
    assert dissent.readings == {"non_state_attack": "attribution_required"}
    assert any("judicial" in s and "Wall" in s for s in dissent.standing)
    art51 = one(verdict, "un_art51", "USA")
    assert art51.status == "contested" and not art51.robustness.dissents
    assert art51.summary.startswith("contested: triggered on the default readings; ")
    text = render_verdict(verdict)
    assert "Dissenting views" in text and "every value with standing of non_state_attack" in text
    # the brief path says the same
    brief = engine.brief(ROOT / "examples" / "september_11_2001.yaml")
    b5 = next(b for b in brief.assessments if b.provision == "nato_art5")
    assert (b5.status, b5.robust, b5.dissents) == ("triggered", True, ["undetermined"])


def test_a_pinned_dissenting_value_is_the_users_choice(engine):
    verdict = engine.assess(ROOT / "examples" / "september_11_2001.yaml",
                            readings={"non_state_attack": "attribution_required"})
    art5 = one(verdict, "nato_art5", "USA")
    assert art5.status == "undetermined" and not art5.robustness.dissents


def test_a_frozen_partys_failing_gate_says_why(engine):
    verdict = engine.assess({"name": "Armenia 2025", "readings": {"frozen_participation": "not_protected"},
                             "events": [{"kind": "armed_attack", "date": "2025-06-01", "attackers": ["AZE"],
                                         "place": "ARM", "threatens": "all"}]})
    gate = next(e for e in one(verdict, "cst_art4", "ARM").elements if e.id == "victim_is_party")
    assert gate.value == "fails" and "was a party on 2025-06-01, bound by its duties" in gate.statement
    assert "not a State Party" not in gate.statement


def _contradictions(verdict, world) -> list[str]:
    """Failing sentences that contradict the facts printed beside them."""
    out = []
    for a in verdict.assessments:
        for el in a.elements:
            if el.value != "fails":
                continue
            for fact in el.facts:
                record = world.facts.get(fact.id)
                if record is None or record.kind != "membership":
                    continue
                _, _, state, _, status, start, end = record.atoms[0]
                day = int(a.date.replace("-", ""))
                bound = status in ("party", "party_not_participating") and start <= day < end
                if bound and str(state).upper() == a.state.code and "was not a" in el.statement:
                    out.append(f"{a.provision.id}/{el.id}: {el.statement}")
            if "arose inside" in el.statement and "directed from" in " ".join(f.statement for f in el.facts):
                out.append(f"{a.provision.id}/{el.id}: {el.statement}")
    return out


@pytest.mark.parametrize("seed", [3, 4])
def test_no_failing_sentence_contradicts_its_facts(engine, seed):
    rng = random.Random(seed)
    scenarios = [random_scenario(rng) for _ in range(40)] + sorted((ROOT / "examples").glob("*.yaml"))
    scenarios.append({"name": "frozen", "readings": {"frozen_participation": "not_protected"},
                      "events": [{"kind": "armed_attack", "date": "2025-06-01", "attackers": ["AZE"],
                                  "place": "ARM"}]})
    for scenario in scenarios:
        assert _contradictions(engine.assess(scenario), engine.kb.world) == [], scenario


def test_consequence_labels_and_frames_read_as_law(engine):
    text = render_verdict(engine.assess(ROOT / "examples" / "september_11_2001.yaml"))
    assert "Operates within: UN Charter Art. 51" in text and "Operates within: un_art51" not in text
    assert "(procedure) [a practice, not required by the Treaty] Whether Art. 5 applies" in text


def test_the_papers_sentence_on_september_11_is_judged_again(engine):
    # a sentence about practice, judged against the recorded conduct; its legal question noted apart
    row = next(r for r in engine.claims().rows if r.id == "nato_art5_first_application")
    assert (row.kind, row.agreement) == ("practice", "agrees_with_practice")
    assert "triggered" in row.law_note and "dissenting view" in row.law_note
