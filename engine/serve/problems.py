"""Errors as problem details (RFC 9457): the command line's message (what was asked, the
field, what was expected, a hint) as JSON, with a 4xx or 5xx status."""
from __future__ import annotations

import json
from typing import Optional

from ..base.errors import FoedusError, InputError

MEDIA_TYPE = "application/problem+json"
BASE = "https://foedus.invalid/problems/"

# kind -> (status, title)
KINDS = {
    "malformed": (400, "The request could not be read"),
    "bad-input": (422, "The input is not what foedus expects"),
    "not-found": (404, "No such resource"),
    "method-not-allowed": (405, "The method is not allowed here"),
    "too-large": (413, "The request body is too large"),
    "unsupported-media-type": (415, "The body's media type is not read here"),
    "work-limit": (422, "The work budget was reached; no partial verdict is given"),
    "unavailable": (503, "No engine process answered"),
    "internal": (500, "An internal error of foedus (please report it)"),
}


def problem(kind: str, detail: str, **extensions) -> dict:
    status, title = KINDS[kind]
    out = {"type": BASE + kind, "title": title, "status": status, "detail": detail}
    out.update({k: v for k, v in extensions.items() if v is not None})
    return out


# The engine's messages point to the command that lists what was expected; over HTTP, to the route.
ROUTES = [("'foedus states --search TEXT'", "GET /v1/states?search=TEXT"),
          ("'foedus places --search TEXT'", "GET /v1/places?search=TEXT"),
          ("'foedus readings'", "GET /v1/readings"), ("'foedus provisions'", "GET /v1/provisions"),
          ("'foedus states'", "GET /v1/states"), ("'foedus world'", "GET /v1/world"),
          ("'foedus cases'", "GET /v1/cases"), ("'foedus examples'", "GET /v1/examples"),
          ("'foedus check'", "POST /v1/check")]


def for_http(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    for command, route in ROUTES:
        text = text.replace(command, route)
    return text.replace("--reading: ", "query.reading: ")


def of_error(exc: FoedusError, kind: Optional[str] = None) -> dict:
    """A foedus error as a problem: an input error keeps its parts (file, line, field,
    expected, hint) as members beside the whole message, its pointers to commands made
    pointers to routes."""
    from ..base.budget import WorkLimitError
    if isinstance(exc, InputError):
        where = "query.reading" if exc.file == "--reading" else exc.file
        return problem(kind or "bad-input", for_http(str(exc)), file=where, line=exc.line, field=exc.field,
                       expected=for_http(exc.expected), hint=for_http(exc.hint))
    if isinstance(exc, WorkLimitError):
        return problem("work-limit", str(exc))
    return problem(kind or "internal", str(exc))


def body(p: dict) -> str:
    return json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n"


# the JSON Schema of a problem, for the OpenAPI document
SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "file": {"type": "string"},
        "line": {"type": "integer"},
        "field": {"type": "string"},
        "expected": {"type": "string"},
        "hint": {"type": "string"},
    },
}
