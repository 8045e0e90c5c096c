"""What a text requires: the provisions in force on a date whose elements include
a given requirement, under the default readings or only under another reading.

A statement about a treaty's content ("Art. 7 makes foreign bases subject to
the others' agreement") is judged against the encoded texts, not against a
verdict: the same elements the verdicts are built from, read per version and
per reading.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import clingo

from ..solve.solver import solve

if TYPE_CHECKING:
    from ..core.assess import Core


@dataclass(frozen=True)
class Requirement:
    """Provision P's version Ver requires the element, on the reading given (None: the default)."""
    provision: str
    version: str
    citation: str
    reading: Optional[tuple[str, str]] = None


_UNDER_READING: dict[str, dict] = {}   # knowledge base digest -> {(reading, value): {(p, ver, element)}}


def _elements_under_readings(engine: "Core") -> dict:
    """The elements of every version under each value of a reading other than its default:
    one descriptive solve per value, once per knowledge base."""
    found = _UNDER_READING.get(engine.kb.digest)
    if found is None:
        cat = engine.catalogue
        symbols = [s for atoms in engine.kb.world_symbols.values() for s in atoms]
        found = {}
        for name, value in sorted(cat.readings):
            if value == cat.reading_defaults.get(name):
                continue
            pinned = clingo.Function("reading_pinned", [clingo.Function(name), clingo.Function(value)])
            (answer,) = solve(engine.kb, symbols + [pinned], outputs=("element/4",), descriptive=True)
            found[(name, value)] = {(p, ver, el) for p, ver, el, _ in answer.get("element", [])}
        _UNDER_READING[engine.kb.digest] = found
    return found


def texts_requiring(engine: "Core", element: str, on: dt.date) -> list[Requirement]:
    """Every version in force on `on` whose elements include `element`: first under
    the default readings; for the others, under each other value of a reading."""
    cat = engine.catalogue
    day = on.isoformat()
    current = {(p, ver) for (p, ver), v in cat.versions.items()
               if v["from"] and v["from"] <= day and (v["until"] is None or day <= v["until"])}
    found = [(p, ver, None) for (p, ver) in sorted(current)
             if any(el == element for el, _ in cat.elements.get((p, ver), []))]
    covered = {(p, ver) for p, ver, _ in found}
    for reading, elements in sorted(_elements_under_readings(engine).items()):
        for p, ver, el in sorted(elements):
            if el == element and (p, ver) in current and (p, ver) not in covered:
                found.append((p, ver, reading))
    return [Requirement(p, ver, cat.versions[(p, ver)]["citation"], reading)
            for p, ver, reading in sorted(found, key=lambda r: (r[2] is not None, r[0], r[1], r[2] or ()))]


def named(requirement: Requirement, instrument: str, engine: "Core") -> bool:
    """Whether the requirement sits in the instrument named (its base text or an amending one)."""
    cat = engine.catalogue
    return instrument in (cat.provisions[requirement.provision][0],
                          cat.versions[(requirement.provision, requirement.version)]["created_by"])
