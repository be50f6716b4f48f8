"""FastAPI dependencies: the request's namespace and world, the caller's identity and role.

They are ``async`` because they only look things up: FastAPI runs a sync dependency in a worker
thread, and the thread hops cost more than the look-ups (the routes stay sync: they do work).

A bearer token is either a staff token issued by ``POST /_control/tokens`` (case worker, case
worker with special rights, municipal administrator, operator; bound to a municipality where
that applies) or a citizen's MitID session from the fake Borger.dk, which the system asks
through its `BorgerDkPort`. No token is 401; a role that may not do something is 403.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sandbox.api.errors import Unauthenticated
from sandbox.api.namespaces import HEADER_PATTERN, NAME_PATTERN, Namespace
from sandbox.api.world import SandboxWorld
from sandbox.domain.model import Actor, Role, role_not_allowed
from sandbox.service.authorization import same_municipality

__all__ = ["same_municipality"]  # the service's scoping: routers check before they look up

bearer = HTTPBearer(
    auto_error=False,
    description="A citizen's MitID token (POST /borger-dk/mitid/login) or a staff token "
    "(POST /_control/tokens).",
)

CASE_WORKERS = (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL)


async def namespace_header(
    x_sandbox_namespace: Annotated[
        str | None,
        Header(
            pattern=HEADER_PATTERN,
            description="Your isolated world (default: 'default'); one per test or worker. "
            f"Names match {NAME_PATTERN}.",
        ),
    ] = None,
) -> None:
    """Documents the namespace header; the middleware has already acted on it."""


async def current_namespace(request: Request) -> Namespace:
    namespace = request.state.namespace
    assert isinstance(namespace, Namespace)
    return namespace


async def current_world(
    namespace: Annotated[Namespace, Depends(current_namespace)],
) -> SandboxWorld:
    return namespace.world


World = Annotated[SandboxWorld, Depends(current_world)]


async def current_actor(
    world: World,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    if credentials is None:
        raise Unauthenticated(
            reason_da="send 'Authorization: Bearer <token>'",
            reason_en="send 'Authorization: Bearer <token>'",
        )
    token = credentials.credentials
    staff = world.tokens.actor(token)
    if staff is not None:
        return staff
    port = world.uow.borger_dk
    cpr = port.identify(token) if port is not None else None
    if cpr is None:
        raise Unauthenticated(
            reason_da="nøglen kendes ikke i dette navnerum",
            reason_en="this namespace does not know the token",
        )
    return Actor.citizen(cpr)


def require(*roles: Role, action_da: str, action_en: str) -> Callable[..., Awaitable[Actor]]:
    """A dependency giving the caller, if their role is one of ``roles`` (else 403)."""

    async def dependency(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
        if actor.role not in roles:
            raise role_not_allowed(actor.role, roles, action_da, action_en)
        return actor

    return dependency


Citizen = Annotated[
    Actor,
    Depends(
        require(
            Role.CITIZEN,
            action_da="bruge selvbetjeningen",
            action_en="use the self-service",
        )
    ),
]
CaseWorker = Annotated[
    Actor,
    Depends(
        require(
            *CASE_WORKERS,
            action_da="bruge sagsbehandlerklienten",
            action_en="use the case-worker client",
        )
    ),
]
Administrator = Annotated[
    Actor,
    Depends(
        require(
            Role.MUNICIPAL_ADMIN,
            action_da="udtrække revisionsloggen",
            action_en="extract the audit log",
        )
    ),
]
Operator = Annotated[
    Actor,
    Depends(
        require(
            Role.OPERATOR,
            action_da="bruge driftsværktøjerne",
            action_en="use the operator tools",
        )
    ),
]
