"""The fake CPR's life-event routes, ``POST /cpr/life-events/<kind>``: each calls one
`CprBackend` method, which changes the person and appends to the event feed."""

from typing import Any

from fastapi import APIRouter, status

from fakes.control import FakeError
from fakes.cpr.context import LIFE_TAG, changed, day, known
from fakes.cpr.schemas import (
    BirthIn,
    CoupleIn,
    CustodyIn,
    EventOut,
    ImmigrationIn,
    LeaveIn,
    MoveIn,
    NamingIn,
    PersonEventIn,
    RenumberingIn,
)
from fakes.validation import check_cpr_form


def add_life_events(router: APIRouter, Ctx: Any) -> None:
    """POST /cpr/life-events/<kind>: each makes one thing happen in a person's life."""

    @router.post("/life-events/birth", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def birth(body: BirthIn, ctx: Ctx) -> EventOut:
        """A child is born and registered (lives with the mother unless an address is given)."""
        check_cpr_form(body.child_cpr)
        known(ctx, body.mother_cpr, body.father_cpr)
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
        known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.naming(body.cpr, body.name, day(ctx, body.on)))

    @router.post("/life-events/move", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def move(body: MoveIn, ctx: Ctx) -> EventOut:
        """A move within Denmark (or to a Danish address)."""
        known(ctx, body.cpr)
        address = body.address.model_dump()
        return changed(ctx, lambda: ctx.backend.move(body.cpr, address, day(ctx, body.on)))

    @router.post(
        "/life-events/move-from-greenland", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED
    )
    def move_from_greenland(body: MoveIn, ctx: Ctx) -> EventOut:
        """Status 05/07 -> 01 at a Danish address (approves a pending Greenland GP choice)."""
        known(ctx, body.cpr)
        address = body.address.model_dump()
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.move_from_greenland(body.cpr, address, on))

    @router.post("/life-events/immigration", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def immigration(body: ImmigrationIn, ctx: Ctx) -> EventOut:
        """Indrejse: status 80/20 -> 01 at a Danish address, from abroad or the Faroe Islands."""
        known(ctx, body.cpr)
        address = body.address.model_dump()
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.immigrate(body.cpr, address, on, body.origin))

    @router.post("/life-events/disappearance", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def disappearance(body: PersonEventIn, ctx: Ctx) -> EventOut:
        """Forsvinding: status -> 70 (inactive, disappeared)."""
        known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.disappear(body.cpr, day(ctx, body.on)))

    @router.post("/life-events/reappearance", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def reappearance(body: MoveIn, ctx: Ctx) -> EventOut:
        """A disappeared person is found: status 70 -> 01 at a Danish address."""
        known(ctx, body.cpr)
        address = body.address.model_dump()
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.reappear(body.cpr, address, on))

    @router.post(
        "/life-events/move-to-greenland", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED
    )
    def move_to_greenland(body: LeaveIn, ctx: Ctx) -> EventOut:
        known(ctx, body.cpr)
        address = body.address.model_dump() if body.address else None
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.move_to_greenland(body.cpr, address, on))

    @router.post("/life-events/emigration", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def emigration(body: LeaveIn, ctx: Ctx) -> EventOut:
        known(ctx, body.cpr)
        on = day(ctx, body.on)
        return changed(ctx, lambda: ctx.backend.emigrate(body.cpr, on, body.country))

    @router.post("/life-events/death", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def death(body: PersonEventIn, ctx: Ctx) -> EventOut:
        known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.death(body.cpr, day(ctx, body.on)))

    @router.post("/life-events/marriage", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def marriage(body: CoupleIn, ctx: Ctx) -> EventOut:
        """Civil status G for both; one event per person (the first is returned)."""
        known(ctx, body.a, body.b)
        same_person(body.a, body.b)
        return changed(ctx, lambda: ctx.backend.marriage(body.a, body.b, day(ctx, body.on)))

    @router.post("/life-events/divorce", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def divorce(body: CoupleIn, ctx: Ctx) -> EventOut:
        known(ctx, body.a, body.b)
        same_person(body.a, body.b)
        return changed(ctx, lambda: ctx.backend.divorce(body.a, body.b, day(ctx, body.on)))

    @router.post("/life-events/renumbering", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def renumbering(body: RenumberingIn, ctx: Ctx) -> EventOut:
        """A new CPR number replaces the old (status 60, or 30 for an annulment)."""
        known(ctx, body.old_cpr)
        check_cpr_form(body.new_cpr)
        on = day(ctx, body.on)
        return changed(
            ctx, lambda: ctx.backend.renumber(body.old_cpr, body.new_cpr, on, body.annulment)
        )

    @router.post("/life-events/annulment", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def annulment(body: PersonEventIn, ctx: Ctx) -> EventOut:
        """Annullering: CPR annuls the number without a new one (status 30)."""
        known(ctx, body.cpr)
        return changed(ctx, lambda: ctx.backend.annul(body.cpr, day(ctx, body.on)))

    @router.post("/life-events/custody", tags=[LIFE_TAG], status_code=status.HTTP_201_CREATED)
    def custody(body: CustodyIn, ctx: Ctx) -> EventOut:
        known(ctx, body.child_cpr, *body.custody_holders)
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
