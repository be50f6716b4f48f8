"""A child born to a parent who stays at a closed practice after the closure's wind-up.

SPEC 4.1: a closure's patients "stay with the old doctor until they have chosen". The wind-up
opens "Manglende lægevalg" for those listed then; a newborn inheriting the parent's doctor later
was never seen by it and stayed listed at the closed practice for good (the simulator's
``closed_practice_empty`` invariant broke). The child must get the same case, and the kept
listing it inherited must not count as the choice that resolves it.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Actor, CaseType
from sandbox.service.commands import (
    ConsumeCprFeed,
    ProcessDailyWork,
    ProcessPracticeEventDeadlines,
    RegisterPracticeEvent,
)
from tests.builders import (
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    make_world,
    mirror_in_cpr,
    offset,
)

SYSTEM = Actor.system()
CLOSED = "100001"
OTHER = "100002"
MOTHER = "0101901234"
CHILD = "0307254321"
BIRTH = date(2025, 7, 3)


def closed_world() -> TestWorld:
    """The mother stays at ``CLOSED`` after the wind-up of its closure (free period ends 30/6)."""
    world = make_world(date(2025, 4, 23))
    add_practice(world, CLOSED, offset(THISTED, north_km=1))
    add_practice(world, OTHER, offset(THISTED, east_km=2))
    mirror_in_cpr(world, add_citizen(world, MOTHER, name="Mor", doctor=CLOSED))
    world.handle(RegisterPracticeEvent(SYSTEM, CLOSED, "nedlæggelse", date(2025, 5, 1)))
    world.clock.set(world.clock.now().replace(month=7, day=1))
    assert world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    return world


def open_missing(world: TestWorld, cpr: str) -> list[str]:
    return [
        case.case_id
        for case in world.registry.cases_of(cpr)
        if case.case_type is CaseType.MISSING_GP_CHOICE and case.is_open
    ]


def test_a_child_inheriting_a_closed_practice_after_the_wind_up_must_choose_too() -> None:
    world = closed_world()
    world.clock.set(world.clock.now().replace(day=4))
    world.cpr.birth(CHILD, BIRTH, MOTHER, None, None, world.today)
    world.handle(ConsumeCprFeed(SYSTEM))
    child = world.registry.citizen(CHILD)
    assert child.doctor_on(BIRTH) == CLOSED  # stays with the old doctor until a choice
    [case_id] = open_missing(world, CHILD)
    details = world.registry.case(case_id).details
    assert details.listing_kept and details.ydernummer == CLOSED
    world.advance(days=1)
    world.handle(ProcessDailyWork(SYSTEM))
    assert open_missing(world, CHILD) == [case_id]  # the inherited listing is no choice
    assert world.registry.citizen(CHILD).doctor_on(world.today) == CLOSED
    world.advance(days=14)  # past the 14 days to choose: a doctor is assigned
    world.handle(ProcessDailyWork(SYSTEM))
    assert open_missing(world, CHILD) == []
    assert world.registry.citizen(CHILD).doctor_on(world.today) == OTHER
