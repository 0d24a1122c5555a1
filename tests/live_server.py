"""A real uvicorn server on a free loopback port, in a thread, for tests that need HTTP.

It is configured by `web.server.config`, exactly as `letters serve` runs it (proxy headers off).
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from index.settings import Settings
from web.server import config


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(config(Settings(host="127.0.0.1", port=self.port), app))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
