"""Practice events (praksishændelser) of every kind, registered by the region through LUNA.

Per practice, ``rates.practice_events_per_practice_per_year``: transfers (overdragelse),
changes (ændring, some minor), splits (opsplitning) and merges (sammenlægning), effective one
to four months ahead, and closures (nedlæggelse), registered at the GP's final notice and
effective at the end of the month ``practiceClosureNoticeMonths.final_notice`` months ahead. A share
``life.simultaneous_practice_event_share`` gets a second event on the same practice at once
(release 1.1: several concurrent practice changes). Then, over the free period, about one in
ten listed patients uses the free choice to pick another practice nearby (self-service). Each
month the region opens and closes practices by the 1,600 rule, changes a doctor capacity now
and then, and cancels or moves an event it registered.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Generator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sandbox.domain.dates import add_months
from sandbox.domain.model import Actor
from sandbox.domain.practice_events import PracticeEvent
from sandbox.service import views
from sandbox.service.commands import (
    CancelPracticeEvent,
    ChangePracticeCapacity,
    ChangePracticeStatus,
    ChooseGp,
    MovePracticeEvent,
    RegisterPracticeEvent,
)
from sandbox.simulation.processes.common import (
    SECONDS_PER_DAY,
    choose,
    nearby_practices,
    poisson,
)

if TYPE_CHECKING:
    from sandbox.simulation.world import World

KINDS = ("transfer", "change", "closure", "split", "merge")
WEIGHTS = (0.35, 0.25, 0.15, 0.1, 0.15)
UPTAKE = 0.1
MAX_UPTAKE = 300


def start(world: World) -> None:
    rate = world.scenario.rates["practice_events_per_practice_per_year"]
    poisson(
        world,
        "practice_events",
        rate
        * views.practice_count(
            world.bus.uow,
        ),
        lambda r: event(world, r),
    )
    if rate > 0:
        world.env.process(region_month(world))


def region_month(world: World) -> Generator[Any, Any, None]:
    """Each month the region opens and closes practices by the 1,600 rule (SPEC 3.3), changes
    a practice's doctor capacity now and then, and cancels or moves an event it registered."""
    rng = world.streams.get("region")
    real = sum(world.geography.municipality(c).population for c in world.scenario.municipalities)
    scale = real / max(world.scenario.population, 1)
    threshold = float(
        world.bus.uow.parameters.value("closingThresholdPatientsPerCapacity", world.scenario.start)
    )
    while True:
        yield world.env.timeout(30 * SECONDS_PER_DAY)
        today = world.clock.today()
        on = today + timedelta(days=1)
        practices = views.practice_numbers(
            world.bus.uow,
        )
        for ydernummer in practices:
            practice = views.practice(world.bus.uow, ydernummer)
            if practice.closed_down_on is not None:
                continue
            load = practice.list_size * scale / max(practice.capacity_on(today), 0.1)
            is_open = practice.is_open_on(today)
            if (is_open and load > threshold) or (not is_open and load < 0.9 * threshold):
                world.send(ChangePracticeStatus(Actor.system(), ydernummer, on, not is_open))
        if rng.random() < 0.5:  # a doctor joins or leaves (lægekapacitet)
            practice = views.practice(world.bus.uow, choose(rng, practices))
            if practice.closed_down_on is None:
                capacity = max(1.0, practice.capacity_on(today) + choose(rng, (-1.0, 1.0)))
                yder = practice.ydernummer
                world.send(ChangePracticeCapacity(Actor.system(), yder, on, capacity))
        live = sorted(
            (
                e
                for e in views.all_practice_events(
                    world.bus.uow,
                )
                if not e.cancelled
            ),
            key=lambda e: e.event_id,
        )
        live = [e for e in live if e.effective_date > today]
        if live and rng.random() < 0.5:
            chosen = choose(rng, live)
            if rng.random() < 0.5:
                world.send(CancelPracticeEvent(Actor.system(), chosen.event_id))
            else:
                later = chosen.effective_date + timedelta(days=int(rng.random() * 30) + 1)
                world.send(MovePracticeEvent(Actor.system(), chosen.event_id, later))


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def closure_date(world: World, today: date) -> date:
    """The end of the month ``final_notice`` months ahead (``practiceClosureNoticeMonths``).

    The region registers a closure when the GP gives the final notice (collective agreement
    § 19: 4 months; a closure is always at the end of a month, SPEC 4.1). The first notice
    (6 months) is between the GP and the region and makes no event in Sygesikring; the special
    cases (1 month: loss of authorisation, illness, death) are not simulated.
    """
    notice = world.bus.uow.parameters.value("practiceClosureNoticeMonths", today)
    return month_end(add_months(today, int(notice["final_notice"])))


def event(world: World, rng: random.Random, ydernummer: str | None = None, kind: str = "") -> None:
    today = world.clock.today()
    practices = views.practice_numbers(
        world.bus.uow,
    )
    ydernummer = ydernummer or choose(rng, practices)
    practice = views.practice(world.bus.uow, ydernummer)
    if practice.closed_down_on is not None:
        return
    kinds = [kind] if kind else [rng.choices(KINDS, WEIGHTS)[0]]
    if not kind and rng.random() < world.scenario.life["simultaneous_practice_event_share"]:
        kinds.append(rng.choices(KINDS[:2], (0.5, 0.5))[0])
    effective = today + timedelta(days=30 + int(rng.random() * 90))
    for name in kinds:
        successors: tuple[str, ...] = ()
        when = effective
        if name == "closure":
            when = closure_date(world, today)
        elif name == "split":
            when = month_end(effective)
        if name in ("split", "merge"):
            near = [y for y in world.practices_in(practice.municipality_code) if y != ydernummer]
            if not near:
                continue
            successors = tuple(
                sorted(rng.sample(near, min(2 if name == "split" else 1, len(near))))
            )
        command = RegisterPracticeEvent(
            Actor.system(),
            ydernummer,
            name,
            when,
            successors,
            significant_for_patients=name != "change" or rng.random() < 0.5,
        )
        registered = world.send(command)
        if isinstance(registered, PracticeEvent):
            free_choices(world, rng, registered)


def free_choices(world: World, rng: random.Random, registered: PracticeEvent) -> None:
    """Some listed patients choose another practice during the free period."""
    today = world.clock.today()
    listed = views.listed_on(world.bus.uow, registered.ydernummer, today)
    chosen = [c.cpr for c in listed if rng.random() < UPTAKE][:MAX_UPTAKE]
    span = max((registered.effective_date - today).days + 30, 1)
    for cpr in chosen:

        def choose_now(cpr: str = cpr) -> None:
            citizen = views.known_citizen(world.bus.uow, cpr)
            if citizen is None or not citizen.is_resident:
                return
            near = [y for y in nearby_practices(world, citizen) if y != registered.ydernummer]
            if near:
                world.send(
                    ChooseGp(Actor.citizen(cpr), cpr, choose(world.streams.get("free"), near))
                )

        world.later(SECONDS_PER_DAY * rng.random() * span, choose_now)
