"""Errors as RFC 9457 problem+json, without sensitive values, and a request size limit.

FastAPI's default validation error echoes the offending input (which may be the very card
number we protect); ours names the field and the problem only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("callshield.api")
PROBLEM = "application/problem+json"
_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large",
           415: "Unsupported Media Type", 422: "Unprocessable Content",
           429: "Too Many Requests", 500: "Internal Server Error"}  # fmt: skip


def problem(
    status: int, detail: str, *, errors: list[dict[str, Any]] | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        **extra,
    }
    if errors:
        body["errors"] = errors
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


class Unprocessable(StarletteHTTPException):
    """A 422 whose body lists the problems, each naming a field (or line) and never a value."""

    def __init__(self, detail: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(422, detail)
        self.errors = errors


def field_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as `{"field", "problem"}`: the offending input is left out."""
    return [{"field": _field(e.get("loc", ())), "problem": str(e.get("msg", "invalid"))}
            for e in errors]  # fmt: skip


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem(422, "the request is not valid", errors=field_errors(exc.errors()))


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    errors = exc.errors if isinstance(exc, Unprocessable) else None
    return problem(exc.status_code, str(exc.detail), errors=errors)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The type only: an exception message can quote input.
    log.error("event=unhandled_error path=%s error=%s", request.url.path, type(exc).__name__)
    return problem(500, "internal error")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """Refuse bodies over `limit` bytes: by Content-Length at once, else while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLargeError
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLargeError:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(413, f"request body over {self.limit} bytes")
        await response(scope, receive, send)


class _TooLargeError(Exception):
    pass
