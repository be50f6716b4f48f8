"""Physical-card opt-outs (registered in LUNA from the app), standalone card orders, and the
municipal administrators' audit-log extractions (release 1.1 items 4 and 5).

Opt-outs are an active choice of people from 15 (``physicalCardOptOutMinAge``); a few withdraw
theirs. Standalone orders (lost, damaged, not received, name change) come from the citizen or a
case worker and always make a physical card with a receipt. Extractions cover up to 30 days
within the last 6 months; now and then an administrator asks for too long a period (refused).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sandbox.domain.model import Actor, Role
from sandbox.service.commands import ExtractAuditLog, OrderHealthCard
from sandbox.simulation.processes.common import actor_for, choose, per_year, poisson

if TYPE_CHECKING:
    from sandbox.simulation.world import World

REASONS = ("lost", "lost", "damaged", "not_received", "name_change", "other")


def start(world: World) -> None:
    poisson(
        world,
        "opt_outs",
        per_year(world, "card_opt_outs_per_1000_per_year"),
        lambda r: opt_out(world, r),
    )
    poisson(
        world,
        "card_orders",
        per_year(world, "card_orders_per_1000_per_year"),
        lambda r: order(world, r),
    )
    extractions = world.scenario.rates["audit_extractions_per_municipality_per_year"]
    poisson(
        world,
        "audit_extractions",
        extractions * len(world.scenario.municipalities),
        lambda r: extract(world, r),
    )


def opt_out(world: World, rng: random.Random) -> None:
    today = world.clock.today()
    # the app lets a person opt out from this age (SPEC 6.4); LUNA records what the app sends
    min_age = int(world.bus.uow.parameters.value("physicalCardOptOutMinAge", today))
    citizen = world.pick_resident(rng, lambda c: c.age_on(today) >= min_age)
    if citizen is None:
        return
    if world.luna_backend.has_opted_out(citizen.cpr):
        if rng.random() < 0.3:
            world.luna_backend.withdraw_opt_out(citizen.cpr)
        return
    world.luna_backend.opt_out(citizen.cpr, world.clock.now())


def order(world: World, rng: random.Random) -> None:
    citizen = world.pick_resident(rng)
    if citizen is None:
        return
    actor = actor_for(world, rng, citizen)
    if actor.role is Role.CITIZEN and citizen.age_on(world.clock.today()) < 15:
        holders = citizen.custody_holders
        actor = Actor.citizen(holders[0]) if holders else actor
    world.send(OrderHealthCard(actor, citizen.cpr, choose(rng, REASONS)))


def extract(world: World, rng: random.Random, code: str | None = None) -> None:
    code = code or choose(rng, world.scenario.municipalities)
    today = world.clock.today()
    start = today - timedelta(days=int(rng.random() * 170) + 1)
    length = int(rng.random() * 30) if rng.random() < 0.9 else 31 + int(rng.random() * 30)
    end = min(start + timedelta(days=length), today)
    worker = f"sb-{code}-{int(rng.random() * 5) + 1:02d}" if rng.random() < 0.5 else None
    admin = Actor(Role.MUNICIPAL_ADMIN, f"adm-{code}", code)
    world.send(ExtractAuditLog(admin, start, end, worker))
