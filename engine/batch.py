"""Many scenarios: inputs from files, folders or JSON Lines, assessed in one
process or several, streamed in input order.

Each worker process loads the rules and the world once (Engine) and then
assesses one scenario per clingo Control: measured side by side in bench/, a
Control per scenario over the pre-parsed rules costs about the grounding
itself, and it keeps every verdict independent of the others.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import FoedusError, InputError


@dataclass
class Item:
    """One scenario to assess: a file path, or a parsed JSON Lines record."""
    label: str
    path: Optional[Path] = None
    data: Optional[dict] = None
    error: Optional[str] = None


def gather(args: Iterable[Union[str, Path]], stdin=None) -> Iterator[Item]:
    """Expand arguments: files as given, folders to their *.yaml/*.yml/*.json
    (sorted), '-' to JSON Lines read from standard input."""
    for arg in args:
        if str(arg) == "-":
            stream = stdin or sys.stdin
            for n, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                label = f"<stdin>:{n}"
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Item(label, error=f"{label}: not valid JSON: {exc.msg}")
                    continue
                if not isinstance(data, dict):
                    yield Item(label, error=f"{label}: expected a JSON object (a scenario) per line")
                    continue
                yield Item(label, data=data)
            continue
        path = Path(arg)
        if path.is_dir():
            for child in sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".json")):
                yield Item(str(child), path=child)
        else:
            yield Item(str(path), path=path)


_ENGINE = None
RECYCLE = 500   # scenarios per worker process before it is replaced


def _init(readings: dict) -> None:
    global _ENGINE, _READINGS
    from .api import Engine
    _ENGINE, _READINGS = Engine(), readings


_READINGS: dict = {}


def _assess(item: Item) -> tuple[str, Optional[str], Optional[str]]:
    """(label, verdict JSON or None, error message or None) — picklable."""
    if item.error:
        return item.label, None, item.error
    try:
        verdict = _ENGINE.assess(item.path if item.path is not None else item.data, _READINGS)
    except InputError as exc:
        text = str(exc)
        if item.data is not None and text.startswith("<scenario>"):
            text = item.label + text[len("<scenario>"):]
        return item.label, None, text
    except FoedusError as exc:
        return item.label, None, f"{item.label}: {exc}"
    return item.label, verdict.model_dump_json(), None


def assess_many(items: Iterable[Item], jobs: int = 1, readings: Optional[dict] = None,
                engine=None) -> Iterator[tuple[str, Optional[str], Optional[str]]]:
    """Assess items in input order; with jobs > 1 in that many processes."""
    readings = readings or {}
    items = list(items)
    if jobs <= 1 and len(items) <= RECYCLE:
        global _ENGINE, _READINGS
        if engine is not None:
            _ENGINE, _READINGS = engine, readings
        else:
            _init(readings)
        for item in items:
            yield _assess(item)
        return
    import multiprocessing as mp
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    # workers are replaced every RECYCLE scenarios: clingo keeps every symbol
    # it has ever built, so a process that sees many different dates grows;
    # recycling keeps memory flat however many scenarios stream through
    chunk = 8
    with ctx.Pool(max(jobs, 1), initializer=_init, initargs=(readings,),
                  maxtasksperchild=max(1, RECYCLE // chunk)) as pool:
        yield from pool.imap(_assess, items, chunksize=chunk)
