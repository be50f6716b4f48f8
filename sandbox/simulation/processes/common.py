"""What the processes share: Poisson arrivals, actors, and picking practices near a home."""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sandbox.domain.model import Actor, Citizen, Role

if TYPE_CHECKING:
    from sandbox.simulation.world import World

SECONDS_PER_YEAR = 365.0 * 86_400.0
T = TypeVar("T")
SECONDS_PER_DAY = 86_400.0


def per_year(world: World, rate_name: str) -> float:
    """A rate per 1,000 residents per year, as events per year for this population."""
    return world.scenario.rates[rate_name] * world.scenario.population / 1000.0


def poisson(
    world: World, stream: str, events_per_year: float, action: Callable[[random.Random], Any]
) -> None:
    """Start one process: ``action(rng)`` at Poisson arrivals, ``events_per_year`` on average."""
    if events_per_year <= 0:
        return
    rng = world.streams.get(stream)
    mean_gap = SECONDS_PER_YEAR / events_per_year

    def run() -> Generator[Any, Any, None]:
        while True:
            yield world.env.timeout(rng.expovariate(1.0) * mean_gap)
            action(rng)

    world.env.process(run())


def case_worker(rng: random.Random, municipality: str, special: bool = False) -> Actor:
    role = Role.CASE_WORKER_SPECIAL if special else Role.CASE_WORKER
    return Actor(role, f"sb-{municipality}-{int(rng.random() * 5) + 1:02d}", municipality)


def actor_for(world: World, rng: random.Random, citizen: Citizen) -> Actor:
    """The citizen in self-service, or now and then a case worker of their municipality."""
    if rng.random() < world.scenario.life["case_worker_share"]:
        return case_worker(rng, citizen.municipality_code)
    return Actor.citizen(citizen.cpr)


def nearby_practices(world: World, citizen: Citizen) -> list[str]:
    """Ydernumre of practices within the citizen's distance limit, sorted (deterministic)."""
    return world.practices_near(citizen.address)


def choose(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def choose_other(rng: random.Random, items: Sequence[T], current: object) -> T | None:
    """``choose(rng, [item for item in items if item != current])``, or None without a draw
    when nothing else is left, for ``items`` without repeats: the same draw picks the same
    item, without the list (a municipality's practices are hundreds, a GP change's question
    hundreds of thousands of times a national year)."""
    try:
        at = items.index(current)
    except ValueError:
        return choose(rng, items) if items else None
    if len(items) == 1:
        return None
    index = int(rng.random() * (len(items) - 1))
    return items[index if index < at else index + 1]
