"""How `letters serve` runs the app: one uvicorn configuration, used by the CLI and by the tests."""

from __future__ import annotations

from typing import Any

import uvicorn

from index.settings import Settings


def config(settings: Settings, app: Any) -> uvicorn.Config:
    """uvicorn for `app` on the settings' host and port, with proxy headers off.

    uvicorn rewrites `request.client` from X-Forwarded-For for loopback peers by default; a client
    on this machine could then pass for a trusted SSO proxy (10.9.9.9) and be answered as any user.
    Without proxy headers the address a request comes from is the socket's peer, always.
    """
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        proxy_headers=False,
        forwarded_allow_ips="",
    )
