"""GP changes (lægeskift): citizens choose a new practice at random times, as one stream."""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sandbox.domain.model import Actor, Role
from sandbox.service.commands import ChooseGp

if TYPE_CHECKING:
    from sandbox.simulation.world import World

SECONDS_PER_YEAR = 365.0 * 86_400.0


def gp_changes(world: World) -> Generator[Any, Any, None]:
    """Poisson arrivals of GP choices; most near home, some far, some at closed practices."""
    rng = world.streams.get("gp_changes")
    rate = world.scenario.rates["gp_changes_per_1000_per_year"] / 1000.0
    per_second = rate * len(world.cprs) / SECONDS_PER_YEAR
    if per_second <= 0:
        return
    practices = sorted(world.bus.uow.registry.practices)
    while True:
        yield world.env.timeout(rng.expovariate(per_second))
        cpr = world.cprs[rng.randrange(len(world.cprs))]
        citizen = world.bus.uow.registry.citizens[cpr]
        if rng.random() < 0.8:
            nearby = sorted(
                p.ydernummer
                for p in world.bus.uow.registry.practices_within(citizen.address.coordinates, 15.0)
            )
            ydernummer = rng.choice(nearby) if nearby else rng.choice(practices)
        else:
            ydernummer = rng.choice(practices)
        today = world.clock.today()
        effective = today + timedelta(days=rng.choice((0, 0, 0, 1, 7, 14)))
        if rng.random() < 0.8:
            actor = Actor.citizen(cpr)
        else:
            code = citizen.municipality_code
            actor = Actor(Role.CASE_WORKER, f"sb-{code}-{rng.randint(1, 5):02d}", code)
        world.send(ChooseGp(actor, cpr, ydernummer, effective))
