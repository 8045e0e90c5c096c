"""Turning pydantic validation errors into one clear InputError."""
from __future__ import annotations

import functools
from typing import NoReturn

from pydantic import ValidationError

from .documents import Document
from .errors import InputError

# pydantic's wording, rephrased as "what was expected" for legal users
_EXPECTED = {
    "missing": "this field (it is required)",
    "extra_forbidden": "no such field here",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "string_pattern_mismatch": None,
    "literal_error": None,
    "union_tag_invalid": None,
}


def field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@functools.cache
def known_fields(model) -> frozenset[str]:
    """Every field name (as written in a document: aliases) of a model and the models inside it,
    for "did you mean" on a field foedus does not know."""
    schema = model.model_json_schema()
    names: set[str] = set()
    for part in [schema, *schema.get("$defs", {}).values()]:
        names.update(part.get("properties", {}))
    return frozenset(names)


def raise_first(exc: ValidationError, doc: Document, model=None) -> NoReturn:
    """Raise an InputError for the first (document-order) pydantic error; `model`, when given,
    names the fields a misspelt one may have meant."""
    errors = exc.errors(include_url=False)
    # pydantic puts the tag of a discriminated union (the event's kind) in loc;
    # drop it so the path matches what the user wrote
    def clean(loc):
        data, out = doc.data, []
        for part in loc:
            if isinstance(data, dict) and data.get("kind") == part and part not in data:
                continue
            out.append(part)
            if isinstance(data, dict):
                data = data.get(part)
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            else:
                data = None
        return tuple(out)

    ordered = []
    for err in errors:
        loc = clean(err["loc"])
        ordered.append((doc.line_of(loc) or 0, loc, err))
    ordered.sort(key=lambda t: (t[0], len(t[1])))
    line, loc, err = ordered[0]
    expected = _EXPECTED.get(err["type"], None)
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        message = "is not a field foedus knows here"
        expected = None
        if model is not None and loc:
            from .errors import did_you_mean
            hint = did_you_mean(str(loc[-1]), known_fields(model))
            raise InputError(doc.name, message, field=field_path(loc) or None, line=line or None, hint=hint)
    elif err["type"] == "missing":
        message = "is missing"
    elif err["type"] in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = "is not a date" + (" (no such day)" if "outside expected range" in err["msg"] else "")
    elif err["type"] in ("union_tag_not_found", "union_tag_invalid"):
        tags = err.get("ctx", {}).get("expected_tags", "")
        got = err.get("ctx", {}).get("tag")
        message = "has no 'kind'" if err["type"] == "union_tag_not_found" else f"has an unknown kind '{got}'"
        expected = f"kind: one of {tags}"
        options = [t.strip().strip("'") for t in str(tags).split(",")]
        from .errors import did_you_mean
        hint = did_you_mean(str(got), options) if got else None
        raise InputError(doc.name, message, field=field_path(loc) or None, line=line or None,
                         expected=expected, hint=hint)
    if err["type"] == "value_error":   # our own validators word their message whole
        raise InputError(doc.name, str(err.get("ctx", {}).get("error", message)), field=field_path(loc) or None,
                         line=line or None)
    given = err.get("input")
    if err["type"] not in ("missing", "extra_forbidden") and isinstance(given, (str, int, float, bool)):
        message += f" (got {given!r})"
    raise InputError(doc.name, message, field=field_path(loc) or None, line=line or None,
                     expected=expected)
