"""Simulated closures are announced ``practiceClosureNoticeMonths.final_notice`` months ahead."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import scenarios
from sandbox.domain.practice_events import PracticeEventKind
from sandbox.simulation.processes.practices import closure_date, event
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def _world(overrides: dict[str, object] | None = None) -> World:
    path = scenarios.path_of("smoke")
    assert path is not None
    world = World(replace(load_scenario(path), duration_days=1))
    if overrides:
        uow = world.bus.uow
        start = uow.parameters.definition("practiceClosureNoticeMonths").starts[0]
        uow.parameters = uow.parameters.with_values(
            {name: {start: value} for name, value in overrides.items()}
        )
    return world


def test_a_simulated_closure_takes_effect_at_the_end_of_the_final_notice_month() -> None:
    world = _world()
    today = world.clock.today()
    ydernummer = world.registry.practice_numbers()[0]

    event(world, random.Random(7), ydernummer, "closure")

    closures = [
        e for e in world.registry.all_practice_events() if e.kind is PracticeEventKind.CLOSURE
    ]
    assert len(closures) == 1
    notice = world.bus.uow.parameters.value("practiceClosureNoticeMonths", today)
    effective = closures[0].effective_date
    months_ahead = (effective.year - today.year) * 12 + effective.month - today.month
    assert months_ahead == notice["final_notice"] == 4
    assert (effective + (date.resolution)).day == 1  # the last day of its month


def test_the_notice_follows_the_parameter() -> None:
    world = _world(
        {"practiceClosureNoticeMonths": {"first_notice": 6, "final_notice": 2, "special_cases": 1}}
    )
    assert closure_date(world, date(2025, 1, 15)) == date(2025, 3, 31)
    assert closure_date(world, date(2025, 12, 31)) == date(2026, 2, 28)
