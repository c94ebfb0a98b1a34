"""The web app: `create_app(db_path)` -> a FastAPI app reading the store, never writing it."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from newsweave import __version__
from newsweave.errors import NewsweaveError, NotFound
from newsweave.render.html_page import SCRIPT_HASH
from newsweave.serve import api, views
from newsweave.serve.html import error_page
from newsweave.store.queries import Store

SECURITY_HEADERS = {
    # No script but the report's own (by its hash, on story pages); inline styles only; no
    # framing; forms submit only here. The story pages carry the report's stricter policy too.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               f"script-src '{SCRIPT_HASH}'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_path: str | os.PathLike[str], *, page_size: int = 50) -> FastAPI:
    """The app over the store at `db_path`, opened read-only (a missing or foreign file, or
    one at another schema version, raises `NewsweaveError` here rather than on each request);
    the story list shows `page_size` stories a page."""
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, not {page_size}")
    path = Path(db_path)
    Store(path, read_only=True).close()
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Read-only access to a newsweave store: stories (digests with cited "
                    "summaries), articles and full-text search. The JSON of a story is the "
                    "`newsweave.digest/1` document that `newsweave show --format json` prints.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN: not offline
        redoc_url=None,
    )

    app.state.db_path = path
    app.state.page_size = page_size
    app.include_router(api.router)
    app.include_router(views.router)
    _add_error_handlers(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Errors as JSON `{"detail": ...}` under /api, as a small HTML page elsewhere."""

    def answer(request: Request, status: int, detail: object, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/healthz":
            return JSONResponse({"detail": detail}, status_code=status)
        return HTMLResponse(error_page(status, message), status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return answer(request, 404, error.what, error.what)  # not the database's path

    @app.exception_handler(NewsweaveError)
    async def store_error(request: Request, error: NewsweaveError) -> Response:
        return answer(request, 503, str(error), f"The store cannot be read: {error}")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors()
        )
        return answer(request, 422, jsonable_encoder(error.errors()), f"Bad request: {problems}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return answer(request, error.status_code, error.detail, str(error.detail))
