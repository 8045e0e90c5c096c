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


def of_error(exc: FoedusError, kind: Optional[str] = None) -> dict:
    """A foedus error as a problem: an input error keeps its parts (file, line, field,
    expected, hint) as members beside the whole message."""
    from ..base.budget import WorkLimitError
    if isinstance(exc, InputError):
        return problem(kind or "bad-input", str(exc), file=exc.file, line=exc.line, field=exc.field,
                       expected=exc.expected, hint=exc.hint)
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
