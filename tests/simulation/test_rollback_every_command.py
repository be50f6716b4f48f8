"""Every kind of command the scenarios send, failing at its very end, leaves no change.

`tests/integration/test_rollback*.py` check the store's mutations and the fields handlers
write by hand one by one. This test checks them all at once, the way a bug would find them:
it runs the release scenarios and, for some commands of each kind (the 1st, 2nd, 4th ... of
each), first sends the command with a bug after everything it and its events did (the last
event handled, just before the commit) and compares the whole store, field by field, before
and after that failed attempt (`tests.rollback_picture`). Only then is the command sent for
real, so the scenario goes on as ever.

The LUNA relay is left out on purpose: LUNA holds a registration once it has answered, so
the relay's confirmation is kept (`sandbox.service.unit_of_work`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

import scenarios
from sandbox.service.commands import Command, RelayOutbox
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario
from tests.rollback_picture import assert_taken_back

TRIED = frozenset({1, 2, 4, 8, 16})  # which commands of each kind: the 1st, 2nd, 4th ...
DAYS_AT_MOST = 30
LARGE = ("denmark-year", "municipality-year")  # a picture of their stores takes too long
SCENARIOS = [name for name in scenarios.shipped() if name not in LARGE]
KEPT_ON_PURPOSE: tuple[type[Command], ...] = (RelayOutbox,)


def _forget_what_the_attempt_named(world: World) -> None:
    """The invariants check what a command's events named; the attempt's events were taken
    back with it (its letter names a case that is gone), so its notes go too."""
    world.invariants.journal.forget()


def _after_a_failed_try(world: World, tried: Counter[str]) -> Callable[[Command], Any]:
    handle = world.bus.handle
    seen: Counter[str] = Counter()

    def handle_after_a_failed_try(command: Command) -> Any:
        kind = type(command).__name__
        seen[kind] += 1
        if not isinstance(command, KEPT_ON_PURPOSE) and seen[kind] in TRIED:
            tried[kind] += 1
            assert_taken_back(world.bus, world.registry, command)
            _forget_what_the_attempt_named(world)
        return handle(command)

    return handle_after_a_failed_try


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_command_failing_at_its_end_leaves_the_store_as_it_was(name: str) -> None:
    path = scenarios.path_of(name)
    assert path is not None
    scenario = load_scenario(path)
    world = World(replace(scenario, duration_days=min(scenario.duration_days, DAYS_AT_MOST)))
    tried: Counter[str] = Counter()
    world.bus.handle = _after_a_failed_try(world, tried)  # type: ignore[method-assign]
    world.run()
    assert tried["ConsumeCprFeed"] and tried["ProcessDailyWork"], tried
