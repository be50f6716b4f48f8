"""The morning check of closed practices asks the store only where a listing can have come.

`Invariants.check_closed_practices` passes over a closed practice it found nobody listed at,
until a command names a citizen listed there from that day on, or a citizen's future listing
there starts; a check on a given day (the full scan at the end) asks the store every time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

import scenarios
from sandbox.domain.model import Actor, Citizen
from sandbox.service.commands import RegisterPracticeEvent
from sandbox.simulation.clock import SECONDS_PER_DAY
from sandbox.simulation.invariants import InvariantViolation
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def _closed_and_empty() -> tuple[World, str, str]:
    """A world past the deadline of a closure (30 April) whose practice nobody is listed at
    from today on (its patients moved to another practice, as a setup, not as commands)."""
    path = scenarios.path_of("smoke")
    assert path is not None
    scenario = replace(load_scenario(path), start=date(2025, 3, 28), duration_days=38)
    world = World(scenario)
    practices = sorted(world.registry.all_practices(), key=lambda p: p.list_size)
    closed, other = practices[0].ydernummer, practices[-1].ydernummer
    world.send(RegisterPracticeEvent(Actor.system(), closed, "closure", date(2025, 3, 31)))
    world.run()
    today = world.clock.today()
    for citizen in list(world.registry.all_citizens()):
        if any(
            listing.ydernummer == closed and (listing.valid_to is None or listing.valid_to > today)
            for listing in citizen.listing_history()
        ):
            world.registry.list_citizen(citizen, other, today, None, "TEST", history=False)
    assert not world.registry.listed_on(closed, today)
    world.invariants.check_closed_practices()  # this morning: nobody there
    return world, closed, other


def _resident(world: World, other: str) -> Citizen:
    today = world.clock.today()
    return next(c for c in world.registry.all_citizens() if c.doctor_on(today) == other)


def test_a_listing_a_command_names_at_a_closed_practice_is_caught_the_next_morning() -> None:
    world, closed, other = _closed_and_empty()
    citizen = _resident(world, other)
    world.registry.list_citizen(citizen, closed, world.clock.today(), None, "TEST", history=False)
    world.invariants.journal.cprs[citizen.cpr] = None  # as the command that listed them would
    world.invariants.check_touched()  # one current listing: the citizen is fine
    with pytest.raises(InvariantViolation) as caught:
        world.invariants.check_closed_practices()
    assert caught.value.name == "closed_practice_empty"
    assert citizen.cpr in caught.value.detail


def test_a_future_listing_at_a_closed_practice_is_caught_on_its_first_morning() -> None:
    world, closed, other = _closed_and_empty()
    citizen = _resident(world, other)
    starts = world.clock.today() + timedelta(days=2)
    world.registry.list_citizen(citizen, closed, starts, None, "TEST", history=False)
    world.invariants.journal.cprs[citizen.cpr] = None
    world.invariants.check_touched()
    world.invariants.check_closed_practices()  # not listed there yet
    with pytest.raises(InvariantViolation) as caught:  # the run's own mornings go on
        world.env.run(until=world.env.now + 3 * SECONDS_PER_DAY)
    assert caught.value.name == "closed_practice_empty"
    assert world.clock.today() == starts


def test_a_listing_no_command_named_is_caught_by_the_full_scan_at_the_end() -> None:
    world, closed, other = _closed_and_empty()
    citizen = _resident(world, other)
    world.registry.list_citizen(citizen, closed, world.clock.today(), None, "TEST", history=False)
    world.invariants.check_closed_practices()  # no command named them: passed over
    with pytest.raises(InvariantViolation) as caught:
        world.invariants.check_closed_practices(world.clock.today())  # a given day: asked
    assert caught.value.name == "closed_practice_empty"
    assert world.invariants.counts()["closed_practice_empty"] > 2
