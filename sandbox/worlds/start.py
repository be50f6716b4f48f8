"""The world a scenario starts from, built without time: population, practices, cast, fakes.

`StartingWorld(scenario)` is what both the simulator and the HTTP server start from: the
registry filled by the population builder (households, citizens, practices), the scenario's
cast placed into it, card opt-outs in the fake LUNA, and in the fake CPR the cast's persons who
live in Greenland and the residents of Greenland who will move during the run (made up front,
so a served scenario holds the same persons the simulator's first day does). No clock, no
bus and no simpy: the simulator's `World` adds those (`sandbox.simulation.world`), the API
pickles the state (`sandbox.api.world.build_state`).
"""

from __future__ import annotations

import gc
import random

from fakes.cpr.backend import CprBackend, Person
from fakes.luna.backend import LunaBackend
from sandbox.domain.geography import load_geography
from sandbox.service.store import Store
from sandbox.worlds.cast import GREENLAND_ADDRESS, build_cast, reserved_numbers
from sandbox.worlds.population import PopulationBuilder
from sandbox.worlds.rng import Streams
from sandbox.worlds.scenario import Scenario, check_population


class StartingWorld:
    """Startverden - one scenario's world on its first morning, before anything happens."""

    def __init__(self, scenario: Scenario, luna: LunaBackend | None = None) -> None:
        check_population(scenario.municipalities, scenario.population, scenario.path)
        self.scenario = scenario
        self.streams = Streams(scenario.seed)
        self.geography = load_geography()
        self.luna_backend = luna if luna is not None else LunaBackend(scenario.seed)
        self.cpr_backend = CprBackend()
        self.registry = Store()
        self.builder = PopulationBuilder(
            self.geography, scenario.seed, scenario.start, scenario.shares
        )
        self.builder.numbers.reserved.update(reserved_numbers(scenario))
        self._populate()
        self.cast = build_cast(self)
        self.greenlanders = self._greenlanders()

    def _populate(self) -> None:
        """The population, with the collector off: millions of objects that live all run."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            result = self.builder.populate(
                self.registry, self.scenario.municipalities, self.scenario.population
            )
        finally:
            gc.freeze()  # the population is never garbage: keep the collector off it
            if was_enabled:
                gc.enable()
        self.population = result
        self.residents = result.residents
        for cpr in result.opted_out:
            self.luna_backend.opt_out(cpr)

    def _greenlanders(self) -> list[str]:
        """Residents of Greenland who will move (status 05, in the fake CPR only): half as many
        again as the run's expected moves, and one more, so the moves seldom make new ones."""
        scenario = self.scenario
        rate = scenario.rates["greenland_moves_per_1000_per_year"]
        expected = rate * scenario.population / 1000.0 * (scenario.duration_days / 365.0)
        rng = self.streams.get("greenland_population")
        count = round(expected * 1.5) + 1 if expected > 0 else 0
        return [self.greenlander(rng) for _ in range(count)]

    def greenlander(self, rng: random.Random) -> str:
        """A new person living in Greenland (status 05), in the fake CPR only."""
        numbers, names = self.builder.numbers, self.builder.names
        birth = numbers.birth_date(self.builder.ages.adult())
        cpr = numbers.number(birth)
        pool = names.first_female if cpr[9] in "02468" else names.first_male
        first = pool[int(rng.random() * len(pool))]
        last = names.last[int(rng.random() * len(names.last))]
        self.cpr_backend.add_person(
            Person(cpr, f"{first} {last}", birth, "05", dict(GREENLAND_ADDRESS))
        )
        return cpr
