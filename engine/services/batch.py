"""Many scenarios: inputs from files, folders or JSON Lines, assessed in one
process or several, streamed in input order.

Each worker process loads the rules and the world once (core.assess.Core). Verdicts are
grounded a chunk of scenarios at a time, keyed by scenario id (keyed.py):
measured in bench/, that removes the fixed cost of a grounding per scenario —
most of a brief verdict's time, and most of clingo's in a full one. Briefs
read every scenario of a chunk in two solves (chunk.py); full verdicts read
every scenario's default answer set in one solve, then each scenario's
combinations of the readings its provisions use (fullchunk.py). Under the
command's memory bound, a one-process batch runs in a forked child (_isolated).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..base import budget
from ..base.documents import MAX_BYTES, Document, parse_document
from ..base.errors import FoedusError, InputError


@dataclass
class Item:
    """One scenario to assess: a file path, or a parsed JSON Lines record."""
    label: str
    path: Optional[Path] = None
    data: Optional[dict] = None
    error: Optional[str] = None
    document: Optional[Document] = None   # one YAML or JSON document read from standard input


def gather(args: Iterable[Union[str, Path]], stdin=None, jsonl: bool = False) -> Iterator[Item]:
    """Expand arguments: files as given, folders to their *.yaml/*.yml/*.json
    (sorted), '-' to standard input: JSON Lines when its first non-blank line is a JSON
    object on one line (or `jsonl` says so), streamed; otherwise one YAML or JSON document, read as
    a file is (the same reader, the same limit)."""
    for arg in args:
        if str(arg) == "-":
            yield from _standard_input(stdin or sys.stdin, jsonl)
            continue
        path = Path(arg)
        if path.is_dir():
            try:
                listed = sorted(path.iterdir())
            except OSError as exc:
                yield Item(str(path), error=f"{path}: cannot be read ({exc.strerror or exc})")
                continue
            children = [p for p in listed if p.suffix.lower() in (".yaml", ".yml", ".json")]
            for lines in (p for p in listed if p.suffix.lower() == ".jsonl"):   # said, not silently skipped
                yield Item(str(lines), error=f"{lines}: is JSON Lines; read it from standard input: "
                                             f"foedus check - < {lines}")
            if not children:
                yield Item(str(path), error=f"{path}: holds no scenario file; expected *.yaml, *.yml or *.json "
                                            "files (JSON Lines are read from '-', standard input)")
            for child in children:
                yield Item(str(child), path=child)
        else:
            yield Item(str(path), path=path)


def _standard_input(stream, jsonl: bool) -> Iterator[Item]:
    lines = iter(enumerate(stream, 1))
    head = []
    for n, line in lines:
        if n == 1:
            line = line.lstrip("\ufeff")   # a byte-order mark, as files accept it
        head.append((n, line))
        if line.strip():
            break
    first = head[-1][1] if head else ""
    if not jsonl and first.strip() and not _json_object(first):
        # one document: the head and the rest, at most MAX_BYTES (one byte past it is enough to refuse)
        text = "".join(line for _, line in head)
        for _, line in lines:
            text += line
            if len(text) > MAX_BYTES:
                break
        if len(text.encode("utf-8")) > MAX_BYTES:
            yield Item("<stdin>", error=f"<stdin>: is more than {MAX_BYTES:,} bytes long; expected a scenario "
                                        f"of at most {MAX_BYTES:,} bytes (the limit of a file)")
            return
        try:
            yield Item("<stdin>", document=parse_document(text.encode("utf-8"), "<stdin>"))
        except InputError as exc:
            yield Item("<stdin>", error=str(exc))
        return
    for n, line in [*head, *lines]:
        if line.strip():
            yield read_record(f"<stdin>:{n}", line)


def _json_object(line: str) -> bool:
    """A line that is meant as one JSON object ({...} on one line), valid or not: the errors of
    JSON Lines are then said line by line."""
    text = line.strip()
    return text.startswith("{") and text.endswith("}")


def read_record(label: str, line: str) -> Item:
    """One JSON Lines record as an Item: its scenario, or why it is not one."""
    if len(line) > MAX_BYTES:
        return Item(label, error=f"{label}: is more than {MAX_BYTES:,} bytes long; expected a scenario "
                                 f"of at most {MAX_BYTES:,} bytes (the limit of a file)")
    try:
        data = json.loads(line, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        return Item(label, error=f"{label}: not valid JSON: {exc.msg}")
    except RecursionError:
        return Item(label, error=f"{label}: nests too deep to be a scenario")
    except ValueError as exc:   # a repeated key, as in files
        return Item(label, error=f"{label}: {exc}")
    if not isinstance(data, dict):
        return Item(label, error=f"{label}: expected a JSON object (a scenario) per line")
    return Item(label, data=data)


def _unique_keys(pairs: list) -> dict:
    """A JSON object whose keys are unique (files refuse repeated keys too)."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"repeats the key '{key}'")
        out[key] = value
    return out


_ENGINE = None
_READINGS: dict = {}
_BRIEF = False
RECYCLE = 500   # scenarios per worker process before it is replaced
RECYCLE_BRIEF = 1000   # scenarios per brief worker (grounded in chunks): memory measured flat below 150 MiB (bench/)

Result = tuple[str, Optional[str], Optional[str]]   # label, verdict JSON or None, error or None


def _init(readings: dict, brief: bool, engine=None) -> None:
    """Set up a worker: a forked one inherits the parent's engine (loaded once,
    also for the workers that replace recycled ones); a spawned one loads its own."""
    global _ENGINE, _READINGS, _BRIEF
    if engine is None:
        from ..core.assess import Core
        engine = _ENGINE or Core()
    _ENGINE, _READINGS, _BRIEF = engine, readings, brief


def _worker(readings: dict, brief: bool) -> None:
    """Set up a worker process: Ctrl-C is the parent's to handle (it ends the
    pool; a worker's KeyboardInterrupt would only print a traceback), and the
    work budget's memory bound holds for it as for the command."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    budget.limit_memory()
    budget.prepare_process()
    _init(readings, brief)


def _error(item: Item, exc: FoedusError) -> Result:
    text = str(exc)
    if isinstance(exc, InputError):
        if item.data is not None and text.startswith("<scenario>"):
            text = item.label + text[len("<scenario>"):]
        return item.label, None, text
    return item.label, None, f"{item.label}: {exc}"


def _assess_batch(items: list[Item]) -> list[Result]:
    """Verdicts for a batch of items, in order — picklable results."""
    out: list[Optional[Result]] = [None] * len(items)
    valid = []
    for i, item in enumerate(items):
        if item.error:
            out[i] = (item.label, None, item.error)
            continue
        try:
            resolved = _ENGINE.resolve(item.path if item.path is not None else
                                       item.document if item.document is not None else item.data, _READINGS)
        except FoedusError as exc:
            out[i] = _error(item, exc)
            continue
        except MemoryError:
            out[i] = (item.label, None, f"{item.label}: {budget.over_memory()}")
            continue
        except Exception as exc:   # noqa: BLE001 — one scenario's fault never ends the batch
            out[i] = (item.label, None, f"{item.label}: could not be assessed ({type(exc).__name__}: {exc}); "
                                        "please report it")
            continue
        valid.append((i, resolved))
    if valid:
        # briefs and full verdicts alike: a chunk of scenarios per grounding
        verdicts = (_ENGINE.brief_resolved if _BRIEF else _ENGINE.full_resolved)([r for _, r in valid])
        for (i, _), verdict in zip(valid, verdicts):
            out[i] = _error(items[i], verdict) if isinstance(verdict, FoedusError) else \
                (items[i].label, verdict.model_dump_json(), None)
    return out


def assess_many(items: Iterable[Item], jobs: int = 1, readings: Optional[dict] = None,
                engine=None, brief: bool = False) -> Iterator[Result]:
    """Assess items in input order; with jobs > 1 in that many processes.
    brief: verdicts without explanations, grounded a chunk at a time."""
    from ..core.brief import CHUNK
    from ..core.fullchunk import BATCH as FULL_BATCH
    readings = readings or {}
    items = list(items)
    size = CHUNK if brief else FULL_BATCH
    recycle = RECYCLE_BRIEF if brief else RECYCLE
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    if jobs <= 1 and len(items) <= recycle:
        _init(readings, brief, engine)
        if not (budget.memory_limited() and hasattr(os, "fork")):
            for batch in batches:
                yield from _assess_batch(batch)
            return
        if len(items) > 1:   # the keyed rules, built once before forking
            (_ENGINE.brief_resolved if brief else _ENGINE.full_resolved)([])
        for batch in batches:
            yield from _isolated(batch)
        return
    import multiprocessing as mp
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    if ctx.get_start_method() == "fork":
        _init(readings, brief, engine)
        # the keyed rules too, before forking
        (_ENGINE.brief_resolved if brief else _ENGINE.full_resolved)([])
    # workers are replaced every RECYCLE scenarios: clingo keeps every symbol
    # it has ever built, so a process that sees many different dates grows;
    # recycling keeps memory flat however many scenarios stream through
    pending = batches
    while pending:
        with ctx.Pool(max(jobs, 1), initializer=_worker, initargs=(readings, brief),
                      maxtasksperchild=max(1, recycle // size)) as pool:
            answers, done = pool.imap(_assess_batch, pending), 0
            try:
                for batch in pending:
                    results = answers.next(timeout=patience(len(batch)))
                    done += 1
                    yield from results
                pending = []
            except mp.TimeoutError:
                # a worker past every scenario's budget (grounding cannot be
                # interrupted) or one that died: a new pool, the rest resubmitted;
                # a batch is retried one scenario at a time to find the one at fault
                pool.terminate()
                late, pending = pending[done], pending[done + 1:]
                if len(late) > 1:
                    pending = [[item] for item in late] + pending
                else:
                    yield (late[0].label, None, f"{late[0].label}: not assessed: its worker process did not answer "
                                                f"within {patience(len(late)):g} s (the work budget, FOEDUS_TIME_LIMIT, "
                                                "plus a grace); it died or could not be interrupted")


def _isolated(batch: list[Item]) -> list[Result]:
    """A batch assessed in a forked child of this process. Under the memory bound,
    clingo can crash inside grounding when an allocation fails (a segmentation
    fault, measured about once in fifteen runs of tests/test_budget.py's crowded
    scenario): the crash is then reported for the scenario at fault, and the
    command goes on."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: assess, hand the results over, leave at once
        code = 0
        try:
            budget.prepare_process()   # the parent's watchdog thread is not forked: this process's own
            os.close(read)
            with os.fdopen(write, "wb") as out:
                out.write(json.dumps(_assess_batch(batch)).encode("utf-8"))
        except BaseException:   # noqa: BLE001 — whatever it was, the parent reports the batch
            code = 3
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        results = json.loads(data)
        if isinstance(results, list) and len(results) == len(batch) and all(
                isinstance(r, list) and len(r) == 3 for r in results):
            return [tuple(r) for r in results]
    if len(batch) > 1:   # one at a time, to find the one at fault
        return [result for item in batch for result in _isolated([item])]
    how = f"signal {-code}" if code < 0 else f"exit status {code}"
    return [(batch[0].label, None, f"{batch[0].label}: {budget.over_memory()} (its process died: {how})")]


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity, capped by a cgroup v2 CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text(encoding="ascii").split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def default_jobs(items: int) -> int:
    """--jobs when not given: one process for one scenario, else one per usable CPU (on 2 shared
    cores two workers were measured 1.67x one, full and brief: bench/results/jobs-2026-12-02.txt)."""
    return 1 if items <= 1 else usable_cpus()


def patience(scenarios: int) -> float:
    """How long a parent waits for a worker's answer on this many scenarios: every scenario's
    time budget, a chunk's own try before it is split, and a grace for starting a worker."""
    return (scenarios + 1) * budget.time_limit() + GRACE


GRACE = 30.0   # seconds: a worker's start (a spawned one loads the knowledge base)
