"""Brief verdicts: many scenarios grounded together, keyed by scenario id, must
say exactly what the brief of each scenario's full verdict says."""
from __future__ import annotations

import json
import random
from pathlib import Path

import clingo
import jsonschema
import pytest
from click.testing import CliRunner
from foedus.core.brief import brief_of
from foedus.cli import main
from foedus.load.keyed import SHARED, SID
from foedus.world.symbols import from_symbol, parse_atom
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import membership_scenario, random_scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _full(engine, scenarios, readings=None):
    return [brief_of(engine.assess(s, readings), engine.catalogue, engine.provenance(brief=True)) for s in scenarios]


def test_examples_and_cases_agree_with_their_full_verdicts(engine):
    scenarios = sorted(EXAMPLES.glob("*.yaml")) + [c.scenario for c in engine.case_library().values()]
    assert engine.briefs(scenarios) == _full(engine, scenarios)


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_scenarios_agree_with_their_full_verdicts(engine, seed):
    rng = random.Random(seed)
    scenarios = [random_scenario(rng) for _ in range(120)]
    fast = engine.briefs(scenarios)
    assert fast == _full(engine, scenarios)
    # the space is not trivial: some verdicts turn on readings, some are engaged
    assert any(not a.robust for b in fast for a in b.assessments)
    assert any(a.status == "triggered" for b in fast for a in b.assessments)


def test_acts_of_membership_agree_with_their_full_verdicts(engine):
    """Notices, freezes, decisions and accessions end or begin standing by derived dates: the
    keyed grounding must derive the same days."""
    rng = random.Random(26)
    scenarios = [membership_scenario(rng) for _ in range(60)]
    fast = engine.briefs(scenarios)
    assert fast == _full(engine, scenarios)
    provisions = {a.provision for b in fast for a in b.assessments}
    assert {"cst_art11", "nato_art13", "csto_charter_art20", "nato_art10"} <= provisions
    assert any(a.provision == "cst_art4" and "victim_is_party" in a.failing for b in fast for a in b.assessments)


def test_pinned_readings_agree(engine):
    rng = random.Random(3)
    scenarios = [random_scenario(rng) for _ in range(40)]
    pins = {"territory": "de_facto", "non_state_attack": "directed_from_abroad_suffices"}
    assert engine.briefs(scenarios, pins) == _full(engine, scenarios, pins)


def test_scenarios_in_one_grounding_do_not_see_each_other(engine):
    """The same scenario alone and among others: the same brief."""
    rng = random.Random(4)
    scenarios = [random_scenario(rng) for _ in range(30)]
    together = engine.briefs(scenarios)
    assert together == [engine.brief(s) for s in scenarios]
    assert engine.briefs(list(reversed(scenarios))) == list(reversed(together))


def test_a_scenario_that_amends_the_world_is_assessed_on_its_own(engine):
    path = EXAMPLES / "armenia_in_nato_hypothetical.yaml"
    brief = engine.brief(path)
    assert brief == brief_of(engine.assess(path), engine.catalogue, engine.provenance(brief=True))
    assert any(a.provision == "cst_art1" for a in brief.assessments)


def test_every_rewritten_rule_that_reads_a_keyed_atom_binds_the_scenario(engine):
    from foedus.core.brief import BriefAssessor
    rules = BriefAssessor(engine).rules
    assert ("armed_attack", 3) in rules.keyed and ("membership", 6) in rules.static
    # element/4 is keyed (an element can depend on a reading); its world-only part is grounded once
    assert ("element", 4) in rules.keyed and ("element" + SHARED, 4) in rules.static
    # a brief grounds no explanation: no evidence, no bearers
    assert not {name for name, _ in rules.keyed | rules.static} & {"evidence", "bearer", "owed"}
    # a rule that mentions the id must bind it by a positive atom of its body
    # (else the id would range over nothing, or a keyed fact hold unbound)
    for statement in rules.statements:
        if statement.ast_type.name != "Rule" or SID not in str(statement):
            continue
        binders = [lit for lit in statement.body
                   if lit.ast_type.name == "Literal" and lit.sign == 0
                   and lit.atom.ast_type.name == "SymbolicAtom" and lit.atom.symbol.ast_type.name == "Function"
                   and lit.atom.symbol.arguments and lit.atom.symbol.arguments[0].ast_type.name == "Variable"
                   and lit.atom.symbol.arguments[0].name == SID]
        assert binders, f"the scenario id is not bound: {statement}"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.integers(-10**6, 10**6))
def test_atom_text_reads_back_as_its_values(text, number):
    sym = clingo.Function("p", [clingo.Number(number), clingo.String(text), clingo.Function("c_1")])
    assert parse_atom(str(sym)) == ("p", tuple(from_symbol(a) for a in sym.arguments))


def test_cli_brief_jsonl_matches_the_schema_and_is_the_same_on_two_processes():
    runner = CliRunner()
    one = runner.invoke(main, ["check", str(EXAMPLES), "--brief", "--format", "jsonl", "--jobs", "1"])
    two = runner.invoke(main, ["check", str(EXAMPLES), "--brief", "--format", "jsonl", "--jobs", "2"])
    assert one.exit_code == 0, one.output
    assert one.output == two.output
    schema = json.loads(runner.invoke(main, ["schema", "brief"]).output)
    lines = one.output.splitlines()
    assert len(lines) == len(list(EXAMPLES.glob("*.yaml")))
    for line in lines:
        jsonschema.validate(json.loads(line), schema)


def test_cli_brief_text_gives_one_line_per_assessment():
    out = CliRunner().invoke(main, ["check", str(EXAMPLES / "karabakh_2020.yaml"), "--brief", "--format", "text"])
    assert out.exit_code == 0, out.output
    assert "ARM CST Art. 4 (2010 text): NOT TRIGGERED — not met: on_victim_territory" in out.output
    assert "Events" not in out.output and "Texts applied" not in out.output


def test_bad_lines_are_reported_and_the_rest_still_briefed():
    good = {"name": "a", "events": [{"kind": "armed_attack", "date": "2023-04-04", "attackers": ["RUS"],
                                     "place": "FIN"}]}
    text = json.dumps(good) + "\n{\n" + json.dumps(good) + "\n"
    result = CliRunner().invoke(main, ["check", "-", "--brief", "--format", "jsonl"], input=text)
    assert result.exit_code == 2
    assert [json.loads(x)["scenario"]["name"] for x in result.stdout.splitlines()] == ["a", "a"]
    assert "<stdin>:2: not valid JSON" in result.stderr


def test_a_scenario_the_solver_gives_up_on_is_reported_alone(engine, monkeypatch):
    """A chunk that fails is split: the error goes to the one scenario it concerns."""
    import foedus.core.brief as brief_module
    from foedus.services.batch import Item, assess_many
    from foedus.solve.solver import SolverLimitError
    real = brief_module.solve_chunk

    def limited(rules, world, scenarios, *args, **kwargs):
        if ("as_of", 20230405) in {a for atoms in scenarios for a in atoms}:
            raise SolverLimitError("the solver did not finish within 60 s")
        return real(rules, world, scenarios, *args, **kwargs)

    monkeypatch.setattr(brief_module, "solve_chunk", limited)
    rng = random.Random(6)
    scenarios = [random_scenario(rng) for _ in range(5)]
    scenarios[2] = {"name": "slow", "as_of": "2023-04-05", "events": [
        {"kind": "armed_attack", "date": "2023-04-04", "attackers": ["RUS"], "place": "FIN"}]}
    results = list(assess_many([Item(str(i), data=s) for i, s in enumerate(scenarios)], engine=engine, brief=True))
    assert [error is None for _, _, error in results] == [True, True, False, True, True]
    assert results[2][2] == "2: the solver did not finish within 60 s"
    with pytest.raises(SolverLimitError):
        engine.briefs(scenarios)
