"""Headers every response carries, a cap on request bodies, the Host check, and the server's secret."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere, and nothing from outside the app: it runs offline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# What single-user local mode answers to: a page elsewhere that rebinds its own name to 127.0.0.1
# (DNS rebinding) sends its own name as Host, and is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SECRET_FILE = "secret.key"


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class AddHeaders:
    """ASGI middleware appending `headers(scope)`, asked when the response starts, to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def headers(self, scope: Scope) -> list[tuple[bytes, bytes]]:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers(scope)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SecurityHeaders(AddHeaders):
    """Adds the security headers to every response, the 500 page of the outermost error layer included."""

    def headers(self, scope: Scope) -> list[tuple[bytes, bytes]]:
        return HEADERS


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Answers 413 to a body over `max_body` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._too_large(send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        kib = self.max_body // 1024
        await _send_json(send, 413, f"the request body is over {kib} KiB; send a shorter question")


def host_allowed(host: str, allowed: Sequence[str]) -> bool:
    """Is `host` (a Host header, port optional) one of `allowed` (names without ports)?"""
    host = host.strip().lower()
    name = host[: host.index("]") + 1] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
    rest = host[len(name) :]
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return False
    return name in {a.lower() for a in allowed}


class HostCheck:
    """Answers 400 to a Host the app does not serve; `allowed()` gives the names, None for any."""

    def __init__(self, app: ASGIApp, allowed: Callable[[], Sequence[str] | None]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            names = self.allowed()
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if names is not None and not host_allowed(host, names):
                detail = (
                    f"this server does not answer to the host name {host[:100]!r}; open it at "
                    f"{' or '.join(names)} (LETTERS_ALLOWED_HOSTS lists the names it answers to)"
                )
                await _send_json(send, 400, detail)
                return
        await self.app(scope, receive, send)


def server_secret(data_dir: Path) -> bytes:
    """The key that signs pre-sign-in CSRF tokens: made once in DATA_DIR, readable by its owner only."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        draft = data_dir / f".{SECRET_FILE}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(draft, path)  # atomic, and only the first of two starting servers wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return bytes.fromhex(path.read_text().strip())
