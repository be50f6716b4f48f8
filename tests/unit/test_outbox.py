"""The LUNA outbox under failure: the case is kept, retried with back-off, registered once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sandbox.domain.model import Actor, CaseStatus
from sandbox.service.commands import ChooseGp, RelayOutbox
from sandbox.service.outbox import BACKOFF_MAX_SECONDS, backoff
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

CPR = "0505801234"


def _world() -> TestWorld:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_citizen(world, CPR)
    return world


def _choose(world: TestWorld) -> str:
    case = world.handle(ChooseGp(Actor.citizen(CPR), CPR, "100001"))
    return case.case_id  # type: ignore[attr-defined,no-any-return]


def _relay(world: TestWorld) -> None:
    world.handle(RelayOutbox(Actor.system()))


def _registered(world: TestWorld, case_id: str) -> int:
    """How many LUNA registrations the GP-choice case has (its card order has its own)."""
    return sum(1 for key in world.luna.registrations if key == case_id)


def _calls_for(world: TestWorld, case_id: str) -> int:
    registration = world.luna.registrations.get(case_id)
    return registration.received if registration else 0


def test_backoff_doubles_from_thirty_seconds_and_is_capped() -> None:
    assert backoff(1) == timedelta(seconds=30)
    assert backoff(2) == timedelta(seconds=60)
    assert backoff(5) == timedelta(seconds=480)
    assert backoff(40) == timedelta(seconds=BACKOFF_MAX_SECONDS)


@pytest.mark.parametrize("fault", ["timeout", "error"])
def test_a_failed_registration_keeps_the_case_waiting_and_retries_after_backoff(fault: str) -> None:
    world = _world()
    world.luna.force_next(fault)
    case_id = _choose(world)
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.AWAITING_LUNA
    assert case_id in world.bus.uow.outbox
    assert _registered(world, case_id) == 0

    world.advance(seconds=29)
    _relay(world)
    assert case.status is CaseStatus.AWAITING_LUNA, "not retried before the back-off has passed"
    assert _registered(world, case_id) == 0
    world.advance(seconds=1)
    _relay(world)
    assert case.status is CaseStatus.COMPLETED
    assert _registered(world, case_id) == 1
    assert case.details.luna_attempts == 2


def test_the_cable_case_ends_with_exactly_one_registration() -> None:
    world = _world()
    world.luna.force_next("drop_after_commit")
    case_id = _choose(world)
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.AWAITING_LUNA, "LUNA committed, but the system never heard"
    assert _registered(world, case_id) == 1

    world.advance(seconds=30)
    _relay(world)
    assert case.status is CaseStatus.COMPLETED
    assert _registered(world, case_id) == 1
    assert _calls_for(world, case_id) == 2, "the retry was recognised as the same registration"
    letters = world.registry.letters_of_case(case_id)
    assert len(letters) == 1, "one letter, written once the case completed"


def test_many_failures_in_a_row_lose_nothing() -> None:
    world = _world()
    world.luna.force_next(*(["timeout", "error", "drop_after_commit"] * 4))
    case_id = _choose(world)
    for _ in range(20):
        world.advance(seconds=BACKOFF_MAX_SECONDS)
        _relay(world)
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.COMPLETED
    assert _registered(world, case_id) == 1
    assert len(world.bus.uow.outbox) == 0, "every case, the card order's too, got through"
