"""The system's own jobs: the daily CPR feed and practice-event deadlines, and the LUNA relay.

Every morning at ``life.cpr_feed_hour`` the system reads CPR's feed (so CPR's events arrive
with a delay of hours, and a citizen's self-service choice can race a move), winds up practice
events whose free period ended, does the day's "Manglende lægevalg" work (administrative
assignment after the deadline), and the invariant of closed practices is checked. The relay
wakes when the outbox has something due (at least every minute), waits LUNA's answer time
(`LunaBackend.latency_for`, seeded) and relays.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

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


def luna_relay(world: World) -> Generator[Any, Any, None]:
    """Wake when something is due (at most every minute), wait LUNA's latency, relay."""
    outbox = world.bus.uow.outbox
    command = JOBS[RELAY_OUTBOX]()
    while True:
        due_at = outbox.next_due_at() if len(outbox) else None
        wait = (
            POLL_SECONDS if due_at is None else min(world.clock.seconds_until(due_at), POLL_SECONDS)
        )
        yield world.env.timeout(max(wait, 1.0))
        world.stats.timeline.backlog(len(outbox))
        if len(outbox) and outbox.due(world.clock.now()):
            yield world.env.timeout(world.luna.latency_for())
            world.send(command)
