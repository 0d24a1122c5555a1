"""Who is asking: a signed-in session, a trusted SSO proxy's header, or single-user local mode.

Every page and API route depends on `current_user` through its reader (`web.deps.ReaderDep`);
what a user may see is decided inside that reader (`assistant.reader.Reader`), so no route can
forget it.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import HTTPException, Request

from web.users import Session, User, single_user_mode

SESSION_COOKIE = "letters_session"
CSRF_COOKIE = "letters_csrf"


class LoginRequired(Exception):
    """No valid identity: pages go to /login, the API answers 401."""


def current_user(request: Request) -> User:
    services = request.app.state.services
    settings = services.settings
    request.state.session = None
    header = settings.trusted_proxy_header
    if header:
        name = request.headers.get(header)
        client = request.client.host if request.client else ""
        # The header counts only from a configured proxy; from anyone else it is ignored.
        if name and client in settings.trusted_proxies:
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
    """The token forms carry: the session's own, else a double-submit cookie's."""
    session: Session | None = getattr(request.state, "session", None)
    if session is not None:
        return session.csrf
    token: str | None = getattr(request.state, "csrf_cookie", None)
    if token is None:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf_cookie = token
        request.state.set_csrf_cookie = CSRF_COOKIE not in request.cookies
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = csrf_token(request)
    if not submitted or not secrets.compare_digest(submitted, expected):
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
