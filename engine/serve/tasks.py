"""What an engine process does for each request: the same Engine calls as the command
line, the same JSON out (a verdict byte for byte as `foedus check - --format json`
prints it), every error a problem. Runs inside the pool's processes."""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Optional

from ..base.budget import WorkLimitError, over_memory
from ..base.documents import MAX_BYTES, parse_document
from ..base.errors import FoedusError, InputError, KnowledgeBaseError
from . import problems

JSON = "application/json"
NAME = "<request>"   # the file errors name: the request's body

Answer = tuple[int, str, str]   # status, media type, body


def run(engine, task: str, args: dict) -> Answer:
    """One task, never an exception: the body, or a problem."""
    try:
        media = "text/html; charset=utf-8" if args.get("html") else \
            "application/yaml" if task in ("case_scenario", "answer") else JSON
        return 200, media, TASKS[task](engine, **args)
    except _Refused as exc:
        return _problem(problems.of_error(exc.error, exc.kind))
    except KnowledgeBaseError as exc:
        return _problem(problems.problem("internal", f"the knowledge base is broken: {exc}"))
    except (InputError, WorkLimitError) as exc:
        return _problem(problems.of_error(exc))
    except MemoryError:
        return _problem(problems.problem("work-limit", over_memory()))
    except FoedusError as exc:
        return _problem(problems.of_error(exc, "bad-input"))
    except Exception as exc:   # noqa: BLE001 — one request's fault never ends the process
        print(f"foedus serve: {task}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return _problem(problems.problem("internal", f"{task} failed ({type(exc).__name__}); please report it"))


def _problem(p: dict) -> Answer:
    return p["status"], problems.MEDIA_TYPE, problems.body(p)


class _Refused(Exception):
    """An input error with the problem kind it is answered as (malformed: 400, not-found: 404)."""
    def __init__(self, kind: str, error: InputError):
        self.kind, self.error = kind, error


def _document(raw: bytes):
    """The body as a parsed document (YAML or JSON), or a malformed-request problem."""
    try:
        return parse_document(raw, NAME)
    except InputError as exc:
        raise _Refused("malformed", exc) from None


def _pretty(payload: str) -> str:
    """As the command line prints one document: indented, UTF-8, a newline at the end."""
    return json.dumps(json.loads(payload), indent=2, ensure_ascii=False) + "\n"


def _day(text: Optional[str]) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else dt.date.today()
    except ValueError:
        raise _Refused("malformed", InputError("as_of", f"'{text}' is not a date", expected="YYYY-MM-DD")) from None


def check(engine, body: bytes, brief: bool, readings: dict, html: bool = False) -> str:
    resolved = engine.resolve(_document(body), readings)
    verdict = (engine.brief_resolved if brief else engine.full_resolved)([resolved])[0]
    if isinstance(verdict, FoedusError):
        raise verdict
    if html:   # the explanation tree, as the workbench shows it
        from ..explain.html import verdict_html
        return verdict_html(verdict)
    return _pretty(verdict.model_dump_json())


def check_lines(engine, lines: list[tuple[int, str]], brief: bool, readings: dict) -> str:
    """JSON Lines: one verdict per line, or a problem naming the line."""
    from ..services.batch import assess_many, read_record
    items = [read_record(f"{NAME}:{n}", text) for n, text in lines]
    out = []
    for (n, _), (label, payload, error) in zip(lines, assess_many(items, jobs=1, readings=readings,
                                                                   engine=engine, brief=brief)):
        out.append(payload if payload is not None else json.dumps(
            problems.problem("bad-input", error, line=n), ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in out)


def what_if(engine, body: bytes, provision: Optional[str], state: Optional[str], max_changes: int,
            max_cost: int, top: int) -> str:
    report = engine.what_if(_document(body), provision=provision, state=state, max_changes=max_changes,
                            max_cost=max_cost, top=top)
    return report.model_dump_json(indent=2) + "\n"


def claim(engine, body: bytes) -> str:
    return engine.check_claim(_document(body)).model_dump_json(indent=2) + "\n"


def audit(engine, as_of: Optional[str], body: Optional[bytes], readings: dict) -> str:
    scenario = _document(body) if body else None
    return engine.audit(_day(as_of), scenario, readings).model_dump_json(indent=2) + "\n"


def world(engine, as_of: Optional[str]) -> str:
    return engine.world(_day(as_of)).model_dump_json(indent=2) + "\n"


def states(engine, as_of: Optional[str], search: Optional[str]) -> str:
    return engine.states(_day(as_of), search).model_dump_json(indent=2) + "\n"


def places(engine, as_of: Optional[str], search: Optional[str]) -> str:
    return engine.places(_day(as_of), search).model_dump_json(indent=2) + "\n"


def listing(engine, what: str) -> str:
    """provisions, readings, cases or claims: the lists the command line prints."""
    return getattr(engine, what)().model_dump_json(indent=2) + "\n"


def case(engine, case_id: str) -> str:
    try:
        report = engine.case(case_id)
    except InputError as exc:
        if case_id not in engine.case_library():
            raise _Refused("not-found", exc) from None
        raise
    return report.model_dump_json(indent=2) + "\n"


def answer(engine, body: bytes, question: str, about: str, state: str, date: str, answer: str) -> str:
    """The scenario with one answer to a question of fact written in, as YAML."""
    import yaml
    from ..world.questions import ANSWERS
    doc = _document(body)
    if not isinstance(doc.data, dict):
        raise InputError(NAME, "is not a mapping", expected="a scenario")
    chosen = next((x for x in ANSWERS.get(question, ()) if x.answer == answer and x.edit is not None), None)
    if chosen is None:
        raise InputError(NAME, f"no answer '{answer}' to the question '{question}' that foedus can write in",
                         field="query.answer", expected="an answer the verdict lists under its question")
    day = _day(date)
    if not chosen.edit(doc.data, about, state.lower(), int(day.strftime("%Y%m%d"))):
        raise InputError(NAME, f"the answer '{answer}' cannot be written into this scenario ({about})",
                         field="query.about")
    return yaml.safe_dump(doc.data, sort_keys=False, allow_unicode=True, width=100)


def case_scenario(engine, case_id: str) -> str:
    """A case's scenario as a YAML document, to start from in the workbench."""
    import yaml
    library = engine.case_library()
    if case_id not in library:
        case(engine, case_id)   # the not-found problem, with its hint
    doc = library[case_id].scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def sweep(engine, victims: list[str], attackers: list[str], start: str, end: Optional[str],
          provisions: list[str]) -> str:
    """The sweep's table as JSON: each row a victim, attacker, provision, interval and status."""
    from dataclasses import asdict
    first, last = _day(start), _day(end)
    result = engine.sweep(victims, attackers, first, last, tuple(provisions), where=NAME)
    attack = ("an armed attack by the attacker on the victim's own territory, threatening its security, "
              "stability, territorial integrity and sovereignty, with the victim's request to the organisation")
    return json.dumps({"from": first.isoformat(), "to": last.isoformat(), "victims": victims,
                       "attackers": attackers, "provisions": provisions, "attack": attack,
                       "intervals": result["intervals"], "cells": result["cells"],
                       "rows": [asdict(r) for r in result["rows"]]}, indent=2, ensure_ascii=False) + "\n"


def provenance(engine) -> str:
    return engine.provenance().model_dump_json() + "\n"


TASKS = {"check": check, "check_lines": check_lines, "what_if": what_if, "claim": claim, "audit": audit,
         "world": world, "states": states, "places": places, "listing": listing, "case": case,
         "case_scenario": case_scenario, "sweep": sweep,
         "answer": answer,
         "provenance": provenance}

MAX_BODY = MAX_BYTES   # one scenario or claim: the limit of a file
