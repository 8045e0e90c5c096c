"""The work budget: one bound on the time, memory and size of an assessment,
used by every path (check, batch workers, sweep, what-if, claim, audit).

- Time: `FOEDUS_TIME_LIMIT` seconds of wall clock per assessment, over
  grounding, solving and explaining. Solving is interrupted when the time is
  up; grounding cannot be, so it is bounded by size (below) and the deadline is
  checked between phases and while the explanation is built.
- Size: at most `FOEDUS_MAX_FACTS` facts from one scenario, checked before
  grounding. Grounding grows faster than the facts (measured in bench/: 6,921
  facts ground in about 4 s, 19,721 in about 30 s).
- Memory: `FOEDUS_MEMORY_LIMIT` MiB of address space for the process that
  assesses (the command, each batch worker), set by `limit_memory`; the
  Python API leaves its host process alone.

Over any bound, one WorkLimitError names the bound and how to raise it;
no partial verdict is given.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import time
from typing import Iterator

import clingo

from .errors import FoedusError


class WorkLimitError(FoedusError):
    """A bound of the work budget was reached: the verdict would be partial, so none is given."""


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):   # NaN compares false too
        raise FoedusError(f"the environment variable {name}={raw!r} is not a positive number; "
                          f"expected e.g. {name}={default:g}")
    return value


def time_limit() -> float:
    """Seconds of wall clock per assessment (FOEDUS_TIME_LIMIT, default 60)."""
    return _setting("FOEDUS_TIME_LIMIT", 60.0)


def max_facts() -> int:
    """Facts one scenario may make (FOEDUS_MAX_FACTS, default 2,000; the examples make at most 22)."""
    return int(_setting("FOEDUS_MAX_FACTS", 2000))


MIN_MEMORY_MIB = 200   # below about 100 MiB the C library aborts when clingo starts a thread: no message is possible


def memory_limit_mib() -> int:
    """Address space of an assessing process in MiB (FOEDUS_MEMORY_LIMIT, default 4,096, at least 200)."""
    value = int(_setting("FOEDUS_MEMORY_LIMIT", 4096))
    if value < MIN_MEMORY_MIB:
        raise FoedusError(f"the environment variable FOEDUS_MEMORY_LIMIT={value} is below the {MIN_MEMORY_MIB} MiB "
                          f"foedus needs to start; expected e.g. FOEDUS_MEMORY_LIMIT=4096")
    return value


_DEADLINE: contextvars.ContextVar = contextvars.ContextVar("foedus_deadline", default=None)
_PHASE = {"grounding": "grounding", "solving": "solving", "explaining": "building the explanation"}


@contextlib.contextmanager
def assessment() -> Iterator[None]:
    """The budget of one assessment. Inside another (the questions of fact a
    verdict asks, the verdicts a what-if compares), the outer one's deadline
    holds: one request, one budget. Running out of memory inside it is
    reported as a limit reached, not as a defect."""
    if _DEADLINE.get() is not None:
        yield
        return
    token = _DEADLINE.set(time.monotonic() + time_limit())
    try:
        yield
    except MemoryError:
        raise WorkLimitError(over_memory()) from None
    except RuntimeError as exc:   # clingo's C++ allocator says so in its own words
        if "bad_alloc" in str(exc):
            raise WorkLimitError(over_memory()) from None
        raise
    finally:
        _DEADLINE.reset(token)


def remaining() -> float:
    """Seconds left to the assessment under way (the whole limit outside one)."""
    deadline = _DEADLINE.get()
    return time_limit() if deadline is None else deadline - time.monotonic()


def check(phase: str) -> None:
    """Stop between phases once the time is up."""
    if remaining() <= 0:
        raise WorkLimitError(over_time(phase))


def check_size(facts: int) -> None:
    """Refuse, before grounding, a scenario larger than the budget allows."""
    bound = max_facts()
    if facts > bound:
        raise WorkLimitError(f"not assessed: the scenario makes {facts:,} facts and the work budget "
                             f"allows {bound:,} (FOEDUS_MAX_FACTS); grounding grows faster than the facts, so "
                             "split the scenario, or raise FOEDUS_MAX_FACTS (and FOEDUS_TIME_LIMIT with it)")


def solve(ctl: clingo.Control, phase: str = "solving", on_model=None, assumptions=()) -> clingo.SolveResult:
    """ctl.solve within the time left; interrupted when it runs out."""
    left = remaining()
    if left <= 0:
        raise WorkLimitError(over_time(phase))
    with ctl.solve(on_model=on_model, assumptions=list(assumptions), async_=True) as handle:
        if not handle.wait(left):
            handle.cancel()
            raise WorkLimitError(over_time(phase))
        return handle.get()


def limit_memory() -> None:
    """Bound this process's address space (the command's, a worker's)."""
    try:
        import resource
    except ImportError:   # not on this platform: time and size still bound the work
        return
    want = memory_limit_mib() * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft == resource.RLIM_INFINITY or want < soft:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def over_time(phase: str) -> str:
    return (f"the assessment did not finish within {time_limit():g} s (the work budget, "
            f"FOEDUS_TIME_LIMIT), stopped while {_PHASE.get(phase, phase)}; no partial verdict is given — "
            "raise FOEDUS_TIME_LIMIT, pin readings (--reading NAME=VALUE) or make the scenario smaller")


def over_memory() -> str:
    return (f"the assessment ran out of memory: the work budget allows {memory_limit_mib():,} MiB "
            "(FOEDUS_MEMORY_LIMIT); no partial verdict is given — raise FOEDUS_MEMORY_LIMIT or make the "
            "scenario smaller")
