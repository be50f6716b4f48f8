"""The simulated world: a scenario's population, the system, the fakes and the processes.

``World(scenario).run()`` builds everything from the scenario and its seed, runs the simpy
environment day by day, and leaves the registry, the fakes and the journals to be reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

import simpy

from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import load_geography
from sandbox.domain.registry import Registry
from sandbox.service.bootstrap import bootstrap
from sandbox.service.bus import Journal
from sandbox.service.commands import Command
from sandbox.simulation.clock import SECONDS_PER_DAY, SimClock
from sandbox.simulation.journal import ReplayLog, RunStats
from sandbox.simulation.population import PopulationBuilder
from sandbox.simulation.processes.gp_changes import gp_changes
from sandbox.simulation.processes.luna_relay import luna_relay
from sandbox.simulation.rng import Streams
from sandbox.simulation.scenario import Scenario


class World:
    """Verden - one run of one scenario with one seed."""

    def __init__(self, scenario: Scenario, replay_stream: IO[str] | None = None) -> None:
        self.scenario = scenario
        self.env = simpy.Environment()
        self.clock = SimClock(self.env, scenario.start_moment)
        self.streams = Streams(scenario.seed)
        self.geography = load_geography()
        self.luna_backend = LunaBackend(scenario.seed)
        self.luna_backend.set_faults(rates=scenario.luna.fault_rates, seed=scenario.seed)
        self.cpr_backend = CprBackend()
        registry = Registry()
        PopulationBuilder(self.geography, scenario.seed, scenario.start).populate(
            registry, scenario.municipalities, scenario.population
        )
        self.cprs = list(registry.citizens)
        self.stats = RunStats()
        journals: list[Journal] = [self.stats]
        self.replay_log = ReplayLog(replay_stream) if replay_stream is not None else None
        if self.replay_log is not None:
            journals.append(self.replay_log)
        self.bus = bootstrap(
            clock=self.clock,
            luna=InProcessLuna(self.luna_backend, self.clock),
            cpr=InProcessCpr(self.cpr_backend),
            registry=registry,
            geography=self.geography,
            journals=journals,
            relay_after_each_command=False,
        )
        self.env.process(gp_changes(self))
        self.env.process(luna_relay(self))

    def send(self, command: Command) -> Any:
        """Send a command as a person in the world would: a refusal is an outcome, not a crash.

        The journals have already recorded a refused or invalid command with its reasons.
        """
        try:
            return self.bus.handle(command)
        except SandboxError:
            return None

    def run(self, on_day: Callable[[int], None] | None = None) -> None:
        """Run the scenario's days; ``on_day(n)`` is called after each simulated day."""
        for day in range(1, self.scenario.duration_days + 1):
            self.env.run(until=day * SECONDS_PER_DAY)
            if on_day is not None:
                on_day(day)
