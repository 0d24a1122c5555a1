"""Run one job per worker process, each under a time and memory limit: a bad file costs only itself.

Users of other tools lose a whole index run to one PDF that crashes, hangs or eats the memory of
the parser (Khoj #274). Here each file is parsed in a worker process that caps its own address
space (RLIMIT_AS, inherited by pdftoppm and tesseract) and leads its own process group; a worker
that overruns its time is killed with everything it started, one that dies is replaced, and the
file is reported with a one-line reason. Workers are started with "spawn": the parent may hold
the embedding model and its threads, which a forked child must not inherit.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

# Seconds a fresh worker may take to start and import the readers before it is given up on.
_STARTUP_LIMIT = 60.0

J = TypeVar("J")
R = TypeVar("R")


@dataclass(frozen=True)
class Lost:
    """A job that produced no result; `reason` is one line for the report."""

    reason: str


@dataclass(frozen=True)
class Limits:
    timeout: float  # seconds per job
    memory_mb: int  # address space per worker (and the programs it runs)


def _serve(conn: Connection, memory_bytes: int) -> None:
    """A worker's loop: receive (function, job), send back ("ok", result) or ("lost", reason)."""
    os.setpgrp()  # so the parent can kill this worker together with any program it started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    while True:
        try:
            func, job = conn.recv()  # unpickling imports the reader's modules: start-up, not reading
            conn.send(("started", None))
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", func(job))
        except MemoryError:
            reply = ("lost", f"out of memory (over the {memory_bytes >> 20} MB limit)")
        except RecursionError:
            reply = ("lost", "damaged: nested too deeply to read")
        except BaseException as exc:  # the job function should catch its own errors; this is a last guard
            reply = ("lost", f"could not be parsed ({type(exc).__name__}: {exc})")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("lost", f"out of memory (over the {memory_bytes >> 20} MB limit)"))
        except OSError:  # the parent is gone (killed): nobody wants the result
            return
        if reply[0] == "lost":
            return  # a worker that ran out of memory may be left in a bad state: start afresh


class _Worker:
    def __init__(self, ctx: Any, memory_bytes: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, memory_bytes), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end now, so its death is seen as EOF here

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()  # not yet in its own group
        self.process.join(5)
        self.conn.close()

    def death(self) -> str:
        """Why a worker that vanished mid-job died, as a report reason."""
        self.process.join(5)
        code = self.process.exitcode
        self.conn.close()
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            if -code in (signal.SIGKILL, signal.SIGABRT):
                # Under RLIMIT_AS a failed allocation in C code aborts; the kernel's OOM killer kills.
                return f"out of memory (the reader was stopped by {name})"
            return f"damaged: the reader crashed ({name})"
        return f"damaged: the reader exited unexpectedly (status {code})"


class IsolatedRunner(Generic[J, R]):
    """Runs `func(job)` for each job in up to `workers` processes; yields (job, result or Lost)."""

    def __init__(self, func: Callable[[J], R], *, workers: int, limits: Limits) -> None:
        self.func = func
        self.workers = max(1, workers)
        self.limits = limits
        self.memory_bytes = limits.memory_mb << 20
        self._ctx = multiprocessing.get_context("spawn")

    def run(self, jobs: Sequence[J]) -> Iterator[tuple[J, R | Lost]]:
        pending = deque(jobs)
        idle: list[_Worker] = []
        # worker, job, deadline, started; the time limit starts once the worker has the job in hand, so a
        # slow start (a fresh Python importing the readers on a loaded machine took over 3 s) does
        # not count against the file. Start-up has a limit of its own in case it hangs.
        busy: dict[Connection, tuple[_Worker, J, float, bool]] = {}
        startup = max(_STARTUP_LIMIT, self.limits.timeout)
        try:
            while pending or busy:
                while pending and len(busy) < self.workers:
                    worker = idle.pop() if idle else _Worker(self._ctx, self.memory_bytes)
                    job = pending.popleft()
                    try:
                        worker.conn.send((self.func, job))
                    except (OSError, ValueError):  # the worker died before it was given work
                        worker.kill()
                        pending.appendleft(job)
                        continue
                    busy[worker.conn] = (worker, job, time.monotonic() + startup, False)
                nearest = min(deadline for _, _, deadline, _ in busy.values())
                ready = wait(list(busy), timeout=max(0.0, nearest - time.monotonic()))
                for conn in ready:
                    worker, job, _, _ = busy.pop(conn)  # type: ignore[call-overload]
                    try:
                        status, value = worker.conn.recv()
                    except (EOFError, OSError):
                        yield job, Lost(worker.death())
                        continue
                    if status == "started":
                        busy[worker.conn] = (worker, job, time.monotonic() + self.limits.timeout, True)
                    elif status == "ok":
                        idle.append(worker)
                        yield job, value
                    else:
                        worker.kill()
                        yield job, Lost(value)
                now = time.monotonic()
                for conn, (worker, job, deadline, started) in list(busy.items()):
                    if deadline <= now:
                        del busy[conn]
                        worker.kill()
                        if started:
                            yield job, Lost(f"timed out (still reading after {self.limits.timeout:.0f}s)")
                        else:
                            yield job, Lost(f"timed out (the reader did not start within {startup:.0f}s)")
        finally:
            for worker in idle + [w for w, _, _, _ in busy.values()]:
                worker.kill()
