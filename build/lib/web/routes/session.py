"""Sign-in and sign-out."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.auth import SESSION_COOKIE, check_csrf, safe_next
from web.deps import ServicesDep
from web.routes.pages import render
from web.users import single_user_mode

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
FAILED_DELAY = 0.5  # seconds added to every failed sign-in, on top of the lock-out


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
    outcome = services.users.sign_in(username, password)
    if outcome.session is None:
        time.sleep(FAILED_DELAY)
        services.audit.record(username, "sign-in failed", locked=outcome.locked)
        minutes = round(services.settings.lockout_minutes)
        error = (
            f"Too many failed sign-ins: this account is locked for {minutes} minutes."
            if outcome.locked
            else "The user name or password is not right."
        )
        return render(request, "login.html", {"next": safe_next(next), "error": error}, status=401)
    services.audit.record(username, "sign-in")
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        outcome.session.token,
        max_age=int(services.settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",  # behind HTTPS (also via a proxy that says so)
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
        services.audit.record(session.user.name, "sign-out")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
