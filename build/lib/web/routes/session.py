"""Sign-in and sign-out."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.auth import SESSION_COOKIE, check_csrf, client_address, is_https, peer, safe_next
from web.deps import ServicesDep
from web.routes.pages import render
from web.users import HashersBusy, UserError, canonical_name, single_user_mode

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
FAILED_DELAY = 0.5  # seconds added to every failed sign-in, on top of the lock-out


def failure_message(max_failed: int, minutes: float) -> str:
    """One message for every failed sign-in: it tells no real account from an unknown one, nor a lock."""
    return (
        f"The user name or password is not right. After {max_failed} failed tries, sign-in from this "
        f"address pauses for {round(minutes)} minutes."
    )


def _audit_name(username: str) -> str:
    try:
        return canonical_name(username)
    except UserError:
        return username[:64]


@router.get("/login", name="login")
def login_form(request: Request, services: ServicesDep, next: str = "/") -> Response:
    if single_user_mode(services.settings, services.users):
        return RedirectResponse("/", status_code=303)  # nobody signs in
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    services: ServicesDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str | None, Form()] = None,
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    check_csrf(request, csrf_token)
    settings = services.settings
    address = peer(request)
    try:
        outcome = services.users.sign_in(
            username, password, address=client_address(request), ends=request.cookies.get(SESSION_COOKIE)
        )
    except HashersBusy:
        error = "The server is busy checking other sign-ins; please try again in a moment."
        busy = render(request, "login.html", {"next": safe_next(next), "error": error}, status=503)
        busy.headers["Retry-After"] = "5"
        return busy
    name = _audit_name(username)
    if outcome.session is None:
        time.sleep(FAILED_DELAY)
        services.audit.record(name, "sign-in failed", locked=outcome.locked, address=address)
        error = failure_message(settings.max_failed_logins, settings.lockout_minutes)
        return render(request, "login.html", {"next": safe_next(next), "error": error}, status=401)
    services.audit.record(name, "sign-in", address=address)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        outcome.session.token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/",
    )
    return response


@router.post("/logout", name="logout")
def logout(
    request: Request, services: ServicesDep, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    session = services.users.session(token) if token else None
    request.state.session = session
    check_csrf(request, csrf_token)
    if session is not None:
        services.users.sign_out(session.token)
        address = peer(request)
        services.audit.record(session.user.name, "sign-out", address=address)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
