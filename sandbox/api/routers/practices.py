"""Practices and their events: the public practice list, and practice data that case workers
keep for practices in their municipality (events from the region, open/closed, capacity)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from sandbox.api.deps import CaseWorker, World, same_municipality
from sandbox.api.routers.case_worker import TAG as CASE_WORKER_TAG
from sandbox.api.routers.common import send
from sandbox.api.schemas import (
    MunicipalityCode,
    MunicipalityOut,
    PracticeCapacityIn,
    PracticeEventIn,
    PracticeEventMoveIn,
    PracticeOut,
    PracticeStatusIn,
)
from sandbox.api.serialize import municipality_out, practice_out, result_out
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service import views
from sandbox.service.commands import (
    CancelPracticeEvent,
    ChangePracticeCapacity,
    ChangePracticeStatus,
    MovePracticeEvent,
    RegisterPracticeEvent,
)

PUBLIC_TAG = "Sygesikring: public"
YderPath = Annotated[str, Path(pattern=r"^[0-9]{6}$", examples=["900101"])]
EventIdPath = Annotated[str, Path(min_length=1, max_length=32, examples=["PH00000001"])]


def _event(world: World, actor: Any, event_id: str) -> PracticeEvent:
    event = views.practice_event(world.uow, event_id)
    same_municipality(actor, world.uow.practice(event.ydernummer).municipality_code)
    return event


def build_public_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(prefix="/sygesikring", tags=[PUBLIC_TAG], responses=responses)

    @router.get("/municipalities")
    def municipalities(world: World) -> list[MunicipalityOut]:
        """The 98 municipalities with their GP distance limit."""
        return [municipality_out(m) for m in world.geography.municipalities()]

    @router.get("/practices")
    def practices(
        world: World,
        municipality_code: Annotated[str | None, Query(pattern=r"^[0-9]{3,4}$")] = None,
        open_only: bool = False,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[PracticeOut]:
        """GP practices (no token needed), by ydernummer; open means open for new patients."""
        today = world.today()
        code = world.geography.municipality(municipality_code).code if municipality_code else None
        found = views.practices_in(world.uow, code, today if open_only else None)
        return [practice_out(p, today) for p in found[offset : offset + limit]]

    @router.get("/practices/{ydernummer}")
    def practice(world: World, ydernummer: YderPath) -> PracticeOut:
        return practice_out(world.uow.practice(ydernummer), world.today())

    return router


def build_case_worker_router(responses: dict[int | str, dict[str, Any]]) -> APIRouter:
    router = APIRouter(
        prefix="/sygesikring/case-worker", tags=[CASE_WORKER_TAG], responses=responses
    )

    @router.get("/practice-events")
    def events(
        world: World,
        actor: CaseWorker,
        municipality_code: MunicipalityCode | None = None,
    ) -> list[dict[str, Any]]:
        """Practice events of practices in a municipality (default: yours)."""
        code = world.geography.municipality(municipality_code or actor.municipality_code or "").code
        return [result_out(event) for event in views.practice_events_in(world.uow, code)]

    @router.post("/practice-events", status_code=status.HTTP_201_CREATED)
    def register(world: World, actor: CaseWorker, body: PracticeEventIn) -> dict[str, Any]:
        """Register a practice event (transfer, change, closure, split, merge) of a practice
        in your municipality; it opens its case(s) and the free-choice offers."""
        same_municipality(actor, world.uow.practice(body.ydernummer).municipality_code)
        command = RegisterPracticeEvent(
            actor,
            body.ydernummer,
            body.kind,
            body.effective_date,
            tuple(body.successors),
            body.significant_for_patients,
            body.description_da,
        )
        return dict(result_out(send(world, command)))

    @router.post("/practice-events/{event_id}/cancel")
    def cancel(world: World, actor: CaseWorker, event_id: EventIdPath) -> dict[str, Any]:
        _event(world, actor, event_id)
        return dict(result_out(send(world, CancelPracticeEvent(actor, event_id))))

    @router.post("/practice-events/{event_id}/move")
    def move(
        world: World, actor: CaseWorker, event_id: EventIdPath, body: PracticeEventMoveIn
    ) -> dict[str, Any]:
        """A new effective date for the event."""
        _event(world, actor, event_id)
        command = MovePracticeEvent(actor, event_id, body.effective_date)
        return dict(result_out(send(world, command)))

    @router.post("/practices/{ydernummer}/status")
    def set_status(
        world: World, actor: CaseWorker, ydernummer: YderPath, body: PracticeStatusIn
    ) -> PracticeOut:
        """From a date, the practice is open or closed for new patients."""
        practice = world.uow.practice(ydernummer)
        same_municipality(actor, practice.municipality_code)
        send(world, ChangePracticeStatus(actor, ydernummer, body.on, body.open))
        return practice_out(practice, world.today())

    @router.post("/practices/{ydernummer}/capacity")
    def set_capacity(
        world: World, actor: CaseWorker, ydernummer: YderPath, body: PracticeCapacityIn
    ) -> PracticeOut:
        """From a date, the practice has this doctor capacity (lægekapacitet)."""
        practice = world.uow.practice(ydernummer)
        same_municipality(actor, practice.municipality_code)
        send(world, ChangePracticeCapacity(actor, ydernummer, body.on, body.capacity))
        return practice_out(practice, world.today())

    return router
