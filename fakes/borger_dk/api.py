"""Thin HTTP router of the fake Borger.dk: parse, call the backend, serialise.

The router is built for a context provider (a FastAPI dependency) so the caller decides where
the backend lives: the sandbox gives each namespace its own. ``self_service_url`` turns a
municipality code into the address of that municipality's self-service.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import JSONResponse, Response

from fakes.borger_dk.backend import BorgerDkBackend, Session
from fakes.borger_dk.schemas import LoginRequest, SelfServiceLink, SessionOut

TAG = "Fake Borger.dk"


@dataclass(frozen=True, slots=True)
class BorgerDkContext:
    """What a request to the fake needs: the backend and where self-service lives."""

    backend: BorgerDkBackend
    self_service_url: Callable[[str], str]


def _session_out(session: Session) -> SessionOut:
    return SessionOut(token=session.token, cpr=session.cpr, login_number=session.number)


def build_router(
    context: Callable[..., BorgerDkContext | Awaitable[BorgerDkContext]],
    responses: dict[int | str, dict[str, Any]],
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
        summary="Self-service entry point (lægevalg) for a municipality",
    )
    return router


def entry_point(
    context: Callable[..., BorgerDkContext | Awaitable[BorgerDkContext]],
) -> Callable[..., Any]:
    """``GET laegevalg?kommuneid=0751``: send the citizen to that municipality's self-service."""

    def laegevalg(
        ctx: Annotated[BorgerDkContext, Depends(context)],
        kommuneid: Annotated[str, Query(max_length=8, examples=["0751"])],
    ) -> SelfServiceLink:
        """Borger.dk's link to lægevalg in self-service: 303 See Other to the municipality's
        self-service (the release notes' demo URL ``/laegevalg?kommuneid=0751``), with the
        address also in the body for clients that do not follow redirects."""
        code = ctx.backend.municipality(kommuneid)
        url = ctx.self_service_url(code)
        link = SelfServiceLink(location=url, municipality_code=code)
        return JSONResponse(  # type: ignore[return-value]
            link.model_dump(), status_code=status.HTTP_303_SEE_OTHER, headers={"Location": url}
        )

    return laegevalg
