"""The system's own jobs: the daily CPR feed and practice-event deadlines, and the LUNA relay.

Every morning at ``life.cpr_feed_hour`` the system reads CPR's feed (so CPR's events arrive
with a delay of hours, and a citizen's self-service choice can race a move), winds up practice
events whose free period ended, does the day's "Manglende lægevalg" work (administrative
assignment after the deadline), and the invariant of closed practices is checked. The relay
looks at the outbox every minute (sooner when a retry is due within the minute), waits LUNA's
answer time (`LunaBackend.latency_for`, seeded) and relays. While the outbox is empty its looks
find nothing, so it sleeps instead and is woken by the outbox at the minute it would next have
looked (most of a municipality's minutes are empty: 525,600 looks a year before, for about
4,000 relays).
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import simpy

from sandbox.simulation.processes.common import SECONDS_PER_DAY
from sandbox.system import CONSUME_CPR_FEED, DAILY, JOBS, RELAY_OUTBOX

if TYPE_CHECKING:
    from sandbox.simulation.world import World

POLL_SECONDS = 60.0


def start(world: World) -> None:
    world.env.process(daily_jobs(world))
    world.env.process(luna_relay(world))


def daily_jobs(world: World) -> Generator[Any, Any, None]:
    yield world.env.timeout(world.scenario.life["cpr_feed_hour"] * 3600.0)
    while True:
        for job in DAILY:  # the system's nightly jobs, in their order (`sandbox.system`)
            if job == CONSUME_CPR_FEED:
                consume_feed(world)
            else:
                world.send(JOBS[job]())
        world.invariants.check_closed_practices()
        yield world.env.timeout(SECONDS_PER_DAY)


def consume_feed(world: World) -> None:
    """Read CPR's feed now, then let the fake CPR forget what the system has read."""
    world.send(JOBS[CONSUME_CPR_FEED]())
    world.forget_consumed_cpr()


class Doorbell:
    """What the sleeping relay waits on: rung (with the time) when the outbox gets an entry."""

    __slots__ = ("env", "waiting")

    def __init__(self, env: simpy.Environment) -> None:
        self.env = env
        self.waiting: simpy.Event | None = None

    def wait(self) -> simpy.Event:
        self.waiting = self.env.event()
        return self.waiting

    def ring(self) -> None:
        if self.waiting is not None:
            self.waiting.succeed(self.env.now)
            self.waiting = None


def luna_relay(world: World) -> Generator[Any, Any, None]:
    """Look every minute (sooner when a retry is due), wait LUNA's latency, relay what is due;
    sleep through the minutes that would find the outbox empty."""
    env, outbox = world.env, world.bus.uow.outbox
    command = JOBS[RELAY_OUTBOX]()
    doorbell = Doorbell(env)
    outbox.on_add(doorbell.ring)
    while True:
        if outbox:
            due_at = outbox.next_due_at()
            wait = POLL_SECONDS if due_at is None else world.clock.seconds_until(due_at)
            yield env.timeout(max(min(wait, POLL_SECONDS), 1.0))
        else:
            yield from sleep_until_queued(env, doorbell)
        world.stats.timeline.backlog(len(outbox))
        if outbox and outbox.due(world.clock.now()):
            yield env.timeout(world.luna.latency_for())
            world.send(command)


def sleep_until_queued(env: simpy.Environment, doorbell: Doorbell) -> Generator[Any, Any, None]:
    """Sleep from now until the first whole minute from now at which the outbox holds an entry.

    The minutes are counted as the looking relay counted them (now + 60 + 60 ...), so the relay
    wakes at exactly the moment it would have, and the run is the same to the microsecond. A
    registration queued at the very moment of a look is seen by that look, as it was: the work
    that queues it at a whole hour (the morning's CPR feed) was scheduled long before the look,
    so it ran first."""
    fell_asleep = env.now
    queued_at = yield doorbell.wait()
    look = fell_asleep + POLL_SECONDS
    while look < queued_at:
        look += POLL_SECONDS
    if look > env.now:
        yield env.timeout(delay_to(env.now, look))


def delay_to(now: float, moment: float) -> float:
    """The delay that simpy (which schedules at ``now + delay``) turns into exactly ``moment``:
    ``moment - now`` can be a rounding off when ``now`` is much smaller than ``moment``."""
    delay = moment - now
    while now + delay < moment:
        delay = math.nextafter(delay, math.inf)
    while now + delay > moment:
        delay = math.nextafter(delay, -math.inf)
    return delay
