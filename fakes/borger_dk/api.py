"""Thin HTTP router of the fake Borger.dk: parse, call the backend, serialise.

The router is built for a context provider (a FastAPI dependency) so the caller decides where
the backend lives: the sandbox gives each namespace its own. ``self_service_url`` turns a
municipality code into the address of that municipality's self-service.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import RedirectResponse, Response

from fakes.borger_dk.backend import BorgerDkBackend, Session
from fakes.borger_dk.schemas import LoginRequest, SessionOut

TAG = "Fake Borger.dk"


@dataclass(frozen=True, slots=True)
class BorgerDkContext:
    """What a request to the fake needs: the backend and where self-service lives."""

    backend: BorgerDkBackend
    self_service_url: Callable[[str], str]


def _session_out(session: Session) -> SessionOut:
    return SessionOut(token=session.token, cpr=session.cpr, login_number=session.number)


def build_router(
    context: Callable[..., BorgerDkContext], responses: dict[int | str, dict[str, Any]]
) -> APIRouter:
    """The /borger-dk routes over the context that ``context`` (a dependency) provides."""
    router = APIRouter(prefix="/borger-dk", tags=[TAG], responses=responses)
    Ctx = Annotated[BorgerDkContext, Depends(context)]

    @router.post("/mitid/login", status_code=status.HTTP_201_CREATED)
    def login(body: LoginRequest, ctx: Ctx) -> SessionOut:
        """Simulated MitID login for a person known to CPR; returns a bearer token."""
        return _session_out(ctx.backend.login(body.cpr))

    @router.get("/mitid/sessions/{token}")
    def session(token: str, ctx: Ctx) -> SessionOut:
        """Who is behind a token (token introspection, used by the system's HTTP adapter)."""
        return _session_out(ctx.backend.session(token))

    @router.delete("/mitid/sessions/{token}", status_code=status.HTTP_204_NO_CONTENT)
    def logout(token: str, ctx: Ctx) -> Response:
        """End a session; the token no longer works."""
        ctx.backend.logout(token)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    router.add_api_route(
        "/laegevalg",
        entry_point(context),
        methods=["GET"],
        status_code=status.HTTP_303_SEE_OTHER,
        response_class=RedirectResponse,
        responses={303: {"description": "To the municipality's self-service"}},
        summary="Self-service entry point (lægevalg) for a municipality",
    )
    return router


def entry_point(context: Callable[..., BorgerDkContext]) -> Callable[..., RedirectResponse]:
    """``GET laegevalg?kommuneid=0751``: send the citizen to that municipality's self-service."""

    def laegevalg(
        ctx: Annotated[BorgerDkContext, Depends(context)],
        kommuneid: Annotated[str, Query(max_length=8, examples=["0751"])],
    ) -> RedirectResponse:
        """Borger.dk's link to lægevalg in self-service: answers 303 to the municipality's
        self-service (the release notes' demo URL ``/laegevalg?kommuneid=0751``)."""
        code = ctx.backend.municipality(kommuneid)
        return RedirectResponse(ctx.self_service_url(code), status_code=status.HTTP_303_SEE_OTHER)

    return laegevalg
