"""Who is asking: a signed-in session, a trusted SSO proxy's header, or single-user local mode.

Every page and API route depends on `current_user` through its reader (`web.deps.ReaderDep`);
what a user may see is decided inside that reader (`assistant.reader.Reader`), so no route can
forget it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import quote

from fastapi import HTTPException, Request, Response

from web.security import AddHeaders, Scope
from web.users import Session, User, single_user_mode

SESSION_COOKIE = "letters_session"
CSRF_COOKIE = "letters_csrf"
NONCE = re.compile(r"[A-Za-z0-9_-]{32,64}")


class LoginRequired(Exception):
    """No valid identity: pages go to /login, the API answers 401."""


def current_user(request: Request) -> User:
    services = request.app.state.services
    settings = services.settings
    request.state.session = None
    header = settings.trusted_proxy_header
    if header:
        name = request.headers.get(header)
        # The header counts only from a configured proxy (the socket's peer, never a header a client
        # wrote, such as X-Forwarded-For); from anyone else it is ignored.
        if name and peer(request) in settings.trusted_proxies:
            user = services.users.get(name.strip())
            if user is None:
                raise LoginRequired
            request.state.via = "sso"
            request.state.user = user
            return user
    if single_user_mode(settings, services.users):
        request.state.user = User("local", "admin", settings.levels().top_name())
        return request.state.user
    token = request.cookies.get(SESSION_COOKIE)
    session = services.users.session(token) if token else None
    if session is None:
        raise LoginRequired
    request.state.session = session
    request.state.user = session.user
    return session.user


def csrf_token(request: Request) -> str:
    """The token forms carry: the session's own, else the server's signature of this browser's nonce.

    Before sign-in the cookie holds a random nonce and the form the HMAC of it under the server's
    secret (DATA_DIR/secret.key): a page elsewhere that plants a cookie and a token of its choosing
    (login CSRF) cannot sign them.
    """
    session: Session | None = getattr(request.state, "session", None)
    if session is not None:
        return session.csrf
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        nonce = request.cookies.get(CSRF_COOKIE) or ""
        if not NONCE.fullmatch(nonce):
            nonce = secrets.token_urlsafe(32)
            request.state.set_csrf_cookie = True
        request.state.csrf_cookie = nonce
        secret: bytes = request.app.state.secret
        token = hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()
        request.state.csrf_token = token
    return token


def peer(request: Request) -> str:
    """The socket's peer address: `letters serve` runs uvicorn without proxy headers (web.server)."""
    return request.client.host if request.client else ""


def client_address(request: Request) -> str:
    """Whom a sign-in lock-out counts against: the peer, or from a configured proxy whom it forwards."""
    address = peer(request)
    if address in request.app.state.services.settings.trusted_proxies:
        # The proxy appends the address it saw; earlier entries are whatever the client wrote.
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
        return forwarded or address
    return address


class CsrfCookie(AddHeaders):
    """A page that issued a fresh double-submit token hands its cookie over with the page.

    Plain ASGI: as `@app.middleware("http")` (Starlette's BaseHTTPMiddleware, a task and a stream per
    request) it cost 1-2 ms of every request, a search's included (BENCHMARKS.md, scale).
    """

    def headers(self, scope: Scope) -> list[tuple[bytes, bytes]]:
        state = scope.get("state") or {}
        token = state.get("csrf_cookie")
        if not (token and state.get("set_csrf_cookie")):
            return []
        cookie, secure = Response(), is_https(Request(scope))
        cookie.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure)
        return [h for h in cookie.raw_headers if h[0] == b"set-cookie"]


def is_https(request: Request) -> bool:
    """HTTPS to this server, or to a configured proxy that says so (X-Forwarded-Proto) in front of it."""
    if request.url.scheme == "https":
        return True
    trusted = peer(request) in request.app.state.services.settings.trusted_proxies
    return trusted and request.headers.get("x-forwarded-proto", "").lower() == "https"


def cross_site(request: Request) -> bool:
    """The browser says another site started this request (Fetch Metadata; old browsers send nothing)."""
    return request.headers.get("sec-fetch-site", "").lower() == "cross-site"


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = csrf_token(request)
    if cross_site(request) or not submitted or not hmac.compare_digest(submitted.encode(), expected.encode()):
        raise HTTPException(
            403, "The form has expired or did not come from this site; reload the page and try again."
        )


def login_redirect_target(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(target, safe='')}"


def safe_next(target: str | None) -> str:
    """Only a path on this site: never `//host` or `https://…`, which would send the user away."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
