"""Errors written for legal users: what was asked, what was found, what to try.

Errors are raised as `FoedusError` subclasses inside the library and turned into
a one-paragraph message with exit code 2 only at the CLI edge.
"""
from __future__ import annotations

import difflib
from typing import Iterable


class FoedusError(Exception):
    """Base of every error foedus raises on purpose."""


class InputError(FoedusError):
    """A scenario or knowledge-base file is not what foedus expects.

    Names the file, the line where known, the field, what was expected and,
    for identifiers, the closest known ones.
    """

    def __init__(self, file: str, message: str, *, field: str | None = None,
                 line: int | None = None, expected: str | None = None,
                 hint: str | None = None):
        self.file, self.field, self.line = file, field, line
        self.expected, self.hint, self.detail = expected, hint, message
        super().__init__(self.render())

    def render(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        parts = [f"{where}: {self.detail}" if not self.field
                 else f"{where}: field '{self.field}': {self.detail}"]
        if self.expected:
            parts.append(f"expected {self.expected}")
        if self.hint:
            parts.append(self.hint)
        text = "; ".join(parts)
        return text if text.endswith((".", "?")) else text + "."


class KnowledgeBaseError(FoedusError):
    """The built-in rules or facts are inconsistent (a bug in foedus, not in input)."""


def did_you_mean(value: str, known: Iterable[str]) -> str | None:
    """'did you mean X?' for an unknown identifier, or None if nothing is close."""
    known = list(known)
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=6, cutoff=0.6)
    if not close:
        return None

    def shared_prefix(candidate: str) -> int:
        n = 0
        while n < min(len(candidate), len(value)) and candidate[n] == value.lower()[n]:
            n += 1
        return n
    # equally similar codes (AZR: AZE, KAZ, MAR) are told apart by their start
    close = sorted(close, key=lambda c: -shared_prefix(c))[:3]
    return "did you mean " + " or ".join(repr(lowered[c]) for c in close) + "?"
