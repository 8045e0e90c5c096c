"""Brief verdicts: every assessment's outcome without its explanation, for
batches and sweeps. Two ways to the same object, tested to agree:

- `brief_of(verdict)`: the brief of a full verdict (any scenario);
- `BriefAssessor`: many scenarios grounded together (keyed.py), reading only
  the default answer set and the brave consequences — about an order of
  magnitude faster per scenario than a full assessment (bench/bench.py).
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Optional, Union

from ..base import budget
from ..solve.catalogue import Catalogue
from ..solve.chunk import ChunkAnswer, solve_chunk
from ..base.errors import FoedusError, KnowledgeBaseError
from ..explain.explainer import agree
from ..load.keyed import cached_keyed_rules
from ..models.scenario import ResolvedScenario
from ..models.verdict import BriefAssessment, BriefVerdict, EngineInfo, ReadingsInfo, Verdict
from ..world.builtin import iso

if TYPE_CHECKING:
    from .assess import Core

CHUNK = 100   # scenarios per grounding: measured in bench/bench.py (larger chunks ground slower per scenario)


def brief_of(verdict: Verdict, cat: Catalogue, engine: Optional[EngineInfo] = None) -> BriefVerdict:
    """engine: the provenance of a brief (Engine.provenance(brief=True)), when it is to be one."""
    varied = set(verdict.readings.varied)
    return BriefVerdict(
        scenario=verdict.scenario, engine=engine or verdict.engine, readings=verdict.readings,
        assessments=[BriefAssessment(
            provision=a.provision.id, name=cat.name(a.provision.id, a.provision.version), version=a.provision.version,
            about=a.about, date=a.date,
            state=a.state.code, role=a.role, status=a.status, robust=a.robustness.robust,
            statuses=a.robustness.statuses, failing=a.failing, unknown=a.unknown,
            dissents=a.robustness.dissent_statuses,
            questions=sorted({q.id for q in a.questions}), bearers_depend_on=a.robustness.bearers_depend_on,
            open_questions=[q.id for q in a.open_questions],
            readings=sorted(varied & cat.reading_users.get(a.provision.id, set())))
            for a in verdict.assessments])


def _from_chunk(answer: ChunkAnswer, resolved: ResolvedScenario, engine: "Core") -> BriefVerdict:
    cat, rows = engine.catalogue, answer.default
    dates = dict(rows["subject_date"])
    failing, questions, unknown = defaultdict(list), defaultdict(list), defaultdict(list)
    asks, bearers_vary = defaultdict(set), defaultdict(list)
    for p, e, v, el in rows["fails"]:
        failing[(p, e, v)].append(el)
    for p, e, v, el in rows["unknown"]:
        unknown[(p, e, v)].append(el)
    for p, e, v, _, q, _ in rows["asks"]:   # the default answer's; the brave call adds the others
        asks[(p, e, v)].add(q)
    for p, e, v, n in rows["bearers_depend_on"]:
        bearers_vary[(p, e, v)].append(n)
    for p, e, v, q in rows["open_question"]:
        questions[(p, e, v)].append(q)
    varied = sorted({n for (n,) in rows["reading_relevant"]} - set(resolved.readings))
    out = []
    for p, version, e, v, status in rows["verdict"]:
        key = (p, e, v)
        statuses = sorted(answer.statuses.get(key) or {status})
        robust = agree(statuses)
        out.append(BriefAssessment(
            provision=p, name=cat.name(p, version), version=version, about=e, date=iso(dates[e]), state=v.upper(),
            role=cat.roles.get(p, "state"), status=status if robust else "contested", robust=robust,
            statuses=statuses, failing=sorted(failing[key], key=lambda el: (cat.element_order(p, el), el)),
            unknown=sorted(unknown[key], key=lambda el: (cat.element_order(p, el), el)),
            dissents=sorted(answer.dissents.get(key, set()) - {status}),
            questions=sorted(asks[key] | answer.questions.get(key, set())), bearers_depend_on=sorted(bearers_vary[key]) if robust else [],
            open_questions=sorted(questions[key]),
            readings=sorted(set(varied) & cat.reading_users.get(p, set()))))
    out.sort(key=lambda a: (a.date, a.about, a.state, a.provision))
    return BriefVerdict(scenario=engine.scenario_info(resolved), engine=engine.provenance(brief=True),
                        readings=ReadingsInfo(pinned=dict(sorted(resolved.readings.items())), varied=varied),
                        assessments=out)


class BriefAssessor:
    """Brief verdicts for many resolved scenarios, a chunk per grounding."""

    def __init__(self, engine: "Core"):
        self.engine = engine
        kb, cat = engine.kb, engine.catalogue
        self.world = [s for atoms in kb.world_symbols.values() for s in atoms]
        self.rules = cached_keyed_rules(kb, self.world, "keyed")
        # the default answer set is asked for by assuming each default: one
        # that is not a value of its reading would make every chunk unsatisfiable
        for name, value in cat.reading_defaults.items():
            if (name, value) not in cat.readings:
                raise KnowledgeBaseError(f"reading_default({name}, {value}): not a value of the reading")

    def assess(self, scenarios: list[ResolvedScenario]) -> list[Union[BriefVerdict, FoedusError]]:
        """Briefs in input order, or the error of the one scenario it concerns.
        A scenario that amends the world (adds or retracts world facts) is
        assessed on its own, in full, then briefed."""
        out: list = [None] * len(scenarios)
        keyed: list[tuple[int, list]] = []
        for i, resolved in enumerate(scenarios):
            atoms = list(self.engine.scenario_atoms(resolved))
            if resolved.retracted or not self.rules.accepts(atoms):
                try:
                    out[i] = brief_of(self.engine.assess_resolved(resolved), self.engine.catalogue,
                                      self.engine.provenance(brief=True))
                except FoedusError as exc:
                    out[i] = exc
            else:
                keyed.append((i, atoms))
        for start in range(0, len(keyed), CHUNK):
            self._chunk(keyed[start:start + CHUNK], scenarios, out)
        return out

    def _chunk(self, part: list[tuple[int, list]], scenarios: list[ResolvedScenario], out: list) -> None:
        try:
            with budget.assessment():   # a chunk has one scenario's budget; split, each has its own
                answers = solve_chunk(self.rules, self.world, [s for _, s in part],
                                      self.engine.catalogue.reading_defaults,
                                      [set(scenarios[i].readings) for i, _ in part])
        except FoedusError as exc:
            if len(part) == 1:
                out[part[0][0]] = exc
                return
            # one scenario without an answer, or past the time limit: find it,
            # so that the error is reported for it alone
            for one in part:
                self._chunk([one], scenarios, out)
            return
        for (i, _), answer in zip(part, answers):
            brief = _from_chunk(answer, scenarios[i], self.engine)
            if any(a.status == "undetermined" and self._gate_unknown(a) for a in brief.assessments):
                # an entry into force not located changes the version governing:
                # the answers, one solve each, may still agree — the full path
                # settles that (a gap in a party's own record is settled in the rules)
                try:
                    brief = brief_of(self.engine.assess_resolved(scenarios[i]), self.engine.catalogue,
                                     self.engine.provenance(brief=True))
                except FoedusError as exc:
                    brief = exc
            out[i] = brief

    @staticmethod
    def _gate_unknown(a) -> bool:
        return "in_force" in a.unknown
