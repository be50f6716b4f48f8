"""The system's LUNA relay: sends due outbox registrations; each answer takes simulated time."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from sandbox.domain.model import Actor
from sandbox.service.commands import RelayOutbox

if TYPE_CHECKING:
    from sandbox.simulation.world import World

POLL_SECONDS = 60.0


def luna_relay(world: World) -> Generator[Any, Any, None]:
    """Wake when something is due (at most every minute), wait LUNA's latency, relay."""
    outbox = world.bus.uow.outbox
    command = RelayOutbox(Actor.system())
    while True:
        due_at = outbox.next_due_at()
        wait = (
            POLL_SECONDS if due_at is None else min(world.clock.seconds_until(due_at), POLL_SECONDS)
        )
        yield world.env.timeout(max(wait, 1.0))
        if outbox.due(world.clock.now()):
            yield world.env.timeout(world.scenario.luna.latency_seconds)
            world.bus.handle(command)
