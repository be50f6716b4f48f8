"""The simulator's LUNA relay sleeps while the outbox is empty and wakes on its minute grid.

The relay looks at the outbox once a minute; while there is nothing to look at it sleeps, and
the outbox wakes it at the minute it would next have looked (so a run is the same to the
microsecond as one that looked every minute).
"""

from __future__ import annotations

import pickle
from collections.abc import Generator
from datetime import date, datetime, time
from typing import Any

import simpy

from sandbox.service.outbox import Outbox
from sandbox.service.ports import LunaRegistration
from sandbox.simulation.processes.system import Doorbell, delay_to, sleep_until_queued

NOW = datetime.combine(date(2025, 4, 9), time(8, 0))


def _woken_at(fell_asleep: float, rung_at: float) -> float:
    """When a relay that fell asleep at ``fell_asleep`` wakes, rung at ``rung_at``."""
    env = simpy.Environment(initial_time=fell_asleep)
    doorbell = Doorbell(env)
    woke: list[float] = []

    def relay() -> Generator[Any, Any, None]:
        yield from sleep_until_queued(env, doorbell)
        woke.append(env.now)

    def queue() -> Generator[Any, Any, None]:
        yield env.timeout(rung_at - fell_asleep)
        doorbell.ring()

    env.process(relay())
    env.process(queue())
    env.run()
    return woke[0]


def _looks(fell_asleep: float, count: int) -> list[float]:
    """The moments a relay looking every minute would have looked, summed as it summed them."""
    looks, moment = [], fell_asleep
    for _ in range(count):
        moment += 60.0
        looks.append(moment)
    return looks


def test_the_relay_wakes_at_the_first_look_after_a_registration_is_queued() -> None:
    fell_asleep = 3600.0 * 6 + 17.318
    looks = _looks(fell_asleep, 200)
    assert _woken_at(fell_asleep, fell_asleep + 1.0) == looks[0]
    assert _woken_at(fell_asleep, fell_asleep + 61.0) == looks[1]
    assert _woken_at(fell_asleep, fell_asleep + 11_000.5) == looks[183]


def test_a_registration_queued_at_a_look_is_seen_by_that_look() -> None:
    fell_asleep = 120.0
    assert _woken_at(fell_asleep, 240.0) == 240.0


def test_a_registration_queued_as_the_relay_falls_asleep_waits_a_minute() -> None:
    assert _woken_at(45.5, 45.5) == 105.5


def test_delay_to_lands_exactly_on_the_moment() -> None:
    moments = [(0.0, 60.0), (0.1, 60.0), (3.3, 60.0), (17.0, 13_337.123456789), (1e7, 1e7 + 0.3)]
    moments += [(now * 0.7, now + 59.9) for now in (1.1, 29.97, 1234.5678, 31_000_000.123)]
    for now, moment in moments:
        assert now + delay_to(now, moment) == moment


def test_the_outbox_tells_its_listeners_of_each_new_registration_once() -> None:
    outbox, told = Outbox(), []
    outbox.on_add(lambda: told.append(len(outbox)))
    registration = LunaRegistration("F00000001", "gp_listing", "0505801234")
    outbox.add(registration, NOW)
    outbox.add(registration, NOW)  # the same case again: already waiting, nobody told
    outbox.add(LunaRegistration("F00000002", "card_order", "0505801234"), NOW)
    assert told == [1, 2]


def test_a_pickled_outbox_keeps_its_entries_and_forgets_its_listeners() -> None:
    outbox, told = Outbox(), []
    outbox.on_add(lambda: told.append(1))
    outbox.add(LunaRegistration("F00000001", "gp_listing", "0505801234"), NOW)
    copy = pickle.loads(pickle.dumps(outbox))
    copy.add(LunaRegistration("F00000002", "gp_listing", "0505801234"), NOW)
    assert [entry.registration.case_id for entry in copy.entries()] == ["F00000001", "F00000002"]
    assert told == [1]
