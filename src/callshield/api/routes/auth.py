"""POST /v1/auth/token: a bearer token for a user name and password (JSON or OAuth2 form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, ValidationError

from callshield.api.auth import state_of
from callshield.credentials import issue_token
from callshield.store.accounts import authenticate_password

router = APIRouter(tags=["auth"])


class TokenRequest(BaseModel):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": TokenRequest.model_json_schema()},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "grant_type": {"type": "string", "enum": ["password"]},
                        "username": {"type": "string", "minLength": 1, "maxLength": 150},
                        "password": {"type": "string", "minLength": 1, "maxLength": 1024},
                    },
                }
            },
        },
    }
}


@router.post(
    "/v1/auth/token",
    response_model=TokenResponse,
    openapi_extra=_BODY,
    responses={401: {"description": "wrong user name or password"}},
)
async def token(request: Request) -> TokenResponse:
    form = await _credentials(request)
    state = state_of(request)
    from starlette.concurrency import run_in_threadpool

    def check() -> Any:
        with state.sessions() as session:
            return authenticate_password(session, form.username, form.password)

    principal = await run_in_threadpool(check)
    if principal is None:
        raise HTTPException(401, "wrong user name or password")
    ttl = state.settings.token_ttl_s
    access = issue_token(state.secrets.token_signing_key, principal.name, principal.role, ttl)
    return TokenResponse(access_token=access, expires_in=ttl)


async def _credentials(request: Request) -> TokenRequest:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.form()
            data: Any = {k: form.get(k) for k in ("username", "password")}
        elif kind == "application/json":
            data = await request.json()
        else:
            raise HTTPException(415, "send JSON or an OAuth2 password form")
        return TokenRequest.model_validate(data)
    except (ValidationError, ValueError, TypeError):
        raise HTTPException(422, "username and password are required strings") from None
