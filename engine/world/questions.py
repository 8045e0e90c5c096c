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
from typing import Callable, Optional

from .builtin import Const, iso

@dataclass(frozen=True)
class Request:
    """A question of fact asked with its answers, for one assessment (key: provision, subject, State)."""
    question: str
    about: str
    key: tuple
    date: int


# A State answering for an attack, for an answer that does not name one: a
# constant no state code can take (codes are three letters).
SOME_STATE = Const("a_state_named_by_the_answer")


@dataclass(frozen=True)
class Answer:
    answer: str                                   # in words
    syntax: Callable[[str, str, int], str]        # (about, state concerned, date) -> scenario syntax
    atoms: Callable[[str, str, int], list[tuple]]  # (about, state concerned, date) -> input facts
    # (scenario document, about, state concerned, date) -> the same answer written into the
    # scenario (for what-if); None where the answer names no particular State or record
    edit: Optional[Callable[[dict, str, str, int], bool]] = None
    # scenario facts about the subject that already rule this answer out
    excluded_by: tuple[str, ...] = ()


def _event(doc: dict, eid: str) -> Optional[dict]:
    for i, ev in enumerate(doc.get("events", [])):
        if (ev.get("id") or f"event-{i + 1}") == eid:
            return ev
    return None


def _set_on_event(eid: str, **values):
    def edit(doc, about, state, date):
        ev = _event(doc, eid if eid else about)
        if ev is None:
            return False
        for k, v in values.items():
            if k == "non_state_attacker":
                if "non_state_attacker" not in ev:
                    return False
                # a stated origin replaces the others; an attribution keeps where it came from
                drop = ("origin", "directed_from", "attributed_to") if "origin" in v else ("attributed_to",)
                ns = {x: y for x, y in ev["non_state_attacker"].items() if x not in drop}
                ev["non_state_attacker"] = {**ns, **v}
            else:
                ev[k] = v
        return True
    return edit


def _scenario_base(doc: dict, base: str) -> Optional[dict]:
    for b in doc.get("world", {}).get("add", {}).get("bases", []):
        if f"scenario:base:{b['id']}" == base:
            return b
    return None


def _consultation_held(doc, base, host, date):
    doc["events"].append({"id": "whatif-consultation", "kind": "base_consultation", "date": iso(date),
                          "host": host.upper(), "base": base, "source": "what-if"})
    return True


def _no_consultation(doc, base, host, date):
    record = _scenario_base(doc, base)
    if record is None:
        return False
    record["consultations"] = "none"
    return True


def _located(field: str, key: str, later: bool):
    """Write a located date into world.add.<field> (entry_into_force, membership_start):
    the subject's date itself, or the day after it ("not yet")."""
    def edit(doc, about, state, date):
        when = _next_day(date) if later else date
        doc.setdefault("world", {}).setdefault("add", {}).setdefault(field, []).append(
            {key: about, "date": iso(when), "source": "what-if"})
        return True
    return edit


def _next_day(day: int) -> int:
    return int((dt.date.fromisoformat(iso(day)) + dt.timedelta(days=1)).strftime("%Y%m%d"))


def _yes_no(field: str, predicate: str, yes: str, no: str) -> tuple[Answer, Answer]:
    """The two answers to a question the event answers with `field: true|false`."""
    return tuple(Answer(words, lambda e, v, d, flag=flag: f"on event '{e}': {field}: {str(flag).lower()}",
                        lambda e, v, d, flag=flag: [(predicate, e, Const("yes" if flag else "no"))],
                        _set_on_event("", **{field: flag}))
                 for words, flag in ((yes, True), (no, False)))


INTERESTS = ("security", "stability", "territorial_integrity", "sovereignty")

ANSWERS: dict[str, tuple[Answer, ...]] = {
    "threats": (
        Answer("all four interests threatened",
               lambda e, v, d: f"on event '{e}': threatens: all",
               lambda e, v, d: [("threats_stated", e)] + [("threatens", e, Const(i)) for i in INTERESTS],
               _set_on_event("", threatens="all")),
        Answer("none of them threatened",
               lambda e, v, d: f"on event '{e}': threatens: []",
               lambda e, v, d: [("threats_stated", e)], _set_on_event("", threatens=[])),
    ),
    "attack_origin": (
        Answer("sent by or on behalf of a State",
               lambda e, v, d: f"on event '{e}': non_state_attacker.attributed_to: <state code>",
               lambda e, v, d: [("attributed_to", e, SOME_STATE)], excluded_by=("not_attributed",)),
        Answer("from abroad, no State answering for it",
               lambda e, v, d: f"on event '{e}': non_state_attacker.origin: foreign_unidentified, "
                               "non_state_attacker.attributed_to: none",
               lambda e, v, d: [("origin_stated", e, Const("foreign_unidentified")), ("not_attributed", e)],
               _set_on_event("", non_state_attacker={"origin": "foreign_unidentified", "attributed_to": "none"})),
        Answer("arose inside the State attacked",
               lambda e, v, d: f"on event '{e}': non_state_attacker.origin: domestic",
               lambda e, v, d: [("origin_stated", e, Const("domestic"))],
               _set_on_event("", non_state_attacker={"origin": "domestic"})),
    ),
    "attribution": (
        Answer("a State sent it or acted on its behalf",
               lambda e, v, d: f"on event '{e}': non_state_attacker.attributed_to: <state code>",
               lambda e, v, d: [("attributed_to", e, SOME_STATE)], excluded_by=("not_attributed",)),
        Answer("no State did",
               lambda e, v, d: f"on event '{e}': non_state_attacker.attributed_to: none",
               lambda e, v, d: [("not_attributed", e)],
               _set_on_event("", non_state_attacker={"attributed_to": "none"})),
    ),
    "justification": (
        Answer("justified (self-defence, individual or collective; consent; Security Council)",
               lambda e, v, d: f"on event '{e}': justified_as: self_defence   (or collective_self_defence, "
                               "consent, security_council)",
               lambda e, v, d: [("force_justification_stated", e, Const("self_defence"))],
               _set_on_event("", justified_as="self_defence")),
        Answer("not justified (force used first, or beyond what necessity and proportionality allowed)",
               lambda e, v, d: f"on event '{e}': justified_as: none",
               lambda e, v, d: [("force_justification_stated", e, Const("none"))],
               _set_on_event("", justified_as="none")),
    ),
    "consultations": (
        Answer("held before the stationing",
               lambda f, h, d: f"{{kind: base_consultation, date: <on or before {iso(d)}>, host: {h.upper()}, "
                               f"base: {f.removeprefix('base:')}}}",
               lambda f, h, d: [("base_consultation", "answer:consultation", d, Const(h), f)], _consultation_held),
        Answer("none held",
               lambda f, h, d: f"on the base record '{f}': consultations: none",
               lambda f, h, d: [("no_base_consultation", f)], _no_consultation),
    ),
    "membership_start": (
        Answer("its status had begun on the date",
               lambda f, v, d: f"world: {{add: {{membership_start: [{{membership: {f}, date: <on or before {iso(d)}>}}]}}}}",
               lambda f, v, d: [("membership_start_located", f, d)], _located("membership_start", "membership", False)),
        Answer("its status had not yet begun on the date",
               lambda f, v, d: f"world: {{add: {{membership_start: [{{membership: {f}, date: <after {iso(d)}>}}]}}}}",
               lambda f, v, d: [("membership_start_located", f, _next_day(d))], _located("membership_start", "membership", True)),
    ),
    "forces_kind": (
        Answer("vessels or aircraft",
               lambda e, v, d: f"on event '{e}': forces_kind: naval   (or air)",
               lambda e, v, d: [("forces_kind", e, Const("naval"))], _set_on_event("", forces_kind="naval")),
        Answer("land forces",
               lambda e, v, d: f"on event '{e}': forces_kind: land",
               lambda e, v, d: [("forces_kind", e, Const("land"))], _set_on_event("", forces_kind="land")),
    ),
    "european_state": _yes_no("european", "european_state_stated", "a European State", "not a European State"),
    "arrears_start": (
        Answer("two years of debt had run",
               lambda f, v, d: f"not in a scenario: the arrears record '{f}' of facts/standing.yaml dates the debt",
               lambda f, v, d: [("arrears_two_years_answered", f, Const("yes"))]),
        Answer("not yet two years",
               lambda f, v, d: f"not in a scenario: the arrears record '{f}' of facts/standing.yaml dates the debt",
               lambda f, v, d: [("arrears_two_years_answered", f, Const("no"))]),
    ),
    "invitation": _yes_no("invited", "accession_invitation_stated", "every Party had accepted the protocol",
                          "not every Party had"),
    "entry_into_force": (
        Answer("in force on the date",
               lambda i, v, d: f"world: {{add: {{entry_into_force: [{{instrument: {i}, date: <on or before {iso(d)}>}}]}}}}",
               lambda i, v, d: [("instrument_in_force", Const(i), d, "answer:in_force")], _located("entry_into_force", "instrument", False)),
        Answer("not yet in force on the date",
               lambda i, v, d: f"world: {{add: {{entry_into_force: [{{instrument: {i}, date: <after {iso(d)}>}}]}}}}",
               lambda i, v, d: [("instrument_in_force", Const(i), _next_day(d), "answer:in_force")],
               _located("entry_into_force", "instrument", True)),
    ),
}
