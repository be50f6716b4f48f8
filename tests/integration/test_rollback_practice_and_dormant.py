"""Practice events and dormant insurance, failing at their very end, leave no change: the
handlers write the event, its cases and the practice by hand (a new date, a cancellation, the
history, the closure's day, the status and capacity, the wind-up), and a rollback puts all of
it back. (The simulated scenarios, `tests/simulation/test_rollback_every_command.py`, send
the other commands.)

Each command is first sent with a bug after all its work (`tests.rollback_picture`), the
whole store compared before and after, and then sent for real, so the next command finds the
world it expects.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sandbox.domain.model import Actor, Role
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service.commands import (
    CancelPracticeEvent,
    ChangePracticeCapacity,
    ChangePracticeStatus,
    ChooseGp,
    Command,
    EndDormantInsurance,
    ExtendFreeChoice,
    MovePracticeEvent,
    ProcessDailyWork,
    ProcessPracticeEventDeadlines,
    RegisterDormantInsurance,
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
from tests.rollback_picture import assert_taken_back

SYSTEM = Actor.system()
YDER, OTHER = "100001", "100002"
LISTED = ("0101801001", "0101801002", "0101801003")


def _world() -> TestWorld:
    world = make_world()
    add_practice(world, YDER, offset(THISTED, north_km=1))
    add_practice(world, OTHER, offset(THISTED, east_km=2))
    for cpr in LISTED:
        add_citizen(world, cpr, doctor=YDER)
    # the index of citizens by practice is built on its first question, by whichever command
    # asks (a cache, not a change); built now, so its upkeep is what the test checks
    assert len(world.registry.listed_on(YDER, world.today)) == len(LISTED)
    return world


def _taken_back_then_sent(world: TestWorld, command: Command) -> object:
    assert_taken_back(world.bus, world.registry, command)
    return world.handle(command)


def test_each_practice_event_command_failing_at_its_end_leaves_no_change() -> None:
    world = _world()
    transfer = _taken_back_then_sent(
        world, RegisterPracticeEvent(SYSTEM, YDER, "overdragelse", date(2025, 5, 15))
    )
    assert isinstance(transfer, PracticeEvent)
    for command in (
        ExtendFreeChoice(world.case_worker, LISTED[0], transfer.event_id, date(2025, 9, 30)),
        MovePracticeEvent(SYSTEM, transfer.event_id, date(2025, 6, 1)),
        CancelPracticeEvent(world.case_worker, transfer.event_id),
        RegisterPracticeEvent(SYSTEM, YDER, "nedlæggelse", date(2025, 5, 1)),
        ChangePracticeStatus(SYSTEM, OTHER, date(2025, 6, 1), open=False),
        ChangePracticeCapacity(world.case_worker, OTHER, date(2025, 6, 1), 2.0),
        ChooseGp(Actor.citizen(LISTED[1]), LISTED[1], OTHER),
    ):
        _taken_back_then_sent(world, command)
    world.clock.set(datetime.combine(date(2025, 7, 1), time(1, 0)))  # after the free period
    for command in (ProcessPracticeEventDeadlines(SYSTEM), ProcessDailyWork(SYSTEM)):
        _taken_back_then_sent(world, command)
    assert world.registry.practice(YDER).closed_down_on == date(2025, 5, 1)
    assert world.registry.practice_event(transfer.event_id).cancelled
    wound_up = [event.kind for event in world.registry.practice_events_of(YDER)]
    assert [event.deadline_processed for event in world.registry.practice_events_of(YDER)] == [
        False,  # the transfer, cancelled
        True,  # the closure, wound up after its free period
    ], wound_up


def test_dormant_insurance_failing_at_its_end_leaves_no_change() -> None:
    world = _world()
    mirror_in_cpr(world, world.registry.citizen(LISTED[0]))
    worker = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
    start, end = world.today, date(2025, 12, 1)
    _taken_back_then_sent(world, RegisterDormantInsurance(worker, LISTED[0], "prison", start, end))
    world.advance(days=(end - start).days)
    _taken_back_then_sent(world, EndDormantInsurance(worker, LISTED[0], end))
    assert world.registry.citizen(LISTED[0]).doctor_on(end) == YDER
