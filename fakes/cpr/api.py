"""Thin HTTP router of the fake CPR: persons, relations, protection, status, the event feed,
and the life events that make things happen (birth, naming, moves, marriage, renumbering ...).

Each life-event route calls one `CprBackend` method, which changes the person and appends to
the feed; then the context's ``after_change`` hook runs (the sandbox uses it to let the system
read the feed at once when a namespace asks for immediate delivery).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status

from fakes.control import FakeError, not_found
from fakes.cpr.backend import CprBackend, CprBackendError, CprEvent, Person
from fakes.cpr.schemas import (
    CPR_PATTERN,
    STATUS_TEXTS,
    BirthIn,
    CoupleIn,
    CustodyIn,
    EventOut,
    LeaveIn,
    MoveIn,
    NamingIn,
    PersonEventIn,
    PersonIn,
    PersonOut,
    ProtectionIn,
    RelationsOut,
    RenumberingIn,
    StatusOut,
)
from fakes.validation import check_cpr_form

TAG = "Fake CPR"
LIFE_TAG = "Fake CPR: life events"


def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class CprContext:
    """What a request to the fake needs: the backend, today's date and a hook after changes."""

    backend: CprBackend
    today: Callable[[], date]
    after_change: Callable[[], None] = field(default=_nothing)


def person_out(person: Person) -> PersonOut:
    texts = STATUS_TEXTS.get(person.status, ("Ukendt status", "Unknown status"))
    return PersonOut(
        cpr=person.cpr,
        name=person.name,
        birth_date=person.birth_date,
        status=person.status,
        status_da=texts[0],
        status_en=texts[1],
        address=dict(person.address) if person.address is not None else None,
        civil_status=person.civil_status,
        spouse=person.spouse,
        parents=list(person.parents),
        custody_holders=list(person.custody_holders),
        protected=person.protected,
        replaced_by=person.replaced_by,
        replaces=person.replaces,
    )


def event_out(event: CprEvent) -> EventOut:
    return EventOut(
        sequence=event.sequence, kind=event.kind, cpr=event.cpr, on=event.on, data=event.data
    )


def _known(ctx: CprContext, *cprs: str | None) -> None:
    for cpr in cprs:
        if cpr is not None and ctx.backend.person(cpr) is None:
            raise not_found("CPR kender ikke personen", "CPR does not know the person", cpr)


def _refused(error: CprBackendError) -> FakeError:
    return FakeError(
        409,
        "CPR_REFUSED",
        f"CPR afviste hændelsen: {error}",
        f"CPR refused the event: {error}",
        reason=str(error),
    )


def build_router(
    context: Callable[..., CprContext], responses: dict[int | str, dict[str, Any]]
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
        """A person with address, relations, civil status, protection and status code."""
        return person_out(get(ctx, cpr))

    @router.get("/persons", tags=[TAG])
    def list_persons(
        ctx: Ctx,
        municipality_code: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[PersonOut]:
        """Persons in CPR order of registration, optionally in one municipality."""
        persons = [
            person
            for person in ctx.backend.persons.values()
            if municipality_code is None
            or (person.address or {}).get("municipality_code") == municipality_code
        ]
        return [person_out(person) for person in persons[offset : offset + limit]]

    @router.post("/persons", tags=[TAG], status_code=status.HTTP_201_CREATED)
    def add_person(body: PersonIn, ctx: Ctx) -> PersonOut:
        """Put a person into CPR directly (test data; it makes no event in the feed)."""
        check_cpr_form(body.cpr)
        if ctx.backend.person(body.cpr) is not None:
            raise _refused(CprBackendError(f"{body.cpr} is already registered"))
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
        return person_out(person)

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
        """The event feed: every change after sequence ``after``, oldest first."""
        return [event_out(event) for event in ctx.backend.events_after(after)[:limit]]

    add_life_events(router, Ctx)
    return router


def day(ctx: CprContext, on: date | None) -> date:
    return on if on is not None else ctx.today()


def changed(ctx: CprContext, change: Callable[[], CprEvent | tuple[CprEvent, ...]]) -> EventOut:
    """Run a backend change, map its refusal to 409, run the hook; return the first event."""
    try:
        result = change()
    except CprBackendError as error:
        raise _refused(error) from None
    ctx.after_change()
    return event_out(result[0] if isinstance(result, tuple) else result)


def add_life_events(router: APIRouter, Ctx: Any) -> None:
    """POST /cpr/life-events/<kind>: each makes one thing happen in a person's life."""

    @router.post("/life-events/birth", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def birth(body: BirthIn, ctx: Ctx) -> EventOut:
        """A child is born and registered (lives with the mother unless an address is given)."""
        check_cpr_form(body.child_cpr)
        _known(ctx, body.mother_cpr, body.father_cpr)
        address = body.address.model_dump() if body.address else None
        registered = day(ctx, body.registered_on)
        return changed(
            ctx,
            lambda: ctx.backend.birth(
                body.child_cpr,
                body.birth_date,
                body.mother_cpr,
                body.father_cpr,
                address,
                registered,
                body.name,
            ),
        )

    @router.post("/life-events/naming", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def naming(body: NamingIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.naming(body.cpr, body.name, day(ctx, body.on)))

    @router.post("/life-events/move", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def move(body: MoveIn, ctx: Ctx) -> EventOut:
        """A move within Denmark (or to a Danish address)."""
        _known(ctx, body.cpr)
        address = body.address.model_dump()
        return changed(ctx, lambda: ctx.backend.move(body.cpr, address, day(ctx, body.on)))

    @router.post(
        "/life-events/move-from-greenland", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED
    )
    def move_from_greenland(body: MoveIn, ctx: Ctx) -> EventOut:
        """Status 05/07 -> 01 at a Danish address (approves a pending Greenland GP choice)."""
        _known(ctx, body.cpr)
        address = body.address.model_dump()
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.move_from_greenland(body.cpr, address, on))

    @router.post(
        "/life-events/move-to-greenland", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED
    )
    def move_to_greenland(body: LeaveIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.cpr)
        address = body.address.model_dump() if body.address else None
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.move_to_greenland(body.cpr, address, on))

    @router.post("/life-events/emigration", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def emigration(body: LeaveIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.cpr)
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.emigrate(body.cpr, on, body.country))

    @router.post("/life-events/death", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def death(body: PersonEventIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.death(body.cpr, day(ctx, body.on)))

    @router.post("/life-events/marriage", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def marriage(body: CoupleIn, ctx: Ctx) -> EventOut:
        """Civil status G for both; one event per person (the first is returned)."""
        _known(ctx, body.a, body.b)
        same_person(body.a, body.b)
        return changed(ctx, lambda: ctx.backend.marriage(body.a, body.b, day(ctx, body.on)))

    @router.post("/life-events/divorce", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def divorce(body: CoupleIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.a, body.b)
        same_person(body.a, body.b)
        return changed(ctx, lambda: ctx.backend.divorce(body.a, body.b, day(ctx, body.on)))

    @router.post("/life-events/renumbering", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def renumbering(body: RenumberingIn, ctx: Ctx) -> EventOut:
        """A new CPR number replaces the old (status 60, or 30 for an annulment)."""
        _known(ctx, body.old_cpr)
        check_cpr_form(body.new_cpr)
        on = day(ctx, body.on)
        return changed(
            ctx, lambda: ctx.backend.renumber(body.old_cpr, body.new_cpr, on, body.annulment)
        )

    @router.post("/life-events/custody", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def custody(body: CustodyIn, ctx: Ctx) -> EventOut:
        _known(ctx, body.child_cpr, *body.custody_holders)
        holders = tuple(body.custody_holders)
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.custody(body.child_cpr, holders, on))


def same_person(a: str, b: str) -> None:
    if a == b:
        raise FakeError(
            422,
            "SAME_PERSON",
            "En person kan ikke gifte sig med sig selv.",
            "A person cannot marry themself.",
            cpr=a,
        )
