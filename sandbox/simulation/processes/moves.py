"""Moves: within and between municipalities, and from Greenland (release 1.1 item 7).

A move is recorded in the fake CPR on the day it happens; the system learns of it the next
morning. Families move together half of the time; the rates count persons who move, as DST
does, so there are fewer moves than the rate says (`persons_per_move`). A share
``life.move_into_household_share`` moves in with someone (which later makes samlever
declarations possible). A share ``life.racing_choice_share`` of movers choose a GP near the new
home in self-service the same day, before CPR has told the system: the race the release notes'
pending choices are for.

From Greenland: the person (status 05, in the fake CPR only) chooses a GP in self-service as
part of the move (``ChooseGpForGreenlandMove``, pending), and CPR's move event arrives
``life.greenland_choice_lead_days`` later, at the right address or, for a share
``life.greenland_wrong_address_share``, at another one (the choice is then cancelled, the change
to group 1 kept, and a "Manglende lægevalg" case opened).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sandbox.domain.geography import Address
from sandbox.domain.model import Actor
from sandbox.service import views
from sandbox.service.commands import ChooseGp, ChooseGpForGreenlandMove
from sandbox.service.cpr_records import address_to_cpr
from sandbox.simulation.processes.common import (
    SECONDS_PER_DAY,
    case_worker,
    choose,
    choose_other,
    per_year,
    poisson,
)

if TYPE_CHECKING:
    from sandbox.simulation.world import World


def start(world: World) -> None:
    # the residents of Greenland who will move are made up front (`StartingWorld.greenlanders`)
    # the rates count persons who move (as DST does); a move takes the household along half of
    # the time, so there are fewer moves than movers
    movers = persons_per_move(world)
    poisson(
        world,
        "moves_within",
        per_year(world, "moves_within_per_1000_per_year") / movers,
        lambda r: move(world, r, between=False),
    )
    poisson(
        world,
        "moves_between",
        per_year(world, "moves_between_per_1000_per_year") / movers,
        lambda r: move(world, r, between=True),
    )
    poisson(
        world,
        "greenland",
        per_year(world, "greenland_moves_per_1000_per_year"),
        lambda r: from_greenland(world, r),
    )


FAMILY_MOVE_SHARE = 0.5  # of moves, those that take the mover's household along
HOUSEHOLD_SAMPLE = 2_000


def persons_per_move(world: World) -> float:
    """How many persons a move moves on average: the mover, and with FAMILY_MOVE_SHARE the
    others at their address (estimated from a seeded sample of residents, not a full scan)."""
    rng = world.streams.get("moves_household_sample")
    housemates, sampled = 0, 0
    for _ in range(HOUSEHOLD_SAMPLE):
        citizen = world.pick_resident(rng)
        if citizen is not None:
            housemates += views.housemates_of(world.bus.uow, citizen)
            sampled += 1
    return 1.0 + FAMILY_MOVE_SHARE * housemates / sampled if sampled else 1.0


def new_home(world: World, rng: random.Random, code: str) -> Address:
    """A home in municipality ``code``: someone's (moving in with them) or a new address."""
    if rng.random() < world.scenario.life["move_into_household_share"]:
        host = world.pick_resident(rng, lambda c: c.municipality_code == code, 10)
        if host is not None:
            return host.address
    return world.builder.address_in(world.geography.municipality(code), rng=rng)


def move(world: World, rng: random.Random, between: bool) -> None:
    citizen = world.pick_resident(rng)
    if citizen is None:
        return
    codes = world.scenario.municipalities
    code = citizen.municipality_code
    if between and len(codes) > 1:
        code = choose_other(rng, codes, code) or code  # another (there is one)
    address = new_home(world, rng, code)
    movers = [citizen.cpr]
    if rng.random() < FAMILY_MOVE_SHARE:
        movers += [
            cpr for cpr in views.persons_at(world.bus.uow, citizen.address) if cpr != citizen.cpr
        ]
    today, data = world.clock.today(), address_to_cpr(address)
    for at, cpr in enumerate(movers):
        # (the first is the picked citizen: not looked up again)
        if world.cpr_person(cpr, None if at else citizen) is not None:
            world.cpr_backend.move(cpr, data, today)
    if rng.random() < world.scenario.life["racing_choice_share"]:
        near = world.practices_near(address, open_on=today)
        if near:
            world.send(ChooseGp(Actor.citizen(citizen.cpr), citizen.cpr, choose(rng, near)))


def from_greenland(world: World, rng: random.Random, cpr: str | None = None) -> None:
    if cpr is None:
        cpr = world.greenlanders.pop() if world.greenlanders else world.greenlander(rng)
    code = choose(rng, world.scenario.municipalities)
    home = world.builder.address_in(world.geography.municipality(code), rng=rng)
    life = world.scenario.life
    lead = max(1, round(rng.expovariate(1.0 / life["greenland_choice_lead_days"])))
    moving_on = world.clock.today() + timedelta(days=lead)
    # an open practice: a closed one would wait for the doctor's acceptance (see the report)
    near = world.practices_near(home, open_on=moving_on)
    if near and rng.random() < 0.8:
        actor = Actor.citizen(cpr) if rng.random() < 0.8 else case_worker(rng, code)
        world.send(ChooseGpForGreenlandMove(actor, cpr, code, home, choose(rng, near), moving_on))
    actual = home
    if rng.random() < life["greenland_wrong_address_share"]:
        actual = world.builder.address_in(world.geography.municipality(code), rng=rng)
    world.later(lead * SECONDS_PER_DAY, lambda: arrive(world, cpr, actual))


def arrive(world: World, cpr: str, address: Address) -> None:
    person = world.cpr_backend.persons.get(cpr)
    if person is None or person.status not in ("05", "07"):
        return
    world.cpr_backend.move_from_greenland(cpr, address_to_cpr(address), world.clock.today())
    world.mirrored(cpr)
    world.residents.append(cpr)
