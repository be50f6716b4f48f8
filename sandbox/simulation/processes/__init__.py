"""Simpy processes of the simulated world: one stream per kind of life event (DESIGN.md 8).

A process waits, then sends a command through the same bus as the API (`World.send`), or
records a life event in the fake CPR, which the system reads with its daily feed job. It
never changes the system's state itself; it only reads the world to pick whom the next event
happens to. `start_processes` starts every process whose rate in the scenario is above zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sandbox.simulation.world import World


def start_processes(world: World) -> None:
    from sandbox.simulation.processes import (
        cards,
        casework,
        choices,
        life,
        moves,
        practices,
        script,
        system,
    )

    system.start(world)
    life.start(world)
    moves.start(world)
    choices.start(world)
    practices.start(world)
    cards.start(world)
    casework.start(world)
    script.start(world)
