"""A job whose module takes two seconds to import, as the readers do on a loaded machine; a module
of its own so the sleep happens in the worker when it unpickles the job, not in the test."""

from __future__ import annotations

import time

time.sleep(2.0)


def quick(job: str) -> str:
    return job.upper()
