"""Thin HTTP router of the fake CPR: persons, relations, protection, status and the event feed.

The life events that make things happen (birth, naming, moves, marriage, renumbering ...) are in
`fakes.cpr.life_events`; both share `fakes.cpr.context`.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status

from fakes.control import not_found
from fakes.cpr.backend import CprBackendError, Person
from fakes.cpr.context import (
    LIFE_TAG,
    TAG,
    CprContext,
    changed,
    day,
    event_view,
    person_view,
    refused,
)
from fakes.cpr.life_events import add_life_events
from fakes.cpr.schemas import (
    CPR_PATTERN,
    STATUS_TEXTS,
    EventOut,
    FeedHoldIn,
    FeedHoldOut,
    PersonIn,
    PersonOut,
    ProtectionIn,
    RelationsOut,
    StatusOut,
)
from fakes.validation import check_cpr_form

__all__ = ["CprContext", "build_router"]


def build_router(
    context: Callable[..., CprContext | Awaitable[CprContext]],
    responses: dict[int | str, dict[str, Any]],
) -> APIRouter:
    """The /cpr routes over the context that ``context`` (a dependency) provides."""
    router = APIRouter(prefix="/cpr", responses=responses)
    Ctx = Annotated[CprContext, Depends(context)]
    CprPath = Annotated[str, Path(pattern=CPR_PATTERN, examples=["1505963001"])]

    def get(ctx: CprContext, cpr: str) -> Person:
        person = ctx.backend.person(cpr)
        if person is None:
            raise not_found("CPR kender ikke personen", "CPR does not know the person", cpr)
        return person

    @router.get("/persons/{cpr}", tags=[TAG])
    def read_person(cpr: CprPath, ctx: Ctx) -> PersonOut:
        """A person with address, relations, civil status, protection and status code (a
        protected person's name and address only for an authorised system)."""
        return person_view(ctx, get(ctx, cpr))

    @router.get("/persons", tags=[TAG])
    def list_persons(
        ctx: Ctx,
        municipality_code: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[PersonOut]:
        """Persons in CPR order of registration, optionally in one municipality (a protected
        person's municipality is part of their address: only an authorised system finds them
        by it)."""
        persons = [
            person
            for person in ctx.backend.persons.values()
            if municipality_code is None
            or (
                not ctx.hides(person)
                and (person.address or {}).get("municipality_code") == municipality_code
            )
        ]
        return [person_view(ctx, person) for person in persons[offset : offset + limit]]

    @router.post("/persons", tags=[TAG], status_code=status.HTTP_201_CREATED)
    def add_person(body: PersonIn, ctx: Ctx) -> PersonOut:
        """Put a person into CPR directly (test data; it makes no event in the feed)."""
        check_cpr_form(body.cpr)
        if ctx.backend.person(body.cpr) is not None:
            raise refused(CprBackendError(f"{body.cpr} is already registered"))
        person = Person(
            cpr=body.cpr,
            name=body.name,
            birth_date=body.birth_date,
            status=body.status,
            address=body.address.model_dump() if body.address else None,
            civil_status=body.civil_status,
            spouse=body.spouse,
            parents=tuple(body.parents),
            custody_holders=tuple(body.custody_holders),
            protected=body.protected,
        )
        ctx.backend.add_person(person)
        return person_view(ctx, person)

    @router.get("/persons/{cpr}/relations", tags=[TAG])
    def relations(cpr: CprPath, ctx: Ctx) -> RelationsOut:
        """Parents, custody holders, spouse and children."""
        person = get(ctx, cpr)
        children = [p.cpr for p in ctx.backend.persons.values() if cpr in p.parents]
        return RelationsOut(
            cpr=cpr,
            parents=list(person.parents),
            custody_holders=list(person.custody_holders),
            spouse=person.spouse,
            civil_status=person.civil_status,
            children=children,
        )

    @router.get("/persons/{cpr}/status", tags=[TAG])
    def person_status(cpr: CprPath, ctx: Ctx) -> StatusOut:
        """The person's status code (SPEC 5.4) and what it means."""
        code = get(ctx, cpr).status
        texts = STATUS_TEXTS.get(code, ("Ukendt status", "Unknown status"))
        return StatusOut(code=code, text_da=texts[0], text_en=texts[1])

    @router.get("/persons/{cpr}/protection", tags=[TAG])
    def protection(cpr: CprPath, ctx: Ctx) -> ProtectionIn:
        """Whether the person has name and address protection."""
        return ProtectionIn(protected=get(ctx, cpr).protected)

    @router.put("/persons/{cpr}/protection", tags=[LIFE_TAG])
    def set_protection(cpr: CprPath, body: ProtectionIn, ctx: Ctx) -> EventOut:
        """Name and address protection starts or ends (an event in the feed)."""
        get(ctx, cpr)
        return changed(
            ctx, lambda: ctx.backend.set_protection(cpr, body.protected, day(ctx, body.on))
        )

    @router.get("/status-codes", tags=[TAG])
    def status_codes() -> list[StatusOut]:
        """The CPR status codes and their meaning."""
        return [StatusOut(code=c, text_da=da, text_en=en) for c, (da, en) in STATUS_TEXTS.items()]

    @router.get("/events", tags=[TAG])
    def events(
        ctx: Ctx,
        after: Annotated[int, Query(ge=0, description="Last sequence number already read")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[EventOut]:
        """The event feed: every change after sequence ``after``, oldest first (names and
        addresses in events about protected persons only for an authorised system)."""
        return [event_view(ctx, event) for event in ctx.backend.events_after(after)[:limit]]

    @router.put("/feed/hold", tags=[LIFE_TAG])
    def hold_feed(body: FeedHoldIn, ctx: Ctx) -> FeedHoldOut:
        """Hold back the feed entries of the events that happen from now on (a delayed feed),
        or stop holding; held events wait until ``POST /cpr/feed/release``."""
        ctx.backend.hold(body.hold)
        return FeedHoldOut(holding=ctx.backend.holding, held=len(ctx.backend.held))

    @router.post("/feed/release", tags=[LIFE_TAG])
    def release_feed(ctx: Ctx) -> list[EventOut]:
        """Deliver the held events: appended to the feed in the order they happened (after
        any event recorded meanwhile), then the same hook as a life event."""
        released = ctx.backend.release()
        ctx.after_change()
        return [event_view(ctx, event) for event in released]

    add_life_events(router, Ctx)
    return router
