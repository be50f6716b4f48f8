"""Births and namings, deaths, marriages and renumberings: life events recorded in CPR.

Each kind is one Poisson stream sized by the scenario's rate per 1,000 residents. The events go
to the fake CPR (`fakes.cpr.backend`), which the system reads every morning; a naming follows
its birth after a delay drawn from ``life.naming_delay_days_mean`` (exponential), or the same
day for a share ``life.naming_same_day_share`` (release 1.1 item 10: a vulnerable situation).
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from sandbox.domain.model import Citizen, CivilStatus
from sandbox.service import views
from sandbox.simulation.processes.common import SECONDS_PER_DAY, per_year, poisson

if TYPE_CHECKING:
    from sandbox.simulation.world import World

MARRIED = (CivilStatus.MARRIED, CivilStatus.REGISTERED_PARTNER)


def start(world: World) -> None:
    poisson(world, "births", per_year(world, "births_per_1000_per_year"), lambda r: birth(world, r))
    poisson(world, "deaths", per_year(world, "deaths_per_1000_per_year"), lambda r: death(world, r))
    poisson(
        world,
        "marriages",
        per_year(world, "marriages_per_1000_per_year"),
        lambda r: marriage(world, r),
    )
    poisson(
        world,
        "renumberings",
        per_year(world, "renumberings_per_1000_per_year"),
        lambda r: renumber(world, r),
    )


def birth(world: World, rng: random.Random, mother: Citizen | None = None) -> str | None:
    """A child is born to a resident woman of 20-44; returns the child's CPR number."""
    today = world.clock.today()
    if mother is None:
        mother = world.pick_resident(
            rng, lambda c: c.cpr[9] in "02468" and 20 <= c.age_on(today) <= 44
        )
    if mother is None or world.cpr_person(mother.cpr, mother) is None:
        return None
    father = mother.spouse or mother.declared_samlever
    if father is not None and world.cpr_person(father) is None:
        father = None
    numbers = world.builder.numbers
    child = numbers.number(numbers.born_on(today))
    world.cpr_backend.birth(child, today, mother.cpr, father, None, today)
    world.mirrored(child)
    world.residents.append(child)
    names = world.builder.names
    pool = names.first_female if child[9] in "02468" else names.first_male
    name = f"{pool[int(rng.random() * len(pool))]} {mother.name.rsplit(' ', 1)[-1]}"
    life = world.scenario.life
    if rng.random() < life["naming_same_day_share"]:
        left_today = SECONDS_PER_DAY - world.env.now % SECONDS_PER_DAY
        delay = rng.random() * left_today * 0.9
    else:
        delay = SECONDS_PER_DAY * (1.0 + rng.expovariate(1.0 / life["naming_delay_days_mean"]))
    world.later(delay, lambda: naming(world, child, name))
    return child


def naming(world: World, cpr: str, name: str) -> None:
    if world.cpr_person(cpr) is not None:
        world.cpr_backend.naming(cpr, name, world.clock.today())
        world.mirrored(cpr)


def death(world: World, rng: random.Random) -> None:
    """Someone dies; older people far more often (Gompertz-like weight)."""
    today = world.clock.today()
    person = world.pick_resident(
        rng, lambda c: rng.random() < math.exp(min(0.0, (c.age_on(today) - 90) / 10.0)), 60
    )
    if person is None or world.cpr_person(person.cpr, person) is None:
        return
    if person.spouse is not None:
        world.cpr_person(person.spouse)
    world.cpr_backend.death(person.cpr, today)


def marriage(world: World, rng: random.Random) -> None:
    """Two unmarried adults marry: a declared samlever, someone at the address, or anyone."""
    today = world.clock.today()

    def single_adult(citizen: Citizen) -> bool:
        return citizen.civil_status not in MARRIED and citizen.age_on(today) >= 18

    first = world.pick_resident(rng, single_adult)
    if first is None:
        return
    candidates = [first.declared_samlever] if first.declared_samlever else []
    candidates += [
        cpr for cpr in views.persons_at(world.bus.uow, first.address) if cpr != first.cpr
    ]
    partner = None
    for cpr in candidates:
        found = views.known_citizen(world.bus.uow, cpr) if cpr else None
        if found is not None and found.is_resident and single_adult(found):
            partner = found
            break
    if partner is None:
        partner = world.pick_resident(rng, lambda c: single_adult(c) and c.cpr != first.cpr)
    if partner is None or world.cpr_person(first.cpr, first) is None:
        return
    if world.cpr_person(partner.cpr, partner) is None:
        return
    world.cpr_backend.marriage(first.cpr, partner.cpr, today)


def renumber(world: World, rng: random.Random, citizen: Citizen | None = None) -> str | None:
    """CPR gives someone a new number (changed birth date data, or an annulment)."""
    if citizen is None:
        citizen = world.pick_resident(rng)
    if citizen is None or world.cpr_person(citizen.cpr, citizen) is None:
        return None
    numbers = world.builder.numbers
    new = numbers.number(numbers.born_on(citizen.birth_date))
    world.cpr_backend.renumber(citizen.cpr, new, world.clock.today(), annulment=rng.random() < 0.1)
    world.mirrored(new)
    world.residents.append(new)
    return new
