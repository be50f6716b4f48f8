"""What the fake CPR's routes share: the request context, serialising persons and events (a
protected person's name and address masked unless the context may see them, `protection`),
and running a life event (its refusal as 409, then the context's hook)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from fakes.control import FakeError, not_found
from fakes.cpr.backend import CprBackend, CprBackendError, CprEvent, Person
from fakes.cpr.protection import event_concerns_protected, masked
from fakes.cpr.schemas import STATUS_TEXTS, EventOut, PersonOut

TAG = "Fake CPR"
LIFE_TAG = "Fake CPR: life events"


def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class CprContext:
    """What a request to the fake needs: the backend, today's date, a hook after changes, and
    whether the caller is an authorised system that sees protected persons' name and address
    (False: they are masked)."""

    backend: CprBackend
    today: Callable[[], date]
    after_change: Callable[[], None] = field(default=_nothing)
    sees_protected: bool = False

    def hides(self, person: Person) -> bool:
        return person.protected and not self.sees_protected


def person_view(ctx: CprContext, person: Person) -> PersonOut:
    """The person as this caller may see them."""
    return person_out(person, hidden=ctx.hides(person))


def event_view(ctx: CprContext, event: CprEvent) -> EventOut:
    """The event as this caller may see it."""
    hidden = not ctx.sees_protected and event_concerns_protected(ctx.backend.persons, event)
    return event_out(event, hidden=hidden)


def person_out(person: Person, hidden: bool = False) -> PersonOut:
    texts = STATUS_TEXTS.get(person.status, ("Ukendt status", "Unknown status"))
    address = dict(person.address) if person.address is not None else None
    return PersonOut(
        cpr=person.cpr,
        name=None if hidden else person.name,
        birth_date=person.birth_date,
        status=person.status,
        status_da=texts[0],
        status_en=texts[1],
        address=None if hidden else address,
        civil_status=person.civil_status,
        spouse=person.spouse,
        parents=list(person.parents),
        custody_holders=list(person.custody_holders),
        protected=person.protected,
        replaced_by=person.replaced_by,
        replaces=person.replaces,
        masked=hidden,
    )


def event_out(event: CprEvent, hidden: bool = False) -> EventOut:
    return EventOut(
        sequence=event.sequence,
        kind=event.kind,
        cpr=event.cpr,
        on=event.on,
        data=masked(event.data) if hidden else event.data,
        masked=hidden,
    )


def known(ctx: CprContext, *cprs: str | None) -> None:
    for cpr in cprs:
        if cpr is not None and ctx.backend.person(cpr) is None:
            raise not_found("CPR kender ikke personen", "CPR does not know the person", cpr)


def refused(error: CprBackendError) -> FakeError:
    return FakeError(
        409,
        "CPR_REFUSED",
        f"CPR afviste hændelsen: {error}",
        f"CPR refused the event: {error}",
        reason=str(error),
    )


def day(ctx: CprContext, on: date | None) -> date:
    return on if on is not None else ctx.today()


def changed(ctx: CprContext, change: Callable[[], CprEvent | tuple[CprEvent, ...]]) -> EventOut:
    """Run a backend change, map its refusal to 409, run the hook; return the first event."""
    try:
        result = change()
    except CprBackendError as error:
        raise refused(error) from None
    ctx.after_change()
    return event_view(ctx, result[0] if isinstance(result, tuple) else result)
