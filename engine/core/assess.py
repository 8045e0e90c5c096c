"""The core assessment (a scenario in, a verdict out): loading the rules and the
world once, resolving scenarios, solving and explaining them one at a time or a
chunk at a time. The public face is `api.Engine`, which adds the services."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union


from ..base import budget
from ..base.version import __version__
from ..solve.catalogue import Catalogue, build_catalogue
from ..base.errors import FoedusError, InputError, KnowledgeBaseError, did_you_mean
from ..explain.explainer import Explainer
from ..load.files import data_dir
from ..load.knowledge import (
    KnowledgeBase,
    cache_load,
    cache_store,
    derived_digest,
    load_knowledge_base,
)
from ..models.scenario import ResolvedScenario, Scenario, as_scenario, resolve
from ..solve.solver import COMBINATION_CEILING, solve_explored
from ..world.symbols import to_symbol
from ..models.verdict import (
    BriefVerdict,
    EngineInfo,
    ReadingsInfo,
    ScenarioInfo,
    Verdict,
)
from ..world.builtin import Const, day

if TYPE_CHECKING:
    from .factanswers import FactAnswers

ScenarioInput = Union[Scenario, dict, str, Path]


class Core:
    """The core assessment: the knowledge base loaded once, a scenario in, a verdict out
    (full or brief, one or many). The services (what-if, claims, sweep, batch, lint, the case
    library) are built on it; `api.Engine` is this plus the services as methods."""

    def __init__(self, rules_dir: Optional[Path] = None, facts_dir: Optional[Path] = None):
        budget.prepare_process()
        self.facts_dir = facts_dir or data_dir("facts")
        try:
            self.kb: KnowledgeBase = load_knowledge_base(rules_dir, self.facts_dir)
        except InputError as exc:
            if rules_dir is None and facts_dir is None:   # the built-in files: a defect of foedus, not input
                raise KnowledgeBaseError(str(exc)) from None
            raise
        cached = cache_load("catalogue", self.kb.digest)
        if cached is None:
            catalogue = build_catalogue(self.kb)
            self.kb.derived["catalogue"] = cache_store("catalogue", self.kb.digest, catalogue)
        else:
            catalogue, self.kb.derived["catalogue"] = cached
        self.catalogue: Catalogue = catalogue
        # answer sets asked of clingo: no more than the readings can combine into
        self.max_models = min(catalogue.combinations, COMBINATION_CEILING)
        self._cases: Optional[dict] = None
        self._briefs = None
        self._fulls = None
        self._fact_answers = None

    # -- scenarios ------------------------------------------------------------
    def resolve(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> ResolvedScenario:
        """Validate a scenario (model, mapping or file path) against the world;
        `readings` pin contested readings (they override the scenario's own)."""
        scenario, doc = as_scenario(scenario)
        resolved = resolve(scenario, self.kb.world, doc, frozenset(self.catalogue.provisions))
        self.check_readings(resolved.readings, doc.name if doc else "<scenario>",
                            lambda name: doc.line_of(("readings", name)) if doc else None, "readings.")
        self.check_readings(readings or {}, "--reading")
        resolved.readings.update(readings or {})
        budget.check_size(sum(1 for _ in self.scenario_atoms(resolved)))
        return resolved

    def check_readings(self, readings: dict[str, str], file: str, line_of=lambda name: None,
                       prefix: str = "") -> None:
        """Only readings that can be chosen (they have a default) may be pinned, to one of their values."""
        cat = self.catalogue
        for name, value in readings.items():
            if name in cat.reading_defaults and (name, value) in cat.readings:
                continue
            values = sorted(v for n, v in cat.readings if n == name) if name in cat.reading_defaults else []
            raise InputError(file, f"unknown reading {name}={value}", field=prefix + name, line=line_of(name),
                             expected=("one of " + ", ".join(values)) if values else
                             "a reading listed by 'foedus readings'",
                             hint=None if values else did_you_mean(name, cat.reading_defaults))

    def assess(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> Verdict:
        """The verdict for a scenario: every provision, every state concerned;
        `readings` pin contested readings, the others are explored."""
        return self.assess_resolved(self.resolve(scenario, readings))

    def brief(self, scenario: ScenarioInput, readings: Optional[dict[str, str]] = None) -> BriefVerdict:
        """The verdict without its explanation (see `briefs`)."""
        return self.briefs([scenario], readings)[0]

    def briefs(self, scenarios: list[ScenarioInput], readings: Optional[dict[str, str]] = None) -> list[BriefVerdict]:
        """Brief verdicts for many scenarios, grounded together in chunks: the
        fast way through a generated space. Raises the first scenario's error
        (invalid input, solver limit); batch.assess_many reports each instead."""
        return _raise_first(self.brief_resolved([self.resolve(s, readings) for s in scenarios]))

    def brief_resolved(self, resolved: list[ResolvedScenario]) -> list:
        """Brief verdicts in order; a scenario that could not be assessed has its error instead."""
        if self._briefs is None:
            from .brief import BriefAssessor
            self._briefs = BriefAssessor(self)
        return self._briefs.assess(resolved)

    def assess_many(self, scenarios: list[ScenarioInput], readings: Optional[dict[str, str]] = None) -> list[Verdict]:
        """Full verdicts for many scenarios, grounded together in chunks (equal to
        assess of each). Raises the first scenario's error; batch.assess_many reports each."""
        return _raise_first(self.full_resolved([self.resolve(s, readings) for s in scenarios]))

    def full_resolved(self, resolved: list[ResolvedScenario]) -> list:
        """Full verdicts in order, grounded a chunk at a time (fullchunk.py); a scenario
        that could not be assessed has its error instead."""
        if len(resolved) == 1:   # one scenario: a Control of its own costs less than building a keyed chunk
            try:
                return [self.assess_resolved(resolved[0])]
            except FoedusError as exc:
                return [exc]
        if self._fulls is None:
            from .fullchunk import FullAssessor
            self._fulls = FullAssessor(self)
        return self._fulls.assess(resolved)

    def assess_resolved(self, resolved: ResolvedScenario) -> Verdict:
        with budget.assessment():
            return self._assess(resolved)

    def _assess(self, resolved: ResolvedScenario) -> Verdict:
        cat = self.catalogue
        explainer = Explainer(solve_explored(self.kb, self.symbols(resolved), cat.reading_defaults,
                                             cat.reading_users, resolved.readings, self.max_models),
                              cat, resolved.world or self.kb.world, resolved)
        requests = explainer.question_requests()
        if requests:
            explainer.answer_question = self.fact_answers().answerers([(resolved, requests)])[0]
        return self.verdict(explainer, resolved)

    def verdict(self, explainer: Explainer, resolved: ResolvedScenario) -> Verdict:
        """The verdict an Explainer gives (its answers to questions of fact set), however it was solved."""
        assessments = explainer.assessments()
        budget.check("explaining")
        return Verdict(scenario=self.scenario_info(resolved), engine=self.provenance(),
                       readings=ReadingsInfo(pinned=dict(sorted(resolved.readings.items())),
                                             varied=explainer.varied),
                       events=explainer.events(), statehood=explainer.statehood(), assessments=assessments,
                       provisions=explainer.texts())

    def fact_answers(self) -> "FactAnswers":
        """The solver of the answers to questions of fact, built once (its rules are keyed)."""
        if self._fact_answers is None:
            from .factanswers import FactAnswers
            self._fact_answers = FactAnswers(self)
        return self._fact_answers

    def provenance(self, brief: bool = False) -> EngineInfo:
        """Provenance: the files' digest, and the digest of what was derived
        from them and used (the rules for briefs are rewritten: theirs too)."""
        derived = self.kb.derived
        return EngineInfo(foedus_version=__version__, knowledge_base_digest=self.kb.digest,
                          derived_digest=derived_digest(derived, ("knowledge", "catalogue")),
                          brief_rules_digest=derived.get("keyed") if brief else None)

    @staticmethod
    def scenario_info(resolved: ResolvedScenario) -> ScenarioInfo:
        return ScenarioInfo(name=resolved.name, file=resolved.file, as_of=resolved.as_of.isoformat(),
                            digest=resolved.digest)

    def symbols(self, resolved: ResolvedScenario, extra=()):
        retracted = set(resolved.retracted)
        for fid, atoms in self.kb.world_symbols.items():
            if fid not in retracted:
                yield from atoms
        yield from self.scenario_symbols(resolved)
        yield from extra

    @staticmethod
    def scenario_atoms(resolved: ResolvedScenario):
        """The scenario's own atoms, as (predicate, *values): its facts, its date, its pinned readings."""
        for fact in resolved.facts:
            yield from fact.atoms
        yield ("as_of", day(resolved.as_of))
        for name, value in sorted(resolved.readings.items()):
            yield ("reading_pinned", Const(name), Const(value))

    def scenario_symbols(self, resolved: ResolvedScenario):
        return map(to_symbol, self.scenario_atoms(resolved))


def _raise_first(out: list) -> list:
    """Results of many scenarios, or the first one's error raised."""
    for result in out:
        if isinstance(result, FoedusError):
            raise result
    return out
