"""The simulated world: a scenario's population, the system, the fakes and the processes.

``World(scenario).run()`` builds the starting world (`sandbox.worlds.start.StartingWorld`) and
the system over it (`sandbox.system.build_system`) from the scenario and its seed, runs the simpy
environment day by day, and leaves the registry, the fakes and the journals to be reported.
Every request goes through ``World.send`` (the same bus as the API), and the invariants are
checked on what each command touched right after it (`sandbox.simulation.invariants`).

The fake CPR holds only the persons life events touch (a lazy mirror): a process asks
`World.cpr_person` before it records a life event, and once the system has read the feed
the mirrored persons and the consumed feed events are dropped again (their slots in the feed
stay, since it is read by position). A national run thus keeps one copy of the population,
the system's.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Sequence
from datetime import date
from typing import IO, Any, Protocol

import simpy

from fakes.cpr.backend import Person
from fakes.luna.backend import LunaBackend
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.domain.errors import SandboxError
from sandbox.domain.geography import Address
from sandbox.domain.model import Citizen
from sandbox.service import views
from sandbox.service.bus import Journal
from sandbox.service.commands import Command
from sandbox.service.cpr_records import address_to_cpr
from sandbox.service.ports import CprFeedEntry
from sandbox.simulation.clock import SECONDS_PER_DAY, SimClock
from sandbox.simulation.invariants import Invariants
from sandbox.simulation.journal import ReplayLog, RunStats, SimJournal
from sandbox.simulation.processes import start_processes
from sandbox.system import Fakes, build_system
from sandbox.worlds.scenario import Scenario
from sandbox.worlds.start import StartingWorld

LARGE_POPULATION = 200_000


def _configure_luna(backend: LunaBackend, scenario: Scenario) -> None:
    """The scenario's LUNA: seeded faults, answer latency and outage windows in simulated time."""
    settings = scenario.luna
    backend.set_faults(rates=settings.fault_rates, seed=scenario.seed)
    backend.set_latency(
        settings.latency_seconds,
        settings.jitter_seconds,
        settings.slow_rate,
        settings.slow_seconds,
    )
    for outage in settings.outages:
        backend.add_window(outage.start, outage.end, outage.kind)


class Narrator(Protocol):
    """Who tells a demo's audience what happens: told before and after each script step."""

    def before(self, step: dict[str, Any]) -> None: ...

    def after(self, step: dict[str, Any], result: Any) -> None: ...


class StopRun(Exception):
    """Raised to end a run early on purpose (a replay reached its event or case)."""


class SimulatedCpr(InProcessCpr):
    """The CPR port of the simulation: the feed without deep copies.

    The general adapter copies every event so a caller cannot change the fake through it; here
    the fake forgets an event's data once the system has read it (`World.forget_consumed_cpr`),
    so nobody holds it afterwards, and a national year saves millions of copies.
    """

    def events_after(self, sequence: int) -> Sequence[CprFeedEntry]:
        return self.backend.events_after(sequence)  # the fake's own events: typed, not copied


class World(StartingWorld):
    """Verden - one run of one scenario with one seed: the starting world, the system over it
    (`sandbox.system.build_system`) and the processes that make things happen."""

    def __init__(
        self,
        scenario: Scenario,
        replay_stream: IO[str] | None = None,
        *,
        env: simpy.Environment | None = None,
        observers: tuple[Journal, ...] = (),
    ) -> None:
        self.env = env if env is not None else simpy.Environment()
        self.clock = SimClock(self.env, scenario.start_moment)
        large = scenario.population >= LARGE_POPULATION
        luna = LunaBackend(
            scenario.seed, journal_limit=1000 if large else None, keep_payloads=not large
        )
        _configure_luna(luna, scenario)
        super().__init__(scenario, luna=luna)
        self.narrator: Narrator | None = None
        self._practices_in: dict[str, list[str]] = {}
        self._near: dict[tuple[str, str], list[str]] = {}
        self.stats = RunStats(self)
        self.invariants = Invariants(self)
        self.invariants.timeline = self.stats.timeline
        # one journal for both (a table by event type: see SimJournal)
        journals: list[Journal] = [SimJournal(self.stats, self.invariants.journal)]
        self.replay_log = ReplayLog(replay_stream, scenario.log) if replay_stream else None
        if self.replay_log is not None:
            journals.append(self.replay_log)
        journals.extend(observers)
        self.system = build_system(
            self.clock,
            registry=self.registry,
            fakes=Fakes(cpr=self.cpr_backend, luna=self.luna_backend),
            cpr_adapter=SimulatedCpr,
            geography=self.geography,
            journals=journals,
            relay_after_each_command=False,
        )
        assert isinstance(self.system.luna, InProcessLuna)
        self.luna = self.system.luna
        self.bus = self.system.bus
        self._mirrored: list[str] = []
        self.stop_requested: str | None = None
        self.sent = 0
        start_processes(self)

    # acting ----------------------------------------------------------------------------------
    def send(self, command: Command) -> Any:
        """Send a command as a person in the world would: a refusal is an outcome, not a crash.

        The journals have already recorded a refused or invalid command with its reasons; the
        invariants are checked on what the command touched before anything else happens.
        """
        self.sent += 1
        try:
            result = self.bus.handle(command)
        except SandboxError:
            result = None
        self.invariants.check_touched()
        if self.stop_requested is not None:
            raise StopRun(self.stop_requested)
        return result

    def later(self, seconds: float, action: Callable[[], None]) -> None:
        """Do ``action`` after ``seconds`` of simulated time (no process per person)."""
        timeout = self.env.timeout(max(seconds, 0.0))
        timeout.callbacks.append(lambda _event: action())

    def pick_resident(
        self, rng: random.Random, accept: Callable[[Citizen], bool] | None = None, tries: int = 30
    ) -> Citizen | None:
        """A random resident (status 01/03) for whom ``accept`` holds, or None."""
        # The processes pick a few hundred thousand residents a national year, up to 30 tries
        # each, at random places in a list of millions. The builder's residents are in the
        # list as the citizens themselves (`PopulationResult.residents`), so a try reads the
        # citizen at once; each try looked a CPR number up in the store's index of every
        # citizen (two cold reads, the number and the index's slot, before the citizen's own).
        # A resident made later (a newborn, a new number, a return from Greenland) is appended
        # as a number; once found it is replaced by its citizen. The store's citizen for a
        # number stays the same object once a command has added it (a handler adds one only for
        # a number it does not know; a failed command's additions are taken back before the
        # picker, which runs between commands, can see them). A number not known yet (a
        # newborn before the feed is read) stays a number: the same draws, tries and answers.
        residents, draw = self.residents, rng.random
        known, uow = views.known_citizen, self.bus.uow
        count = len(residents)
        for _ in range(tries):
            at = int(draw() * count)
            held = residents[at]
            if isinstance(held, str):
                citizen = known(uow, held)
                if citizen is None:
                    continue
                residents[at] = citizen
            else:
                citizen = held
            if citizen.is_resident and (accept is None or accept(citizen)):
                return citizen
        return None

    # the fake CPR as a lazy mirror -----------------------------------------------------------
    def cpr_person(self, cpr: str, citizen: Citizen | None = None) -> Person | None:
        """The person in the fake CPR, mirrored from the registry on first touch (``citizen``:
        the registry's citizen of ``cpr``, when the caller has it at hand - the picked one -
        so it is not looked up again)."""
        person = self.cpr_backend.persons.get(cpr)
        if person is not None:
            return person
        if citizen is None:
            citizen = views.known_citizen(self.bus.uow, cpr)
        if citizen is None:
            return None
        person = Person(
            cpr,
            citizen.name,
            citizen.birth_date,
            citizen.status,
            address_to_cpr(citizen.address),
            citizen.civil_status.value,
            citizen.spouse,
            citizen.parents,
            citizen.custody_holders,
            citizen.protected,
        )
        self.cpr_backend.add_person(person)
        self._mirrored.append(cpr)
        return person

    def practices_near(self, address: Address, open_on: date | None = None) -> list[str]:
        """Ydernumre within the distance limit of the address's postcode point, sorted (cached
        per postcode: the simulator's choices need 'near', not the exact metre)."""
        key = (address.postcode, address.municipality_code)
        found = self._near.get(key)
        if found is None:
            limit = self.geography.municipality(address.municipality_code).distance_limit_km
            try:
                point = self.geography.postcode(address.postcode).centre
            except SandboxError:
                point = address.coordinates
            found = self._near[key] = sorted(
                p.ydernummer for p in views.practices_near(self.bus.uow, point, limit)
            )
        if open_on is None:
            return found
        uow = self.bus.uow
        return [y for y in found if views.practice(uow, y).is_open_on(open_on)]

    def practices_in(self, code: str) -> list[str]:
        """Ydernumre of the practices in a municipality (all practices when it has none)."""
        if not self._practices_in:
            for practice in views.all_practices(self.bus.uow):
                self._practices_in.setdefault(practice.municipality_code, []).append(
                    practice.ydernummer
                )
            for items in self._practices_in.values():
                items.sort()
        return self._practices_in.get(code) or views.practice_numbers(self.bus.uow)

    def mirrored(self, cpr: str) -> None:
        """Mark a person the fake CPR created itself (a newborn, a new number) for eviction."""
        self._mirrored.append(cpr)

    def forget_consumed_cpr(self) -> None:
        """After the system read the feed: the fake CPR drops the mirrored persons (but the
        cast's CPR-only persons) and the consumed events' data."""
        keep = self.cast.cpr_only
        self.cpr_backend.forget(
            (cpr for cpr in self._mirrored if cpr not in keep),
            events_up_to=views.cpr_feed_sequence(self.bus.uow),
        )
        self._mirrored.clear()

    # running ---------------------------------------------------------------------------------
    def run(self, on_day: Callable[[int], None] | None = None) -> None:
        """Run the scenario's days; ``on_day(n)`` is called after each simulated day."""
        # A command makes and drops thousands of short-lived objects, which reference counting
        # frees; the cyclic collector finds next to no garbage in a run (at 600,000 residents:
        # 240 objects in 60 days), yet each of its runs walks what the day has made so far, all
        # of it alive: at the default threshold (700) 7 % of a run, at 50,000 still 2-3 % (14
        # runs in 30 days at 1,200,000 residents, benchmarks/README.md). So it does not run
        # while a world runs (it is switched back on after), and what is left at the end of a
        # day (cases, letters, indexes, and the starting world before the first) is frozen:
        # kept off the collections after the run, which would otherwise walk the whole
        # country's references (half a second a full collection at national scale).
        was_enabled = gc.isenabled()
        gc.disable()
        gc.freeze()
        try:
            for day in range(1, self.scenario.duration_days + 1):
                self.env.run(until=day * SECONDS_PER_DAY)
                gc.freeze()
                self.stats.end_of_day(day)
                if on_day is not None:
                    on_day(day)
        finally:
            if was_enabled:
                gc.enable()

    def request_stop(self, why: str) -> None:
        self.stop_requested = why
