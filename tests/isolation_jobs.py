"""Jobs for tests/test_isolation.py, in a module of their own: a worker process imports it, and a
test module would drag pytest and numpy into the worker's small memory limit."""

from __future__ import annotations

import os
import signal
import time


def echo(job: str) -> str:
    return job.upper()


def misbehave(job: str) -> str:
    if job == "hang":
        time.sleep(3600)
    if job == "hog":
        return str(len(bytearray(8 << 30)))  # 8 GB, far past the limit
    if job == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    return job.upper()
