"""Questions of fact: how a scenario answers each one, and which facts each
answer adds.

The rules say which element is unknown and which question decides it
(`asks/6`, `question_of_fact/2`); this module only maps an answer to the
scenario syntax a user writes and to the input facts that syntax produces, so
that the verdict under each answer can be computed by one targeted solve.
Nothing legal is decided here: the status under each answer comes from the
rules.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .world import Const, iso

# A State answering for an attack, for an answer that does not name one: a
# constant no state code can take (codes are three letters).
SOME_STATE = Const("a_state_named_by_the_answer")


@dataclass(frozen=True)
class Answer:
    answer: str                                   # in words
    syntax: Callable[[str, str, int], str]        # (about, state concerned, date) -> scenario syntax
    atoms: Callable[[str, str, int], list[tuple]]  # (about, state concerned, date) -> input facts


def _next_day(day: int) -> int:
    return int((dt.date.fromisoformat(iso(day)) + dt.timedelta(days=1)).strftime("%Y%m%d"))


INTERESTS = ("security", "stability", "territorial_integrity", "sovereignty")

ANSWERS: dict[str, tuple[Answer, ...]] = {
    "threats": (
        Answer("all four interests threatened",
               lambda e, v, d: f"threatens: all   (on the armed_attack '{e}')",
               lambda e, v, d: [("threats_stated", e)] + [("threatens", e, Const(i)) for i in INTERESTS]),
        Answer("none of them threatened",
               lambda e, v, d: f"threatens: []   (on the armed_attack '{e}')",
               lambda e, v, d: [("threats_stated", e)]),
    ),
    "attack_origin": (
        Answer("sent by or on behalf of a State",
               lambda e, v, d: f"non_state_attacker: {{attributed_to: <state code>}}   (on '{e}')",
               lambda e, v, d: [("attributed_to", e, SOME_STATE)]),
        Answer("from abroad, no State answering for it",
               lambda e, v, d: f"non_state_attacker: {{origin: foreign_unidentified, attributed_to: none}}   (on '{e}')",
               lambda e, v, d: [("origin_stated", e, Const("foreign_unidentified")), ("not_attributed", e)]),
        Answer("arose inside the State attacked",
               lambda e, v, d: f"non_state_attacker: {{origin: domestic}}   (on '{e}')",
               lambda e, v, d: [("origin_stated", e, Const("domestic"))]),
    ),
    "attribution": (
        Answer("a State sent it or acted on its behalf",
               lambda e, v, d: f"non_state_attacker: {{attributed_to: <state code>}}   (on '{e}')",
               lambda e, v, d: [("attributed_to", e, SOME_STATE)]),
        Answer("no State did",
               lambda e, v, d: f"non_state_attacker: {{attributed_to: none}}   (on '{e}')",
               lambda e, v, d: [("not_attributed", e)]),
    ),
    "consultations": (
        Answer("held before the stationing",
               lambda f, h, d: f"{{kind: base_consultation, date: <on or before {iso(d)}>, host: {h.upper()}, "
                               f"base: {f.removeprefix('base:')}}}",
               lambda f, h, d: [("base_consultation", "answer:consultation", d, Const(h), f)]),
        Answer("none held",
               lambda f, h, d: f"consultations: none   (on the base record '{f}')",
               lambda f, h, d: [("no_base_consultation", f)]),
    ),
    "entry_into_force": (
        Answer("in force on the date",
               lambda i, v, d: f"world: {{add: {{entry_into_force: [{{instrument: {i}, date: <on or before {iso(d)}>}}]}}}}",
               lambda i, v, d: [("instrument_in_force", Const(i), d, "answer:in_force")]),
        Answer("not yet in force on the date",
               lambda i, v, d: f"world: {{add: {{entry_into_force: [{{instrument: {i}, date: <after {iso(d)}>}}]}}}}",
               lambda i, v, d: [("instrument_in_force", Const(i), _next_day(d), "answer:in_force")]),
    ),
}
