"""A pool of engine processes: each loads the knowledge base once and answers one
request at a time, under the work budget (time, memory, size) as a command would. A
process that does not answer within its deadline (grounding cannot be interrupted)
or that dies is replaced, and its request answered with a problem — so a slow or
fatal request never blocks the others, and the server keeps serving."""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

from . import problems
from .tasks import Answer

START_PATIENCE = 120.0   # seconds for a process to load the knowledge base
# requests a process answers before it is replaced: clingo keeps every symbol it has built, so a
# process that sees many scenarios grows (the batch's workers are recycled for the same reason)
# (FOEDUS_SERVE_RECYCLE sets it, for tests)
RECYCLE = max(1, int(os.environ.get("FOEDUS_SERVE_RECYCLE", "") or 500))


class PoolError(Exception):
    """The pool could not start an engine process."""


def _main(conn) -> None:
    """An engine process: load, say ready (or why not), then answer tasks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the server's to handle
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from ..base import budget
    from ..base.errors import FoedusError
    try:
        budget.limit_memory()
        budget.prepare_process()
        from ..api import Engine
        engine = Engine()
        engine.catalogue   # noqa: B018 — loaded before the first request, not during it
    except FoedusError as exc:
        conn.send(("failed", str(exc)))
        return
    from .tasks import run
    conn.send(("ready", engine.provenance().model_dump()))
    while True:
        try:
            task, args = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run(engine, task, args))


class _Process:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_main, args=(child,), daemon=True, name="foedus-engine")
        self.process.start()
        child.close()
        self.answered = 0

    def ready(self, patience: float) -> dict:
        if not self.conn.poll(patience):
            self.stop()
            raise PoolError(f"an engine process did not start within {patience:g} s")
        try:
            kind, info = self.conn.recv()
        except (EOFError, OSError):
            raise PoolError("an engine process died while loading the knowledge base") from None
        if kind != "ready":
            raise PoolError(info)
        return info

    def call(self, task: str, args: dict, deadline: float) -> Answer:
        """The answer, or TimeoutError / EOFError when the process is late or dead."""
        self.conn.send((task, args))
        if not self.conn.poll(deadline):
            raise TimeoutError
        self.answered += 1
        return self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class EnginePool:
    def __init__(self, workers: int):
        self.workers = workers
        self._ctx = multiprocessing.get_context("spawn")   # never fork a process that runs an event loop
        self._threads = ThreadPoolExecutor(max_workers=workers + 1, thread_name_prefix="foedus-pool")
        self._idle: Optional[asyncio.Queue] = None
        self._all: set[_Process] = set()
        self.provenance: dict = {}

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(*(loop.run_in_executor(self._threads, self._spawn)
                                         for _ in range(self.workers)), return_exceptions=True)
        failed = [s for s in started if isinstance(s, BaseException)]
        for s in started:
            if not isinstance(s, BaseException):
                self._idle.put_nowait(s)
        if failed:
            self.close()
            raise failed[0]

    def _spawn(self) -> _Process:
        proc = _Process(self._ctx)
        self._all.add(proc)
        try:
            self.provenance = proc.ready(START_PATIENCE)
        except PoolError:
            self._all.discard(proc)
            proc.stop()
            raise
        return proc

    @property
    def ready(self) -> int:
        return self._idle.qsize() if self._idle else 0

    async def call(self, task: str, args: dict, deadline: float) -> Answer:
        proc = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            answer = await loop.run_in_executor(self._threads, proc.call, task, args, deadline)
        except (TimeoutError, EOFError, OSError) as exc:
            late = isinstance(exc, TimeoutError)
            self._drop(proc)
            p = problems.problem(
                "unavailable" if late else "internal",
                f"its engine process did not answer within {deadline:g} s (the work budget, FOEDUS_TIME_LIMIT, "
                "plus a grace); it was replaced" if late else
                "its engine process died (out of memory, or a crash in the solver); it was replaced")
            return p["status"], problems.MEDIA_TYPE, problems.body(p)
        except BaseException:
            # the request was cancelled while its process worked: the process is replaced,
            # since its answer would be read by the next request
            self._drop(proc)
            raise
        if proc.answered >= RECYCLE:
            asyncio.get_running_loop().create_task(self._retire(proc))
        else:
            self._idle.put_nowait(proc)
        return answer

    def _drop(self, proc: _Process) -> None:
        """A process that cannot go on (late, dead, or holding a cancelled request's answer):
        stopped now, a replacement started in the background."""
        self._all.discard(proc)
        proc.stop()
        asyncio.get_running_loop().create_task(self._replace())

    async def _retire(self, proc: _Process) -> None:
        """A replacement first, then the old process stopped."""
        await self._replace()
        self._all.discard(proc)
        proc.stop()

    async def _replace(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                self._idle.put_nowait(await loop.run_in_executor(self._threads, self._spawn))
                return
            except PoolError:
                await asyncio.sleep(1.0)

    def close(self) -> None:
        for proc in list(self._all):
            proc.stop()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
