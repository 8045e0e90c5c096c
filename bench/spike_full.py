"""Spike for issue 19: full verdicts from a chunk grounded once (the rules keyed by
scenario, as briefs are), measured against Engine.assess and checked field for field.

    python bench/spike_full.py [N_SCENARIOS] [CHUNK] [SEED]

The chunk is grounded once with every output the explanation reads. For each
scenario in turn, its #show atoms are switched on by an external, the other
scenarios' readings are held at their defaults by assumptions, and its own
combinations of readings are enumerated: the Explainer then reads exactly the
answer sets Engine.assess would have read. Prints the ratio of the times and
every scenario whose verdict differs. Not used by foedus: a measurement.
"""
from __future__ import annotations

import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import clingo
import clingo.ast as ast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.strategies import random_scenario  # noqa: E402

import foedus  # noqa: E402
from foedus import budget  # noqa: E402
from foedus.explain import Explainer  # noqa: E402
from foedus.keyed import SCENARIO, KeyedRules  # noqa: E402
from foedus.solve import OUTPUTS, LazyAnswer  # noqa: E402
from foedus.symbols import from_symbol, term  # noqa: E402
from foedus.verdict import ReadingsInfo, Verdict  # noqa: E402


def shows() -> list:
    text = "#show.\n#external foedus_show(S) : foedus_scenario(S).\n"
    for out in OUTPUTS:
        name, arity = out.split("/")
        args = ",".join(f"X{i}" for i in range(int(arity)))
        text += f"#show {name}(S,{args}) : {name}(S,{args}), foedus_show(S).\n"
    statements: list = []
    ast.parse_string(text, statements.append)
    return statements


class KeyedAnswer(LazyAnswer):
    """An answer set of one scenario of the chunk: its atoms read without their key."""

    def get(self, name: str, default=None):
        if name not in self._rows:
            if self._by_name is None:
                # a symbol's name and row are read once per chunk, however many answer sets hold it
                self._by_name = defaultdict(list)
                for sym in self._symbols:
                    entry = self._cache.get(sym)
                    if entry is None:
                        entry = self._cache[sym] = (sym.name, None)
                    self._by_name[entry[0]].append(sym)
            rows = []
            for sym in self._by_name.get(name, ()):
                sname, row = self._cache[sym]
                if row is None:
                    row = tuple(from_symbol(a) for a in sym.arguments[1:])
                    self._cache[sym] = (sname, row)
                rows.append(row)
            rows.sort()
            self._rows[name] = rows
        return self._rows[name] if self._rows[name] or default is None else default


def full_chunk(engine, rules: KeyedRules, resolved: list) -> list:
    ctl = clingo.Control(["--models=0"], logger=lambda c, m: None, message_limit=0)
    with ast.ProgramBuilder(ctl) as builder:
        for st in rules.statements:
            builder.add(st)
        for st in shows():
            builder.add(st)
    world = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
    with ctl.backend() as backend:
        for sym in world:
            backend.add_rule([backend.add_atom(sym)])
        for i, r in enumerate(resolved):
            sid = clingo.Number(i)
            backend.add_rule([backend.add_atom(clingo.Function(SCENARIO, [sid]))])
            for name, *values in engine._scenario_atoms(r):
                backend.add_rule([backend.add_atom(clingo.Function(name, [sid] + [term(v) for v in values]))])
    ctl.ground([("base", [])])
    cat = engine.catalogue
    defaults = sorted(cat.reading_defaults.items())
    cache: dict = {}
    verdicts = []
    for i, r in enumerate(resolved):
        if i:
            ctl.assign_external(clingo.Function("foedus_show", [clingo.Number(i - 1)]), False)
        ctl.assign_external(clingo.Function("foedus_show", [clingo.Number(i)]), True)
        assumptions = [(clingo.Function("selected_reading", [clingo.Number(j), clingo.Function(n), clingo.Function(v)]),
                        True)
                       for j, other in enumerate(resolved) if j != i for n, v in defaults if n not in other.readings]
        answers = []
        with ctl.solve(assumptions=assumptions, yield_=True) as handle:
            for model in handle:
                answers.append(KeyedAnswer(model.symbols(shown=True), cache))
        symbols = list(engine._symbols(r))
        explainer = Explainer(answers, cat, r.world or engine.kb.world, r,
                              answer_question=engine._answerer(symbols, r))
        assessments = explainer.assessments()
        verdicts.append(Verdict(scenario=engine._scenario_info(r), engine=engine.provenance(),
                                readings=ReadingsInfo(pinned=dict(sorted(r.readings.items())), varied=explainer.varied),
                                events=explainer.events(), statehood=explainer.statehood(), assessments=assessments,
                                provisions=explainer.texts()))
    return verdicts


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 19
    engine = foedus.Engine()
    world = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
    rules = KeyedRules.build(engine.kb.decision_statements, world, outputs=OUTPUTS)
    rng = random.Random(seed)
    resolved = []
    while len(resolved) < n:
        r = engine.resolve(random_scenario(rng))
        if rules.accepts(list(engine._scenario_atoms(r))) and not r.world:
            resolved.append(r)
    engine.assess_resolved(resolved[0])                 # warm
    t = time.perf_counter()
    old = [engine.assess_resolved(r) for r in resolved]
    t_old = time.perf_counter() - t
    t = time.perf_counter()
    new = []
    with budget.assessment():
        for k in range(0, n, chunk):
            new += full_chunk(engine, rules, resolved[k:k + chunk])
    t_new = time.perf_counter() - t
    differ = [i for i, (a, b) in enumerate(zip(old, new))
              if a.model_dump_json(exclude={"engine"}) != b.model_dump_json(exclude={"engine"})]
    print(json.dumps({"scenarios": n, "chunk": chunk, "seed": seed, "old_ms_per_scenario": 1000 * t_old / n,
                      "new_ms_per_scenario": 1000 * t_new / n, "old/new": t_old / t_new,
                      "differ": len(differ), "first_differing": differ[:5]}, indent=1))


if __name__ == "__main__":
    main()
