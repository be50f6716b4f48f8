"""The evening's timeline holds an open case after its first evening (`Timeline.end_of_day`).

It looks a case up on its first evening only: one the store no longer has then (its command was
rolled back after the timeline saw its `CaseCreated`) is dropped uncounted, and one it holds is
counted open each evening until it is closed, then closed once.
"""

from __future__ import annotations

from dataclasses import replace

import scenarios
from sandbox.domain.model import ALLOWED_STATUS_CHANGES, OPEN_CASE_STATUSES
from sandbox.service.case_factory import open_missing_gp_choice
from sandbox.service.events import CaseCreated
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def test_a_case_is_counted_open_until_it_closes_and_one_taken_back_not_at_all() -> None:
    path = scenarios.path_of("smoke")
    assert path is not None
    world = World(replace(load_scenario(path), duration_days=1))
    world.run()
    timeline, uow = world.stats.timeline, world.bus.uow
    today = world.clock.today()
    citizen = next(c for c in world.registry.all_citizens() if c.is_resident)
    timeline.end_of_day(2)  # the evening before: what the run left open and closed
    before = timeline.days[-1]

    case = open_missing_gp_choice(uow, citizen, today, "TEST")
    uow.collect_new_events()  # made outside a command: the journals are shown it by hand
    key = f"{case.case_type.value}:{case.status.value}"
    timeline.event(CaseCreated(case.case_id, case.case_type.value, "0101", citizen.cpr))
    timeline.event(CaseCreated("S-TAKEN-BACK", case.case_type.value, "0101", citizen.cpr))
    timeline.end_of_day(3)
    timeline.end_of_day(4)  # held now: the same count without asking the store

    for day in timeline.days[-2:]:
        assert day["open_cases"].get(key, 0) == before["open_cases"].get(key, 0) + 1
        assert day["closed_cases"] == before["closed_cases"]

    closed = next(s for s in ALLOWED_STATUS_CHANGES[case.status] if s not in OPEN_CASE_STATUSES)
    case.move_to(closed, world.clock.now())
    closed_key = f"{case.case_type.value}:{closed.value}"
    timeline.end_of_day(5)
    timeline.end_of_day(6)  # counted closed once, and no longer held

    for day in timeline.days[-2:]:
        assert day["open_cases"].get(key, 0) == before["open_cases"].get(key, 0)
        assert (
            day["closed_cases"].get(closed_key, 0) == before["closed_cases"].get(closed_key, 0) + 1
        )
