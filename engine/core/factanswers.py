"""The verdict under each answer to a question of fact, for many questions at once.

An undetermined verdict lists the facts that would settle it, each with the
status it gets under each answer (questions.py maps an answer to the input
facts it adds). Each answer is the scenario plus those facts: a variant of the
scenario, briefed with every other variant asked for in one grounding of the
keyed rules (chunk.py), not one grounding of the whole rule base per question.

The status and failing elements are the default readings'; contested when the
readings the provision depends on land on different sides — what `foedus
check` prints once the answer is written in. A scenario that amends the world
(its own Control) has each answer solved on that Control's facts plus the
answer's, one grounding per answer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator, Optional

from ..base import budget
from ..solve.chunk import ChunkAnswer, solve_chunk
from ..base.errors import FoedusError
from ..explain.explainer import agree, verdict_across
from ..load.keyed import cached_keyed_rules
from ..world.questions import ANSWERS, Answer, Request
from ..solve.solver import solve_explored
from ..world.symbols import to_symbol
from ..models.verdict import AnswerOutcome

if TYPE_CHECKING:
    from .assess import Core
    from ..models.scenario import ResolvedScenario

CHUNK = 100   # variants per grounding, as for briefs (brief.CHUNK)
ATOMS = 5000   # input atoms per grounding: a large scenario's answers are grounded a few at a time
OUTCOME_OUTPUTS = ("status/4", "fails/4", "selected_reading/2", "reading_relevant/1", "dissenting/1")   # verdict_across


Answerer = Callable[[str, str, tuple, int], list[AnswerOutcome]]


class FactAnswers:
    """Solves the answers of every question asked in a set of verdicts at once."""

    def __init__(self, engine: "Core"):
        self.engine = engine
        self.world = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
        self.rules = cached_keyed_rules(engine.kb, self.world, "keyed")

    def answerers(self, asked: list[tuple["ResolvedScenario", list[Request]]]) -> list[Answerer]:
        """For each scenario and the requests its explanation will make, the answerer
        the Explainer calls: answers solved here together, the others on request."""
        variants: dict[tuple, list] = {}   # (scenario, answer's atoms) -> the scenario's atoms and the answer's
        stated = []
        for i, (resolved, requests) in enumerate(asked):
            own = list(self.engine.scenario_atoms(resolved))
            stated.append(_stated(own))
            if resolved.retracted or resolved.world is not None:
                continue
            for r in requests:
                for _, atoms in alternatives(r, stated[i]):
                    variant = own + atoms
                    if (i, tuple(atoms)) not in variants and self.rules.accepts(variant):
                        variants[(i, tuple(atoms))] = variant
        solved: dict[tuple, ChunkAnswer] = {}
        for part in _packed(sorted(variants, key=repr), variants):
            self._chunk(part, variants, [r for r, _ in asked], solved)
        return [self._answerer(resolved, i, stated[i], solved) for i, (resolved, _) in enumerate(asked)]

    def _chunk(self, part: list[tuple], variants: dict, scenarios: list, solved: dict) -> None:
        try:
            with budget.assessment():   # a chunk of answers has one scenario's budget
                answers = solve_chunk(self.rules, self.world, [variants[k] for k in part],
                                      self.engine.catalogue.reading_defaults,
                                      [set(scenarios[k[0]].readings) for k in part])
        except FoedusError:
            if len(part) > 1:   # the one at fault is solved again on request, in its verdict's budget
                for one in part:
                    self._chunk([one], variants, scenarios, solved)
            return
        solved.update(zip(part, answers))

    def _answerer(self, resolved: "ResolvedScenario", i: int, stated: set, solved: dict) -> Answerer:
        engine, cat = self.engine, self.engine.catalogue
        grounded: dict[tuple, list] = {}   # the answers solved on request: one grounding each

        def answer_question(question: str, about: str, key: tuple, date: int) -> list[AnswerOutcome]:
            request = Request(question, about, key, date)
            found = alternatives(request, stated)
            outcomes: list = [None] * len(found)
            missing = []
            for j, (_, atoms) in enumerate(found):
                chunk = solved.get((i, tuple(atoms)))
                if chunk is None:
                    missing.append(j)
                else:
                    outcomes[j] = outcome_in_chunk(chunk, cat, resolved.readings, key)
            for j in missing:
                atoms = tuple(found[j][1])
                if atoms not in grounded:   # the answer's facts added as facts, as a scenario states them
                    grounded[atoms] = solve_explored(
                        engine.kb, [*engine.symbols(resolved), *map(to_symbol, atoms)], cat.reading_defaults,
                        cat.reading_users, resolved.readings, engine.max_models, OUTCOME_OUTPUTS)
                outcomes[j] = verdict_across(grounded[atoms], cat, resolved.readings, key)
            out = []
            for (ans, _), got in zip(found, outcomes):
                if got is not None:   # the assessment is not made under this answer
                    status, failing = got
                    out.append(AnswerOutcome(answer=ans.answer, syntax=ans.syntax(about, key[2], date),
                                             status=status, failing=failing))
            return out
        return answer_question


def _packed(keys: list, variants: dict) -> Iterator[list]:
    """The variants in chunks of at most CHUNK, and of at most ATOMS atoms unless one alone has more."""
    part: list = []
    size = 0
    for key in keys:
        if part and (len(part) == CHUNK or size + len(variants[key]) > ATOMS):
            yield part
            part, size = [], 0
        part.append(key)
        size += len(variants[key])
    if part:
        yield part


def alternatives(request: Request, stated: set) -> list[tuple[Answer, list[tuple]]]:
    """The answers to a question the scenario does not already rule out, each with the input facts it adds."""
    v = request.key[2]   # the state concerned (the host, for consultations)
    return [(ans, ans.atoms(request.about, v, request.date)) for ans in ANSWERS.get(request.question, ())
            if not any((name, request.about) in stated for name in ans.excluded_by)]


def outcome_in_chunk(answer: ChunkAnswer, cat, pinned, key: tuple) -> Optional[tuple[str, list[str]]]:
    """(status, failing) of one assessment in a variant's brief answer, as verdict_across reads a
    grounding's answer sets: the default readings' status, contested when the readings the
    provision depends on land on different sides (dissenting combinations do not count)."""
    rows = answer.default
    status = next((st for p, _, e, v, st in rows["verdict"] if (p, e, v) == key), None)
    if status is None:
        return None
    failing = sorted(el for p, e, v, el in rows["fails"] if (p, e, v) == key)
    names = ({n for (n,) in rows["reading_relevant"]} - set(pinned)) & cat.reading_users.get(key[0], set())
    statuses = (answer.statuses.get(key) or {status}) if names else {status}
    return (status if agree(statuses) else "contested"), failing


def _stated(atoms) -> set:
    """(predicate, first argument) of the scenario's own facts: what rules an answer out."""
    return {(name, args[0]) for name, *args in atoms if args}
