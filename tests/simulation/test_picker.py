"""The resident picker reads the builder's citizens from its list (`World.pick_resident`).

The population builder puts the citizens themselves in the residents' list, and a resident
made later is appended as a CPR number, replaced by its citizen once the picker finds it; the
picks are those of looking each drawn number up in the store, draw for draw.
"""

from __future__ import annotations

import random
from dataclasses import replace

import scenarios
from sandbox.domain.model import Citizen
from sandbox.service import views
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario


def _by_number(world: World, rng: random.Random, tries: int) -> Citizen | None:
    """The picker as it was: each drawn place's number looked up in the store."""
    residents, uow = world.residents, world.bus.uow
    for _ in range(tries):
        entry = residents[int(rng.random() * len(residents))]
        number = entry if isinstance(entry, str) else entry.cpr
        citizen = views.known_citizen(uow, number)
        if citizen is not None and citizen.is_resident and citizen.cpr[9] in "02468":
            return citizen
    return None


def test_the_picker_picks_what_a_look_up_of_each_drawn_number_picks() -> None:
    path = scenarios.path_of("municipality-year")
    assert path is not None
    world = World(replace(load_scenario(path), duration_days=40))
    built = len(world.population.residents)
    assert all(not isinstance(entry, str) for entry in world.residents[:built])
    world.run()
    uow = world.bus.uow
    later = world.residents[built:]
    assert later and any(isinstance(entry, str) for entry in later)  # newborns, new numbers

    mine, theirs = random.Random(7), random.Random(7)
    for _ in range(3000):
        picked = world.pick_resident(mine, lambda c: c.cpr[9] in "02468", 3)
        assert picked is _by_number(world, theirs, 3)
    # every citizen in the list is the store's citizen of its number, and some numbers made
    # during the run were found and replaced
    for entry in world.residents:
        if not isinstance(entry, str):
            assert views.known_citizen(uow, entry.cpr) is entry
    assert any(not isinstance(entry, str) for entry in world.residents[built:])
