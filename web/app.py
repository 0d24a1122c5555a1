"""The app factory: `create_app(settings)` gives a FastAPI app; nothing is built at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.assistant import QuestionError
from assistant.citing import human_date
from assistant.reader import CrossSite, NotVisible
from index.embedding.base import Embedder
from index.embedding.factory import load_embedder
from index.generation import IndexProblem, Manifest, check_compatible, current_folder
from index.settings import Settings
from web.auth import CsrfCookie, LoginRequired, csrf_token, login_redirect_target
from web.conversations import Conversations
from web.deps import UserDep
from web.routes import api, conversations, exports, pages, session
from web.security import LOOPBACK_HOSTS, ASGIApp, BodyLimit, HostCheck, SecurityHeaders, server_secret
from web.services import Services
from web.users import single_user_mode

HERE = Path(__file__).parent


def _timestamp(seconds: float) -> str:
    """A stored time as people read it: "1 December 2026, 20:55 UTC"."""
    at = datetime.fromtimestamp(seconds, UTC)
    return f"{at.day} {at:%B %Y, %H:%M} UTC"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


class LettersApp(FastAPI):
    """FastAPI with the security headers as the outermost layer, so even a 500 carries them.

    Starlette puts its ServerErrorMiddleware outside every added middleware; the 500 it sends for
    an unhandled exception went out bare.
    """

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(settings: Settings, *, embedder: Embedder | None = None) -> FastAPI:
    """The whole web app for one data directory; `embedder` lets tests share a loaded model."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        model = embedder or load_embedder(settings)
        folder = current_folder(settings.data_dir)
        if folder is not None:
            # Fail at start, with the fix in the message, rather than on the first question.
            check_compatible(Manifest.read(folder), settings)
        app.state.services = Services.build(settings, model)
        app.state.secret = server_secret(settings.data_dir)
        app.state.conversations = Conversations.from_settings(settings)
        yield

    app = LettersApp(
        title="Letters",
        summary="Search and cited answers over an organisation's correspondence.",
        version="0.1.0",
        lifespan=lifespan,
        # The OpenAPI document is served below, behind the same sign-in as the API it describes;
        # FastAPI's /docs pages load scripts from a CDN, which the offline CSP (rightly) blocks.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(user: UserDep) -> JSONResponse:
        return JSONResponse(app.openapi())

    templates = Jinja2Templates(directory=HERE / "templates")
    # Root-relative links (not url_for's absolute ones) stay right behind a reverse proxy or HTTPS.
    templates.env.globals["path_for"] = app.url_path_for
    templates.env.filters["human_date"] = human_date
    templates.env.filters["timestamp"] = _timestamp
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(conversations.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(exports.router)
    app.include_router(session.router)

    app.add_middleware(CsrfCookie)
    app.add_middleware(BodyLimit, max_body=settings.max_body_kb * 1024)

    def allowed_hosts() -> list[str] | None:
        services: Services | None = getattr(app.state, "services", None)
        if services is not None and single_user_mode(settings, services.users):
            return list(LOOPBACK_HOSTS)
        return settings.allowed_hosts or None

    app.add_middleware(HostCheck, allowed=allowed_hosts)

    def error_page(
        request: Request, status: int, title: str, message: str, headers: Mapping[str, str] | None = None
    ) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        context = {"title": title, "message": message, "csrf_token": csrf_token(request)}
        return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {400: "Bad request", 404: "Not found", 405: "Not allowed", 413: "Too large"}
        # A 405 names the methods that are allowed (RFC 9110), so the handler keeps the exception's headers.
        title = titles.get(exc.status_code, "Error")
        return error_page(request, exc.status_code, title, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors()
        )
        return error_page(request, 422, "Please check the form", problems)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "sign in first: this API needs a session"}, status_code=401)
        return RedirectResponse(login_redirect_target(request), status_code=303)

    @app.exception_handler(QuestionError)
    async def bad_question(request: Request, exc: QuestionError) -> Response:
        return error_page(request, 422, "Please check the question", str(exc))

    @app.exception_handler(CrossSite)
    async def cross_site(request: Request, exc: CrossSite) -> Response:
        return error_page(request, 403, "Opened from another site", str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # No traceback and no detail of the failure leave the server; the log has them.
        message = "Something went wrong on the server; the error is in its log. Try again later."
        try:
            return error_page(request, 500, "Something went wrong", message)
        except Exception:
            return PlainTextResponse(message, status_code=500)

    @app.exception_handler(NotVisible)
    async def not_visible(request: Request, exc: NotVisible) -> Response:
        return error_page(request, 404, "Not found", str(exc))

    @app.exception_handler(IndexProblem)
    async def no_index(request: Request, exc: IndexProblem) -> Response:
        return error_page(request, 503, "The index is not ready", str(exc))

    return app
