"""Thin HTTP router of the fake LUNA: registrations, card orders and physical-card opt-outs.

A fault can be chosen per request with the header ``X-Luna-Fault`` (error, timeout,
drop_after_commit) on ``POST /luna/registrations``; rates and schedules are set on the control
plane. A fault answers 503 (error) or 504 (no answer), so a client cannot tell whether a
dropped answer was committed, which is the point of the idempotency key.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Response, status
from pydantic import WithJsonSchema

from fakes.control import FakeError, not_found
from fakes.luna.backend import FAULT_KINDS, LunaBackend, LunaFault, Registration
from fakes.luna.schemas import CPR_PATTERN, CallOut, OptOutOut, RegistrationIn, RegistrationOut

TAG = "Fake LUNA"
FaultKind = Literal["error", "timeout", "drop_after_commit"]
assert set(FaultKind.__args__) == set(FAULT_KINDS)  # type: ignore[attr-defined]
CARD_ORDER_KIND = "card_order"


@dataclass(frozen=True, slots=True)
class LunaContext:
    """What a request to the fake needs: the backend and the simulated time now."""

    backend: LunaBackend
    now: Callable[[], datetime]


def _out(stored: Registration, duplicate: bool = False) -> RegistrationOut:
    return RegistrationOut(
        key=stored.key,
        luna_id=stored.luna_id,
        kind=stored.kind,
        cpr=stored.cpr,
        payload=stored.payload,
        received=stored.received,
        duplicate=duplicate,
    )


def _fault_error(fault: LunaFault) -> FakeError:
    status_code = 503 if fault.kind == "error" else 504
    return FakeError(
        status_code,
        "LUNA_UNAVAILABLE",
        f"LUNA svarede ikke ({fault.kind}).",
        f"LUNA did not answer ({fault.kind}).",
        fault=fault.kind,
    )


def build_router(
    context: Callable[..., LunaContext | Awaitable[LunaContext]],
    responses: dict[int | str, dict[str, Any]],
) -> APIRouter:
    """The /luna routes over the context that ``context`` (a dependency) provides."""
    router = APIRouter(prefix="/luna", tags=[TAG], responses=responses)
    Ctx = Annotated[LunaContext, Depends(context)]
    CprPath = Annotated[str, Path(pattern=CPR_PATTERN)]

    @router.post(
        "/registrations",
        status_code=status.HTTP_201_CREATED,
        responses={200: {"model": RegistrationOut, "description": "A repeated key"}},
    )
    def register(
        body: RegistrationIn,
        ctx: Ctx,
        response: Response,
        x_luna_fault: Annotated[
            FaultKind | None,
            Header(description="Fail this call this way (a test's choice)"),
            WithJsonSchema({"type": "string", "enum": list(FAULT_KINDS)}),
        ] = None,
    ) -> RegistrationOut:
        """Register once per key: 201 the first time, 200 with ``duplicate`` after."""
        if x_luna_fault is not None:
            ctx.backend.force_key(body.key, x_luna_fault)
        try:
            stored, duplicate = ctx.backend.register(
                body.key, body.kind, body.cpr, body.payload, at=ctx.now()
            )
        except LunaFault as fault:
            raise _fault_error(fault) from None
        if duplicate:
            response.status_code = status.HTTP_200_OK
        return _out(stored, duplicate)

    @router.get("/registrations")
    def registrations(
        ctx: Ctx,
        cpr: Annotated[str | None, Query(pattern=CPR_PATTERN)] = None,
        kind: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[RegistrationOut]:
        """Registrations LUNA holds, oldest first, filtered by person and kind."""
        found = [
            _out(stored)
            for stored in ctx.backend.registrations.values()
            if (cpr is None or stored.cpr == cpr) and (kind is None or stored.kind == kind)
        ]
        return found[offset : offset + limit]

    @router.get("/registrations/{key}")
    def registration(key: str, ctx: Ctx) -> RegistrationOut:
        stored = ctx.backend.registrations.get(key)
        if stored is None:
            raise not_found("Registreringen", "The registration", key)
        return _out(stored)

    @router.get("/registrations/{key}/calls")
    def calls(key: str, ctx: Ctx) -> list[CallOut]:
        """Every call LUNA saw for a key, with its outcome: verify retries and duplicates."""
        return [CallOut(key=c.key, outcome=c.outcome, at=c.at) for c in ctx.backend.calls_for(key)]

    @router.get("/card-orders")
    def card_orders(
        ctx: Ctx, cpr: Annotated[str | None, Query(pattern=CPR_PATTERN)] = None
    ) -> list[RegistrationOut]:
        """Health-card orders (registrations of kind ``card_order``)."""
        return [
            _out(stored)
            for stored in ctx.backend.registrations.values()
            if stored.kind == CARD_ORDER_KIND and (cpr is None or stored.cpr == cpr)
        ]

    @router.get("/opt-outs")
    def opt_outs(ctx: Ctx) -> list[OptOutOut]:
        """Everyone who opted out of the physical card."""
        return [
            OptOutOut(cpr=cpr, opted_out=True, at=at) for cpr, at in ctx.backend.opt_outs.items()
        ]

    @router.get("/opt-outs/{cpr}")
    def opt_out_of(cpr: CprPath, ctx: Ctx) -> OptOutOut:
        """A person's opt-out; 404 when there is none (no registration = no opt-out)."""
        if not ctx.backend.has_opted_out(cpr):
            raise not_found("Fravalget for", "The opt-out of", cpr)
        return OptOutOut(cpr=cpr, opted_out=True, at=ctx.backend.opt_outs.get(cpr))

    @router.put("/opt-outs/{cpr}")
    def opt_out(cpr: CprPath, ctx: Ctx) -> OptOutOut:
        """The Sundhedskort app registers an opt-out of the physical card."""
        ctx.backend.opt_out(cpr, ctx.now())
        return OptOutOut(cpr=cpr, opted_out=True, at=ctx.backend.opt_outs[cpr])

    @router.delete("/opt-outs/{cpr}")
    def withdraw_opt_out(cpr: CprPath, ctx: Ctx) -> OptOutOut:
        """The person wants physical cards again (404 when there was no opt-out: a deleted
        resource is gone)."""
        if not ctx.backend.has_opted_out(cpr):
            raise not_found("Fravalget for", "The opt-out of", cpr)
        ctx.backend.withdraw_opt_out(cpr)
        return OptOutOut(cpr=cpr, opted_out=False)

    return router
