"""Users and API keys (admin only)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from callshield.api.auth import roles, state_of
from callshield.config import ROLES
from callshield.credentials import WeakPasswordError
from callshield.store.accounts import AccountError, Principal, create_api_key, create_user
from callshield.store.accounts import revoke_api_key as revoke
from callshield.store.models import ApiKey, User

router = APIRouter(tags=["accounts"])
RoleName = Field(pattern="^(" + "|".join(ROLES) + ")$")


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=12, max_length=1024)
    role: str = RoleName


class UserPublic(BaseModel):
    id: int
    username: str
    role: str
    active: bool


class ApiKeyCreate(BaseModel):
    role: str = RoleName
    name: str = Field("", max_length=200)


class ApiKeyPublic(BaseModel):
    key_id: str
    role: str
    name: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    secret: str = Field(description="Shown once; only its SHA-256 is stored.")


@router.post("/v1/users", status_code=201, response_model=UserPublic)
def add_user(body: UserCreate, request: Request, who: Principal = roles()) -> UserPublic:
    with state_of(request).sessions() as session:
        try:
            user = create_user(session, body.username, body.password, body.role, by=who.name)
            session.commit()
        except (AccountError, WeakPasswordError) as exc:
            raise HTTPException(409 if "exists" in str(exc) else 422, str(exc)) from None
        return UserPublic(id=user.id, username=user.username, role=user.role, active=user.active)


@router.get("/v1/users", response_model=list[UserPublic])
def list_users(request: Request, who: Principal = roles()) -> list[UserPublic]:
    with state_of(request).sessions() as session:
        users = session.scalars(select(User).order_by(User.id)).all()
        return [UserPublic(id=u.id, username=u.username, role=u.role, active=u.active)
                for u in users]  # fmt: skip


@router.post("/v1/apikeys", status_code=201, response_model=ApiKeyCreated)
def add_api_key(body: ApiKeyCreate, request: Request, who: Principal = roles()) -> ApiKeyCreated:
    with state_of(request).sessions() as session:
        row, made = create_api_key(session, body.role, body.name, by=who.name)
        session.commit()
        return ApiKeyCreated(**_public(row).model_dump(), secret=made.secret)


@router.get("/v1/apikeys", response_model=list[ApiKeyPublic])
def list_api_keys(request: Request, who: Principal = roles()) -> list[ApiKeyPublic]:
    with state_of(request).sessions() as session:
        return [_public(k) for k in session.scalars(select(ApiKey).order_by(ApiKey.id)).all()]


@router.delete("/v1/apikeys/{key_id}", status_code=204)
def revoke_api_key(key_id: str, request: Request, who: Principal = roles()) -> Response:
    with state_of(request).sessions() as session:
        if not revoke(session, key_id, who.name, datetime.now(UTC)):
            raise HTTPException(404, "no such API key")
        session.commit()
    return Response(status_code=204)


def _public(row: ApiKey) -> ApiKeyPublic:
    return ApiKeyPublic(key_id=row.key_id, role=row.role, name=row.name,
                        created_at=row.created_at, revoked_at=row.revoked_at,
                        last_used_at=row.last_used_at)  # fmt: skip
