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
import threading
import time
from typing import TYPE_CHECKING, Iterator

from .errors import FoedusError

if TYPE_CHECKING:   # clingo is imported where it is used: `foedus --help` does not load it
    import clingo


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


class _Watchdog:
    """One thread per process that interrupts a solve past its deadline (clingo's
    Control.interrupt is thread-safe). Solving in a thread of its own (async) would
    start a thread per solve, and a process at its memory bound cannot start one:
    glibc aborts it, with no error to catch."""

    def __init__(self):
        self.pid = os.getpid()   # a forked worker inherits the object, not the thread
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[clingo.Control, float]] = {}
        self._fired: set[int] = set()
        self._next = 0
        threading.Thread(target=self._watch, name="foedus-watchdog", daemon=True).start()

    def _watch(self) -> None:
        _touch_thread_locals()
        with self._cond:
            while True:
                if not self._armed:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                for token, (ctl, deadline) in list(self._armed.items()):
                    if deadline <= now:
                        ctl.interrupt()
                        self._fired.add(token)
                        del self._armed[token]
                if self._armed:
                    self._cond.wait(min(d for _, d in self._armed.values()) - now)

    def arm(self, ctl: clingo.Control, deadline: float) -> int:
        with self._cond:
            self._next += 1
            self._armed[self._next] = (ctl, deadline)
            self._cond.notify()
            return self._next

    def disarm(self, token: int) -> bool:
        """Whether the solve was interrupted."""
        with self._cond:
            self._armed.pop(token, None)
            fired = token in self._fired
            self._fired.discard(token)
            return fired


_WATCHDOG: list[_Watchdog] = []
_WATCHDOG_LOCK = threading.Lock()


def _watchdog() -> _Watchdog:
    with _WATCHDOG_LOCK:
        if not _WATCHDOG or _WATCHDOG[0].pid != os.getpid():
            _WATCHDOG[:] = [_Watchdog()]
        return _WATCHDOG[0]


@contextlib.contextmanager
def watched(ctl: clingo.Control, phase: str = "solving") -> Iterator[None]:
    """Solve calls inside run in this thread and are interrupted when the assessment's
    time is up; then WorkLimitError is raised."""
    left = remaining()
    if left <= 0:
        raise WorkLimitError(over_time(phase))
    dog = _watchdog()
    token = dog.arm(ctl, time.monotonic() + left)
    try:
        yield
    finally:
        fired = dog.disarm(token)
    if fired:
        raise WorkLimitError(over_time(phase))


def solve(ctl: clingo.Control, phase: str = "solving", on_model=None, assumptions=()) -> clingo.SolveResult:
    """ctl.solve within the time left; interrupted when it runs out."""
    with watched(ctl, phase):
        return ctl.solve(on_model=on_model, assumptions=list(assumptions))


def _touch_thread_locals() -> None:
    """Make clingo set its thread's error message once, while memory is free: glibc
    allocates a library's thread-local storage on first use, and if that first use
    is the report of running out of memory, the process exits on the spot
    ("cannot allocate memory for thread-local data") instead of raising an error."""
    import clingo
    try:
        clingo.parse_term("foedus(")
    except RuntimeError:
        pass


def start_watchdog() -> None:
    """Start this process's watchdog (a forked child has none), while memory is free."""
    _watchdog()


def prepare_process() -> None:
    """Under the memory bound, before the work: the watchdog's thread started and clingo's
    thread-local storage allocated — past the bound neither could be, and glibc would end
    the process instead of raising an error. Called when an Engine is built and in each
    forked worker."""
    if memory_limited():
        start_watchdog()
        _touch_thread_locals()


def limit_memory() -> None:
    """Bound this process's address space (the command's, a worker's). What must happen
    while memory is free happens when the engine is built (prepare_process)."""
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
    _LIMITED.append(True)


_LIMITED: list[bool] = []


def memory_limited() -> bool:
    """Whether this process runs under the work budget's memory bound (the command does; the API does not)."""
    return bool(_LIMITED)


def over_time(phase: str) -> str:
    return (f"the assessment did not finish within {time_limit():g} s (the work budget, "
            f"FOEDUS_TIME_LIMIT), stopped while {_PHASE.get(phase, phase)}; no partial verdict is given — "
            "raise FOEDUS_TIME_LIMIT, pin readings (--reading NAME=VALUE) or make the scenario smaller")


def over_memory() -> str:
    return (f"the assessment ran out of memory: the work budget allows {memory_limit_mib():,} MiB "
            "(FOEDUS_MEMORY_LIMIT); no partial verdict is given — raise FOEDUS_MEMORY_LIMIT or make the "
            "scenario smaller")
