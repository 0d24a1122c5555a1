"""The audit log: one JSON object per line for every sign-in, question, search, view and export."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.private import open_private, private_file, private_folder


class Audit:
    def __init__(self, path: Path) -> None:
        private_folder(path.parent)
        self.path = private_file(path)  # who asked what: 0600
        self._lock = threading.Lock()

    def record(self, user: str, event: str, **details: Any) -> None:
        entry = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "user": user, "event": event}
        entry.update(details)
        # ASCII JSON: a newline in a field is written "\n", and so are U+2028, NEL and the other
        # characters some readers break lines at, so no field can start a forged line of its own.
        line = json.dumps(entry)
        with (
            self._lock,
            os.fdopen(open_private(self.path, os.O_WRONLY | os.O_APPEND), "a", encoding="utf-8") as fh,
        ):
            fh.write(line + "\n")


def read(path: Path, *, user: str | None = None, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Entries in order, optionally only one user's, or from a date (ISO) on."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            entry = json.loads(line)
            if user and entry.get("user") != user:
                continue
            if since and entry.get("time", "") < since:
                continue
            yield entry
